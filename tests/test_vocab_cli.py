"""`exemplars vocab [movements|fields|units|localities] [--at DATE] [--format json]`: the allowed values
with ids, aliases, validity and successors.

Issue 7, "Commands". Compared with the vocabulary files read by PyYAML, not with our loader.
"""

from __future__ import annotations

import contextlib
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPO, SiteProject

from generator.adapters.cli import cli

DEFAULTS = REPO / "generator" / "defaults"
AXES = ("movements", "fields", "units", "localities")
TITLES = {
    "movements": "# Phong trào thi đua (movement)",
    "fields": "# Lĩnh vực (field)",
    "units": "# Đơn vị (unit)",
    "localities": "# Địa bàn (locality)",
}


def run_vocab(root: Path, *args: str) -> Result:
    with contextlib.chdir(root):
        return CliRunner().invoke(cli, ["vocab", *args])


def sections(output: str) -> dict[str, list[str]]:
    """Output split by its `# ...` headings: heading -> the non-empty lines under it."""
    found: dict[str, list[str]] = {}
    current = None
    for line in output.splitlines():
        if line.startswith("# "):
            current = found.setdefault(line, [])
        elif line.strip():
            assert current is not None, f"a line before any heading: {line!r}"
            current.append(line)
    return found


def rows(lines: list[str]) -> dict[str, tuple[str, list[str]]]:
    """`id  name  (còn gọi: a; b)` lines -> id -> (name, aliases)."""
    table = {}
    for line in lines:
        ident, rest = line.split(" ", 1)
        rest = rest.strip()
        if rest.endswith("]") and "  [" in rest:  # validity: "  [từ 01/07/2025]", "  [đến 30/06/2025 → ...]"
            rest = rest.rpartition("  [")[0]
        aliases: list[str] = []
        if rest.endswith(")") and "  (còn gọi: " in rest:
            rest, _, listed = rest.partition("  (còn gọi: ")
            aliases = listed[:-1].split("; ")
        table[ident] = (rest, aliases)
    return table


def entries(axis: str, folder: Path = DEFAULTS) -> dict[str, tuple[str, list[str]]]:
    data = yaml.safe_load((folder / f"{axis}.yml").read_text(encoding="utf-8"))
    return {e["id"]: (e["name"], list(e.get("aliases") or [])) for e in data}


def test_every_axis_lists_every_id_name_and_alias(project: SiteProject):
    result = run_vocab(project.root)
    assert result.exit_code == 0, result.output
    found = sections(result.stdout)
    assert list(found) == [TITLES[a] for a in AXES]
    for axis in AXES:
        assert rows(found[TITLES[axis]]) == entries(axis), axis


@pytest.mark.parametrize("axis", AXES)
def test_one_axis(project: SiteProject, axis: str):
    result = run_vocab(project.root, axis)
    assert result.exit_code == 0, result.output
    found = sections(result.stdout)
    assert list(found) == [TITLES[axis]]
    assert rows(found[TITLES[axis]]) == entries(axis)


def test_ids_come_first_and_line_up(project: SiteProject):
    lines = sections(run_vocab(project.root, "localities").stdout)[TITLES["localities"]]
    # The name starts in the same column on every line, so the list reads as a table.
    assert len({line.index(name) for line, name in zip(lines, [r[0] for r in rows(lines).values()], strict=True)}) == 1
    assert any(re.fullmatch(r"toan-tinh +Toàn tỉnh  \(còn gọi: Tỉnh Quảng Ngãi; Cấp tỉnh\)", line) for line in lines)
    assert any(line.startswith("son-tinh ") and line.split(None, 1)[1] == "Huyện Sơn Tịnh  [đến 30/06/2025 → Xã Thọ Phong, Xã Trường Giang, Xã Ba Gia, Xã Sơn Tịnh]" for line in lines)


def test_names_are_in_vietnamese_dictionary_order(project: SiteProject):
    names = [r[0] for r in rows(sections(run_vocab(project.root, "fields").stdout)[TITLES["fields"]]).values()]
    # "Văn hóa" before "Vận động" before "Xây dựng": Vietnamese order, not code points (ă < â).
    assert names.index("Văn hóa - Thể thao") < names.index("Vận động quần chúng") < names.index("Xây dựng Đảng, đoàn thể")
    assert names[0] == "Giáo dục - Đào tạo"


def test_an_unknown_axis_is_a_usage_error(project: SiteProject):
    result = run_vocab(project.root, "tinh")
    assert result.exit_code == 2
    assert "movements" in result.output and "localities" in result.output


def test_a_site_with_its_own_vocabulary_lists_it(project: SiteProject):
    # Another province reuses the project by changing the vocabularies (data, not code).
    (project.root / "mkdocs.yml").write_text(
        (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
            "  - exemplars\n", "  - exemplars:\n      vocabulary_dir: danh-muc\n"
        ),
        encoding="utf-8",
    )
    project.add_file(
        "danh-muc/districts.yml",
        "- id: toan-tinh\n  name: Toàn tỉnh\n  type: province\n"
        "- id: vinh-chau\n  name: Thị xã Vĩnh Châu\n  aliases: [Vĩnh Châu]\n  type: town\n",
    )
    result = run_vocab(project.root, "districts")  # the former name of the axis and of its file still work
    assert result.exit_code == 0, result.output
    assert rows(sections(result.stdout)[TITLES["localities"]]) == {
        "toan-tinh": ("Toàn tỉnh", []),
        "vinh-chau": ("Thị xã Vĩnh Châu", ["Vĩnh Châu"]),
    }
    # The other axes still come from the defaults.
    assert rows(sections(run_vocab(project.root, "fields").stdout)[TITLES["fields"]]) == entries("fields")


def test_a_broken_vocabulary_file_is_reported_with_its_line(project: SiteProject):
    (project.root / "mkdocs.yml").write_text(
        (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace(
            "  - exemplars\n", "  - exemplars:\n      vocabulary_dir: danh-muc\n"
        ),
        encoding="utf-8",
    )
    project.add_file(
        "danh-muc/districts.yml",
        "- id: toan-tinh\n  name: Toàn tỉnh\n  type: province\n- id: toan-tinh\n  name: Tỉnh khác\n  type: province\n",
    )
    result = run_vocab(project.root, "districts")
    assert result.exit_code == 1
    assert 'danh-muc/districts.yml:4: error: mã "toan-tinh" bị dùng hai lần trong danh mục (lần đầu ở dòng 1).' in result.output


def _json(project: SiteProject, *args: str) -> list[dict]:
    result = run_vocab(project.root, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_at_a_date_after_the_reform_lists_the_communes_and_the_province(project: SiteProject):
    """Resolution 1677/NQ-UBTVQH15: 96 communes (86 xã, 9 phường, 1 đặc khu), plus the province."""
    places = _json(project, "localities", "--at", "2026-01-01")
    assert len(places) == 97
    levels = [p["level"] for p in places]
    assert levels.count("commune") == 96 and levels.count("province") == 1
    assert sorted({p["type"] for p in places if p["level"] == "commune"}) == ["commune", "special_zone", "ward"]
    for place in places:
        assert {"id", "name", "level", "code", "valid_from", "valid_until", "successors"} <= set(place)
    ly_son = next(p for p in places if p["code"] == "21548")
    assert (ly_son["name"], ly_son["valid_from"], ly_son["predecessors"]) == ("Đặc khu Lý Sơn", "2025-07-01", ["ly-son"])


def test_at_a_date_before_the_reform_lists_the_districts_of_both_former_provinces(project: SiteProject):
    places = _json(project, "localities", "--at", "15/03/2024")
    assert not [p for p in places if p["level"] == "commune"]
    assert len([p for p in places if p["level"] == "district"]) == 23  # 13 of Quảng Ngãi, 10 of Kon Tum
    kon_tum = next(p for p in places if p["id"] == "tinh-kon-tum")
    assert (kon_tum["valid_until"], kon_tum["successors"]) == ("2025-06-30", ["toan-tinh"])
    binh_son = next(p for p in places if p["id"] == "binh-son")
    assert "xa-binh-son" in binh_son["successors"]


def test_units_at_a_date_follow_decree_45(project: SiteProject):
    before = {u["id"]: u for u in _json(project, "units", "--at", "2025-02-28")}
    after = {u["id"]: u for u in _json(project, "units", "--at", "2025-03-01")}
    assert "so-nong-nghiep" in before and "so-nong-nghiep" not in after
    assert before["so-nong-nghiep"]["successors"] == ["so-nong-nghiep-moi-truong"]
    assert "so-nong-nghiep-moi-truong" in after and "so-nong-nghiep-moi-truong" not in before
    assert before["ban-tuyen-giao"]["successors"] == ["ban-tuyen-giao-dan-van"]
    communes = [u for u in _json(project, "units", "--at", "2026-01-01") if u["id"].startswith("ubnd-")]
    assert len(communes) == 96  # one People's Committee per commune, none per former district


def test_a_wrong_date_is_a_usage_error_in_vietnamese(project: SiteProject):
    result = run_vocab(project.root, "localities", "--at", "31/02/2026")
    assert result.exit_code == 2
    assert "không phải ngày" in result.output
