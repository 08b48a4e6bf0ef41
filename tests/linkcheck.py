"""A link checker over a built site's files: every internal link and anchor must resolve.

`mkdocs build --strict` checks only links written in Markdown; the plugin's pages, feeds, embeds,
open data and the sitemap are written by templates and code. This crawler reads every file of
the output folder:

- HTML: `href`, `src`, `srcset`, `poster`, `action` and `data` of every element, relative or
  absolute below `site_url`; a `#fragment` must name an `id` (or `<a name>`) of its target page;
- every text file (HTML, XML feeds and sitemap, JSON, CSV, robots.txt): each absolute URL below
  `site_url`, wherever it appears (JSON-LD, embed snippets, oEmbed fields, feed items).

External links are not fetched: a build must not depend on the network.
"""

from __future__ import annotations

import html.parser
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

__all__ = ["DeadLink", "dead_links"]

_ATTRIBUTES = {"href", "src", "poster", "action", "data"}
_TEXT_SUFFIXES = {".html", ".xml", ".json", ".csv", ".txt", ".js", ".css", ".vtt"}
_SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:", "blob:")


@dataclass(frozen=True)
class DeadLink:
    """A link that leads nowhere: where it is, what it says, why it is dead."""

    source: str
    link: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.link} ({self.reason})"


class _Page(html.parser.HTMLParser):
    """The links and the anchors (ids, names) of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in _ATTRIBUTES and not (tag == "meta"):
                self.links.append(value.strip())
            elif name in ("srcset", "imagesrcset"):
                self.links += [part.strip().split()[0] for part in value.split(",") if part.strip()]


@dataclass
class _Site:
    root: Path
    site_url: str
    pages: dict[Path, _Page] = field(default_factory=dict)

    def page(self, path: Path) -> _Page:
        if path not in self.pages:
            parsed = _Page()
            parsed.feed(path.read_text(encoding="utf-8", errors="replace"))
            self.pages[path] = parsed
        return self.pages[path]

    def target(self, url_path: str) -> Path | None:
        """The file served at the site-relative `url_path`, as a static server would find it."""
        candidate = self.root / unquote(url_path).lstrip("/")
        if url_path.endswith("/") or url_path == "":
            candidate = candidate / "index.html"
        elif candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def _site_path(site_url: str) -> str:
    return urlsplit(site_url).path if site_url else "/"


def _check(site: _Site, source: Path, link: str, dead: list[DeadLink]) -> None:
    if not link or link.startswith(_SKIP_SCHEMES):
        return
    rel_source = source.relative_to(site.root).as_posix()
    page_url = urljoin(site.site_url or "http://site.invalid/", rel_source)
    absolute = urljoin(page_url, link)
    base = site.site_url or "http://site.invalid/"
    if not absolute.startswith(base):
        return  # another site: not fetched
    parts = urlsplit(absolute)
    path = parts.path[len(_site_path(base)) :]
    target = site.target(path)
    if target is None:
        dead.append(DeadLink(rel_source, link, "no such file"))
        return
    if parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in site.page(target).anchors:
        dead.append(DeadLink(rel_source, link, f"no anchor #{parts.fragment} in {target.relative_to(site.root).as_posix()}"))


def dead_links(root: Path, site_url: str) -> list[DeadLink]:
    """Every dead internal link or anchor in the built site at `root` (`site_url` as in mkdocs.yml)."""
    site = _Site(root, site_url.rstrip("/") + "/" if site_url else "")
    absolute = re.compile(re.escape(site.site_url) + r"[^\s\"'<>)\\&,]*") if site.site_url else None
    dead: list[DeadLink] = []
    for path in sorted(root.rglob("*")):
        if not path.is_file() or path.suffix not in _TEXT_SUFFIXES:
            continue
        if path.suffix == ".html":
            for link in site.page(path).links:
                _check(site, path, link, dead)
        if absolute is not None and path.suffix not in (".js", ".css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for match in absolute.finditer(text):
                if text.startswith(("&lt;", "{"), match.end()):
                    continue  # a placeholder in a guide's example (`nhung/<slug>/`), not a link
                _check(site, path, match.group(0).rstrip(".;"), dead)
    return dead
