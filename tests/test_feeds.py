"""Feeds: the RSS 2.0 / Atom 1.0 / JSON Feed 1.1 writers on their own, then every feed of the demo
site parsed with a real parser (feedparser) and checked against `du-lieu/exemplars.json`, then feed
discovery (`<link rel="alternate">`) on the pages, and the `feed_limit` option on a throw-away site.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import html
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
import yaml

from conftest import MKDOCS_YML, make_project
from generator.core.dates import VIETNAM
from generator.outputs.feeds import Feed, FeedImage, FeedItem, atom, json_feed, rss
from harness import BUILD_EPOCH, demo_states, mkdocs_build

REPO = Path(__file__).resolve().parent.parent
SITE_URL = "https://guongsang.quangngai.gov.vn/"
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), VIETNAM).date()
FEED_FILES = ("rss.xml", "atom.xml", "feed.json")
MIMES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml", "feed.json": "application/feed+json"}
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})")


# -- the writers, without MkDocs ---------------------------------------------------------------

NASTY = "Chị \"Hoa\" & 'Lan' <b>nhóm</b> A<B & C>D ]]> &amp;"
BASE = "https://vi.du/cong/"


def _item(n: int = 1, *, title: str = "", image: bool = True, **overrides) -> FeedItem:
    fields = dict(
        url=f"{BASE}guong-dien-hinh/bai-{n}/",
        title=title or f"Bài số {n}",
        summary=f"Tóm tắt {n} <em>đậm</em> & \"trích\"",
        date=dt.date(2025, 12, n),
        author=f"Đơn vị {n}",
        categories=("Thi đua Quyết thắng", "Quốc phòng & An ninh", "Toàn tỉnh"),
        image=FeedImage(f"{BASE}anh/k{n}/bia-960.jpg", "image/jpeg", 58006 + n, 960, 640) if image else None,
    )
    fields.update(overrides)
    return FeedItem(**fields)


def _feed(items, title: str = "Gương sáng & \"bạn\" <thử>") -> Feed:
    return Feed(title, "Mô tả <kênh> & 'tin'", BASE, BASE + "phong-trao/x/", tuple(items), "Ban TĐ-KT", BASE + "favicon.png")


def _parse(text: str):
    result = feedparser.parse(text.encode("utf-8"))
    assert not result.bozo, result.get("bozo_exception")
    return result


WRITERS = {"rss": rss, "atom": atom}


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_xml_feeds_escape_markup_and_quotes_in_every_text(kind):
    item = _item(1, title=NASTY, categories=(NASTY, "Y tế"))
    text = WRITERS[kind](_feed([item], title=NASTY))
    _parse(text)  # feedparser finds nothing wrong
    assert "<b>nhóm</b>" not in text and "<em>" not in text and "A<B" not in text
    # A strict XML parser reads back exactly the text that went in (RSS titles are plain text here,
    # so feedparser's guessing about HTML in RSS is not used to compare values).
    root = ET.fromstring(text.encode("utf-8"))
    ns = "" if kind == "rss" else ATOM
    titles = [e.text for e in root.iter(ns + "title")]
    assert titles == [NASTY, NASTY]
    if kind == "rss":
        assert [e.text for e in root.iter("category")] == [NASTY, "Y tế"]
        # RSS readers treat <description> as HTML, so it carries the summary as escaped HTML text.
        assert html.unescape(root.find("channel/item/description").text) == item.summary
        assert "<" not in root.find("channel/item/description").text
    else:
        assert [e.get("term") for e in root.iter(ATOM + "category")] == [NASTY, "Y tế"]
        assert root.find(f"{ATOM}entry/{ATOM}summary").text == item.summary
        parsed = _parse(text)
        assert parsed.feed.title == NASTY and parsed.entries[0].title == NASTY
        assert [t.term for t in parsed.entries[0].tags] == [NASTY, "Y tế"]


def test_json_feed_keeps_markup_as_text_and_is_utf8():
    text = json_feed(_feed([_item(1, title=NASTY, categories=(NASTY,))], title=NASTY))
    document = json.loads(text)
    assert document["title"] == NASTY
    assert document["items"][0]["title"] == NASTY
    assert document["items"][0]["tags"] == [NASTY]
    assert "Chị" in text and "\\u" not in text, "Vietnamese is written as UTF-8, not \\u escapes"


def test_rss_dates_are_rfc822_with_the_vietnam_offset():
    item = _item(22)
    text = rss(_feed([item]))
    dates = re.findall(r"<pubDate>([^<]+)</pubDate>", text)
    assert dates == ["Mon, 22 Dec 2025 00:00:00 +0700"]
    parsed = email.utils.parsedate_to_datetime(dates[0])
    assert parsed == dt.datetime(2025, 12, 22, tzinfo=VIETNAM)
    assert parsed.utcoffset() == dt.timedelta(hours=7)
    (build,) = re.findall(r"<lastBuildDate>([^<]+)</lastBuildDate>", text)
    assert build.endswith(" +0700")


def test_atom_and_json_dates_are_rfc3339_with_plus_seven():
    items = [_item(22), _item(3)]
    text = atom(_feed(items))
    root = ET.fromstring(text.encode("utf-8"))
    stamps = [e.text for e in root.iter() if e.tag in (ATOM + "published", ATOM + "updated")]
    assert stamps == ["2025-12-22T00:00:00+07:00"] * 3 + ["2025-12-03T00:00:00+07:00"] * 2
    assert all(RFC3339.fullmatch(s) for s in stamps)
    document = json.loads(json_feed(_feed(items)))
    assert [i["date_published"] for i in document["items"]] == ["2025-12-22T00:00:00+07:00", "2025-12-03T00:00:00+07:00"]
    for value in [i["date_published"] for i in document["items"]]:
        assert dt.datetime.fromisoformat(value).utcoffset() == dt.timedelta(hours=7)


def test_ids_are_the_story_urls_in_every_format():
    items = [_item(2), _item(1)]
    urls = [i.url for i in items]
    rss_feed = _parse(rss(_feed(items)))
    assert [e.id for e in rss_feed.entries] == urls
    assert [e.link for e in rss_feed.entries] == urls
    assert re.findall(r'<guid isPermaLink="true">([^<]+)</guid>', rss(_feed(items))) == urls
    atom_feed = _parse(atom(_feed(items)))
    assert [e.id for e in atom_feed.entries] == urls
    assert [e.link for e in atom_feed.entries] == urls
    document = json.loads(json_feed(_feed(items)))
    assert [i["id"] for i in document["items"]] == urls
    assert [i["url"] for i in document["items"]] == urls


def test_cover_is_an_enclosure_with_length_and_type():
    with_cover, without = _item(2), _item(1, image=False)
    feed = _feed([with_cover, without])
    rss_entries = _parse(rss(feed)).entries
    assert rss_entries[0].enclosures == [
        {"href": with_cover.image.url, "length": str(with_cover.image.length), "type": "image/jpeg"}
    ]
    assert rss_entries[0].media_content[0]["url"] == with_cover.image.url
    assert (rss_entries[0].media_content[0]["width"], rss_entries[0].media_content[0]["height"]) == ("960", "640")
    assert not rss_entries[1].get("enclosures") and "media_content" not in rss_entries[1]
    atom_entries = _parse(atom(feed)).entries
    assert atom_entries[0].enclosures == [
        {"href": with_cover.image.url, "length": str(with_cover.image.length), "type": "image/jpeg"}
    ]
    assert not atom_entries[1].get("enclosures")
    items = json.loads(json_feed(feed))["items"]
    assert items[0]["image"] == with_cover.image.url
    assert "image" not in items[1]


def test_categories_in_every_format():
    item = _item(1)
    expected = list(item.categories)
    assert [t.term for t in _parse(rss(_feed([item]))).entries[0].tags] == expected
    assert [t.term for t in _parse(atom(_feed([item]))).entries[0].tags] == expected
    assert json.loads(json_feed(_feed([item])))["items"][0]["tags"] == expected


def test_json_feed_has_the_fields_version_1_1_requires():
    document = json.loads(json_feed(_feed([_item(2), _item(1, image=False)])))
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(document["title"], str) and document["title"]
    assert isinstance(document["items"], list) and len(document["items"]) == 2
    assert document["home_page_url"] == BASE
    assert document["feed_url"] == BASE + "phong-trao/x/feed.json"
    assert document.get("language") == "vi"
    # 1.1 replaced `author` with `authors` (a list of objects with a name).
    assert "author" not in document and document["authors"] == [{"name": "Ban TĐ-KT"}]
    for entry in document["items"]:
        assert isinstance(entry["id"], str) and entry["id"]
        assert entry.get("content_html") or entry.get("content_text"), "an item needs content_html or content_text"
        assert "author" not in entry and all(set(a) <= {"name", "url", "avatar"} for a in entry.get("authors", []))
        assert isinstance(entry["tags"], list) and all(isinstance(t, str) for t in entry["tags"])


def test_feeds_link_to_themselves_and_to_the_page_they_follow():
    feed = _feed([_item(1)])
    parsed = _parse(rss(feed))
    assert parsed.feed.link == BASE
    assert re.search(r'<atom:link href="https://vi\.du/cong/phong-trao/x/rss\.xml" rel="self"', rss(feed))
    root = ET.fromstring(atom(feed).encode("utf-8"))
    links = {e.get("rel"): e.get("href") for e in root.findall(ATOM + "link")}
    assert links == {"alternate": BASE, "self": BASE + "phong-trao/x/atom.xml"}
    assert root.findtext(ATOM + "id") == BASE
    assert root.findtext(ATOM + "author/" + ATOM + "name") == "Ban TĐ-KT"


def test_an_empty_feed_is_valid_in_every_format():
    feed = _feed([])
    for kind in ("rss", "atom"):
        text = WRITERS[kind](feed)
        ET.fromstring(text.encode("utf-8"))
        parsed = _parse(text)
        assert parsed.entries == []
        assert parsed.version == {"rss": "rss20", "atom": "atom10"}[kind]
    root = ET.fromstring(atom(feed).encode("utf-8"))
    # Atom requires <updated> on the feed even when it has no entries.
    assert RFC3339.fullmatch(root.findtext(ATOM + "updated") or "")
    document = json.loads(json_feed(feed))
    assert document["items"] == [] and document["version"] == "https://jsonfeed.org/version/1.1"


@pytest.mark.parametrize("writer", [rss, atom, json_feed], ids=["rss", "atom", "json"])
def test_output_is_deterministic(writer):
    def make() -> Feed:
        return _feed([_item(3), _item(2, image=False), _item(1, title=NASTY)])

    first = writer(make())
    assert first
    assert all(writer(make()) == first for _ in range(3))


def test_feed_updated_is_the_newest_item_not_the_build_time():
    feed = _feed([_item(3), _item(28), _item(1)])
    root = ET.fromstring(atom(feed).encode("utf-8"))
    assert root.findtext(ATOM + "updated") == "2025-12-28T00:00:00+07:00"
    assert "<lastBuildDate>Sun, 28 Dec 2025 00:00:00 +0700</lastBuildDate>" in rss(feed)


# -- the demo site -------------------------------------------------------------------------------


def _vocabulary(name: str) -> dict[str, str]:
    entries = yaml.safe_load((REPO / "generator" / "defaults" / f"{name}.yml").read_text(encoding="utf-8"))
    return {e["id"]: e["name"] for e in entries}


@pytest.fixture(scope="module")
def records(demo_site) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


@pytest.fixture(scope="module")
def names() -> dict[str, dict[str, str]]:
    assert "vocabulary_dir" not in (REPO / "mkdocs.yml").read_text(encoding="utf-8"), "the demo uses the default vocabularies"
    return {axis: _vocabulary(axis) for axis in ("movements", "fields", "localities")}


def _latest(records: list[dict], limit: int = 50) -> list[dict]:
    return sorted(records, key=lambda r: r["date"], reverse=True)[:limit]


def _expected_feeds(records: list[dict]) -> dict[str, list[dict]]:
    """Feed folder ("" for the site) -> the records its feeds must hold (any order; newest first checked apart)."""
    expected = {"": _latest(records)}
    for record in records:
        for movement in record["movements"]:
            expected.setdefault(f"phong-trao/{movement}/", []).append(record)
        expected.setdefault(f"dia-ban/{record['district']}/", []).append(record)
    return {folder: _latest(members) for folder, members in expected.items()}


def _local(site: Path, url: str) -> Path:
    assert url.startswith(SITE_URL), url
    return site / url[len(SITE_URL):]


def _statuses() -> dict[str, list[tuple[str, str, str]]]:
    return demo_states(REPO, BUILD_DATE)


def test_feed_files_exist_exactly_for_the_site_and_every_term_with_stories(demo_site, records):
    expected = _expected_feeds(records)
    assert len(expected) > 20
    found = {}
    for name in FEED_FILES:
        for path in demo_site.rglob(name):
            folder = path.parent.relative_to(demo_site).as_posix()
            found.setdefault("" if folder == "." else folder + "/", set()).add(name)
    assert set(found) == set(expected)
    assert all(files == set(FEED_FILES) for files in found.values()), found


def _check_entry_dates(dates: list[dt.date], records: list[dict]) -> None:
    assert dates == sorted(dates, reverse=True), "newest first"
    assert sorted(dates) == sorted(dt.date.fromisoformat(r["date"]) for r in records)


def test_every_rss_feed_parses_and_holds_the_right_stories(demo_site, records, names):
    for folder, members in _expected_feeds(records).items():
        raw = (demo_site / folder / "rss.xml").read_bytes()
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0, (folder, parsed.get("bozo_exception"))
        assert parsed.version == "rss20"
        assert parsed.feed.link == SITE_URL + folder
        assert f'<atom:link href="{SITE_URL}{folder}rss.xml" rel="self"'.encode() in raw
        by_url = {r["url"]: r for r in members}
        ids = [e.id for e in parsed.entries]
        assert len(ids) == len(set(ids)) == len(members), folder
        assert set(ids) == set(by_url), folder
        pub_dates = re.findall(rb"<pubDate>([^<]+)</pubDate>", raw)
        assert len(pub_dates) == len(members)
        dates = []
        for entry, stamp in zip(parsed.entries, pub_dates, strict=True):
            record = by_url[entry.id]
            assert entry.link == entry.id == record["url"]
            assert entry.title == record["title"]
            assert stamp.endswith(b" +0700"), stamp
            moment = email.utils.parsedate_to_datetime(stamp.decode())
            assert moment.utcoffset() == dt.timedelta(hours=7)
            dates.append(moment.date())
            assert moment.date().isoformat() == record["date"]
            _check_categories([t.term for t in entry.tags], record, names)
            _check_enclosure(demo_site, entry.get("enclosures", []), record)
            if record["image"]:
                (media,) = entry.media_content
                assert media["url"] == record["image"]
                _check_size(demo_site, media["url"], int(media["width"]), int(media["height"]))
        _check_entry_dates(dates, members)


def test_every_atom_feed_parses_and_holds_the_right_stories(demo_site, records, names):
    for folder, members in _expected_feeds(records).items():
        raw = (demo_site / folder / "atom.xml").read_bytes()
        parsed = feedparser.parse(raw)
        assert parsed.bozo == 0, (folder, parsed.get("bozo_exception"))
        assert parsed.version == "atom10"
        root = ET.fromstring(raw)
        links = {e.get("rel"): e.get("href") for e in root.findall(ATOM + "link")}
        assert links == {"alternate": SITE_URL + folder, "self": SITE_URL + folder + "atom.xml"}
        by_url = {r["url"]: r for r in members}
        assert [e.id for e in parsed.entries] and len(parsed.entries) == len(members)
        assert {e.id for e in parsed.entries} == set(by_url)
        dates = []
        for entry, element in zip(parsed.entries, root.findall(ATOM + "entry"), strict=True):
            record = by_url[entry.id]
            assert entry.link == record["url"]
            assert entry.title == record["title"]
            for tag in ("published", "updated"):
                stamp = element.findtext(ATOM + tag)
                assert RFC3339.fullmatch(stamp) and stamp.endswith("+07:00"), stamp
            dates.append(dt.datetime.fromisoformat(element.findtext(ATOM + "published")).date())
            assert dates[-1].isoformat() == record["date"]
            _check_categories([t.term for t in entry.tags], record, names)
            _check_enclosure(demo_site, entry.get("enclosures", []), record)
        _check_entry_dates(dates, members)


def test_every_json_feed_parses_and_holds_the_right_stories(demo_site, records, names):
    for folder, members in _expected_feeds(records).items():
        document = json.loads((demo_site / folder / "feed.json").read_text(encoding="utf-8"))
        assert document["version"] == "https://jsonfeed.org/version/1.1"
        assert document["title"]
        assert document["home_page_url"] == SITE_URL + folder
        assert document["feed_url"] == SITE_URL + folder + "feed.json"
        by_url = {r["url"]: r for r in members}
        items = document["items"]
        assert len(items) == len(members) and {i["id"] for i in items} == set(by_url)
        dates = []
        for item in items:
            record = by_url[item["id"]]
            assert item["url"] == item["id"] == record["url"]
            assert item["title"] == record["title"]
            assert item.get("content_text") or item.get("content_html")
            assert RFC3339.fullmatch(item["date_published"]) and item["date_published"].endswith("+07:00")
            dates.append(dt.datetime.fromisoformat(item["date_published"]).date())
            assert dates[-1].isoformat() == record["date"]
            _check_categories(item["tags"], record, names)
            if record["image"]:
                assert item["image"] == record["image"]
                assert _local(demo_site, item["image"]).is_file()
            else:
                assert "image" not in item
        _check_entry_dates(dates, members)


def _check_categories(terms: list[str], record: dict, names) -> None:
    expected = [names["movements"][m] for m in record["movements"]]
    expected += [names["fields"][record["field"]], names["localities"][record["locality"]]]
    assert set(terms) == set(expected), (record["slug"], terms, expected)


def _check_enclosure(site: Path, enclosures: list, record: dict) -> None:
    if not record["image"]:
        assert not enclosures, record["slug"]
        return
    (enclosure,) = enclosures
    assert enclosure["href"] == record["image"]
    assert enclosure["type"] == "image/jpeg"
    path = _local(site, enclosure["href"])
    assert path.is_file(), enclosure["href"]
    assert int(enclosure["length"]) == path.stat().st_size
    assert path.read_bytes()[:3] == b"\xff\xd8\xff", "the enclosure is a JPEG"


def _check_size(site: Path, url: str, width: int, height: int) -> None:
    from PIL import Image

    with Image.open(_local(site, url)) as image:
        assert image.size == (width, height), url


def test_demo_has_stories_with_and_without_covers(records):
    # Otherwise the enclosure checks above would only test one branch.
    assert any(r["image"] for r in records) and any(not r["image"] for r in records)


def test_every_absolute_url_in_every_feed_is_below_site_url(demo_site, records):
    for folder in _expected_feeds(records):
        for name in FEED_FILES:
            text = (demo_site / folder / name).read_text(encoding="utf-8")
            found = re.findall(r'https?://[^\s"<>]+', text)
            assert found
            for url in found:
                if url.startswith(("http://www.w3.org/", "http://search.yahoo.com/mrss/", "https://jsonfeed.org/version/")):
                    continue
                assert url.startswith(SITE_URL), (folder + name, url)
            assert 'href="/' not in text and '"url": "/' not in text


def test_drafts_future_stories_and_nominees_are_in_no_feed(demo_site):
    statuses = _statuses()
    assert statuses["draft"] and statuses["future"] and statuses["nominee"]
    feeds = {p: p.read_text(encoding="utf-8") for name in FEED_FILES for p in demo_site.rglob(name)}
    assert len(feeds) > 60
    for state, stories in statuses.items():
        for source, title, slug in stories:
            for path, text in feeds.items():
                assert f"guong-dien-hinh/{slug}/" not in text, f"{state} {source} is in {path}"
                assert title not in text and json.dumps(title, ensure_ascii=False)[1:-1] not in text, (state, source, path)


# -- discovery -----------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[dict[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag == "link":
            self.links.append({k: v or "" for k, v in attrs})


def _head_links(path: Path) -> list[dict[str, str]]:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.links


def _page_url(site: Path, path: Path, site_url: str = SITE_URL) -> str:
    relative = path.relative_to(site).as_posix()
    return site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _alternates(site: Path, path: Path, site_url: str = SITE_URL) -> set[tuple[str, str]]:
    """(type, absolute href) of the page's rel=alternate links."""
    page = _page_url(site, path, site_url)
    return {(link.get("type", ""), urljoin(page, link["href"])) for link in _head_links(path) if link.get("rel") == "alternate"}


def _site_pages(site: Path) -> list[Path]:
    """The public pages: not the embed cards (nhung/) nor the officers' editor (soan-bai/)."""
    return sorted(p for p in site.rglob("*.html") if not p.relative_to(site).as_posix().startswith(("nhung/", "soan-bai/")))


def _feeds_of(folder: str) -> set[tuple[str, str]]:
    return {(MIMES[name], SITE_URL + folder + name) for name in FEED_FILES}


def test_every_page_announces_the_three_site_feeds(demo_site):
    pages = _site_pages(demo_site)
    assert len(pages) > 100
    for page in pages:
        assert _feeds_of("") <= _alternates(demo_site, page), page.relative_to(demo_site)


def test_every_feed_link_on_every_page_points_to_a_file_that_exists(demo_site):
    for page in _site_pages(demo_site):
        for mime, href in _alternates(demo_site, page):
            if mime in MIMES.values() or mime == "application/json+oembed":
                assert _local(demo_site, href).is_file(), (page.relative_to(demo_site), href)


def test_listings_announce_their_own_feeds_and_no_others(demo_site, records):
    for folder in _expected_feeds(records):
        if not folder:
            continue
        pages = [demo_site / folder / "index.html", *sorted((demo_site / folder / "page").glob("*/index.html"))]
        for page in pages:
            alternates = _alternates(demo_site, page)
            assert _feeds_of(folder) <= alternates, page
            others = {href for _, href in alternates} - {h for _, h in _feeds_of(folder) | _feeds_of("")}
            assert not others, (page, others)


def test_story_pages_announce_their_movements_and_district_feeds_and_oembed(demo_site, records):
    for record in records:
        page = demo_site / "guong-dien-hinh" / record["slug"] / "index.html"
        alternates = _alternates(demo_site, page)
        expected = _feeds_of("")
        for movement in record["movements"]:
            expected |= _feeds_of(f"phong-trao/{movement}/")
        expected |= _feeds_of(f"dia-ban/{record['district']}/")
        oembed = ("application/json+oembed", f"{SITE_URL}nhung/{record['slug']}/oembed.json")
        assert alternates == expected | {oembed}, record["slug"]
        (link,) = [ln for ln in _head_links(page) if ln.get("type") == "application/json+oembed"]
        assert link["href"] == oembed[1], "oEmbed discovery must be an absolute URL"
        assert link.get("title") == record["title"]


def test_nominee_pages_announce_no_oembed(demo_site):
    for source, _title, slug in _statuses()["nominee"]:
        page = demo_site / "guong-dien-hinh" / slug / "index.html"
        assert page.is_file(), source
        assert all(link.get("type") != "application/json+oembed" for link in _head_links(page)), source


# -- a throw-away site: feed_limit, escaping end to end, terms without stories --------------------

LIMITED_YML = MKDOCS_YML.replace("plugins:\n  - exemplars\n", "plugins:\n  - exemplars:\n      feed_limit: 3\n") + (
    "site_url: https://vi.du/thu/\n"
)
TRICKY_SOURCE = 'Chị "Hoa" & nhóm <Sao Mai> tình nguyện'
TRICKY = "Chị “Hoa” & nhóm <Sao Mai> tình nguyện"
"""As published: straight quotes in pairs become typographic ones (the file keeps what was typed)."""


@pytest.fixture(scope="module")
def limited_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("limited") / "project", LIMITED_YML)
    assert "feed_limit: 3" in (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    for day in range(1, 7):
        project.add_story(f"2024/bai-{day}.md", title=f"Gương điển hình số {day}", date=f"{day:02d}/03/2024")
    project.add_story("2024/kho.md", title=TRICKY_SOURCE, date="10/03/2024", summary="Tóm tắt có <thẻ> & \"ngoặc\"")
    # A second movement and district with two stories, under the limit.
    for day in (1, 2):
        project.add_story(
            f"2023/khac-{day}.md", title=f"Bài khác {day}", date=f"{day:02d}/01/2023",
            movement="Dân vận khéo", district="Huyện Ba Tơ", unit="UBND huyện Ba Tơ",
        )  # fmt: skip
    site = project.root.parent / "site"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    return site


def _limited_ids(site: Path, folder: str) -> dict[str, list[str]]:
    ids = {}
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((site / folder / name).read_bytes())
        assert parsed.bozo == 0, (folder, name, parsed.get("bozo_exception"))
        ids[name] = [e.id for e in parsed.entries]
    ids["feed.json"] = [i["id"] for i in json.loads((site / folder / "feed.json").read_text(encoding="utf-8"))["items"]]
    return ids


def test_feed_limit_caps_every_feed(limited_site):
    base = "https://vi.du/thu/guong-dien-hinh/"
    newest = [base + "chi-hoa-nhom-sao-mai-tinh-nguyen/", base + "guong-dien-hinh-so-6/", base + "guong-dien-hinh-so-5/"]
    for folder in ("", "phong-trao/nong-thon-moi/", "dia-ban/binh-son/"):
        for name, ids in _limited_ids(limited_site, folder).items():
            assert ids == newest, (folder, name, ids)
    for folder in ("phong-trao/dan-van-kheo/", "dia-ban/ba-to/"):
        for name, ids in _limited_ids(limited_site, folder).items():
            assert ids == [base + "bai-khac-2/", base + "bai-khac-1/"], (folder, name)


def test_tricky_title_survives_every_feed_and_the_oembed(limited_site):
    rss_feed = feedparser.parse((limited_site / "rss.xml").read_bytes())
    atom_feed = feedparser.parse((limited_site / "atom.xml").read_bytes())
    document = json.loads((limited_site / "feed.json").read_text(encoding="utf-8"))
    assert rss_feed.entries[0].title == atom_feed.entries[0].title == document["items"][0]["title"] == TRICKY
    summary = "Tóm tắt có <thẻ> & “ngoặc”"
    assert document["items"][0]["summary"] == summary
    # Read the XML strictly: the summary is plain text, escaped once.
    rss_root = ET.fromstring((limited_site / "rss.xml").read_bytes())
    assert html.unescape(rss_root.find("channel/item/description").text) == summary
    atom_root = ET.fromstring((limited_site / "atom.xml").read_bytes())
    assert atom_root.find(f"{ATOM}entry/{ATOM}summary").text == summary
    oembed = json.loads((limited_site / "nhung/chi-hoa-nhom-sao-mai-tinh-nguyen/oembed.json").read_text(encoding="utf-8"))
    assert oembed["title"] == TRICKY
    iframes = [attrs for tag, attrs in _start_tags(oembed["html"]) if tag == "iframe"]
    assert [tag for tag, _ in _start_tags(oembed["html"])] == ["iframe", "script"]
    assert iframes[0]["title"] == TRICKY and "<Sao Mai>" not in oembed["html"]


def _start_tags(html: str) -> list[tuple[str, dict]]:
    tags: list[tuple[str, dict]] = []

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attrs):
            tags.append((tag, dict(attrs)))

    Parser(convert_charrefs=True).feed(html)
    return tags


def test_no_page_announces_a_feed_that_does_not_exist(limited_site):
    """Movements without stories still get a page (for their targets): it must not link to missing feeds."""
    site_url = "https://vi.du/thu/"
    missing = []
    for page in _site_pages(limited_site):
        for mime, href in _alternates(limited_site, page, site_url):
            if mime in MIMES.values():
                assert href.startswith(site_url), href
                if not (limited_site / href[len(site_url):]).is_file():
                    missing.append((page.relative_to(limited_site).as_posix(), href[len(site_url):]))
    assert not missing, f"{len(missing)} feed links to missing files, e.g. {missing[:3]}"


def test_discovery_links_resolve_on_a_site_without_site_url(tmp_path):
    """`site_url` is optional in MkDocs (previews, local copies): discovery links must still lead somewhere."""
    project = make_project(tmp_path / "project")
    assert "site_url" not in (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    project.add_story("2023/bai.md")
    site = tmp_path / "site"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    (page,) = (site / "guong-dien-hinh").glob("*/index.html")
    base = "http://may-chu.test/"
    page_url = _page_url(site, page, base)
    links = [ln for ln in _head_links(page) if ln.get("rel") == "alternate"]
    assert any(ln.get("type") == "application/json+oembed" for ln in links)
    for link in links:
        href = urljoin(page_url, link["href"])
        assert href.startswith(base), (link, href)
        assert (site / href[len(base):]).is_file(), f"{link.get('type')} link {link['href']!r} leads nowhere"
