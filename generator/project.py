"""The whole input of a site: settings, vocabularies and every story, loaded and validated.

`load_project` is what both the `exemplars check` command and the MkDocs plugin call first;
it runs load -> validate over every story file and the cross-story checks.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
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


def load_project(
    settings: Settings, only: Iterable[Path] | None = None, cwd: Path | None = None, workers: int | None = None
) -> Project:
    """Load and validate the vocabularies and all stories of the site described by `settings`.

    Every story is read, so that checks across stories (duplicate slugs) are complete; with
    `only`, problems are reported just for those files and folders (what a pre-commit hook wants).
    Stories are validated in `workers` processes (default: one per core) when there are many.
    """
    cwd = cwd or Path.cwd()
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root)
    problems = [_relocate(p, settings.root, cwd) for p in problems]
    paths, refused = discover(settings.stories_path, settings.root) if settings.stories_path.is_dir() else ([], [])
    problems += [Problem(display_path(path.absolute(), cwd), 1, code, params) for path, code, params in refused]

    files = [_story_file(path, settings.root, cwd) for path in paths]
    stories: list[tuple[Story, str]] = []
    for file, (story, found) in zip(files, _validate_all(files, vocabulary, settings, workers)):
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


def _story_file(path: Path, root: Path, cwd: Path) -> StoryFile:
    absolute = path.absolute()
    return StoryFile(path=absolute, display=display_path(absolute, cwd), source=absolute.relative_to(root.absolute()).as_posix())


MIN_SHARE = 200
"""Stories per process below which starting processes costs more than it saves."""
_JOB: tuple[Sequence[StoryFile], Vocabulary, Settings] | None = None
"""What forked validation processes work on (inherited, not pickled)."""


def _validate_all(
    files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings, workers: int | None
) -> list[tuple[Story | None, list[Problem]]]:
    """`validate_story` for each file, in order; split between forked processes when worth it."""
    global _JOB
    workers = min(workers or os.cpu_count() or 1, len(files) // MIN_SHARE)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _validate(files, vocabulary, settings)
    _JOB = (files, vocabulary, settings)
    try:
        # Chunks of a few hundred keep both processes busy to the end at little cost per task.
        bounds = [(start, min(start + MIN_SHARE, len(files))) for start in range(0, len(files), MIN_SHARE)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            return [result for chunk in pool.map(_validate_chunk, bounds) for result in chunk]
    finally:
        _JOB = None


def _validate_chunk(bounds: tuple[int, int]) -> list[tuple[Story | None, list[Problem]]]:
    assert _JOB is not None
    files, vocabulary, settings = _JOB
    return _validate(files[slice(*bounds)], vocabulary, settings)


def _validate(
    files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings
) -> list[tuple[Story | None, list[Problem]]]:
    return [validate_story(read_story(f), vocabulary, settings.root, settings.safety) for f in files]


def _relocate(problem: Problem, root: Path, cwd: Path) -> Problem:
    """Vocabulary problems carry root-relative paths; show them relative to `cwd` like the rest."""
    path = root / problem.path
    if not path.exists():
        return problem
    return Problem(display_path(path.absolute(), cwd), problem.line, problem.code, problem.params, problem.severity, problem.field)
