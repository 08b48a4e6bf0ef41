"""The axis registry (generator/core/axes.py): an axis declared by a site, and nothing else, gets
validated, listed, searched and published.

The test declares "Khối thi đua" (emulation blocs, a real grouping of units in provincial emulation
work) under `axes:` in mkdocs.yml, writes its vocabulary file, and runs `exemplars check`,
`exemplars vocab` and a real `mkdocs build`: no code of the project knows this axis.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import MKDOCS_YML, SiteProject, make_project, valid_story
from harness import BUILD_EPOCH

from generator.adapters.cli import cli
from generator.core.axes import AXES, YEARS

AXIS_CONFIG = """\
plugins:
  - exemplars:
      vocabulary_dir: danh-muc
      axes:
        - name: blocs
          key: bloc
          folder: khoi-thi-dua
          label: Khối thi đua
          label_en: Emulation bloc
          feeds: true
"""

BLOCS = """\
- id: khoi-mien-nui
  name: Khối các huyện miền núi
  aliases: [Khối miền núi]
- id: khoi-van-hoa-xa-hoi
  name: Khối văn hóa - xã hội
"""


@pytest.fixture
def site(tmp_path: Path) -> SiteProject:
    project = make_project(tmp_path / "site", MKDOCS_YML.replace("plugins:\n  - exemplars\n", AXIS_CONFIG))
    project.add_file("danh-muc/blocs.yml", BLOCS)
    return project


def build(site: SiteProject) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site.root / "site")],
        cwd=site.root, capture_output=True, text=True, timeout=300,
        env={"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )  # fmt: skip


def test_built_in_axes_are_declared_once_with_distinct_keys_and_folders() -> None:
    axes = (*AXES, YEARS)
    assert [a.name for a in AXES] == ["movements", "localities", "fields", "units"]
    assert len({a.key for a in AXES}) == len(AXES)
    assert len({a.folder for a in axes}) == len(axes)
    assert {a.folder for a in axes} == {"phong-trao", "dia-ban", "linh-vuc", "don-vi", "nam"}


def test_a_declared_axis_is_checked_against_its_vocabulary(site: SiteProject) -> None:
    site.add_story("2024/a.md", valid_story(bloc="Khối miền núi"))
    site.add_story("2024/b.md", valid_story(title="Bài hai", bloc="Khối miền xuôi"))
    result = site.check()
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if ": error: " in line]
    assert lines == [
        'exemplars/2024/b.md:10: error: khối thi đua "Khối miền xuôi" không có trong danh mục. Có phải "Khối các huyện miền núi"? '
        "Xem danh mục bằng lệnh: exemplars vocab blocs"
    ]


def test_a_key_of_a_declared_axis_is_unknown_on_a_site_without_it(project: SiteProject) -> None:
    project.add_story("2024/a.md", valid_story(bloc="Khối miền núi"))
    result = project.check()
    assert result.exit_code == 1
    assert 'exemplars/2024/a.md:10: error: khóa "bloc" không hợp lệ.' in result.output


def test_vocab_lists_the_declared_axis(site: SiteProject) -> None:
    with contextlib.chdir(site.root):
        result = CliRunner().invoke(cli, ["vocab", "blocs"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:3] == [
        "# Khối thi đua (bloc)",
        "khoi-mien-nui            Khối các huyện miền núi  (còn gọi: Khối miền núi)",
        "khoi-van-hoa-xa-hoi      Khối văn hóa - xã hội",
    ]


def test_a_declared_axis_gets_its_pages_facet_feeds_and_open_data_column(site: SiteProject) -> None:
    site.add_story("2024/a.md", valid_story(title="Bài một", bloc="Khối miền núi"))
    site.add_story("2024/b.md", valid_story(title="Bài hai", date="20/05/2024"))  # optional axis: left out
    run = build(site)
    assert run.returncode == 0, run.stderr
    out = site.root / "site"

    listing = (out / "khoi-thi-dua" / "khoi-mien-nui" / "index.html").read_text(encoding="utf-8")
    assert "Khối các huyện miền núi" in listing and "bai-mot" in listing and "bai-hai" not in listing
    overview = (out / "khoi-thi-dua" / "index.html").read_text(encoding="utf-8")
    assert "Khối thi đua" in overview and 'href="khoi-mien-nui/"' in overview
    assert not (out / "khoi-thi-dua" / "khoi-van-hoa-xa-hoi").exists()  # no stories, no page
    story = (out / "guong-dien-hinh" / "bai-mot" / "index.html").read_text(encoding="utf-8")
    assert '<dt>Khối thi đua</dt><dd><a href="../../khoi-thi-dua/khoi-mien-nui/">Khối các huyện miền núi</a></dd>' in story

    # Search: a filter with its values, and the file of the stories that have the value.
    search = (out / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert "Khối thi đua" in search
    ids = json.loads((out / "tim-kiem" / "chi-muc" / "f" / "bloc" / "khoi-mien-nui.json").read_text())
    assert len(ids) == 1

    # Feeds and the widget of the term with stories.
    feed = json.loads((out / "khoi-thi-dua" / "khoi-mien-nui" / "feed.json").read_text(encoding="utf-8"))
    assert [item["title"] for item in feed["items"]] == ["Bài một"]
    assert (out / "nhung" / "khoi-thi-dua" / "khoi-mien-nui" / "index.html").is_file()

    # Open data: a column after the built-in axes, the id or "" when the story has none.
    records = {r["slug"]: r for r in json.loads((out / "du-lieu" / "exemplars.json").read_text())["exemplars"]}
    assert records["bai-mot"]["bloc"] == "khoi-mien-nui" and records["bai-hai"]["bloc"] == ""
    assert list(records["bai-mot"])[6:13] == ["movements", "field", "unit", "locality", "district", "bloc", "date"]
    rows = list(csv.DictReader(io.StringIO((out / "du-lieu" / "exemplars.csv").read_text(encoding="utf-8-sig"))))
    assert {row["slug"]: row["bloc"] for row in rows} == {"bai-mot": "khoi-mien-nui", "bai-hai": ""}


def test_an_axis_may_not_take_a_folder_or_key_already_used(tmp_path: Path) -> None:
    config = AXIS_CONFIG.replace("folder: khoi-thi-dua", "folder: phong-trao")
    project = make_project(tmp_path / "site", MKDOCS_YML.replace("plugins:\n  - exemplars\n", config))
    result = project.check()
    assert result.exit_code == 2
    assert "folder 'phong-trao' is already used" in result.output
