"""schema.org structured data (JSON-LD) of the site's pages, for search engines and news aggregators.

Google News, Zalo and Facebook previews and the national press aggregators read a story as a
schema.org `NewsArticle`; a breadcrumb trail as a `BreadcrumbList`; the home page as a `WebSite`
whose `SearchAction` leads to the search page; listings as `CollectionPage`s. Each function here
returns plain dicts (tested property by property); templates only print them with `json_ld`.
Every URL is absolute, so nothing is emitted for a site without `site_url`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from generator.core import urls
from generator.core.model import Kind, Story
from generator.core.settings import Settings
from generator.plan.media import Clip, duration_iso

__all__ = [
    "TIMEZONE",
    "breadcrumb_list",
    "collection_page",
    "json_ld",
    "media_object",
    "news_article",
    "publisher",
    "website",
]

CONTEXT = "https://schema.org"
TIMEZONE = "+07:00"
"""Vietnam's offset: a story dated 19/5/2023 was published that day in Vietnam, not in UTC."""


def _iso(date: dt.date) -> str:
    return f"{date.isoformat()}T00:00:00{TIMEZONE}"


def publisher(settings: Settings) -> dict:
    """The agency running the portal, as a `GovernmentOrganization` with its logo."""
    organization: dict = {"@type": "GovernmentOrganization", "name": settings.portal.agency, "url": urls.absolute(settings.site_url, "")}
    if settings.logo:
        organization["logo"] = {"@type": "ImageObject", "url": urls.absolute(settings.site_url, settings.logo)}
    return organization


def _about(story: Story) -> dict:
    # An individual is a Person; a collective or a household is a group of people.
    kind = "Person" if story.kind is Kind.INDIVIDUAL else "Organization"
    return {"@type": kind, "name": story.subject}


def media_object(clip: Clip, story: Story, settings: Settings) -> dict:
    """A clip as a `VideoObject` or `AudioObject`: its own file as `contentUrl`, another host's
    player as `embedUrl`; the poster (a file of the site) as `thumbnailUrl`."""
    media = clip.media
    item: dict = {
        "@type": "VideoObject" if media.kind == "video" else "AudioObject",
        "name": media.title,
        "description": story.summary or story.subject,
        "uploadDate": _iso(story.date),
        "inLanguage": "vi",
    }
    if media.hosted:
        item["embedUrl"] = media.player
        item["url"] = media.link
    else:
        item["contentUrl"] = urls.absolute(settings.site_url, clip.url)
        item["encodingFormat"] = media.mime
        item["contentSize"] = str(media.size)
    if clip.poster is not None:
        item["thumbnailUrl"] = urls.absolute(settings.site_url, clip.poster.url)
    if media.duration:
        item["duration"] = duration_iso(media.duration)
    return item


def news_article(
    story: Story, settings: Settings, images: Sequence[str], modified: dt.date | None = None, clips: Sequence[Clip] = ()
) -> dict:
    """A story as a `NewsArticle`; `images` are site-relative URLs of pictures at least 1200 px wide,
    `clips` its video and audio (as `video` and `audio`)."""
    url = urls.absolute(settings.site_url, urls.story_url(story.slug))
    article: dict = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": story.title,
        "description": story.summary or story.subject,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": _iso(story.date),
        "dateModified": _iso(max(modified or story.date, story.date)),
        "inLanguage": "vi",
        "author": {"@type": "Person", "name": story.author} if story.author else publisher(settings),
        "publisher": publisher(settings),
        "about": _about(story),
        "articleSection": story.movements[0].name,
        "keywords": [m.name for m in story.movements] + [story.field.name, story.locality.name, *story.tags],
    }
    if images:
        article["image"] = [urls.absolute(settings.site_url, image) for image in images]
    for kind in ("video", "audio"):
        objects = [media_object(clip, story, settings) for clip in clips if clip.media.kind == kind]
        if objects:
            article[kind] = objects
    return article


def breadcrumb_list(crumbs: Sequence[tuple[str, str]], settings: Settings) -> dict:
    """A `BreadcrumbList` of (name, site-relative URL) pairs, the current page last."""
    return {
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": urls.absolute(settings.site_url, url)}
            for n, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def website(settings: Settings, description: str, search_url: str) -> dict:
    """The home page's `WebSite`, with the search page as its `SearchAction` (`search_url` site-relative)."""
    site = urls.absolute(settings.site_url, "")
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.site_name,
        "description": description,
        "url": site,
        "inLanguage": "vi",
        "publisher": publisher(settings),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": urls.absolute(settings.site_url, search_url) + "?q={search_term_string}"},
            "query-input": "required name=search_term_string",
        },
    }


def collection_page(name: str, description: str, url: str, item_urls: Sequence[str], settings: Settings) -> dict:
    """A listing as a `CollectionPage` whose main entity lists what it shows (site-relative URLs)."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": urls.absolute(settings.site_url, url),
        "inLanguage": "vi",
        "isPartOf": {"@type": "WebSite", "name": settings.site_name, "url": urls.absolute(settings.site_url, "")},
        "mainEntity": {
            "@type": "ItemList",
            "numberOfItems": len(item_urls),
            "itemListElement": [
                {"@type": "ListItem", "position": n, "url": urls.absolute(settings.site_url, u)}
                for n, u in enumerate(item_urls, start=1)
            ],
        },
    }


def json_ld(data: dict) -> str:
    """`data` as the text of a `<script type="application/ld+json">` element.

    Vietnamese stays readable (no \\u escapes); `<`, `>` and `&` are escaped as JSON allows, so
    no officer's text can close the script element.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
