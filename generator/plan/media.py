"""Clips as pages show them: published files, posters, and the markup replacing each clip's line.

A self-hosted file is published as is under `media/<digest>/<name>` (the digest of its bytes:
a changed file gets a new address, so it can be cached for ever), with its captions beside it.
Every clip has a poster that is a file of the site: the story's `poster:` photo, else its cover,
else its first body photo, else its share card (a card with the title). A hosted video shows that
poster and a play button linking to the video; `gs.js` swaps in the host's player on click, so
nothing is requested from the host before the reader asks.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator.core.media import media_type, pasted_video
from generator.core.model import Media, Story
from generator.core.text import clean, slugify
from generator.plan.pictures import BODY_IMAGE, COVER, POSTER, Picture, body_key, outside_code, prose_lines

__all__ = ["MEDIA_DIR", "Clip", "Poster", "clip_html", "duration_iso", "plan_clips", "poster_for", "rewrite_media"]

MEDIA_DIR = "media"
"""Site folder of the published video and audio files."""

_DEFAULT_SIZE = (640, 360)


@dataclass(frozen=True)
class Poster:
    """The still shown in front of a clip: a site-relative URL and its size."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Clip:
    """A clip of a published story as pages, feeds and data files show it."""

    media: Media
    url: str
    """Site-relative URL of the file; a hosted video's own page (absolute) otherwise."""
    poster: Poster | None
    captions_url: str = ""

    @property
    def width(self) -> int:
        """Width the player takes: the video's, else the poster's."""
        return self.media.width or (self.poster.width if self.poster else _DEFAULT_SIZE[0])

    @property
    def height(self) -> int:
        """Height matching `width`."""
        if self.media.width:
            return self.media.height
        return self.poster.height if self.poster else _DEFAULT_SIZE[1]


def _digest(path: Path) -> str:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()[:20]


def _published(path: Path) -> str:
    """`media/<digest>/<readable name>` of a file."""
    return f"{MEDIA_DIR}/{_digest(path)}/{slugify(path.stem, 40) or 'tep'}{path.suffix.lower()}"


def poster_for(story: Story, pictures: Mapping[tuple[str, str], Picture], share_card=None) -> Poster | None:
    """The story's poster: `poster:`, the cover, the first body photo, or the share card."""
    keys = [(story.slug, POSTER), (story.slug, COVER)]
    keys += [(story.slug, body_key(b.src, b.alt, b.title)) for b in story.body_images]
    for key in keys:
        picture = pictures.get(key)
        if picture is not None:
            return Poster(picture.largest, picture.width, picture.height)
    if share_card is not None:
        return Poster(share_card.url, share_card.width, share_card.height)
    return None


def plan_clips(
    stories: Iterable[Story], pictures: Mapping[tuple[str, str], Picture], share_cards: Mapping | None = None
) -> tuple[dict[str, tuple[Clip, ...]], list[tuple[str, Path]]]:
    """Each story's clips by slug, and the (site-relative URL, source file) of every file to publish."""
    share_cards = share_cards or {}
    clips: dict[str, tuple[Clip, ...]] = {}
    files: dict[str, Path] = {}
    for story in stories:
        if not story.media:
            continue
        poster = poster_for(story, pictures, share_cards.get(story.slug))
        made = []
        for media in story.media:
            if media.path is None:
                made.append(Clip(media, media.link, poster))
                continue
            url = _published(media.path)
            files[url] = media.path
            captions = _published(media.captions) if media.captions is not None else ""
            if captions:
                files[captions] = media.captions  # type: ignore[assignment]
            made.append(Clip(media, url, poster if media.kind == "video" else None, captions))
        clips[story.slug] = tuple(made)
    return clips, sorted(files.items())


def duration_iso(seconds: float) -> str:
    """ISO 8601 duration (`PT1M5S`) for structured data."""
    whole = max(0, round(seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def _clock(seconds: float) -> str:
    minutes, secs = divmod(max(0, round(seconds)), 60)
    return f"{minutes}:{secs:02d}"


def clip_html(clip: Clip, prefix: str) -> str:
    """The markup of one clip; `prefix` leads to the site root. One line, as Markdown keeps raw HTML blocks."""
    media = clip.media
    title = escape(media.title)
    length = f' <span class="gs-media__length">({_clock(media.duration)})</span>' if media.duration else ""
    caption = f"<figcaption>{title}{length}</figcaption>"
    poster = clip.poster
    if media.hosted:
        still = (
            f'<img src="{escape(prefix + poster.url)}" alt="" width="{poster.width}" height="{poster.height}" loading="lazy" decoding="async">'
            if poster
            else ""
        )
        # Without JavaScript the button is a link to the video's page; gs.js plays it in place.
        return (
            f'<figure class="gs-media gs-media--hosted"><a class="gs-video" href="{escape(media.link)}" '
            f'data-gs-player="{escape(media.player)}">{still}<span class="gs-video__play">Phát video: {title}</span></a>{caption}</figure>'
        )
    source = f'<source src="{escape(prefix + clip.url)}" type="{media.mime}">'
    download = f'<a href="{escape(prefix + clip.url)}">Tải {"video" if media.kind == "video" else "tệp âm thanh"}: {title}</a>'
    if media.kind == "audio":
        return f'<figure class="gs-media gs-media--audio"><audio controls preload="none">{source}{download}</audio>{caption}</figure>'
    track = (
        f'<track kind="captions" src="{escape(prefix + clip.captions_url)}" srclang="vi" label="Tiếng Việt" default>'
        if clip.captions_url
        else ""
    )
    still = f' poster="{escape(prefix + poster.url)}"' if poster else ""
    return (
        f'<figure class="gs-media gs-media--video"><video controls preload="none" playsinline width="{clip.width}" '
        f'height="{clip.height}"{still}>{source}{track}{download}</video>{caption}</figure>'
    )


def rewrite_media(body: str, clips: Sequence[Clip], prefix: str, video_hosts: Sequence[str]) -> str:
    """Replace each clip's line of the body (a file `![…](x.mp4)`, a pasted iframe or address) with its player."""
    if not clips:
        return body
    lines = body.split("\n")
    pending = list(clips)
    for index, line in list(prose_lines(lines)):
        if not pending:
            break
        wanted = _clip_sources(line, video_hosts)
        if not wanted:
            continue
        made = []
        for src in wanted:
            if pending and pending[0].media.src == src:
                made.append(clip_html(pending.pop(0), prefix))
        if made:
            # Blank lines around: Markdown keeps the figure as a raw HTML block, outside any paragraph.
            lines[index] = "\n" + "\n\n".join(made) + "\n"
    return "\n".join(lines)


def _clip_sources(line: str, video_hosts: Sequence[str]) -> list[str]:
    """The clips a body line holds, as written (the same reading as rules.media)."""
    pasted = pasted_video(line, video_hosts)
    if pasted is not None:
        return [pasted[0]]
    if "![" not in line:
        return []
    return [m["src"] for m in BODY_IMAGE.finditer(outside_code(line)) if media_type(m["src"]) is not None and clean(m["alt"])]
