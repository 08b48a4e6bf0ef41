"""Vietnamese search: a static, chunked Pagefind index of the story pages only.

Each published story is indexed from a small HTML document made for the purpose (not from its
page), so that what is searchable and how much it weighs is decided here: the title weighs most,
then the subject, the movement/district/unit/field names and the summary, then the start of the
body. Pagefind folds combining diacritics (and ranks exact-accent matches first) but not "đ", so
a folded copy of the names is added at a low weight: "duc pho" finds "Đức Phổ".
Filters: movement, district, field, kind, year, with canonical names as values.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator import urls
from generator.dates import format_short
from generator.images import COVER, Picture
from generator.model import Story
from generator.text import fold

__all__ = [
    "FILTERS",
    "OUTPUT_DIR",
    "SearchDoc",
    "SearchIndexError",
    "SearchIndexJob",
    "search_documents",
    "write_search_index",
]

OUTPUT_DIR = "pagefind"
FILTERS = {"movement": "Phong trào", "district": "Địa bàn", "field": "Lĩnh vực", "kind": "Loại", "year": "Năm"}
"""Filter keys in the index and the labels the search page shows."""

_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|<[^>]+>|[#*_>`|~]+|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class SearchDoc:
    """What Pagefind indexes for one story: its URL and a purpose-made HTML document."""

    url: str
    html: str


def _plain(markdown: str, words: int) -> str:
    """The first `words` words of a Markdown body as plain text (all of it when `words` < 0)."""
    text = _MARKUP.sub(lambda m: m.group(1) or " ", markdown)
    parts = text.split()
    return " ".join(parts if words < 0 else parts[:words])


def search_documents(
    published: Sequence[Story], pictures: dict[tuple[str, str], Picture], body_words: int = 120
) -> list[SearchDoc]:
    """An index document per published story (nominees, drafts and future stories are never indexed)."""
    docs = []
    for story in published:
        names = [m.name for m in story.movements] + [story.district.name, story.unit.name, story.field.name]
        folded = fold(" ".join([story.title, story.subject, *names]))
        filters = [("movement", m.name) for m in story.movements] + [
            ("district", story.district.name),
            ("field", story.field.name),
            ("kind", story.kind.value),
            ("year", str(story.date.year)),
        ]
        # Filter and meta values go in attributes: the text of a filter element would be indexed twice.
        filter_tags = "".join(f'<span data-pagefind-filter="{key}:{escape(value)}"></span>' for key, value in filters)
        picture = pictures.get((story.slug, COVER))
        image = f'<span data-pagefind-meta="image:{escape(picture.thumb_fallback)}"></span>' if picture else ""
        html = (
            f'<html lang="vi"><head><title>{escape(story.title)}</title></head><body><main data-pagefind-body>'
            f'<h1 data-pagefind-meta="title" data-pagefind-weight="10">{escape(story.title)}</h1>'
            f'<p data-pagefind-meta="subject" data-pagefind-weight="7">{escape(story.subject)}</p>'
            f'<p data-pagefind-weight="4">{escape("; ".join(names))}</p>'
            f'<p data-pagefind-weight="3">{escape(story.summary)}</p>'
            f"<div>{escape(_plain(story.body, body_words))}</div>"
            f'<p data-pagefind-weight="8">{escape(folded)}</p>'
            f'<span data-pagefind-meta="date:{format_short(story.date)}"></span>'
            f'<span data-pagefind-sort="date:{story.date.isoformat()}"></span>'
            f"{image}{filter_tags}</main></body></html>"
        )
        docs.append(SearchDoc(urls.story_url(story.slug), html))
    return docs


class SearchIndexError(Exception):
    """Pagefind is missing or failed; the message says how to fix it."""


class SearchIndexJob:
    """Pagefind indexing the documents in the background while the site's pages are rendered.

    The documents are written to a scratch folder laid out like the site and indexed by one run of
    the Pagefind binary (its file indexer is parallel and fast, where feeding documents one by one
    through its Python service takes minutes). Indexing needs only the documents, not the rendered
    site, so it overlaps with rendering; `finish` moves the bundle into the site.
    """

    def __init__(self, docs: Sequence[SearchDoc]) -> None:
        try:
            from pagefind_bin import get_executable

            binary = str(get_executable())
        except (ImportError, FileNotFoundError) as error:
            raise SearchIndexError("thiếu chương trình Pagefind: cài bằng 'pip install \"pagefind[bin]\"'") from error
        self._scratch = tempfile.TemporaryDirectory(prefix="guong-sang-search-")
        root = Path(self._scratch.name)
        pages, self._output = root / "site", root / OUTPUT_DIR
        for doc in docs:
            target = pages / doc.url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(doc.html, encoding="utf-8")
        pages.mkdir(exist_ok=True)
        command = [binary, "--site", str(pages), "--output-path", str(self._output), "--force-language", "vi", "--quiet"]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def finish(self, site_dir: Path) -> None:
        """Wait for Pagefind and put its bundle at `<site_dir>/pagefind/`."""
        try:
            output, _ = self._process.communicate()
            if self._process.returncode != 0:
                detail = " ".join(output.split())[:300]
                raise SearchIndexError(f"Pagefind không tạo được chỉ mục tìm kiếm: {detail}")
            target = site_dir / OUTPUT_DIR
            if target.exists():
                shutil.rmtree(target)
            shutil.move(str(self._output), str(target))
        finally:
            self._scratch.cleanup()

    def cancel(self) -> None:
        """Stop indexing (the build failed) and remove the scratch folder."""
        self._process.kill()
        self._process.communicate()
        self._scratch.cleanup()


def write_search_index(site_dir: Path, docs: Sequence[SearchDoc]) -> None:
    """Write the Pagefind bundle (index chunks, wasm, pagefind.js) to `<site_dir>/pagefind/`."""
    SearchIndexJob(docs).finish(site_dir)
