"""Real `mkdocs build` runs on a throw-away site: the plugin validates before anything is built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import MKDOCS_YML, REPO, SiteProject, make_project, valid_story


def mkdocs_build(site: SiteProject, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("SOURCE_DATE_EPOCH", None)
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=site.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


@pytest.fixture
def site(tmp_path: Path) -> SiteProject:
    """A tmp site that uses the repository's theme overrides (where the page templates live)."""
    yml = MKDOCS_YML.replace("  font: false\n", f"  font: false\n  custom_dir: {REPO / 'theme_overrides'}\n")
    return make_project(tmp_path / "site", yml)


def test_valid_story_builds_with_the_minimal_config(project: SiteProject) -> None:
    """The plugin on a plain Material site (no custom_dir), as another province would start."""
    project.add_story("2023/ong-hoa.md")
    run = mkdocs_build(project)
    assert "Traceback" not in run.stderr, run.stderr[-2000:]
    assert run.returncode == 0, run.stderr
    assert (project.root / "site" / "index.html").is_file()


def test_valid_story_builds(site: SiteProject) -> None:
    site.add_story("2023/ong-hoa.md")
    run = mkdocs_build(site)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr
    assert (site.root / "site" / "index.html").is_file()


def test_broken_story_stops_the_build_with_the_check_message(site: SiteProject) -> None:
    site.add_story("2023/ong-hoa.md")
    site.add_story("2023/sai.md", valid_story(title="Bài sai", district="Sơn Tinh"))
    expected = site.check().stdout.strip()
    assert expected.startswith('exemplars/2023/sai.md:8: error: địa bàn "Sơn Tinh" không có trong danh mục.')

    run = mkdocs_build(site)
    assert run.returncode != 0
    assert expected in run.stderr
    assert "Có 1 lỗi; chưa thể xuất bản." in run.stderr
    assert "Traceback" not in run.stderr
    assert not (site.root / "site" / "index.html").exists()


def test_every_error_is_reported_by_the_build(site: SiteProject) -> None:
    site.add_story("a.md", valid_story(kind="gia đình"))
    site.add_story("b.md", "không có phần khai báo\n")
    run = mkdocs_build(site)
    assert run.returncode != 0
    for line in site.check().stdout.splitlines():
        assert line in run.stderr
    assert "Có 2 lỗi" in run.stderr
    assert "Traceback" not in run.stderr


def test_english_messages_from_plugin_option(site: SiteProject) -> None:
    yml = (site.root / "mkdocs.yml").read_text(encoding="utf-8")
    (site.root / "mkdocs.yml").write_text(yml.replace("  - exemplars\n", "  - exemplars:\n      lang: en\n"), encoding="utf-8")
    site.add_story("a.md", valid_story(district="Sơn Tinh"))
    run = mkdocs_build(site)
    assert run.returncode != 0
    expected = site.check().stdout.strip()
    assert expected.startswith('exemplars/a.md:8: error: locality "Sơn Tinh" is not in the vocabulary.')
    assert expected in run.stderr
    assert "Traceback" not in run.stderr


def test_draft_is_logged_and_build_passes(site: SiteProject) -> None:
    site.add_story("nhap.md", status="draft")
    run = mkdocs_build(site)
    assert run.returncode == 0, run.stderr
    assert "exemplars/nhap.md" in run.stderr  # INFO: skipped draft


def test_warnings_do_not_stop_the_build(site: SiteProject) -> None:
    site.add_story("a.md", consultation_until="30/06/2023")
    run = mkdocs_build(site)
    assert run.returncode == 0, run.stderr
    assert 'exemplars/a.md:10: warning: "consultation_until" chỉ có tác dụng khi status là "nominee"' in run.stderr
