"""Listing pages (`phong-trao/<id>/`, `dia-ban/<id>/`, ..., `page/N/`), each axis's overview, and
the list of every story (`guong-dien-hinh/`).

A listing is paginated; a movement's listing also shows its lead unit, its period and its
progress towards the targets; a listing of an axis with feeds announces them and offers the
"latest stories" widget to embed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.core import urls
from generator.core.axes import Axis
from generator.core.model import Kind, Movement, Story
from generator.core.vocabulary import Vocabulary
from generator.core.settings import Settings
from generator.outputs import structured_data
from generator.outputs.embeds import embed_snippet
from generator.plan.group import Group, kind_counts, paginate
from generator.plan.story_pages import Cards, home_crumb, term_link
from generator.plan.views import Link, ListingView, OverviewSection, OverviewView, PageSpec, Progress, Related, feed_links

__all__ = ["ALL_STORIES", "all_stories_pages", "entries", "listing_pages", "overview_page"]


def _movement_extras(
    movement: Movement, stories: Sequence[Story], vocabulary: Vocabulary, units: Axis, listed: frozenset[str]
) -> dict:
    counts = kind_counts(stories)
    targets = dict(movement.targets)
    progress = tuple(
        Progress(kind.label, counts[kind], targets.get(kind))
        for kind in Kind
        if kind in targets or counts[kind]
    )
    lead = vocabulary.units.by_id.get(movement.lead_unit or "")
    period = f"{movement.period_start}–{movement.period_end}" if movement.period_start and movement.period_end else ""
    # The lead unit links to its listing only when it has one (a unit with a published story).
    lead_link = (term_link(units, lead) if lead.id in listed else Link(lead.name, "")) if lead else None
    return {"lead_unit": lead_link, "period": period, "progress": progress}


def listing_pages(
    group: Group, settings: Settings, vocabulary: Vocabulary, cards: Cards, units: Axis, related: tuple[Related, ...] = (),
    listed_units: frozenset[str] = frozenset(),
) -> list[PageSpec]:
    """Every page of the listing of `group`, `settings.per_page` stories each; `related` places
    (a commune's former districts) are shown on its first page."""
    axis = group.axis
    extras = _movement_extras(group.term, group.stories, vocabulary, units, listed_units) if isinstance(group.term, Movement) else {}
    if axis.feeds and group.stories:  # feeds and widgets exist only for terms with stories
        extras["feeds"] = feed_links(group.name, urls.listing_url(axis, group.key))
        extras["widget_url"] = urls.widget_url(axis, group.key)
        extras["widget_snippet"] = embed_snippet(settings, extras["widget_url"], f"Gương điển hình: {group.name}")
    crumbs = (home_crumb(), Link(axis.label, urls.overview_url(axis)))
    description = f"{len(group.stories)} gương điển hình tiên tiến — {axis.label}: {group.name}"
    return _pages(group, settings, lambda n: urls.listing_url(axis, group.key, n), crumbs, description, cards, extras, related)


ALL_STORIES = Axis(
    name="stories", key="", folder=urls.STORIES_DIR, label="Danh sách", label_en="Exemplars",
    short="Gương điển hình", noun=("gương điển hình", "exemplar"), help="", required=False,
)  # fmt: skip
"""The one group of every published story (`guong-dien-hinh/`); like `YEARS`, not a vocabulary
and not among the site's axes, so nothing else lists or filters by it."""


def all_stories_pages(published: Sequence[Story], settings: Settings, cards: Cards) -> list[PageSpec]:
    """`guong-dien-hinh/` and its following pages: every published story, newest first."""
    group = Group(ALL_STORIES, "", "Tất cả gương điển hình", None, tuple(published))
    description = f"{len(published)} gương điển hình tiên tiến, mới đăng trước"
    return _pages(group, settings, urls.stories_url, (home_crumb(),), description, cards, {})


def _pages(
    group: Group, settings: Settings, url_of: Callable[[int], str], crumbs: tuple[Link, ...], description: str,
    cards: Cards, extras: dict, related: tuple[Related, ...] = (),
) -> list[PageSpec]:  # fmt: skip
    """The pages of one listing, `settings.per_page` stories each, page N at `url_of(N)`; `related`
    on the first page only."""
    chunks = paginate(group.stories, settings.per_page)
    page_links = tuple(Link(str(n), url_of(n)) for n in range(1, len(chunks) + 1))
    specs = []
    for number, chunk in enumerate(chunks, start=1):
        title = group.name if number == 1 else f"{group.name} (trang {number})"
        view = ListingView(
            axis=group.axis.name,
            axis_label=group.axis.label,
            group=group,
            cards=tuple(cards.of(s) for s in chunk),
            page=number,
            pages=page_links,
            previous=page_links[number - 2].url if number > 1 else None,
            next=page_links[number].url if number < len(chunks) else None,
            total=len(group.stories),
            breadcrumbs=crumbs,
            related=related if number == 1 else (),
            **extras,
        )
        url = url_of(number)
        trail = [(link.text, link.url) for link in crumbs] + [(title, url)]
        data = _collection(title, description, url, [card.url for card in view.cards], trail, settings)
        newest = group.stories[0].date if group.stories else None
        specs.append(PageSpec(url, "gs-listing.html", title, description, "", view, newest, data))
    return specs


def entries(groups: Sequence[Group]) -> tuple[Link, ...]:
    """A link to each group's listing, with its count."""
    return tuple(Link(g.name, urls.listing_url(g.axis, g.key), len(g.stories)) for g in groups)


def overview_page(
    axis: Axis, shown: Sequence[Group], published: Sequence[Story], settings: Settings, sections: Sequence[OverviewSection] = ()
) -> PageSpec:
    """`phong-trao/`, `dia-ban/`, ...: every listing of the axis with its count (`published`: newest first);
    `sections` group the entries under headings (the localities by level and time)."""
    overview = OverviewView(axis.name, axis.label, entries(shown), len(published), tuple(sections))
    url = urls.overview_url(axis)
    description = f"Gương điển hình tiên tiến theo {axis.label.lower()}: {len(shown)} mục, {len(published)} gương điển hình"
    links = [link.url for link in overview.entries]
    data = _collection(axis.label, description, url, links, [(home_crumb().text, ""), (axis.label, url)], settings)
    newest = published[0].date if published else None
    return PageSpec(url, "gs-overview.html", axis.label, description, "", overview, newest, data)


def _collection(
    title: str, description: str, url: str, items: Sequence[str], crumbs: Sequence[tuple[str, str]], settings: Settings
) -> tuple[dict, ...]:
    # JSON-LD needs absolute URLs: nothing without site_url.
    if not settings.site_url:
        return ()
    return (
        structured_data.collection_page(title, description, url, items, settings),
        structured_data.breadcrumb_list(crumbs, settings),
    )
