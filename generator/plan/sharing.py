"""Share cards of the pages that are not stories: one per listing, one for the rest of the site.

A listing shared on Zalo or Facebook shows its own card (the movement's or district's name and
how many exemplars it has); the home page, overviews, dashboard, consultation and search pages
show the site's card. Story cards are drawn from the stories (generator/outputs/sharecards.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from generator.core.settings import Settings
from generator.outputs.sharecards import ShareCard, ShareJob, page_job
from generator.plan.group import Group
from generator.plan.views import ListingView, PageSpec

__all__ = ["SITE_CARD", "listing_card_slug", "page_cards", "page_share_jobs"]

SITE_CARD = "trang-chu"
"""Name of the site's own card."""


def listing_card_slug(group: Group) -> str:
    """The name of a listing's card: its axis folder and key (`phong-trao-nong-thon-moi`, `nam-2023`)."""
    return f"{group.axis.folder}-{group.key}"


def page_share_jobs(groups: Iterable[Group], settings: Settings) -> list[ShareJob]:
    """A card job for each listing in `groups`, and one for the site."""
    portal = settings.portal
    jobs = [page_job(SITE_CARD, settings.site_name, settings.site_description, f"Trang thông tin của {portal.agency}", portal)]
    for group in groups:
        count = f"{len(group.stories)} gương điển hình tiên tiến"
        jobs.append(page_job(listing_card_slug(group), group.name, count, f"{group.axis.label} · {settings.site_name}", portal))
    return jobs


def page_cards(pages: Sequence[PageSpec], cards: dict[str, ShareCard]) -> dict[str, ShareCard]:
    """The card of every listing page by URL (every page of a listing shares its card)."""
    return {
        spec.url: cards[listing_card_slug(spec.view.group)]
        for spec in pages
        if isinstance(spec.view, ListingView) and listing_card_slug(spec.view.group) in cards
    }
