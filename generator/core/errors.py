"""Problems found in stories and vocabularies, and the one exception users ever see.

Validation never raises for bad input: every stage returns `Problem`s so that an officer sees
*all* mistakes in one run. Exceptions are for stopping:

    ExemplarsError            base of everything raised on purpose; the CLI and the plugin catch only this
    └── ValidationFailed      validation found errors; carries the problems

Anything else that escapes is a bug and deserves its traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.core.messages import render

__all__ = ["ExemplarsError", "Problem", "Severity", "ValidationFailed", "display_path", "format_problems"]

Severity = Literal["error", "warning", "note"]
"""`error` stops publishing; `warning` does not; `note` is a problem of a draft, which is not
published and so blocks nothing, reported so that its author sees it before publishing."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one file, at one line."""

    path: str
    """Path of the file as shown to the user (relative to the current directory when possible)."""
    line: int
    """1-based line of the offending key, or 1 when the whole file is at fault."""
    code: str
    """Message id in `generator.core.messages.MESSAGES`; stable, used by tests and `--format json`."""
    params: Mapping[str, object] = field(default_factory=dict)
    """Values filled into the message template."""
    severity: Severity = "error"
    field: str | None = None
    """The front-matter key concerned, if any (`movement`, `image.alt`, ...)."""

    def message(self, lang: str = "vi") -> str:
        """The message text alone, in `lang` ("vi" or "en")."""
        return render(self.code, self.params, lang)

    def format(self, lang: str = "vi") -> str:
        """`path:line: error: message`, the form editors and CI logs understand."""
        return f"{self.path}:{self.line}: {self.severity}: {self.message(lang)}"

    def as_json(self, lang: str = "vi") -> dict[str, object]:
        """The JSON object printed by `exemplars check --format json`."""
        return {
            "path": self.path,
            "line": self.line,
            "severity": self.severity,
            "field": self.field,
            "code": self.code,
            "message": self.message(lang),
        }

    def as_github(self, lang: str = "vi") -> str:
        """A GitHub Actions workflow command that annotates the line in a pull request."""
        level = {"error": "error", "warning": "warning", "note": "notice"}[self.severity]
        text = self.message(lang).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace(",", "%2C").replace(":", "%3A")
        return f"::{level} file={path},line={self.line}::{text}"


def sort_key(problem: Problem) -> tuple:
    """Order problems by file, then line, errors before warnings before notes at the same line."""
    return (problem.path, problem.line, ("error", "warning", "note").index(problem.severity), problem.code)


def format_problems(problems: Iterable[Problem], lang: str = "vi", fmt: str = "text") -> str:
    """All problems in one of the output formats of `exemplars check` (text, json, github)."""
    ordered = sorted(problems, key=sort_key)
    if fmt == "json":
        return json.dumps({"problems": [p.as_json(lang) for p in ordered]}, ensure_ascii=False, indent=2)
    if fmt == "github":
        return "\n".join(p.as_github(lang) for p in ordered)
    return "\n".join(p.format(lang) for p in ordered)


def display_path(path: Path, cwd: Path | None = None) -> str:
    """`path` relative to the current directory when it lies below it, with `/` separators."""
    cwd = cwd or Path.cwd()
    if path.is_absolute() and path.is_relative_to(cwd):
        return path.relative_to(cwd).as_posix()
    return path.as_posix()


class ExemplarsError(Exception):
    """Base class of the errors this package raises on purpose."""


class ValidationFailed(ExemplarsError):
    """Validation found at least one error; `problems` holds everything found, warnings included."""

    def __init__(self, problems: list[Problem], lang: str = "vi") -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            format_problems(problems, lang)
            + "\n"
            + render("summary.errors", {"count": len(errors)}, lang)
        )
