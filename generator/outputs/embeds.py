"""Embeds: what newspapers paste into their pages.

An embeddable card per story (`nhung/<slug>/`) with its oEmbed JSON, a "latest stories" widget
per term of every axis with feeds (`nhung/phong-trao/<id>/`, `nhung/dia-ban/<id>/`), and the host
script that sizes the iframes. Embeds are rendered with plain Jinja (no site chrome), so they
cost little per story.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
import jinja2

from generator.core import urls
from generator.core.dates import format_short
from generator.core.media import media_label
from generator.plan.group import Group
from generator.plan.pictures import COVER, POSTER, Picture
from generator.core.model import Story
from generator.core.resources import TEMPLATES
from generator.core.settings import Settings

__all__ = ["EMBED_HEIGHT", "EMBED_WIDTH", "embed_snippet", "plan_embeds"]

EMBED_WIDTH = 560
EMBED_HEIGHT = 480
"""Initial iframe size; the host script corrects the height as soon as the card has loaded."""
WIDGET_MAX = 20
"""Stories rendered in a widget; `?n=` shows 1 to this many (default `WIDGET_DEFAULT`)."""
WIDGET_DEFAULT = 5


def _absolute(settings: Settings, url: str) -> str:
    return urls.absolute(settings.site_url, url)


@dataclass(frozen=True)
class EmbedCard:
    """A story as the embed templates show it."""

    title: str
    subject: str
    summary: str
    movements: str
    date_short: str
    date_iso: str
    url: str
    """Absolute URL of the story page."""
    thumb: Picture | None
    media: str = ""
    """"Có video", "Có âm thanh"…: the card links to the story, where the clip plays (never a player in the card)."""


def embed_snippet(settings: Settings, url: str, title: str, height: int = EMBED_HEIGHT) -> str:
    """The HTML an editor pastes: the iframe plus the host script that sizes it."""
    from markupsafe import escape

    src = _absolute(settings, url)
    script = _absolute(settings, f"{urls.EMBED_DIR}/nhung.js")
    # HTML wants the width attribute in pixels; the style lets the frame shrink on a phone.
    return (
        f'<iframe src="{escape(src)}" title="{escape(title)}" width="{EMBED_WIDTH}" height="{height}" loading="lazy" '
        f'style="border:0;width:100%;max-width:{EMBED_WIDTH}px" data-guong-sang></iframe>'
        f'<script async src="{escape(script)}"></script>'
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True
    )


def _card(story: Story, settings: Settings, pictures: dict[tuple[str, str], Picture]) -> EmbedCard:
    return EmbedCard(
        title=story.title,
        subject=story.subject,
        summary=story.summary,
        movements="; ".join(m.name for m in story.movements),
        date_short=format_short(story.date),
        date_iso=story.date.isoformat(),
        url=_absolute(settings, urls.story_url(story.slug)),
        # A story with a clip and no cover shows the clip's poster photo.
        thumb=pictures.get((story.slug, COVER)) or pictures.get((story.slug, POSTER)),
        media=media_label(m.kind for m in story.media),
    )


def plan_embeds(
    published: Sequence[Story],
    groups: dict[str, list[Group]],
    settings: Settings,
    pictures: dict[tuple[str, str], Picture],
    site_name: str,
) -> dict[str, str]:
    """Embed cards with their oEmbed JSON, the widgets, and the embed scripts and stylesheet."""
    env = _environment()
    story_page = env.get_template("embed-story.html")
    widget_page = env.get_template("embed-widget.html")
    provider = _absolute(settings, "")
    files: dict[str, str] = {}
    for story in published:
        url = urls.embed_url(story.slug)
        card = _card(story, settings, pictures)
        files[url + "index.html"] = story_page.render(card=card, root="../../", site_name=site_name)
        oembed: dict[str, object] = {
            "version": "1.0",
            "type": "rich",
            "title": story.title,
            "html": embed_snippet(settings, url, story.title),
            "width": EMBED_WIDTH,
            "height": EMBED_HEIGHT,
            "provider_name": site_name,
            "provider_url": provider,
            "author_name": story.unit.name,
        }
        if card.thumb is not None:
            oembed |= {
                "thumbnail_url": _absolute(settings, card.thumb.thumbs[-1].srcset[-1][0]),
                "thumbnail_width": card.thumb.thumb_width,
                "thumbnail_height": card.thumb.thumb_height,
            }
        files[url + "oembed.json"] = json.dumps(oembed, ensure_ascii=False) + "\n"
    for axis in settings.axes:
        if not axis.feeds:
            continue
        for group in groups[axis.name]:
            if not group.stories:
                continue
            cards = [_card(s, settings, pictures) for s in group.stories[:WIDGET_MAX]]
            files[urls.widget_url(axis, group.key) + "index.html"] = widget_page.render(
                cards=cards,
                name=group.name,
                more=_absolute(settings, urls.listing_url(axis, group.key)),
                root="../../../",
                site_name=site_name,
                default=WIDGET_DEFAULT,
            )
    for name in ("nhung.js", "khung.js", "nhung.css"):
        files[f"{urls.EMBED_DIR}/{name}"] = (TEMPLATES / name).read_text(encoding="utf-8")
    return files
