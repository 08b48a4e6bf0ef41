"""The board's pages, built for real: the dashboard (thong-ke/), per year and per phase, and public
consultation (lay-y-kien/) at two build dates.

The dashboard fixture is `test_quotas.write_board_fixture` (its docstring lists the stories); the
consultation fixture is a small site with two nominees whose deadlines are 31/03/2024 and 30/06/2024.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import MKDOCS_YML, make_project, valid_story
from generator.adapters.cli import cli
from harness import listing_members, mkdocs_build, open_page, serve
from test_quotas import (
    BUILD,
    DISTRICT_IDS,
    EARLY_BUILD,
    FIELDS_2023,
    UNIT_IDS,
    epoch,
    write_board_fixture,
)

# -- reading the built HTML -----------------------------------------------------------------------


class _Tables(HTMLParser):
    """Every <table> of a page: rows of cells {tag, scope, class, text, part (thead/tbody/tfoot)}."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[dict]]] = []
        self._cell: dict | None = None
        self._part = ""
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self._depth += 1
            self.tables.append([])
        elif not self._depth:
            return
        elif tag in ("thead", "tbody", "tfoot"):
            self._part = tag
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("th", "td"):
            self._cell = {"tag": tag, "scope": attributes.get("scope"), "class": attributes.get("class") or "",
                          "text": "", "part": self._part}  # fmt: skip
            self.tables[-1][-1].append(self._cell)

    def handle_endtag(self, tag):
        if tag == "table":
            self._depth -= 1
        elif tag in ("th", "td") and self._cell is not None:
            self._cell["text"] = " ".join(self._cell["text"].split())
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data


def tables(page: str) -> list[list[list[dict]]]:
    parser = _Tables()
    parser.feed(page)
    return parser.tables


def table_titled(page: str, first_header: str) -> list[list[dict]]:
    """The table whose first header cell reads `first_header`."""
    found = [t for t in tables(page) if t and t[0] and t[0][0]["text"] == first_header]
    assert len(found) == 1, f"{len(found)} tables start with {first_header!r}"
    return found[0]


def body_rows(table: list[list[dict]]) -> dict[str, list[dict]]:
    """tbody rows by the text of their row header (which must be <th scope="row">)."""
    rows = {}
    for row in table:
        if row and row[0]["part"] == "tbody":
            assert row[0]["tag"] == "th" and row[0]["scope"] == "row", row[0]
            rows[row[0]["text"]] = row[1:]
    return rows


def text_of(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def read(site: Path, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def main_content(page: str) -> str:
    """The content of a page, without the site header, navigation and footer."""
    start = page.index('class="md-content"')
    return page[start : page.index('<footer class="md-footer', start)]


def run_report(root: Path, build: dt.date, *args: str) -> dict:
    with contextlib.chdir(root):
        result = CliRunner().invoke(cli, ["report", *args], env={"SOURCE_DATE_EPOCH": epoch(build)})
    assert result.exit_code == 0, (result.exception, result.stderr)
    return json.loads(result.stdout_bytes.decode("utf-8"))


def build(project: Path, site: Path, date: dt.date, hour: int = 12) -> Path:
    result = mkdocs_build(project, site, epoch=epoch(date, hour))
    assert result.returncode == 0, result.stderr
    return site


# -- the dashboard --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def board(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site) of the known-counts fixture built at the main build date (2026-11-21)."""
    base = tmp_path_factory.mktemp("board")
    project = write_board_fixture(base / "project").root
    return project, build(project, base / "site", BUILD)


@pytest.fixture(scope="module")
def site(board) -> Path:
    return board[1]


@pytest.fixture(scope="module")
def year_2023(site) -> str:
    return read(site, "thong-ke/2023/index.html")


def test_board_pages_exist(site):
    for path in ("thong-ke/", "thong-ke/2022/", "thong-ke/2023/", "thong-ke/2025/", "thong-ke/2026/",
                 "thong-ke/giai-doan-1/", "thong-ke/giai-doan-2/", "lay-y-kien/"):  # fmt: skip
        assert (site / path / "index.html").is_file(), path
    # The front page of the dashboard is the build year.
    assert "Thống kê gương điển hình năm 2026" in read(site, "thong-ke/index.html")


def test_district_month_table_has_headers_and_marks_missed_months_in_text(board, year_2023):
    project, _ = board
    table = table_titled(year_2023, "Địa bàn")
    header = table[0]
    assert all(cell["tag"] == "th" and cell["scope"] == "col" for cell in header)
    assert [c["text"] for c in header[1:13]] == [f"T{m}" for m in range(1, 13)]
    rows = body_rows(table)
    report = run_report(project, BUILD, "--year", "2023")
    assert list(rows) == [d["name"] for d in report["districts"]]  # same (Vietnamese) order as the report
    assert len(rows) == len(DISTRICT_IDS)
    for district in report["districts"]:
        cells = rows[district["name"]]
        for month in range(1, 13):
            cell = cells[month - 1]
            count = district["months"][month - 1]
            if month in district["missed_months"]:
                assert cell["text"] == f"{count} ○ chưa đạt", (district["name"], month, cell)
            else:
                assert cell["text"] == str(count), (district["name"], month, cell)
        assert cells[12]["text"] == str(sum(district["months"]))
    assert [c["text"] for c in rows["Huyện Bình Sơn"]] == ["1", "0 ○ chưa đạt", "2"] + ["0 ○ chưa đạt"] * 9 + ["3"]
    assert [c["text"] for c in rows["Thị xã Đức Phổ"]] == ["1"] * 12 + ["12"]
    assert [c["text"] for c in rows["Huyện Lý Sơn"]] == ["0 ○ chưa đạt"] * 12 + ["0"]
    assert "Toàn tỉnh" not in rows
    # The key explains the mark in words.
    key = text_of(year_2023.split('id="gs-districts"', 1)[1].split("<table", 1)[0])
    assert "Ô có dấu ○ (tô nhạt) là tháng đã qua chưa đạt" in key


def test_months_before_a_district_existed_or_after_it_ended_show_a_dash(site):
    page = read(site, "thong-ke/2025/index.html")
    rows = body_rows(table_titled(page, "Địa bàn"))
    assert [c["text"] for c in rows["Thị xã Đức Phổ"]] == ["1"] * 6 + ["–"] * 6 + ["6"]
    assert [c["text"] for c in rows["Huyện Bình Sơn"]] == ["0 ○ chưa đạt"] * 6 + ["–"] * 6 + ["0"]
    assert all("gs-na" in c["class"] for c in rows["Huyện Bình Sơn"][6:12])
    units = body_rows(table_titled(page, "Đơn vị"))
    assert [c["text"] for c in units["Sở Nội vụ"]] == ["0 ○ chưa đạt", "0 ○ chưa đạt", "1", "0 ○ chưa đạt", "1"]
    # No district exists in 2026: no table (never one without rows), a sentence says why.
    later = read(site, "thong-ke/2026/index.html")
    assert "không còn cấp huyện" in text_of(later)
    assert not [t for t in later.split("<table")[1:] if "Địa bàn</th>" in t]


def test_only_ended_months_are_marked_at_a_build_date_inside_the_year(board, tmp_path):
    project, _ = board
    early = build(project, tmp_path / "early", EARLY_BUILD)
    page = read(early, "thong-ke/2023/index.html")
    rows = body_rows(table_titled(page, "Địa bàn"))
    assert [c["text"] for c in rows["Huyện Bình Sơn"]] == ["1", "0 ○ chưa đạt", "2"] + ["0"] * 9 + ["3"]
    assert [c["text"] for c in rows["Thị xã Đức Phổ"]] == ["1"] * 4 + ["0"] * 8 + ["4"]
    assert [c["text"] for c in rows["Huyện Lý Sơn"]] == ["0 ○ chưa đạt"] * 3 + ["0"] * 9 + ["0"]
    for cells in rows.values():
        assert not any("○" in c["text"] for c in cells[3:]), cells
    assert "Năm 2023, tính đến ngày 15/04/2023, có 8 gương điển hình được đăng" in text_of(page)


def test_unit_quarter_table(year_2023):
    table = table_titled(year_2023, "Đơn vị")
    assert [c["text"] for c in table[0]] == ["Đơn vị", "Quý 1", "Quý 2", "Quý 3", "Quý 4", "Cả năm"]
    assert all(cell["scope"] == "col" for cell in table[0])
    rows = body_rows(table)
    assert len(rows) == len(UNIT_IDS)
    assert [c["text"] for c in rows["Sở Y tế"]] == ["1", "0 ○ chưa đạt", "1", "0 ○ chưa đạt", "2"]
    assert [c["text"] for c in rows["Hội Nông dân tỉnh"]] == ["0 ○ chưa đạt", "1", "0 ○ chưa đạt", "0 ○ chưa đạt", "1"]
    assert [c["text"] for c in rows["Sở Nội vụ"]] == ["0 ○ chưa đạt"] * 4 + ["0"]
    for excluded in ("Công an tỉnh", "UBND huyện Bình Sơn", "UBND thị xã Đức Phổ", "Bộ Chỉ huy Quân sự tỉnh"):
        assert excluded not in rows


def _movement_blocks(page: str) -> dict[str, str]:
    """Text of each movement's progress block, by movement name."""
    section = page.split('id="gs-movements"', 1)[1].split("</section>", 1)[0]
    blocks = {}
    for block in section.split('<li class="gs-progress">')[1:]:
        name = text_of(re.search(r"<strong>(.*?)</strong>", block, re.S).group(1))
        blocks[name] = text_of(block)
    return blocks


def test_movement_progress_has_numbers_in_text(year_2023):
    blocks = _movement_blocks(year_2023)
    assert len(blocks) == 14
    ntm = blocks["Cả nước chung sức xây dựng nông thôn mới"]
    assert "Chủ trì: Sở Nông nghiệp và Phát triển nông thôn" in ntm
    assert "Tập thể: 1 / mục tiêu 10" in ntm
    assert "Cá nhân: 2 / mục tiêu 10" in ntm
    assert "Năm 2023: 3" in ntm
    doan_ket = blocks["Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"]
    assert "Chủ trì: Ủy ban MTTQ Việt Nam tỉnh" in doan_ket
    assert "Tập thể: 8 / mục tiêu 20" in doan_ket
    assert "Cá nhân: 13 / mục tiêu 20" in doan_ket
    assert "Năm 2023: 12" in doan_ket
    nong_dan = blocks["Nông dân sản xuất, kinh doanh giỏi"]
    assert "Hộ gia đình: 2 / mục tiêu 20" in nong_dan
    assert "Cá nhân: 1 / mục tiêu 20" in blocks["Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau"]
    assert "Tập thể: 1 / mục tiêu 10" in blocks["Vì an ninh Tổ quốc"]
    assert "Tập thể: 0 / mục tiêu 20" in blocks["Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"]
    assert "Cá nhân: 0 / mục tiêu 30" in blocks["Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"]
    # The bars are decoration next to the numbers; screen readers get the text.
    section = year_2023.split('id="gs-movements"', 1)[1].split("</section>", 1)[0]
    bars = re.findall(r'<span class="gs-progress__bar"[^>]*>', section)
    assert bars and all('aria-hidden="true"' in bar for bar in bars)


def test_movement_with_stories_this_year_is_not_shown_as_empty(year_2023):
    """The Covid-19 movement (period 2020-2022) has a 2023 story: "Năm 2023: 1" must not sit next to
    "Chưa có gương điển hình" (no exemplar yet) in the same block."""
    block = _movement_blocks(year_2023)[
        "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19"
    ]
    assert "Năm 2023: 1" in block
    assert "Chưa có gương điển hình" not in block, block


def test_totals_by_field_and_kind(year_2023):
    table = table_titled(year_2023, "Lĩnh vực")
    assert [c["text"] for c in table[0]] == ["Lĩnh vực", "Tập thể", "Cá nhân", "Hộ gia đình", "Tổng"]
    rows = body_rows(table)
    assert len(rows) == 12
    for name, cells in rows.items():
        counts = FIELDS_2023.get(name, {"tập thể": 0, "cá nhân": 0, "hộ gia đình": 0})
        expected = [*counts.values(), sum(counts.values())]
        assert [int(c["text"]) for c in cells] == expected, name
    footer = [row for row in table if row and row[0]["part"] == "tfoot"]
    assert [[c["text"] for c in row] for row in footer] == [["Tổng cộng", "9", "8", "2", "19"]]
    # A past year's figures are final: no "tính đến" (as of) date.
    assert "Năm 2023 có 19 gương điển hình được đăng: 9 tập thể, 8 cá nhân, 2 hộ gia đình." in text_of(year_2023)
    assert "tính đến" not in text_of(main_content(year_2023))


def test_phase_page_shows_selection_status_per_district(site):
    page = read(site, "thong-ke/giai-doan-1/index.html")
    table = table_titled(page, "Địa bàn")
    assert [c["text"] for c in table[0]] == ["Địa bàn", "Tập thể", "Cá nhân", "Hộ gia đình", "Kết quả"]
    rows = body_rows(table)
    assert len(rows) == len(DISTRICT_IDS)
    assert [c["text"] for c in rows["Thị xã Đức Phổ"]] == ["5", "5", "0", "✓ Đạt"]
    assert [c["text"] for c in rows["Huyện Bình Sơn"]] == ["1", "2", "0", "Chưa đạt"]
    assert [c["text"] for c in rows["Huyện Lý Sơn"]] == ["0", "0", "0", "Chưa đạt"]
    assert sum(cells[-1]["text"] == "✓ Đạt" for cells in rows.values()) == 1
    content = text_of(main_content(page))
    assert "5 tập thể + 5 cá nhân" in content
    assert "1/13 địa bàn đã đạt" in content
    assert "01/01/2021" in content and "30/06/2023" in content
    second = body_rows(table_titled(read(site, "thong-ke/giai-doan-2/index.html"), "Địa bàn"))
    assert [c["text"] for c in second["Thị xã Đức Phổ"]] == ["3", "8", "1", "Chưa đạt"]


def test_the_year_is_summarised_in_words_first(board, year_2023):
    project, site = board
    report = run_report(project, BUILD, "--year", "2023")
    districts = report["districts"]  # every one existed all of 2023, every month of which has ended
    met = [d["name"] for d in districts if not d["missed_months"]]
    summary = text_of(year_2023.split('<div class="gs-summary">', 1)[1].split("</div>", 1)[0])
    assert f"{len(met)}/{len(districts)} địa bàn đạt định mức" in summary
    units_met = [u["name"] for u in report["units"] if not u["missed_quarters"]]
    assert f"{len(units_met)}/{len(report['units'])} đơn vị đạt định mức" in summary
    reached = [m for m in report["movements"] if m["targets"]
               and all(m["period_counts"][k] >= n for k, n in m["targets"].items())]  # fmt: skip
    targeted = [m for m in report["movements"] if m["targets"]]
    assert f"{len(reached)}/{len(targeted)} phong trào đã đạt mục tiêu của giai đoạn" in summary
    # The summary comes before the first table.
    assert year_2023.index('class="gs-summary"') < year_2023.index("<table")
    # Only the running year is "as of" the build date.
    assert "tính đến ngày 21/11/2026" in text_of(main_content(read(site, "thong-ke/2026/index.html")))
    for year in (2022, 2023, 2025):
        assert "tính đến" not in text_of(main_content(read(site, f"thong-ke/{year}/index.html"))), year


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_the_year_s_figures_are_downloads_made_at_build_time(board, year_2023, tmp_path, fmt):
    project, site = board
    href = f"so-lieu-2023.{fmt}"
    assert re.search(rf'<a href="{re.escape(href)}" download>', year_2023)
    built = (site / "thong-ke" / "2023" / href).read_bytes()
    out = tmp_path / f"report.{fmt}"
    with contextlib.chdir(project):
        result = CliRunner().invoke(cli, ["report", "--year", "2023", "--format", fmt, "-o", str(out)],
                                    env={"SOURCE_DATE_EPOCH": epoch(BUILD, 12)})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert built == out.read_bytes()  # the bytes `exemplars report` writes: reproducible, nothing of the clock


def test_a_movement_page_shows_progress_toward_its_goal(site):
    page = read(site, "phong-trao/nong-thon-moi/index.html")
    section = text_of(page.split('class="gs-progress"', 1)[1].split("</section>", 1)[0])
    assert "Tiến độ giai đoạn 2021–2025" in section
    assert "Tập thể: 1 / mục tiêu 10 (10%)" in section and "Cá nhân: 2 / mục tiêu 10 (20%)" in section
    assert "chỉ tiêu" not in section and "✗" not in section


def test_no_command_line_on_public_board_pages(site):
    for page in (site / "thong-ke").rglob("index.html"):
        content = main_content(page.read_text(encoding="utf-8"))
        assert "exemplars " not in text_of(content) and "<code>" not in content, page


def test_print_stylesheet_is_a4_and_linked(site, year_2023):
    css = read(site, "assets/stylesheets/exemplars.css")
    print_block = re.search(r"@media print\s*\{(.*)", css, re.S)
    assert print_block, "no @media print in exemplars.css"
    assert re.search(r"@page\s*\{[^}]*size:\s*A4", print_block.group(1)), "no @page A4 in the print stylesheet"
    assert "assets/stylesheets/exemplars.css" in year_2023


def test_dashboard_on_a_phone_and_in_print(browser, site):
    with serve(site) as base:
        page, visit = open_page(browser, base + "thong-ke/2023/", 375)
        try:
            assert visit.page_errors == [] and visit.failed_requests == [], visit
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"the page scrolls sideways by {overflow}px at 375px"
            wraps = page.evaluate(
                """() => [...document.querySelectorAll('.gs-table-wrap')].map(w => ({
                    overflow: getComputedStyle(w).overflowX,
                    scrolls: w.scrollWidth > w.clientWidth,
                    fits: w.getBoundingClientRect().right <= window.innerWidth + 0.5}))"""
            )
            assert len(wraps) == 3
            assert all(w["overflow"] in ("auto", "scroll") and w["fits"] for w in wraps), wraps
            assert wraps[0]["scrolls"], "the 12-month table should scroll inside its own box at 375px"
            # Scrolled sideways, the table keeps its first column (the district) in view.
            stuck = page.evaluate(
                """() => { const w = document.querySelector('.gs-table-wrap'); w.scrollLeft = 400;
                           const cell = w.querySelector('tbody th[scope=row]');
                           return cell.getBoundingClientRect().left - w.getBoundingClientRect().left; }"""
            )
            assert 0 <= stuck <= 2, stuck
            assert page.locator(".md-header").is_visible()
            assert page.locator(".gs-board-nav").is_visible()
            page.emulate_media(media="print")
            assert not page.locator(".md-header").is_visible()
            assert not page.locator(".gs-board-nav").is_visible()
            assert not page.locator(".md-footer").is_visible()
            assert page.locator("h1").is_visible()
            assert page.locator(".gs-table").first.is_visible()
        finally:
            page.context.close()


# -- public consultation --------------------------------------------------------------------------

PORTAL_YML = MKDOCS_YML.replace(
    "  - exemplars\n",
    "  - exemplars:\n"
    "      portal:\n"
    "        agency: Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi\n"
    "        address: 52 Hùng Vương, phường Lê Hồng Phong, thành phố Quảng Ngãi\n"
    "        phone: 0255 3822 456\n"
    "        email: thiduakhenthuong@quangngai.gov.vn\n",
)
NOMINEES = {
    # slug: (title, deadline)
    "htx-binh-thanh": ("Hợp tác xã Bình Thạnh đề nghị tặng Bằng khen", "31/03/2024"),
    "co-giao-tran-thi-mai": ("Cô giáo Trần Thị Mai đề nghị Chiến sĩ thi đua", "30/06/2024"),
}
FIRST, SECOND = NOMINEES


def write_consultation_site(root: Path, nominee_status: str = "nominee"):
    project = make_project(root, PORTAL_YML)
    project.add_story("2024/binh-son-thang-1.md", valid_story(
        title="Ông Phạm Văn Lành hiến đất làm đường", slug="ong-pham-van-lanh", date="10/01/2024"))  # fmt: skip
    project.add_story("2024/duc-pho-thang-2.md", valid_story(
        title="Thầy Võ Minh Tâm và lớp học xóa mù chữ", slug="thay-vo-minh-tam", kind="cá nhân",
        movement="Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập", field="Giáo dục - Đào tạo",
        unit="Sở Giáo dục và Đào tạo", district="Thị xã Đức Phổ", date="20/02/2024"))  # fmt: skip
    consultation = {"status": nominee_status}
    project.add_story("2024/de-nghi-htx.md", valid_story(
        title=NOMINEES[FIRST][0], slug=FIRST, subject="Hợp tác xã nông nghiệp Bình Thạnh", kind="tập thể",
        date="01/03/2024", awards=[{"name": "Bằng khen của Chủ tịch UBND tỉnh", "year": "2024"}],
        consultation_until="31/03/2024" if nominee_status == "nominee" else None, **consultation))  # fmt: skip
    project.add_story("2024/de-nghi-co-giao.md", valid_story(
        title=NOMINEES[SECOND][0], slug=SECOND, subject="Cô Trần Thị Mai", kind="cá nhân",
        movement="Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập", field="Giáo dục - Đào tạo",
        unit="Sở Giáo dục và Đào tạo", district="Thị xã Đức Phổ", date="05/03/2024",
        awards=[{"name": "Chiến sĩ thi đua cấp tỉnh", "year": "2024"}],
        consultation_until="30/06/2024" if nominee_status == "nominee" else None, **consultation))  # fmt: skip
    return project


@pytest.fixture(scope="module")
def consultation(tmp_path_factory) -> dict[str, Path]:
    """The consultation site built on 15/03/2024 and 15/04/2024."""
    base = tmp_path_factory.mktemp("consultation")
    project = write_consultation_site(base / "project").root
    return {
        "project": project,
        "march": build(project, base / "march", dt.date(2024, 3, 15)),
        "april": build(project, base / "april", dt.date(2024, 4, 15)),
    }


def _sections(page: str) -> tuple[str, str]:
    """Text of the open and the closed section of lay-y-kien/."""
    content = main_content(page)
    open_part, closed_part = content.split('id="gs-open"', 1)[1].split('id="gs-closed"', 1)
    return text_of("<x " + open_part), text_of("<x " + closed_part)


def test_both_nominees_open_on_15_march(consultation):
    page = read(consultation["march"], "lay-y-kien/index.html")
    open_text, closed_text = _sections(page)
    for slug, (title, deadline) in NOMINEES.items():
        assert title in open_text
        assert title not in closed_text
        assert f"hết ngày {deadline}" in open_text
        assert f'href="../guong-dien-hinh/{slug}/"' in page
    assert "Đang lấy ý kiến (2)" in open_text
    assert "Đã kết thúc lấy ý kiến (0)" in text_of(main_content(page))
    # What they are nominated for.
    assert "Bằng khen của Chủ tịch UBND tỉnh (2024)" in open_text
    assert "Chiến sĩ thi đua cấp tỉnh (2024)" in open_text
    assert "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập" in open_text
    for slug, (_title, deadline) in NOMINEES.items():
        story = text_of(main_content(read(consultation["march"], f"guong-dien-hinh/{slug}/index.html")))
        assert "Đang lấy ý kiến Nhân dân" in story
        assert deadline in story
        assert "Đã kết thúc lấy ý kiến" not in story


def test_the_first_nominee_is_archived_after_its_deadline(consultation):
    page = read(consultation["april"], "lay-y-kien/index.html")
    open_text, closed_text = _sections(page)
    first_title, first_deadline = NOMINEES[FIRST]
    second_title, second_deadline = NOMINEES[SECOND]
    assert first_title in closed_text and first_title not in open_text
    assert first_deadline in closed_text
    assert second_title in open_text and second_title not in closed_text
    assert f"hết ngày {second_deadline}" in open_text
    assert "Đang lấy ý kiến (1)" in open_text
    assert "Đã kết thúc lấy ý kiến (1)" in text_of(main_content(page))
    first = text_of(main_content(read(consultation["april"], f"guong-dien-hinh/{FIRST}/index.html")))
    assert "Đã kết thúc lấy ý kiến Nhân dân" in first
    assert "Đang lấy ý kiến Nhân dân" not in first
    second = text_of(main_content(read(consultation["april"], f"guong-dien-hinh/{SECOND}/index.html")))
    assert "Đang lấy ý kiến Nhân dân" in second


@pytest.mark.parametrize(
    ("date", "hour", "first_open"),
    [
        (dt.date(2024, 3, 31), 23, True),  # the deadline day is included
        (dt.date(2024, 4, 1), 0, False),  # 00:xx in Vietnam is still 31/03 in UTC
    ],
)
def test_deadline_day_in_vietnam_time(consultation, tmp_path, date, hour, first_open):
    site = build(consultation["project"], tmp_path / "site", date, hour)
    open_text, closed_text = _sections(read(site, "lay-y-kien/index.html"))
    title = NOMINEES[FIRST][0]
    assert (title in open_text) is first_open
    assert (title in closed_text) is not first_open


def test_consultation_page_shows_the_boards_contact(consultation):
    page = read(consultation["march"], "lay-y-kien/index.html")
    content = main_content(page)
    contact = text_of(content)
    assert "Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi" in contact
    assert "52 Hùng Vương, phường Lê Hồng Phong, thành phố Quảng Ngãi" in contact
    assert "0255 3822 456" in contact
    assert "thiduakhenthuong@quangngai.gov.vn" in contact
    assert 'href="mailto:thiduakhenthuong@quangngai.gov.vn"' in content


def _mentions(site: Path, needle: str) -> set[str]:
    """Text files of the site that contain `needle` (the sitemap aside)."""
    found = set()
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".csv", ".js", ".txt") and not path.name.startswith("sitemap"):
            if needle in path.read_text(encoding="utf-8", errors="replace"):
                found.add(path.relative_to(site).as_posix())
    return found


@pytest.mark.parametrize("when", ["march", "april"])
def test_nominees_are_in_no_listing_feed_or_open_data(consultation, when):
    site = consultation[when]
    for slug, (title, _deadline) in NOMINEES.items():
        allowed = {"lay-y-kien/index.html", f"guong-dien-hinh/{slug}/index.html"}
        assert _mentions(site, f"guong-dien-hinh/{slug}/") <= allowed, slug
        assert _mentions(site, title) <= allowed, title
    records = json.loads(read(site, "du-lieu/exemplars.json"))["exemplars"]
    assert {r["slug"] for r in records} == {"ong-pham-van-lanh", "thay-vo-minh-tam"}
    assert FIRST not in read(site, "du-lieu/exemplars.csv")
    for feed in ("rss.xml", "atom.xml", "feed.json", "dia-ban/binh-son/rss.xml", "phong-trao/nong-thon-moi/rss.xml"):
        assert FIRST not in read(site, feed), feed
    assert f"guong-dien-hinh/{FIRST}/" not in listing_members(site, "localities", "binh-son")
    assert f"guong-dien-hinh/{SECOND}/" not in listing_members(site, "units", "so-giao-duc")


def test_nominees_do_not_count_in_the_report_or_dashboard(consultation):
    report = run_report(consultation["project"], dt.date(2024, 4, 15), "--year", "2024")
    districts = {d["id"]: d for d in report["districts"]}
    assert districts["binh-son"]["months"][:4] == [1, 0, 0, 0]
    assert districts["binh-son"]["missed_months"] == [2, 3]
    assert districts["duc-pho"]["months"][:4] == [0, 1, 0, 0]
    assert districts["duc-pho"]["missed_months"] == [1, 3]
    units = {u["id"]: u for u in report["units"]}
    assert units["so-giao-duc"]["quarters"] == [1, 0, 0, 0]
    assert report["total"] == 2
    rows = body_rows(table_titled(read(consultation["april"], "thong-ke/2024/index.html"), "Địa bàn"))
    assert [c["text"] for c in rows["Huyện Bình Sơn"][:4]] == ["1", "0 ○ chưa đạt", "0 ○ chưa đạt", "0"]


def test_once_published_they_are_everywhere_and_count(tmp_path):
    project = write_consultation_site(tmp_path / "project", nominee_status="published").root
    site = build(project, tmp_path / "site", dt.date(2024, 4, 15))
    records = json.loads(read(site, "du-lieu/exemplars.json"))["exemplars"]
    assert {r["slug"] for r in records} == {"ong-pham-van-lanh", "thay-vo-minh-tam", FIRST, SECOND}
    assert f"guong-dien-hinh/{FIRST}/" in listing_members(site, "localities", "binh-son")
    assert f"guong-dien-hinh/{FIRST}/" in listing_members(site, "movements", "nong-thon-moi")
    assert f"guong-dien-hinh/{SECOND}/" in listing_members(site, "units", "so-giao-duc")
    assert f"guong-dien-hinh/{FIRST}/" in read(site, "rss.xml")
    open_text, closed_text = _sections(read(site, "lay-y-kien/index.html"))
    assert NOMINEES[FIRST][0] not in open_text + closed_text
    story = text_of(main_content(read(site, f"guong-dien-hinh/{FIRST}/index.html")))
    assert "lấy ý kiến Nhân dân" not in story
    report = run_report(project, dt.date(2024, 4, 15), "--year", "2024")
    districts = {d["id"]: d for d in report["districts"]}
    assert districts["binh-son"]["months"][:4] == [1, 0, 1, 0]
    assert districts["binh-son"]["missed_months"] == [2]
    assert districts["duc-pho"]["months"][:4] == [0, 1, 1, 0]
    units = {u["id"]: u for u in report["units"]}
    assert units["so-giao-duc"]["quarters"] == [2, 0, 0, 0]
    assert report["total"] == 4
    rows = body_rows(table_titled(read(site, "thong-ke/2024/index.html"), "Địa bàn"))
    assert [c["text"] for c in rows["Huyện Bình Sơn"][:4]] == ["1", "0 ○ chưa đạt", "1", "0"]


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_the_phase_s_figures_are_downloads_made_at_build_time(board, tmp_path, fmt):
    project, site = board
    page = read(site, "thong-ke/giai-doan-1/index.html")
    href = f"so-lieu-giai-doan-1.{fmt}"
    assert re.search(rf'<a href="{re.escape(href)}" download>', page)
    built = (site / "thong-ke" / "giai-doan-1" / href).read_bytes()
    out = tmp_path / f"phase.{fmt}"
    with contextlib.chdir(project):
        result = CliRunner().invoke(cli, ["report", "--phase", "giai-doan-1", "--format", fmt, "-o", str(out)],
                                    env={"SOURCE_DATE_EPOCH": epoch(BUILD, 12)})  # fmt: skip
    assert result.exit_code == 0, result.output
    assert built == out.read_bytes()


def test_the_phase_report_has_the_page_s_figures(board):
    project, _ = board
    data = run_report(project, BUILD, "--phase", "giai-doan-1")
    assert (data["phase"], data["from"], data["to"]) == ("giai-doan-1", "2021-01-01", "2023-06-30")
    rows = {r["name"]: r for r in data["localities"]}
    assert set(rows) == {r["name"] for r in run_report(project, BUILD, "--year", "2023")["districts"]}
    assert rows["Thị xã Đức Phổ"]["counts"] == {"tập thể": 5, "cá nhân": 5, "hộ gia đình": 0}
    assert rows["Thị xã Đức Phổ"]["met"] and not rows["Huyện Bình Sơn"]["met"]
    assert data["met"] == 1 and data["required"] == {"tập thể": 5, "cá nhân": 5}
    csv_text = (project / "out.csv")
    with contextlib.chdir(project):
        result = CliRunner().invoke(cli, ["report", "--phase", "giai-doan-1", "--format", "csv", "-o", str(csv_text)])
    assert result.exit_code == 0, result.output
    lines = csv_text.read_text(encoding="utf-8-sig").splitlines()
    assert "Mỗi địa bàn lựa chọn 5 tập thể + 5 cá nhân: 1/13 địa bàn đã đạt." in lines
    assert "Thị xã Đức Phổ,5,5,0,10,Đạt" in lines


def test_an_unknown_phase_is_a_usage_error_naming_the_phases(board):
    project, _ = board
    with contextlib.chdir(project):
        result = CliRunner().invoke(cli, ["report", "--phase", "giai-doan-9"])
        both = CliRunner().invoke(cli, ["report", "--phase", "giai-doan-1", "--year", "2023"])
    assert result.exit_code == 2
    assert 'không có giai đoạn "giai-doan-9"; các giai đoạn: giai-doan-1, giai-doan-2' in result.stderr
    assert both.exit_code == 2 and "--phase không dùng cùng --year" in both.stderr
