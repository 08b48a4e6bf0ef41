"""Vietnamese search: a static, chunked Pagefind index of the story pages only.

Each published story is indexed from a small HTML document made for the purpose (not from its
page), so that what is searchable and how much it weighs is decided here: the title weighs most,
then the subject, the movement/district/unit/field names and the summary; the body only when
`search_body_words` asks for it (it multiplies what each query downloads). Pagefind folds
combining diacritics and ranks exact-accent matches first; "đ" is not a combining mark, so the
search page also searches "đ" for each word starting with "d" ("duc pho" finds "Đức Phổ").
Filters: movement, district, field, kind, year, with canonical names as values.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator import urls
from generator.dates import format_short
from generator.pictures import COVER, Picture
from generator.model import Story

__all__ = [
    "FILTERS",
    "tone_placement",
    "OUTPUT_DIR",
    "SearchDoc",
    "SearchIndexError",
    "SearchIndexJob",
    "search_documents",
    "search_filters",
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


# Word-final "oa", "oe", "uy" carry their tone on either vowel ("hoà"/"hòa", "thuỷ"/"thủy"): both are
# correct Vietnamese. Index and queries use one placement (tim-kiem.js has the same table).
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_FIRST = {"a": "òóỏõọ", "e": "òóỏõọ", "y": "ùúủũụ"}
_PLACEMENT = {}
for _last, _marks in _TONED.items():
    _lead = "o" if _last in "ae" else "u"
    for _i, _mark in enumerate(_marks):
        for _upper in (False, True):
            new, old = _lead + _mark, _FIRST[_last][_i] + _last
            _PLACEMENT[new.upper() if _upper else new] = old.upper() if _upper else old
_NEW_STYLE = re.compile("(" + "|".join(sorted(_PLACEMENT, key=len, reverse=True)) + r")(?!\w)")


def tone_placement(text: str) -> str:
    """Put word-final tones on the first vowel ("hoà" -> "hòa", "thuỷ" -> "thủy") for matching."""
    return _NEW_STYLE.sub(lambda m: _PLACEMENT[m.group(1)], unicodedata.normalize("NFC", text))


def search_documents(
    published: Sequence[Story], pictures: dict[tuple[str, str], Picture], body_words: int = 0
) -> list[SearchDoc]:
    """An index document per published story (nominees, drafts and future stories are never indexed).

    There is no folded copy: "đ" is handled in the query (tim-kiem.js also searches "đuc" for
    "duc", and Pagefind folds the other marks itself), so exact-accent matches rank first and
    excerpts show the real text.
    """
    docs = []
    for story in published:
        names = [m.name for m in story.movements] + [story.district.name, story.unit.name, story.field.name]
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
            f'<span data-pagefind-meta="title:{escape(story.title)}"></span>'
            f'<span data-pagefind-meta="subject:{escape(story.subject)}"></span>'
            f'<h1 data-pagefind-weight="10">{escape(tone_placement(story.title))}</h1>'
            f'<p data-pagefind-weight="7">{escape(tone_placement(story.subject))}</p>'
            f'<p data-pagefind-weight="4">{escape(tone_placement("; ".join(names)))}</p>'
            f'<p data-pagefind-weight="3">{escape(tone_placement(story.summary))}</p>'
            f"<div>{escape(tone_placement(_plain(story.body, body_words)))}</div>"
            f'<span data-pagefind-meta="date:{format_short(story.date)}"></span>'
            f'<span data-pagefind-sort="date:{story.date.isoformat()}"></span>'
            f"{image}{filter_tags}</main></body></html>"
        )
        docs.append(SearchDoc(urls.story_url(story.slug), html))
    return docs


def search_filters(published: Sequence[Story]) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(key, label, values) of each filter, values in Vietnamese order (years newest first)."""
    from generator.text import collation_key

    values: dict[str, set[str]] = {key: set() for key in FILTERS}
    for story in published:
        values["movement"].update(m.name for m in story.movements)
        values["district"].add(story.district.name)
        values["field"].add(story.field.name)
        values["kind"].add(story.kind.value)
        values["year"].add(str(story.date.year))
    ordered = {key: sorted(found, key=collation_key) for key, found in values.items()}
    ordered["year"] = sorted(values["year"], reverse=True)
    return tuple((key, label, tuple(ordered[key])) for key, label in FILTERS.items())


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
