"""Quotas and targets (generator/load/quotas.py): rules as data, the board's figures from stories with KNOWN counts.

`write_board_fixture(root)` writes a site whose every figure is known by hand (see `STORIES`); the
report CLI tests (test_report_cli.py) and the dashboard tests (test_dashboard.py) reuse it.

The fixture, by district and unit:

- Huyện Bình Sơn: 1 story in January 2023, 2 in March 2023, none published in February (a draft and a
  nominee of February must not count); nothing else.
- Thị xã Đức Phổ: one story on the 10th of every month of 2023, four in 2022 and one every month of
  January–June 2025 (the district level ended on 2025-06-30).
- Huyện Lý Sơn: nothing at all.
- Sở Y tế (department): one story in Q1 2023 and one in Q3 2023; one dated after the build date (2026-12).
- Hội Nông dân tỉnh (mass organisation): one story in Q2 2023.
- Công an tỉnh (armed forces, not in the unit table): one story in Q2 2023.
- Sở Nội vụ: one story in July 2025, district "Toàn tỉnh".
- The default vocabulary has no enterprise, so the unit table has departments and mass organisations only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import make_project, valid_story
from generator.plan.group import select
from generator.core.model import Kind
from generator.validate.project import load_project
from generator.load.quotas import load_quotas
from generator.plan.figures import build_report, phase_status
from generator.core.settings import Settings
from generator.load.vocabulary import load_vocabulary

VN = dt.timezone(dt.timedelta(hours=7))


def epoch(date: dt.date, hour: int = 12) -> str:
    """SOURCE_DATE_EPOCH for `date` at `hour` o'clock in Vietnam."""
    return str(int(dt.datetime(date.year, date.month, date.day, hour, tzinfo=VN).timestamp()))


BUILD = dt.date(2026, 11, 21)
"""The main build date: 2023 and 2025 are over, the district level is gone."""
EARLY_BUILD = dt.date(2023, 4, 15)
"""A build date inside 2023: only January–March can be missed."""

NTM = "Cả nước chung sức xây dựng nông thôn mới"
NGHEO = "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"
DOAN_KET = "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"
NONG_DAN = "Nông dân sản xuất, kinh doanh giỏi"
COVID = "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19"
CONG_SO = "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"
AN_NINH = "Vì an ninh Tổ quốc"

TT, CN, HGD = "tập thể", "cá nhân", "hộ gia đình"

# Đức Phổ's kinds in 2023, month by month: 6 collectives, 5 individuals, 1 household.
DUC_PHO_2023 = [TT, CN, TT, CN, TT, CN, TT, CN, HGD, TT, CN, TT]


def _stories() -> list[dict[str, object]]:
    """Every story of the fixture as front-matter overrides (plus "name": the file name)."""
    stories: list[dict[str, object]] = []

    def add(name: str, date: str, kind: str, movement: object, field: str, unit: str, district: str, **extra: object):
        title = f"Gương {name}"
        stories.append(
            {"name": f"{name}.md", "title": title, "subject": f"Đối tượng {name}", "kind": kind, "movement": movement,
             "field": field, "unit": unit, "district": district, "date": date, **extra}
        )  # fmt: skip

    binh_son = dict(unit="UBND huyện Bình Sơn", district="Huyện Bình Sơn")
    add("binh-son-01", "15/01/2023", CN, NTM, "Nông nghiệp - Nông thôn mới", **binh_son)
    add("binh-son-03a", "05/03/2023", TT, NTM, "Nông nghiệp - Nông thôn mới", **binh_son)
    # Two movements: counts once in each.
    add("binh-son-03b", "20/03/2023", CN, [NTM, NGHEO], "Lao động - Thương binh và Xã hội", **binh_son)
    add("binh-son-nhap", "10/02/2023", TT, NTM, "Nông nghiệp - Nông thôn mới", status="draft", **binh_son)
    add("binh-son-de-nghi", "12/02/2023", TT, NTM, "Nông nghiệp - Nông thôn mới", status="nominee",
        consultation_until="01/03/2023", **binh_son)  # fmt: skip

    duc_pho = dict(unit="UBND thị xã Đức Phổ", district="Thị xã Đức Phổ")
    for month, kind in enumerate(DUC_PHO_2023, start=1):
        if kind == HGD:
            # Two movements, another field.
            add(f"duc-pho-2023-{month:02d}", f"10/{month:02d}/2023", kind, [DOAN_KET, NONG_DAN], "Vận động quần chúng", **duc_pho)
        else:
            add(f"duc-pho-2023-{month:02d}", f"10/{month:02d}/2023", kind, DOAN_KET, "Văn hóa - Thể thao", **duc_pho)
    for month, kind in zip((3, 6, 9, 12), (TT, CN, TT, CN), strict=True):
        add(f"duc-pho-2022-{month:02d}", f"10/{month:02d}/2022", kind, DOAN_KET, "Văn hóa - Thể thao", **duc_pho)
    for month in range(1, 7):
        add(f"duc-pho-2025-{month:02d}", f"10/{month:02d}/2025", CN, DOAN_KET, "Văn hóa - Thể thao", **duc_pho)

    province = dict(district="Toàn tỉnh")
    add("so-y-te-q1", "10/02/2023", TT, COVID, "Y tế", unit="Sở Y tế", **province)
    add("so-y-te-q3", "20/08/2023", CN, CONG_SO, "Y tế", unit="Sở Y tế", **province)
    add("so-y-te-tuong-lai", "01/12/2026", TT, CONG_SO, "Y tế", unit="Sở Y tế", **province)
    add("hoi-nong-dan-q2", "05/05/2023", HGD, NONG_DAN, "Nông nghiệp - Nông thôn mới", unit="Hội Nông dân tỉnh", **province)
    add("cong-an-q2", "01/06/2023", TT, AN_NINH, "Quốc phòng - An ninh", unit="Công an tỉnh", **province)
    add("so-noi-vu-2025", "15/07/2025", TT, CONG_SO, "Hành chính nhà nước", unit="Sở Nội vụ", **province)
    return stories


STORIES = _stories()


def write_stories(project, stories: list[dict[str, object]] = STORIES) -> None:
    """Write `stories` (see `_stories`) into the project's exemplars/."""
    for entry in stories:
        fields = dict(entry)
        name = str(fields.pop("name"))
        project.add_story(name, valid_story(**fields))


def write_board_fixture(root: Path, mkdocs_yml: str | None = None):
    """The fixture site with known counts, in `root`."""
    project = make_project(root, mkdocs_yml) if mkdocs_yml else make_project(root)
    write_stories(project)
    return project


# -- the figures, by hand -------------------------------------------------------------------------

ALL_MONTHS = list(range(1, 13))
DISTRICT_IDS = {
    "thanh-pho-quang-ngai", "duc-pho", "binh-son", "son-tinh", "tu-nghia", "nghia-hanh", "mo-duc",
    "minh-long", "ba-to", "son-ha", "son-tay", "tra-bong", "ly-son",
}  # fmt: skip
# The departments of 2023: before Decree 45/2025/NĐ-CP merged some of them (Sở NN&MT and Ban Tuyên giáo
# và Dân vận exist from 2025-03-01 only).
DEPARTMENTS = {"so-noi-vu", "so-nong-nghiep", "so-giao-duc", "so-y-te", "so-lao-dong", "so-van-hoa", "so-khoa-hoc",
               "so-thong-tin", "ban-tuyen-giao", "ban-dan-van", "so-tai-chinh", "so-tu-phap", "so-cong-thuong",
               "so-xay-dung", "so-tai-nguyen", "so-ke-hoach", "so-giao-thong", "thanh-tra", "van-phong-ubnd"}  # fmt: skip
MASS_ORGANISATIONS = {"mat-tran-to-quoc", "lien-doan-lao-dong", "tinh-doan", "hoi-phu-nu", "hoi-nong-dan", "hoi-cuu-chien-binh"}
UNIT_IDS = DEPARTMENTS | MASS_ORGANISATIONS

# Movements in 2023 (window counts), over their whole period (period counts), and their targets.
MOVEMENTS_2023 = {
    "nong-thon-moi": ({TT: 1, CN: 2, HGD: 0}, {TT: 1, CN: 2, HGD: 0}, {TT: 10, CN: 10}),
    "vi-nguoi-ngheo": ({TT: 0, CN: 1, HGD: 0}, {TT: 0, CN: 1, HGD: 0}, {TT: 20, CN: 20}),
    # 2023: 6 + 5 + 1; period 2021-2025 adds 2022 (2 + 2) and 2025 (6 individuals).
    "toan-dan-doan-ket": ({TT: 6, CN: 5, HGD: 1}, {TT: 8, CN: 13, HGD: 1}, {TT: 20, CN: 20}),
    "nong-dan-gioi": ({TT: 0, CN: 0, HGD: 2}, {TT: 0, CN: 0, HGD: 2}, {HGD: 20}),
    # Covid-19: period 2020-2022, so the 2023 story is in the year but not in the period.
    "phong-chong-covid": ({TT: 1, CN: 0, HGD: 0}, {TT: 0, CN: 0, HGD: 0}, {}),
    # Office culture, 2019-2025: 2023 Sở Y tế (cá nhân) + 2025 Sở Nội vụ (tập thể); the 2026 one is future.
    "van-hoa-cong-so": ({TT: 0, CN: 1, HGD: 0}, {TT: 1, CN: 1, HGD: 0}, {TT: 20, CN: 20}),
    "vi-an-ninh-to-quoc": ({TT: 1, CN: 0, HGD: 0}, {TT: 1, CN: 0, HGD: 0}, {TT: 10, CN: 10}),
}
ZERO = {TT: 0, CN: 0, HGD: 0}
MOVEMENT_TARGETS = {
    "nong-thon-moi": {TT: 10, CN: 10},
    "doanh-nghiep-hoi-nhap": {TT: 20, CN: 20},
    "toan-dan-doan-ket": {TT: 20, CN: 20},
    "doi-moi-sang-tao": {TT: 20, CN: 30},
    "quyet-thang": {TT: 20, CN: 20},
    "vi-an-ninh-to-quoc": {TT: 10, CN: 10},
    "hoc-tap-lam-theo-bac": {TT: 20, CN: 20},
    "vi-nguoi-ngheo": {TT: 20, CN: 20},
    "van-hoa-cong-so": {TT: 20, CN: 20},
    "chuyen-doi-so": {},
    "dan-van-kheo": {},
    "cai-cach-hanh-chinh": {},
    "phong-chong-covid": {},
    "nong-dan-gioi": {HGD: 20},
}
LEAD_UNITS = {
    "nong-thon-moi": "Sở Nông nghiệp và Phát triển nông thôn",
    "toan-dan-doan-ket": "Ủy ban MTTQ Việt Nam tỉnh",
    "vi-nguoi-ngheo": "Sở Lao động - Thương binh và Xã hội",
    "nong-dan-gioi": "Hội Nông dân tỉnh",
    "dan-van-kheo": "",
}
FIELDS_2023 = {
    "Nông nghiệp - Nông thôn mới": {TT: 1, CN: 1, HGD: 1},
    "Lao động - Thương binh và Xã hội": {TT: 0, CN: 1, HGD: 0},
    "Văn hóa - Thể thao": {TT: 6, CN: 5, HGD: 0},
    "Vận động quần chúng": {TT: 0, CN: 0, HGD: 1},
    "Y tế": {TT: 1, CN: 1, HGD: 0},
    "Quốc phòng - An ninh": {TT: 1, CN: 0, HGD: 0},
}
ALL_FIELDS = {
    "Sản xuất - Kinh doanh", "Nông nghiệp - Nông thôn mới", "Giáo dục - Đào tạo", "Y tế", "Văn hóa - Thể thao",
    "Quốc phòng - An ninh", "Khoa học - Công nghệ", "Xây dựng Đảng, đoàn thể", "Hành chính nhà nước",
    "Vận động quần chúng", "Lao động - Thương binh và Xã hội", "Người tốt, việc tốt",
}  # fmt: skip
KINDS_2023 = {TT: 9, CN: 8, HGD: 2}
TOTAL_2023 = 19


# -- library-level tests ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def board(tmp_path_factory):
    """(project, vocabulary, quotas) of the fixture, loaded through the library."""
    root = tmp_path_factory.mktemp("quotas") / "site"
    write_board_fixture(root)
    loaded = load_project(Settings(root=root, build_date=BUILD))
    assert not loaded.errors, [p.format("vi") for p in loaded.errors]
    quotas, problems = load_quotas()
    assert problems == []
    return loaded, quotas


def _report(board, build_date: dt.date, year: int, start=None, end=None):
    loaded, quotas = board
    edition = select(loaded.stories, build_date)
    return build_report(edition.published, loaded.vocabulary, quotas, build_date, year, start, end)


def test_fixture_loads_every_story(board):
    loaded, _ = board
    assert len(loaded.stories) == len(STORIES) == 33


def test_default_rules_are_the_plans():
    quotas, problems = load_quotas()
    assert problems == []
    district = quotas.rule("district", "month")
    assert district is not None and district.minimum == ((None, 1),)
    assert set(district.kinds) == set(Kind)
    unit = quotas.rule("unit", "quarter")
    assert unit is not None and unit.minimum == ((None, 1),)
    assert set(unit.unit_types) == {"department", "mass organisation", "enterprise"}
    phase = quotas.rule("district", "phase")
    assert phase is not None and dict(phase.minimum) == {Kind.COLLECTIVE: 5, Kind.INDIVIDUAL: 5}
    assert [(p.id, p.start, p.end) for p in quotas.phases] == [
        ("giai-doan-1", dt.date(2021, 1, 1), dt.date(2023, 6, 30)),
        ("giai-doan-2", dt.date(2023, 7, 1), dt.date(2025, 6, 30)),
        ("giai-doan-2025-2030", dt.date(2025, 7, 1), dt.date(2030, 12, 31)),
    ]
    assert quotas.rule("commune", "phase") is None  # no plan sets a per-commune quota yet


def test_rule_met_counts_only_the_rule_kinds():
    quotas, _ = load_quotas()
    phase = quotas.rule("district", "phase")
    assert phase.met({Kind.COLLECTIVE: 5, Kind.INDIVIDUAL: 5, Kind.HOUSEHOLD: 0})
    assert not phase.met({Kind.COLLECTIVE: 5, Kind.INDIVIDUAL: 4, Kind.HOUSEHOLD: 9})
    month = quotas.rule("district", "month")
    assert month.met({Kind.HOUSEHOLD: 1})
    assert not month.met({})


def test_district_months_and_missed_months_2023(board):
    report = _report(board, BUILD, 2023)
    rows = {r.id: r for r in report.districts}
    assert set(rows) == DISTRICT_IDS  # "Toàn tỉnh" is the province, not a district
    assert rows["binh-son"].months == (1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    assert rows["binh-son"].missed_months == (2, 4, 5, 6, 7, 8, 9, 10, 11, 12)
    assert rows["duc-pho"].months == (1,) * 12
    assert rows["duc-pho"].missed_months == ()
    assert rows["ly-son"].months == (0,) * 12
    assert rows["ly-son"].missed_months == tuple(ALL_MONTHS)
    for row in rows.values():
        assert row.active_months == tuple(ALL_MONTHS)


def test_only_ended_months_can_be_missed(board):
    report = _report(board, EARLY_BUILD, 2023)
    rows = {r.id: r for r in report.districts}
    assert rows["binh-son"].months == (1, 0, 2) + (0,) * 9
    assert rows["binh-son"].missed_months == (2,)
    # Stories after the build date are not published yet: April 10 counts, May onwards does not.
    assert rows["duc-pho"].months == (1, 1, 1, 1) + (0,) * 8
    assert rows["duc-pho"].missed_months == ()
    assert rows["ly-son"].missed_months == (1, 2, 3)
    units = {r.id: r for r in report.units}
    assert units["so-y-te"].quarters == (1, 0, 0, 0)
    assert units["so-y-te"].missed_quarters == ()
    assert units["hoi-nong-dan"].missed_quarters == (1,)
    assert report.total == 8


def test_units_quarters_and_missed_quarters_2023(board):
    report = _report(board, BUILD, 2023)
    rows = {r.id: r for r in report.units}
    assert set(rows) == UNIT_IDS  # no locality, no armed forces; no enterprise in the vocabulary
    assert {r.type for r in report.units} == {"department", "mass organisation"}
    assert rows["so-y-te"].quarters == (1, 0, 1, 0)
    assert rows["so-y-te"].missed_quarters == (2, 4)
    assert rows["hoi-nong-dan"].quarters == (0, 1, 0, 0)
    assert rows["hoi-nong-dan"].missed_quarters == (1, 3, 4)
    for unit_id in UNIT_IDS - {"so-y-te", "hoi-nong-dan"}:
        assert rows[unit_id].quarters == (0, 0, 0, 0)
        assert rows[unit_id].missed_quarters == (1, 2, 3, 4)


def test_movements_fields_kinds_2023(board):
    report = _report(board, BUILD, 2023)
    rows = {r.id: r for r in report.movements}
    assert set(rows) == set(MOVEMENT_TARGETS)
    for movement_id, targets in MOVEMENT_TARGETS.items():
        counts, period_counts, _ = MOVEMENTS_2023.get(movement_id, (ZERO, ZERO, {}))
        row = rows[movement_id]
        assert {k.value: n for k, n in row.counts.items()} == counts, movement_id
        assert {k.value: n for k, n in row.period_counts.items()} == period_counts, movement_id
        assert {k.value: n for k, n in row.targets.items()} == targets, movement_id
    for movement_id, lead in LEAD_UNITS.items():
        assert rows[movement_id].lead_unit == lead
    assert rows["nong-thon-moi"].period == "2021–2025"
    assert rows["phong-chong-covid"].period == "2020–2022"
    fields = {name: {k.value: n for k, n in counts.items()} for name, counts in report.fields}
    assert set(fields) == ALL_FIELDS
    for name in ALL_FIELDS:
        assert fields[name] == FIELDS_2023.get(name, ZERO), name
    assert {k.value: n for k, n in report.kinds.items()} == KINDS_2023
    assert report.total == TOTAL_2023


def test_district_level_ends_mid_2025(board):
    report = _report(board, BUILD, 2025)
    rows = {r.id: r for r in report.districts}
    assert set(rows) == DISTRICT_IDS
    assert rows["duc-pho"].months == (1,) * 6 + (0,) * 6
    assert rows["duc-pho"].missed_months == ()  # July-December 2025: no district level, not missed
    assert rows["duc-pho"].active_months == (1, 2, 3, 4, 5, 6)
    assert rows["binh-son"].missed_months == (1, 2, 3, 4, 5, 6)
    units = {r.id: r for r in report.units}
    assert units["so-noi-vu"].quarters == (0, 0, 1, 0)
    assert units["so-noi-vu"].missed_quarters == (1, 2, 4)
    assert report.total == 7
    assert {k.value: n for k, n in report.kinds.items()} == {TT: 1, CN: 6, HGD: 0}


def test_no_district_after_2025_and_future_stories_do_not_count(board):
    report = _report(board, BUILD, 2026)
    assert report.districts == ()
    units = {r.id: r for r in report.units}
    # The 2026-12-01 story of Sở Y tế is after the build date (2026-11-21); Q4 has not ended.
    assert units["so-y-te"].quarters == (0, 0, 0, 0)
    assert units["so-y-te"].missed_quarters == (1, 2, 3)
    assert report.total == 0


def test_six_month_window(board):
    report = _report(board, BUILD, 2023, dt.date(2023, 1, 1), dt.date(2023, 6, 30))
    rows = {r.id: r for r in report.districts}
    assert rows["binh-son"].months == (1, 0, 2) + (0,) * 9
    assert rows["binh-son"].missed_months == (2, 4, 5, 6)
    assert rows["duc-pho"].months == (1,) * 6 + (0,) * 6
    assert rows["duc-pho"].missed_months == ()
    assert rows["ly-son"].missed_months == (1, 2, 3, 4, 5, 6)
    units = {r.id: r for r in report.units}
    assert units["so-y-te"].quarters == (1, 0, 0, 0)
    assert units["so-y-te"].missed_quarters == (2,)
    assert units["hoi-nong-dan"].missed_quarters == (1,)
    assert report.total == 12
    assert {k.value: n for k, n in report.kinds.items()} == {TT: 6, CN: 5, HGD: 1}
    movements = {r.id: r for r in report.movements}
    assert {k.value: n for k, n in movements["toan-dan-doan-ket"].counts.items()} == {TT: 3, CN: 3, HGD: 0}


def test_phase_status_five_plus_five(board):
    loaded, quotas = board
    published = select(loaded.stories, BUILD).published
    first, second, _ = quotas.phases
    rows = {r.id: r for r in phase_status(published, loaded.vocabulary, quotas, first)}
    assert set(rows) == DISTRICT_IDS
    # Đức Phổ, 2021-01-01..2023-06-30: 2022 (2 + 2) and January-June 2023 (3 + 3).
    assert {k.value: n for k, n in rows["duc-pho"].counts.items()} == {TT: 5, CN: 5, HGD: 0}
    assert rows["duc-pho"].met
    assert {k.value: n for k, n in rows["binh-son"].counts.items()} == {TT: 1, CN: 2, HGD: 0}
    assert not rows["binh-son"].met
    assert not rows["ly-son"].met
    assert [r.id for r in rows.values() if r.met] == ["duc-pho"]
    rows2 = {r.id: r for r in phase_status(published, loaded.vocabulary, quotas, second)}
    # July-December 2023 (3 + 2 + 1 household) and 2025 (6 individuals).
    assert {k.value: n for k, n in rows2["duc-pho"].counts.items()} == {TT: 3, CN: 8, HGD: 1}
    assert not rows2["duc-pho"].met


def test_custom_quota_file(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "quotas.yml").write_text(
        "rules:\n"
        "  - id: hai-moi-thang\n"
        "    scope: district\n"
        "    period: month\n"
        "    minimum: 2\n"
        "phases: []\n",
        encoding="utf-8",
    )
    quotas, problems = load_quotas(folder, tmp_path)
    assert problems == []
    rule = quotas.rule("district", "month")
    assert rule.id == "hai-moi-thang" and rule.minimum == ((None, 2),)
    assert quotas.rule("unit", "quarter") is None
    assert quotas.phases == ()


def test_malformed_quota_file_reports_path_and_line(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "quotas.yml").write_text(
        "rules:\n"
        "  - id: hang-thang\n"
        "    scope: district\n"
        "    period: week\n"
        "    minimum: nhiều\n",
        encoding="utf-8",
    )
    _, problems = load_quotas(folder, tmp_path)
    where = sorted((p.path, p.line) for p in problems)
    assert ("data/quotas.yml", 4) in where
    assert ("data/quotas.yml", 5) in where


def test_custom_vocabulary_unit_types_and_enterprises(tmp_path):
    """An enterprise added to the units vocabulary gets a row; armed forces never do."""
    root = tmp_path / "site"
    project = make_project(root)
    data = root / "data"
    data.mkdir()
    from generator.core.resources import DEFAULTS

    units = (DEFAULTS / "units.yml").read_text(encoding="utf-8")
    units += "- id: cong-ty-dung-quat\n  name: Công ty Lọc hóa dầu Bình Sơn\n  type: enterprise\n"
    (data / "units.yml").write_text(units, encoding="utf-8")
    vocabulary, problems = load_vocabulary(data, root)
    assert problems == []
    project.add_story("dn.md", valid_story(unit="Công ty Lọc hóa dầu Bình Sơn", district="Toàn tỉnh", date="10/11/2023"))
    loaded = load_project(replace(Settings(root=root, build_date=BUILD), vocabulary_dir="data"))
    assert not loaded.errors
    quotas, _ = load_quotas()
    report = build_report(select(loaded.stories, BUILD).published, loaded.vocabulary, quotas, BUILD, 2023)
    rows = {r.id: r for r in report.units}
    assert rows["cong-ty-dung-quat"].quarters == (0, 0, 0, 1)
    assert rows["cong-ty-dung-quat"].missed_quarters == (1, 2, 3)
    assert "cong-an-tinh" not in rows


def test_names_in_nfd_and_aliases_count_for_their_district(tmp_path):
    """Vietnamese arrives in NFC and NFD and under aliases: all count for the same district."""
    import unicodedata

    project = make_project(tmp_path / "site")
    project.add_story("nfd.md", valid_story(title="Gương một", district=unicodedata.normalize("NFD", "Thị xã Đức Phổ"),
                                            unit=unicodedata.normalize("NFD", "UBND thị xã Đức Phổ"), date="10/01/2023"))
    project.add_story("alias.md", valid_story(title="Gương hai", district="Đảo Lý Sơn", unit="UBND huyện Lý Sơn", date="10/02/2023"))
    project.add_story("alias-unit.md", valid_story(title="Gương ba", district="Thị xã Đức Phổ", unit="Sở Nông nghiệp",
                                            date="10/02/2023"))  # fmt: skip
    loaded = load_project(Settings(root=project.root, build_date=BUILD))
    assert not loaded.errors, [p.format("vi") for p in loaded.errors]
    quotas, _ = load_quotas()
    report = build_report(select(loaded.stories, BUILD).published, loaded.vocabulary, quotas, BUILD, 2023)
    rows = {r.id: r for r in report.districts}
    assert rows["duc-pho"].months[:3] == (1, 1, 0)
    assert rows["ly-son"].months[:3] == (0, 1, 0)
    assert {r.id: r.quarters for r in report.units}["so-nong-nghiep"] == (1, 0, 0, 0)


def test_district_that_exists_only_part_of_the_year(tmp_path):
    """A district created on 2023-04-01 (custom vocabulary): January-March are not applicable, not missed."""
    from generator.core.resources import DEFAULTS

    root = tmp_path / "site"
    project = make_project(root)
    (root / "data").mkdir()
    districts = (DEFAULTS / "localities.yml").read_text(encoding="utf-8")
    districts += "- id: thi-xa-moi\n  name: Thị xã Mới\n  type: town\n  valid_from: 2023-04-01\n  valid_until: 2025-06-30\n"
    (root / "data" / "districts.yml").write_text(districts, encoding="utf-8")  # a site's file under its former name
    project.add_story("moi.md", valid_story(district="Thị xã Mới", date="15/05/2023"))
    loaded = load_project(replace(Settings(root=root, build_date=BUILD), vocabulary_dir="data"))
    assert not loaded.errors, [p.format("vi") for p in loaded.errors]
    quotas, _ = load_quotas()
    published = select(loaded.stories, BUILD).published
    row = {r.id: r for r in build_report(published, loaded.vocabulary, quotas, BUILD, 2023).districts}["thi-xa-moi"]
    assert row.months == (0, 0, 0, 0, 1) + (0,) * 7
    assert row.active_months == tuple(range(4, 13))
    assert row.missed_months == (4, 6, 7, 8, 9, 10, 11, 12)
    # Not a district of 2022 at all.
    assert "thi-xa-moi" not in {r.id for r in build_report(published, loaded.vocabulary, quotas, BUILD, 2022).districts}
