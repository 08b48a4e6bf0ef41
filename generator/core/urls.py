"""The site's URL scheme, in one place: others (newspapers, feeds, acceptance tests) rely on it.

All URLs are relative to the site root, with directory-style endings (`guong-dien-hinh/<slug>/`).
"""

from __future__ import annotations

__all__ = [
    "AXIS_DIRS",
    "DATA_DIR",
    "EMBED_DIR",
    "FEED_AXES",
    "STORIES_DIR",
    "absolute",
    "embed_url",
    "listing_url",
    "overview_url",
    "source_uri",
    "story_url",
    "widget_url",
]

AXIS_DIRS = {
    "movements": "phong-trao",
    "districts": "dia-ban",
    "fields": "linh-vuc",
    "units": "don-vi",
    "years": "nam",
}
STORIES_DIR = "guong-dien-hinh"
DATA_DIR = "du-lieu"
EMBED_DIR = "nhung"
FEED_AXES = ("movements", "districts")
"""Axes with their own feeds and embeddable widgets."""


def story_url(slug: str) -> str:
    """`guong-dien-hinh/<slug>/`"""
    return f"{STORIES_DIR}/{slug}/"


def overview_url(axis: str) -> str:
    """`phong-trao/`, `dia-ban/`, ... : every term of the axis with its count."""
    return f"{AXIS_DIRS[axis]}/"


def listing_url(axis: str, key: str, page: int = 1) -> str:
    """`phong-trao/<id>/`, then `phong-trao/<id>/page/2/` for the following pages."""
    base = f"{AXIS_DIRS[axis]}/{key}/"
    return base if page == 1 else f"{base}page/{page}/"


def embed_url(slug: str) -> str:
    """`nhung/<slug>/`: the story as a compact card for other sites' iframes."""
    return f"{EMBED_DIR}/{slug}/"


def widget_url(axis: str, key: str) -> str:
    """`nhung/phong-trao/<id>/`, `nhung/dia-ban/<id>/`: the latest stories as an embeddable box."""
    return f"{EMBED_DIR}/{AXIS_DIRS[axis]}/{key}/"


def source_uri(url: str) -> str:
    """The virtual Markdown file that MkDocs renders at `url`."""
    return f"{url}index.md"


def absolute(site_url: str, url: str) -> str:
    """`url` below `site_url` (which may lack its trailing slash)."""
    return site_url.rstrip("/") + "/" + url
