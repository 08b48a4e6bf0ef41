"""Embeds in a real browser: a "newspaper" page on one loopback origin pastes the snippet of the
site served on another, as an editor would, and headless Chromium shows what its readers get.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import MKDOCS_YML, make_project
from harness import mkdocs_build, serve

PRODUCTION = "https://guongsang.quangngai.gov.vn/"
TOLERANCE = 3
"""Pixels the iframe may differ from its content (rounding of fractional heights)."""


@pytest.fixture(scope="module")
def site_url(demo_site) -> Iterator[str]:
    with serve(demo_site) as url:
        yield url


@pytest.fixture(scope="module")
def host_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("newspaper")


@pytest.fixture(scope="module")
def host_url(host_dir) -> Iterator[str]:
    with serve(host_dir) as url:
        yield url


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory) -> Path:
    """A site whose movement "nong-thon-moi" has 25 stories (the demo's largest has fewer than 10)."""
    project = make_project(tmp_path_factory.mktemp("busy") / "project", MKDOCS_YML + f"site_url: {PRODUCTION}\n")
    for n in range(25):
        project.add_story(f"2024/bai-{n:02d}.md", title=f"Gương điển hình số {n:02d}", date=f"{1 + n:02d}/03/2024",
                          summary=f"Tóm tắt của gương điển hình số {n:02d}, đủ dài để xuống dòng ở khung hẹp.")  # fmt: skip
    site = project.root.parent / "site"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def busy_url(busy_site) -> Iterator[str]:
    with serve(busy_site) as url:
        yield url


@pytest.fixture(scope="module")
def records(demo_site) -> list[dict]:
    return json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


@pytest.fixture(scope="module")
def story(records) -> dict:
    """A story with a cover photo and a summary: the fullest card."""
    return next(r for r in records if r["image"] and r["summary"])


def _snippet(site: Path, slug: str, origin: str) -> str:
    html = json.loads((site / "nhung" / slug / "oembed.json").read_text(encoding="utf-8"))["html"]
    assert PRODUCTION in html
    return html.replace(PRODUCTION, origin)


def _widget_snippet(site: Path, listing: str, origin: str) -> str:
    import html as html_module
    import re

    page = (site / listing / "index.html").read_text(encoding="utf-8")
    raw = re.search(r"<textarea[^>]*data-gs-snippet[^>]*>(.*?)</textarea>", page, re.S).group(1)
    snippet = html_module.unescape(raw)
    assert PRODUCTION in snippet
    return snippet.replace(PRODUCTION, origin)


RECORDER = """<script>
window.gsMessages = [];
addEventListener("message", function (e) { window.gsMessages.push({origin: e.origin, data: e.data}); });
</script>"""


def _host_page(host_dir: Path, name: str, body: str) -> str:
    (host_dir / name).write_text(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
        f"<link rel=\"icon\" href=\"data:,\"><title>Báo thử</title>{RECORDER}</head>\n"
        f"<body><h1>Chuyên mục Gương sáng</h1>\n<p>Bài của báo.</p>\n{body}\n<p>Cuối trang.</p></body></html>\n",
        encoding="utf-8",
    )
    return name


@dataclass
class Visit:
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.failed_requests == [], self.failed_requests
        assert self.foreign_requests == [], self.foreign_requests


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _open(browser, url: str, allowed: set[str], width: int = 1000, height: int = 900, **context_options):
    """Open `url` recording errors (of the page and its frames) and requests outside `allowed` origins."""
    visit = Visit()
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    page = context.new_page()
    page.on("console", lambda m: visit.console_errors.append(f"{m.text} @ {m.location}") if m.type == "error" else None)
    page.on("pageerror", lambda e: visit.page_errors.append(str(e)))

    def on_request(request) -> None:
        if urlsplit(request.url).scheme in ("http", "https", "ws", "wss") and _origin(request.url) not in allowed:
            visit.foreign_requests.append(request.url)

    page.on("request", on_request)
    page.on("requestfailed", lambda r: visit.failed_requests.append(f"{r.url} {r.failure}"))
    page.goto(url, wait_until="networkidle")
    return page, visit


def _frame(page, selector: str):
    handle = page.wait_for_selector(selector, state="attached")
    frame = handle.content_frame()
    assert frame is not None
    frame.wait_for_load_state("load")
    return frame


def _heights(page, selector: str) -> tuple[float, float, float]:
    """(iframe height on the host page, content height inside it, inner scroll height) in CSS pixels."""
    frame = _frame(page, selector)
    outer = page.eval_on_selector(selector, "e => e.getBoundingClientRect().height")
    content = frame.evaluate("document.body.getBoundingClientRect().height")
    scroll = frame.evaluate("document.documentElement.scrollHeight")
    return outer, content, scroll


def _settled(page, selector: str, differs_from: float | None = None) -> tuple[float, float, float]:
    """The heights once the iframe matches its content (and, if asked, has changed from `differs_from`).

    Event-driven: when the iframe does not fit yet, wait for the next message the host page
    receives (a height from the card, which the host script acts on) and measure again.
    Playwright's own timeout guards against a card that never reports.
    """
    while True:
        received = page.evaluate("window.gsMessages.length")
        outer, content, scroll = _heights(page, selector)
        ok = abs(outer - content) <= TOLERANCE and (differs_from is None or abs(outer - differs_from) > TOLERANCE)
        if ok:
            return outer, content, scroll
        page.wait_for_function("n => window.gsMessages.length > n", arg=received)


# -- a story card on a newspaper's page ---------------------------------------------------------------


def test_story_embed_fits_its_content_and_grows_when_narrow(browser, demo_site, site_url, host_dir, host_url, story):
    name = _host_page(host_dir, "bai.html", _snippet(demo_site, story["slug"], site_url))
    page, visit = _open(browser, host_url + name, {_origin(site_url), _origin(host_url)}, width=1000)
    try:
        assert _origin(site_url) != _origin(host_url), "two origins, as on a real newspaper"
        selector = "iframe[data-guong-sang]"
        frame = _frame(page, selector)
        assert frame.url == f"{site_url}nhung/{story['slug']}/"
        assert story["title"] in frame.inner_text("h2")
        wide, content, scroll = _settled(page, selector)
        assert abs(wide - content) <= TOLERANCE, f"iframe {wide}px for {content}px of content"
        assert scroll <= wide + 1, f"content of {scroll}px clipped in a {wide}px iframe"
        assert wide > 100

        page.set_viewport_size({"width": 360, "height": 900})
        narrow, content, scroll = _settled(page, selector, differs_from=wide)
        assert narrow > wide + 20, f"the iframe did not grow when the column narrowed ({wide} -> {narrow})"
        assert abs(narrow - content) <= TOLERANCE, f"iframe {narrow}px for {content}px of content at 360px"
        assert scroll <= narrow + 1
        width = page.eval_on_selector(selector, "e => e.getBoundingClientRect().width")
        assert width <= 360, "the iframe fits the phone's column"

        # The card spoke our own message only; no WordPress form without a secret.
        messages = page.evaluate("window.gsMessages")
        ours = [m for m in messages if isinstance(m["data"], dict) and m["data"].get("type") == "guong-sang:height"]
        assert ours and all(m["origin"] == _origin(site_url) for m in ours)
        assert not [m for m in messages if isinstance(m["data"], dict) and "secret" in m["data"]]
        visit.assert_clean()
    finally:
        page.context.close()


def test_the_recorder_sees_errors_inside_the_frame(browser, demo_site, site_url, host_dir, host_url, story):
    """The checks above would be empty if errors in the cross-origin frame went unseen: make sure they do not."""
    name = _host_page(host_dir, "kiem-tra.html", _snippet(demo_site, story["slug"], site_url))
    page, visit = _open(browser, host_url + name, {_origin(site_url), _origin(host_url)})
    try:
        frame = _frame(page, "iframe[data-guong-sang]")
        with page.expect_console_message(lambda message: "lỗi thử trong khung" in message.text):
            frame.evaluate("console.error('lỗi thử trong khung')")
        assert any("lỗi thử trong khung" in e for e in visit.console_errors)
    finally:
        page.context.close()


def test_read_more_opens_the_story_outside_the_frame(browser, demo_site, site_url, host_dir, host_url, story):
    name = _host_page(host_dir, "doc-tiep.html", _snippet(demo_site, story["slug"], site_url))
    page, visit = _open(browser, host_url + name, {_origin(site_url), _origin(host_url)})
    try:
        visit.assert_clean()
        # The card links to the published portal; answer for it here, so nothing leaves the machine.
        page.context.route(f"{PRODUCTION}**", lambda route: route.fulfill(
            status=200, content_type="text/html; charset=utf-8", body="<!doctype html><title>Cổng</title>"))  # fmt: skip
        frame = _frame(page, "iframe[data-guong-sang]")
        link = frame.get_by_role("link", name="Đọc tiếp trên Cổng thông tin")
        assert link.count() == 1
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in (link.get_attribute("rel") or "").split()
        with page.context.expect_page() as popup_info:
            link.click()
        popup = popup_info.value
        popup.wait_for_load_state()
        assert popup.url == story["url"]
        assert frame.url == f"{site_url}nhung/{story['slug']}/", "the frame itself stayed on the card"
        assert page.url == host_url + name, "the newspaper's page stayed"
        assert popup.evaluate("window.opener") is None, "noopener: the story cannot reach the newspaper's page"
    finally:
        page.context.close()


def test_wordpress_secret_form_of_the_height_message(browser, demo_site, site_url, host_dir, host_url, story):
    # WordPress embeds without our host script: it sizes the iframe from {message: "height", value, secret}.
    src = f"{site_url}nhung/{story['slug']}/#?secret=abc"
    body = f'<iframe class="wp-embedded-content" data-secret="abc" src="{src}" width="500" height="300" style="border:0"></iframe>'
    name = _host_page(host_dir, "wordpress.html", body)
    page, visit = _open(browser, host_url + name, {_origin(site_url), _origin(host_url)})
    try:
        page.wait_for_function(
            "window.gsMessages.some(m => m.data && m.data.message === 'height' && m.data.secret === 'abc')", timeout=8000
        )
        messages = [m for m in page.evaluate("window.gsMessages") if isinstance(m["data"], dict) and m["data"].get("message") == "height"]
        assert messages
        last = messages[-1]
        assert last["origin"] == _origin(site_url)
        assert last["data"]["secret"] == "abc"
        assert isinstance(last["data"]["value"], (int, float)) and last["data"]["value"] > 0
        frame = _frame(page, "iframe.wp-embedded-content")
        content = frame.evaluate("document.body.getBoundingClientRect().height")
        assert abs(last["data"]["value"] - content) <= TOLERANCE, (last["data"]["value"], content)
        visit.assert_clean()
    finally:
        page.context.close()


def test_two_embeds_and_the_script_twice_on_one_page(browser, demo_site, site_url, host_dir, host_url, records):
    """Editors paste the whole snippet each time: the script twice must still size each iframe to its own card."""
    first, second = records[0], next(r for r in records[1:] if r["image"])
    body = (
        f'<div id="a">{_snippet(demo_site, first["slug"], site_url)}</div>\n'
        f'<div id="b" style="max-width:300px">{_snippet(demo_site, second["slug"], site_url)}</div>'
    )
    name = _host_page(host_dir, "hai-bai.html", body)
    page, visit = _open(browser, host_url + name, {_origin(site_url), _origin(host_url)})
    try:
        heights = []
        for selector in ("#a iframe", "#b iframe"):
            outer, content, _ = _settled(page, selector)
            assert abs(outer - content) <= TOLERANCE, (selector, outer, content)
            heights.append(outer)
        assert heights[0] != heights[1], "each iframe got its own card's height"
        assert page.evaluate("window.guongSangEmbeds") == 1
        visit.assert_clean()
    finally:
        page.context.close()


def test_host_script_arriving_after_the_card_still_sizes_it(browser, demo_site, site_url, host_dir, host_url, story):
    """`async` means nhung.js may run after the card has already reported its height (a slow script,
    or a newspaper that adds scripts at the end of its page): the iframe must still fit its content."""
    name = _host_page(host_dir, "cham.html", _snippet(demo_site, story["slug"], site_url))
    context = browser.new_context(viewport={"width": 1000, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))

    held = []  # the host script's request, answered only once the card has reported its height
    try:
        context.route("**/nhung/nhung.js", lambda route: held.append(route))
        page.goto(host_url + name, wait_until="domcontentloaded")
        page.wait_for_function("window.gsMessages.some(m => m.data && m.data.type === 'guong-sang:height')")
        assert page.evaluate("window.guongSangEmbeds") is None, "the host script has not run yet"
        [request] = held
        request.continue_()
        outer, content, _ = _settled(page, "iframe[data-guong-sang]")
        assert page.evaluate("window.guongSangEmbeds") == 1, "the host script ran"
        assert abs(outer - content) <= TOLERANCE, f"iframe stayed {outer}px for {content}px of content"
        assert errors == []
    finally:
        context.close()


# -- the latest-stories widget --------------------------------------------------------------------------


def _visible_items(frame) -> int:
    return frame.evaluate(
        "[...document.querySelectorAll('[data-gs-item]')].filter(li => !li.hidden && li.getBoundingClientRect().height > 0).length"
    )


def test_widget_shows_five_by_default_and_n_from_the_query(browser, busy_site, busy_url, host_dir, host_url):
    snippet = _widget_snippet(busy_site, "phong-trao/nong-thon-moi", busy_url)
    ten = snippet.replace('/nhung/phong-trao/nong-thon-moi/"', '/nhung/phong-trao/nong-thon-moi/?n=10"')
    assert ten != snippet
    body = f'<div id="mac-dinh">{snippet}</div>\n<div id="muoi">{ten}</div>'
    name = _host_page(host_dir, "widget.html", body)
    page, visit = _open(browser, host_url + name, {_origin(busy_url), _origin(host_url)}, height=2000)
    try:
        default_frame = _frame(page, "#mac-dinh iframe")
        ten_frame = _frame(page, "#muoi iframe")
        assert ten_frame.url.endswith("/nhung/phong-trao/nong-thon-moi/?n=10")
        assert default_frame.evaluate("document.querySelectorAll('[data-gs-item]').length") == 20
        assert _visible_items(default_frame) == 5
        assert _visible_items(ten_frame) == 10
        five, content5, _ = _settled(page, "#mac-dinh iframe")
        ten_height, content10, _ = _settled(page, "#muoi iframe")
        assert abs(five - content5) <= TOLERANCE and abs(ten_height - content10) <= TOLERANCE
        assert ten_height > five * 1.5, "ten items take more room than five"
        titles = default_frame.locator("[data-gs-item]:not([hidden]) h2").all_inner_texts()
        assert titles == [f"Gương điển hình số {n:02d}" for n in range(24, 19, -1)], "the newest five"
        for link in default_frame.locator("a").all():
            assert link.get_attribute("target") == "_blank"
        visit.assert_clean()
    finally:
        page.context.close()


@pytest.mark.parametrize("n, shown", [("1", 1), ("20", 20), ("50", 20), ("0", 5), ("abc", 5), ("-3", 5)])
def test_widget_query_is_bounded(browser, busy_site, busy_url, host_dir, host_url, n, shown):
    snippet = _widget_snippet(busy_site, "dia-ban/binh-son", busy_url)
    snippet = snippet.replace('/nhung/dia-ban/binh-son/"', f'/nhung/dia-ban/binh-son/?n={n}"')
    assert f"?n={n}" in snippet
    name = _host_page(host_dir, f"widget-{n}.html", snippet)
    page, visit = _open(browser, host_url + name, {_origin(busy_url), _origin(host_url)})
    try:
        frame = _frame(page, "iframe[data-guong-sang]")
        assert _visible_items(frame) == shown
        outer, content, _ = _settled(page, "iframe[data-guong-sang]")
        assert abs(outer - content) <= TOLERANCE, (outer, content)
        visit.assert_clean()
    finally:
        page.context.close()


# -- the embed box on a story page ---------------------------------------------------------------------


def test_copy_button_copies_the_snippet(browser, demo_site, site_url, story):
    page, visit = _open(
        browser, f"{site_url}guong-dien-hinh/{story['slug']}/", {_origin(site_url)}, width=1280,
        permissions=["clipboard-read", "clipboard-write"],
    )  # fmt: skip
    try:
        expected = json.loads((demo_site / "nhung" / story["slug"] / "oembed.json").read_text(encoding="utf-8"))["html"]
        box = page.locator("details.gs-embed-box")
        assert box.count() == 1
        box.locator("summary").click()
        area = box.locator("textarea[data-gs-snippet]")
        assert area.is_visible()
        assert area.input_value() == expected
        button = box.get_by_role("button", name="Sao chép mã nhúng")
        button.click()
        status = box.locator("[role=status]")
        status.filter(has_text="Đã sao chép").wait_for(timeout=5000)
        assert page.evaluate("navigator.clipboard.readText()") == expected
        visit.assert_clean()
    finally:
        page.context.close()
