"""Every private MkDocs and Material internal the adapter uses, in one place, for the versions it was written for.

The plugin renders thousands of generated pages outside MkDocs' page loop (on every core) and
converts story bodies with one reusable Markdown converter; both need MkDocs' own per-page steps,
which are not public API. Material's script needs one correction after the build. Importing this
module checks the installed versions first: with a MkDocs or Material these functions were not
written for, the build stops with a message saying what to pin, instead of failing deep inside.
The real functions are exercised by `tests/test_compat.py`, so a renamed internal fails a test.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from mkdocs.exceptions import Abort, PluginError

__all__ = [
    "MKDOCS_VERSIONS",
    "MATERIAL_VERSIONS",
    "PageProcessors",
    "add_strict_counts",
    "build_page",
    "check_versions",
    "narrow_material_alternates",
    "populate_page",
    "set_title_from_render",
    "strict_counts",
    "translate_aborts",
    "vietnamese_abort_message",
]

MKDOCS_VERSIONS = ((1, 6), (1, 6))
"""Oldest and newest MkDocs minor version the internals below were checked against."""
MATERIAL_VERSIONS = ((9, 5), (9, 8))
"""Same for Material for MkDocs."""


def _minor(package: str) -> tuple[int, int]:
    major, minor, *_ = metadata.version(package).split(".")
    return int(major), int(minor)


def check_versions() -> None:
    """Raise `PluginError` when MkDocs or Material is a version this module was not written for."""
    for package, (low, high) in (("mkdocs", MKDOCS_VERSIONS), ("mkdocs-material", MATERIAL_VERSIONS)):
        found = _minor(package)
        if not low <= found <= high:
            shown = lambda v: ".".join(map(str, v))  # noqa: E731
            raise PluginError(
                f"exemplars: {package} {metadata.version(package)} chưa được hỗ trợ (plugin viết cho "
                f"{shown(low)}–{shown(high)}.x). Hãy cài đúng phiên bản: pip install '{package}>={shown(low)},<{shown((high[0], high[1] + 1))}'."
            )


check_versions()

# The internals, imported only once the versions are known to have them.
from mkdocs.commands.build import _build_page, _populate_page  # noqa: E402
from mkdocs.structure.pages import (  # noqa: E402
    Page,
    _ExtractAnchorsTreeprocessor,
    _ExtractTitleTreeprocessor,
    _RawHTMLPreprocessor,
    _RelativePathTreeprocessor,
)
from mkdocs.utils import CountHandler  # noqa: E402


# -- rendering one page as MkDocs' page loop does ------------------------------------------------


def populate_page(page: Page, config, files) -> None:
    """Read the page's Markdown and run the plugins' page events up to its HTML (MkDocs' `_populate_page`)."""
    _populate_page(page, config, files)


def build_page(page: Page, config, doc_files, nav, env) -> None:
    """Render the page with the theme and write it (MkDocs' `_build_page`)."""
    _build_page(page, config, doc_files, nav, env)


def set_title_from_render(page: Page, title: str | None) -> None:
    """What `Page.render` records of the page's first heading (read by `Page.title`)."""
    page._title_from_render = title


@dataclass
class PageProcessors:
    """MkDocs' own Markdown processors of one page, registered on a converter under MkDocs' names.

    `Page.render` makes a new converter per page with these; the adapter reuses one converter
    and registers them anew for each page (replacing the previous page's).
    """

    raw_html: _RawHTMLPreprocessor
    anchors: _ExtractAnchorsTreeprocessor
    relative: _RelativePathTreeprocessor
    title: _ExtractTitleTreeprocessor

    @classmethod
    def register(cls, md, file, files, config) -> PageProcessors:
        """New processors for `file`, registered on the Markdown converter `md`."""
        found = cls(
            _RawHTMLPreprocessor(),
            _ExtractAnchorsTreeprocessor(file, files, config),
            _RelativePathTreeprocessor(file, files, config),  # looks files up
            _ExtractTitleTreeprocessor(),
        )
        for processor in (found.raw_html, found.anchors, found.relative, found.title):
            processor._register(md)
        return found

    @property
    def anchor_ids(self) -> set[str]:
        """Every id the page's HTML defines."""
        return self.anchors.present_anchor_ids | self.raw_html.present_anchor_ids

    @property
    def links_to_anchors(self) -> dict:
        """The anchors each linked file is expected to have (for MkDocs' anchor validation)."""
        return self.relative.links_to_anchors


# -- `mkdocs build --strict` counts warnings on a handler of its logger --------------------------


def _count_handlers() -> Iterator[CountHandler]:
    """MkDocs' strict-mode counter (on the "mkdocs" logger during a build), if any."""
    for handler in logging.getLogger("mkdocs").handlers:
        if isinstance(handler, CountHandler):
            yield handler
            return


def strict_counts() -> dict[int, int]:
    """Messages logged so far, by level, as `--strict` counts them."""
    return {level: count for handler in _count_handlers() for level, count in handler.counts.items()}


def add_strict_counts(counts: dict[int, int]) -> None:
    """Count messages logged in another process, so that `--strict` sees them."""
    for handler in _count_handlers():
        for level, count in counts.items():
            if count:
                handler.counts[level] += count


# -- the last line of a failed build ---------------------------------------------------------------

_ABORTS = (
    (re.compile(r"Aborted with a BuildError!"), "Dựng trang thất bại vì các lỗi ở trên; trang đang chạy giữ nguyên."),
    (re.compile(r"Aborted with (.+) in strict mode!"), "Dựng trang thất bại: {counts} ở chế độ nghiêm ngặt (--strict), "
     "xem các dòng WARNING ở trên; trang đang chạy giữ nguyên."),
)  # fmt: skip
_COUNTS = {"warnings": "cảnh báo", "errors": "lỗi"}


def vietnamese_abort_message(message: str) -> str:
    """MkDocs' English last line of a failed build (`mkdocs.commands.build`) in Vietnamese; other text unchanged."""
    for pattern, vietnamese in _ABORTS:
        if match := pattern.fullmatch(message):
            counts = match.groups()[0] if match.groups() else ""
            for english, word in _COUNTS.items():
                counts = re.sub(rf"(\d+) {english}", rf"\1 {word}", counts)
            return vietnamese.format(counts=counts)
    return message


def translate_aborts() -> None:
    """Make MkDocs print `vietnamese_abort_message` when it aborts a build.

    MkDocs raises `Abort("Aborted with a BuildError!")` after the plugins' `on_build_error`, so
    no hook can change the line; `Abort.show` prints it, and is wrapped once per process here.
    """
    original = Abort.show
    if getattr(original, "vietnamese", False):
        return

    def show(self, *args, **kwargs) -> None:
        self.message = vietnamese_abort_message(self.message)
        original(self, *args, **kwargs)

    show.vietnamese = True  # type: ignore[attr-defined]
    Abort.show = show  # type: ignore[method-assign]


# -- Material ------------------------------------------------------------------------------------

# Material's script treats every <link rel="alternate"> as a language version of the site and
# fetches "sitemap.xml" next to it: next to every feed and oEmbed link (404s, and a request to the
# production host from a preview). Language versions always carry hreflang; feeds never do.
_MATERIAL_ALTERNATES = ('"link[rel=alternate]"', '"link[rel=alternate][hreflang]"')


def narrow_material_alternates(site_dir: Path) -> bool:
    """Make Material's bundle look only at language alternates; False if its script changed."""
    old, new = _MATERIAL_ALTERNATES
    for bundle in site_dir.glob("assets/javascripts/bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        if text.count(old) == 1:
            bundle.write_text(text.replace(old, new), encoding="utf-8")
        elif new not in text:
            return False
    return True
