"""The demo site, built for real: every published story everywhere it belongs, nothing else, byte-stable."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.core.text import collation_key
from harness import BUILD_EPOCH, assert_nothing_lost, demo_states, listing_members, mkdocs_build

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone(dt.timedelta(hours=7))).date()


@pytest.fixture(scope="session")
def records(demo_site) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


def test_every_published_story_is_everywhere_it_belongs(demo_site):
    records = assert_nothing_lost(REPO, demo_site, BUILD_DATE)
    assert len(records) >= 40


def _statuses() -> dict[str, list[tuple[str, str, str]]]:
    return demo_states(REPO, BUILD_DATE)


def test_demo_has_drafts_a_future_story_and_two_nominees():
    found = _statuses()
    assert len(found["draft"]) >= 2
    assert len(found["future"]) >= 1
    assert len(found["nominee"]) == 2


def test_drafts_future_and_nominees_are_in_no_listing_or_data_file(demo_site, records):
    sources = {r["source"] for r in records}
    every_listing = "".join(p.read_text(encoding="utf-8") for d in ("phong-trao", "dia-ban", "linh-vuc", "don-vi", "nam")
                            for p in (demo_site / d).rglob("index.html"))  # fmt: skip
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    csv_text = (demo_site / "du-lieu" / "exemplars.csv").read_text(encoding="utf-8-sig")
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")
    for state, stories in _statuses().items():
        for source, _title, slug in stories:
            assert source not in sources, f"{state} {source} is in exemplars.json"
            assert source not in csv_text
            assert f"guong-dien-hinh/{slug}/" not in every_listing, f"{state} {source} is listed"
            assert f"guong-dien-hinh/{slug}/" not in home
            if state != "nominee":
                assert not (demo_site / "guong-dien-hinh" / slug).exists(), f"{state} {source} has a page"
                assert f"guong-dien-hinh/{slug}/" not in sitemap


def test_nominees_have_their_own_page_marked_for_consultation(demo_site):
    import frontmatter

    from generator.core.dates import parse_date

    states = set()
    for source, _title, slug in _statuses()["nominee"]:
        page = demo_site / "guong-dien-hinh" / slug / "index.html"
        assert page.is_file(), f"no page for nominee {source}"
        until = frontmatter.load(REPO / source).metadata["consultation_until"]
        until = until if isinstance(until, dt.date) else parse_date(str(until))
        html = page.read_text(encoding="utf-8")
        if until >= BUILD_DATE:
            assert "Đang lấy ý kiến Nhân dân" in html
            states.add("open")
        else:
            assert "Đã kết thúc lấy ý kiến Nhân dân" in html and "Đang lấy ý kiến" not in html
            states.add("closed")
    assert states == {"open", "closed"}, "the demo shows one open and one closed consultation"


def test_open_data_follows_the_contract(demo_site, records):
    for record in records:
        assert set(record) == {"slug", "url", "source", "title", "subject", "kind", "movements",
                               "field", "unit", "locality", "district", "date", "summary", "image", "media"}  # fmt: skip
        assert record["media"] == []  # the demo has no video or audio (test_media covers them)
        assert record["locality"] == record["district"]
        assert record["url"] == f"https://guongsang.quangngai.gov.vn/guong-dien-hinh/{record['slug']}/"
        assert record["source"].startswith("exemplars/") and record["source"].endswith(".md")
        assert isinstance(record["movements"], list) and record["movements"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])
    raw = (demo_site / "du-lieu" / "exemplars.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 BOM to show Vietnamese"
    import csv

    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["slug"] for r in rows] == [r["slug"] for r in records]


def test_listings_are_newest_first_with_stable_ties(demo_site, records):
    by_slug = {r["slug"]: r for r in records}
    for folder in (demo_site / "nam").iterdir():
        if not folder.is_dir():
            continue
        html = (folder / "index.html").read_text(encoding="utf-8")
        main = html.split('<div class="gs-cards">', 1)[-1]
        slugs = [m for m in re.findall(r'href="(?:\.\./)*guong-dien-hinh/([^"/]+)/"', main) if m in by_slug]
        keys = [(by_slug[s]["date"], s) for s in slugs]
        assert keys == sorted(keys, key=lambda k: (-dt.date.fromisoformat(k[0]).toordinal(), k[1]))


def test_overviews_list_every_term_with_counts_in_vietnamese_order(demo_site, records):
    html = (demo_site / "linh-vuc" / "index.html").read_text(encoding="utf-8")
    entries = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="gs-terms__count">(\d+)</span>', html)
    names = [name for name, _ in entries]
    assert names == sorted(names, key=collation_key)
    assert sum(int(count) for _, count in entries) == len(records)
    # Places: every story counted once across the communes, the former districts and the province,
    # each part in Vietnamese order (a commune formed from two districts is listed under both).
    html = (demo_site / "dia-ban" / "index.html").read_text(encoding="utf-8")
    parts = html.split('<section class="gs-overview-section">')[1:]
    assert len(parts) == 3
    counted: dict[str, int] = {}
    for part in parts:
        for group in part.split("<h3>")[1:] or [part]:
            entries = re.findall(r'<li>(?:<a href="[^"]+">([^<]+)</a> <span class="gs-terms__count">(\d+)</span>|<span class="gs-terms__empty">([^<]+)</span>)</li>', group)
            names = [a or c for a, _, c in entries]
            assert names == sorted(names, key=collation_key)
            counted.update({a: int(n) for a, n, _ in entries if a})
    assert sum(counted.values()) == len(records)
    assert "Huyện Ba Tơ" in counted and "Thị xã Đức Phổ" in counted and "Xã Tịnh Khê" in counted


def test_pagination_follows_twelve_per_page(tmp_path):
    """A listing with 30 stories has pages 1-3 (12, 12, 6) reachable by rel=next."""
    project = tmp_path / "p"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme_overrides", project / "theme_overrides")  # logo and favicon
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    folder = project / "exemplars" / "2023"
    folder.mkdir(parents=True)
    for i in range(30):
        (folder / f"bai-{i:02d}.md").write_text(
            "---\n"
            f'title: "Gương điển hình số {i:02d}"\nsubject: Ông A\nkind: cá nhân\n'
            "movement: Dân vận khéo\nfield: Vận động quần chúng\nunit: UBND huyện Ba Tơ\n"
            f"district: Ba Tơ\ndate: {1 + i % 28}/3/2023\n---\nNội dung.\n",
            encoding="utf-8",
        )
    site = tmp_path / "site"
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert (site / "phong-trao/dan-van-kheo/page/3/index.html").is_file()
    assert not (site / "phong-trao/dan-van-kheo/page/4").exists()
    assert len(listing_members(site, "movements", "dan-van-kheo")) == 30
    first = (site / "phong-trao/dan-van-kheo/index.html").read_text(encoding="utf-8")
    assert len(re.findall(r'class="gs-card"', first)) == 12


def test_story_page_shows_metadata_as_links_and_administrative_dates(demo_site, records):
    record = records[0]
    html = (demo_site / "guong-dien-hinh" / record["slug"] / "index.html").read_text(encoding="utf-8")
    date = dt.date.fromisoformat(record["date"])
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    # The date once, its year the link to the year's listing (not "… năm 2023 (năm 2023)").
    year_link = f'<a href="../../nam/{date.year}/">năm {date.year}</a>'
    assert f'">ngày {date.day:02d} tháng {month} {year_link}</time>' in html
    text = re.sub(r"<[^>]+>", "", html)
    assert f"ngày {date.day:02d} tháng {month} năm {date.year}" in text
    assert f"(năm {date.year})" not in text
    for movement in record["movements"]:
        assert f'href="../../phong-trao/{movement}/"' in html
    for axis, key in (("linh-vuc", record["field"]), ("don-vi", record["unit"]), ("dia-ban", record["district"])):
        assert f'href="../../{axis}/{key}/"' in html
    assert f'href="../../nam/{date.year}/"' in html
    assert 'lang="vi"' in html


def test_no_third_party_hosts_in_any_page(demo_site):
    for page in demo_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for url in re.findall(r'(?:src|href)="(https?://[^"]+)"', html):
            assert not re.match(r"https?://(fonts\.googleapis|fonts\.gstatic|cdn\.|unpkg|cdnjs)", url), (page, url)
        assert "fonts.googleapis.com" not in html


def test_two_builds_are_byte_identical(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    assert mkdocs_build(REPO, first).returncode == 0
    assert mkdocs_build(REPO, second).returncode == 0
    files_a = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert files_a == files_b
    for relative in files_a:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative
