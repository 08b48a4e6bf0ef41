"""Real components for tests: `mkdocs build` in a child process, a loopback web server, headless Chromium.

Chromium is Debian's package (/usr/bin/chromium), driven by Playwright with `executable_path`;
`python3 dev.py test` installs it. Browser downloads (`playwright install`) are not used.
"""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The build date of test builds: 2026-11-21 00:00 in Vietnam (UTC+7).
BUILD_EPOCH = "1795194000"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # Without these Chromium phones home at start, which a closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def mkdocs_build(project: Path, site: Path, *extra: str, epoch: str = BUILD_EPOCH) -> subprocess.CompletedProcess:
    """Run a real `mkdocs build` of `project` into `site`; the result keeps stdout and stderr."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve `folder` on a free loopback port; yields the base URL (with a trailing slash)."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class PageVisit:
    """What a browser saw while loading one page."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)


@contextmanager
def chromium() -> Iterator[object]:
    """A headless Chromium (Playwright `Browser`)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str, width: int, height: int = 900):
    """Open `url` at the given viewport; returns (page, PageVisit) with everything recorded."""
    visit = PageVisit()
    host = urlsplit(url).netloc
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))

    def on_request(request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != host:
            visit.foreign_requests.append(request.url)

    page.on("request", on_request)
    page.on("requestfailed", lambda r: visit.failed_requests.append(r.url))
    page.goto(url, wait_until="networkidle")
    return page, visit


# -- the nothing-lost check ------------------------------------------------------------------------

AXIS_DIRS = {"movements": "phong-trao", "localities": "dia-ban", "fields": "linh-vuc", "units": "don-vi", "years": "nam"}


def expected_published(project: Path, build_date) -> set[str]:
    """Sources that must be published, read with python-frontmatter (not our loader) as a cross-check."""
    import datetime as dt

    import frontmatter

    from generator.core.dates import parse_date

    expected = set()
    for path in sorted((project / "exemplars").rglob("*.md")):
        meta = frontmatter.load(path).metadata
        date = meta["date"]
        date = date if isinstance(date, dt.date) else parse_date(str(date))
        if meta.get("status", "published") == "published" and date <= build_date:
            expected.add(path.relative_to(project).as_posix())
    return expected


def story_links(html: str) -> set[str]:
    """Hrefs to story pages in a page, normalised to `guong-dien-hinh/<slug>/`."""
    import re

    return {m for m in re.findall(r'href="(?:\.\./)*(guong-dien-hinh/[^"/]+/)"', html)}


def listing_members(site: Path, axis: str, key: str) -> set[str]:
    """Every story linked from a listing, following its pagination (`rel="next"`)."""
    import re

    members: set[str] = set()
    folder = site / AXIS_DIRS[axis] / key
    seen = set()
    while folder not in seen:
        seen.add(folder)
        html = (folder / "index.html").read_text(encoding="utf-8")
        # Only the listing's own cards, not the navigation or footer.
        main = html.split('<div class="gs-cards">', 1)[-1].split('<nav class="gs-pagination"', 1)[0]
        members |= story_links(main)
        following = re.search(r'href="([^"]+)" rel="next"', html)
        if not following:
            break
        folder = (folder / following.group(1)).resolve()
    return members


def assert_nothing_lost(project: Path, site: Path, build_date) -> list[dict]:
    """Every published story has its page and is linked from each of its listings; returns the records."""
    import json

    records = json.loads((site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]
    sources = [r["source"] for r in records]
    assert len(sources) == len(set(sources)), "a story appears twice in exemplars.json"
    assert set(sources) == expected_published(project, build_date)
    cache: dict[tuple[str, str], set[str]] = {}
    for record in records:
        url = f"guong-dien-hinh/{record['slug']}/"
        page = site / url / "index.html"
        assert page.is_file(), f"missing page for {record['source']}"
        keys = [("movements", m) for m in record["movements"]] + [
            ("fields", record["field"]),
            ("units", record["unit"]),
            ("localities", record["locality"]),
            ("years", record["date"][:4]),
        ]
        for key in keys:
            if key not in cache:
                cache[key] = listing_members(site, *key)
            assert url in cache[key], f"{record['source']} is not listed on {AXIS_DIRS[key[0]]}/{key[1]}/"
    return records


def demo_states(project: Path, build_date) -> dict[str, list[tuple[str, str, str]]]:
    """(source, title, slug) of a project's drafts, future-dated stories and nominees, read with
    python-frontmatter (not our loader) so that tests check the pipeline against an independent view."""
    import datetime as dt

    import frontmatter

    from generator.core.dates import parse_date
    from generator.core.text import slugify

    found: dict[str, list[tuple[str, str, str]]] = {"draft": [], "nominee": [], "future": []}
    for path in sorted((project / "exemplars").rglob("*.md")):
        meta = frontmatter.load(path).metadata
        date = meta["date"] if isinstance(meta["date"], dt.date) else parse_date(str(meta["date"]))
        title = str(meta["title"])
        entry = (path.relative_to(project).as_posix(), title, str(meta.get("slug") or slugify(title)))
        if meta.get("status") == "draft":
            found["draft"].append(entry)
        elif date > build_date:
            found["future"].append(entry)
        elif meta.get("status") == "nominee":
            found["nominee"].append(entry)
    return found
