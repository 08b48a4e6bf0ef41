"""View models: what each generated page's template receives, and the page specs an adapter renders.

`PageSpec` is the unit of exchange with a site generator: URL, template, title, description,
Markdown body and the view model handed to the template (the MkDocs adapter turns each into a
virtual file). The templates are in `generator/theme/`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from generator.core.model import Award, Story
from generator.outputs.feeds import FORMATS as FEED_FORMATS
from generator.outputs.sharecards import ShareCard
from generator.plan.group import Edition, Group
from generator.plan.media import Clip
from generator.plan.pictures import Picture

__all__ = [
    "Card",
    "FeedLink",
    "HomeView",
    "Link",
    "ListingView",
    "OverviewView",
    "PageSpec",
    "Progress",
    "SitePlan",
    "StoryView",
    "feed_links",
]


@dataclass(frozen=True)
class Link:
    """A link as templates need it: text and a site-relative URL."""

    text: str
    url: str
    count: int | None = None


@dataclass(frozen=True)
class FeedLink:
    """A feed to announce with `<link rel="alternate">`."""

    title: str
    url: str
    mime: str


def feed_links(title: str, base: str) -> tuple[FeedLink, ...]:
    """The feeds published in the folder `base` (site-relative, "" for the site), one per format."""
    return tuple(FeedLink(f"{title} ({feed.label})", base + feed.file, feed.mime) for feed in FEED_FORMATS)


@dataclass(frozen=True)
class Card:
    """A story in a listing."""

    url: str
    title: str
    subject: str
    kind: str
    locality: str
    date_short: str
    date_iso: str
    summary: str
    story: Story = field(compare=False, repr=False)
    thumb: Picture | None = None


@dataclass(frozen=True)
class Progress:
    """Count of one kind against its target, for movement pages and the dashboard."""

    kind: str
    count: int
    target: int | None

    @property
    def percent(self) -> int:
        """Share of the target reached, capped at 100 for drawing."""
        return min(100, round(100 * self.count / self.target)) if self.target else 0


@dataclass(frozen=True)
class StoryView:
    """A story page."""

    story: Story
    kind: str
    movements: tuple[Link, ...]
    field: Link
    unit: Link
    locality: Link
    year: Link | None
    """The year's listing; None when the year has no published story yet (a nominee's)."""
    date_long: str
    date_day: str
    """The date without its year ("ngày 24 tháng 8"), which the page follows with a link to the year."""
    date_short: str
    awards: tuple[Award, ...]
    related: tuple[Card, ...]
    breadcrumbs: tuple[Link, ...]
    nominee: bool
    consultation_until: str
    consultation_open: bool
    cover: Picture | None = None
    share: ShareCard | None = None
    """The share card (og:image), if one was drawn."""
    clips: tuple[Clip, ...] = ()
    """The story's video and audio (`generator.plan.media`)."""
    feeds: tuple[FeedLink, ...] = ()
    """Feeds of the story's movements and locality."""
    embed_url: str = ""
    """Site-relative URL of the story's embeddable card."""
    embed_snippet: str = ""
    """HTML an editor pastes to embed the story."""
    facts: tuple[tuple[str, tuple[Link, ...]], ...] = ()
    """(label, links) of the axes a site declares beyond the built-in ones."""


@dataclass(frozen=True)
class ListingView:
    """One page of the stories of a term (or a year)."""

    axis: str
    axis_label: str
    group: Group
    cards: tuple[Card, ...]
    page: int
    pages: tuple[Link, ...]
    """A link per page number, for the pagination bar."""
    previous: str | None
    next: str | None
    total: int
    breadcrumbs: tuple[Link, ...]
    lead_unit: Link | None = None
    period: str = ""
    progress: tuple[Progress, ...] = ()
    feeds: tuple[FeedLink, ...] = ()
    widget_url: str = ""
    """Site-relative URL of the embeddable "latest stories" box (axes with feeds)."""
    widget_snippet: str = ""
    related: tuple[Related, ...] = ()
    """Places this one was formed from or became (localities before and after 1/7/2025)."""


@dataclass(frozen=True)
class Related:
    """A labelled list of related listings ("Hình thành từ": the former districts of a commune);
    a link with an empty `url` is a place without stories, shown as text."""

    label: str
    links: tuple[Link, ...]


@dataclass(frozen=True)
class OverviewSection:
    """A part of an overview with its own heading: today's communes, the former districts..."""

    title: str
    intro: str
    groups: tuple[tuple[str, tuple[Link, ...]], ...]
    """(sub-heading, entries); a sub-heading "" when the section is one list."""


@dataclass(frozen=True)
class OverviewView:
    """Every term of an axis with its count."""

    axis: str
    axis_label: str
    entries: tuple[Link, ...]
    total: int
    sections: tuple[OverviewSection, ...] = ()
    """When set, shown instead of `entries` (the localities, by level and time)."""


@dataclass(frozen=True)
class HomeView:
    """What the home page shows around its hand-written text."""

    featured: tuple[Card, ...]
    latest: tuple[Card, ...]
    movements: tuple[Link, ...]
    localities: tuple[Link, ...]
    years: tuple[Link, ...]
    sections: tuple[Link, ...]
    total: int
    structured_data: tuple[dict, ...] = ()
    """schema.org JSON-LD of the home page (generator.outputs.structured_data)."""


@dataclass(frozen=True)
class PageSpec:
    """A page to generate."""

    url: str
    template: str
    title: str
    description: str
    markdown: str
    view: object
    lastmod: dt.date | None = None
    """When what the page shows last changed (the sitemap's lastmod); None: unknown."""
    structured_data: tuple[dict, ...] = ()
    """schema.org JSON-LD objects printed in the page's head (generator.outputs.structured_data)."""


@dataclass(frozen=True)
class SitePlan:
    """Everything the exemplar part of the site consists of."""

    edition: Edition
    pages: tuple[PageSpec, ...]
    home: HomeView
    groups: dict[str, list[Group]]
    """The groups of each axis (and "years"), by axis name."""
