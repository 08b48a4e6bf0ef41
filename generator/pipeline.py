"""Everything the exemplar part of a site needs, prepared before any page is written.

`prepare_site` runs the whole pipeline — load, validate, select what is published, process
photos, draw share cards, plan every page, write the data files — and either returns the result
or raises `ValidationFailed` with every problem. Because it runs before a site generator touches
its output folder, a broken story never leaves a half-written site. An adapter (the MkDocs
plugin today) only turns `SiteBuild.pages` into its own pages and publishes `SiteBuild.files`
and what `SiteBuild.deferred` makes.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core import urls
from generator.core.errors import ValidationFailed
from generator.core.settings import Settings
from generator.load.quotas import load_quotas
from generator.outputs import opendata
from generator.outputs.embeds import plan_embeds
from generator.outputs.feeds import plan_feeds
from generator.outputs.search_index import search_files
from generator.outputs.sharecards import ShareCard, build_share_cards, jobs_for
from generator.outputs.site_files import portal_stylesheet, robots_txt
from generator.plan.board import board_downloads, plan_board
from generator.plan.group import select
from generator.plan.media import plan_clips
from generator.plan.pictures import build_photos, failure_problems, photo_refs
from generator.plan.search_page import search_page
from generator.plan.sharing import SITE_CARD, page_cards, page_share_jobs
from generator.plan.site_plan import plan_site
from generator.plan.views import PageSpec, SitePlan
from generator.runtime.cache import begin_build
from generator.validate.project import Project, ValidationMemo, load_project

__all__ = ["OutputFile", "SiteBuild", "prepare_site"]


@dataclass(frozen=True)
class OutputFile:
    """A file to publish as is: generated text, or a file from the cache."""

    url: str
    """Site-relative path, e.g. `du-lieu/exemplars.json`."""
    content: str | bytes | None = None
    """Text (written as UTF-8) or bytes (a spreadsheet)."""
    path: Path | None = None


@dataclass
class SiteBuild:
    """The prepared exemplar site."""

    project: Project
    plan: SitePlan
    pages: tuple[PageSpec, ...]
    """Every generated page: the plan's and the board's (dashboard, consultation)."""
    files: list[OutputFile] = field(default_factory=list)
    deferred: tuple[Callable[[], list[OutputFile]], ...] = ()
    """The data files made from the plan (feeds, embeds, search index), as functions:
    they cannot fail on input, so an adapter may make them while it renders the pages."""
    photos_processed: int = 0
    photos_reused: int = 0
    cards_drawn: int = 0
    cards_reused: int = 0
    page_cards_drawn: int = 0
    page_cards_reused: int = 0
    errors: list = field(default_factory=list)
    """Errors found with `keep_going` (a preview); empty otherwise."""
    page_cards: dict[str, ShareCard] = field(default_factory=dict)
    """The share card of each listing page, by URL (generator.plan.sharing)."""
    site_card: ShareCard | None = None
    """The share card of every other page that is not a story."""
    newest: dt.date | None = None
    """Date of the newest published story: when the home page and overviews last changed."""

    def all_files(self) -> list[OutputFile]:
        """`files` and the deferred data files, made now."""
        return self.files + [output for make in self.deferred for output in make()]

    @property
    def warnings(self) -> list:
        """Problems that do not stop the build, for the adapter to report."""
        return self.project.warnings

    @property
    def notes(self) -> list:
        """The problems of drafts, which the build leaves out: reported, never stopping it."""
        return self.project.notes


@contextmanager
def _no_collection_pauses() -> Iterator[None]:
    """Pause Python's cycle collector while the pipeline builds its (acyclic) data.

    Each full collection walks every object alive: with 10,000 stories in memory, the collector
    took half of the page planning's time, more with every story. Cycles made meanwhile are
    collected when it resumes.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare_site(
    settings: Settings, cwd: Path | None = None, keep_going: bool = False, memo: ValidationMemo | None = None
) -> SiteBuild:
    """Run the pipeline for `settings`; raises `ValidationFailed` listing every error found.

    With `keep_going` (a live preview), errors are returned in `SiteBuild.errors` instead and the
    site is made from what is valid: a story with an error is left out, a photo that cannot be
    read is not shown. A `memo` kept between calls spares validating unchanged stories again.
    """
    with _no_collection_pauses():
        return _prepare_site(settings, cwd, keep_going, memo)


def _prepare_site(settings: Settings, cwd: Path | None, keep_going: bool, memo: ValidationMemo | None) -> SiteBuild:
    # 1. Load and validate: every story, the vocabularies, the quota rules.
    begin_build(settings.cache_path)  # cache entries this build does not use can be pruned after it
    project = load_project(settings, cwd=cwd, memo=memo)
    quotas, quota_problems = load_quotas(settings.vocabulary_path, settings.root)
    errors = project.errors + quota_problems

    # 2. Select what this build publishes; process the photos of what is shown. Photos of the
    #    valid stories are read even when other stories have errors, so that a damaged photo is
    #    reported in the same run as a misspelt district.
    edition = select(project.stories, settings.build_date)
    shown = edition.published + edition.nominees
    photos = build_photos(photo_refs(shown), settings.images, settings.cache_path, workers=settings.workers)
    errors += failure_problems(photos, cwd)
    if errors and not keep_going:
        raise ValidationFailed(errors, settings.lang)
    cards = build_share_cards(
        jobs_for(shown, settings.portal, photos.covers), settings.cache_path, workers=settings.workers
    )

    clips, media_files = plan_clips(shown, photos.pictures, cards.cards)

    # 3. Plan every page: stories, listings, overviews, home; the board; search.
    plan = plan_site(project, edition, photos.pictures, cards.cards, clips)
    published = edition.published
    board = plan_board(edition, project.vocabulary, quotas, settings)
    # Pages that follow every story (board, search) changed when the newest story was published.
    newest = published[0].date if published else None
    extra = [replace(spec, lastmod=spec.lastmod or newest) for spec in (*board, search_page(published, settings))]
    pages = plan.pages + tuple(extra)
    # Listings without stories are rarely shared: they show the site card.
    listing_groups = [g for axis_groups in plan.groups.values() for g in axis_groups if g.stories]
    page_run = build_share_cards(
        page_share_jobs(listing_groups, settings), settings.cache_path, "anh/chia-se/trang", settings.workers, "page-cards"
    )

    # 4. The files besides pages. Feeds, embeds, the board's figures and the search index need
    #    only the plan and cannot fail: an adapter may make them while it renders the pages.
    def feeds_and_embeds() -> list[OutputFile]:
        made = plan_feeds(
            published, plan.groups, settings, photos.cover_jpegs, settings.site_name, settings.feed_limit, clips
        )
        made |= plan_embeds(published, plan.groups, settings, photos.pictures, settings.site_name)
        return [OutputFile(url, content=content) for url, content in made.items()]

    def figures() -> list[OutputFile]:
        made = board_downloads(edition, project.vocabulary, quotas, settings)
        return [OutputFile(url, content=content) for url, content in made.items()]

    def search_index() -> list[OutputFile]:
        made = search_files(published, photos.pictures, settings.axes)
        return [OutputFile(url, content=content) for url, content in made.items()]

    def cover_url(story) -> str:
        return urls.absolute(settings.site_url, photos.cover_jpegs[story.slug][0]) if story.slug in photos.cover_jpegs else ""

    files = [OutputFile(url, path=path) for url, path in photos.files + media_files]
    files += [OutputFile(card.url, path=card.path) for card in (*cards.cards.values(), *page_run.cards.values())]
    # Made now, not deferred: content/ pages link to the open data, which MkDocs checks.
    records = [
        opendata.record(
            s, settings.site_url, cover_url, settings.axes, opendata.media_entries(clips.get(s.slug, ()), settings.site_url)
        )
        for s in published
    ]
    files += [
        OutputFile(f"{urls.DATA_DIR}/exemplars.json", content=opendata.exemplars_json(records)),
        OutputFile(f"{urls.DATA_DIR}/exemplars.csv", content=opendata.exemplars_csv(records, settings.axes)),
        OutputFile("assets/stylesheets/portal.css", content=portal_stylesheet(settings.portal)),
        OutputFile("robots.txt", content=robots_txt(settings)),
    ]
    return SiteBuild(
        project=project,
        plan=plan,
        pages=pages,
        files=files,
        deferred=(feeds_and_embeds, figures) + ((search_index,) if settings.search else ()),
        photos_processed=photos.run.processed,
        photos_reused=photos.run.reused,
        cards_drawn=cards.drawn,
        cards_reused=cards.reused,
        page_cards_drawn=page_run.drawn,
        page_cards_reused=page_run.reused,
        errors=errors,
        page_cards=page_cards(pages, page_run.cards),
        site_card=page_run.cards[SITE_CARD],
        newest=newest,
    )
