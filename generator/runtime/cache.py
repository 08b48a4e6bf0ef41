"""One scheme for every content cache in `.cache/`: keys, where entries go, writing, pruning.

A build keeps what is slow to make between runs (processed photos, share cards, converted
stories, notes of photos found sound). Every area follows the same rules:

- an entry's key hashes its inputs' bytes, the area's version in `VERSIONS` (bumped in this one
  place when the producing code changes its output), the versions of the libraries involved
  (`LIBRARIES`) and any other file it depends on by content (the share cards' fonts);
- entries are written to a temporary file and renamed: a reader sees a whole entry or none;
- every entry records the SHA-256 and size of what it holds, checked in full before the entry is
  used (the whole file is hashed: at 10,000 stories this costs less than copying the files into
  the site, benchmarks/RESULTS.md). A file a site publishes keeps its bytes as they are, with its
  digest in the entry's manifest (`FileRecord`); a private entry starts with its digest (`seal`).
  An entry that fails the check (a partial CI restore, a full disk, an edit by hand, a build
  killed while writing) is made again, with one log line (`damaged`), and never used;
- an entry is touched when a build uses it, and a build notes when it started (`begin_build`), so
  `exemplars cache prune` can remove what the last build did not use (`prune`).

What a site publishes is named by its content alone (a photo's folder, a card's file name):
changing a library or a version here makes new cache entries, not new URLs.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from generator.core.messages import render
from generator.runtime.files import write_atomic

__all__ = [
    "LIBRARIES",
    "MANIFEST",
    "VERSIONS",
    "CacheArea",
    "FileRecord",
    "PruneResult",
    "begin_build",
    "damaged",
    "file_digest",
    "read_manifest",
    "prune",
    "seal",
    "unseal",
    "write_atomic",
]

VERSIONS = {
    "images": 1,
    "share-cards": 1,
    "page-cards": 1,
    "markdown": 2,
    "photos-checked": 2,
}
"""Each area's version: bump it when its code makes different output from the same input."""

LIBRARIES = {
    "images": ("pillow", "pillow-heif"),
    "share-cards": ("pillow",),
    "page-cards": ("pillow",),
    "markdown": ("markdown", "mkdocs", "pymdown-extensions", "pygments"),
    "photos-checked": ("pillow", "pillow-heif"),
}
"""The packages whose versions each area's entries depend on."""

LAST_BUILD = ".last-build"
"""File in the cache folder written when a build starts: entries it uses are touched after it.

Its modification time is compared with the entries' (set by the same file system, so with the
same resolution): an entry touched in the same tick counts as used, never the other way round.
"""


MANIFEST = "manifest.json"
"""The file of a folder entry written last, listing its files with their digests."""

_SEAL = b"sha256:"

log = logging.getLogger("mkdocs.plugins.generator.cache")  # printed by MkDocs like the plugin's own lines


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, hex."""
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


@functools.cache
def _package_versions(packages: tuple[str, ...]) -> tuple[tuple[str, str | None], ...]:
    found = []
    for package in packages:
        try:
            found.append((package, metadata.version(package)))
        except metadata.PackageNotFoundError:
            found.append((package, None))
    return tuple(found)


@dataclass(frozen=True)
class FileRecord:
    """A file of an entry as it was written: checked in full before the file is used again."""

    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes) -> FileRecord:
        """The record of `data`."""
        return cls(len(data), hashlib.sha256(data).hexdigest())

    def matches(self, path: Path) -> bool:
        """Whether the file at `path` holds exactly the bytes recorded (size first: it costs nothing)."""
        try:
            return path.stat().st_size == self.size and file_digest(path) == self.sha256
        except OSError:
            return False


def seal(data: bytes) -> bytes:
    """A private entry's bytes: a first line with their digest, then `data`."""
    return _SEAL + hashlib.sha256(data).hexdigest().encode("ascii") + b"\n" + data


def unseal(raw: bytes) -> bytes | None:
    """The data of a sealed entry, or None when it is not whole (truncated, empty, edited, garbage)."""
    head, newline, data = raw.partition(b"\n")
    if not newline or not head.startswith(_SEAL):
        return None
    return data if hashlib.sha256(data).hexdigest().encode("ascii") == head[len(_SEAL) :] else None


def damaged(path: Path) -> None:
    """Log that the entry at `path` failed its check and is made again (one line per entry)."""
    log.info(render("cache.damaged", {"path": path}))


T = TypeVar("T")


def read_manifest(
    entry: Path, parse: Callable[[Any], T | None], files: Callable[[T], Iterable[tuple[str, FileRecord]]]
) -> T | None:
    """What the folder entry `entry` holds as its manifest says, or None when it must be made (again).

    `parse` turns the manifest's JSON into the area's record (raising ValueError, KeyError or
    TypeError when it does not fit; None for a manifest of an older version, made again without
    a word); `files` lists the entry's files with what each must hold,
    and each is checked in full. Damage (an unreadable manifest, a missing or altered file: a
    partly restored CI cache, a full disk, an edit by hand) is logged; no manifest is no entry.
    """
    try:
        raw = (entry / MANIFEST).read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        raw = b""
    try:
        found = parse(json.loads(raw))
        if found is None:
            return None
        listed = list(files(found))
    except (ValueError, KeyError, TypeError):
        damaged(entry)
        return None
    if not all(record.matches(entry / name) for name, record in listed):
        damaged(entry)
        return None
    return found


@dataclass(frozen=True)
class CacheArea:
    """One area of the cache (`.cache/<name>/`), its entries named by key in two-letter shards."""

    root: Path
    """The cache folder (`.cache/`)."""
    name: str
    depends_on: tuple[Path, ...] = ()
    """Other files the entries depend on, by content (fonts)."""

    @property
    def folder(self) -> Path:
        """Where the area's entries are."""
        return self.root / self.name

    @functools.cached_property
    def version(self) -> str:
        """Everything besides an entry's own inputs that its key depends on."""
        described = {
            "version": VERSIONS[self.name],
            "libraries": _package_versions(LIBRARIES[self.name]),
            "files": [file_digest(path) for path in self.depends_on],
        }
        return json.dumps(described, sort_keys=True)

    def key(self, *inputs: str | bytes) -> str:
        """The entry key for `inputs` (their bytes, or a digest of them)."""
        digest = hashlib.sha256(self.version.encode())
        for part in inputs:
            digest.update(b"\0" + (part.encode("utf-8") if isinstance(part, str) else part))
        return digest.hexdigest()

    def entry(self, key: str, suffix: str = "") -> Path:
        """The path of the entry `key` (a file, or a folder of files when `suffix` is empty)."""
        return self.folder / key[:2] / f"{key}{suffix}"

    def write(self, key: str, suffix: str, data: bytes) -> Path:
        """Write the private entry `key` whole or not at all, sealed with its digest; its path."""
        path = self.entry(key, suffix)
        write_atomic(path, seal(data))
        return path

    def read(self, key: str, suffix: str) -> bytes | None:
        """The data of the private entry `key`: None when absent, or damaged (logged, removed, made again)."""
        path = self.entry(key, suffix)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            raw = b""
        data = unseal(raw)
        if data is None:
            damaged(path)
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        self.used(path)
        return data

    def used(self, path: Path) -> None:
        """Note that this build used the entry at `path` (for `prune`)."""
        try:
            os.utime(path)
        except OSError:  # read-only cache (a shared CI cache, say): nothing to prune there anyway
            pass


def begin_build(root: Path) -> None:
    """Record that a build starts now: entries it does not use are what `prune` removes."""
    try:
        write_atomic(root / LAST_BUILD, b"")
    except OSError:  # a read-only cache: nothing to prune there anyway
        pass


@dataclass(frozen=True)
class PruneResult:
    """What `prune` removed."""

    entries: int
    bytes: int


def _entries(root: Path) -> Iterable[Path]:
    for name in VERSIONS:
        for shard in sorted((root / name).glob("??")):
            if shard.is_dir():
                yield from sorted(shard.iterdir())


def _size(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def prune(root: Path) -> PruneResult | None:
    """Remove the entries the last build did not use; None when no build has run here."""
    try:
        started = (root / LAST_BUILD).stat().st_mtime_ns
    except OSError:
        return None
    removed = size = 0
    for path in list(_entries(root)):
        # A folder entry (a photo's renditions, a share card) is touched through its manifest.
        stamp = path / MANIFEST if path.is_dir() else path
        try:
            last_used = stamp.stat().st_mtime_ns
        except OSError:
            last_used = 0
        if last_used >= started:
            continue
        size += _size(path)
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed += 1
    return PruneResult(removed, size)
