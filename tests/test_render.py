"""Rendering the generated pages in forked processes (generator/adapters/mkdocs/render.py).

The pages themselves are tested through real builds elsewhere; here: the same site whatever the
number of workers, and what a worker reports back (strict-mode warnings, failures).
"""

from __future__ import annotations

import filecmp
import logging
import multiprocessing
import os
import shutil
import sys
import time
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.utils import CountHandler

from generator.adapters.mkdocs import render
from harness import mkdocs_build

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="forking is used on Linux only")


def _tree(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _demo(project: Path, workers: int) -> Path:
    """A copy of the demo site, rendered by `workers` processes."""
    project.mkdir()
    for name in ("mkdocs.yml", "content", "exemplars", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - exemplars:\n", f"  - exemplars:\n      workers: {workers}\n", 1),
        encoding="utf-8",
    )
    return project


def test_two_workers_write_the_same_site_as_one(tmp_path: Path) -> None:
    sites = {}
    for workers in (1, 2):
        project = _demo(tmp_path / f"w{workers}", workers)
        result = mkdocs_build(project, project / "site")
        assert result.returncode == 0, result.stderr
        sites[workers] = project / "site"
    one, two = sites[1], sites[2]
    assert _tree(one) == _tree(two)
    rendered = [p for p in _tree(one) if p.endswith("index.html") and p.count("/") >= 2 and not p.startswith("nhung/")]
    assert len(rendered) >= 2 * render.MIN_SHARE  # enough pages for the second process to take part
    _, mismatch, errors = filecmp.cmpfiles(one, two, _tree(one), shallow=False)
    assert (mismatch, errors) == ([], [])


def test_the_previous_site_is_deleted_beside_the_build(tmp_path: Path) -> None:
    project = _demo(tmp_path / "p", workers=2)
    site = project / "site"
    (site / "bai-cu").mkdir(parents=True)
    (site / "bai-cu" / "index.html").write_text("bài đã gỡ", encoding="utf-8")
    (site / ".git").write_text("gitdir: ../.git/worktrees/site", encoding="utf-8")  # hidden: MkDocs keeps them
    (site / ".gs-old-1").mkdir()  # left by an interrupted build
    (site / ".gs-old-1" / "index.html").write_text("bản cũ", encoding="utf-8")

    result = mkdocs_build(project, site)

    assert result.returncode == 0, result.stderr
    assert not (site / "bai-cu").exists()
    assert list(site.glob(".gs-old-*")) == []
    assert (site / ".git").read_text(encoding="utf-8") == "gitdir: ../.git/worktrees/site"
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()

    (site / "bai-cu.html").write_text("bài đã gỡ", encoding="utf-8")
    result = mkdocs_build(project, site, "--dirty")  # MkDocs leaves the old files: so do we
    assert result.returncode == 0, result.stderr
    assert (site / "bai-cu.html").is_file()


class _Page:
    def __init__(self, n: int) -> None:
        self.n = n


@pytest.fixture
def counter():
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)


def _files():
    class Files:
        def documentation_pages(self):
            return []

    return Files()


def test_warnings_logged_in_workers_count_for_strict_mode(monkeypatch, counter) -> None:
    log = logging.getLogger("mkdocs.test")
    monkeypatch.setattr(render, "_populate_page", lambda page, *args: None)
    monkeypatch.setattr(render, "_build_page", lambda page, *args: log.warning("trang %d", page.n))
    pages = [_Page(n) for n in range(render.MIN_SHARE * 3)]
    tasks = render.start_tasks([lambda: log.warning("tệp dữ liệu")] * 2)
    render.render_pages(pages, None, _files(), None, None, workers=3).wait()
    tasks.wait()
    assert counter.counts[logging.WARNING] == len(pages) + 2


def test_every_page_is_rendered_once_by_one_of_the_processes(monkeypatch, tmp_path) -> None:
    def build(page, *args):
        time.sleep(0.001)  # long enough for every process to take batches
        (tmp_path / f"{page.n}-{os.getpid()}").touch()

    monkeypatch.setattr(render, "_populate_page", lambda page, *args: None)
    monkeypatch.setattr(render, "_build_page", build)
    pages = [_Page(n) for n in range(render.MIN_SHARE * 4)]
    render.render_pages(pages, None, _files(), None, None, workers=2).wait()
    done = [name.split("-") for name in os.listdir(tmp_path)]
    assert sorted(int(n) for n, _ in done) == list(range(len(pages)))
    assert len({pid for _, pid in done}) == 2  # both processes took part


def test_a_failure_in_a_worker_stops_the_build(monkeypatch, counter) -> None:
    def broken(page, *args) -> None:
        if os.getpid() != parent:
            raise RuntimeError(f"hỏng trang {page.n}")

    parent = os.getpid()
    monkeypatch.setattr(render, "_populate_page", lambda page, *args: time.sleep(0.001))
    monkeypatch.setattr(render, "_build_page", broken)
    pages = [_Page(n) for n in range(render.MIN_SHARE * 4)]
    rendering = render.render_pages(pages, None, _files(), None, None, workers=2)
    with pytest.raises(PluginError, match="hỏng trang"):
        rendering.wait()


def test_a_failure_in_a_task_stops_the_build() -> None:
    def broken() -> None:
        raise RuntimeError("hỏng tệp dữ liệu")

    written = []
    tasks = render.start_tasks([broken, lambda: written.append(1)])
    with pytest.raises(PluginError, match="hỏng tệp dữ liệu"):
        tasks.wait()
    assert written == []  # in the forked process, not here


def test_a_failure_here_ends_the_workers(monkeypatch) -> None:
    def build(page, *args):
        raise RuntimeError("hỏng ở tiến trình chính")

    monkeypatch.setattr(render, "_populate_page", lambda page, *args: None)
    monkeypatch.setattr(render, "_build_page", build)
    monkeypatch.setattr(render, "_worker", lambda *args: time.sleep(60))  # a worker that would not end
    with pytest.raises(RuntimeError, match="hỏng ở tiến trình chính"):
        render.render_pages([_Page(n) for n in range(render.MIN_SHARE * 2)], None, _files(), None, None, workers=2)
    assert multiprocessing.active_children() == []


def test_few_pages_are_rendered_here(monkeypatch) -> None:
    seen = []
    monkeypatch.setattr(render, "_populate_page", lambda page, *args: None)
    monkeypatch.setattr(render, "_build_page", lambda page, *args: seen.append(page.n))
    rendering = render.render_pages([_Page(n) for n in range(render.MIN_SHARE)], None, _files(), None, None, workers=4)
    assert rendering.children == []
    assert seen == list(range(render.MIN_SHARE))  # one process: every page rendered in this one
