"""Finding story files and reading them into front matter + body, with line numbers.

This stage knows about bytes, encodings and the `---` fences; it does not know what a valid
story is (that is `validate`). It never raises for bad input: problems are returned.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core import yamltree
from generator.core.errors import Problem
from generator.core.text import clean_body

__all__ = ["RawStory", "discover", "read_story"]

_FENCE = re.compile(r"---[ \t]*")
_CLOSE = re.compile(r"(---|\.\.\.)[ \t]*")
_LEADING_TAB = re.compile(r"^[ ]*\t")
_ODD_BREAKS = str.maketrans({"\u0085": " ", "\u2028": " ", "\u2029": " "})
_ODD_BREAK = re.compile("[\u0085\u2028\u2029]")

# PyYAML's wording of the mistakes officers make, mapped to messages that explain the fix.
_YAML_HINTS = (
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.missing_colon"),
    ("found unexpected end of stream", "yaml.unclosed_quote"),
    ("while scanning a quoted scalar", "yaml.unclosed_quote"),
    ("while parsing a flow", "yaml.unclosed_quote"),
    ("did not find expected key", "yaml.indent"),
    ("expected <block end>", "yaml.indent"),
    ("did not find expected '-' indicator", "yaml.indent"),
    ("found undefined alias", "yaml.alias"),
    ("found undefined tag handle", "yaml.tag"),
)


@dataclass(frozen=True)
class StoryFile:
    """Where a story comes from."""

    path: Path
    """Absolute path."""
    display: str
    """Path shown in messages (relative to the current directory when possible)."""
    source: str
    """Path relative to the project root (the folder of mkdocs.yml), `/`-separated."""


@dataclass
class RawStory:
    """A story file split into its parts, before validation."""

    file: StoryFile
    data: dict[str, object] | None
    """Front matter: str/None scalars, lists and dicts (see `generator.core.yamltree`);
    `None` when it could not be read at all, so that validation does not pile up noise."""
    parsed: yamltree.Parsed
    """Line numbers of the front-matter keys."""
    body: str
    body_line: int
    problems: list[Problem] = field(default_factory=list)


def discover(folder: Path, root: Path) -> tuple[list[Path], list[tuple[Path, str, dict]]]:
    """All `*.md` story files below `folder`, sorted, and the paths that cannot be stories.

    Returns `(files, refused)` where each refused entry is `(path, message code, params)`:
    a folder named `x.md`, or a symlink that leads outside `root`. Hidden files and folders
    (`.git`, `.DS_Store`) are ignored.
    """
    files: list[Path] = []
    refused: list[tuple[Path, str, dict]] = []
    real_root = root.resolve()
    for current, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        base = Path(current)
        for name in dirs:
            if name.endswith(".md"):
                refused.append((base / name, "file.not_a_file", {"name": name}))
        for name in sorted(names):
            if name.startswith(".") or not name.endswith(".md"):
                continue
            path = base / name
            if not path.is_symlink() and not path.is_file():  # a FIFO or socket: reading would block
                refused.append((path, "file.unreadable", {"reason": "không phải tệp thường"}))
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):  # dangling link or a loop
                    refused.append((path, "file.unreadable", {"reason": "liên kết (symlink) hỏng hoặc vòng lặp"}))
                    continue
                if not target.is_relative_to(real_root):
                    refused.append((path, "file.outside", {}))
                    continue
                if not target.is_file():
                    refused.append((path, "file.unreadable", {"reason": "không phải tệp thường"}))
                    continue
            files.append(path)
    return files, refused


def _unbalanced_quote(lines: list[str], first: int, error_line: int) -> int | None:
    """1-based line of the first value with an odd number of double quotes, up to `error_line`."""
    for index in range(first, min(error_line, len(lines))):
        value = lines[index].split(":", 1)[1] if ":" in lines[index] else lines[index]
        if value.replace('\\"', "").count('"') % 2:
            return index + 1
    return None


def read_story(file: StoryFile) -> RawStory:
    """Read one story file; everything wrong with it is in `.problems`."""
    story = RawStory(file=file, data=None, parsed=yamltree.Parsed(), body="", body_line=1)

    def fail(at: int, code: str, **params: object) -> RawStory:
        story.problems.append(Problem(file.display, at, code, params))
        return story

    try:
        raw = file.path.read_bytes()
    except IsADirectoryError:
        return fail(1, "file.not_a_file", name=file.path.name)
    except OSError as error:
        return fail(1, "file.unreadable", reason=error.strerror or type(error).__name__)
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return fail(1, "file.utf16")
    if b"\x00" in raw:
        return fail(raw[: raw.index(b"\x00")].count(b"\n") + 1, "file.binary")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return fail(raw[: error.start].count(b"\n") + 1, "file.not_utf8", byte=f"{raw[error.start]:02X}")
    if not text.strip():
        return fail(1, "file.empty")
    # YAML also breaks lines at U+0085, U+2028 and U+2029 (pasted from Word and PDFs), editors do
    # not: as spaces they keep YAML's line numbers equal to the editor's.
    if _ODD_BREAK.search(text):
        text = text.translate(_ODD_BREAKS)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")

    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if not _FENCE.fullmatch(lines[start]):
        return fail(start + 1, "frontmatter.missing")
    end = next((i for i in range(start + 1, len(lines)) if _CLOSE.fullmatch(lines[i])), None)
    if end is None:
        return fail(start + 1, "frontmatter.unclosed", line=start + 1)
    story.body = clean_body("\n".join(lines[end + 1 :]))
    story.body_line = end + 2

    tabs = [i + 1 for i in range(start + 1, end) if _LEADING_TAB.match(lines[i])]
    if tabs:
        for line in tabs:
            fail(line, "frontmatter.tab")
        return story
    story.parsed = yamltree.parse("\n".join(lines[start + 1 : end]), first_line=start + 2)
    for issue in story.parsed.issues:
        code, params, line = issue.code, dict(issue.params), issue.line
        context_line = params.pop("context_line", None)
        if code == "yaml.syntax":
            code = next((c for hint, c in _YAML_HINTS if hint in str(params["problem"])), code)
        if code in ("yaml.unclosed_quote", "yaml.missing_colon") and context_line:
            line = context_line  # where the quote opened or the key began, not where YAML gave up
        elif code.startswith("yaml.") and (unbalanced := _unbalanced_quote(lines, start + 1, line)):
            # A quote left open swallows the next lines, and YAML then complains about something else.
            code, line = "yaml.unclosed_quote", unbalanced
        fail(line, code, **params)
    value = story.parsed.value
    if value is None:
        if not story.parsed.issues:  # "---\n---": empty but readable, so missing fields get reported
            story.data = {}
        return story
    if not isinstance(value, dict):
        kind = ("một danh sách", "a list") if isinstance(value, list) else ("một dòng chữ", "a line of text")
        return fail(start + 2, "frontmatter.not_mapping", kind=kind)
    story.data = value
    return story
