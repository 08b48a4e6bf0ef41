"""The output folder: the previous site set aside and deleted beside the build; data files written.

MkDocs empties the output folder on one core before it builds, and a national archive's site
has tens of thousands of files. Moved into a hidden folder inside it (MkDocs leaves hidden
entries alone: same file system, one rename each), they are deleted by a forked process while the
build goes on. A folder left by an interrupted build goes with it.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

from mkdocs.utils import write_file

from generator.pipeline import OutputFile

__all__ = ["SET_ASIDE", "make_then_write", "set_aside", "write_outputs"]

SET_ASIDE = ".gs-old-"
"""Prefix of the hidden folder holding the previous site while it is deleted."""


def set_aside(site_dir: Path) -> Callable[[], None]:
    """Move the previous site out of MkDocs' way; return the function deleting it."""
    if site_dir.is_dir():
        aside = site_dir / f"{SET_ASIDE}{os.getpid()}"
        aside.mkdir(exist_ok=True)
        for entry in os.scandir(site_dir):
            if not entry.name.startswith("."):
                with contextlib.suppress(OSError):  # a mount point, say: left for MkDocs to empty
                    os.rename(entry.path, aside / entry.name)
    leftovers = list(site_dir.glob(SET_ASIDE + "*"))
    return functools.partial(_remove_all, leftovers)


def _remove_all(folders: list[Path]) -> None:
    if not folders:
        return
    try:  # `rm` takes half the time of shutil.rmtree (forking, hence this, is on Linux only)
        subprocess.run(["rm", "-rf", "--", *map(str, folders)], check=False)
    except OSError:  # no `rm` in this system
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


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
