"""The whole input of a site: settings, vocabularies and every story, loaded and validated.

`load_project` is what both the `exemplars check` command and the MkDocs plugin call first;
it runs load -> validate over every story file and the cross-story checks.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from generator.errors import Problem, display_path
from generator.load import StoryFile, discover, read_story
from generator.model import Story
from generator.settings import Settings
from generator.validate import check_unique_slugs, validate_story
from generator.vocab import Vocabulary, load_vocabulary

__all__ = ["Project", "load_project"]


@dataclass(frozen=True)
class Project:
    """Validated input of one site."""

    settings: Settings
    vocabulary: Vocabulary
    stories: tuple[Story, ...]
    """Every valid story, whatever its status or date, in source-path order."""
    problems: tuple[Problem, ...]
    files: int
    """Number of story files read."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity == "error"]


def load_project(settings: Settings, only: Iterable[Path] | None = None, cwd: Path | None = None) -> Project:
    """Load and validate the vocabularies and all stories of the site described by `settings`.

    Every story is read, so that checks across stories (duplicate slugs) are complete; with
    `only`, problems are reported just for those files and folders (what a pre-commit hook wants).
    """
    cwd = cwd or Path.cwd()
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root)
    problems = [_relocate(p, settings.root, cwd) for p in problems]
    paths, refused = discover(settings.stories_path, settings.root) if settings.stories_path.is_dir() else ([], [])
    problems += [Problem(display_path(path.absolute(), cwd), 1, code, params) for path, code, params in refused]

    stories: list[tuple[Story, str]] = []
    for path in paths:
        absolute = path.absolute()
        file = StoryFile(
            path=absolute,
            display=display_path(absolute, cwd),
            source=absolute.relative_to(settings.root.absolute()).as_posix(),
        )
        story, found = validate_story(read_story(file), vocabulary, settings.root, settings.safety)
        problems += found
        if story is not None:
            stories.append((story, file.display))
    problems += check_unique_slugs(stories)

    if settings.strict:  # `--strict`: removed HTML, personal data and other warnings stop the build
        problems = [replace(p, severity="error") for p in problems]
    if only is not None:
        wanted = [display_path(p.absolute(), cwd) for p in only]
        problems = [p for p in problems if any(p.path == w or p.path.startswith(w.rstrip("/") + "/") for w in wanted)]
    return Project(
        settings=settings,
        vocabulary=vocabulary,
        stories=tuple(story for story, _ in stories),
        problems=tuple(problems),
        files=len(paths),
    )


def _relocate(problem: Problem, root: Path, cwd: Path) -> Problem:
    """Vocabulary problems carry root-relative paths; show them relative to `cwd` like the rest."""
    path = root / problem.path
    if not path.exists():
        return problem
    return Problem(display_path(path.absolute(), cwd), problem.line, problem.code, problem.params, problem.severity, problem.field)
