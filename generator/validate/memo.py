"""Stories validated by an earlier load, given again while nothing they were made from changed (`mkdocs serve`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core.model import Story
from generator.load.stories import StoryFile
from generator.core.settings import Settings
from generator.plan.pictures import photo_refs

__all__ = ["ValidationMemo"]


_Photo = tuple[Path, Path, int, int, int]
"""A photo a story showed: (path as written, resolved path, inode, size, mtime in ns)."""


@dataclass(frozen=True)
class _Remembered:
    data: bytes
    photos: tuple[_Photo, ...]
    story: Story


@dataclass
class ValidationMemo:
    """Stories validated by an earlier load, given again while nothing they were made from changed.

    For `mkdocs serve`, which loads every story again after each save: re-validating 10,000
    stories on one core takes seconds, and one of them changed. A story is given again only if
    its file has the same bytes, the vocabularies and settings are equal, and every photo it
    shows resolves to the same file with the same inode, size and modification time. Only
    stories without any problem are remembered; the others are validated every time.
    """

    terms: tuple | None = None
    """Every vocabulary entry the stories were validated against (vocabularies are reloaded each time)."""
    settings: Settings | None = None
    stories: dict[StoryFile, _Remembered] = field(default_factory=dict)
    reused: int = 0
    """Stories given again by the last load."""

    def recall(self, file: StoryFile) -> tuple[Story | None, bytes | None]:
        """The remembered story of `file` if still valid, and the bytes read to decide (None if unreadable)."""
        try:
            data = file.path.read_bytes()
        except OSError:
            return None, None
        remembered = self.stories.get(file)
        if remembered is None or remembered.data != data or not all(map(_same_photo, remembered.photos)):
            return None, data
        return remembered.story, data

    def remember(self, file: StoryFile, data: bytes, story: Story) -> None:
        """Keep `story`, validated from `data`, with the state of its photos now."""
        try:
            photos = tuple((file.path.parent / ref.src, ref.path, *_stat(ref.path)) for ref in photo_refs([story]))
            # Video and audio files (and captions) count as photos do: changed, the story is checked again.
            files = [path for clip in story.media for path in (clip.path, clip.captions) if path is not None]
            photos += tuple((path, path, *_stat(path)) for path in files)
        except OSError:  # gone since validation: not remembered
            return
        self.stories[file] = _Remembered(data, photos, story)


def _stat(path: Path) -> tuple[int, int, int]:
    status = path.stat()
    return status.st_ino, status.st_size, status.st_mtime_ns


def _same_photo(photo: _Photo) -> bool:
    written, resolved, *state = photo
    try:
        return written.resolve() == resolved and list(_stat(resolved)) == state
    except (OSError, RuntimeError):
        return False
