"""Whether a photo can be published at all: what `exemplars check` tells cheaply, before any build.

Reads the header, refuses bombs before decoding, then decodes at 1/8 scale (JPEG DCT scaling) so
that a truncated or damaged file is caught before the build. A phone photo's whole file is still
decoded (tens of milliseconds): a photo found sound is noted in the "photos-checked" area of the
cache by the hash of its bytes, and the same bytes are not decoded again, in this checkout or a
fresh one (CI).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from generator.outputs.photos import ImageOptions, image_key, open_photo
from generator.runtime.cache import CacheArea

__all__ = ["inspect_image"]


def inspect_image(path: Path, max_pixels: int, cache_root: Path | None = None) -> tuple[str, dict[str, object]] | None:
    """Why `path` cannot be published as a photo (a message code and its values), or None.

    With `cache_root`, a photo found sound is noted there and not decoded again.
    """
    options = ImageOptions(max_pixels=max_pixels, widths=(1,))
    area = CacheArea(cache_root, "photos-checked") if cache_root is not None else None
    note = _sound_note(path, options, area) if area is not None else None
    if note is not None and area.read(*note) is not None:  # type: ignore[union-attr]
        return None
    image, failure = open_photo(path, options)
    if image is not None:
        image.close()
    if failure is not None:
        return failure.code, failure.params
    if note is not None:
        with contextlib.suppress(OSError):  # a read-only checkout: the note only saves time
            area.write(*note, b"")  # type: ignore[union-attr]
    return None


def _sound_note(path: Path, options: ImageOptions, area: CacheArea) -> tuple[str, str] | None:
    """The key and suffix of the note that `path` was found sound, None if it cannot be read."""
    try:
        key = image_key(path, options)
    except OSError:  # unreadable: inspecting it says why
        return None
    return area.key(key), ""
