"""What goes on every generated page: the page plan and its view models.

`plan_site` turns a validated project into `PageSpec`s (URL, template, title, Markdown body and a
view model) without knowing how a site generator renders them. The MkDocs adapter turns each spec
into a virtual file and hands the view to the template named in it (`theme_overrides/*.html`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from generator.core import urls
from generator.core.dates import format_long, format_short
from generator.outputs.feeds import FORMATS as FEED_FORMATS
from generator.plan.pictures import COVER, Picture, rewrite_body
from generator.outputs.sharecards import ShareCard
from generator.plan.group import AXES, Edition, Group, consultation_open, group_by, kind_counts, paginate, related, select
from generator.core.model import Award, Kind, Movement, Story, Term
from generator.validate.project import Project
from generator.core.settings import Portal, Settings
from generator.outputs.embeds import embed_snippet

__all__ = [
    "AXIS_LABELS",
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
    "KIND_LABELS",
    "plan_site",
    "portal_stylesheet",
]

AXIS_LABELS = {
    "movements": "Phong trào thi đua",
    "districts": "Địa bàn",
    "fields": "Lĩnh vực",
    "units": "Đơn vị",
    "years": "Năm",
}
KIND_LABELS = {Kind.COLLECTIVE: "Tập thể", Kind.INDIVIDUAL: "Cá nhân", Kind.HOUSEHOLD: "Hộ gia đình"}


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
    """The RSS, Atom and JSON feeds published in the folder `base` (site-relative, "" for the site)."""
    labels = {"rss.xml": "RSS", "atom.xml": "Atom", "feed.json": "JSON Feed"}
    return tuple(FeedLink(f"{title} ({labels[name]})", base + name, mime) for name, mime in FEED_FORMATS.items())


@dataclass(frozen=True)
class Card:
    """A story in a listing."""

    url: str
    title: str
    subject: str
    kind: str
    district: str
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
    district: Link
    year: Link
    date_long: str
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
    feeds: tuple[FeedLink, ...] = ()
    """Feeds of the story's movements and district."""
    embed_url: str = ""
    """Site-relative URL of the story's embeddable card."""
    embed_snippet: str = ""
    """HTML an editor pastes to embed the story."""


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
    """Site-relative URL of the embeddable "latest stories" box (movements and districts)."""
    widget_snippet: str = ""


@dataclass(frozen=True)
class OverviewView:
    """Every term of an axis with its count."""

    axis: str
    axis_label: str
    entries: tuple[Link, ...]
    total: int


@dataclass(frozen=True)
class HomeView:
    """What the home page shows around its hand-written text."""

    featured: tuple[Card, ...]
    latest: tuple[Card, ...]
    movements: tuple[Link, ...]
    districts: tuple[Link, ...]
    years: tuple[Link, ...]
    sections: tuple[Link, ...]
    total: int


@dataclass(frozen=True)
class PageSpec:
    """A page to generate."""

    url: str
    template: str
    title: str
    description: str
    markdown: str
    view: object


@dataclass(frozen=True)
class SitePlan:
    """Everything the exemplar part of the site consists of."""

    edition: Edition
    pages: tuple[PageSpec, ...]
    home: HomeView
    groups: dict[str, list[Group]]


BODY_SIZES = "(min-width: 60em) 40rem, 100vw"
"""The width a body photo takes: the text column on desktop, the screen on phones."""


def _card(story: Story, pictures: dict[tuple[str, str], Picture]) -> Card:
    return Card(
        url=urls.story_url(story.slug),
        title=story.title,
        subject=story.subject,
        kind=KIND_LABELS[story.kind],
        district=story.district.name,
        date_short=format_short(story.date),
        date_iso=story.date.isoformat(),
        summary=story.summary,
        thumb=pictures.get((story.slug, COVER)),
        story=story,
    )


class _Cards(dict):
    """Each story's card by slug, made once: a story appears in five listings and beside six others."""

    def __init__(self, pictures: dict[tuple[str, str], Picture]) -> None:
        super().__init__()
        self.pictures = pictures

    def of(self, story: Story) -> Card:
        card = self.get(story.slug)
        if card is None:
            card = self[story.slug] = _card(story, self.pictures)
        return card


def _term_link(axis: str, term: Term) -> Link:
    return Link(term.name, urls.listing_url(axis, term.id))


def _year_link(year: int) -> Link:
    return Link(str(year), urls.listing_url("years", str(year)))


def _home_crumb() -> Link:
    return Link("Trang chủ", "")


def _story_view(
    story: Story,
    groups_of: dict[tuple[str, str], Sequence[Story]],
    pictures: dict,
    cards: _Cards,
    nominee: bool,
    share: ShareCard | None,
    settings: Settings,
) -> StoryView:
    def neighbours(s: Story) -> list[Sequence[Story]]:
        keys = [("movements", m.id) for m in s.movements] + [("districts", s.district.id)]
        return [groups_of.get(key, ()) for key in keys]

    first = story.movements[0]
    return StoryView(
        story=story,
        kind=KIND_LABELS[story.kind],
        movements=tuple(_term_link("movements", m) for m in story.movements),
        field=_term_link("fields", story.field),
        unit=_term_link("units", story.unit),
        district=_term_link("districts", story.district),
        year=_year_link(story.date.year),
        date_long=format_long(story.date),
        date_short=format_short(story.date),
        awards=story.awards,
        related=tuple(cards.of(s) for s in related(story, neighbours)),
        breadcrumbs=(
            _home_crumb(),
            Link(AXIS_LABELS["movements"], urls.overview_url("movements")),
            _term_link("movements", first),
        ),
        nominee=nominee,
        consultation_until=format_short(story.consultation_until) if story.consultation_until else "",
        consultation_open=nominee and consultation_open(story, settings.build_date),
        cover=pictures.get((story.slug, COVER)),
        share=share,
        feeds=tuple(
            link
            for axis, term in [("movements", m) for m in story.movements] + [("districts", story.district)]
            for link in feed_links(term.name, urls.listing_url(axis, term.id))
        ),
        embed_url=urls.embed_url(story.slug),
        embed_snippet=embed_snippet(settings, urls.embed_url(story.slug), story.title),
    )


def _movement_extras(movement: Movement, stories: Sequence[Story], project: Project) -> dict:
    counts = kind_counts(stories)
    targets = dict(movement.targets)
    progress = tuple(
        Progress(KIND_LABELS[kind], counts[kind], targets.get(kind))
        for kind in Kind
        if kind in targets or counts[kind]
    )
    lead = project.vocabulary.units.by_id.get(movement.lead_unit or "")
    period = f"{movement.period_start}–{movement.period_end}" if movement.period_start and movement.period_end else ""
    return {"lead_unit": _term_link("units", lead) if lead else None, "period": period, "progress": progress}


def _listing_pages(group: Group, per_page: int, project: Project, cards: _Cards) -> list[PageSpec]:
    axis_label = AXIS_LABELS[group.axis]
    chunks = paginate(group.stories, per_page)
    page_links = tuple(Link(str(n), urls.listing_url(group.axis, group.key, n)) for n in range(1, len(chunks) + 1))
    extras = _movement_extras(group.term, group.stories, project) if isinstance(group.term, Movement) else {}
    if group.axis in urls.FEED_AXES and group.stories:  # feeds and widgets exist only for terms with stories
        extras["feeds"] = feed_links(group.name, urls.listing_url(group.axis, group.key))
        extras["widget_url"] = urls.widget_url(group.axis, group.key)
        extras["widget_snippet"] = embed_snippet(project.settings, extras["widget_url"], f"Gương điển hình: {group.name}")
    specs = []
    for number, chunk in enumerate(chunks, start=1):
        url = urls.listing_url(group.axis, group.key, number)
        title = group.name if number == 1 else f"{group.name} (trang {number})"
        view = ListingView(
            axis=group.axis,
            axis_label=axis_label,
            group=group,
            cards=tuple(cards.of(s) for s in chunk),
            page=number,
            pages=page_links,
            previous=page_links[number - 2].url if number > 1 else None,
            next=page_links[number].url if number < len(chunks) else None,
            total=len(group.stories),
            breadcrumbs=(_home_crumb(), Link(axis_label, urls.overview_url(group.axis))),
            **extras,
        )
        description = f"{len(group.stories)} gương điển hình tiên tiến — {axis_label}: {group.name}"
        specs.append(PageSpec(url, "gs-listing.html", title, description, "", view))
    return specs


def _entries(groups: Sequence[Group]) -> tuple[Link, ...]:
    return tuple(Link(g.name, urls.listing_url(g.axis, g.key), len(g.stories)) for g in groups)


def plan_site(
    project: Project,
    edition: Edition | None = None,
    pictures: dict[tuple[str, str], Picture] | None = None,
    share_cards: dict[str, ShareCard] | None = None,
) -> SitePlan:
    """Every exemplar page of the site: stories, listings per axis with pagination, overviews.

    `edition` defaults to what the settings' build date publishes; `pictures` are the processed
    photos by (slug, src) (see `generator.plan.pictures.build_photos`), `share_cards` the cards by slug.
    """
    pictures = pictures or {}
    share_cards = share_cards or {}
    settings = project.settings
    edition = edition or select(project.stories, settings.build_date)
    vocabulary = project.vocabulary
    all_terms = {
        "movements": vocabulary.movements.terms,
        "districts": vocabulary.districts.terms,
        "fields": vocabulary.fields.terms,
        "units": vocabulary.units.terms,
        "years": (),
    }
    published = list(edition.published)
    groups = {axis: group_by(published, axis, all_terms[axis]) for axis in AXES}
    groups_of = {(g.axis, g.key): g.stories for axis in AXES for g in groups[axis]}

    cards = _Cards(pictures)
    pages: list[PageSpec] = []
    for story, nominee in [(s, False) for s in published] + [(s, True) for s in edition.nominees]:
        view = _story_view(story, groups_of, pictures, cards, nominee, share_cards.get(story.slug), settings)
        url = urls.story_url(story.slug)
        body = rewrite_body(story.body, story.slug, pictures, "../" * url.count("/"), BODY_SIZES)
        pages.append(PageSpec(url, "gs-story.html", story.title, story.summary, body, view))
    for axis in AXES:
        # Terms without stories get a page only where it says something (a movement's targets).
        shown = [g for g in groups[axis] if g.stories or axis == "movements"]
        for group in shown:
            pages += _listing_pages(group, settings.per_page, project, cards)
        overview = OverviewView(axis, AXIS_LABELS[axis], _entries(shown), len(published))
        pages.append(PageSpec(urls.overview_url(axis), "gs-overview.html", AXIS_LABELS[axis], "", "", overview))

    home = HomeView(
        featured=tuple(cards.of(s) for s in published if s.featured)[:4],
        latest=tuple(cards.of(s) for s in published[:8]),
        movements=_entries(groups["movements"]),
        districts=_entries([g for g in groups["districts"] if g.stories]),
        years=_entries(groups["years"]),
        sections=tuple(Link(AXIS_LABELS[a], urls.overview_url(a)) for a in AXES),
        total=len(published),
    )
    return SitePlan(edition=edition, pages=tuple(pages), home=home, groups=groups)



def portal_stylesheet(portal: Portal) -> str:
    """CSS custom properties for the province's colours (a file, not inline, so a strict CSP holds)."""
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {portal.primary_color};\n"
        f"  --md-primary-fg-color--light: {portal.primary_color};\n"
        f"  --md-primary-fg-color--dark: {portal.primary_color};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {portal.accent_color};\n"
        "}\n"
    )
