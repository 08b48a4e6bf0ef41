"""Story bodies converted to HTML, kept between builds (the "markdown" area of `generator.runtime.cache`).

Converting the Markdown of a story is the largest part of rendering it, and from one build to the
next almost every story is unchanged. A conversion is reused only when everything it depended on
is the same:

- the Markdown (after every plugin's on_page_markdown), the page's path and URL;
- the converter: extension names and options, the versions of the packages doing the work (the
  cache area's libraries), the link settings. Only extensions known to read nothing but the text (`PURE_EXTENSIONS`) allow
  reuse at all: with any other (snippets, an extension object added by a plugin...) every page is
  converted afresh;
- every file the links of the page were looked up in (MkDocs rewrites links to other pages): the
  same answer now, or the conversion is redone.

A conversion that reported anything (a broken link, say) is not kept, so the message comes again
in every build, as `--strict` needs (`worth_keeping`).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files

from generator.runtime.cache import CacheArea

__all__ = ["PURE_EXTENSIONS", "Conversion", "ConversionCache", "Lookups", "Messages", "worth_keeping"]

PURE_EXTENSIONS = frozenset(
    [
        # Python-Markdown's own (also under "markdown.extensions.<name>")
        "abbr", "admonition", "attr_list", "codehilite", "def_list", "fenced_code", "footnotes",
        "legacy_attrs", "legacy_em", "md_in_html", "nl2br", "sane_lists", "smarty", "tables", "toc",
        # PyMdown Extensions that only transform text
        "pymdownx.betterem", "pymdownx.caret", "pymdownx.critic", "pymdownx.details", "pymdownx.escapeall",
        "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.keys", "pymdownx.mark", "pymdownx.saneheaders",
        "pymdownx.smartsymbols", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.tasklist", "pymdownx.tilde",
    ]
)  # fmt: skip
"""Extensions whose output depends only on the text and their options."""

_LOGGERS = ("", "mkdocs")  # MkDocs' own logger does not propagate to the root one


class Lookups:
    """A `Files` stand-in for MkDocs' link processor, noting every file looked up and the answer."""

    def __init__(self, files: Files) -> None:
        self.files = files
        self.seen: dict[str, list[Any] | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        """`Files.get_file_from_path`, remembered."""
        found = self.files.get_file_from_path(path)
        self.seen[path] = _answer(found)
        return found


def _answer(file: File | None) -> list[Any] | None:
    """What MkDocs' link processor uses of a file: its URL and whether it is excluded."""
    return None if file is None else [file.url, file.inclusion.is_excluded()]


@dataclass
class Conversion:
    """What `Page.render` sets, in a form that can be written out and read back."""

    content: str
    toc: list
    """Python-Markdown's `toc_tokens`."""
    title: str | None
    anchors: list[str]
    links: dict[str, dict[str, str]]
    """Links to anchors, by the source path of the page they lead to."""
    lookups: dict[str, list[Any] | None]
    """Every file the link processor looked up, and its answer (`_answer`)."""

    def still_valid(self, files: Files) -> bool:
        """Whether every file the links were looked up in gives the same answer in this build."""
        return all(_answer(files.get_file_from_path(path)) == answer for path, answer in self.lookups.items())


class ConversionCache:
    """Conversions by key, one small JSON file each in the cache folder `cache_root`."""

    def __init__(self, cache_root: Path, config: MkDocsConfig) -> None:
        self.area = CacheArea(cache_root, "markdown")
        self.converter = _converter_key(config)

    @property
    def enabled(self) -> bool:
        """False when an extension of the site may read more than the text."""
        return self.converter is not None

    def key(self, markdown: str, file: File) -> str:
        """The key of a conversion of `markdown` as the page of `file`."""
        assert self.converter is not None
        return self.area.key(self.converter, file.src_uri, file.url, str(file.inclusion), markdown)

    def get(self, key: str) -> Conversion | None:
        """The conversion kept under `key`, if any (a damaged entry counts as none, and is logged)."""
        data = self.area.read(key, ".json")
        if data is None:
            return None
        try:
            return Conversion(**json.loads(data))
        except (ValueError, TypeError):  # whole, but written by other code: made again
            return None

    def put(self, key: str, conversion: Conversion) -> None:
        """Keep `conversion`; written whole or not at all (other processes read the folder)."""
        self.area.write(key, ".json", json.dumps(vars(conversion), ensure_ascii=False).encode("utf-8"))


def _converter_key(config: MkDocsConfig) -> str | None:
    extensions = config["markdown_extensions"]
    if not all(isinstance(name, str) and name.removeprefix("markdown.extensions.") in PURE_EXTENSIONS for name in extensions):
        return None
    # Options holding functions (a slugify, say) print with their address, different in every
    # process: such a site simply never reuses a conversion.
    described = {
        "extensions": list(extensions),
        "options": config["mdx_configs"] or {},
        "use_directory_urls": config.use_directory_urls,
        "validation": repr(config.validation),
    }
    return json.dumps(described, sort_keys=True, default=repr)


class Messages(logging.Handler):
    """Notes whether anything was logged while it is attached."""

    def __init__(self) -> None:
        super().__init__()
        self.any = False

    def emit(self, record: logging.LogRecord) -> None:
        self.any = True

    def watching(self, work: Callable[[], Conversion]) -> tuple[Conversion, bool]:
        """Run `work`; its result and whether it logged anything (that its loggers let through)."""
        loggers = [logging.getLogger(name) for name in _LOGGERS]
        self.any = False
        for logger in loggers:
            logger.addHandler(self)
        try:
            return work(), self.any
        finally:
            for logger in loggers:
                logger.removeHandler(self)


_ABSOLUTE_LINK = re.compile(r"""\b(?:href|src)=["'][/\\]""")


def worth_keeping(conversion: Conversion, logged: bool) -> bool:
    """Whether a conversion may be reused: it reported nothing, now or at a quieter log level.

    MkDocs reports a link to a missing or excluded file (looked up: answered None or excluded)
    and absolute links (at INFO, which `mkdocs build -q` does not even create a record for).
    """
    if logged or _ABSOLUTE_LINK.search(conversion.content):
        return False
    return all(answer is not None and not answer[1] for answer in conversion.lookups.values())
