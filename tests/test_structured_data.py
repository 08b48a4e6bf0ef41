"""schema.org JSON-LD (issue 19): the pure functions property by property, then the built demo's pages.

The checks follow what Google's structured-data guidelines require of each type we emit: a
`NewsArticle` has a headline, ISO 8601 dates with Vietnam's offset, absolute images at least
1200 px wide, an author and a publisher with a logo; a `BreadcrumbList` has positions from 1 with
absolute items; the home page's `WebSite` has a `SearchAction` whose template leads to the search
page; listings are `CollectionPage`s whose items are the stories they show.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from generator.core.model import Locality, Field, Kind, Movement, Story, Unit
from generator.core.settings import Portal, Settings
from generator.outputs import structured_data

SITE = "https://guongsang.quangngai.gov.vn/"
ISO_VN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00")
# Required properties of each type we emit, and the types their values must have.
REQUIRED = {
    "NewsArticle": {"headline": str, "datePublished": str, "dateModified": str, "image": list, "author": dict,
                    "publisher": dict, "mainEntityOfPage": dict, "about": dict, "description": str, "url": str},
    "BreadcrumbList": {"itemListElement": list},
    "WebSite": {"name": str, "url": str, "potentialAction": dict},
    "CollectionPage": {"name": str, "url": str, "description": str, "mainEntity": dict, "isPartOf": dict},
}  # fmt: skip


def _story(kind: Kind, author: str) -> Story:
    return Story(
        source="exemplars/2025/bai.md",
        path=Path("/nowhere/exemplars/2025/bai.md"),
        slug="bai",
        title="Ông Nguyễn Văn Hòa: 30 năm giữ rừng",
        subject="Ông Nguyễn Văn Hòa",
        kind=kind,
        movements=(Movement(id="nong-thon-moi", name="Cả nước chung sức xây dựng nông thôn mới"),),
        field=Field(id="nong-nghiep", name="Nông nghiệp"),
        unit=Unit(id="so-y-te", name="Sở Y tế", type="department"),
        locality=Locality(id="ba-to", name="Huyện Ba Tơ", type="district"),
        date=dt.date(2025, 5, 19),
        body="Nội dung.",
        body_line=10,
        summary="Tóm tắt.",
        author=author,
        tags=("rừng",),
    )


def _settings(tmp_path: Path, **changes) -> Settings:
    portal = Portal(agency="Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi")
    return Settings(root=tmp_path, site_url=SITE, site_name="Gương sáng", logo="assets/images/logo.png", portal=portal, **changes)


def assert_valid(data: dict) -> None:
    """`data` has @context schema.org, a known @type and every required property with the right type."""
    assert data["@context"] == "https://schema.org"
    required = REQUIRED[data["@type"]]
    for key, kind in required.items():
        assert isinstance(data.get(key), kind) and data[key], f"{data['@type']}.{key} missing or not {kind.__name__}"
    if data["@type"] == "NewsArticle":
        assert ISO_VN.fullmatch(data["datePublished"]) and ISO_VN.fullmatch(data["dateModified"])
        assert data["dateModified"] >= data["datePublished"]
        assert all(url.startswith(SITE) for url in data["image"])
        assert data["publisher"]["@type"] == "GovernmentOrganization"
        assert data["publisher"]["logo"]["url"].startswith(SITE)
        assert data["about"]["@type"] in ("Person", "Organization") and data["about"]["name"]
        assert data["author"]["@type"] in ("Person", "GovernmentOrganization") and data["author"]["name"]
        assert data["mainEntityOfPage"]["@id"] == data["url"]
        assert len(data["headline"]) <= 300
    if data["@type"] == "BreadcrumbList":
        items = data["itemListElement"]
        assert [item["position"] for item in items] == list(range(1, len(items) + 1))
        assert all(item["@type"] == "ListItem" and item["name"] and item["item"].startswith(SITE) for item in items)
    if data["@type"] == "WebSite":
        action = data["potentialAction"]
        assert action["@type"] == "SearchAction"
        assert action["target"]["urlTemplate"] == SITE + "tim-kiem/?q={search_term_string}"
        assert action["query-input"] == "required name=search_term_string"
    if data["@type"] == "CollectionPage":
        items = data["mainEntity"]["itemListElement"]
        assert data["mainEntity"]["numberOfItems"] == len(items)
        assert all(item["url"].startswith(SITE) for item in items)


def test_news_article_of_a_story(tmp_path: Path) -> None:
    story = _story(Kind.INDIVIDUAL, "")
    data = structured_data.news_article(story, _settings(tmp_path), ["anh/chia-se/a.jpg"])
    assert_valid(data)
    assert data["headline"] == story.title
    assert data["datePublished"] == f"{story.date.isoformat()}T00:00:00+07:00"
    assert data["about"] == {"@type": "Person", "name": story.subject}
    assert data["author"]["@type"] == "GovernmentOrganization"  # no author: the agency wrote it
    assert data["image"] == [SITE + "anh/chia-se/a.jpg"]


def test_a_collective_is_an_organization_and_a_named_author_a_person(tmp_path: Path) -> None:
    story = _story(Kind.COLLECTIVE, "Trần Văn Bình")
    data = structured_data.news_article(story, _settings(tmp_path), ["x.jpg"], modified=story.date + dt.timedelta(days=3))
    assert data["about"]["@type"] == "Organization"
    assert data["author"] == {"@type": "Person", "name": "Trần Văn Bình"}
    assert data["dateModified"] > data["datePublished"]


def test_json_ld_cannot_close_its_script_element() -> None:
    text = structured_data.json_ld({"headline": "</script><script>alert(1)</script> & Hòa"})
    assert "</" not in text and "<" not in text and "&" not in text
    assert json.loads(text) == {"headline": "</script><script>alert(1)</script> & Hòa"}
    assert "Hòa" in text  # Vietnamese stays readable


def test_website_and_collection_page(tmp_path: Path) -> None:
    settings = _settings(tmp_path)
    assert_valid(structured_data.website(settings, "Mô tả", "tim-kiem/"))
    page = structured_data.collection_page("Huyện Tư Nghĩa", "3 gương", "dia-ban/tu-nghia/", ["guong-dien-hinh/a/"], settings)
    assert_valid(page)
    assert page["mainEntity"]["itemListElement"][0]["url"] == SITE + "guong-dien-hinh/a/"


# -- the built demo ---------------------------------------------------------------------------------------


def _json_ld(site: Path, page: str) -> list[dict]:
    doc = lxml.html.fromstring((site / page).read_bytes())
    return [json.loads(script.text) for script in doc.xpath('//script[@type="application/ld+json"]')]


@pytest.fixture(scope="module")
def story_pages(demo_site: Path) -> list[str]:
    return sorted(p.relative_to(demo_site).as_posix() for p in (demo_site / "guong-dien-hinh").glob("*/index.html"))


def test_every_story_page_has_a_valid_news_article_and_breadcrumbs(demo_site: Path, story_pages: list[str]) -> None:
    assert len(story_pages) > 40
    for page in story_pages:
        found = {data["@type"]: data for data in _json_ld(demo_site, page)}
        assert set(found) == {"NewsArticle", "BreadcrumbList"}, page
        for data in found.values():
            assert_valid(data)
        article = found["NewsArticle"]
        assert article["url"] == SITE + page.removesuffix("index.html")
        assert found["BreadcrumbList"]["itemListElement"][-1]["item"] == article["url"]
        # Every image is published and at least 1200 px wide.
        for url in article["image"]:
            with Image.open(demo_site / url.removeprefix(SITE)) as image:
                assert image.width >= 1200, url
        assert (demo_site / article["publisher"]["logo"]["url"].removeprefix(SITE)).is_file()


def test_home_page_is_a_website_with_search(demo_site: Path) -> None:
    found = _json_ld(demo_site, "index.html")
    assert [data["@type"] for data in found] == ["WebSite"]
    assert_valid(found[0])
    assert (demo_site / "tim-kiem" / "index.html").is_file()


@pytest.mark.parametrize("page", ["phong-trao/index.html", "dia-ban/tu-nghia/index.html", "nam/2024/index.html", "linh-vuc/index.html"])
def test_listings_are_collection_pages(demo_site: Path, page: str) -> None:
    found = {data["@type"]: data for data in _json_ld(demo_site, page)}
    assert set(found) == {"CollectionPage", "BreadcrumbList"}
    for data in found.values():
        assert_valid(data)
    doc = lxml.html.fromstring((demo_site / page).read_bytes())
    shown = [SITE + a.get("href").replace("../", "") for a in doc.xpath('//*[contains(@class,"gs-card__title")]/a')]
    if shown:  # a listing's items are its cards, in order
        items = [item["url"] for item in found["CollectionPage"]["mainEntity"]["itemListElement"]]
        assert [url.rsplit("/", 2)[-2] for url in items] == [url.rsplit("/", 2)[-2] for url in shown]
