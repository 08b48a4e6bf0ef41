"""Story conversions kept between builds (generator/adapters/mkdocs/conversions.py).

A kept conversion must never change what is published or hide a message: real builds compare a
warm site with a cold one, and a broken link is reported by every build.
"""

from __future__ import annotations

import filecmp
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files

from conftest import REPO, make_project
from generator.adapters.mkdocs.conversions import Conversion, ConversionCache, worth_keeping
from generator.runtime.cache import seal, unseal
from harness import BUILD_EPOCH, mkdocs_build


def _tree(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())


def _demo(project: Path) -> Path:
    project.mkdir()
    for name in ("mkdocs.yml", "content", "exemplars", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    return project


def _entries(project: Path) -> list[Path]:
    return sorted((project / ".cache" / "markdown").glob("*/*.json"))


def test_a_warm_build_reuses_the_conversions_and_publishes_the_same_site(tmp_path: Path) -> None:
    project = _demo(tmp_path / "p")
    cold = mkdocs_build(project, tmp_path / "cold")
    assert cold.returncode == 0, cold.stderr
    entries = _entries(project)
    stories = len(list((tmp_path / "cold" / "guong-dien-hinh").glob("*/index.html")))
    assert 0 < len(entries) <= stories

    warm = mkdocs_build(project, tmp_path / "warm")
    assert warm.returncode == 0, warm.stderr
    assert _entries(project) == entries  # nothing converted anew
    assert _tree(tmp_path / "cold") == _tree(tmp_path / "warm")
    _, mismatch, errors = filecmp.cmpfiles(tmp_path / "cold", tmp_path / "warm", _tree(tmp_path / "cold"), shallow=False)
    assert (mismatch, errors) == ([], [])

    # The kept conversion is what the page shows (marked here to tell it from a new one, and sealed
    # again as the cache does: an entry whose digest does not match is made anew, see test_faults).
    data = json.loads(unseal(entries[0].read_bytes()))
    data["content"] += "<p>gs-reused</p>"
    entries[0].write_bytes(seal(json.dumps(data, ensure_ascii=False).encode("utf-8")))
    again = mkdocs_build(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert len([p for p in (tmp_path / "again").rglob("index.html") if "gs-reused" in p.read_text(encoding="utf-8")]) == 1


def test_an_edited_story_is_converted_again(tmp_path: Path) -> None:
    project = _demo(tmp_path / "p")
    assert mkdocs_build(project, tmp_path / "s1").returncode == 0
    for story in (project / "exemplars").rglob("*.md"):
        story.write_text(story.read_text(encoding="utf-8") + "\nĐoạn mới viết thêm về gương điển hình.\n", encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "s2")
    assert result.returncode == 0, result.stderr
    assert any("Đoạn mới viết thêm" in p.read_text(encoding="utf-8") for p in (tmp_path / "s2" / "guong-dien-hinh").glob("*/index.html"))


def test_a_broken_link_is_reported_by_every_build(tmp_path: Path) -> None:
    project = _demo(tmp_path / "p")
    for story in (project / "exemplars").rglob("*.md"):  # drafts and nominees among them
        story.write_text(story.read_text(encoding="utf-8") + "\nXem thêm [bài khác](../khong-co.md).\n", encoding="utf-8")
    for site in ("s1", "s2"):  # not quiet: `mkdocs build -q` silences warnings, even for --strict
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(tmp_path / site)],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 1
        assert "'../khong-co.md'" in result.stderr


def _config(tmp_path: Path, extra: str = ""):
    project = make_project(tmp_path / "site", "site_name: Thử\ndocs_dir: content\n" + extra)
    return load_config(str(project.root / "mkdocs.yml"))


def test_only_extensions_that_read_nothing_but_the_text_allow_reuse(tmp_path: Path) -> None:
    assert ConversionCache(tmp_path, _config(tmp_path / "a", "markdown_extensions:\n  - admonition\n  - attr_list\n")).enabled
    snippets = _config(tmp_path / "b", "markdown_extensions:\n  - admonition\n  - pymdownx.snippets\n")
    assert not ConversionCache(tmp_path, snippets).enabled
    added = _config(tmp_path / "c")
    added["markdown_extensions"].append(object())  # an extension object a plugin added
    assert not ConversionCache(tmp_path, added).enabled


def test_the_key_changes_with_the_text_and_the_page(tmp_path: Path) -> None:
    config = _config(tmp_path)
    cache = ConversionCache(tmp_path, config)
    one = _file(tmp_path, "guong-dien-hinh/a/index.md")
    two = _file(tmp_path, "guong-dien-hinh/b/index.md")
    assert cache.key("Bài", one) == cache.key("Bài", one)
    assert len({cache.key("Bài", one), cache.key("Bài.", one), cache.key("Bài", two)}) == 3


def _file(root: Path, path: str, directory_urls: bool = True) -> File:
    return File(path, str(root / "content"), str(root / "site"), directory_urls)


def _conversion(content: str = "<p>Bài</p>", lookups: dict | None = None) -> Conversion:
    return Conversion(content=content, toc=[], title=None, anchors=[], links={}, lookups=lookups or {})


def test_a_conversion_is_used_again_only_while_its_links_lead_to_the_same_pages(tmp_path: Path) -> None:
    target = _file(tmp_path, "gioi-thieu.md")
    kept = _conversion(lookups={"gioi-thieu.md": [target.url, False]})
    assert kept.still_valid(Files([target]))
    assert not kept.still_valid(Files([]))
    assert not kept.still_valid(Files([_file(tmp_path, "gioi-thieu.md", directory_urls=False)]))  # gioi-thieu.html


@pytest.mark.parametrize(
    ("conversion", "logged", "kept"),
    [
        (_conversion(), False, True),
        (_conversion(), True, False),
        (_conversion(lookups={"khong-co.md": None}), False, False),
        (_conversion(lookups={"nhap.md": ["nhap/", True]}), False, False),  # excluded from the site
        (_conversion('<p><a href="/index.html">Trang chủ</a></p>'), False, False),  # reported at INFO
    ],
)
def test_a_conversion_that_reported_something_is_not_kept(conversion: Conversion, logged: bool, kept: bool) -> None:
    assert worth_keeping(conversion, logged) is kept
