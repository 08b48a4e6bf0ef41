"""`exemplars report`: every figure of the JSON report of a fixture with known counts, and the same
figures in CSV (read back with the csv module), XLSX (read back with openpyxl) and Markdown.

The fixture is `test_quotas.write_board_fixture` (its docstring lists the stories).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from conftest import MKDOCS_YML, make_project, valid_story
from generator.adapters.cli import cli
from test_quotas import (
    ALL_FIELDS,
    BUILD,
    CN,
    DISTRICT_IDS,
    EARLY_BUILD,
    FIELDS_2023,
    HGD,
    KINDS_2023,
    LEAD_UNITS,
    MOVEMENT_TARGETS,
    MOVEMENTS_2023,
    TOTAL_2023,
    TT,
    UNIT_IDS,
    ZERO,
    epoch,
    write_board_fixture,
)

MKDOCS_WITH_DATA = MKDOCS_YML.replace("  - exemplars\n", "  - exemplars:\n      vocabulary_dir: data\n")
KINDS = [TT, CN, HGD]
ALL_MONTHS = list(range(1, 13))


def run_report(root: Path, *args: str, build: dt.date = BUILD) -> Result:
    """`exemplars report ARGS` in `root`, with SOURCE_DATE_EPOCH at noon of `build` (Vietnam time)."""
    with contextlib.chdir(root):
        return CliRunner().invoke(cli, ["report", *args], env={"SOURCE_DATE_EPOCH": epoch(build)}, catch_exceptions=True)


def report_json(root: Path, *args: str, build: dt.date = BUILD) -> dict:
    result = run_report(root, *args, build=build)
    assert result.exit_code == 0, (result.exception, result.stderr)
    return json.loads(result.stdout_bytes.decode("utf-8"))


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("report") / "site"
    write_board_fixture(root)
    return root


@pytest.fixture(scope="module")
def data(site) -> dict:
    """The JSON report of 2023 at the main build date."""
    return report_json(site, "--year", "2023")


def by_id(rows: list[dict]) -> dict[str, dict]:
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), f"duplicate rows: {ids}"
    return {r["id"]: r for r in rows}


# -- JSON -----------------------------------------------------------------------------------------


def test_json_header(data):
    assert data["year"] == 2023
    assert data["from"] == "2023-01-01"
    assert data["to"] == "2023-12-31"
    assert data["build_date"] == BUILD.isoformat()


def test_json_districts_every_figure(data):
    rows = by_id(data["districts"])
    assert set(rows) == DISTRICT_IDS
    assert rows["binh-son"] == {"id": "binh-son", "name": "Huyện Bình Sơn",
                                "months": [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                                "missed_months": [2, 4, 5, 6, 7, 8, 9, 10, 11, 12]}  # fmt: skip
    assert rows["duc-pho"] == {"id": "duc-pho", "name": "Thị xã Đức Phổ", "months": [1] * 12, "missed_months": []}
    assert rows["ly-son"] == {"id": "ly-son", "name": "Huyện Lý Sơn", "months": [0] * 12, "missed_months": ALL_MONTHS}
    for district_id in DISTRICT_IDS - {"binh-son", "duc-pho"}:
        assert rows[district_id]["months"] == [0] * 12
        assert rows[district_id]["missed_months"] == ALL_MONTHS


def test_json_units_every_figure(data):
    rows = by_id(data["units"])
    assert set(rows) == UNIT_IDS  # departments and mass organisations; no locality, armed forces
    assert rows["so-y-te"] == {"id": "so-y-te", "name": "Sở Y tế", "quarters": [1, 0, 1, 0], "missed_quarters": [2, 4]}
    assert rows["hoi-nong-dan"] == {"id": "hoi-nong-dan", "name": "Hội Nông dân tỉnh", "quarters": [0, 1, 0, 0],
                                    "missed_quarters": [1, 3, 4]}  # fmt: skip
    for unit_id in UNIT_IDS - {"so-y-te", "hoi-nong-dan"}:
        assert rows[unit_id]["quarters"] == [0, 0, 0, 0]
        assert rows[unit_id]["missed_quarters"] == [1, 2, 3, 4]


def test_json_movements_every_figure(data):
    rows = by_id(data["movements"])
    assert set(rows) == set(MOVEMENT_TARGETS)
    for movement_id, targets in MOVEMENT_TARGETS.items():
        counts, period_counts, _ = MOVEMENTS_2023.get(movement_id, (ZERO, ZERO, {}))
        assert rows[movement_id]["counts"] == counts, movement_id
        assert rows[movement_id]["targets"] == targets, movement_id
        assert rows[movement_id]["period_counts"] == period_counts, movement_id
    assert rows["nong-thon-moi"]["name"] == "Cả nước chung sức xây dựng nông thôn mới"
    assert rows["nong-thon-moi"]["targets"] == {"tập thể": 10, "cá nhân": 10}
    assert rows["nong-dan-gioi"]["targets"] == {"hộ gia đình": 20}
    assert rows["nong-thon-moi"]["period"] == "2021–2025"
    for movement_id, lead in LEAD_UNITS.items():
        assert rows[movement_id]["lead_unit"] == lead


def test_json_fields_kinds_total(data):
    fields = {f["name"]: f["counts"] for f in data["fields"]}
    assert len(fields) == len(data["fields"]) == len(ALL_FIELDS)
    for name in ALL_FIELDS:
        assert fields[name] == FIELDS_2023.get(name, ZERO), name
    assert data["kinds"] == KINDS_2023
    assert data["total"] == TOTAL_2023
    assert sum(sum(f["counts"].values()) for f in data["fields"]) == TOTAL_2023
    assert sum(sum(d["months"]) for d in data["districts"]) == 15  # Bình Sơn 3 + Đức Phổ 12; the rest is "Toàn tỉnh"


def test_json_at_a_build_date_inside_the_year(site):
    early = report_json(site, "--year", "2023", build=EARLY_BUILD)
    assert early["build_date"] == "2023-04-15"
    rows = by_id(early["districts"])
    assert rows["binh-son"]["months"] == [1, 0, 2] + [0] * 9
    assert rows["binh-son"]["missed_months"] == [2]
    assert rows["duc-pho"]["months"] == [1, 1, 1, 1] + [0] * 8
    assert rows["duc-pho"]["missed_months"] == []
    for row in early["districts"]:
        assert set(row["missed_months"]) <= {1, 2, 3}, row
    assert rows["ly-son"]["missed_months"] == [1, 2, 3]
    units = by_id(early["units"])
    assert units["so-y-te"]["quarters"] == [1, 0, 0, 0]
    for row in early["units"]:
        assert set(row["missed_quarters"]) <= {1}, row
    assert units["so-y-te"]["missed_quarters"] == []
    assert units["hoi-nong-dan"]["missed_quarters"] == [1]
    assert early["kinds"] == {TT: 4, CN: 4, HGD: 0}
    assert early["total"] == 8


def test_json_2025_district_level_ended(site):
    report = report_json(site, "--year", "2025")
    rows = by_id(report["districts"])
    assert rows["duc-pho"]["months"] == [1] * 6 + [0] * 6
    assert rows["duc-pho"]["missed_months"] == []
    for row in report["districts"]:
        assert not set(row["missed_months"]) & set(range(7, 13)), row
    assert rows["binh-son"]["missed_months"] == [1, 2, 3, 4, 5, 6]
    # The July story of "Toàn tỉnh" counts for its provincial unit and in the totals, in no district.
    assert sum(sum(r["months"]) for r in report["districts"]) == 6
    units = by_id(report["units"])
    assert units["so-noi-vu"]["quarters"] == [0, 0, 1, 0]
    assert units["so-noi-vu"]["missed_quarters"] == [1, 2, 4]
    assert report["total"] == 7
    assert report["kinds"] == {TT: 1, CN: 6, HGD: 0}


def test_json_future_story_does_not_count(site):
    report = report_json(site, "--year", "2026")
    assert report["districts"] == []
    units = by_id(report["units"])
    assert units["so-y-te"]["quarters"] == [0, 0, 0, 0]
    assert report["total"] == 0


def test_six_month_window(site):
    window = report_json(site, "--year", "2023", "--from", "2023-01-01", "--to", "2023-06-30")
    assert (window["from"], window["to"]) == ("2023-01-01", "2023-06-30")
    rows = by_id(window["districts"])
    assert rows["binh-son"]["months"] == [1, 0, 2] + [0] * 9
    assert rows["binh-son"]["missed_months"] == [2, 4, 5, 6]
    assert rows["duc-pho"]["months"] == [1] * 6 + [0] * 6
    assert rows["duc-pho"]["missed_months"] == []
    assert rows["ly-son"]["missed_months"] == [1, 2, 3, 4, 5, 6]
    for row in window["districts"]:
        assert row["months"][6:] == [0] * 6
    units = by_id(window["units"])
    assert units["so-y-te"]["quarters"] == [1, 0, 0, 0]
    assert units["so-y-te"]["missed_quarters"] == [2]
    assert units["hoi-nong-dan"]["quarters"] == [0, 1, 0, 0]
    assert units["hoi-nong-dan"]["missed_quarters"] == [1]
    movements = by_id(window["movements"])
    assert movements["toan-dan-doan-ket"]["counts"] == {TT: 3, CN: 3, HGD: 0}
    assert movements["nong-thon-moi"]["counts"] == {TT: 1, CN: 2, HGD: 0}
    assert movements["van-hoa-cong-so"]["counts"] == ZERO  # its 2023 story is in August
    fields = {f["name"]: f["counts"] for f in window["fields"]}
    assert fields["Y tế"] == {TT: 1, CN: 0, HGD: 0}
    assert fields["Văn hóa - Thể thao"] == {TT: 3, CN: 3, HGD: 0}
    assert window["kinds"] == {TT: 6, CN: 5, HGD: 1}
    assert window["total"] == 12
    # Day-first dates are accepted too.
    assert report_json(site, "--year", "2023", "--from", "01/01/2023", "--to", "30/06/2023") == window


@pytest.mark.parametrize(
    "args",
    [
        ["--year", "2023", "--from", "2022-07-01", "--to", "2023-06-30"],
        ["--year", "2023", "--from", "2023-07-01", "--to", "2024-01-31"],
        ["--year", "2024", "--from", "2023-01-01"],
    ],
)
def test_window_outside_the_year_is_a_usage_error(site, args):
    result = run_report(site, *args)
    assert result.exit_code == 2, result.stdout
    assert "--year" in result.stderr
    assert result.stdout == ""


def test_broken_story_fails_the_report(tmp_path):
    root = tmp_path / "site"
    project = write_board_fixture(root)
    project.add_story("hong.md", valid_story(kind="nhóm", date="10/02/2023"))
    result = run_report(root, "--year", "2023")
    assert result.exit_code == 1
    assert re.search(r"^exemplars/hong\.md:4: error: ", result.stderr, re.M), result.stderr
    assert result.stdout == ""  # no report that silently leaves the story out
    out = root / "bao-cao.csv"
    result = run_report(root, "--year", "2023", "--format", "csv", "--output", str(out))
    assert result.exit_code == 1
    assert not out.exists()


# -- CSV ------------------------------------------------------------------------------------------


def _csv_tables(text: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Tables of the CSV report: a title row, a header row, rows, then an empty row."""
    rows = list(csv.reader(io.StringIO(text)))
    tables: dict[str, tuple[list[str], list[list[str]]]] = {}
    i = 1  # row 0 is the report title
    while i < len(rows):
        if rows[i] == []:
            i += 1
            continue
        title, header = rows[i][0], rows[i + 1]
        body = []
        i += 2
        while i < len(rows) and rows[i] != []:
            body.append(rows[i])
            i += 1
        tables[title] = (header, body)
    return tables


def test_csv_has_bom_and_the_json_figures(site, data, tmp_path):
    out = tmp_path / "bao-cao.csv"
    result = run_report(site, "--year", "2023", "--format", "csv", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "Huyện Bình Sơn" in text and "Hội Nông dân tỉnh" in text
    tables = _csv_tables(text)
    assert list(tables) == ["Địa bàn theo tháng", "Đơn vị theo quý", "Phong trào", "Lĩnh vực"]

    header, rows = tables["Địa bàn theo tháng"]
    assert header[0] == "Địa bàn" and header[1:13] == [f"T{m}" for m in ALL_MONTHS]
    assert len(rows) == len(data["districts"])
    by_name = {r[0]: r for r in rows}
    for district in data["districts"]:
        row = by_name[district["name"]]
        assert [int(c) for c in row[1:13]] == district["months"], district["name"]
        assert int(row[13]) == sum(district["months"])
        assert row[14] == ", ".join(f"T{m}" for m in district["missed_months"])
    assert by_name["Huyện Bình Sơn"][1:] == ["1", "0", "2"] + ["0"] * 9 + ["3", "T2, T4, T5, T6, T7, T8, T9, T10, T11, T12"]
    assert by_name["Thị xã Đức Phổ"][13:] == ["12", ""]

    header, rows = tables["Đơn vị theo quý"]
    by_name = {r[0]: r for r in rows}
    assert len(rows) == len(data["units"])
    for unit in data["units"]:
        assert [int(c) for c in by_name[unit["name"]][1:5]] == unit["quarters"]
    assert by_name["Sở Y tế"][1:] == ["1", "0", "1", "0", "2", "Quý 2, Quý 4"]

    _header, rows = tables["Lĩnh vực"]
    by_name = {r[0]: r for r in rows}
    assert by_name["Văn hóa - Thể thao"][1:] == ["6", "5", "0", "11"]
    assert by_name["Tổng cộng"][1:] == ["9", "8", "2", "19"]


# -- XLSX -----------------------------------------------------------------------------------------


def test_xlsx_sheets_styling_and_figures(site, data, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "bao-cao.xlsx"
    result = run_report(site, "--year", "2023", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.stderr
    book = load_workbook(out)
    assert book.sheetnames == ["Địa bàn theo tháng", "Đơn vị theo quý", "Phong trào", "Lĩnh vực"]
    for sheet in book.worksheets:
        assert sheet.max_row >= 2, sheet.title
        for cell in sheet[1]:
            assert cell.value, f"{sheet.title}: empty header cell {cell.coordinate}"
            assert cell.font.bold, f"{sheet.title}: header {cell.coordinate} is not bold"
            assert cell.fill.fill_type == "solid", f"{sheet.title}: header {cell.coordinate} has no fill"
        assert sheet.freeze_panes is not None, sheet.title
        assert int(re.sub(r"\D", "", sheet.freeze_panes)) >= 2, sheet.freeze_panes  # the header row stays
        assert not sheet["A2"].font.bold

    districts = book["Địa bàn theo tháng"]
    rows = {r[0]: r for r in districts.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == len(data["districts"])
    for district in data["districts"]:
        row = rows[district["name"]]
        assert list(row[1:13]) == district["months"], district["name"]  # numbers, not text
        assert row[13] == sum(district["months"])
    assert rows["Huyện Bình Sơn"][14] == "T2, T4, T5, T6, T7, T8, T9, T10, T11, T12"

    units = {r[0]: r for r in book["Đơn vị theo quý"].iter_rows(min_row=2, values_only=True)}
    assert len(units) == len(data["units"])
    for unit in data["units"]:
        assert list(units[unit["name"]][1:5]) == unit["quarters"]
    assert units["Hội Nông dân tỉnh"][5:] == (1, "Quý 1, Quý 3, Quý 4")

    movements = {r[0]: r for r in book["Phong trào"].iter_rows(min_row=2, values_only=True)}
    assert len(movements) == len(data["movements"])
    for movement in data["movements"]:
        row = movements[movement["name"]]
        assert (row[1] or "") == movement["lead_unit"]  # openpyxl reads an empty cell as None
        assert list(row[2:5]) == [movement["counts"][k] for k in KINDS]
    ntm = movements["Cả nước chung sức xây dựng nông thôn mới"]
    assert ntm == ("Cả nước chung sức xây dựng nông thôn mới", "Sở Nông nghiệp và Phát triển nông thôn", 1, 2, 0,
                   "2021–2025", "1/10", "2/10", 0)  # fmt: skip

    fields = {r[0]: r for r in book["Lĩnh vực"].iter_rows(min_row=2, values_only=True)}
    for field in data["fields"]:
        assert list(fields[field["name"]][1:4]) == [field["counts"][k] for k in KINDS]
    assert fields["Tổng cộng"][1:] == (9, 8, 2, 19)


def test_xlsx_needs_an_output_file(site):
    result = run_report(site, "--year", "2023", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--output" in result.stderr
    assert result.stdout_bytes == b""


# -- Markdown -------------------------------------------------------------------------------------


def test_markdown_has_the_tables(site):
    result = run_report(site, "--year", "2023", "--format", "md")
    assert result.exit_code == 0, result.stderr
    text = result.stdout_bytes.decode("utf-8")
    for title in ("Địa bàn theo tháng", "Đơn vị theo quý", "Phong trào", "Lĩnh vực"):
        assert f"## {title}" in text
    assert "| Địa bàn | T1 | T2 | T3 | T4 | T5 | T6 | T7 | T8 | T9 | T10 | T11 | T12 | Cả năm | Tháng chưa đạt |" in text
    assert "| Huyện Bình Sơn | 1 | 0 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 3 | T2, T4, T5, T6, T7, T8, T9, T10, T11, T12 |" in text
    assert "| Thị xã Đức Phổ | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 1 | 12 |  |" in text
    assert "| Sở Y tế | 1 | 0 | 1 | 0 | 2 | Quý 2, Quý 4 |" in text
    assert "| Tổng cộng | 9 | 8 | 2 | 19 |" in text
    # Every table row has as many cells as its header.
    for block in text.split("## ")[1:]:
        table = [line for line in block.splitlines() if line.startswith("|")]
        widths = {len(re.split(r"(?<!\\)\|", line)) for line in table}
        assert len(widths) == 1, block[:40]


# -- quota rules as data --------------------------------------------------------------------------

CUSTOM_QUOTAS = """\
rules:
  - id: hai-moi-thang
    name: Mỗi huyện ít nhất 2 gương mỗi tháng
    scope: district
    period: month
    minimum: 2
  - id: don-vi-hang-quy
    scope: unit
    unit_types: [department, mass organisation, enterprise]
    period: quarter
    minimum: 1
"""


def test_custom_quotas_from_the_vocabulary_folder(tmp_path):
    root = tmp_path / "site"
    write_board_fixture(root, MKDOCS_WITH_DATA)
    (root / "data").mkdir()
    (root / "data" / "quotas.yml").write_text(CUSTOM_QUOTAS, encoding="utf-8")
    report = report_json(root, "--year", "2023")
    rows = by_id(report["districts"])
    assert rows["binh-son"]["months"] == [1, 0, 2] + [0] * 9
    assert rows["binh-son"]["missed_months"] == [1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12]  # March has 2
    assert rows["duc-pho"]["missed_months"] == ALL_MONTHS  # 1 a month is no longer enough
    assert rows["ly-son"]["missed_months"] == ALL_MONTHS
    units = by_id(report["units"])
    assert units["so-y-te"]["missed_quarters"] == [2, 4]
    assert report["total"] == TOTAL_2023


@pytest.mark.parametrize(
    ("text", "line"),
    [
        # An unknown period on line 5.
        ("rules:\n  - id: hang-thang\n    scope: district\n    minimum: 1\n    period: tuan\n", 5),
        # A minimum that is not a number on line 4.
        ("rules:\n  - id: hang-thang\n    scope: district\n    minimum: mot\n    period: month\n", 4),
        # Broken YAML: a flow list opened on line 3 is found unclosed on line 4.
        ("rules:\n  - id: hang-thang\n    kinds: [tập thể, cá nhân\n    scope: district\n", 4),
    ],
)
def test_malformed_quotas_give_path_and_line(tmp_path, text, line):
    root = tmp_path / "site"
    write_board_fixture(root, MKDOCS_WITH_DATA)
    (root / "data").mkdir()
    (root / "data" / "quotas.yml").write_text(text, encoding="utf-8")
    result = run_report(root, "--year", "2023")
    assert result.exit_code == 1, result.stdout
    assert re.search(rf"^data/quotas\.yml:{line}: error: ", result.stderr, re.M), result.stderr
    assert result.stdout == ""


def test_report_without_stories_still_lists_every_district(tmp_path):
    root = tmp_path / "site"
    make_project(root)
    report = report_json(root, "--year", "2024")
    assert {d["id"] for d in report["districts"]} == DISTRICT_IDS
    assert all(d["missed_months"] == ALL_MONTHS for d in report["districts"])
    assert report["total"] == 0


# -- dates, windows and reproducibility -----------------------------------------------------------


def test_year_defaults_to_the_build_year(site):
    report = report_json(site)
    assert (report["year"], report["from"], report["to"]) == (2026, "2026-01-01", "2026-12-31")
    assert report_json(site, "--from", "2023-01-01", "--to", "2023-06-30")["year"] == 2023


def test_build_date_is_taken_in_vietnam_time(site):
    """03:00 on 1 April 2023 in Vietnam is still 31 March in UTC: March has ended, so it can be missed."""
    with contextlib.chdir(site):
        result = CliRunner().invoke(cli, ["report", "--year", "2023"], env={"SOURCE_DATE_EPOCH": epoch(dt.date(2023, 4, 1), 3)})
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout_bytes)
    assert report["build_date"] == "2023-04-01"
    assert by_id(report["districts"])["ly-son"]["missed_months"] == [1, 2, 3]


def test_csv_title_names_the_window(site, tmp_path):
    out = tmp_path / "sau-thang.csv"
    result = run_report(site, "--year", "2023", "--from", "2023-01-01", "--to", "2023-06-30", "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    first = next(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert first == ["Báo cáo gương điển hình tiên tiến từ 01/01/2023 đến 30/06/2023"]


def test_reversed_window_is_a_usage_error(site):
    """--from after --to is not a window: it must not produce an all-zero report that looks valid."""
    result = run_report(site, "--year", "2023", "--from", "2023-06-30", "--to", "2023-01-01")
    assert result.exit_code == 2, result.stdout[:200]
    assert result.stdout == ""


def test_a_window_starting_mid_period_does_not_invent_missed_periods(site):
    """Bình Sơn published on 15/01/2023 and Sở Y tế on 10/02/2023: January and Q1 met their minimum.

    A window starting after those dates may leave the stories out of its counts, but must not state
    that January (Bình Sơn) or Q1 (Sở Y tế) fell below the minimum.
    """
    report = report_json(site, "--year", "2023", "--from", "2023-01-20", "--to", "2023-06-30")
    districts = by_id(report["districts"])
    assert 2 in districts["binh-son"]["missed_months"]  # February really had nothing
    assert 3 not in districts["binh-son"]["missed_months"]  # two stories in March, inside the window
    assert 1 not in districts["binh-son"]["missed_months"], districts["binh-son"]
    report = report_json(site, "--year", "2023", "--from", "2023-02-15", "--to", "2023-06-30")
    units = by_id(report["units"])
    assert 2 in units["so-y-te"]["missed_quarters"]
    assert 1 not in units["so-y-te"]["missed_quarters"], units["so-y-te"]


def test_same_input_same_report_bytes(site, tmp_path, monkeypatch):
    """A report is a record filed to the province: same stories and build date, same file (no wall clock).

    The second run happens, as far as the report can tell, years later: the clock that openpyxl
    and zipfile read is moved forward (no waiting)."""
    import datetime
    import time

    outputs = {}
    for fmt in ("xlsx", "csv", "md", "json"):
        first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
        assert run_report(site, "--year", "2023", "--format", fmt, "-o", str(first)).exit_code == 0
        outputs[fmt] = first

    later = time.time() + 3 * 365 * 86400
    real = datetime.datetime

    class Later(real):
        @classmethod
        def now(cls, tz=None):
            return real.fromtimestamp(later, tz)

    monkeypatch.setattr(time, "time", lambda: later)
    monkeypatch.setattr(datetime, "datetime", Later)
    assert datetime.datetime.now() - real.now() > datetime.timedelta(days=1000)  # the clock did move
    for fmt, first in outputs.items():
        second = tmp_path / f"b.{fmt}"
        assert run_report(site, "--year", "2023", "--format", fmt, "-o", str(second)).exit_code == 0
        assert first.read_bytes() == second.read_bytes(), f"{fmt} report differs between two runs of the same input"


def test_after_the_reform_communes_are_counted_and_no_table_is_empty(tmp_path):
    """2026: no district exists; the report says so in a sentence and counts the communes with a story."""
    project = make_project(tmp_path / "site")
    project.add_story("a.md", valid_story(title="Bài một", district="Bình Sơn", unit="UBND xã Bình Sơn", date="10/02/2026"))
    project.add_story("b.md", valid_story(title="Bài hai", district="Xã Bình Sơn", unit="Sở Y tế", date="11/03/2026"))
    project.add_story("c.md", valid_story(title="Bài ba", district="Phường Kon Tum", unit="Sở Y tế", date="12/04/2026"))
    report = report_json(project.root, "--year", "2026")
    assert report["districts"] == []
    communes = report["communes"]
    assert communes["total"] == 96
    assert [c["id"] for c in communes["covered"]] == ["phuong-kon-tum", "xa-binh-son"]
    assert len(communes["missing"]) == 94
    markdown = run_report(project.root, "--year", "2026", "--format", "md").stdout
    assert "từ ngày 01/7/2025 không còn cấp huyện" in markdown
    assert "2 trên 96 xã, phường, đặc khu" in markdown
    assert "## Địa bàn theo tháng" not in markdown  # never a table without rows
    # 2023: districts as before, no commune yet.
    assert report_json(project.root, "--year", "2023")["communes"] is None
