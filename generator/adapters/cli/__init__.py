"""The `exemplars` command: a thin layer over the library for officers and CI, one module per command.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or configuration error (usage
errors in Vietnamese, `generator.adapters.cli.usage`).
Only `ExemplarsError` and MkDocs' `ConfigurationError` are caught; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import click

from generator.adapters.cli.cache import cache
from generator.adapters.cli.check import check
from generator.adapters.cli.editor import editor
from generator.adapters.cli.headers import headers
from generator.adapters.cli.importing import import_docx
from generator.adapters.cli.init import init
from generator.adapters.cli.new import new
from generator.adapters.cli.report import report
from generator.adapters.cli.serve import serve
from generator.adapters.cli.usage import VietnameseGroup
from generator.adapters.cli.vocab import vocab

__all__ = ["cli", "main"]


@click.group(cls=VietnameseGroup, context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Gương sáng: kiểm tra và xuất bản gương điển hình tiên tiến."""


for _command in (check, vocab, report, new, import_docx, serve, editor, headers, cache, init):
    cli.add_command(_command)


def main() -> None:
    """Entry point of the `exemplars` console script."""
    cli(prog_name="exemplars")
