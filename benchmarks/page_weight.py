"""Page weight on a phone: bytes per page type and Lighthouse's mobile scores, on the built demo.

For each page type (home, story, listing, search, dashboard) of the demo site:

1. the site is served on loopback by benchmarks/search.py's server, which gzips text as a web
   server would and counts every byte it sends; headless Chromium (Debian's) opens the page at
   375 × 812 with an empty cache and waits until the network is idle. Reported: non-image bytes
   as sent (HTML, CSS, JS, fonts, JSON), font files, image bytes, requests;
2. Lighthouse (npm `lighthouse`, version pinned below, run with `npx`) audits the page with its
   default mobile emulation (Moto G Power, simulated slow 4G, 4× CPU slowdown): performance
   score, LCP, TBT, CLS.

Targets (issue 19): home and story ≤ 120 KB of non-image bytes and ≤ 3 font files on first load;
Lighthouse mobile performance ≥ 90 on every page type.

Prints a Markdown table; `--write` appends it, with the machine described, to benchmarks/RESULTS.md.

    python benchmarks/page_weight.py [--site DIR] [--no-lighthouse] [--write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))
from harness import CHROMIUM, CHROMIUM_ARGS, mkdocs_build  # noqa: E402
from search import machine, serve_gzip  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
TARGET_KB = 120
TARGET_FONTS = 3
TARGET_SCORE = 90
IMAGES = (".avif", ".webp", ".jpg", ".jpeg", ".png", ".gif", ".svg", ".ico")
BUDGETED = ("home", "story")
"""Page types the byte and font budgets apply to (the issue names these two)."""


def page_types(site: Path) -> dict[str, str]:
    """A page of each type in the built demo (site-relative URLs)."""
    story = sorted(p.name for p in (site / "guong-dien-hinh").iterdir() if (p / "index.html").is_file())[0]
    listing = sorted(p.name for p in (site / "dia-ban").iterdir() if (p / "index.html").is_file())[0]
    return {
        "home": "",
        "story": f"guong-dien-hinh/{story}/",
        "listing": f"dia-ban/{listing}/",
        "search": "tim-kiem/",
        "dashboard": "thong-ke/",
    }


def measure_bytes(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """Bytes sent and font files per page type, first visit with an empty cache, at 375 px."""
    from playwright.sync_api import sync_playwright

    rows: dict[str, dict] = {}
    with serve_gzip(site) as (base, link), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for name, url in pages.items():
                context = browser.new_context(viewport={"width": 375, "height": 812}, device_scale_factor=2, is_mobile=True)
                page = context.new_page()
                link.reset()
                page.goto(base + url, wait_until="networkidle")
                sent = link.snapshot()
                context.close()
                images = sum(size for path, size in sent if path.lower().endswith(IMAGES))
                fonts = [path for path, _ in sent if path.endswith((".woff2", ".woff", ".ttf"))]
                rows[name] = {
                    "url": url,
                    "non_image_kb": (sum(size for _, size in sent) - images) / 1024,
                    "image_kb": images / 1024,
                    "fonts": len(fonts),
                    "font_kb": sum(size for path, size in sent if path in fonts) / 1024,
                    "requests": len(sent),
                }
        finally:
            browser.close()
    return rows


def lighthouse(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """Lighthouse mobile performance of each page type (default mobile emulation and throttling)."""
    scores: dict[str, dict] = {}
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    with serve_gzip(site) as (base, _link), tempfile.TemporaryDirectory() as tmp:
        for name, url in pages.items():
            report = Path(tmp) / f"{name}.json"
            subprocess.run(
                ["npx", "--yes", LIGHTHOUSE, base + url, "--only-categories=performance", "--output=json",
                 f"--output-path={report}", "--quiet", "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                env=env, check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            data = json.loads(report.read_text(encoding="utf-8"))
            audits = data["audits"]
            scores[name] = {
                "score": round(data["categories"]["performance"]["score"] * 100),
                "lcp_s": audits["largest-contentful-paint"]["numericValue"] / 1000,
                "tbt_ms": audits["total-blocking-time"]["numericValue"],
                "cls": audits["cumulative-layout-shift"]["numericValue"],
                "version": data["lighthouseVersion"],
            }
    return scores


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(rows: dict[str, dict], scores: dict[str, dict]) -> str:
    """The results as Markdown."""
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    version = next(iter(scores.values()))["version"] if scores else "not run"
    lines = [
        f"### Page weight on a phone, {dt.date.today().isoformat()} — {machine()}, {chromium}, Lighthouse {version}",
        "",
        "Demo site, first visit with an empty cache at 375 px; bytes as sent by a server gzipping text (level 6).",
        f"Targets: home and story ≤ {TARGET_KB} KB non-image and ≤ {TARGET_FONTS} font files; Lighthouse mobile ≥ {TARGET_SCORE}.",
        "",
        "| page | non-image KB | fonts (KB) | images KB | requests | Lighthouse | LCP s | TBT ms | CLS | |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for name, row in rows.items():
        lh = scores.get(name)
        ok = (lh is None or lh["score"] >= TARGET_SCORE) and (
            name not in BUDGETED or (row["non_image_kb"] <= TARGET_KB and row["fonts"] <= TARGET_FONTS)
        )
        lh_cells = f"{lh['score']} | {lh['lcp_s']:.1f} | {lh['tbt_ms']:.0f} | {lh['cls']:.3f}" if lh else "– | – | – | –"
        lines.append(
            f"| {name} (`{row['url'] or '/'}`) | {row['non_image_kb']:.0f} | {row['fonts']} ({row['font_kb']:.0f}) | "
            f"{row['image_kb']:.0f} | {row['requests']} | {lh_cells} | {_mark(ok)} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an already built demo site (default: build one now)")
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes only")
    parser.add_argument("--write", action="store_true", help="append the results to benchmarks/RESULTS.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            result = mkdocs_build(REPO, site)
            if result.returncode:
                sys.exit(result.stderr)
        pages = page_types(site)
        rows = measure_bytes(site, pages)
        scores = {} if args.no_lighthouse else lighthouse(site, pages)
    text = report(rows, scores)
    print(text)
    if args.write:
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as results:
            results.write("\n" + text)


if __name__ == "__main__":
    main()
