"""Whether a video or audio file can be published, and its duration and picture size.

Only the headers are read (a few kilobytes, even of a 50 MB video). Durations come from mutagen
(MP3 needs its VBR headers or frame count read; MP4/M4A their `mvhd` box); the picture size of an
MP4 from its video track's `tkhd` box, and a WebM's size and duration from its EBML header, which
mutagen does not read: a few lines here instead of installing ffmpeg on every build machine.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MediaInfo", "inspect_media"]


@dataclass(frozen=True)
class MediaInfo:
    """What pages and feeds say of a media file."""

    duration: float
    """Seconds (0 when the file does not say)."""
    width: int = 0
    height: int = 0
    """Picture size of a video (0 for audio, or when the file does not say)."""


def inspect_media(path: Path, mime: str) -> MediaInfo | tuple[str, dict[str, object]]:
    """The file's `MediaInfo`, or why it cannot be played (a message code and its values)."""
    try:
        if mime == "video/webm":
            found = _webm(path)
        else:
            found = _mutagen(path, mime)
    except (OSError, ValueError, struct.error) as error:
        return "media.corrupt", {"detail": " ".join(str(error).split()) or type(error).__name__}
    if found is None:
        return "media.corrupt", {"detail": mime}
    return found


def _mutagen(path: Path, mime: str) -> MediaInfo | None:
    import mutagen
    from mutagen.mp3 import MP3
    from mutagen.mp4 import MP4

    try:
        audio = MP3(path) if mime == "audio/mpeg" else MP4(path)
    except mutagen.MutagenError:
        return None
    width, height = _mp4_size(path) if mime == "video/mp4" else (0, 0)
    return MediaInfo(round(float(audio.info.length or 0), 3), width, height)


# -- MP4: the tkhd box of the video track ----------------------------------------------------------


def _boxes(data: bytes, start: int, end: int):
    """(type, body start, body end) of the ISO-BMFF boxes in data[start:end]."""
    while start + 8 <= end:
        size, kind = struct.unpack(">I4s", data[start : start + 8])
        header = 8
        if size == 1:
            size, header = struct.unpack(">Q", data[start + 8 : start + 16])[0], 16
        elif size == 0:
            size = end - start
        if size < header:
            return
        yield kind, start + header, min(start + size, end)
        start += size


def _mp4_size(path: Path) -> tuple[int, int]:
    with path.open("rb") as stream:
        moov = _top_box(stream, b"moov")
    for trak, tbody, tend in _boxes(moov, 0, len(moov)):
        if trak != b"trak":
            continue
        for box, bbody, bend in _boxes(moov, tbody, tend):
            if box == b"tkhd" and bend - bbody >= 8:
                width, height = struct.unpack(">II", moov[bend - 8 : bend])
                if width and height:  # 16.16 fixed point; an audio track says 0 x 0
                    return width >> 16, height >> 16
    return 0, 0


def _top_box(stream, wanted: bytes) -> bytes:
    """The body of the top-level box `wanted`, skipping the others (the media data) unread."""
    while len(header := stream.read(8)) == 8:
        size, kind = struct.unpack(">I4s", header)
        length = 8
        if size == 1:
            size, length = struct.unpack(">Q", stream.read(8))[0], 16
        if kind == wanted:
            return stream.read(size - length) if size else stream.read()
        if size < length:
            break
        stream.seek(size - length, 1)
    return b""


# -- WebM (Matroska): EBML elements ----------------------------------------------------------------

_SEGMENT, _INFO, _TRACKS = 0x18538067, 0x1549A966, 0x1654AE6B
_WEBM_HEAD = 1 << 20
_SCALE, _DURATION, _ENTRY, _VIDEO, _WIDTH, _HEIGHT = 0x2AD7B1, 0x4489, 0xAE, 0xE0, 0xB0, 0xBA


def _vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: (value, length)."""
    first = data[at]
    length = 8 - first.bit_length() + 1
    if not 1 <= length <= 8:
        raise ValueError("EBML không hợp lệ")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[at + 1 : at + length]:
        value = (value << 8) | byte
    if not keep_marker and value == (1 << (7 * length)) - 1:
        value = -1  # unknown size (a live recording): up to the end of its parent
    return value, length


def _elements(data: bytes, start: int, end: int):
    while start < end:
        ident, a = _vint(data, start, True)
        size, b = _vint(data, start + a, False)
        body = start + a + b
        stop = end if size < 0 else min(body + size, end)
        yield ident, body, stop
        start = stop


def _webm(path: Path) -> MediaInfo | None:
    with path.open("rb") as stream:
        data = stream.read(_WEBM_HEAD)  # muxers write Info and Tracks before the first Cluster
    if not data.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    scale, duration, width, height = 1_000_000, 0.0, 0, 0
    for ident, body, end in _elements(data, 0, len(data)):
        if ident != _SEGMENT:
            continue
        for child, cbody, cend in _elements(data, body, end):
            if child == _INFO:
                for item, ibody, iend in _elements(data, cbody, cend):
                    if item == _SCALE:
                        scale = int.from_bytes(data[ibody:iend], "big")
                    elif item == _DURATION:
                        duration = struct.unpack(">f" if iend - ibody == 4 else ">d", data[ibody:iend])[0]
            elif child == _TRACKS:
                for entry, ebody, eend in _elements(data, cbody, cend):
                    for item, ibody, iend in _elements(data, ebody, eend) if entry == _ENTRY else ():
                        for pixel, pbody, pend in _elements(data, ibody, iend) if item == _VIDEO else ():
                            if pixel == _WIDTH:
                                width = int.from_bytes(data[pbody:pend], "big")
                            elif pixel == _HEIGHT:
                                height = int.from_bytes(data[pbody:pend], "big")
    return MediaInfo(round(duration * scale / 1e9, 3), width, height)
