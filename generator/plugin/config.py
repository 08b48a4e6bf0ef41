"""The `exemplars` plugin options, declared with MkDocs' config schema.

Defaults come from `generator.settings.Settings`, so there is one place that says what the
portal does out of the box; `to_settings` hands the validated options to the core.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.dates import build_date
from generator.settings import Settings

__all__ = ["ExemplarsConfig", "settings_from_file", "to_settings"]

_DEFAULTS = Settings(root=Path("."))


class ExemplarsConfig(base.Config):
    """Options of the `exemplars` plugin in mkdocs.yml."""

    # Where the input is
    stories_dir = c.Type(str, default=_DEFAULTS.stories_dir)
    vocabulary_dir = c.Optional(c.Type(str))

    # Listings
    per_page = c.Type(int, default=_DEFAULTS.per_page)

    # Messages
    lang = c.Choice(("vi", "en"), default=_DEFAULTS.lang)


def to_settings(config: ExemplarsConfig, config_file: str | Path) -> Settings:
    """Core settings from validated plugin options; paths are relative to mkdocs.yml's folder."""
    return Settings(
        root=Path(config_file).resolve().parent,
        stories_dir=config.stories_dir,
        vocabulary_dir=config.vocabulary_dir,
        per_page=config.per_page,
        build_date=build_date(),
        lang=config.lang,
    )


def settings_from_file(config_file: Path) -> Settings:
    """Read only the `exemplars` plugin options from an mkdocs.yml (what `exemplars check` needs).

    Raises `mkdocs.exceptions.ConfigurationError` when the file or the options are invalid.
    """
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8-sig") as stream:
        raw = yaml_load(stream)
    options: object = {}
    for entry in raw.get("plugins") or []:
        if entry == "exemplars":
            break
        if isinstance(entry, dict) and "exemplars" in entry:
            options = entry["exemplars"] or {}
            break
    if isinstance(raw.get("plugins"), dict):
        options = raw["plugins"].get("exemplars") or {}
    if not isinstance(options, dict):
        raise ConfigurationError("plugins.exemplars: expected a mapping of options")
    config = ExemplarsConfig(config_file_path=str(config_file))
    config.load_dict(options)
    failed, warnings = config.validate()
    if failed:
        raise ConfigurationError("; ".join(f"plugins.exemplars.{key}: {error}" for key, error in failed))
    return to_settings(config, config_file)
