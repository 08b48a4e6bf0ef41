"""`exemplars headers`: a Content-Security-Policy computed from the built site, which the site passes.

Issue 7, "Review and deployment": the CSP of the deployment guide is checked in headless
Chromium with zero violations. The demo site is served with the headers the command prints
(the embed policy under /nhung/), every page type is visited at phone and desktop width, and
`securitypolicyviolation` events, console errors and requests to other hosts are recorded.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import hashlib
import http.server
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import harness
import pytest
from click.testing import CliRunner

from generator.adapters.cli import cli
from generator.outputs.headers import csp_hash, scan_html, site_policies

# -- the command ------------------------------------------------------------------------------------


def headers(site: Path, *args: str):
    return CliRunner().invoke(cli, ["headers", str(site), *args])


def parse_text(output: str) -> tuple[dict[str, str], dict[str, str]]:
    """The text format -> (headers of ordinary pages, headers of /nhung/ pages); the editor's
    section, if any, follows them (tests/test_editor.py)."""
    site_part, embed_part = output.split("\n\n")[:2]

    def fields(part: str) -> dict[str, str]:
        return dict(line.split(": ", 1) for line in part.splitlines() if line and not line.startswith("#"))

    return fields(site_part), fields(embed_part)


def directives(policy: str) -> dict[str, list[str]]:
    return {name: values for name, *values in (d.split() for d in policy.split("; "))}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def printed(demo_site: Path) -> tuple[dict[str, str], dict[str, str]]:
    result = headers(demo_site)
    assert result.exit_code == 0, result.output
    return parse_text(result.stdout)


def test_the_policy_has_every_directive_and_no_unsafe_inline(printed):
    site, embed = printed
    assert set(site) == {"Content-Security-Policy", "X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"}
    assert site["X-Frame-Options"] == "SAMEORIGIN"
    assert site["X-Content-Type-Options"] == embed["X-Content-Type-Options"] == "nosniff"
    assert site["Referrer-Policy"] == embed["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "X-Frame-Options" not in embed  # it has no "any site" value
    policy = directives(site["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["style-src"] == ["'self'"]  # Material needs no inline styles (checked in Chromium below)
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["font-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'self'"]
    assert directives(embed["Content-Security-Policy"])["frame-ancestors"] == ["*"]
    for text in (site["Content-Security-Policy"], embed["Content-Security-Policy"]):
        assert "unsafe-inline" not in text and "unsafe-eval'" not in text.replace("wasm-unsafe-eval", "")


def test_script_src_lists_the_hash_of_every_inline_script(printed, demo_site: Path):
    script_src = directives(printed[0]["Content-Security-Policy"])["script-src"]
    assert script_src[0] == "'self'"
    # Computed here independently: every <script> without src and not JSON or JSON-LD, outside nhung/.
    expected = set()
    for page in demo_site.rglob("*.html"):
        if page.relative_to(demo_site).parts[0] == "nhung":
            continue
        for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
            # JSON and JSON-LD (structured data) are data blocks: not run, not subject to CSP.
            if "src=" not in attrs and "application/json" not in attrs and "application/ld+json" not in attrs:
                expected.add(sha256(body))
    assert expected, "the demo site has inline scripts (Material's bootstrap)"
    assert {s for s in script_src if s.startswith("'sha256-")} == expected
    assert "'wasm-unsafe-eval'" not in script_src  # the search is plain JavaScript and JSON
    assert directives(printed[1]["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_nginx_format_is_an_include_file(demo_site: Path, printed):
    result = headers(demo_site, "--format", "nginx")
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    site, embed = printed
    top = lines[: lines.index("location ^~ /nhung/ {")]
    end = lines.index("}", lines.index("location ^~ /nhung/ {"))
    block = lines[lines.index("location ^~ /nhung/ {") + 1 : end]
    assert lines[-1] == "}"
    assert top == [f'add_header {name} "{value}" always;' for name, value in site.items()]
    assert block[:-1] == [f'    add_header {name} "{value}" always;' for name, value in embed.items()]
    assert block[-1].startswith('    add_header Cache-Control "')
    # Every directive ends with ";" and no value breaks nginx's double quotes.
    for line in top + block:
        assert line.endswith(" always;") and line.count('"') == 2


def test_an_empty_folder_is_a_usage_error(tmp_path: Path):
    result = headers(tmp_path)
    assert result.exit_code == 2
    assert "không có trang HTML nào" in result.output
    assert headers(tmp_path / "khong-co").exit_code == 2


# -- the scanner on small pages ----------------------------------------------------------------------

PAGE = """<!doctype html><html><head>
<script>var a = "x &amp; y" < 3;</script>
<script type="module">import "./a.js";</script>
<script id="__config" type="application/json">{"a": 1}</script>
<script type="application/ld+json">{"@type": "Article"}</script>
<script src="b.js"></script>
<style>.a{color:red}</style>
</head><body><p style="color: red">x</p><button onclick="go()">y</button></body></html>"""


def test_scan_hashes_exactly_what_the_browser_runs():
    scan = scan_html(PAGE)
    # Script text is hashed raw, entities and all, as the browser does.
    assert scan.scripts == {sha256('var a = "x &amp; y" < 3;'), sha256('import "./a.js";')}
    assert scan.styles == {sha256(".a{color:red}")}
    assert scan.style_attributes == {sha256("color: red")}
    assert scan.handlers == {sha256("go()")}
    assert csp_hash("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"


def test_attributes_and_style_elements_need_unsafe_hashes(tmp_path: Path):
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    policy = directives(site_policies(tmp_path).site)
    assert policy["script-src"][:2] == ["'self'", "'unsafe-hashes'"]
    assert sha256("go()") in policy["script-src"]
    assert policy["style-src"][:2] == ["'self'", "'unsafe-hashes'"]
    assert {sha256("color: red"), sha256(".a{color:red}")} <= set(policy["style-src"])
    assert "'wasm-unsafe-eval'" not in policy["script-src"]  # no WebAssembly in this site


# -- in Chromium ---------------------------------------------------------------------------------------

# Registered before any page script: every CSP violation of the page, with what was blocked.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push([e.effectiveDirective, e.blockedURI, e.sourceFile + ":" + e.lineNumber, e.sample].join(" | "));
});
"""


@dataclass
class Served:
    url: str
    not_found: list[str] = field(default_factory=list)


@contextlib.contextmanager
def serve_with_headers(folder: Path, site: dict[str, str], embed: dict[str, str]) -> Iterator[Served]:
    """Serve `folder` with the headers `exemplars headers` printed, like the nginx snippet does."""
    served = Served("")

    class Handler(harness._QuietHandler):
        def end_headers(self) -> None:
            for name, value in (embed if self.path.startswith("/nhung/") else site).items():
                self.send_header(name, value)
            super().end_headers()

        def log_request(self, code="-", size="-") -> None:
            if str(code) == "404":
                served.not_found.append(self.path)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    served.url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield served
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    violations: list[str]
    console_errors: list[str]
    foreign_requests: list[str]
    page: object


def settle(page, condition: str) -> None:
    """Until `condition` (a JavaScript function) holds, then two more animation frames, so that what
    the page does in reaction (Material's classes and styles) has happened. Fails after 600 frames
    rather than hanging the suite.

    Not `wait_for_function`: it compiles its string inside the page, which the policy under test
    forbids (`'unsafe-eval'`); this whole expression is compiled by the browser's debugger instead.
    """
    page.evaluate(
        "() => new Promise((done, fail) => {"
        f"  const test = {condition};"
        "  let frames = 0;"
        "  const frame = () => requestAnimationFrame(() => requestAnimationFrame(done));"
        "  const check = () => test() ? frame()"
        "    : ++frames > 600 ? fail(new Error('never held: ' + test))"
        "    : requestAnimationFrame(check);"
        "  check();"
        "})"
    )


def visit(browser, url: str, width: int, action=None) -> Visit:
    host = urlsplit(url).netloc
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    foreign: list[str] = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: console.append(str(e)))
    page.on(
        "request",
        lambda r: foreign.append(r.url)
        if urlsplit(r.url).scheme in ("http", "https", "ws", "wss") and urlsplit(r.url).netloc != host
        else None,
    )
    page.goto(url, wait_until="networkidle")
    if action:
        action(page)
    page.mouse.wheel(0, 2500)  # Material's header, tabs and "back to top" react to scrolling
    # a page shorter than the window cannot scroll: then there is nothing to wait for
    settle(page, "() => scrollY > 0 || document.scrollingElement.scrollHeight <= innerHeight")
    return Visit(page.evaluate("window.__violations"), console, foreign, page)


def favicon_only(served: Served, console: list[str]) -> list[str]:
    """Console errors other than the browser's own /favicon.ico request on pages without an icon link."""
    assert set(served.not_found) <= {"/favicon.ico"}, served.not_found
    missing = "Failed to load resource: the server responded with a status of 404 (File not found)"
    rest = list(console)
    for _ in served.not_found:
        if missing in rest:
            rest.remove(missing)
    return rest


@pytest.fixture(scope="module")
def served(demo_site: Path, printed) -> Iterator[Served]:
    with serve_with_headers(demo_site, *printed) as server:
        yield server


def open_drawer(page) -> None:
    if page.viewport_size["width"] < 1220:
        page.locator("label.md-header__button[for=__drawer]").click()
        settle(page, "() => document.getElementById('__drawer').checked")


def search(page) -> None:
    page.wait_for_selector("[data-gs-results] li", timeout=15000)


STORY = "ong-pham-van-tam"
PAGES = {
    "home": ("", open_drawer),
    "story": (f"guong-dien-hinh/{STORY}/", open_drawer),
    "listing": ("phong-trao/nong-thon-moi/", None),
    "listing index": ("dia-ban/", None),
    "dashboard": ("thong-ke/2023/", None),
    "consultation": ("lay-y-kien/", None),
    "search": ("tim-kiem/?q=nong+thon+moi", search),
    "embed card": (f"nhung/{STORY}/", None),
    "embed widget": ("nhung/phong-trao/nong-thon-moi/", None),
}


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("name", PAGES)
def test_pages_pass_the_policy(browser, served, name: str, width: int):
    path, action = PAGES[name]
    seen = visit(browser, served.url + path, width, action)
    assert seen.violations == []
    assert favicon_only(served, seen.console_errors) == []
    assert seen.foreign_requests == []
    if not path.startswith("nhung/"):
        # Material's inline bootstrap ran (its hash is allowed) and its bundle started.
        assert seen.page.evaluate("typeof __md_scope") == "object"
        assert seen.page.evaluate("typeof document$") == "object"
    seen.page.context.close()


def test_search_finds_stories_under_the_policy(browser, served):
    seen = visit(browser, served.url + "tim-kiem/?q=nong+thon+moi", 1280, search)
    results = seen.page.locator("[data-gs-results] li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any("guong-dien-hinh/" in href for href in results)
    assert seen.violations == []
    seen.page.context.close()


def test_the_listener_sees_violations_of_a_stricter_policy(browser, demo_site: Path, printed):
    """Control: without the hashes, the same pages do report violations."""
    site, embed = printed
    strict = {**site, "Content-Security-Policy": re.sub(r" 'sha256-[^']+'", "", site["Content-Security-Policy"])}
    with serve_with_headers(demo_site, strict, embed) as server:
        home = visit(browser, server.url, 1280)
        assert any(v.startswith("script-src-elem | inline") for v in home.violations), home.violations
        assert home.page.evaluate("typeof __md_scope") == "undefined"
        home.page.context.close()


def test_framing_ordinary_pages_only_from_the_site_embeds_from_anywhere(browser, served, tmp_path: Path):
    """A newspaper on another origin: the embed loads in its iframe, a story page is refused."""
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Báo</title>'
        f'<iframe id="embed" src="{served.url}nhung/{STORY}/"></iframe>'
        f'<iframe id="story" src="{served.url}guong-dien-hinh/{STORY}/"></iframe>',
        encoding="utf-8",
    )
    with serve_with_headers(tmp_path, {}, {}) as newspaper:
        page = browser.new_page()
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text) if "frame-ancestors" in m.text else None)
        page.goto(newspaper.url, wait_until="networkidle")
        frames = {urlsplit(f.url).path: f for f in page.frames if f != page.main_frame}
        embed = frames.get(f"/nhung/{STORY}/")
        assert embed is not None and embed.locator("[data-gs-embed]").count() == 1
        assert not any(p.startswith("/guong-dien-hinh/") for p in frames), "a story page was shown inside another site"
        # Chromium names the refused origin (the portal), not the page.
        assert refused and all(served.url.rstrip("/") in m and "frame-ancestors 'self'" in m for m in refused), refused
        page.close()
