"""Today's Vietnam: communes since 1 July 2025, the merged provinces, names matched at the story's date.

The gazetteer (generator/defaults/gazetteer/vietnam.json) is checked against the official counts;
every province's generated vocabularies load without a problem; diacritic twins get distinct,
stable ids; `exemplars init` makes a site that builds with --strict for Quảng Ngãi, Khánh Hòa and
Cần Thơ; stories of 2024 and 2026 naming the same place land on the district or the commune.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import SiteProject, valid_story
from harness import mkdocs_build

from generator.adapters.cli import cli
from generator.authoring.new_site import VOCABULARY_DIR, site_files
from generator.authoring.province import dump_entries, find_province, load_gazetteer, locality_entries, unit_entries
from generator.core.resources import DEFAULTS
from generator.core.text import fold, slugify
from generator.load.vocabulary import load_vocabulary

GAZETTEER = load_gazetteer()
PROVINCES = [p["name"] for p in GAZETTEER["provinces"]]
AFTER = dt.date(2026, 1, 1)
BEFORE = dt.date(2024, 1, 1)


def test_the_gazetteer_has_the_official_counts():
    """Resolutions 1667, 1668, 1677/NQ-UBTVQH15 and the national total of 3,321."""
    assert len(GAZETTEER["provinces"]) == 34
    assert sum(len(p["communes"]) for p in GAZETTEER["provinces"]) == 3321
    quang_ngai = find_province(GAZETTEER, "Quảng Ngãi")
    assert Counter(c["type"] for c in quang_ngai["communes"]) == {"xã": 86, "phường": 9, "đặc khu": 1}
    assert len(find_province(GAZETTEER, "Khánh Hòa")["communes"]) == 65
    assert len(find_province(GAZETTEER, "Thành phố Cần Thơ")["communes"]) == 103
    assert {f["name"] for f in quang_ngai["former_provinces"]} == {"Tỉnh Quảng Ngãi", "Tỉnh Kon Tum"}


def _site_vocabulary(tmp_path: Path, province: dict):
    for relative, text in site_files(province).items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return load_vocabulary(tmp_path / VOCABULARY_DIR, tmp_path)


@pytest.mark.parametrize("name", PROVINCES)
def test_every_province_gets_vocabularies_without_a_problem(tmp_path: Path, name: str):
    province = find_province(GAZETTEER, name)
    vocabulary, problems = _site_vocabulary(tmp_path, province)
    assert problems == []
    places = vocabulary.localities
    communes = [p for p in places.terms if p.level == "commune"]
    assert len(communes) == len(province["communes"])
    assert {p.code for p in communes} == {c["code"] for c in province["communes"]}
    # Each commune's People's Committee, each former district's with its communes' as successors.
    for commune in communes:
        unit = vocabulary.units.by_id[f"ubnd-{commune.id}"]
        assert unit.valid_from == commune.valid_from and unit.valid_at(AFTER)
    for district in (p for p in places.terms if p.level == "district"):
        assert district.valid_until == dt.date(2025, 6, 30) and district.successors
        assert all(places.by_id[s].valid_at(AFTER) for s in district.successors)
    # Every commune name resolves, on a date after the reform, to that commune.
    for commune in communes:
        assert places.lookup(commune.name, AFTER).term is commune


def _twins() -> list[tuple[str, list[dict]]]:
    """Communes of one province whose names differ only by diacritics (Xã Ba Tô, Xã Ba Tơ)."""
    found = []
    for province in GAZETTEER["provinces"]:
        by_folded: dict[str, list[dict]] = {}
        for commune in province["communes"]:
            by_folded.setdefault(fold(commune["name"]), []).append(commune)
        found += [(province["name"], group) for group in by_folded.values() if len(group) > 1]
    return found


TWINS = _twins()


def test_the_shipped_data_has_the_twins_the_issue_names():
    names = {c["name"] for _, group in TWINS for c in group}
    assert {"Xã Ba Tô", "Xã Ba Tơ", "Xã Sơn Hà", "Xã Sơn Hạ"} <= names
    assert len(TWINS) >= 8


@pytest.mark.parametrize(("province", "group"), TWINS, ids=[g[0]["name"] for _, g in TWINS])
def test_diacritic_twins_are_different_places_with_stable_readable_urls(province: str, group: list[dict]):
    entries = {e.get("code"): e for e in locality_entries(find_province(GAZETTEER, province))}
    ids = [entries[c["code"]]["id"] for c in group]
    # The readable slug of the name plus the official code: never "-2" by order of appearance.
    assert ids == [f"{slugify(c['name'])}-{c['code']}" for c in group]
    assert len(set(ids)) == len(ids)
    vocabulary, _ = load_vocabulary()  # for Quảng Ngãi's pairs, the package's own data
    for commune in group:
        if province == "Tỉnh Quảng Ngãi":
            assert vocabulary.localities.lookup(commune["name"], AFTER).term.code == commune["code"]


@pytest.mark.parametrize(
    ("written", "day", "expected"),
    [
        ("Bình Sơn", BEFORE, "binh-son"),
        ("Bình Sơn", AFTER, "xa-binh-son"),
        ("Ba Tơ", AFTER, "xa-ba-to-21484"),
        ("Xã Ba Tô", AFTER, "xa-ba-to-21523"),
        ("Sơn Hạ", AFTER, "xa-son-ha-21292"),
        ("Đắk Hà", BEFORE, "dak-ha"),  # the former district of Kon Tum, spelt with ắ
        ("Đăk Hà", AFTER, "xa-dak-ha"),
        ("Đắk Hà", AFTER, "xa-dak-ha"),
        ("Ngọc Hồi", BEFORE, "ngoc-hoi"),
        ("Ngọc Tụ", AFTER, "xa-ngok-tu"),  # officially "Ngọk Tụ"
        ("Tỉnh Kon Tum", BEFORE, "tinh-kon-tum"),
        ("Kon Tum", AFTER, "phuong-kon-tum"),
        ("Đảo Lý Sơn", AFTER, "dac-khu-ly-son"),
        ("Thành phố Kon Tum", BEFORE, "thanh-pho-kon-tum"),
        ("Quảng Ngãi", AFTER, "toan-tinh"),
    ],
)
def test_a_name_means_the_place_that_existed_on_the_story_date(written: str, day: dt.date, expected: str):
    vocabulary, _ = load_vocabulary()
    found = vocabulary.localities.lookup(written, day)
    assert found.term is not None and found.term.id == expected, found


@pytest.mark.parametrize(
    ("written", "day", "expected"),
    [
        ("Tỉnh đoàn Kon Tum", BEFORE, "tinh-doan-kon-tum"),  # a body of the former province
        ("Sở Y tế Kon Tum", BEFORE, "so-y-te-kon-tum"),
        ("Sở NN&PTNT Kon Tum", BEFORE, "so-nong-nghiep-kon-tum"),
        ("Sở Y tế tỉnh Quảng Ngãi", BEFORE, "so-y-te"),  # the continuing province's, with its name
        ("Sở Văn hóa, Thể thao và Du lịch Quảng Ngãi", AFTER, "so-van-hoa"),
        ("Hội Nông dân tỉnh", AFTER, "hoi-nong-dan"),
    ],
)
def test_a_unit_means_the_body_that_existed_on_the_story_date(written: str, day: dt.date, expected: str):
    vocabulary, _ = load_vocabulary()
    found = vocabulary.units.lookup(written, day)
    assert found.term is not None and found.term.id == expected, found


def test_a_former_provinces_body_after_the_merger_names_the_merged_provinces():
    vocabulary, _ = load_vocabulary()
    found = vocabulary.units.lookup("Hội Nông dân tỉnh Kon Tum", AFTER)
    assert found.term is not None and not found.term.valid_at(AFTER)
    assert found.term.successors == ("hoi-nong-dan",)


@pytest.mark.parametrize("province", ["Khánh Hòa", "Thành phố Cần Thơ", "Thành phố Hồ Chí Minh"])
def test_every_former_province_has_its_own_bodies_until_the_merger(province: str):
    found = find_province(GAZETTEER, province)
    places = locality_entries(found)
    units = {u["id"]: u for u in unit_entries(found, places)}
    former = [p for p in places if p["type"] == "province" and "valid_until" in p]
    assert former, "every one of these three merged others into it"
    for place in former:
        name = place["name"].removeprefix("Tỉnh ")
        youth = next(u for u in units.values() if u["name"] == f"Tỉnh đoàn {name}")
        assert youth["valid_until"] == "2025-06-30" and all(s in units for s in youth["successors"])
        # Before the merger they answered to their own province's board, not this one's.
        assert youth["within"] == place["id"]


def test_the_boards_units_before_the_merger_are_the_provinces_own():
    vocabulary, _ = load_vocabulary()
    kon_tum = [u for u in vocabulary.units.terms if u.within == "tinh-kon-tum"]
    assert {u.name for u in kon_tum} >= {"Sở Y tế tỉnh Kon Tum", "Tỉnh đoàn Kon Tum"}
    assert all(u.valid_until and u.valid_until.isoformat() <= "2025-06-30" for u in kon_tum)
    assert not vocabulary.units.by_id["so-y-te"].within


def test_names_with_commas_survive_the_vocabulary_file(tmp_path: Path):
    """A list written [a, b] ends an item at a comma: "Sở Văn hóa, Thể thao và Du lịch" is quoted."""
    entries = [{"id": "so-van-hoa", "name": "Sở Văn hóa, Thể thao và Du lịch", "aliases": ["Sở VHTTDL", "Sở Văn hóa, Thể thao và Du lịch tỉnh"]}]
    path = tmp_path / "units.yml"
    path.write_text(dump_entries(entries, "thử"), encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == entries


def test_a_bare_name_without_diacritics_of_twins_is_never_guessed():
    vocabulary, _ = load_vocabulary()
    found = vocabulary.localities.lookup("Ba To", AFTER)
    assert found.term is None
    assert {"Xã Ba Tơ", "Xã Ba Tô"} <= set(found.suggestions)


# -- stories of 2024 and 2026 in a real build ---------------------------------------------------------


def test_stories_land_on_the_district_or_the_commune_of_their_date(project: SiteProject, tmp_path: Path):
    project.add_story("2024/cu.md", valid_story(title="Bài năm 2024", district="Bình Sơn", unit="UBND huyện Bình Sơn", date="12/03/2024"))
    project.add_story("2026/moi.md", valid_story(title="Bài năm 2026", district="Bình Sơn", unit="UBND xã Bình Sơn", date="12/03/2026"))
    project.add_story(
        "2026/kon-tum.md",
        valid_story(title="Bài Kon Tum", district="Đăk Hà", unit="Ban Tuyên giáo và Dân vận Tỉnh ủy", date="02/02/2026"),
    )
    for twin in ("Xã Ba Tô", "Ba Tơ"):
        project.add_story(f"2026/{slugify(twin)}.md", valid_story(title=f"Bài {twin}", district=twin, unit="Sở Y tế", date="05/05/2026"))
    project.add_story("2023/kon-tum-cu.md", valid_story(title="Bài Kon Tum cũ", district="Tỉnh Kon Tum", unit="Sở Y tế", date="02/02/2023"))
    text = project.stories.joinpath("2026", "moi.md").read_text(encoding="utf-8").replace("district:", "locality:")
    project.stories.joinpath("2026", "moi.md").write_text(text, encoding="utf-8")
    assert project.check().exit_code == 0
    site = tmp_path / "site-out"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr

    def listed(folder: str) -> str:
        return (site / "dia-ban" / folder / "index.html").read_text(encoding="utf-8")

    assert "Bài năm 2024" in listed("binh-son") and "Bài năm 2026" not in listed("binh-son")
    assert "Bài năm 2026" in listed("xa-binh-son") and "Bài năm 2024" not in listed("xa-binh-son")
    assert "Bài Kon Tum" in listed("xa-dak-ha") and "Bài Kon Tum cũ" in listed("tinh-kon-tum")
    # The commune and the district it came from link to each other.
    assert re.search(r'href="[./]*binh-son/"', listed("xa-binh-son"))
    assert re.search(r'href="[./]*xa-binh-son/"', listed("binh-son"))
    # The overview lists all 96 communes, grouped by former district, and the former districts.
    overview = (site / "dia-ban" / "index.html").read_text(encoding="utf-8")
    assert "96 xã, phường, đặc khu" in overview and "Từ Huyện Bình Sơn cũ" in overview
    assert "Huyện, thị xã, thành phố (trước 01/7/2025)" in overview
    # Open data: `locality` and, for existing consumers, `district` with the same value.
    records = {r["title"]: r for r in json.loads((site / "du-lieu" / "exemplars.json").read_text())["exemplars"]}
    assert records["Bài năm 2026"]["locality"] == records["Bài năm 2026"]["district"] == "xa-binh-son"
    # Diacritic twins: two pages, two search filter files (named by id, not by the shared slug).
    assert "Bài Xã Ba Tô" in listed("xa-ba-to-21523") and "Bài Ba Tơ" in listed("xa-ba-to-21484")
    for code in ("21523", "21484"):
        assert (site / "tim-kiem" / "chi-muc" / "f" / "district" / f"xa-ba-to-{code}.json").is_file()
    # Feeds and the widget of a commune.
    assert (site / "dia-ban" / "xa-binh-son" / "feed.json").is_file()
    assert (site / "nhung" / "dia-ban" / "xa-binh-son" / "index.html").is_file()
    # The board: no district table for 2026, said in a sentence; commune coverage as information.
    board = (site / "thong-ke" / "2026" / "index.html").read_text(encoding="utf-8")
    assert "không còn cấp huyện" in board and "4 trên 96 xã, phường, đặc khu" in board
    assert "chưa đạt" not in board.split('id="gs-districts"')[1].split('id="gs-units"')[0]


@pytest.mark.parametrize(
    ("province", "communes"), [("Quảng Ngãi", 96), ("Khánh Hòa", 65), ("Thành phố Cần Thơ", 103)]
)
def test_init_makes_a_site_that_builds_strict(tmp_path: Path, province: str, communes: int):
    folder = tmp_path / "moi"
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(cli, ["init", "moi", "--province", province])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (folder / "exemplars").iterdir()) == [".gitkeep"]
    built = mkdocs_build(folder, tmp_path / "out", "--strict")
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "dia-ban" / "index.html").is_file()
    with contextlib.chdir(folder):
        listed = CliRunner().invoke(cli, ["vocab", "localities", "--at", "2026-01-01", "--format", "json"])
    places = json.loads(listed.stdout)
    assert Counter(p["level"] for p in places) == {"commune": communes, "province": 1}
    # A second run never overwrites.
    with contextlib.chdir(tmp_path):
        again = CliRunner().invoke(cli, ["init", "moi", "--province", province])
    assert again.exit_code == 1 and "không ghi đè" in again.output


def test_init_with_an_unknown_province_names_the_34(tmp_path: Path):
    with contextlib.chdir(tmp_path):
        result = CliRunner().invoke(cli, ["init", "moi", "--province", "Kon Tum"])  # merged into Quảng Ngãi
    assert result.exit_code == 2
    assert "Tỉnh Quảng Ngãi" in result.output and not (tmp_path / "moi").exists()


def test_the_package_defaults_hold_quang_ngai_as_the_gazetteer_makes_it():
    """tools/make_defaults.py output: every commune with its code, ids of the earlier file kept."""
    vocabulary, problems = load_vocabulary()
    assert problems == []
    generated = {e["code"]: e for e in locality_entries(find_province(GAZETTEER, "Quảng Ngãi")) if e.get("code")}
    shipped = {t.code: t for t in vocabulary.localities.terms if t.code}
    assert set(shipped) == set(generated)
    assert all(shipped[code].name == generated[code]["name"] for code in generated)
    assert (DEFAULTS / "localities.yml").read_text(encoding="utf-8").count("\n- id:") == len(vocabulary.localities.terms)


def test_the_board_after_the_reform_says_nothing_about_districts(tmp_path: Path, project: SiteProject):
    """A year without districts: no district sentence in the summary, no table, the communes instead."""
    project.add_story("2026/moi.md", valid_story(title="Bài năm 2026", district="Bình Sơn", unit="UBND xã Bình Sơn", date="12/03/2026"))
    site = tmp_path / "out"
    assert mkdocs_build(project.root, site).returncode == 0
    board = (site / "thong-ke" / "2026" / "index.html").read_text(encoding="utf-8")
    summary = board.split('id="gs-districts"')[0]
    assert "huyện, thị xã, thành phố giới thiệu" not in summary
    assert "1 trên 96 xã, phường, đặc khu" in board
