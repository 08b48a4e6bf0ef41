"""What search engines and other portals read (issue 19): sitemap dates, share tags, the 404 page,
heading levels, the oEmbed HTML and Material's table-of-contents label, on the built demo."""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from conftest import REPO
from harness import BUILD_EPOCH

SITE = "https://guongsang.quangngai.gov.vn/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone(dt.timedelta(hours=7))).date()


def _doc(site: Path, page: str):
    return lxml.html.fromstring((site / page).read_bytes())


def _meta(doc, key: str) -> list[str]:
    return doc.xpath(f'//meta[@property="{key}" or @name="{key}"]/@content')


@pytest.fixture(scope="module")
def lastmod(demo_site: Path) -> dict[str, str | None]:
    root = ET.parse(demo_site / "sitemap.xml").getroot()
    return {
        url.findtext("s:loc", namespaces=NS).removeprefix(SITE): url.findtext("s:lastmod", namespaces=NS)
        for url in root.findall("s:url", NS)
    }


@pytest.fixture(scope="module")
def records(demo_site: Path) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


def test_a_story_lastmod_is_its_date_not_the_build_date(lastmod, records) -> None:
    assert records
    for record in records:
        assert lastmod[record["url"].removeprefix(SITE)] == record["date"]
    assert BUILD_DATE.isoformat() not in lastmod.values(), "no demo story is dated on the build date"


def test_a_listing_lastmod_is_its_newest_story(lastmod, records) -> None:
    by_district: dict[str, list[str]] = {}
    for record in records:
        by_district.setdefault(record["district"], []).append(record["date"])
    for district, dates in by_district.items():
        assert lastmod[f"dia-ban/{district}/"] == max(dates), district
    newest = max(r["date"] for r in records)
    assert lastmod[""] == lastmod["phong-trao/"] == lastmod["thong-ke/"] == newest


def test_hand_written_pages_have_no_invented_lastmod(lastmod) -> None:
    # The guides say nothing about when they changed: better no date than the build date every night.
    assert lastmod["huong-dan/viet-bai/"] is None


@pytest.mark.parametrize("page", ["index.html", "dia-ban/tu-nghia/index.html", "nam/2024/index.html", "phong-trao/index.html",
                                  "thong-ke/index.html", "lay-y-kien/index.html", "tim-kiem/index.html", "gioi-thieu/index.html"])
def test_every_shareable_page_has_open_graph_and_twitter_tags(demo_site: Path, page: str) -> None:
    doc = _doc(demo_site, page)
    for key in ("og:title", "og:description", "og:url", "og:image", "og:locale", "twitter:card", "twitter:title",
                "twitter:description", "twitter:image"):
        assert len(_meta(doc, key)) == 1 and _meta(doc, key)[0].strip(), f"{page}: {key}"
    assert _meta(doc, "og:url")[0] == SITE + page.removesuffix("index.html")
    image = _meta(doc, "og:image")[0]
    with Image.open(demo_site / image.removeprefix(SITE)) as card:
        assert card.size == (1200, 630)
        assert (int(_meta(doc, "og:image:width")[0]), int(_meta(doc, "og:image:height")[0])) == card.size


def test_a_listing_has_its_own_card_and_other_pages_the_site_card(demo_site: Path) -> None:
    cards = {page: _meta(_doc(demo_site, page), "og:image")[0] for page in
             ("dia-ban/tu-nghia/index.html", "dia-ban/ba-to/index.html", "index.html", "thong-ke/index.html")}  # fmt: skip
    assert len({cards["dia-ban/tu-nghia/index.html"], cards["dia-ban/ba-to/index.html"], cards["index.html"]}) == 3
    assert cards["index.html"] == cards["thong-ke/index.html"]
    assert _meta(_doc(demo_site, "dia-ban/tu-nghia/index.html"), "og:title") == ["Huyện Tư Nghĩa"]


def test_story_pages_have_article_tags_and_twitter_description(demo_site: Path, records) -> None:
    record = records[0]
    doc = _doc(demo_site, record["url"].removeprefix(SITE) + "index.html")
    assert _meta(doc, "og:type") == ["article"]
    assert _meta(doc, "article:published_time") == [f"{record['date']}T00:00:00+07:00"]
    assert _meta(doc, "article:modified_time") == [f"{record['date']}T00:00:00+07:00"]
    assert len(_meta(doc, "article:section")) == 1
    assert _meta(doc, "twitter:description") == _meta(doc, "og:description") != [""]


def test_the_404_page_is_vietnamese_with_search_and_ways_home(demo_site: Path) -> None:
    doc = _doc(demo_site, "404.html")
    assert doc.get("lang") == "vi"
    assert doc.xpath("//header[contains(@class, 'md-header')]"), "the site header"
    assert [h.text_content().strip() for h in doc.xpath("//h1")] == ["Không tìm thấy trang"]
    assert "Not found" not in doc.text_content()
    form = doc.xpath("//form[@role='search' and .//input[@name='q']]")
    assert form and form[0].get("action") == "/tim-kiem/"
    links = {a.text_content().strip(): a.get("href") for a in doc.xpath("//article//a")}
    assert links["Về trang chủ"] == "/"
    for section in ("phong-trao", "dia-ban", "linh-vuc", "nam", "thong-ke"):
        assert f"/{section}/" in links.values(), section
        assert (demo_site / section / "index.html").is_file()
    assert _meta(doc, "robots") == ["noindex"]


def test_headings_never_skip_a_level(demo_site: Path) -> None:
    skipped = []
    for path in sorted(demo_site.rglob("*.html")):
        levels = [int(h.tag[1]) for h in lxml.html.fromstring(path.read_bytes()).iter("h1", "h2", "h3", "h4", "h5", "h6")]
        for before, after in zip(levels, levels[1:]):  # an embed card may start at h2
            if after > before + 1:
                skipped.append(f"{path.relative_to(demo_site)}: h{before} → h{after}")
                break
    assert not skipped, "\n".join(skipped[:30])


def test_listing_cards_are_h2_under_the_page_h1(demo_site: Path) -> None:
    doc = _doc(demo_site, "dia-ban/tu-nghia/index.html")
    assert {h.tag for h in doc.xpath("//*[contains(@class, 'gs-card__title')]")} == {"h2"}


def test_oembed_and_snippets_give_the_iframe_width_in_pixels(demo_site: Path) -> None:
    for path in (demo_site / "nhung").glob("*/oembed.json"):
        html = json.loads(path.read_text(encoding="utf-8"))["html"]
        assert re.search(r'<iframe [^>]*width="\d+"', html), path
    assert 'width="100%"' not in (demo_site / "dia-ban" / "tu-nghia" / "index.html").read_text(encoding="utf-8")


def test_no_label_points_at_a_missing_toc_toggle(demo_site: Path) -> None:
    orphans = []
    for path in sorted(demo_site.rglob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        ids = set(doc.xpath("//@id"))
        orphans += [f"{path.relative_to(demo_site)}: {f}" for f in doc.xpath("//label/@for") if f not in ids]
    assert not orphans, "\n".join(orphans[:30])


def test_the_font_subset_range_is_the_one_the_css_declares() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("subset_fonts", REPO / "tools" / "subset_fonts.py")
    assert spec is not None and spec.loader is not None
    css = (REPO / "generator" / "theme" / "assets" / "stylesheets" / "fonts.css").read_text(encoding="utf-8")
    ranges = re.findall(r"unicode-range:\s*([^;]+);", css)
    source = (REPO / "tools" / "subset_fonts.py").read_text(encoding="utf-8")
    declared = "".join(re.findall(r'"(U\+[^"]*)"', source.split("UNICODES = (", 1)[1].split(")", 1)[0]))
    assert len(ranges) == 2 and set(ranges) == {declared}
    # Every Vietnamese letter is in the range, so no glyph of running text falls back to another font.
    points = set()
    for part in declared.split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        points |= set(range(int(first, 16), int(last or first, 16) + 1))
    letters = "aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ"
    assert all(ord(c) in points and ord(c.upper()) in points for c in letters)


@pytest.mark.parametrize("page", ["", "guong-dien-hinh/ba-le-thi-my-dung-tao-viec-lam-cho-phu-nu-ngheo/"])
def test_a_phone_loads_at_most_three_font_files_the_regular_one_preloaded(browser, base_url: str, demo_site: Path, page: str) -> None:
    assert (demo_site / page / "index.html").is_file()
    context = browser.new_context(viewport={"width": 375, "height": 812})
    fonts: list[str] = []
    tab = context.new_page()
    tab.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    tab.goto(base_url + page, wait_until="networkidle")
    tab.evaluate("document.fonts.ready.then(() => true)")
    context.close()
    assert 1 <= len(fonts) <= 3, fonts
    assert len(set(fonts)) == len(fonts), "a font fetched twice (preload and CSS disagree)"
    preload = _doc(demo_site, page + "index.html").xpath('//link[@rel="preload" and @as="font"]')
    assert [link.get("crossorigin") for link in preload] == [""]
    assert any(url.endswith(preload[0].get("href").rsplit("/", 1)[-1]) for url in fonts)
