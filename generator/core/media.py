"""Video and audio in stories: how officers write them and what each form means.

Three forms, each alone on its line of the body:

- a self-hosted file next to the story, written like a photo: `![mô tả](phong-su.mp4)` (`MEDIA_TYPES`);
- the iframe code a video host gives (`<iframe src="https://www.youtube.com/embed/…"></iframe>`);
- the bare address of a video page (`https://youtu.be/…`, a Facebook video, the station's player page).

Hosted videos are never framed at page load: the page shows a local poster and a play button, and
only a click loads the host's player (`theme/assets/javascripts/gs.js`). `PROVIDERS` is the registry
of the hosts whose addresses we understand; any other host listed in `video_hosts` (the station's
own player) is framed at the address as pasted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, quote, urlsplit

__all__ = [
    "MEDIA_TYPES",
    "PROVIDERS",
    "TRANSCRIPT_HEADINGS",
    "HostedVideo",
    "Provider",
    "has_transcript",
    "hosted_video",
    "media_label",
    "media_type",
    "pasted_video",
]

MEDIA_TYPES: dict[str, tuple[str, str]] = {
    ".mp4": ("video", "video/mp4"),
    ".webm": ("video", "video/webm"),
    ".mp3": ("audio", "audio/mpeg"),
    ".m4a": ("audio", "audio/mp4"),
}
"""Self-hosted media by file extension: (kind, MIME type). Every current browser plays these."""

TRANSCRIPT_HEADINGS = ("lời thoại", "nội dung video", "nội dung âm thanh", "nội dung bản tin", "bản ghi lời")
"""A heading of the body starting with one of these words (any level, any case) opens the
transcript of the story's video and audio; it counts when some text follows it."""


def media_type(src: str) -> tuple[str, str] | None:
    """(kind, MIME type) when `src` names a self-hosted video or audio file, else None."""
    dot = src.rfind(".")
    return MEDIA_TYPES.get(src[dot:].lower()) if dot >= 0 else None


def media_label(kinds: Iterable[str]) -> str:
    """What a story carries, in words for readers ("Có video", "Có âm thanh", "Có video, âm thanh"); "" for none."""
    found = set(kinds)
    words = [word for kind, word in (("video", "video"), ("audio", "âm thanh")) if kind in found]
    return "Có " + ", ".join(words) if words else ""


# -- hosted videos --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Provider:
    """A video host whose addresses we read: the page officers paste, the player loaded on click."""

    name: str
    hosts: frozenset[str]
    """Hosts of the addresses officers paste (share links, watch pages, embed codes)."""
    player_host: str
    """The host the player is loaded from: the page's frame-src allows this one only."""
    player: Callable[[SplitResult], tuple[str, str] | None]
    """(player URL, watch-page URL) of a pasted address, None when it names no video."""


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{6,20}")


def _youtube(parts: SplitResult) -> tuple[str, str] | None:
    segments = [s for s in parts.path.split("/") if s]
    if parts.hostname == "youtu.be":
        video = segments[0] if segments else ""
    elif segments[:1] in (["embed"], ["shorts"], ["live"], ["v"]) and len(segments) > 1:
        video = segments[1]
    else:
        video = (parse_qs(parts.query).get("v") or [""])[0]
    if not _YOUTUBE_ID.fullmatch(video):
        return None
    # youtube-nocookie: the player sets no cookie until the reader plays the video.
    return f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1", f"https://www.youtube.com/watch?v={video}"


def _facebook(parts: SplitResult) -> tuple[str, str] | None:
    if parts.path.rstrip("/") == "/plugins/video.php":
        page = (parse_qs(parts.query).get("href") or [""])[0]
    elif "/videos/" in parts.path or parts.path.startswith(("/watch", "/reel/")) or parts.hostname == "fb.watch":
        page = parts._replace(scheme="https").geturl()
    else:
        return None
    if not page.startswith("https://"):
        return None
    return f"https://www.facebook.com/plugins/video.php?href={quote(page, safe='')}&autoplay=true", page


def _vimeo(parts: SplitResult) -> tuple[str, str] | None:
    numbers = [s for s in parts.path.split("/") if s.isdigit()]
    if not numbers:
        return None
    # dnt=1: Vimeo's player then neither tracks the session nor sets cookies.
    return f"https://player.vimeo.com/video/{numbers[0]}?dnt=1&autoplay=1", f"https://vimeo.com/{numbers[0]}"


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        "YouTube",
        frozenset({"www.youtube.com", "youtube.com", "m.youtube.com", "youtu.be", "www.youtube-nocookie.com", "youtube-nocookie.com"}),
        "www.youtube-nocookie.com",
        _youtube,
    ),
    Provider("Facebook", frozenset({"www.facebook.com", "facebook.com", "m.facebook.com", "web.facebook.com", "fb.watch"}), "www.facebook.com", _facebook),
    Provider("Vimeo", frozenset({"vimeo.com", "www.vimeo.com", "player.vimeo.com"}), "player.vimeo.com", _vimeo),
)
"""The video hosts whose addresses are understood; a site allows any of them with `video_hosts`."""


@dataclass(frozen=True)
class HostedVideo:
    """A video played from another host, once the reader asks for it."""

    player: str
    """Address of the player, framed on click."""
    link: str
    """The video's own page: the link readers follow without JavaScript, and feeds carry."""
    host: str
    """Host of `player`: what the page's frame-src must allow."""


def _provider(host: str | None) -> Provider | None:
    return next((p for p in PROVIDERS if host in p.hosts), None)


def _allowed(host: str, provider: Provider | None, allowed: Iterable[str]) -> bool:
    allowed = set(allowed)
    return host in allowed or (provider is not None and bool((provider.hosts | {provider.player_host}) & allowed))


def hosted_video(src: str, allowed: Sequence[str], iframe: bool = False) -> HostedVideo | tuple[str, str]:
    """The video at `src` (an iframe's src when `iframe`, else a pasted address), or why it cannot be shown.

    Returns ("host", "") when the host is not allowed by `video_hosts` (or an iframe's address is
    not https), ("address", provider name) when a known host's address names no video.
    """
    parts = urlsplit(src.strip())
    host = (parts.hostname or "").lower()
    provider = _provider(host)
    if not host or not _allowed(host, provider, allowed) or (iframe and parts.scheme != "https") or parts.scheme not in ("http", "https"):
        return ("host", "")
    if provider is None:  # the station's own player: framed as pasted
        if parts.scheme != "https":
            return ("host", "")
        return HostedVideo(src.strip(), src.strip(), host)
    found = provider.player(parts)
    if found is None:
        return ("address", provider.name)
    player, link = found
    return HostedVideo(player, link, provider.player_host)


_IFRAME_LINE = re.compile(r"\s*<iframe\b(?P<attrs>[^>]*)>\s*(?:</iframe\s*>)?\s*", re.IGNORECASE)
_URL_LINE = re.compile(r"\s*<?(?P<url>https?://[^\s<>]+)>?\s*")
_ATTRIBUTE = re.compile(r"""(?P<name>[\w-]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s>]+))""")


def pasted_video(line: str, allowed: Sequence[str]) -> tuple[str, str, bool] | None:
    """(address, title, is an iframe) when `line` is a pasted video: an iframe alone on its line,
    or alone the address of a known video host or of a host in `allowed`. None for anything else
    (a bare link to another site stays a link)."""
    if (found := _IFRAME_LINE.fullmatch(line)) is not None:
        attrs = {m["name"].lower(): m["dq"] or m["sq"] or m["bare"] or "" for m in _ATTRIBUTE.finditer(found["attrs"])}
        return attrs.get("src", ""), attrs.get("title", ""), True
    if (found := _URL_LINE.fullmatch(line)) is not None:
        host = (urlsplit(found["url"]).hostname or "").lower()
        if _provider(host) is not None or host in allowed:
            return found["url"], "", False
    return None


# -- transcripts ----------------------------------------------------------------------------------

_HEADING = re.compile(r"\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*")


def has_transcript(lines: Sequence[str]) -> bool:
    """Whether the body (its prose lines) has a transcript: a `TRANSCRIPT_HEADINGS` heading with text under it."""
    inside = False
    for line in lines:
        heading = _HEADING.fullmatch(line)
        if heading is not None:
            inside = heading["text"].casefold().startswith(TRANSCRIPT_HEADINGS)
        elif inside and line.strip():
            return True
    return False
