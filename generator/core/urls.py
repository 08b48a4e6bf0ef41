"""The site's URL scheme, in one place: others (newspapers, feeds, acceptance tests) rely on it.

All URLs are relative to the site root, with directory-style endings (`guong-dien-hinh/<slug>/`).
The folder of each axis's listings is part of its declaration (`generator.core.axes`).
"""

from __future__ import annotations

from generator.core.axes import Axis

__all__ = [
    "DATA_DIR",
    "EMBED_DIR",
    "STORIES_DIR",
    "absolute",
    "embed_url",
    "listing_url",
    "overview_url",
    "source_uri",
    "stories_url",
    "story_url",
    "widget_url",
]

STORIES_DIR = "guong-dien-hinh"
DATA_DIR = "du-lieu"
EMBED_DIR = "nhung"


def story_url(slug: str) -> str:
    """`guong-dien-hinh/<slug>/`"""
    return f"{STORIES_DIR}/{slug}/"


def stories_url(page: int = 1) -> str:
    """`guong-dien-hinh/`, then `guong-dien-hinh/page/2/`: every published story, newest first
    (where a reader lands who trims a story's address)."""
    base = f"{STORIES_DIR}/"
    return base if page == 1 else f"{base}page/{page}/"


def overview_url(axis: Axis) -> str:
    """`phong-trao/`, `dia-ban/`, ... : every term of the axis with its count."""
    return f"{axis.folder}/"


def listing_url(axis: Axis, key: str, page: int = 1) -> str:
    """`phong-trao/<id>/`, then `phong-trao/<id>/page/2/` for the following pages."""
    base = f"{axis.folder}/{key}/"
    return base if page == 1 else f"{base}page/{page}/"


def embed_url(slug: str) -> str:
    """`nhung/<slug>/`: the story as a compact card for other sites' iframes."""
    return f"{EMBED_DIR}/{slug}/"


def widget_url(axis: Axis, key: str) -> str:
    """`nhung/phong-trao/<id>/`, `nhung/dia-ban/<id>/`: the latest stories as an embeddable box."""
    return f"{EMBED_DIR}/{axis.folder}/{key}/"


def source_uri(url: str) -> str:
    """The virtual Markdown file that MkDocs renders at `url`."""
    return f"{url}index.md"


def absolute(site_url: str, url: str) -> str:
    """`url` below `site_url` (which may lack its trailing slash)."""
    return site_url.rstrip("/") + "/" + url
