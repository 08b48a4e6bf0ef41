"""Rendering the generated pages in forked processes (generator/adapters/mkdocs/render.py), in real builds.

The same site whatever the number of workers; the previous site replaced whole, hidden entries kept. What
the processes report back (warnings, failures) is tested in tests/test_parallel.py, MkDocs'
internals that render a page in tests/test_compat.py.
"""

from __future__ import annotations

import filecmp
import shutil
import sys
from pathlib import Path

import pytest
from harness import mkdocs_build

from generator.adapters.mkdocs import render

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


def test_the_previous_site_is_replaced_and_its_hidden_entries_kept(tmp_path: Path) -> None:
    project = _demo(tmp_path / "p", workers=2)
    site = project / "site"
    (site / "bai-cu").mkdir(parents=True)
    (site / "bai-cu" / "index.html").write_text("bài đã gỡ", encoding="utf-8")
    (site / ".git").write_text("gitdir: ../.git/worktrees/site", encoding="utf-8")  # hidden: MkDocs keeps them
    left = project / ".site.gs-new-1"  # left beside it by a build that was killed
    (left / "bai-do-dang").mkdir(parents=True)
    (left / ".nojekyll").write_text("", encoding="utf-8")  # moved there just before that build's swap

    result = mkdocs_build(project, site)

    assert result.returncode == 0, result.stderr
    assert not (site / "bai-cu").exists()
    assert sorted(p.name for p in project.glob(".site.*")) == [".site.gs-lock"]
    assert (site / ".git").read_text(encoding="utf-8") == "gitdir: ../.git/worktrees/site"
    assert (site / ".nojekyll").is_file()
    assert (site / "index.html").is_file() and (site / "sitemap.xml").is_file()

    (site / "bai-cu.html").write_text("bài đã gỡ", encoding="utf-8")
    result = mkdocs_build(project, site, "--dirty")  # MkDocs leaves the old files: so do we
    assert result.returncode == 0, result.stderr
    assert (site / "bai-cu.html").is_file()
