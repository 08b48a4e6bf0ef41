"""Accessibility (WCAG 2.1 AA, issue 8): axe-core in headless Chromium on every page type of the demo.

axe-core is the npm package pinned in package.json (`npm ci` installs it; `python3 dev.py test` does
that when node_modules/axe-core is missing). It is injected into each page from the file, nothing is
fetched. A page passes with zero violations of impact "serious" or "critical"; failures print each
violation's rule id, help text and the CSS targets of the offending elements.

Besides axe: keyboard navigation reaches the header search and the pagination with a visible focus
indicator, every <img> has an alt attribute, every page says lang="vi", and the province colours
(the `portal:` options of mkdocs.yml) have enough contrast, computed here with the WCAG formula.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import lxml.html
import pytest
import yaml

from conftest import REPO
from harness import mkdocs_build, open_page, serve

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (375, 1280)
BLOCKING = ("serious", "critical")
# axe rules run: WCAG 2.0/2.1 A and AA plus best practices (landmarks, headings, region).
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
               "resultTypes": ["violations"]}  # fmt: skip


# -- the pieces ------------------------------------------------------------------------------------------


def test_axe_core_is_pinned_and_installed() -> None:
    package = json.loads((REPO / "package.json").read_text(encoding="utf-8"))
    pinned = package["devDependencies"]["axe-core"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), f"axe-core must be pinned to an exact version, not {pinned!r}"
    assert AXE.is_file(), "axe-core is missing: run `npm ci` (python3 dev.py test does it)"
    installed = json.loads((AXE.parent / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == pinned
    lock = json.loads((REPO / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/axe-core"]["version"] == pinned


@pytest.fixture(scope="module")
def axe_source() -> str:
    assert AXE.is_file(), "axe-core is missing: run `npm ci` in the repository (python3 dev.py test does it)"
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory) -> Path:
    """The demo with 4 stories per listing page, so that listings have page/2/ (the demo has none)."""
    root = tmp_path_factory.mktemp("paged") / "p"
    root.mkdir()
    for name in ("content", "theme_overrides", "exemplars"):
        shutil.copytree(REPO / name, root / name)
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - exemplars:\n" in yml
    (root / "mkdocs.yml").write_text(yml.replace("  - exemplars:\n", "  - exemplars:\n      per_page: 4\n", 1), encoding="utf-8")
    site = root / "out"
    run = mkdocs_build(root, site)
    assert run.returncode == 0, run.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def paged_url(paged_site):
    with serve(paged_site) as url:
        yield url


def _records(site: Path) -> list[dict]:
    return json.loads((site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


def _biggest(site: Path, axis_dir: str) -> str:
    """The listing of `axis_dir` with the most stories (by its card count)."""
    best = max(
        (p for p in (site / axis_dir).iterdir() if (p / "index.html").is_file()),
        key=lambda p: (p / "index.html").read_text(encoding="utf-8").count('class="gs-card"'),
    )
    return f"{axis_dir}/{best.name}/"


def _story_with_photos(site: Path) -> str:
    for record in _records(site):
        html = (site / "guong-dien-hinh" / record["slug"] / "index.html").read_text(encoding="utf-8")
        if 'class="gs-cover"' in html and 'class="gs-figure' in html:
            return f"guong-dien-hinh/{record['slug']}/"
    raise AssertionError("the demo has no story with a cover and a photo in the body")


PAGE_KINDS = (
    "home", "story", "movement", "district", "field", "unit", "year",
    "movements", "districts", "fields", "units", "years",
    "dashboard", "dashboard-year", "dashboard-phase", "consultation", "search",
    "embed-card", "embed-widget", "about", "guide", "not-found",
)  # fmt: skip


@pytest.fixture(scope="module")
def demo_pages(demo_site) -> dict[str, str]:
    """Page kind -> path in the demo site."""
    years = sorted(p.name for p in (demo_site / "thong-ke").iterdir() if p.name.isdigit())
    phases = sorted(p.name for p in (demo_site / "thong-ke").iterdir() if p.name.startswith("giai-doan"))
    widgets = sorted(p.name for p in (demo_site / "nhung" / "phong-trao").iterdir())
    story = _story_with_photos(demo_site)
    pages = {
        "home": "",
        "story": story,
        "movement": _biggest(demo_site, "phong-trao"),
        "district": _biggest(demo_site, "dia-ban"),
        "field": _biggest(demo_site, "linh-vuc"),
        "unit": _biggest(demo_site, "don-vi"),
        "year": _biggest(demo_site, "nam"),
        "movements": "phong-trao/",
        "districts": "dia-ban/",
        "fields": "linh-vuc/",
        "units": "don-vi/",
        "years": "nam/",
        "dashboard": "thong-ke/",
        "dashboard-year": f"thong-ke/{years[-2]}/",
        "dashboard-phase": f"thong-ke/{phases[0]}/",
        "consultation": "lay-y-kien/",
        "search": "tim-kiem/?q=B%C3%ACnh%20S%C6%A1n",
        "embed-card": "nhung/" + story.split("/")[1] + "/",
        "embed-widget": f"nhung/phong-trao/{widgets[0]}/",
        "about": "gioi-thieu/",
        "guide": "huong-dan/",
        "not-found": "404.html",
    }
    assert set(pages) == set(PAGE_KINDS)
    return pages


def run_axe(page, axe_source: str) -> list[dict]:
    """axe's violations on the loaded page, serious and critical only."""
    page.add_script_tag(content=axe_source)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    return [v for v in result["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl'].split('?')[0]})")
        for node in v["nodes"][:6]:
            summary = " ".join(node.get("failureSummary", "").split())[:240]
            lines.append(f"      {' > '.join(map(str, node['target']))}  {summary}")
        if len(v["nodes"]) > 6:
            lines.append(f"      … {len(v['nodes']) - 6} more")
    return "\n".join(lines)


def _open(browser, url: str, width: int):
    page, visit = open_page(browser, url, width)
    if "/tim-kiem/" in url:
        # The results are drawn by script from the Pagefind index: test the page people see.
        page.wait_for_selector("[data-gs-results] li", timeout=15000)
    return page, visit


# -- axe on every page type -------------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", PAGE_KINDS)
def test_no_serious_or_critical_axe_violations(kind, width, browser, base_url, demo_pages, axe_source) -> None:
    path = demo_pages[kind]
    page, _ = _open(browser, base_url + path, width)
    try:
        violations = run_axe(page, axe_source)
    finally:
        page.context.close()
    assert not violations, f"{kind} /{path} at {width}px:\n{describe(violations)}"


@pytest.mark.parametrize("width", WIDTHS)
def test_second_listing_page_has_no_serious_violations(width, browser, paged_site, paged_url, axe_source) -> None:
    pages = sorted(paged_site.glob("phong-trao/*/page/2/index.html"))
    assert pages, "per_page: 4 gave no page/2/"
    path = pages[0].parent.relative_to(paged_site).as_posix() + "/"
    page, _ = _open(browser, paged_url + path, width)
    try:
        violations = run_axe(page, axe_source)
    finally:
        page.context.close()
    assert not violations, f"/{path} at {width}px:\n{describe(violations)}"


def test_axe_finds_a_planted_violation(browser, base_url, demo_pages, axe_source) -> None:
    """The harness can fail: an image without alt, planted in the home page, is reported."""
    page, _ = _open(browser, base_url, 1280)
    try:
        page.evaluate("() => { const i = document.createElement('img'); i.src = 'x.png'; document.querySelector('main').append(i); }")
        ids = {v["id"] for v in run_axe(page, axe_source)}
    finally:
        page.context.close()
    assert "image-alt" in ids


# -- keyboard ---------------------------------------------------------------------------------------------

FOCUS_INFO = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const again = el.dataset.gsTabbed === '1';
  el.dataset.gsTabbed = '1';
  const s = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const path = [];
  for (let n = el; n && n.nodeType === 1 && path.length < 4; n = n.parentElement) {
    path.unshift(n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.classList.length ? '.' + [...n.classList].join('.') : ''));
  }
  let bg = 'rgba(0, 0, 0, 0)';
  for (let n = el.parentElement; n; n = n.parentElement) {
    const c = getComputedStyle(n).backgroundColor;
    if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
  }
  return {
    again, href: el.getAttribute('href') || '', inHeaderSearch: !!el.closest('.gs-header-search'),
    path: path.join(' > ').replace(/[.]focus-visible/g, ''), tag: el.tagName.toLowerCase(), id: el.id, text: (el.innerText || el.value || '').trim().slice(0, 40),
    cls: el.className && el.className.baseVal === undefined ? el.className : '',
    inPagination: !!el.closest('.gs-pagination'), inResults: !!el.closest('[data-gs-results]'), visible: r.width > 0 && r.height > 0,
    outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, outlineColor: s.outlineColor,
    boxShadow: s.boxShadow, parentBackground: bg,
  };
}"""


def _tab_through(page, limit: int = 250) -> list[dict]:
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    seen: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INFO)
        if info is None:
            continue
        if info["again"]:
            break  # wrapped around to an element already visited
        seen.append(info)
    return seen


def _rgb(css: str) -> tuple[float, float, float]:
    parts = [float(x) for x in re.findall(r"[\d.]+", css)[:3]]
    return parts[0], parts[1], parts[2]


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG 2.1 contrast ratio of two sRGB colours given as 0-255 channels."""

    def luminance(rgb: tuple[float, float, float]) -> float:
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (x / 255 for x in rgb)]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def hex_rgb(value: str) -> tuple[float, float, float]:
    value = value.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))  # type: ignore[return-value]


def _indicator(info: dict) -> bool:
    return (info["outlineStyle"] != "none" and info["outlineWidth"] > 0) or info["boxShadow"] not in ("none", "")


@pytest.mark.parametrize("width", WIDTHS)
def test_tab_reaches_search_and_pagination_with_visible_focus(width, browser, paged_site, paged_url) -> None:
    path = sorted(paged_site.glob("phong-trao/*/page/2/index.html"))[0].parent.parent.parent.relative_to(paged_site).as_posix() + "/"
    page, _ = open_page(browser, paged_url + path, width)
    try:
        assert page.locator(".gs-pagination a").count() >= 1, "the listing has no pagination links"
        focused = _tab_through(page)
    finally:
        page.context.close()
    assert focused, "Tab focuses nothing"
    # At desktop width the header has a search field; on phones only its button, which opens tim-kiem/.
    if width >= 1000:
        search = [f for f in focused if f["id"] == "gs-header-q" and f["visible"]]
    else:
        search = [f for f in focused if f["inHeaderSearch"] and f["visible"] and f["tag"] == "button"]
    assert search, f"Tab never reaches the header search at {width}px: {[f['path'] for f in focused]}"
    pagination = [f for f in focused if f["inPagination"] and f["tag"] == "a"]
    assert pagination, f"Tab never reaches the pagination at {width}px"
    invisible = [f"{f['path']} ({f['text']!r}): outline {f['outlineStyle']} {f['outlineWidth']}px, box-shadow {f['boxShadow']}"
                 for f in focused if f["visible"] and not _indicator(f)]  # fmt: skip
    assert not invisible, f"focused without a visible indicator at {width}px:\n  " + "\n  ".join(invisible)


@pytest.mark.parametrize("width", WIDTHS)
def test_focus_indicator_contrasts_with_its_background(width, browser, paged_site, paged_url) -> None:
    """WCAG 1.4.11: a focus outline needs 3:1 against what surrounds it."""
    path = sorted(paged_site.glob("phong-trao/*/page/2/index.html"))[0].parent.relative_to(paged_site).as_posix() + "/"
    page, _ = open_page(browser, paged_url + path, width)
    try:
        focused = _tab_through(page)
    finally:
        page.context.close()
    weak = []
    for f in focused:
        if not f["visible"] or f["outlineStyle"] == "none" or f["outlineWidth"] <= 0:
            continue
        ratio = contrast(_rgb(f["outlineColor"]), _rgb(f["parentBackground"]) if "rgba(0, 0, 0, 0)" not in f["parentBackground"] else (255, 255, 255))
        if ratio < 3:
            weak.append(f"{f['path']} ({f['text']!r}): outline {f['outlineColor']} on {f['parentBackground']} = {ratio:.2f}:1")
    assert not weak, f"focus outlines under 3:1 at {width}px:\n  " + "\n  ".join(sorted(set(weak)))


def test_search_results_are_reachable_by_keyboard(browser, base_url) -> None:
    page, _ = _open(browser, base_url + "tim-kiem/?q=B%C3%ACnh%20S%C6%A1n", 1280)
    try:
        focused = _tab_through(page)
        results = page.locator("[data-gs-results] a").count()
    finally:
        page.context.close()
    assert results > 0
    assert any(f["inResults"] and f["tag"] == "a" for f in focused), [f["path"] for f in focused]
    assert all(_indicator(f) for f in focused if f["inResults"]), [f for f in focused if f["inResults"]][:3]


# -- every page of the built site ---------------------------------------------------------------------------


def _html_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if not p.relative_to(site).parts[0] in ("assets", "pagefind")]


def test_every_img_has_an_alt_attribute(demo_site) -> None:
    missing = []
    pages = _html_pages(demo_site)
    assert len(pages) > 100
    for path in pages:
        doc = lxml.html.fromstring(path.read_bytes())
        for img in doc.xpath("//img[not(@alt)]"):
            missing.append(f"{path.relative_to(demo_site)}: <img src={img.get('src')!r}>")
    assert not missing, "\n".join(missing[:40])


def test_meaningful_photos_have_non_empty_alt(demo_site) -> None:
    """Covers and body photos carry their alt; only the decorative card thumbnails may be alt=""."""
    empty = []
    for path in _html_pages(demo_site):
        if not path.relative_to(demo_site).as_posix().startswith("guong-dien-hinh/"):
            continue
        doc = lxml.html.fromstring(path.read_bytes())
        for img in doc.xpath('//figure[contains(@class, "gs-cover") or contains(@class, "gs-figure")]//img'):
            if not (img.get("alt") or "").strip():
                empty.append(f"{path.relative_to(demo_site)}: {img.get('src')}")
    assert not empty, "\n".join(empty)


def test_every_page_is_in_vietnamese(demo_site) -> None:
    wrong = []
    for path in _html_pages(demo_site):
        doc = lxml.html.fromstring(path.read_bytes())
        root = doc.getroottree().getroot()
        if root.get("lang") != "vi":
            wrong.append(f"{path.relative_to(demo_site)}: lang={root.get('lang')!r}")
    assert not wrong, "\n".join(wrong[:40])


def test_every_page_has_a_title_and_one_h1(demo_site) -> None:
    wrong = []
    for path in _html_pages(demo_site):
        doc = lxml.html.fromstring(path.read_bytes())
        title = (doc.findtext(".//title") or "").strip()
        h1 = doc.xpath("//h1")
        where = path.relative_to(demo_site).as_posix()
        if not title:
            wrong.append(f"{where}: no <title>")
        # Embed cards are fragments of other sites' pages; the editor is Decap's own application.
        if not where.startswith(("nhung/", "soan-bai/")) and len(h1) != 1:
            wrong.append(f"{where}: {len(h1)} <h1>")
    assert not wrong, "\n".join(wrong[:40])


# -- the province colours ---------------------------------------------------------------------------------


def _portal_colours() -> dict[str, str]:
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    portal: dict = {}
    for entry in config.get("plugins", []):
        if isinstance(entry, dict) and "exemplars" in entry:
            portal = (entry["exemplars"] or {}).get("portal", {}) or {}
    from generator.core.settings import Portal

    defaults = Portal()  # what the site uses when mkdocs.yml does not set a colour
    return {
        "primary_color": portal.get("primary_color", defaults.primary_color),
        "accent_color": portal.get("accent_color", defaults.accent_color),
    }


def test_contrast_formula() -> None:
    assert contrast((0, 0, 0), (255, 255, 255)) == pytest.approx(21)
    assert contrast(hex_rgb("#777777"), hex_rgb("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(hex_rgb("#a31d1d"), hex_rgb("#fff")) == pytest.approx(7.63, abs=0.01)


@pytest.mark.parametrize("option", ["primary_color", "accent_color"])
def test_province_colour_contrasts_with_white(option: str) -> None:
    """Material prints white text on the primary colour (header, tabs, buttons) and on the accent
    colour (buttons on hover); links take the accent colour on white when hovered or focused."""
    colour = _portal_colours()[option]
    ratio = contrast(hex_rgb(colour), (255, 255, 255))
    assert ratio >= 4.5, f"portal.{option} {colour} against white: {ratio:.2f}:1 (WCAG AA needs 4.5:1)"


def test_site_uses_the_configured_colours(demo_site) -> None:
    css = (demo_site / "assets" / "stylesheets" / "portal.css").read_text(encoding="utf-8")
    colours = _portal_colours()
    assert f"--md-primary-fg-color: {colours['primary_color']}" in css
    assert f"--md-accent-fg-color: {colours['accent_color']}" in css


def test_header_text_on_primary_colour_in_the_browser(browser, base_url) -> None:
    """The computed header colours, as readers see them, meet 4.5:1."""
    page, _ = open_page(browser, base_url, 1280)
    try:
        colours = page.evaluate(
            "() => { const h = document.querySelector('.md-header'); const s = getComputedStyle(h);"
            " const t = document.querySelector('.md-header__topic') || h; return [s.backgroundColor, getComputedStyle(t).color]; }"
        )
    finally:
        page.context.close()
    background, text = (_rgb(c) for c in colours)
    assert contrast(background, text) >= 4.5, colours


# -- dev.py installs axe-core -------------------------------------------------------------------------------


def _dev_module():
    import importlib.util

    spec = importlib.util.spec_from_file_location("dev_for_test", REPO / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_dev_py_runs_npm_ci_when_axe_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dev = _dev_module()
    shutil.copy(REPO / "package.json", tmp_path / "package.json")
    shutil.copy(REPO / "package-lock.json", tmp_path / "package-lock.json")
    calls: list[tuple] = []
    monkeypatch.setattr(dev, "ROOT", tmp_path)
    monkeypatch.setattr(dev, "run", lambda *args: calls.append(tuple(map(str, args))))
    monkeypatch.setattr(dev.shutil, "which", lambda name: f"/usr/bin/{name}")
    dev.ensure_axe()
    assert calls == [("/usr/bin/npm", "ci", "--no-audit", "--no-fund")]
    for tool in dev.NODE_TOOLS:
        (tmp_path / "node_modules" / tool).parent.mkdir(parents=True)
        (tmp_path / "node_modules" / tool).write_text("/* tool */", encoding="utf-8")
    dev.ensure_axe()
    assert len(calls) == 1  # installed: nothing to do


def test_dev_py_stays_standard_library_only() -> None:
    import ast

    tree = ast.parse((REPO / "dev.py").read_text(encoding="utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported
