"""Rendering the generated pages (stories, listings, board...) on every core the build may use.

MkDocs renders pages one after the other on one core. The thousands of generated pages are
independent of each other, so the plugin keeps them out of MkDocs' own page loop and renders
them here with MkDocs' own per-page steps (`compat.populate_page`, `compat.build_page`: Markdown,
every plugin's page events, the theme template, writing the file), spread over processes by
`generator.runtime.parallel` (which forks only where it is safe: `mkdocs serve` renders pages on
request instead, generator/adapters/mkdocs/preview.py). Warnings logged in a child are added to
MkDocs' strict-mode count here; an error in a child stops the build like an error here.

The data files made from the plan alone (feeds, embeds, search index) are written by one more
forked process from the moment MkDocs has cleaned the output folder (`start_tasks`), while this
process is still reading MkDocs' own files and navigation on one core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from generator.adapters.mkdocs.compat import add_strict_counts, build_page, populate_page, strict_counts
from generator.runtime.parallel import Forked, WorkerFailed, share_out, start, worker_count

__all__ = ["BATCH", "MIN_SHARE", "Rendering", "page_renderer", "render_pages", "start_tasks"]

MIN_SHARE = 50
"""Pages per process below which forking costs more than it saves."""
BATCH = 16
"""Pages a process takes at a time."""


class Rendering:
    """Processes at work for the build (rendering pages, writing files); `wait` before the build ends."""

    def __init__(self, forked: Forked | None = None, counts: dict[int, int] | None = None) -> None:
        self.forked = forked or Forked()
        self.counts = counts or {}
        """MkDocs' warning counts when the children were forked (theirs are counted from there)."""

    @property
    def children(self) -> list:
        """The processes still to wait for."""
        return self.forked.children

    def wait(self) -> None:
        """Wait for every child; add their warnings to MkDocs' count; raise if one failed."""
        try:
            _, reports = self.forked.wait()
        except WorkerFailed as failed:
            raise PluginError(f"Không dựng được trang web: {failed}") from failed  # a full disk is told apart
        for report in reports:
            add_strict_counts({level: count - self.counts.get(level, 0) for level, count in (report or {}).items()})

    def stop(self) -> None:
        """End the children without waiting for their pages (the build failed elsewhere)."""
        self.forked.stop()


def page_renderer(config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment) -> Callable[[Page], None]:
    """A function converting, rendering and writing one page as MkDocs' own page loop does."""
    doc_files = files.documentation_pages()

    def render(page: Page) -> None:
        populate_page(page, config, files)
        build_page(page, config, doc_files, nav, env)

    return render


def render_pages(
    pages: Sequence[Page], config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment, workers: int
) -> Rendering:
    """Convert, render and write `pages` as MkDocs would, in up to `workers` processes (0: every core).

    This process renders its share before returning; call `wait()` on the result before the
    build ends, for the other processes' shares.
    """
    render = page_renderer(config, files, nav, env)
    counts = strict_counts()
    _, forked = share_out(render, pages, worker_count(workers, len(pages), MIN_SHARE), BATCH, report=strict_counts)
    return Rendering(forked, counts)


def start_tasks(tasks: Sequence[Callable[[], None]]) -> Rendering:
    """Run `tasks` one after the other in a forked process; `wait()` on the result before the build ends."""
    if not tasks:
        return Rendering()

    def run_all() -> tuple[list, dict[int, int]]:
        for task in tasks:
            task()
        return [], strict_counts()

    return Rendering(start(run_all), strict_counts())
