"""Parse YAML safely into plain values, remembering the line of every key.

PyYAML's loaders give no line numbers and construct dates, booleans ("yes" -> True) and numbers
on their own terms. Here the text is only *composed* (libyaml's C parser when available), then
the node tree is walked by hand:

- every scalar becomes a `str` (or `None` for `null`, `~` and empty values); the schema decides
  what a string means, so `title: 1945` and `title: yes` stay text and `date: 2023-13-45` is an
  error message, not an exception;
- tags other than YAML's plain core tags (`!!python/object`, `!foo`, ...) are refused, never run;
- anchors and aliases are refused, which defuses "billion laughs" expansion and cycles;
- nesting deeper than `MAX_DEPTH` is refused before Python's recursion limit is reached.

Failures come back as `YamlIssue`s with a 1-based line, never as exceptions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

try:  # libyaml is ~10x faster; fall back to pure Python where it is not compiled in
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

__all__ = ["KeyPath", "MAX_DEPTH", "Parsed", "YamlIssue", "parse"]

MAX_DEPTH = 20
"""Deepest nesting accepted; real front matter needs 3 (awards -> item -> key)."""

KeyPath = tuple[str | int, ...]

_CORE = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
_NULLS = {"", "~", "null", "Null", "NULL"}


@dataclass(frozen=True)
class YamlIssue:
    """Why a piece of YAML was refused."""

    code: str
    line: int
    params: dict[str, object] = field(default_factory=dict)


@dataclass
class Parsed:
    """The value of a YAML document and the line where each key (or list item) starts."""

    value: object = None
    lines: dict[KeyPath, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)

    def line_of(self, path: KeyPath, default: int = 1) -> int:
        """Line of `path`, or of its closest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return default


class _Refused(Exception):
    def __init__(self, issue: YamlIssue) -> None:
        self.issue = issue


def parse(text: str, first_line: int = 1) -> Parsed:
    """Parse one YAML document; `first_line` is the file line where `text` starts."""
    result = Parsed()
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        if "nesting depth" in (error.problem or ""):  # libyaml >= 0.2.6 stops deep nesting itself
            result.issues.append(YamlIssue("yaml.too_deep", line, {"depth": MAX_DEPTH}))
            return result
        params: dict[str, object] = {"problem": _problem_text(error)}
        if error.context_mark is not None:
            params["context_line"] = first_line + error.context_mark.line
        result.issues.append(YamlIssue("yaml.syntax", line, params))
        return result
    except yaml.YAMLError as error:  # unmarked errors: bad characters in the stream, mostly
        result.issues.append(YamlIssue("yaml.syntax", first_line, {"problem": str(error)}))
        return result
    except RecursionError:
        result.issues.append(YamlIssue("yaml.too_deep", first_line, {"depth": MAX_DEPTH}))
        return result
    if node is None:
        return result
    try:
        result.value = _Walker(result, first_line).walk(node, (), 0)
    except _Refused as refused:
        result.issues.append(refused.issue)
        result.value = None
    return result


def _problem_text(error: yaml.MarkedYAMLError) -> str:
    return " ".join(part for part in (error.context, error.problem) if part)


class _Walker:
    def __init__(self, result: Parsed, first_line: int) -> None:
        self.lines = result.lines
        self.issues = result.issues
        self.first_line = first_line
        self.seen: set[int] = set()

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def walk(self, node: yaml.Node, path: KeyPath, depth: int) -> object:
        if id(node) in self.seen:
            raise _Refused(YamlIssue("yaml.alias", self.line(node)))
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Refused(YamlIssue("yaml.too_deep", self.line(node), {"depth": MAX_DEPTH}))
        if node.tag not in _PLAIN_TAGS:
            raise _Refused(YamlIssue("yaml.tag", self.line(node), {"tag": node.tag.replace(_CORE, "!!")}))
        if isinstance(node, yaml.ScalarNode):
            if node.style is None and node.value in _NULLS:
                return None
            return node.value
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.lines[path + (index,)] = self.line(child)
                items.append(self.walk(child, path + (index,), depth + 1))
            return items
        mapping: dict[str, object] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise _Refused(YamlIssue("yaml.complex_key", self.line(key_node)))
            key = key_node.value
            if key in mapping:  # YAML would silently keep the last one; the officer must choose
                first = self.lines[path + (key,)]
                self.issues.append(YamlIssue("yaml.duplicate_key", self.line(key_node), {"key": key, "first": first}))
                continue
            self.lines[path + (key,)] = self.line(key_node)
            mapping[key] = self.walk(value_node, path + (key,), depth + 1)
        return mapping
