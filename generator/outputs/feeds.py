"""Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1, for the site and for every term of an axis with feeds.

Written by hand (the three formats are small) because portals subscribe per movement and per
district, which mkdocs-rss-plugin cannot make. Links are absolute (from `site_url`), ids are the
story URLs (stable across builds), dates carry Vietnam's +07:00 offset, newest first.

Each format is one entry of `FORMATS` (file name, media type, label, writer): a new format is a
writer function and its entry here (and a `<link rel="alternate">` in `partials/gs-feeds.html`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from generator.core import urls
from generator.core.dates import VIETNAM
from generator.core.model import Story
from generator.core.settings import Settings
from generator.outputs.photos import Rendition
from generator.plan.group import Group
from generator.plan.media import Clip

__all__ = ["FORMATS", "Feed", "FeedFormat", "FeedImage", "FeedItem", "FeedMedia", "atom", "json_feed", "plan_feeds", "rss"]


@dataclass(frozen=True)
class FeedImage:
    """A cover image for enclosures and media tags; `url` is absolute."""

    url: str
    mime: str
    length: int
    width: int
    height: int


@dataclass(frozen=True)
class FeedMedia:
    """A video or audio file of the story, published by the site; `url` is absolute."""

    url: str
    mime: str
    length: int
    kind: str
    """"video" or "audio" (Media RSS `medium`)."""
    duration: int = 0
    """Whole seconds; 0 when unknown."""


@dataclass(frozen=True)
class FeedItem:
    """One story in a feed."""

    url: str
    """Absolute URL of the story page; also its id/GUID."""
    title: str
    summary: str
    date: dt.date
    author: str
    categories: tuple[str, ...]
    """Movements, field and district names."""
    image: FeedImage | None = None
    media: tuple[FeedMedia, ...] = ()
    """The story's own video and audio files, in body order (hosted videos are pages, not enclosures)."""

    @property
    def published(self) -> dt.datetime:
        """Midnight of the story's date in Vietnam."""
        return dt.datetime.combine(self.date, dt.time(), VIETNAM)


@dataclass(frozen=True)
class Feed:
    """A feed: its own URLs, what it is about, and its items (newest first)."""

    title: str
    description: str
    home: str
    """Absolute URL of the page the feed follows (the site, or a listing)."""
    base: str
    """Absolute URL of the feed's folder; the files are `rss.xml`, `atom.xml`, `feed.json` in it."""
    items: Sequence[FeedItem]
    author: str
    icon: str = ""

    @property
    def updated(self) -> dt.datetime:
        """Date of the newest item (not the build time, so unchanged input gives unchanged feeds)."""
        if self.items:
            return max(item.published for item in self.items)
        return dt.datetime(2000, 1, 1, tzinfo=VIETNAM)


def rss(feed: Feed) -> str:
    """RSS 2.0 with Media RSS for covers."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">',
        "<channel>",
        f"<title>{escape(feed.title)}</title>",
        f"<link>{escape(feed.home)}</link>",
        f"<description>{escape(feed.description)}</description>",
        "<language>vi</language>",
        f"<lastBuildDate>{format_datetime(feed.updated)}</lastBuildDate>",
        f'<atom:link href={quoteattr(feed.base + "rss.xml")} rel="self" type="application/rss+xml"/>',
    ]
    for item in feed.items:
        out += [
            "<item>",
            f"<title>{escape(item.title)}</title>",
            f"<link>{escape(item.url)}</link>",
            f'<guid isPermaLink="true">{escape(item.url)}</guid>',
            f"<pubDate>{format_datetime(item.published)}</pubDate>",
            # RSS readers render <description> as HTML: the plain summary is HTML-escaped first.
            f"<description>{escape(escape(item.summary))}</description>",
        ]
        out += [f"<category>{escape(c)}</category>" for c in item.categories]
        # RSS allows one enclosure per item: podcast apps and broadcasters' tools take the clip
        # when there is one; every clip is also a Media RSS content element.
        if item.media:
            first = item.media[0]
            out.append(f'<enclosure url={quoteattr(first.url)} length="{first.length}" type="{first.mime}"/>')
        elif item.image:
            out.append(f'<enclosure url={quoteattr(item.image.url)} length="{item.image.length}" type="{item.image.mime}"/>')
        for clip in item.media:
            duration = f' duration="{clip.duration}"' if clip.duration else ""
            out.append(
                f'<media:content url={quoteattr(clip.url)} medium="{clip.kind}" type="{clip.mime}" '
                f'fileSize="{clip.length}"{duration}/>'
            )
        if item.image:
            image = item.image
            out.append(
                f'<media:content url={quoteattr(image.url)} medium="image" type="{image.mime}" '
                f'width="{image.width}" height="{image.height}"/>'
            )
        out.append("</item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def _rfc3339(moment: dt.datetime) -> str:
    return moment.isoformat()


def atom(feed: Feed) -> str:
    """Atom 1.0."""
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
        f"<title>{escape(feed.title)}</title>",
        f"<subtitle>{escape(feed.description)}</subtitle>",
        f"<id>{escape(feed.home)}</id>",
        f'<link rel="alternate" type="text/html" href={quoteattr(feed.home)}/>',
        f'<link rel="self" type="application/atom+xml" href={quoteattr(feed.base + "atom.xml")}/>',
        f"<updated>{_rfc3339(feed.updated)}</updated>",
        f"<author><name>{escape(feed.author)}</name></author>",
    ]
    if feed.icon:
        out.append(f"<icon>{escape(feed.icon)}</icon>")
    for item in feed.items:
        out += [
            "<entry>",
            f"<title>{escape(item.title)}</title>",
            f"<id>{escape(item.url)}</id>",
            f'<link rel="alternate" type="text/html" href={quoteattr(item.url)}/>',
            f"<published>{_rfc3339(item.published)}</published>",
            f"<updated>{_rfc3339(item.published)}</updated>",
            f"<summary>{escape(item.summary)}</summary>",
        ]
        if item.author:
            out.append(f"<author><name>{escape(item.author)}</name></author>")
        out += [f"<category term={quoteattr(c)}/>" for c in item.categories]
        if item.image:
            image = item.image
            out.append(f'<link rel="enclosure" type="{image.mime}" length="{image.length}" href={quoteattr(image.url)}/>')
        out += [
            f'<link rel="enclosure" type="{clip.mime}" length="{clip.length}" href={quoteattr(clip.url)}/>'
            for clip in item.media
        ]
        out.append("</entry>")
    out += ["</feed>", ""]
    return "\n".join(out)


def _attachment(clip: FeedMedia) -> dict[str, object]:
    attachment: dict[str, object] = {"url": clip.url, "mime_type": clip.mime, "size_in_bytes": clip.length}
    if clip.duration:
        attachment["duration_in_seconds"] = clip.duration
    return attachment


def json_feed(feed: Feed) -> str:
    """JSON Feed 1.1 (UTF-8 text, not escapes)."""
    items = []
    for item in feed.items:
        entry: dict[str, object] = {
            "id": item.url,
            "url": item.url,
            "title": item.title,
            "summary": item.summary,
            "content_text": item.summary,
            "date_published": _rfc3339(item.published),
            "tags": list(item.categories),
        }
        if item.author:
            entry["authors"] = [{"name": item.author}]
        if item.image:
            entry["image"] = item.image.url
        if item.media:
            entry["attachments"] = [_attachment(clip) for clip in item.media]
        items.append(entry)
    document = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.home,
        "feed_url": feed.base + "feed.json",
        "description": feed.description,
        "language": "vi",
        "authors": [{"name": feed.author}],
        "items": items,
    }
    if feed.icon:
        document["icon"] = feed.icon
    # No indentation: the C encoder is several times faster, and feed readers do not care.
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"


@dataclass(frozen=True)
class FeedFormat:
    """A feed format: the file it is published as in each feed's folder, and how it is written."""

    file: str
    mime: str
    label: str
    """Shown after the feed's title in `<link rel="alternate">` ("... (RSS)")."""
    write: Callable[[Feed], str]


FORMATS: tuple[FeedFormat, ...] = (
    FeedFormat("rss.xml", "application/rss+xml", "RSS", rss),
    FeedFormat("atom.xml", "application/atom+xml", "Atom", atom),
    FeedFormat("feed.json", "application/feed+json", "JSON Feed", json_feed),
)
"""Every feed is published in each of these formats."""


# -- which feeds the site has -----------------------------------------------------------------


def _absolute(settings: Settings, url: str) -> str:
    return urls.absolute(settings.site_url, url)


def _item(
    story: Story,
    settings: Settings,
    cover_jpegs: dict[str, tuple[str, Path, Rendition]],
    clips: Sequence[Clip],
) -> FeedItem:
    image = None
    if story.slug in cover_jpegs:
        url, path, rendition = cover_jpegs[story.slug]
        image = FeedImage(_absolute(settings, url), "image/jpeg", rendition.size, rendition.width, rendition.height)
    categories = tuple(m.name for m in story.movements) + (story.field.name, story.locality.name)
    return FeedItem(
        url=_absolute(settings, urls.story_url(story.slug)),
        title=story.title,
        summary=story.summary or story.subject,
        date=story.date,
        author=story.author or story.unit.name,
        categories=tuple(dict.fromkeys(categories)),
        image=image,
        media=tuple(
            FeedMedia(_absolute(settings, c.url), c.media.mime, c.media.size, c.media.kind, round(c.media.duration))
            for c in clips
            if not c.media.hosted
        ),
    )


def _feed_files(feed: Feed, base: str) -> dict[str, str]:
    return {base + feed_format.file: feed_format.write(feed) for feed_format in FORMATS}


def plan_feeds(
    published: Sequence[Story],
    groups: dict[str, list[Group]],
    settings: Settings,
    cover_jpegs: dict[str, tuple[str, Path, Rendition]],
    site_name: str,
    limit: int = 50,
    clips: dict[str, tuple[Clip, ...]] | None = None,
) -> dict[str, str]:
    """Every feed file by site-relative URL: the site's, and one per term (with stories) of each axis with feeds.

    `clips` each story's video and audio (`generator.plan.media.plan_clips`): its own files are enclosures.
    """
    clips = clips or {}
    items: dict[str, FeedItem] = {}

    def latest(stories: Sequence[Story]) -> list[FeedItem]:
        chosen = []
        for story in stories[:limit]:  # already newest first
            if story.slug not in items:
                items[story.slug] = _item(story, settings, cover_jpegs, clips.get(story.slug, ()))
            chosen.append(items[story.slug])
        return chosen

    author = settings.portal.agency
    icon = _absolute(settings, "assets/images/favicon.png")
    files = _feed_files(
        Feed(site_name, f"Gương điển hình tiên tiến tỉnh {settings.portal.province}", _absolute(settings, ""),
             _absolute(settings, ""), latest(published), author, icon),  # fmt: skip
        "",
    )
    for axis in settings.axes:
        if not axis.feeds:
            continue
        for group in groups[axis.name]:
            if not group.stories:
                continue
            base = urls.listing_url(axis, group.key)
            feed = Feed(
                f"{group.name} — {site_name}",
                f"Gương điển hình tiên tiến: {group.name}",
                _absolute(settings, base),
                _absolute(settings, base),
                latest(group.stories),
                author,
                icon,
            )
            files |= _feed_files(feed, base)
    return files
