"""`exemplars vocab [movements|fields|units|districts]`: the allowed values with ids and aliases.

Issue 7, "Commands". Compared with the vocabulary files read by PyYAML, not with our loader.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import REPO, SiteProject

from generator.adapters.cli import cli

DEFAULTS = REPO / "generator" / "defaults"
AXES = ("movements", "fields", "units", "districts")
TITLES = {
    "movements": "# Phong trào thi đua (movement)",
    "fields": "# Lĩnh vực (field)",
    "units": "# Đơn vị (unit)",
    "districts": "# Địa bàn (district)",
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
    lines = sections(run_vocab(project.root, "districts").stdout)[TITLES["districts"]]
    # The name starts in the same column on every line, so the list reads as a table.
    assert len({line.index(name) for line, name in zip(lines, [r[0] for r in rows(lines).values()], strict=True)}) == 1
    assert "toan-tinh                Toàn tỉnh  (còn gọi: Tỉnh Quảng Ngãi; Cấp tỉnh)" in lines
    assert "son-tinh                 Huyện Sơn Tịnh" in lines


def test_names_are_in_vietnamese_dictionary_order(project: SiteProject):
    names = [r[0] for r in rows(sections(run_vocab(project.root, "fields").stdout)[TITLES["fields"]]).values()]
    # "Văn hóa" before "Vận động" before "Xây dựng": Vietnamese order, not code points (ă < â).
    assert names.index("Văn hóa - Thể thao") < names.index("Vận động quần chúng") < names.index("Xây dựng Đảng, đoàn thể")
    assert names[0] == "Giáo dục - Đào tạo"


def test_an_unknown_axis_is_a_usage_error(project: SiteProject):
    result = run_vocab(project.root, "tinh")
    assert result.exit_code == 2
    assert "movements" in result.output and "districts" in result.output


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
    result = run_vocab(project.root, "districts")
    assert result.exit_code == 0, result.output
    assert rows(sections(result.stdout)[TITLES["districts"]]) == {
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
