"""The frame of every page reads as a finished government portal (issue #20, items 6-8).

No empty banner above the header, the logo named by the site's name, one search control, the
footer Decree 42/2022/NĐ-CP asks for, a list of every story at `guong-dien-hinh/`, home rows
without a card left alone, titles with typographic quotes, the date written once.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from conftest import REPO
from harness import open_page


def _records(demo_site: Path) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


def _portal() -> dict:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[0])
    [options] = [entry["exemplars"] for entry in config["plugins"] if isinstance(entry, dict) and "exemplars" in entry]
    return options["portal"]


def test_no_page_has_an_empty_banner_and_the_logo_is_named(demo_site):
    pages = sorted(demo_site.rglob("*.html"))
    assert len(pages) > 100
    for page in pages:
        html = page.read_text(encoding="utf-8")
        if 'class="md-header' not in html:
            continue  # embeds and redirects have no site frame
        assert "md-banner" not in html, page
        assert 'alt="logo"' not in html, page
        assert '<img src="' in html and 'alt="Gương sáng Quảng Ngãi"' in html, page


def test_the_header_has_one_search_control(demo_site):
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    header = html[html.index('<header class="md-header') : html.index("</header>")]
    assert header.count("<form") == 1 and header.count("<input") == 1 and header.count("<button") == 1
    assert "tim-kiem/" not in header.replace('action="tim-kiem/"', "")  # no second way in
    assert re.search(r'<button type="submit"[^>]*aria-label="Tìm kiếm"', header)


def test_the_footer_shows_what_decree_42_asks(demo_site):
    portal = _portal()
    html = (demo_site / "guong-dien-hinh" / "index.html").read_text(encoding="utf-8")
    footer = re.sub(r"<[^>]+>", " ", html[html.index('<footer class="md-footer') :])
    footer = " ".join(footer.split())
    for label, key in (("Cơ quan chủ quản:", "owner"), ("Cơ quan quản lý, vận hành:", "agency"),
                       ("Người chịu trách nhiệm:", "responsible"), ("Địa chỉ:", "address"),
                       ("Điện thoại:", "phone"), ("Thư điện tử:", "email")):  # fmt: skip
        assert portal[key] and f"{label} {portal[key]}" in footer, label
    assert portal["licence"] in footer


def test_the_stories_folder_lists_every_story_newest_first(demo_site):
    records = _records(demo_site)
    pages = [demo_site / "guong-dien-hinh" / "index.html", *sorted(
        (demo_site / "guong-dien-hinh" / "page").glob("*/index.html"), key=lambda p: int(p.parent.name))]  # fmt: skip
    slugs = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert "<h1>Tất cả gương điển hình</h1>" in html
        slugs += re.findall(r'class="gs-card__title"><a href="(?:\.\./)*guong-dien-hinh/([^/]+)/"', html)
    newest_first = sorted(sorted(records, key=lambda r: r["slug"]), key=lambda r: r["date"], reverse=True)
    assert slugs == [r["slug"] for r in newest_first]
    assert len(pages) == -(-len(records) // 12)


def test_titles_show_typographic_quotes_and_the_file_keeps_what_was_typed(demo_site):
    source = REPO / "exemplars" / "2023" / "ong-pham-van-tam-cuu-chien-binh-guong-mau.md"
    assert '"bộ đội Cụ Hồ"' in source.read_text(encoding="utf-8")
    [record] = [r for r in _records(demo_site) if r["source"].endswith(source.name)]
    assert record["title"] == "Cựu chiến binh Phạm Văn Tám – “bộ đội Cụ Hồ” giữa đời thường"
    html = (demo_site / "guong-dien-hinh" / record["slug"] / "index.html").read_text(encoding="utf-8")
    assert "<h1>Cựu chiến binh Phạm Văn Tám – “bộ đội Cụ Hồ” giữa đời thường</h1>" in html
    assert "&#34;bộ đội" not in html and "&quot;bộ đội" not in html


def test_one_spelling_of_nhan_dan(demo_site):
    for page in demo_site.rglob("*.html"):
        assert "ý kiến nhân dân" not in page.read_text(encoding="utf-8"), page


@pytest.mark.parametrize("width", [375, 700, 1280])
def test_home_rows_leave_no_card_alone(browser, base_url, width):
    page, _ = open_page(browser, base_url, width)
    try:
        rows = page.evaluate(
            """() => [...document.querySelectorAll('.gs-cards--home')].map(grid => {
                const tops = {};
                for (const card of grid.children) tops[card.offsetTop] = (tops[card.offsetTop] || 0) + 1;
                return Object.values(tops);
            })"""
        )
        assert len(rows) == 2
        for counts in rows:
            assert len(set(counts)) == 1 or counts[-1] > 1, f"{counts} at {width}px"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [375, 1280])
def test_the_cover_comes_right_after_the_title(browser, base_url, demo_site, width):
    record = next(r for r in _records(demo_site) if r.get("image"))
    page, _ = open_page(browser, f"{base_url}guong-dien-hinh/{record['slug']}/", width)
    try:
        gap = page.evaluate(
            """() => document.querySelector('.gs-cover').getBoundingClientRect().top
                     - document.querySelector('h1').getBoundingClientRect().bottom"""
        )
        assert 0 <= gap < 80, gap
    finally:
        page.context.close()


def test_the_vietnamese_strings_of_material_are_all_translated(demo_site):
    import material

    ours = (REPO / "generator" / "theme" / "partials" / "languages" / "vi.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "languages" / "vi.html").read_text(encoding="utf-8")
    key = re.compile(r'^\s*"([\w.]+)":', re.M)
    assert key.findall(ours) == key.findall(theirs)  # same keys: nothing Material asks for is missing
    html = (demo_site / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="Tabs"' not in html and 'aria-label="Các mục chính"' in html
    assert "Trở lại mục lục" not in html
