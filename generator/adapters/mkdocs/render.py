"""Rendering the generated pages (stories, listings, board...), on every core where the system allows.

MkDocs renders pages one after the other on one core. The thousands of generated pages are
independent of each other, so the plugin keeps them out of MkDocs' own page loop and renders
them here with MkDocs' own per-page steps (`_populate_page`, `_build_page`: Markdown, every
plugin's page events, the theme template, writing the file), split between forked processes.
On two cores this is what keeps the build within budget (benchmarks/RESULTS.md).

Forking is used only where it is safe and cheap: Linux, and no other thread in the process
(`mkdocs serve` renders pages on request instead: generator/adapters/mkdocs/preview.py). Elsewhere the
same steps run in this process. Warnings logged in a worker are added to MkDocs' strict-mode
count in the parent; an error in a worker stops the build like an error here.

The data files made from the plan alone (feeds, embeds, search index) are written by one more
forked process from the moment MkDocs has cleaned the output folder (`start_tasks`), while this
process is still reading MkDocs' own files and navigation on one core.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection

import jinja2
from mkdocs.commands.build import _build_page, _populate_page  # stable through MkDocs 1.x (pinned <2)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

__all__ = ["Workers", "can_fork", "default_workers", "page_renderer", "render_pages", "start_tasks"]

MIN_SHARE = 50
"""Pages per process below which forking costs more than it saves."""
BATCH = 16
"""Pages a process takes at a time."""


def default_workers() -> int:
    """Processes to render with when the config says 0: one per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether pages may be rendered in forked processes here.

    Not beside other threads (`mkdocs serve`'s server): one of them could hold a lock, of the
    log output say, at the moment of the fork, and the worker would wait for it forever.
    """
    return sys.platform == "linux" and threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


class Workers:
    """Forked processes at work (rendering pages, writing files); `wait` collects their reports."""

    def __init__(self, children: list[tuple[multiprocessing.process.BaseProcess, Connection]]) -> None:
        self.children = children

    def wait(self) -> None:
        """Wait for every worker; add their warnings to MkDocs' count; raise if one failed."""
        failures = []
        for process, receive in self.children:
            try:
                failure, counts = receive.recv()
            except EOFError:  # the worker died without a word (killed, out of memory)
                failure, counts = f"tiến trình dựng trang dừng đột ngột (mã {process.exitcode})", {}
            process.join()
            _add_counts(counts)
            if failure:
                failures.append(failure)
        self.children = []
        if failures:
            raise PluginError("Không dựng được trang web: " + "; ".join(failures))

    def stop(self) -> None:
        """End the workers without waiting for their pages (the build failed elsewhere)."""
        for process, _ in self.children:
            process.terminate()
            process.join()
        self.children = []


def page_renderer(config: MkDocsConfig, files: Files, nav: Navigation, env: jinja2.Environment) -> Callable[[Page], None]:
    """A function converting, rendering and writing one page as MkDocs' own page loop does."""
    doc_files = files.documentation_pages()

    def render(page: Page) -> None:
        _populate_page(page, config, files)
        _build_page(page, config, doc_files, nav, env)

    return render


def render_pages(
    pages: Sequence[Page],
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: jinja2.Environment,
    workers: int,
) -> Workers:
    """Convert, render and write `pages` as MkDocs would, in up to `workers` processes.

    This process renders its share before returning; call `wait()` on the result before the
    build ends, for the workers' shares.
    """
    render_page = page_renderer(config, files, nav, env)

    def render(batch: Sequence[Page]) -> None:
        for page in batch:
            render_page(page)

    workers = max(1, min(workers, len(pages) // MIN_SHARE))
    if workers == 1:
        render(pages)
        return Workers([])
    # Processes take the next batch of pages until none is left (a shared counter), so that
    # they finish together, whatever else runs on the machine.
    context = multiprocessing.get_context("fork")
    taken = context.Value("l", 0)

    def batches() -> Iterator[Sequence[Page]]:
        while True:
            with taken.get_lock():
                start = taken.value
                taken.value = start + BATCH
            if start >= len(pages):
                return
            yield pages[start : start + BATCH]

    def share() -> None:
        for batch in batches():
            render(batch)

    started = Workers([])
    try:
        for _ in range(1, workers):
            started.children.append(_fork(context, share))
        share()
    except BaseException:
        started.stop()
        raise
    return started


def start_tasks(tasks: Sequence[Callable[[], None]]) -> Workers:
    """Run `tasks` one after the other in a forked process; `wait()` on the result before the build ends."""
    started = Workers([])
    if tasks:
        started.children.append(_fork(multiprocessing.get_context("fork"), lambda: [task() for task in tasks]))
    return started


def _fork(context, work: Callable[[], object]) -> tuple[multiprocessing.process.BaseProcess, Connection]:
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(work, send), daemon=True)
    process.start()
    send.close()
    return process, receive


def _worker(work: Callable[[], object], send) -> None:
    """A forked process: do `work`, then report (failure or "", new warning counts)."""
    before = {level: count for h in _count_handlers() for level, count in h.counts.items()}
    failure = ""
    try:
        work()
    except BaseException as error:  # noqa: BLE001 - reported to the parent, which stops the build
        failure = str(error) or type(error).__name__
    after = {level: count for h in _count_handlers() for level, count in h.counts.items()}
    send.send((failure, {level: count - before.get(level, 0) for level, count in after.items()}))
    send.close()


def _count_handlers() -> list[CountHandler]:
    """MkDocs' strict-mode counter (on the "mkdocs" logger during `mkdocs build --strict`), if any."""
    return [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)][:1]


def _add_counts(counts: dict[int, int]) -> None:
    for handler in _count_handlers():
        for level, count in counts.items():
            if count:
                handler.counts[level] += count
