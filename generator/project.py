"""The whole input of a site: settings, vocabularies and every story, loaded and validated.

`load_project` is what both the `exemplars check` command and the MkDocs plugin call first;
it runs load -> validate over every story file and the cross-story checks.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Sequence
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


def _validate_all(
    files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings, workers: int | None
) -> list[tuple[Story | None, list[Problem]]]:
    """`validate_story` for each file, in order; split between this and forked processes when worth it."""
    workers = min(workers or os.cpu_count() or 1, len(files) // MIN_SHARE)
    if workers < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return _validate(files, vocabulary, settings)
    # Equal consecutive shares: stories cost about the same. This process takes the first one
    # rather than waiting; the others send theirs back through a pipe.
    context = multiprocessing.get_context("fork")
    cuts = [len(files) * n // workers for n in range(workers + 1)]
    children = []
    try:
        for start, end in zip(cuts[1:-1], cuts[2:]):
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_validate_share, args=(files[start:end], vocabulary, settings, send), daemon=True)
            process.start()
            send.close()
            children.append((process, receive))
        results = _validate(files[: cuts[1]], vocabulary, settings)
        for process, receive in children:
            try:
                failure, share = receive.recv()
            except EOFError:  # the process died without a word (killed, out of memory)
                process.join()
                raise RuntimeError(f"tiến trình kiểm tra bài dừng đột ngột (mã {process.exitcode})") from None
            if failure is not None:
                raise failure
            results += share
        return results
    finally:
        for process, _ in children:
            if process.is_alive():
                process.terminate()
            process.join()


def _validate_share(files: Sequence[StoryFile], vocabulary: Vocabulary, settings: Settings, send) -> None:
    """In a forked process: validate `files`, send (None, results) or (the exception, None)."""
    try:
        send.send((None, _validate(files, vocabulary, settings)))
    except BaseException as error:  # noqa: BLE001 - raised again in the parent
        send.send((error, None))
    finally:
        send.close()


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
