"""The whole input of a site: settings, vocabularies and every story, loaded and validated.

`load_project` is what both the `exemplars check` command and the MkDocs plugin call first;
it runs load -> validate over every story file and the cross-story checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from generator.core.errors import Problem, display_path
from generator.load.stories import StoryFile, discover, read_story
from generator.core.model import Story
from generator.runtime.parallel import map_in_processes, worker_count
from generator.validate.memo import ValidationMemo
from generator.core.settings import Settings
from generator.validate.across_stories import check_unique_slugs
from generator.validate.story import validate_story
from generator.core.vocabulary import Vocabulary
from generator.load.vocabulary import load_vocabulary

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
    """Number of story files checked: all that were read, or those asked for with `only`."""

    @property
    def errors(self) -> list[Problem]:
        """The problems that stop a build."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """The problems that do not stop a build, drafts' notes aside."""
        return [p for p in self.problems if p.severity == "warning"]

    @property
    def notes(self) -> list[Problem]:
        """The problems of drafts: reported, never stopping anything (a draft is not published)."""
        return [p for p in self.problems if p.severity == "note"]


def load_project(
    settings: Settings,
    only: Iterable[Path] | None = None,
    cwd: Path | None = None,
    workers: int | None = None,
    memo: ValidationMemo | None = None,
) -> Project:
    """Load and validate the vocabularies and all stories of the site described by `settings`.

    Every story is read, so that checks across stories (duplicate slugs) are complete; with
    `only`, problems are reported just for those files and folders (what a pre-commit hook wants).
    Stories are validated in `workers` processes (default: one per core) when there are many.
    With a `memo`, stories it still holds are not validated again, and it is updated.
    """
    cwd = cwd or Path.cwd()
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root, settings.axes)
    problems = [_relocate(p, settings.root, cwd) for p in problems]
    paths, refused = discover(settings.stories_path, settings.root) if settings.stories_path.is_dir() else ([], [])
    problems += [Problem(display_path(path.absolute(), cwd), 1, code, params) for path, code, params in refused]

    files = [_story_file(path, settings.root, cwd) for path in paths]
    stories: list[tuple[Story, str]] = []
    for file, (story, found) in zip(files, _validate_remembering(files, vocabulary, settings, workers, memo)):
        problems += found
        if story is not None:
            stories.append((story, file.display))
    problems += check_unique_slugs(stories)

    if settings.strict:  # `--strict`: removed HTML, personal data and other warnings stop the build
        problems = [replace(p, severity="error") if p.severity == "warning" else p for p in problems]
    checked = len(paths)
    if only is not None:
        wanted = [display_path(p.absolute(), cwd) for p in only]

        def asked(display: str) -> bool:
            return any(display == w or display.startswith(w.rstrip("/") + "/") for w in wanted)

        problems = [p for p in problems if asked(p.path)]
        checked = sum(1 for file in files if asked(file.display))
    return Project(
        settings=settings,
        vocabulary=vocabulary,
        stories=tuple(story for story, _ in stories),
        problems=tuple(problems),
        files=checked,
    )


def _story_file(path: Path, root: Path, cwd: Path) -> StoryFile:
    absolute = path.absolute()
    return StoryFile(path=absolute, display=display_path(absolute, cwd), source=absolute.relative_to(root.absolute()).as_posix())


def _validate_remembering(
    files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings, workers: int | None, memo: ValidationMemo | None
) -> list[tuple[Story | None, list[Problem]]]:
    """`_validate_all`, giving the stories `memo` still holds instead of validating them again."""
    if memo is None:
        return _validate_all(files, vocabulary, settings, workers)
    terms = vocabulary.all_terms()
    if memo.terms != terms or memo.settings != settings:
        memo.terms, memo.settings, memo.stories = terms, settings, {}
    recalled = [memo.recall(file) for file in files]
    todo = [file for file, (story, _) in zip(files, recalled, strict=True) if story is None]
    fresh = iter(_validate_all(todo, vocabulary, settings, workers))
    results: list[tuple[Story | None, list[Problem]]] = []
    for file, (story, data) in zip(files, recalled, strict=True):
        if story is not None:
            results.append((story, []))
            continue
        story, found = next(fresh)
        results.append((story, found))
        if story is not None and not found and data is not None:
            memo.remember(file, data, story)
    memo.reused = len(files) - len(todo)
    kept = set(files)
    memo.stories = {file: entry for file, entry in memo.stories.items() if file in kept}  # deleted stories go
    return results


MIN_SHARE = 200
"""Stories per process below which starting processes costs more than it saves."""


def _validate_all(
    files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings, workers: int | None
) -> list[tuple[Story | None, list[Problem]]]:
    """`validate_story` for each file, in order; spread over processes when there are many."""
    def validate(file: StoryFile) -> tuple[Story | None, list[Problem]]:
        return validate_story(read_story(file), vocabulary, settings.root, settings.safety, settings.cache_path)

    option = settings.workers if workers is None else workers
    return map_in_processes(validate, files, worker_count(option, len(files), MIN_SHARE), batch=32)


def _relocate(problem: Problem, root: Path, cwd: Path) -> Problem:
    """Vocabulary problems carry root-relative paths; show them relative to `cwd` like the rest."""
    path = root / problem.path
    if not path.exists():
        return problem
    return Problem(display_path(path.absolute(), cwd), problem.line, problem.code, problem.params, problem.severity, problem.field)
