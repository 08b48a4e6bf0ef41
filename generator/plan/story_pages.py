"""A story's page and its card in listings: what the story template and the card partial show."""

from __future__ import annotations

from collections.abc import Sequence

from generator.core import urls
from generator.core.axes import AXES, YEARS, Axis, axis_named
from generator.core.dates import format_long, format_short
from generator.core.model import Story, Term
from generator.core.settings import Settings
from generator.outputs.embeds import embed_snippet
from generator.outputs import structured_data
from generator.outputs.sharecards import CARD_SIZE, ShareCard
from generator.plan.group import consultation_open, related
from generator.plan.media import Clip
from generator.plan.pictures import COVER, Picture
from generator.plan.views import Card, Link, StoryView, feed_links

__all__ = ["BODY_SIZES", "Cards", "story_structured_data", "story_view", "term_link"]

BODY_SIZES = "(min-width: 60em) 40rem, 100vw"
"""The width a body photo takes: the text column on desktop, the screen on phones."""

_MOVEMENTS, _LOCALITIES, _FIELDS, _UNITS = (axis_named(AXES, name) for name in ("movements", "localities", "fields", "units"))


def _card(story: Story, pictures: dict[tuple[str, str], Picture]) -> Card:
    return Card(
        url=urls.story_url(story.slug),
        title=story.title,
        subject=story.subject,
        kind=story.kind.label,
        locality=story.locality.name,
        date_short=format_short(story.date),
        date_iso=story.date.isoformat(),
        summary=story.summary,
        thumb=pictures.get((story.slug, COVER)),
        story=story,
    )


class Cards(dict):
    """Each story's card by slug, made once: a story appears in five listings and beside six others."""

    def __init__(self, pictures: dict[tuple[str, str], Picture]) -> None:
        super().__init__()
        self.pictures = pictures

    def of(self, story: Story) -> Card:
        """The card of `story`."""
        card = self.get(story.slug)
        if card is None:
            card = self[story.slug] = _card(story, self.pictures)
        return card


def term_link(axis: Axis, term: Term) -> Link:
    """A link to the listing of `term`."""
    return Link(term.name, urls.listing_url(axis, term.id))


def home_crumb() -> Link:
    """The first breadcrumb of every page."""
    return Link("Trang chủ", "")


def story_view(
    story: Story,
    groups_of: dict[tuple[str, str], Sequence[Story]],
    pictures: dict,
    cards: Cards,
    nominee: bool,
    share: ShareCard | None,
    settings: Settings,
    clips: Sequence[Clip] = (),
) -> StoryView:
    """The view of a story page; `groups_of` gives each listing's stories by (axis name, key)."""

    def neighbours(s: Story) -> list[Sequence[Story]]:
        keys = [("movements", m.id) for m in s.movements] + [("localities", s.locality.id)]
        return [groups_of.get(key, ()) for key in keys]

    first = story.movements[0]
    declared = [axis for axis in settings.axes if not axis.attribute]
    return StoryView(
        story=story,
        kind=story.kind.label,
        movements=tuple(term_link(_MOVEMENTS, m) for m in story.movements),
        field=term_link(_FIELDS, story.field),
        unit=term_link(_UNITS, story.unit),
        locality=term_link(_LOCALITIES, story.locality),
        # A nominee's year may have no published story, hence no listing to link to.
        year=Link(str(story.date.year), urls.listing_url(YEARS, str(story.date.year))) if ("years", str(story.date.year)) in groups_of else None,
        date_long=format_long(story.date),
        date_day=format_long(story.date).rsplit(" năm ", 1)[0],
        date_short=format_short(story.date),
        awards=story.awards,
        related=tuple(cards.of(s) for s in related(story, neighbours)),
        breadcrumbs=(home_crumb(), Link(_MOVEMENTS.label, urls.overview_url(_MOVEMENTS)), term_link(_MOVEMENTS, first)),
        nominee=nominee,
        consultation_until=format_short(story.consultation_until) if story.consultation_until else "",
        consultation_open=nominee and consultation_open(story, settings.build_date),
        cover=pictures.get((story.slug, COVER)),
        share=share,
        feeds=tuple(
            link
            for axis in settings.axes
            if axis.feeds
            for term in axis.terms_of(story)
            for link in feed_links(term.name, urls.listing_url(axis, term.id))
        ),
        clips=tuple(clips),
        embed_url=urls.embed_url(story.slug),
        embed_snippet=embed_snippet(settings, urls.embed_url(story.slug), story.title),
        facts=tuple((axis.short, tuple(term_link(axis, t) for t in axis.terms_of(story))) for axis in declared if axis.terms_of(story)),
    )


def story_structured_data(view: StoryView, settings: Settings) -> tuple[dict, ...]:
    """The story's `NewsArticle` and `BreadcrumbList` (nothing without `site_url`: they need absolute URLs)."""
    if not settings.site_url:
        return ()
    story = view.story
    images = []
    if view.share is not None and view.share.width >= CARD_SIZE[0]:
        images.append(view.share.url)
    if view.cover is not None and max(width for _, width in view.cover.sources[-1].srcset) >= CARD_SIZE[0]:
        images.append(view.cover.largest)
    crumbs = [(link.text, link.url) for link in view.breadcrumbs] + [(story.title, urls.story_url(story.slug))]
    return (
        structured_data.news_article(story, settings, images, clips=view.clips),
        structured_data.breadcrumb_list(crumbs, settings),
    )
