"""The search page (`tim-kiem/`): its filters, known at build time, and where the index is."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from generator.core.model import Story
from generator.core.settings import Settings
from generator.outputs.search_index import INDEX_DIR, search_filters
from generator.plan.views import PageSpec

__all__ = ["SEARCH_DIR", "SearchView", "search_page"]

SEARCH_DIR = "tim-kiem"


@dataclass(frozen=True)
class SearchView:
    """The search page: its filters (key, label) and where the search index is."""

    filters: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]
    """(key, label, ((value, file slug), ...)): known at build time, so the page fetches no filter list."""
    index: str
    """Site-relative folder of the search index (generator.outputs.search_index)."""
    available: bool = True
    """False when nothing is published yet."""


def search_page(published: Sequence[Story], settings: Settings) -> PageSpec:
    """The search page's spec."""
    view = SearchView(search_filters(published, settings.axes), INDEX_DIR + "/", available=settings.search and bool(published))
    return PageSpec(f"{SEARCH_DIR}/", "gs-search.html", "Tìm kiếm", "Tìm gương điển hình tiên tiến theo tên, địa bàn, phong trào", "", view)
