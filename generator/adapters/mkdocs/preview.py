"""`mkdocs serve` at archive scale: generated pages are rendered when the browser asks for them.

A live preview rebuilds the whole site on every save. With thousands of stories, rendering every
story and listing page again takes most of a rebuild, although the officer looks at one page. So
while serving, the plugin renders no generated page during the rebuild: the server renders a page
the first time it is requested after a rebuild (milliseconds), and writes the deferred data files
(feeds, embeds, search index) the first time a file that is not there yet is requested.
"""

from __future__ import annotations

import os
import posixpath
import threading
from collections.abc import Callable, Iterable, Sequence

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.pages import Page

__all__ = ["LazyPages"]

log = get_plugin_logger(__name__)

WAIT_SECONDS = 600
"""Longest a request waits for a rebuild in progress (then the server answers as it can)."""


class LazyPages:
    """The generated pages of the last rebuild, rendered on request by the preview server."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.ready = threading.Event()
        self.ready.set()
        self.pages: dict[str, Page] = {}
        self.tasks: list[Callable[[], None]] = []
        self.render: Callable[[Page], None] | None = None

    def rebuilding(self) -> None:
        """A rebuild starts: requests wait until it is published (or fails)."""
        self.ready.clear()
        with self.lock:
            self.pages, self.tasks, self.render = {}, [], None

    def publish(self, pages: Sequence[Page], tasks: Sequence[Callable[[], None]], render: Callable[[Page], None]) -> None:
        """The rebuild is done: `render` draws one of `pages`; `tasks` write the data files."""
        with self.lock:
            self.pages = {page.file.dest_uri: page for page in pages}
            self.tasks = list(tasks)
            self.render = render
        self.ready.set()

    def failed(self) -> None:
        """The rebuild stopped: let requests through (MkDocs reports the error)."""
        self.ready.set()

    def prepare(self, site_dir: str, path: str) -> None:
        """Make the file at site-relative `path` exist, if it is ours and not written yet."""
        self.ready.wait(WAIT_SECONDS)
        with self.lock:
            page = self.pages.pop(path, None)
            if page is not None and self.render is not None:
                try:
                    self.render(page)
                except Exception:  # noqa: BLE001 - the server answers 404; the terminal says why
                    log.exception("Không dựng được trang %s", path)
            elif self.tasks and not os.path.exists(os.path.join(site_dir, path)):
                tasks, self.tasks = self.tasks, []
                for task in tasks:
                    task()

    def wrap(self, app: Callable, site_dir: str, mount_path: str) -> Callable:
        """The preview server's WSGI `app`, preparing each requested file first."""

        def serve(environ: dict, start_response: Callable) -> Iterable[bytes]:
            # As MkDocs' server reads the path: UTF-8 in a latin-1 string, "/" meaning index.html.
            path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
            if (path + "/").startswith(mount_path):
                relative = path[len(mount_path) :]
                if relative == "" or relative.endswith("/"):
                    relative += "index.html"
                self.prepare(site_dir, posixpath.normpath("/" + relative).lstrip("/"))
            return app(environ, start_response)

        return serve
