"""Writing a file whole or not at all: a temporary file beside it, then one rename.

A build or a command can be killed at any instant (Ctrl-C, a CI timeout, out of memory, a power
cut) or run out of disk. Everything the generator writes outside the site's build folder (cache
entries, a new story, an imported story and its photos, a report) goes through here, so that a
reader finds either the previous file or the new one, never the first half of the new one.
"""

from __future__ import annotations

import errno
import os
import shutil
import sys
import tempfile
from pathlib import Path

__all__ = ["create_atomic", "disk_full", "write_atomic"]

TEMPORARY = ".tmp-"
"""Prefix of the temporary files (hidden: a half-written one is never mistaken for content)."""
_FICLONE = 0x40049409
"""Linux's ioctl sharing a file's blocks copy-on-write (Btrfs, XFS, bcachefs): a copy that costs no data."""
_NO_CLONE: set[int] = set()
"""Devices where cloning failed once: copied from then on without trying."""


def _temporary(path: Path, data: bytes) -> str:
    """Write `data` to a new temporary file beside `path`; its name. Removed again if writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=TEMPORARY, suffix=path.suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
    except BaseException:
        os.unlink(temporary)
        raise
    # mkstemp makes the file readable by its owner only; a story or report is an ordinary file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(temporary, 0o666 & ~umask)
    return temporary


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole or not at all, replacing what is there."""
    temporary = _temporary(path, data)
    try:
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def create_atomic(path: Path, data: bytes) -> None:
    """Create `path` with `data` whole or not at all; `FileExistsError` rather than replace a file."""
    temporary = _temporary(path, data)
    try:
        os.link(temporary, path)  # unlike a rename, a link refuses to replace: no overwrite race
    finally:
        os.unlink(temporary)


def disk_full(error: BaseException | None) -> OSError | None:
    """The error in `error` or what caused it that says the disk or the user's quota is full, if any."""
    while error is not None:
        if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
            return error
        error = error.__cause__ or error.__context__
    return None


def clone_or_copy(source: str, destination: str) -> None:
    """Make `destination` a copy of `source` that shares no inode with it (a published file from the cache).

    A hard link would be faster, but then editing one file (an image optimiser run on the site,
    a fix on the server, a damaged cache) changes the other. Where the file system can clone
    (reflink), the copy shares blocks copy-on-write and costs no data; elsewhere it is copied by
    the kernel (`shutil.copyfile`).
    """
    device = os.stat(os.path.dirname(destination) or ".").st_dev
    if sys.platform == "linux" and device not in _NO_CLONE:
        import fcntl

        with open(source, "rb") as src, open(destination, "wb") as dst:
            try:
                fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
                return
            except OSError:  # ext4, tmpfs, another device: not supported
                _NO_CLONE.add(device)
    shutil.copyfile(source, destination)
