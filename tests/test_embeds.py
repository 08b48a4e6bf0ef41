"""Embeds, oEmbed, sitemap, robots.txt and canonical links, read from the files (no browser).

First the oEmbed JSON and the embed snippet from the core (no MkDocs), then the built demo site:
an embed page per published story and nothing else, widgets per movement and district, the oEmbed
files, the "Nhúng bài viết" boxes, the host script's size, the sitemap against the HTML pages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import MKDOCS_YML, make_project
from generator.core.dates import VIETNAM
from generator.core.axes import AXES
from generator.plan.group import group_by, newest_first
from generator.plan.pictures import COVER, Picture, Source
from generator.core.model import Locality, Field, Kind, Movement, Story, Unit
from generator.core.settings import Settings
from generator.outputs.embeds import EMBED_HEIGHT, EMBED_WIDTH, embed_snippet, plan_embeds
from harness import BUILD_EPOCH, demo_states, mkdocs_build

REPO = Path(__file__).resolve().parent.parent
SITE_URL = "https://guongsang.quangngai.gov.vn/"
SITE_NAME = "Gương sáng Quảng Ngãi"
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), VIETNAM).date()
TRICKY = 'Chị "Hoa" & nhóm <Sao Mai> \'tình nguyện\' </iframe><script>alert(1)</script>'


# -- a small HTML reader -------------------------------------------------------------------------


class Doc(HTMLParser):
    """Start tags with their attributes, the text of a few elements, and each <li>'s links."""

    TEXT = ("a", "title", "textarea", "h1", "h2", "p", "button", "summary")

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[int, list[str]] = {}
        self.open: list[int] = []
        self.items: list[dict] = []
        self.html = html
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        index = len(self.elements) - 1
        if tag in self.TEXT:
            self.open.append(index)
            self.texts[index] = []
        if tag == "li":
            self.items.append({"attrs": dict(attrs), "links": []})
        if tag == "a" and self.items:
            self.items[-1]["links"].append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        for position in range(len(self.open) - 1, -1, -1):
            if self.elements[self.open[position]][0] == tag:
                del self.open[position:]
                break

    def handle_data(self, data):
        for index in self.open:
            self.texts[index].append(data)

    def find(self, tag: str, **attrs: str | None) -> list[dict[str, str | None]]:
        wanted = {k.rstrip("_").replace("_", "-"): v for k, v in attrs.items()}

        def matches(a: dict) -> bool:
            return all((a.get(k) == v) if v is not None else (k in a) for k, v in wanted.items())

        return [a for t, a in self.elements if t == tag and matches(a)]

    def text_of(self, tag: str, **attrs: str | None) -> list[str]:
        wanted = self.find(tag, **attrs)
        return [" ".join("".join(self.texts[i]).split()) for i, (t, a) in enumerate(self.elements) if t == tag and a in wanted and i in self.texts]

    def links(self) -> list[tuple[dict, str]]:
        return [(a, " ".join("".join(self.texts[i]).split())) for i, (t, a) in enumerate(self.elements) if t == "a"]


def _doc(path: Path) -> Doc:
    return Doc(path.read_text(encoding="utf-8"))


def _snippet_parts(snippet: str) -> tuple[dict, dict]:
    doc = Doc(snippet)
    tags = [t for t, _ in doc.elements]
    assert tags == ["iframe", "script"], tags
    return doc.elements[0][1], doc.elements[1][1]


# -- oEmbed and the snippet, without MkDocs ---------------------------------------------------------

MOVEMENT = Movement(id="dan-van-kheo", name="Dân vận khéo & \"giỏi\"")
OTHER = Movement(id="nong-thon-moi", name="Cả nước chung sức xây dựng nông thôn mới")
FIELD = Field(id="y-te", name="Y tế")
UNIT = Unit(id="so-y-te", name="Sở Y tế", type="department")
DISTRICT = Locality(id="ba-to", name="Huyện Ba Tơ", type="district")


def _story(n: int, title: str = "", movements=(MOVEMENT,), summary: str = "Tóm tắt.") -> Story:
    return Story(
        source=f"exemplars/2025/bai-{n}.md",
        path=Path(f"/nowhere/exemplars/2025/bai-{n}.md"),
        slug=f"bai-{n}",
        title=title or f"Bài số {n}",
        subject=f"Chủ thể {n}",
        kind=Kind.INDIVIDUAL,
        movements=tuple(movements),
        field=FIELD,
        unit=UNIT,
        locality=DISTRICT,
        date=dt.date(2025, 1, 1) + dt.timedelta(days=n),
        body="Nội dung.",
        body_line=10,
        summary=summary,
    )


PICTURE = Picture(
    sources=(Source("image/jpeg", (("anh/k1/bia-640.jpg", 640), ("anh/k1/bia-960.jpg", 960))),),
    fallback="anh/k1/bia-960.jpg",
    width=960,
    height=640,
    thumbs=(
        Source("image/webp", (("anh/k1/bia-the-320.webp", 320), ("anh/k1/bia-the-640.webp", 640))),
        Source("image/jpeg", (("anh/k1/bia-the-320.jpg", 320), ("anh/k1/bia-the-640.jpg", 640))),
    ),
    thumb_fallback="anh/k1/bia-the-320.jpg",
    thumb_width=640,
    thumb_height=427,
    largest="anh/k1/bia-960.jpg",
    alt="",
)


def _plan(stories, site_url: str = "https://vi.du/cong", pictures=None) -> tuple[dict[str, str], Settings]:
    settings = Settings(root=Path("/nowhere"), site_url=site_url)
    published = newest_first(stories)
    groups = {axis.name: group_by(published, axis) for axis in AXES if axis.feeds}
    return plan_embeds(published, groups, settings, pictures or {}, "Gương sáng thử"), settings


def test_oembed_json_has_every_field_rich_type_needs():
    files, settings = _plan([_story(1), _story(2)], pictures={("bai-1", COVER): PICTURE})
    oembed = json.loads(files["nhung/bai-1/oembed.json"])
    assert oembed["version"] == "1.0"
    assert oembed["type"] == "rich"
    assert oembed["title"] == "Bài số 1"
    assert oembed["html"] == embed_snippet(settings, "nhung/bai-1/", "Bài số 1")
    assert isinstance(oembed["width"], int) and isinstance(oembed["height"], int)
    assert (oembed["width"], oembed["height"]) == (EMBED_WIDTH, EMBED_HEIGHT)
    assert oembed["provider_name"] == "Gương sáng thử"
    assert oembed["provider_url"] == "https://vi.du/cong/"
    assert oembed["thumbnail_url"] == "https://vi.du/cong/anh/k1/bia-the-640.jpg"
    assert (oembed["thumbnail_width"], oembed["thumbnail_height"]) == (640, 427)
    # No cover: no thumbnail at all (the three thumbnail fields go together).
    bare = json.loads(files["nhung/bai-2/oembed.json"])
    assert not {"thumbnail_url", "thumbnail_width", "thumbnail_height"} & set(bare)


def test_snippet_is_an_iframe_of_the_absolute_embed_url_plus_the_host_script():
    settings = Settings(root=Path("/nowhere"), site_url="https://vi.du/cong")
    iframe, script = _snippet_parts(embed_snippet(settings, "nhung/bai-1/", "Bài số 1"))
    assert iframe["src"] == "https://vi.du/cong/nhung/bai-1/"
    assert iframe["title"] == "Bài số 1"
    assert iframe["height"] == str(EMBED_HEIGHT)
    assert "border:0" in iframe["style"].replace(" ", "")
    assert script["src"] == "https://vi.du/cong/nhung/nhung.js"
    assert "async" in script


def test_snippet_escapes_the_title():
    settings = Settings(root=Path("/nowhere"), site_url="https://vi.du/")
    snippet = embed_snippet(settings, "nhung/bai-1/", TRICKY)
    iframe, script = _snippet_parts(snippet)  # still exactly one iframe and one script
    assert iframe["title"] == TRICKY
    assert "<Sao Mai>" not in snippet and "alert(1)</script>" not in snippet
    assert script["src"] == "https://vi.du/nhung/nhung.js"


def test_embed_pages_escape_the_story_text():
    story = _story(1, title=TRICKY, summary="A < B & \"C\"")
    files, _ = _plan([story])
    page = files["nhung/bai-1/index.html"]
    doc = Doc(page)
    assert [t for t, _ in doc.elements].count("script") == 1, "only khung.js, no injected script"
    assert doc.text_of("h2")[0] == " ".join(TRICKY.split())
    assert doc.text_of("title")[0].startswith(" ".join(TRICKY.split()))
    assert doc.text_of("p", class_="gs-e__summary") == ['A < B & "C"']
    assert "A < B" not in page
    widget = Doc(files["nhung/phong-trao/dan-van-kheo/index.html"])
    assert [t for t, _ in widget.elements].count("script") == 1
    assert 'Dân vận khéo & "giỏi"' in widget.text_of("h1")[0]
    assert json.loads(files["nhung/bai-1/oembed.json"])["title"] == TRICKY


def test_widgets_render_at_most_twenty_items_five_shown():
    stories = [_story(n, movements=(MOVEMENT, OTHER) if n % 2 else (MOVEMENT,)) for n in range(1, 26)]
    files, _ = _plan(stories)
    for url, members in (
        ("nhung/phong-trao/dan-van-kheo/index.html", 25),
        ("nhung/dia-ban/ba-to/index.html", 25),
        ("nhung/phong-trao/nong-thon-moi/index.html", 13),
    ):
        doc = Doc(files[url])
        items = [i for i in doc.items if "data-gs-item" in i["attrs"]]
        assert len(items) == min(20, members), url
        assert ["hidden" in i["attrs"] for i in items] == [n >= 5 for n in range(len(items))], url
    doc = Doc(files["nhung/phong-trao/dan-van-kheo/index.html"])
    newest = [f"https://vi.du/cong/guong-dien-hinh/bai-{n}/" for n in range(25, 5, -1)]
    assert [i["links"][0] for i in doc.items] == newest
    assert set(files) >= {"nhung/nhung.js", "nhung/khung.js", "nhung/nhung.css"}


def test_site_url_with_or_without_slash_gives_the_same_urls():
    with_slash, _ = _plan([_story(1)], "https://vi.du/cong/")
    without, _ = _plan([_story(1)], "https://vi.du/cong")
    assert with_slash == without
    assert "https://vi.du/cong//" not in with_slash["nhung/bai-1/oembed.json"]


def test_embed_files_are_deterministic():
    stories = [_story(n) for n in range(1, 8)]
    first, _ = _plan(stories, pictures={("bai-3", COVER): PICTURE})
    again, _ = _plan(list(reversed(stories)), pictures={("bai-3", COVER): PICTURE})
    assert first == again


# -- the demo site ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def records(demo_site) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


def _statuses() -> dict[str, list[tuple[str, str, str]]]:
    return demo_states(REPO, BUILD_DATE)


def _local(site: Path, url: str, site_url: str = SITE_URL) -> Path:
    assert url.startswith(site_url), url
    return site / url[len(site_url):]


def _check_local_resources(site: Path, page: Path, doc: Doc) -> None:
    """Every stylesheet, script and image the page loads from the site exists."""
    refs = [a.get("href") for t, a in doc.elements if t == "link" and a.get("rel") == "stylesheet"]
    refs += [a.get("src") for t, a in doc.elements if t in ("script", "img")]
    for t, a in doc.elements:
        if t == "source" and a.get("srcset"):
            refs += [part.strip().split(" ")[0] for part in a["srcset"].split(",")]
    refs = [r for r in refs if r]
    assert refs
    for ref in refs:
        assert not urlsplit(ref).scheme, f"{page}: loads {ref} from elsewhere"
        target = (page.parent / ref).resolve()
        assert target.is_file(), f"{page.relative_to(site)}: {ref} is missing"


def _check_no_chrome(page: Path, html: str) -> None:
    for marker in ("md-header", "md-tabs", "md-footer", "md-sidebar", "assets/javascripts/bundle", "assets/stylesheets/main"):
        assert marker not in html, f"{page}: site chrome ({marker}) in an embed"


def test_every_published_story_has_an_embed_card(demo_site, records):
    for record in records:
        page = demo_site / "nhung" / record["slug"] / "index.html"
        assert page.is_file(), record["slug"]
        html = page.read_text(encoding="utf-8")
        doc = Doc(html)
        assert doc.find("html")[0].get("lang") == "vi"
        (canonical,) = doc.find("link", rel="canonical")
        assert canonical["href"] == record["url"]
        robots = [m.get("content", "") for m in doc.find("meta", name="robots")]
        assert robots and "noindex" in robots[0]
        more = [(a, text) for a, text in doc.links() if text.startswith("Đọc tiếp trên Cổng thông tin")]
        assert len(more) == 1, record["slug"]
        attrs = more[0][0]
        assert attrs["href"] == record["url"]
        assert attrs.get("target") == "_blank"
        assert "noopener" in (attrs.get("rel") or "").split()
        # Every link leaves the frame: none navigates inside it.
        for a, _text in doc.links():
            assert a.get("target") == "_blank" and urlsplit(a["href"]).scheme == "https", (record["slug"], a)
        assert record["title"] in doc.text_of("h2")
        assert any(p == " ".join(record["subject"].split()) for p in doc.text_of("p", class_="gs-e__subject"))
        if record["summary"]:
            assert " ".join(record["summary"].split()) in doc.text_of("p", class_="gs-e__summary")
        date = dt.date.fromisoformat(record["date"])
        assert doc.find("time", datetime=record["date"]) and date.strftime("%d/%m/%Y") in html
        assert bool(doc.find("img")) == bool(record["image"]), record["slug"]
        assert doc.find("script", src="../../nhung/khung.js")
        _check_no_chrome(page, html)
        _check_local_resources(demo_site, page, doc)


def test_nothing_else_is_embeddable(demo_site, records):
    slugs = {r["slug"] for r in records}
    entries = {p.name for p in (demo_site / "nhung").iterdir()}
    assert entries == slugs | {"phong-trao", "dia-ban", "nhung.js", "khung.js", "nhung.css"}
    for state, stories in _statuses().items():
        assert stories
        for source, _title, slug in stories:
            assert not (demo_site / "nhung" / slug).exists(), f"{state} {source} has an embed page"


def test_oembed_json_for_every_story(demo_site, records):
    for record in records:
        oembed = json.loads((demo_site / "nhung" / record["slug"] / "oembed.json").read_text(encoding="utf-8"))
        assert oembed["version"] == "1.0" and oembed["type"] == "rich"
        assert oembed["title"] == record["title"]
        assert oembed["provider_name"] == SITE_NAME
        assert oembed["provider_url"] == SITE_URL
        assert isinstance(oembed["width"], int) and oembed["width"] > 0
        assert isinstance(oembed["height"], int) and oembed["height"] > 0
        iframe, script = _snippet_parts(oembed["html"])
        assert iframe["src"] == f"{SITE_URL}nhung/{record['slug']}/"
        assert iframe["title"] == record["title"]
        assert script["src"] == f"{SITE_URL}nhung/nhung.js" and "async" in script
        thumbnail = {"thumbnail_url", "thumbnail_width", "thumbnail_height"} & set(oembed)
        if record["image"]:
            assert thumbnail == {"thumbnail_url", "thumbnail_width", "thumbnail_height"}, record["slug"]
            path = _local(demo_site, oembed["thumbnail_url"])
            assert path.is_file(), oembed["thumbnail_url"]
            from PIL import Image

            with Image.open(path) as image:
                assert image.size == (oembed["thumbnail_width"], oembed["thumbnail_height"]), record["slug"]
                assert image.format in ("JPEG", "PNG"), "consumers of oEmbed expect a common format"
        else:
            assert not thumbnail, record["slug"]


def test_story_pages_offer_the_same_snippet_in_their_embed_box(demo_site, records):
    for record in records:
        page = demo_site / "guong-dien-hinh" / record["slug"] / "index.html"
        html = page.read_text(encoding="utf-8")
        doc = Doc(html)
        oembed = json.loads((demo_site / "nhung" / record["slug"] / "oembed.json").read_text(encoding="utf-8"))
        boxes = doc.find("details", class_="gs-embed-box")
        assert len(boxes) == 1, record["slug"]
        assert "Nhúng bài viết" in doc.text_of("summary")
        (snippet,) = [t for t in doc.text_of("textarea", data_gs_snippet=None)]
        assert snippet == " ".join(oembed["html"].split())
        raw = re.search(r"<textarea[^>]*data-gs-snippet[^>]*>(.*?)</textarea>", html, re.S).group(1)
        assert "<iframe" not in raw and "&lt;iframe" in raw, "the snippet is shown as text, HTML-escaped"
        import html as html_module

        assert html_module.unescape(raw) == oembed["html"]
        assert "readonly" in doc.find("textarea", data_gs_snippet=None)[0]
        assert "Sao chép mã nhúng" in doc.text_of("button", data_gs_copy=None)


def test_nominee_pages_have_no_embed_box(demo_site):
    for source, _title, slug in _statuses()["nominee"]:
        html = (demo_site / "guong-dien-hinh" / slug / "index.html").read_text(encoding="utf-8")
        assert "gs-embed-box" not in html and "/nhung/" not in html, source


def _terms(records: list[dict]) -> dict[tuple[str, str], list[dict]]:
    terms: dict[tuple[str, str], list[dict]] = {}
    for record in records:
        for movement in record["movements"]:
            terms.setdefault(("phong-trao", movement), []).append(record)
        terms.setdefault(("dia-ban", record["district"]), []).append(record)
    return terms


def test_widgets_for_every_movement_and_district_with_stories(demo_site, records):
    terms = _terms(records)
    for kind in ("phong-trao", "dia-ban"):
        made = {p.name for p in (demo_site / "nhung" / kind).iterdir()}
        assert made == {key for k, key in terms if k == kind}, kind
    assert any(len(members) > 5 for members in terms.values()), "the demo has a widget with hidden items"
    for (kind, key), members in terms.items():
        page = demo_site / "nhung" / kind / key / "index.html"
        html = page.read_text(encoding="utf-8")
        doc = Doc(html)
        assert doc.find("html")[0].get("lang") == "vi"
        assert doc.find("link", rel="canonical")[0]["href"] == f"{SITE_URL}{kind}/{key}/"
        assert "noindex" in doc.find("meta", name="robots")[0]["content"]
        items = [i for i in doc.items if "data-gs-item" in i["attrs"]]
        assert len(items) == min(20, len(members)), (kind, key)
        assert ["hidden" in i["attrs"] for i in items] == [n >= 5 for n in range(len(items))], (kind, key)
        newest = sorted(members, key=lambda r: r["date"], reverse=True)
        links = [i["links"][0] for i in items]
        assert set(links) == {r["url"] for r in newest[:20]}
        dates = [next(r["date"] for r in members if r["url"] == link) for link in links]
        assert dates == sorted(dates, reverse=True), "newest first"
        for a, _text in doc.links():
            assert a.get("target") == "_blank" and "noopener" in (a.get("rel") or ""), (kind, key, a)
        assert any(a["href"] == f"{SITE_URL}{kind}/{key}/" for a, _ in doc.links()), "a link to the full listing"
        _check_no_chrome(page, html)
        _check_local_resources(demo_site, page, doc)


def test_listings_offer_their_widget_snippet(demo_site, records):
    for (kind, key), _members in _terms(records).items():
        doc = _doc(demo_site / kind / key / "index.html")
        (snippet,) = doc.text_of("textarea", data_gs_snippet=None)
        iframe, script = _snippet_parts(snippet)
        assert iframe["src"] == f"{SITE_URL}nhung/{kind}/{key}/"
        assert script["src"] == f"{SITE_URL}nhung/nhung.js"


def test_host_script_is_small(demo_site):
    script = demo_site / "nhung" / "nhung.js"
    assert script.is_file()
    assert script.stat().st_size < 2048, f"nhung.js is {script.stat().st_size} bytes"
    assert "postMessage" in (demo_site / "nhung" / "khung.js").read_text(encoding="utf-8")
    assert "ResizeObserver" in (demo_site / "nhung" / "khung.js").read_text(encoding="utf-8")


# -- sitemap, robots.txt, canonical links ------------------------------------------------------------


def _page_url(site: Path, path: Path, site_url: str = SITE_URL) -> str:
    relative = path.relative_to(site).as_posix()
    return site_url + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)


def _sitemap(site: Path) -> list[str]:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return [e.text.strip() for e in root.findall("s:url/s:loc", ns)]


def test_sitemap_lists_every_page_once_and_no_embed(demo_site, records):
    locs = _sitemap(demo_site)
    assert len(locs) == len(set(locs)), "a URL twice in the sitemap"
    pages = {
        _page_url(demo_site, p)
        for p in demo_site.rglob("*.html")
        # Neither embed cards nor the officers' editor (noindex) belong in the sitemap.
        if not p.relative_to(demo_site).as_posix().startswith(("nhung/", "soan-bai/")) and p.name != "404.html"
    }
    assert set(locs) == pages
    assert not [u for u in locs if "/nhung/" in u]
    for record in records:
        assert record["url"] in locs
    for overview in ("phong-trao", "dia-ban", "linh-vuc", "don-vi", "nam"):
        assert f"{SITE_URL}{overview}/" in locs
    for (kind, key) in _terms(records):
        assert f"{SITE_URL}{kind}/{key}/" in locs
    for record in records:
        for kind, key in (("linh-vuc", record["field"]), ("don-vi", record["unit"]), ("nam", record["date"][:4])):
            assert f"{SITE_URL}{kind}/{key}/" in locs


def test_robots_txt_points_at_the_sitemap(demo_site):
    lines = (demo_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {SITE_URL}sitemap.xml" in lines
    assert not [ln for ln in lines if ln.replace(" ", "").lower() == "disallow:/"]


def test_every_page_has_its_own_canonical_link(demo_site):
    # Embed cards point at their story; the officers' editor (noindex) is no public page.
    pages = [p for p in demo_site.rglob("*.html") if not p.relative_to(demo_site).as_posix().startswith(("nhung/", "soan-bai/"))]
    assert len(pages) > 100
    for page in pages:
        if page.name == "404.html":
            # Served for any missing address: a canonical link there would point at /404.html.
            continue
        canonicals = _doc(page).find("link", rel="canonical")
        assert len(canonicals) == 1, page.relative_to(demo_site)
        assert canonicals[0]["href"] == _page_url(demo_site, page), page.relative_to(demo_site)


def test_deployment_guide_documents_the_frame_policy():
    """Issue 5: ordinary pages SAMEORIGIN, embed pages (nhung/) framable, written in the deployment guide."""
    texts = [p.read_text(encoding="utf-8") for p in [REPO / "README.md", *REPO.glob("content/**/*.md"), *REPO.glob("docs/**/*.md")] if p.is_file()]
    documented = [t for t in texts if "SAMEORIGIN" in t and "nhung/" in t and ("frame-ancestors" in t or "X-Frame-Options" in t)]
    assert documented, "no guide says which pages are SAMEORIGIN and that nhung/ may be framed"


# -- a throw-away site: many stories in one movement, and movements without stories ----------------

SITE_YML = MKDOCS_YML + "site_url: https://vi.du/thu/\n"


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("busy") / "project", SITE_YML)
    for n in range(25):
        project.add_story(f"2024/bai-{n:02d}.md", title=f"Gương điển hình số {n:02d}", date=f"{1 + n:02d}/03/2024")
    site = project.root.parent / "site"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    return site


def test_widget_caps_at_twenty_with_five_shown(busy_site):
    for folder in ("nhung/phong-trao/nong-thon-moi", "nhung/dia-ban/binh-son"):
        doc = _doc(busy_site / folder / "index.html")
        items = [i for i in doc.items if "data-gs-item" in i["attrs"]]
        assert len(items) == 20, folder
        assert sum("hidden" in i["attrs"] for i in items) == 15
        assert [i["links"][0] for i in items] == [f"https://vi.du/thu/guong-dien-hinh/guong-dien-hinh-so-{n:02d}/" for n in range(24, 4, -1)]


def test_no_embed_box_offers_a_widget_that_does_not_exist(busy_site):
    """Movements without stories keep a page (for their targets); its embed box must not point at a missing widget."""
    missing = []
    for page in busy_site.rglob("*.html"):
        for snippet in _doc(page).text_of("textarea", data_gs_snippet=None):
            iframe, _ = _snippet_parts(snippet)
            if not _local(busy_site, iframe["src"], "https://vi.du/thu/").joinpath("index.html").is_file():
                missing.append((page.relative_to(busy_site).as_posix(), iframe["src"]))
    assert not missing, f"{len(missing)} embed boxes offer missing widgets, e.g. {missing[:2]}"


def test_relative_links_in_embeds_resolve(busy_site):
    for page in (busy_site / "nhung").rglob("index.html"):
        doc = _doc(page)
        for t, a in doc.elements:
            ref = a.get("href") if t == "link" else a.get("src") if t in ("script", "img") else None
            if ref and not urlsplit(ref).scheme:
                assert (page.parent / ref).resolve().is_file(), (page, ref)
