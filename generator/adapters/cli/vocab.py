"""`exemplars vocab`: the values each axis accepts, with ids and other names."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, site_settings
from generator.core.axes import in_story_order
from generator.core.errors import format_problems
from generator.core.text import collation_key
from generator.load.vocabulary import load_vocabulary

__all__ = ["vocab"]


@click.command()
@click.argument("axis", required=False)
@CONFIG
def vocab(axis: str | None, config_file: Path) -> None:
    """Liệt kê các giá trị được phép (mã, tên, tên gọi khác)."""
    settings = site_settings(config_file, required=False)
    axes = in_story_order(settings.axes)
    names = [a.name for a in axes]
    if axis is not None and axis not in names:
        # Not a click.Choice: the choices depend on the site's axes, read from mkdocs.yml.
        raise click.BadParameter(f'"{axis}" không có; chọn một trong: {", ".join(names)}.', param_hint="AXIS")
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root, settings.axes)
    for shown_axis in [a for a in axes if axis in (None, a.name)]:
        click.echo(f"# {shown_axis.label} ({shown_axis.key})")
        for term in sorted(vocabulary.axis(shown_axis.name).terms, key=lambda t: collation_key(t.name)):
            aliases = f"  (còn gọi: {'; '.join(term.aliases)})" if term.aliases else ""
            click.echo(f"{term.id:<24} {term.name}{aliases}")
        click.echo("")
    if problems:
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)
