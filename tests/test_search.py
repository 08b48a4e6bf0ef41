"""Vietnamese search (issue 11): the syllable index, and the search page in headless Chromium.

The index files are checked in-process (`generator.outputs.search_index.search_files`); everything a
visitor sees is checked on the built demo site, served on loopback: queries typed the ways people
type them (without diacritics, "đ" as "d", either tone placement, NFD text pasted from elsewhere)
find the expected stories, facets narrow the results, `tim-kiem/?q=` links restore the search,
the header form leads there, and nothing but published story pages is ever found.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import unicodedata
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

import pytest

from conftest import make_project, valid_story
from generator.plan.group import select
from generator.adapters.mkdocs.config import settings_from_file
from generator.validate.project import load_project
from generator.outputs.search_index import FIELDS, FILTERS, INDEX_DIR, filter_slug, fold_syllable, search_files, syllables, tone_placement
from generator.core.settings import Settings
from generator.pipeline import prepare_site
from generator.core.text import fold
from harness import BUILD_EPOCH, mkdocs_build, open_page, serve

REPO = Path(__file__).resolve().parent.parent
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.timezone(dt.timedelta(hours=7))).date()
NFD = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731


# -- the demo's stories, as the generator reads them ---------------------------------------------------


@pytest.fixture(scope="session")
def demo():
    """The demo project loaded as of the test build date: (`Project`, `Edition`)."""
    settings = dataclasses.replace(settings_from_file(REPO / "mkdocs.yml"), build_date=BUILD_DATE)
    project = load_project(settings, cwd=REPO)
    assert not project.errors
    return project, select(project.stories, BUILD_DATE)


@pytest.fixture(scope="session")
def published(demo) -> dict[str, object]:
    """Published demo stories by slug."""
    return {s.slug: s for s in demo[1].published}


def _story_text(story) -> str:
    names = [m.name for m in story.movements] + [story.locality.name, story.unit.name, story.field.name]
    return " ".join([story.title, story.subject, *names, story.summary, story.body])


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


# -- the index files ---------------------------------------------------------------------------------


def _tmp_stories(project) -> None:
    """A published story with names written in non-canonical forms, a draft, a nominee and a future story."""
    project.add_story(
        "2023/doi-dan-phong.md",
        title="Đội dân phòng thôn Đông giữ bình yên khu phố",
        subject="Đội dân phòng thôn Đông, phường Phổ Ninh",
        kind="tập thể",
        district="đức phổ",  # the vocabulary's name is "Thị xã Đức Phổ"
        movement=NFD("cả nước chung sức xây dựng NÔNG THÔN MỚI"),
        field="nông nghiệp - nông thôn mới",
        date="12/3/2023",
    )
    later = {"unit": "Hội Nông dân tỉnh", "district": "Toàn tỉnh"}
    project.add_story("2023/nhap.md", title="Bà Lê Thị Nháp chưa duyệt", status="draft", slug="ba-le-thi-nhap")
    project.add_story("2027/sau.md", title="Ông Trần Văn Tương Lai", date="1/2/2027", slug="ong-tran-van-tuong-lai", **later)
    project.add_story(
        "2026/de-cu.md", title="Hợp tác xã Đề Cử", status="nominee", consultation_until="31/12/2026", date="1/10/2026",
        slug="hop-tac-xa-de-cu", **later,
    )  # fmt: skip


def _index(project) -> dict[str, object]:
    """The search files of a tmp project, parsed: {site-relative path: JSON value}."""
    build = prepare_site(Settings(root=project.root, build_date=BUILD_DATE), cwd=project.root)
    return {f.url: json.loads(f.content) for f in build.all_files() if f.url.startswith(INDEX_DIR)}


def _undelta(values: list[int], with_bits: bool) -> dict[int, int]:
    out, last = {}, -1
    for value in values:
        last += value // 16 if with_bits else value
        out[last] = value % 16 if with_bits else 0
    return out


def test_only_published_stories_are_indexed(project):
    _tmp_stories(project)
    index = _index(project)
    info = index[f"{INDEX_DIR}/info.json"]
    assert info["stories"] == 1
    shards = [v for k, v in index.items() if "/m/" in k]
    assert [row[0] for shard in shards for row in shard] == ["guong-dien-hinh/doi-dan-phong-thon-dong-giu-binh-yen-khu-pho/"]
    everything = json.dumps(index, ensure_ascii=False)
    for hidden in ("Nháp", "Tương Lai", "Đề Cử"):
        assert hidden not in everything
    assert "nhap" not in info["words"] and "cu" not in info["words"]


def test_index_holds_subject_movement_district_and_canonical_filters(project):
    _tmp_stories(project)
    index = _index(project)
    words = set(index[f"{INDEX_DIR}/info.json"]["words"])
    # Subject, movement and district are indexed even though the body never mentions them;
    # each syllable is filed under its form without diacritics ("đức" -> duc).
    for folded in ("phong", "ninh", "nong", "thon", "moi", "duc", "pho", "doi", "dong"):
        assert folded in words, folded
        assert f"{INDEX_DIR}/t/{folded}.json" in index
    duc = index[f"{INDEX_DIR}/t/duc.json"]
    assert _undelta(duc["a"], True) == {0: FIELDS["names"]}  # in the district's name only
    assert set(duc["e"]) == {"đức"}  # the exact spelling, to rank accented queries
    doi = index[f"{INDEX_DIR}/t/doi.json"]
    assert _undelta(doi["a"], True)[0] == FIELDS["title"] | FIELDS["subject"]
    # Filters carry the vocabulary's canonical names, whatever form the story used.
    assert f"{INDEX_DIR}/f/district/duc-pho.json" in index  # named by the term's id
    assert f"{INDEX_DIR}/f/movement/nong-thon-moi.json" in index
    assert f"{INDEX_DIR}/f/kind/{filter_slug('tập thể')}.json" in index
    assert f"{INDEX_DIR}/f/year/2023.json" in index
    keys = {k.split("/f/", 1)[1].split("/", 1)[0] for k in index if "/f/" in k}
    assert keys == set(FILTERS)


def test_index_knows_which_syllables_stand_side_by_side_and_where(project):
    _tmp_stories(project)
    index = _index(project)
    nong = index[f"{INDEX_DIR}/t/nong.json"]
    # "nông thôn" in the movement's and the field's names; never "nông" before "giữ".
    assert _undelta(nong["n"]["thon"], True) == {0: FIELDS["names"]}
    assert "giu" not in nong["n"]
    # "thôn Đông" in the title and the subject (folded: "dong").
    thon = index[f"{INDEX_DIR}/t/thon.json"]
    assert _undelta(thon["n"]["dong"], True) == {0: FIELDS["title"] | FIELDS["subject"]}
    # No pair across two names: the movement's "mới" is not followed by the field's first word.
    moi = index[f"{INDEX_DIR}/t/moi.json"]
    assert "nong" not in moi.get("n", {})


def test_result_rows_carry_labelled_names(project):
    _tmp_stories(project)
    index = _index(project)
    labels = index[f"{INDEX_DIR}/info.json"]["labels"]
    (shard,) = [v for k, v in index.items() if "/m/" in k]
    names = {labels[axis]: name for axis, name in shard[0][6]}
    assert names["Địa bàn"] == "Thị xã Đức Phổ"
    assert names["Phong trào"] == "Cả nước chung sức xây dựng nông thôn mới"


def test_index_values_are_data_not_markup(project):
    project.add_story("2023/a.md", title='Tổ "Dân vận khéo" <script>alert(1)</script> & đồng đội',
                      subject="Ông <b onmouseover=alert(2)>Hòa</b> & cộng sự")  # fmt: skip
    index = _index(project)
    (shard,) = [v for k, v in index.items() if "/m/" in k]
    # JSON text, shown by the page with textContent: markup stays characters (quotes made typographic).
    assert shard[0][1] == 'Tổ “Dân vận khéo” <script>alert(1)</script> & đồng đội'
    assert shard[0][2] == "Ông <b onmouseover=alert(2)>Hòa</b> & cộng sự"
    script = (REPO / "generator/theme/assets/javascripts/tim-kiem.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script


def test_tone_placement_and_syllables_agree_with_the_page():
    assert tone_placement("Khánh Hoà, thuỷ sản, HOÀ, hoàng, khoẻ") == "Khánh Hòa, thủy sản, HÒA, hoàng, khỏe"
    assert syllables(NFD("Thị xã ĐỨC Phổ")) == ["thị", "xã", "đức", "phổ"]
    assert fold_syllable("đức") == "duc" and fold_syllable("thuở") == "thuo"


def test_demo_index_covers_every_published_story_once(demo):
    _, edition = demo
    files = search_files(edition.published, {})
    rows = [row for key, value in files.items() if "/m/" in key for row in json.loads(value)]
    urls = [row[0] for row in rows]
    assert len(urls) == len(set(urls)) == len(edition.published) >= 40
    assert all(re.fullmatch(r"guong-dien-hinh/[a-z0-9-]+/", url) for url in urls)
    hidden = edition.drafts + edition.nominees + edition.scheduled
    assert hidden, "the demo has drafts, nominees and a future story"
    assert not {f"guong-dien-hinh/{s.slug}/" for s in hidden} & set(urls)
    # Newest first: the id order is the date order, which the page uses for ties and filters.
    dates = [dt.datetime.strptime(row[3], "%d/%m/%Y").date() for row in rows]
    assert dates == sorted(dates, reverse=True)


# -- the browser ----------------------------------------------------------------------------------------


# The page's own search (tim-kiem.js): query normalisation, "đ" variants and merging included.
API = """async ([query, filters]) => {
  while (!window.guongSang) await new Promise((resolve) => setTimeout(resolve, 20));
  return await window.guongSang.search(query, filters);
}"""

SHOWN = """() => [...document.querySelectorAll(".gs-search__result")].map((li) => ({
  href: li.querySelector("a").href,
  title: li.querySelector(".gs-search__title").textContent,
  meta: li.querySelector(".gs-search__meta").textContent,
  excerpt: li.querySelector(".gs-search__excerpt")?.innerHTML || "",
  chips: [...li.querySelectorAll(".gs-search__chip")].map((chip) => chip.textContent),
  html: li.innerHTML,
}))"""

ARM = """() => {
  window.__gsRendered = false;
  const list = document.querySelector("[data-gs-results]");
  const observer = new MutationObserver(() => { window.__gsRendered = true; observer.disconnect(); });
  observer.observe(list, { childList: true });
}"""


def _slug(url: str) -> str:
    match = re.search(r"/guong-dien-hinh/([^/]+)/$", urlsplit(url).path)
    assert match, f"not a story page: {url}"
    return match.group(1)


def _assert_clean(visit) -> None:
    assert visit.console_errors == [], visit.console_errors
    assert visit.page_errors == [], visit.page_errors
    assert visit.failed_requests == [], visit.failed_requests
    assert visit.foreign_requests == [], visit.foreign_requests


def _search_url(base: str, query: str | None = None, **filters: str) -> str:
    params = ({"q": query} if query is not None else {}) | filters
    return base + "tim-kiem/" + (f"?{urlencode(params, quote_via=quote)}" if params else "")


def _open(browser, base: str, query: str | None = None, width: int = 1280, **filters: str):
    """The search page for a `?q=` link, once its results are shown."""
    page, visit = open_page(browser, _search_url(base, query, **filters), width)
    page.wait_for_function("document.querySelector('[data-gs-status]').textContent !== ''", timeout=20_000)
    return page, visit


def _wait_rendered(page, action) -> None:
    page.evaluate(ARM)
    action()
    page.wait_for_function("window.__gsRendered === true", timeout=20_000)


@pytest.fixture(scope="module")
def api(browser, base_url):
    """`api(query, **filters)`: every result of Pagefind for the query, as [(slug, score)], best first."""
    page, visit = open_page(browser, base_url + "tim-kiem/", 1280)

    def run(query: str | None, **filters: str) -> list[tuple[str, float]]:
        return [(_slug(r["url"]), r["score"]) for r in page.evaluate(API, [query, filters])]

    yield run
    _assert_clean(visit)
    page.context.close()


def _slugs(results) -> list[str]:
    return [slug for slug, _score in results]


def _first_for(published, text: str):
    """The one published story whose title contains `text`."""
    found = [s for s in published.values() if text in s.title]
    assert len(found) == 1, (text, [s.title for s in found])
    return found[0]


# Exact names, typed as people type them: the story named in its title comes first.
DUC_PHO_VARIANTS = ["Đức Phổ", "đức phổ", "ĐỨC PHỔ", NFD("Đức Phổ"), "duc pho", "DUC PHO", "Duc Pho"]


@pytest.mark.parametrize("query", DUC_PHO_VARIANTS, ids=lambda q: repr(q))
def test_district_found_however_it_is_typed(api, published, query):
    in_district = {s.slug for s in published.values() if s.locality.id == "duc-pho"}
    assert len(in_district) >= 3
    found = _slugs(api(query))
    assert in_district <= set(found), f"{query!r} misses {in_district - set(found)}"


@pytest.mark.parametrize("query", DUC_PHO_VARIANTS, ids=lambda q: repr(q))
def test_story_named_after_the_district_ranks_first_however_it_is_typed(api, published, query):
    story = _first_for(published, "thị xã Đức Phổ")
    results = api(query)
    assert results and results[0][0] == story.slug, (
        f"{query!r}: expected {story.slug} first, got {_slugs(results)[:4]} (scores {[round(s, 2) for _, s in results[:4]]})"
    )


D_NAMES = ["Đinh Văn Trơ", "Đại úy Trần Quang Vinh", "Điều dưỡng Phạm Thị Thu Hà", "Đội thanh niên tình nguyện Sơn Tây",
           "Đinh Thị Hoa"]  # fmt: skip


@pytest.mark.parametrize("name", D_NAMES)
def test_names_with_d_found_first_without_diacritics(api, published, name):
    story = _first_for(published, name)
    for query in (name, NFD(name)):
        found = _slugs(api(query))
        assert found and found[0] == story.slug, f"{query!r}: {found[:3]}"
    # Without diacritics the "d" and "đ" searches are merged by score, and another story can
    # outscore the name on common syllables ("thi", "hoa"): the name must still be near the top.
    for query in (fold(name), fold(name).upper()):
        found = _slugs(api(query))
        assert story.slug in found[:2], f"{query!r}: {found[:3]}"


@pytest.mark.parametrize("query", ["nông thôn mới", "nong thon moi", "Nông Thôn Mới", "NONG THON MOI", NFD("nông thôn mới")])
def test_movement_found_with_and_without_diacritics(api, published, query):
    expected = {
        s.slug for s in published.values()
        if "nông thôn mới" in " ".join([m.name for m in s.movements] + [s.field.name]).lower()
    }  # fmt: skip
    assert len(expected) >= 5
    found = set(_slugs(api(query)))
    assert expected <= found, f"{query!r} misses {expected - found}"
    movement = {s.slug for s in published.values() if any(m.id == "nong-thon-moi" for m in s.movements)}
    assert movement <= found


@pytest.mark.parametrize(
    ("new_style", "old_style", "title_part"),
    [
        ("thủy sản", "thuỷ sản", None),  # in bodies only, which are not indexed by default
        ("văn hóa Hrê", "văn hoá Hrê", "cồng chiêng thôn Nước Lăng"),
        ("nhà văn hóa thôn", "nhà văn hoá thôn", "Đinh Văn Trơ"),
    ],
)
def test_both_tone_placements_find_the_same_stories(api, published, new_style, old_style, title_part):
    new, old = api(new_style), api(old_style)
    if title_part:
        story = _first_for(published, title_part)
        assert story.slug in _slugs(new)[:2], (new_style, _slugs(new)[:3])
        assert story.slug in _slugs(old)[:2], (old_style, _slugs(old)[:3])
    assert _slugs(new) == _slugs(old)


@pytest.mark.parametrize("query", ["Đức Phổ", "Huỳnh Văn Sáu", "nông thôn mới", "Bộ phận một cửa", "Ba Tơ", "Ban công tác"])
def test_nfd_query_shows_the_same_results_as_nfc(browser, base_url, query):
    """Text pasted from macOS or a PDF arrives decomposed (NFD): same results, same order."""
    shown = {}
    for form in ("NFC", "NFD"):
        page, visit = _open(browser, base_url, unicodedata.normalize(form, query))
        try:
            shown[form] = [_slug(r["href"]) for r in page.evaluate(SHOWN)]
            _assert_clean(visit)
        finally:
            page.context.close()
    assert shown["NFC"], query
    assert shown["NFD"] == shown["NFC"]


def test_nothing_but_published_story_pages_is_indexed(api, demo, demo_site, browser, base_url):
    project, edition = demo
    published = {s.slug for s in edition.published}
    page, visit = open_page(browser, base_url + "tim-kiem/", 1280)
    years = page.evaluate("""() => [...document.querySelectorAll('[data-gs-filter="year"] option')].map((o) => o.value).filter(Boolean)""")
    page.context.close()
    _assert_clean(visit)
    indexed: list[str] = []
    for year in years:
        indexed += _slugs(api(None, year=year))
    assert sorted(indexed) == sorted(published)
    info = json.loads((demo_site / "tim-kiem" / "chi-muc" / "info.json").read_text(encoding="utf-8"))
    assert info["stories"] == len(published)
    # Words of listing, dashboard, embed and consultation pages find story pages only.
    for query in ("Thống kê", "Phong trào", "Địa bàn", "Lấy ý kiến", "nhúng", "Tìm kiếm", "Giới thiệu"):
        assert set(_slugs(api(query))) <= published, query


def test_drafts_nominees_and_future_stories_are_never_found(api, demo):
    _, edition = demo
    hidden = edition.drafts + edition.nominees + edition.scheduled
    assert len(edition.nominees) >= 2 and edition.drafts and edition.scheduled
    published = {s.slug for s in edition.published}
    for story in hidden:
        for query in (story.title, story.subject, fold(story.subject)):
            found = _slugs(api(query))
            assert story.slug not in found, (story.source, query)
            assert set(found) <= published


# -- exact-accent ranking, on stories that differ only by their accents ---------------------------------


ACCENTED = {"hoa-huyen": "Hòa", "hoa-khong": "Hoa", "hoa-sac": "Hóa", "thuy-hoi": "Thủy", "thuy-huyen": "Thùy",
            "dao-d": "Đào", "dao-khong": "Dao"}  # fmt: skip


@pytest.fixture(scope="module")
def accents_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("accents") / "project"
    project = make_project(root)
    body = "Bà tham gia trồng và bảo vệ rừng đầu nguồn, vận động bà con cùng làm theo.\n"
    for slug, name in ACCENTED.items():
        project.add_story(f"2023/{slug}.md", valid_story(body, title=f"Bà Lê Thị {name} giữ rừng", subject=f"Bà Lê Thị {name}", slug=slug))
    result = mkdocs_build(root, root / "site")
    assert result.returncode == 0, result.stderr
    return root / "site"


@pytest.fixture(scope="module")
def accents_api(browser, accents_site):
    with serve(accents_site) as base:
        page, visit = open_page(browser, base + "tim-kiem/", 1280)

        def run(query: str) -> list[tuple[str, float]]:
            return [(_slug(r["url"]), r["score"]) for r in page.evaluate(API, [query, {}])]

        yield run
        _assert_clean(visit)
        page.context.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [("Hòa", "hoa-huyen"), ("Hóa", "hoa-sac"), ("Thủy", "thuy-hoi"), ("Thùy", "thuy-huyen"),
     ("Hoà", "hoa-huyen"), ("Thuỷ", "thuy-hoi"), (NFD("Hòa"), "hoa-huyen")],
)  # fmt: skip
def test_query_with_diacritics_ranks_exact_accent_match_first(accents_api, query, expected):
    results = accents_api(query)
    family = {slug for slug in ACCENTED if slug[:3] == expected[:3]}
    assert set(_slugs(results)) == family, "diacritic-insensitive: every spelling is found"
    scores = dict(results)
    others = max(score for slug, score in scores.items() if slug != expected)
    assert scores[expected] > others, f"{query!r}: {expected} should outrank the other accents, scores {scores}"


def test_d_and_dj_are_one_letter_for_unaccented_queries(accents_api):
    assert set(_slugs(accents_api("dao"))) == {"dao-d", "dao-khong"}
    # With diacritics the exact spelling ranks first; the unaccented one may follow.
    assert _slugs(accents_api("Đào"))[0] == "dao-d"


# -- the search page --------------------------------------------------------------------------------------


def test_q_link_shows_results_with_title_subject_date_and_marked_excerpt(browser, base_url, published):
    story = _first_for(published, "thị xã Đức Phổ")
    page, visit = _open(browser, base_url, "Đức Phổ")
    try:
        assert page.input_value("#gs-q") == "Đức Phổ"
        status = page.inner_text("[data-gs-status]")
        assert re.fullmatch(r"Tìm thấy \d+ gương điển hình( \(hiện 10 kết quả đầu\))?\.", status), status
        shown = page.evaluate(SHOWN)
        assert 0 < len(shown) <= 20
        first = shown[0]
        assert _slug(first["href"]) == story.slug
        assert first["title"] == story.title
        assert story.subject in first["meta"]
        assert story.date.strftime("%d/%m/%Y") in first["meta"]
        assert "<mark>" in first["html"]
        for result in shown:
            found = published[_slug(result["href"])]
            assert result["title"] == found.title
            assert "<mark>" in result["html"], result  # each result shows why it matched
            # The excerpt is the story's own text (its summary), never a run-on list of names.
            assert result["excerpt"].replace("<mark>", "").replace("</mark>", "").strip("… ") in found.summary
            # The names are labelled chips.
            assert f"Địa bàn: {found.locality.name}" in result["chips"]
            assert {f"Phong trào: {m.name}" for m in found.movements} <= set(result["chips"])
        page.click(".gs-search__result a >> nth=0")
        page.wait_for_load_state()
        assert page.locator("h1").first.inner_text() == story.title
        _assert_clean(visit)
    finally:
        page.context.close()


@pytest.mark.parametrize("query", ["Đức Phổ", "duc pho", "nong thon moi"])
def test_excerpts_show_the_story_own_words_not_the_folded_copy(browser, base_url, published, query):
    page, visit = _open(browser, base_url, query)
    try:
        shown = page.evaluate(SHOWN)
        assert shown
        for result in shown:
            story = published[_slug(result["href"])]
            words = _words(_story_text(story))
            for marked in re.findall(r"<mark>(.*?)</mark>", result["html"]):
                word = re.sub(r"\W+", "", marked.lower())
                assert word in words, (
                    f"{query!r}: the excerpt of {story.slug} marks {marked!r}, which the story never writes "
                    f"(it comes from the folded copy): {result['excerpt']!r}"
                )
        _assert_clean(visit)
    finally:
        page.context.close()


def test_typing_in_the_search_page_updates_results_and_link(browser, base_url, published):
    page, visit = open_page(browser, base_url + "tim-kiem/", 375)
    try:
        assert page.inner_text("[data-gs-status]") == ""
        assert page.locator(".gs-search__result").count() == 0
        _wait_rendered(page, lambda: page.fill("#gs-q", "dai uy tran quang vinh"))
        shown = page.evaluate(SHOWN)
        assert _slug(shown[0]["href"]) == _first_for(published, "Đại úy Trần Quang Vinh").slug
        assert urlsplit(page.url).query == "q=dai+uy+tran+quang+vinh"
        _wait_rendered(page, lambda: page.fill("#gs-q", "xyzzy qwrtp"))
        assert page.inner_text("[data-gs-status]").startswith("Không tìm thấy gương điển hình nào")
        assert page.locator(".gs-search__result").count() == 0
        _assert_clean(visit)
    finally:
        page.context.close()


def test_vietnamese_labels_and_canonical_filter_values(browser, base_url, demo):
    _, edition = demo
    page, visit = open_page(browser, base_url + "tim-kiem/", 1280)
    try:
        page.wait_for_selector("[data-gs-filters]:not([hidden])", state="attached")
        assert page.inner_text("[data-gs-filters] legend") == "Lọc kết quả"
        expected = {
            "movement": {m.name for s in edition.published for m in s.movements},
            "district": {s.locality.name for s in edition.published},
            "field": {s.field.name for s in edition.published},
            "kind": {s.kind.value for s in edition.published},
            "year": {str(s.date.year) for s in edition.published},
        }
        for key, label in FILTERS.items():
            assert page.inner_text(f"label[for=gs-f-{key}]") == label
            options = page.eval_on_selector_all(f"#gs-f-{key} option", "os => os.map(o => [o.value, o.textContent])")
            assert options[0] == ["", "Tất cả"]
            assert {value for value, _ in options[1:]} == expected[key], key
        assert "Tìm" in page.inner_text(".gs-search button[type=submit]")
        _assert_clean(visit)
    finally:
        page.context.close()


def test_year_facet_narrows_results_to_that_year(browser, base_url, published, api):
    query = "nông thôn mới"
    everything = _slugs(api(query))
    in_2023 = [slug for slug in everything if published[slug].date.year == 2023]
    assert 0 < len(in_2023) < len(everything)
    page, visit = _open(browser, base_url, query)
    try:
        assert len(page.evaluate(SHOWN)) == min(len(everything), 10)
        _wait_rendered(page, lambda: page.select_option("#gs-f-year", "2023"))
        shown = [_slug(r["href"]) for r in page.evaluate(SHOWN)]
        assert sorted(shown) == sorted(in_2023)
        assert page.inner_text("[data-gs-status]") == f"Tìm thấy {len(in_2023)} gương điển hình."
        params = dict(p.split("=", 1) for p in urlsplit(page.url).query.split("&"))
        assert params["year"] == "2023" and "q" in params
        _assert_clean(visit)
    finally:
        page.context.close()


def test_district_facet_alone_lists_the_district_newest_first(browser, base_url, published):
    district = "Thị xã Đức Phổ"
    expected = sorted((s for s in published.values() if s.locality.name == district), key=lambda s: s.date, reverse=True)
    page, visit = open_page(browser, base_url + "tim-kiem/", 1280)
    try:
        page.wait_for_selector("[data-gs-filters]:not([hidden])", state="attached")
        _wait_rendered(page, lambda: page.select_option("#gs-f-district", district))
        shown = [_slug(r["href"]) for r in page.evaluate(SHOWN)]
        assert shown == [s.slug for s in expected]
        _assert_clean(visit)
    finally:
        page.context.close()


def test_query_and_filter_link_restores_both(browser, base_url, published, api):
    district = "Thị xã Đức Phổ"
    expected = {s.slug for s in published.values() if s.locality.name == district}
    page, visit = _open(browser, base_url, "duc pho", district=district)
    try:
        assert page.input_value("#gs-q") == "duc pho"
        assert page.input_value("#gs-f-district") == district
        shown = {_slug(r["href"]) for r in page.evaluate(SHOWN)}
        assert shown == expected
        assert set(_slugs(api("duc pho", district=district))) == expected
        # Clearing the filter widens the results again, still for the same query.
        _wait_rendered(page, lambda: page.select_option("#gs-f-district", ""))
        assert len(page.evaluate(SHOWN)) > len(expected)
        assert "district=" not in page.url
        _assert_clean(visit)
    finally:
        page.context.close()


@pytest.mark.parametrize("start", ["", "guong-dien-hinh/{slug}/", "dia-ban/"])
def test_header_search_form_leads_to_the_search_page(browser, base_url, published, start):
    slug = next(iter(published))
    page, visit = open_page(browser, base_url + start.format(slug=slug), 1280)
    try:
        assert page.locator("[data-md-component=search]").count() == 0, "Material's search is disabled"
        page.fill("#gs-header-q", "nong thon moi")
        with page.expect_navigation():
            page.press("#gs-header-q", "Enter")
        parts = urlsplit(page.url)
        assert parts.path == "/tim-kiem/" and parts.query == "q=nong+thon+moi"
        page.wait_for_function("document.querySelector('[data-gs-status]').textContent !== ''")
        assert page.input_value("#gs-q") == "nong thon moi"
        assert page.locator(".gs-search__result").count() > 0
        _assert_clean(visit)
    finally:
        page.context.close()


def test_material_search_index_is_not_built(demo_site):
    assert not (demo_site / "search" / "search_index.json").exists()
    assert (demo_site / "tim-kiem" / "chi-muc" / "info.json").is_file()
    assert not (demo_site / "pagefind").exists()
    assert (demo_site / "tim-kiem" / "index.html").is_file()


# -- issue 19: phrases, more results, chips, filters on a phone ----------------------------------------


def _has_phrase(text: str, phrase: str) -> bool:
    words = " ".join(fold(w) for w in re.findall(r"\w+", unicodedata.normalize("NFC", text)))
    return f" {fold(phrase)} " in f" {words} "


@pytest.mark.parametrize("query", ["nông thôn mới", "nong thon moi"])
def test_a_phrase_in_a_story_own_text_ranks_before_its_words_scattered(api, published, query):
    ranked = [published[slug] for slug in _slugs(api(query))]
    assert len(ranked) > 10
    own = [_has_phrase(" | ".join([s.title, s.subject, s.summary]), "nong thon moi") for s in ranked]
    assert sum(own) >= 3, "the demo has stories saying 'nông thôn mới' in their own text"
    # Every story with the phrase in its title, subject or summary comes before every story without it.
    assert own == sorted(own, reverse=True), [(s.title, o) for s, o in zip(ranked, own)]


def test_more_results_load_ten_at_a_time_and_take_the_focus(browser, base_url, api):
    total = len(api("nong thon moi"))
    assert 10 < total <= 20
    page, visit = _open(browser, base_url, "nong thon moi", width=375)
    try:
        assert page.locator(".gs-search__result").count() == 10
        more = page.locator(".gs-search__more")
        assert more.is_visible() and more.inner_text() == f"Xem thêm {total - 10} kết quả"
        assert page.inner_text("[data-gs-status]") == f"Tìm thấy {total} gương điển hình (hiện 10 kết quả đầu)."
        more.click()
        page.wait_for_function(f"document.querySelectorAll('.gs-search__result').length === {total}")
        assert page.inner_text("[data-gs-status]") == f"Tìm thấy {total} gương điển hình."
        assert not more.is_visible()
        assert page.evaluate("document.activeElement === document.querySelectorAll('.gs-search__result a')[10]")
        hrefs = [r["href"] for r in page.evaluate(SHOWN)]
        assert len(set(hrefs)) == total  # no result twice
        _assert_clean(visit)
    finally:
        page.context.close()


def test_on_a_phone_filters_fold_behind_one_button_and_results_start_on_the_first_screen(browser, base_url):
    page, visit = _open(browser, base_url, "Đức Phổ", width=375)
    try:
        toggle = page.locator("[data-gs-filters-toggle]")
        assert toggle.is_visible() and toggle.inner_text() == "Lọc"
        assert not page.locator("#gs-f-district").is_visible()
        first = page.locator(".gs-search__result").first.bounding_box()
        assert first is not None and first["y"] < page.viewport_size["height"]
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
        assert page.locator("#gs-f-district").is_visible()
        _wait_rendered(page, lambda: page.select_option("#gs-f-year", index=1))
        assert toggle.inner_text() == "Lọc (1)"
        _assert_clean(visit)
    finally:
        page.context.close()


def test_on_a_wide_screen_filters_show_without_a_button(browser, base_url):
    page, visit = _open(browser, base_url, "Đức Phổ", width=1280)
    try:
        assert not page.locator("[data-gs-filters-toggle]").is_visible()
        assert page.locator("#gs-f-district").is_visible()
        _assert_clean(visit)
    finally:
        page.context.close()
