"""The output folder: claimed, built beside the target and swapped in whole; data files written.

`claim` takes the folder's lock and gives the folder MkDocs builds into, beside the target
(`generator.runtime.publish`); `publish` swaps it in once every file is written; `abandon` removes
it when the build fails. A build that is killed leaves the target as it was: the next one removes
what it left. Disk full and a folder another build holds end the build with one message.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import write_file

from generator.core.messages import render
from generator.pipeline import OutputFile
from generator.runtime import publish
from generator.runtime import files

__all__ = ["claim", "disk_full", "make_then_write", "write_outputs"]


def claim(site_dir: str, in_place: bool) -> publish.Publication:
    """Take the output folder `site_dir`; build beside it unless `in_place` (`--dirty`, a mount point).

    Raises `PluginError` (MkDocs prints it, no traceback) when another build holds the folder.
    """
    # A symbolic link (a release scheme of its own) stays: the folder it points to is replaced.
    target = Path(os.path.realpath(site_dir))
    try:
        return publish.start(target, in_place=in_place or os.path.ismount(target))
    except publish.FolderBusy as busy:
        raise PluginError(render("output.locked", {"folder": busy.folder, "pid": busy.holder or "?"})) from None


def disk_full(error: BaseException, publication: publish.Publication | None) -> PluginError | None:
    """The error to stop with when `error` is a full disk, naming the folder it could not write, else None."""
    full = files.disk_full(error)
    if full is None:
        return None
    written = Path(os.fsdecode(full.filename)) if full.filename else None
    if publication is not None and (written is None or written.is_relative_to(publication.staging)):
        folder = publication.target  # the output folder, as the officer named it (not the one beside it)
    else:
        folder = written.parent if written is not None else Path.cwd()
    return PluginError(render("output.no_space", {"folder": folder}))


def write_outputs(make: Callable[[], list[OutputFile]], site_dir: str) -> None:
    """Make deferred data files (feeds, embeds, search index...) and write them into the site."""
    _write(make(), site_dir)


def make_then_write(makers: Sequence[Callable[[], list[OutputFile]]], site_dir: str, cleaned) -> None:
    """Make deferred data files; write them once `cleaned` (an Event: MkDocs emptied the folder) is set."""
    outputs = [output for make in makers for output in make()]
    cleaned.wait()
    _write(outputs, site_dir)


def _write(outputs: Sequence[OutputFile], site_dir: str) -> None:
    for output in outputs:
        assert output.content is not None
        data = output.content.encode("utf-8") if isinstance(output.content, str) else output.content
        write_file(data, os.path.join(site_dir, *output.url.split("/")))
