"""The page plan: every exemplar page of the site, planned from the validated stories.

`plan_site` turns a validated project into `PageSpec`s (URL, template, title, Markdown body and a
view model) without knowing how a site generator renders them: story pages, each axis's listings
with pagination and its overview, and what the home page shows.
"""

from __future__ import annotations

from generator.core import urls
from generator.core.axes import YEARS, axis_named
from generator.outputs import structured_data
from generator.outputs.sharecards import ShareCard
from generator.plan.group import Edition, group_by, select
from generator.plan.listings import all_stories_pages, entries, listing_pages, overview_page
from generator.plan.localities import locality_sections, related_places
from generator.plan.media import Clip, rewrite_media
from generator.plan.pictures import Picture, rewrite_body
from generator.plan.search_page import SEARCH_DIR
from generator.plan.story_pages import BODY_SIZES, Cards, story_structured_data, story_view
from generator.plan.views import HomeView, Link, PageSpec, SitePlan
from generator.validate.project import Project

__all__ = ["plan_site"]


def plan_site(
    project: Project,
    edition: Edition | None = None,
    pictures: dict[tuple[str, str], Picture] | None = None,
    share_cards: dict[str, ShareCard] | None = None,
    clips: dict[str, tuple[Clip, ...]] | None = None,
) -> SitePlan:
    """Every exemplar page of the site: stories, listings per axis with pagination, overviews.

    `edition` defaults to what the settings' build date publishes; `pictures` are the processed
    photos by (slug, src) (see `generator.plan.pictures.build_photos`), `share_cards` the cards by slug,
    `clips` each story's video and audio (`generator.plan.media.plan_clips`).
    """
    pictures = pictures or {}
    clips = clips or {}
    share_cards = share_cards or {}
    settings = project.settings
    edition = edition or select(project.stories, settings.build_date)
    vocabulary = project.vocabulary
    axes = (*settings.axes, YEARS)
    published = list(edition.published)
    groups = {
        axis.name: group_by(published, axis, vocabulary.axis(axis.name).terms if axis.key else ()) for axis in axes
    }
    groups_of = {(g.axis.name, g.key): g.stories for axis in axes for g in groups[axis.name]}

    cards = Cards(pictures)
    units = axis_named(settings.axes, "units")
    pages: list[PageSpec] = []
    for story, nominee in [(s, False) for s in published] + [(s, True) for s in edition.nominees]:
        shown = clips.get(story.slug, ())
        view = story_view(story, groups_of, pictures, cards, nominee, share_cards.get(story.slug), settings, shown)
        url = urls.story_url(story.slug)
        prefix = "../" * url.count("/")
        body = rewrite_media(story.body, shown, prefix, settings.safety.video_hosts)
        body = rewrite_body(body, story.slug, pictures, prefix, BODY_SIZES)
        data = story_structured_data(view, settings)
        pages.append(PageSpec(url, "gs-story.html", story.title, story.summary, body, view, story.date, data))
    listed_units = frozenset(g.key for g in groups["units"] if g.stories)
    for axis in axes:
        # Terms without stories get a page only where it says something (a movement's targets).
        shown = [g for g in groups[axis.name] if g.stories or axis.name == "movements"]
        places = axis.name == "localities"
        related = related_places(axis, vocabulary.localities, shown) if places else (lambda group: ())
        for group in shown:
            pages += listing_pages(group, settings, vocabulary, cards, units, related(group), listed_units)
        sections = locality_sections(axis, vocabulary.localities, shown) if places else ()
        pages.append(overview_page(axis, shown, published, settings, sections))
    pages += all_stories_pages(published, settings, cards)

    home = HomeView(
        featured=tuple(cards.of(s) for s in published if s.featured)[:4],
        latest=tuple(cards.of(s) for s in published[:8]),
        movements=entries(groups["movements"]),
        localities=entries([g for g in groups["localities"] if g.stories]),
        years=entries(groups["years"]),
        # The years have their own list beside this one on the home page.
        sections=(*(Link(axis.label, urls.overview_url(axis)) for axis in settings.axes), Link("Tất cả gương điển hình", urls.stories_url())),
        total=len(published),
        structured_data=(structured_data.website(settings, settings.site_description, f"{SEARCH_DIR}/"),) if settings.site_url else (),
    )
    return SitePlan(edition=edition, pages=tuple(pages), home=home, groups=groups)
