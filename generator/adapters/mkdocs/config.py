"""The `exemplars` plugin options, declared with MkDocs' config schema.

Defaults come from `generator.core.settings`, so there is one place that says what the portal does
out of the box; `to_settings` hands the validated options to the core.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c

from generator.core.axes import AXES, Axis
from generator.core.dates import build_date
from generator.outputs.editor import BACKENDS, EditorOptions
from generator.outputs.photos import ImageOptions
from generator.core.safety import PRIVACY_RULES, SafetyOptions
from generator.core.settings import Portal, Settings

__all__ = ["AxisConfig", "EditorConfig", "ExemplarsConfig", "PortalConfig", "settings_from_file", "to_settings"]

_DEFAULTS = Settings(root=Path("."))
_PORTAL = Portal()


class Color(c.Type):
    """A CSS hex colour (#rgb or #rrggbb): anything else could inject CSS into every page."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", value):
            raise c.ValidationError(f"expected a colour like #a31d1d, got {value!r}")
        return value


class PortalConfig(base.Config):
    """`portal:` who publishes the site (header, footer, feeds, share cards)."""

    province = c.Type(str, default=_PORTAL.province)
    agency = c.Type(str, default=_PORTAL.agency)
    owner = c.Type(str, default=_PORTAL.owner)
    responsible = c.Type(str, default=_PORTAL.responsible)
    address = c.Type(str, default=_PORTAL.address)
    phone = c.Type(str, default=_PORTAL.phone)
    email = c.Type(str, default=_PORTAL.email)
    licence = c.Type(str, default=_PORTAL.licence)
    primary_color = Color(default=_PORTAL.primary_color)
    accent_color = Color(default=_PORTAL.accent_color)


_IMAGES = ImageOptions()


class Widths(c.ListOfItems):
    """Rendition widths: a non-empty list of positive pixel counts."""

    def __init__(self, default: list[int]) -> None:
        super().__init__(c.Type(int), default=default)

    def run_validation(self, value: object) -> list[int]:
        widths = super().run_validation(value)
        if not widths or any(w < 16 or w > 8000 for w in widths):
            raise c.ValidationError(f"expected widths between 16 and 8000 pixels, got {widths!r}")
        return widths


class PrivacyRules(c.DictOfItems):
    """Severity per personal-data rule; an unknown rule name is a configuration error."""

    def __init__(self) -> None:
        super().__init__(c.Choice(("warning", "error", "off")), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        if isinstance(value, dict):  # YAML reads an unquoted `off` as false (and `on` as true)
            value = {k: {False: "off", True: "warning"}.get(v, v) if isinstance(v, bool) else v for k, v in value.items()}
        rules = super().run_validation(value)
        unknown = sorted(set(rules) - set(PRIVACY_RULES))
        if unknown:
            raise c.ValidationError(f"unknown rules {unknown}; known: {sorted(PRIVACY_RULES)}")
        return rules


class ImagesConfig(base.Config):
    """`images:` how photos are processed (see generator.outputs.photos)."""

    widths = Widths(default=list(_IMAGES.widths))
    formats = c.ListOfItems(c.Choice(("avif", "webp", "jpeg")), default=list(_IMAGES.formats))
    """Modern formats to offer; JPEG is always added as the fallback."""
    max_megapixels = c.Type(int, default=_IMAGES.max_pixels // 1_000_000)
    thumb_widths = Widths(default=list(_IMAGES.thumb_widths))


class MediaConfig(base.Config):
    """`media:` video and audio files next to stories (see generator.validate.rules.media)."""

    max_video_mb = c.Type(int, default=SafetyOptions.max_video_mb)
    """Largest video file a story may carry, in MB; longer reports belong on the station's channel."""
    max_audio_mb = c.Type(int, default=SafetyOptions.max_audio_mb)
    """Largest audio file a story may carry, in MB."""


_EDITOR = EditorOptions()


class EditorConfig(base.Config):
    """`editor:` the web editor `soan-bai/` and where it saves stories (see generator.outputs.editor)."""

    enabled = c.Type(bool, default=_EDITOR.enabled)
    backend = c.Choice(BACKENDS, default=_EDITOR.backend)
    """`local`: `exemplars editor` on this machine; `github`, `gitlab`, `gitea`: the portal's repository."""
    repo = c.Type(str, default=_EDITOR.repo)
    """`owner/name` of the repository (hosted backends)."""
    branch = c.Type(str, default=_EDITOR.branch)
    base_url = c.Type(str, default=_EDITOR.base_url)
    """The server completing the OAuth sign-in (GitHub, GitLab), or the Gitea server."""
    api_root = c.Type(str, default=_EDITOR.api_root)
    """API of a self-hosted GitLab or Gitea."""
    app_id = c.Type(str, default=_EDITOR.app_id)
    """Public id of the OAuth application (GitLab, Gitea); never a secret."""
    publish_mode = c.Choice(("editorial_workflow", "simple"), default="editorial_workflow")
    """Hosted backends: `editorial_workflow`, a branch and pull/merge request per story."""

    def validate(self):
        failed, warnings = super().validate()
        if not failed and self.backend != "local" and "/" not in self.repo:
            failed.append(("repo", c.ValidationError(f"backend {self.backend} needs repo: owner/name")))
        return failed, warnings


_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TAKEN_FOLDERS = {
    axis.folder for axis in AXES
} | {"nam", "guong-dien-hinh", "nhung", "du-lieu", "tim-kiem", "thong-ke", "lay-y-kien", "anh", "media", "assets"}
"""URL folders the site already uses: an axis's listings must not land in them."""


class AxisConfig(base.Config):
    """One entry of `axes:`: a listing axis the site adds to the built-in ones (see generator.core.axes)."""

    name = c.Type(str)
    """Plural id and vocabulary file stem: `blocs` -> `blocs.yml` in `vocabulary_dir`."""
    key = c.Type(str)
    """Front-matter key officers write (`bloc: ...`)."""
    folder = c.Type(str)
    """URL folder of its listings (`khoi-thi-dua/<id>/`)."""
    label = c.Type(str)
    """Vietnamese title of its overview and listings ("Khối thi đua")."""
    label_en = c.Type(str, default="")
    short = c.Optional(c.Type(str))
    """Label beside a value (story page, search filter); default: `label`."""
    noun = c.Optional(c.Type(str))
    """How messages name it, lower case; default: `label` in lower case."""
    help = c.Type(str, default="")
    """One line for officers on what to write (the `exemplars new` template)."""
    many = c.Type(bool, default=False)
    required = c.Type(bool, default=False)
    feeds = c.Type(bool, default=False)
    facet = c.Type(bool, default=True)


class Axes(c.ListOfItems):
    """`axes:` the site's own axes; ids, keys and folders must be new and URL-safe."""

    def __init__(self) -> None:
        super().__init__(c.SubConfig(AxisConfig), default=[])

    def run_validation(self, value: object) -> list:
        axes = super().run_validation(value)
        from generator.validate.schema import KNOWN_KEYS

        names, keys, folders = {a.name for a in AXES}, set(KNOWN_KEYS), set(_TAKEN_FOLDERS)
        for axis in axes:
            for field, taken in (("name", names), ("key", keys), ("folder", folders)):
                value = axis[field]
                if not _SLUG.fullmatch(value if field != "key" else value.replace("_", "-")):
                    raise c.ValidationError(f"{field} {value!r}: expected lower-case ASCII words joined by '-'")
                if value in taken:
                    raise c.ValidationError(f"{field} {value!r} is already used")
                taken.add(value)
        return axes


def _axis(config: AxisConfig) -> Axis:
    label = config.label
    return Axis(
        name=config.name, key=config.key, folder=config.folder, label=label, label_en=config.label_en or config.name,
        short=config.short or label, noun=(config.noun or label.lower(), config.label_en.lower() or config.key),
        help=config.help or f"{label} (exemplars vocab {config.name}).",
        many=config.many, required=config.required, feeds=config.feeds, facet=config.facet,
    )  # fmt: skip


class ExemplarsConfig(base.Config):
    """Options of the `exemplars` plugin in mkdocs.yml."""

    # Where the input is
    stories_dir = c.Type(str, default=_DEFAULTS.stories_dir)
    vocabulary_dir = c.Optional(c.Type(str))

    # Listings and feeds
    axes = Axes()
    """Listing axes beyond movements, fields, units and districts, each with a vocabulary file."""
    per_page = c.Type(int, default=_DEFAULTS.per_page)
    feed_limit = c.Type(int, default=_DEFAULTS.feed_limit)

    # Messages
    lang = c.Choice(("vi", "en"), default=_DEFAULTS.lang)

    # Publisher
    portal = c.SubConfig(PortalConfig)

    # Safety: what stories may contain
    strict = c.Type(bool, default=False)
    """Warnings (HTML that will be removed, personal data) stop the build."""
    video_hosts = c.ListOfItems(c.Type(str), default=[])
    """Hosts whose videos stories may show (www.youtube.com, www.facebook.com, the station's player):
    as a poster until the reader clicks play; `exemplars headers` allows their players in frame-src."""
    media = c.SubConfig(MediaConfig)
    privacy = PrivacyRules()
    """Severity per personal-data rule: id_number, phone, email, address, birth_date."""
    privacy_allow = c.ListOfItems(c.Type(str), default=[])
    """Official numbers and addresses that may be published (e.g. the board's hotline)."""

    # Search
    search = c.Type(bool, default=_DEFAULTS.search)

    # Photos
    images = c.SubConfig(ImagesConfig)

    # Web editor
    editor = c.SubConfig(EditorConfig)
    cache_dir = c.Type(str, default=_DEFAULTS.cache_dir)

    # Speed
    workers = c.Type(int, default=0)
    """Processes a build may use (validation, photos, share cards, pages); 0: one per core (Linux, not in `mkdocs serve`)."""


def to_settings(
    config: ExemplarsConfig,
    config_file: str | Path,
    site_url: str | None = None,
    site_name: str | None = None,
    site_description: str | None = None,
    logo: str | None = None,
) -> Settings:
    """Core settings from validated plugin options; paths are relative to mkdocs.yml's folder."""
    return Settings(
        root=Path(config_file).resolve().parent,
        stories_dir=config.stories_dir,
        vocabulary_dir=config.vocabulary_dir,
        per_page=config.per_page,
        build_date=build_date(),
        lang=config.lang,
        site_url=site_url or "",
        site_name=site_name or _DEFAULTS.site_name,
        site_description=site_description or "",
        logo=logo or "",
        feed_limit=config.feed_limit,
        search=config.search,
        portal=Portal(**{f.name: config.portal[f.name] for f in fields(Portal)}),
        images=replace(
            _IMAGES,
            widths=tuple(sorted(config.images.widths)),
            # JPEG is always made, last: the <img> fallback, feeds and Facebook read it.
            formats=tuple(dict.fromkeys([f for f in config.images.formats if f != "jpeg"] + ["jpeg"])),
            max_pixels=config.images.max_megapixels * 1_000_000,
            thumb_widths=tuple(sorted(config.images.thumb_widths)),
        ),
        cache_dir=config.cache_dir,
        axes=AXES + tuple(_axis(axis) for axis in config.axes),
        editor=EditorOptions(
            enabled=config.editor.enabled, backend=config.editor.backend, repo=config.editor.repo,
            branch=config.editor.branch, base_url=config.editor.base_url, api_root=config.editor.api_root,
            app_id=config.editor.app_id, editorial_workflow=config.editor.publish_mode == "editorial_workflow",
        ),
        workers=config.workers,
        strict=config.strict,
        safety=SafetyOptions(
            video_hosts=tuple(config.video_hosts),
            privacy=dict(config.privacy),
            allowed_numbers=tuple(config.privacy_allow),
            max_pixels=config.images.max_megapixels * 1_000_000,
            max_video_mb=config.media.max_video_mb,
            max_audio_mb=config.media.max_audio_mb,
        ),
    )


def settings_from_file(config_file: Path) -> Settings:
    """Read only the `exemplars` plugin options from an mkdocs.yml (what `exemplars check` needs).

    Raises `mkdocs.exceptions.ConfigurationError` when the file or the options are invalid.
    """
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load

    with open(config_file, encoding="utf-8-sig") as stream:
        raw = yaml_load(stream)
    plugins = raw.get("plugins") or []
    options: object = {}
    if isinstance(plugins, dict):
        options = plugins.get("exemplars") or {}
    else:
        for entry in plugins:
            if isinstance(entry, dict) and "exemplars" in entry:
                options = entry["exemplars"] or {}
    if not isinstance(options, dict):
        raise ConfigurationError("plugins.exemplars: expected a mapping of options")
    config = ExemplarsConfig(config_file_path=str(config_file))
    config.load_dict(options)
    failed, _warnings = config.validate()
    if failed:
        raise ConfigurationError("; ".join(f"plugins.exemplars.{key}: {error}" for key, error in failed))
    theme = raw.get("theme") if isinstance(raw.get("theme"), dict) else {}
    return to_settings(config, config_file, raw.get("site_url"), raw.get("site_name"), raw.get("site_description"), theme.get("logo"))
