"""Publishing a build folder whole: built beside the target, swapped in by one rename, one build at a time.

The folder a build writes is what the public sees (nginx serves it). A build can be killed at
any moment or run out of disk, so it never writes into that folder:

- it takes the folder's lock (`<parent>/.<name>.gs-lock`, a POSIX record lock that the system
  releases when the process ends however it ends, so a killed build leaves no lock to clear by
  hand); a second build of the same folder stops with a message naming the holder's process;
- it writes into a new folder beside the target (`<parent>/.<name>.gs-new-<pid>`, same file
  system), and only when everything is written exchanges the two in one step (Linux
  `renameat2(RENAME_EXCHANGE)`): at every instant the target is the whole previous site or the
  whole new one. Where the system cannot exchange, the target is renamed aside and the new folder
  renamed in its place; a build killed between the two renames is repaired by the next one;
- the previous site, now beside the target, is removed after; folders left by killed builds are
  removed by the next build that takes the lock;
- hidden entries of the target (`.git` of a `gh-pages` worktree, say), which MkDocs never empties,
  move into the new folder before the swap; a build killed meanwhile has them moved back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import functools
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NEW", "OLD", "FolderBusy", "Publication", "exchange", "leftovers", "lock_path", "start"]

NEW = ".gs-new-"
"""Infix of a folder being built: `.<name>.gs-new-<pid>`."""
OLD = ".gs-old-"
"""Infix of a previous site set aside where folders cannot be exchanged: `.<name>.gs-old-<pid>`."""
LOCK = ".gs-lock"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


class FolderBusy(RuntimeError):
    """Another build holds the output folder's lock."""

    def __init__(self, folder: Path, holder: str) -> None:
        super().__init__(folder, holder)
        self.folder = folder
        self.holder = holder
        """The holder's process id as it wrote it (empty when unreadable)."""


def lock_path(target: Path) -> Path:
    """The lock file of the output folder `target` (beside it: the folder itself is replaced)."""
    return target.parent / f".{target.name}{LOCK}"


def leftovers(target: Path) -> list[Path]:
    """Folders beside `target` left by builds that did not finish (being built, or set aside)."""
    prefix = f".{target.name}"
    return sorted(p for infix in (NEW, OLD) for p in target.parent.glob(f"{prefix}{infix}*"))


_LOCKED_BYTE = 1024
"""The byte of the lock file that is locked: beyond the process id, which others read meanwhile."""


def _try_lock(descriptor: int) -> bool:
    """Lock the lock file's byte without waiting; False when another process holds it."""
    if os.name == "nt":  # an officer's Windows machine: msvcrt's lock also ends with the process
        import msvcrt

        os.lseek(descriptor, _LOCKED_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        # lockf (fcntl record locks) rather than flock: forked workers do not inherit the lock,
        # so it goes with the build process itself, and it works over NFS.
        fcntl.lockf(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, _LOCKED_BYTE)
    except OSError as error:
        if error.errno in (errno.EACCES, errno.EAGAIN):
            return False
        raise
    return True


def _lock(target: Path) -> int:
    """Take the lock of `target` or raise `FolderBusy`; the descriptor holding it."""
    descriptor = os.open(lock_path(target), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        locked = _try_lock(descriptor)
        os.lseek(descriptor, 0, os.SEEK_SET)
        if not locked:
            holder = os.read(descriptor, 64).decode("ascii", "replace").strip()
            raise FolderBusy(target, holder)
        os.write(descriptor, f"{os.getpid():<20}\n".encode("ascii"))  # fixed width: no truncating
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


@dataclass
class Publication:
    """One build's claim on an output folder: its lock and the folder being built beside it."""

    target: Path
    staging: Path
    descriptor: int
    recovered: list[Path]
    """Folders of earlier builds that did not finish, removed when this one started."""

    @property
    def in_place(self) -> bool:
        """Whether the build writes into the target itself (`--dirty`, a mount point): locked only."""
        return self.staging == self.target

    def publish(self) -> None:
        """Swap the built folder in for the target; remove the previous site; release the lock.

        If the swap fails (permissions changed meanwhile, say), the target is left as it was and
        the built folder removed, as by `abandon`.
        """
        try:
            if not self.in_place:
                self._swap()
        except BaseException:
            _remove([self.staging])
            raise
        finally:
            self.release()

    def _swap(self) -> None:
        if not self.target.exists():
            os.rename(self.staging, self.target)
            return
        _carry_hidden(self.target, self.staging)
        if exchange(self.staging, self.target):
            _remove([self.staging])  # now the previous site
            return
        aside = self.target.parent / f".{self.target.name}{OLD}{os.getpid()}"
        os.rename(self.target, aside)
        try:
            os.rename(self.staging, self.target)
        except BaseException:
            os.rename(aside, self.target)
            raise
        _remove([aside])

    def abandon(self) -> None:
        """Remove what this build wrote and release the lock: the target stays as it was."""
        try:
            if not self.in_place:
                _remove([self.staging])
        finally:
            self.release()

    def release(self) -> None:
        """Release the lock (the lock file stays: removing it would race with a build taking it)."""
        if self.descriptor >= 0:
            os.close(self.descriptor)
            self.descriptor = -1


def start(target: Path, in_place: bool = False) -> Publication:
    """Take the lock of the output folder `target`, clear what killed builds left, make the folder to build in.

    With `in_place` the build writes into `target` itself (a `--dirty` build updates what is
    there; a mount point cannot be replaced by a rename): the lock is all it takes.
    Raises `FolderBusy` when another build holds the lock.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor = _lock(target)
    try:
        found = leftovers(target)
        if not target.exists():
            # Killed between the two renames of a swap without exchange: the previous site is back.
            aside = [p for p in found if OLD in p.name]
            if aside:
                os.rename(aside[-1], target)
                found.remove(aside[-1])
        for folder in found:
            _carry_hidden(folder, target)
        _remove(found)
        staging = target if in_place else target.parent / f".{target.name}{NEW}{os.getpid()}"
        staging.mkdir(exist_ok=in_place)
    except BaseException:
        os.close(descriptor)
        raise
    return Publication(target, staging, descriptor, found)


@functools.cache
def _renameat2():
    """glibc's renameat2, or None (another C library, another system)."""
    if sys.platform != "linux":
        return None
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    function = getattr(libc, "renameat2", None)
    if function is not None:
        function.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    return function


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders' names in one step; False when the system or file system cannot."""
    function = _renameat2()
    if function is None:
        return False
    if function(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # a file system without exchange
        return False
    raise OSError(code, os.strerror(code), str(first), None, str(second))


def _carry_hidden(source: Path, destination: Path) -> None:
    """Move the hidden top-level entries of `source` that `destination` lacks into it."""
    if not destination.is_dir():
        return
    for entry in os.scandir(source):
        if entry.name.startswith(".") and not os.path.lexists(destination / entry.name):
            os.rename(entry.path, destination / entry.name)


def _remove(folders: list[Path]) -> None:
    if not folders:
        return
    try:  # `rm` takes half the time of shutil.rmtree
        subprocess.run(["rm", "-rf", "--", *map(str, folders)], check=False)
    except OSError:  # no `rm` in this system
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
