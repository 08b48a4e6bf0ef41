"""Search benchmark: indexing, and what a visitor downloads and waits for, against Material's search.

For N generated stories (benchmarks/corpus.py) in a copy of this project:

1. the site is built (timed, search index included), then the index is written once more by the
   project's own `generator.outputs.search_index.search_files` in a child process, alone: indexing time, peak
   memory, index size;
2. the site is served on loopback by a server that gzips text responses as a web server would
   and counts every byte it sends; headless Chromium (Debian's, as in tests/harness.py) with 4x CPU throttling opens
   `tim-kiem/` with an empty cache for each of 20 realistic queries, waits until the page is
   idle, types the query (value set + `input` event) and waits for the results to render:
   - bytes sent from opening the search page to the first results (search files:
     `tim-kiem/chi-muc/` and `tim-kiem.js`; and the whole page);
   - time from the keystroke to the rendered results (includes the page's debounce), and, on
     another fresh page, the time of the search alone (`window.guongSang.search`);
   - the same keystroke timing once more with a slow mobile link emulated by the server
     (150 ms per request, 1.6 Mbit/s shared), for information;
3. plain MkDocs + Material with its `search` plugin builds the same Markdown: the size of the
   `search/search_index.json` every visitor of Material's search downloads, raw and gzipped.

Prints Markdown tables; `--write` appends them, with the machine described, to benchmarks/RESULTS.md.

    python benchmarks/search.py --n 10000 --write
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO / "tests"))
from build import project_site, publish, timed_build  # noqa: E402
from harness import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

EPOCH = "1767225600"  # 2026-01-01, as benchmarks/build.py: every generated story is published

TARGET_MEDIAN_KB = 300
TARGET_MAX_KB = 1024
TARGET_KEYSTROKE_MS = 300
TARGET_INDEX_MB = 2048
CPU_THROTTLING = 4
DEBOUNCE_MS = 30  # generator/theme/assets/javascripts/tim-kiem.js
SLOW_RTT_MS = 150  # "Slow 4G" as Lighthouse emulates it
SLOW_KBITS = 1600

# What people type: names, places, movements and common phrases of the generated corpus, with and
# without diacritics, with "đ", and one with the old tone placement ("Thuỷ" for "Thủy").
QUERIES = [
    "Nguyễn Văn Hùng",
    "nguyen van hung",
    "Đặng Minh Thủy",
    "dang minh thuy",
    "Huỳnh Thị Lan",
    "Đức Phổ",
    "duc pho",
    "Bình Sơn",
    "thôn Phú Long",
    "xom go cat",
    "nông thôn mới",
    "nong thon moi",
    "chuyển đổi số",
    "chuyen doi so",
    "Dân vận khéo",
    "hợp tác xã Thuỷ",
    "hiến đất làm đường",
    "thoát nghèo bền vững",
    "Trà Bồng",
    "cai cach hanh chinh",
]

# -- building -----------------------------------------------------------------------------------------


INDEX_CHILD = """
import json, sys, time
from pathlib import Path
from generator.adapters.mkdocs.config import settings_from_file
from generator.plan.group import select
from generator.validate.project import load_project
from generator.outputs.search_index import search_files

root = Path(sys.argv[1])
settings = settings_from_file(root / "mkdocs.yml")
start = time.perf_counter()
published = select(load_project(settings, cwd=root).stories, settings.build_date).published
prepared = time.perf_counter() - start
start = time.perf_counter()
files = search_files(published, {})
for url, content in files.items():
    target = root / "site" / url
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
print(json.dumps({"docs": len(published), "prepare": prepared, "index": time.perf_counter() - start}))
"""


def _descendants(pid: int) -> list[int]:
    """Process ids below `pid` (children, grandchildren...), from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _peak_kb(pid: int) -> tuple[str, int] | None:
    """(command name, VmHWM in kB) of a live process."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return None
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    if "VmHWM" not in values:
        return None
    return values["Name"].strip(), int(values["VmHWM"].split()[0])


def timed_indexing(root: Path) -> dict[str, object]:
    """Write the search index of the built site with the project's code, in a child process.

    Returns the child's timings, its peak RSS (os.wait4) and its peak RSS sampled from /proc.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": EPOCH}
    child = subprocess.Popen([sys.executable, "-c", INDEX_CHILD, str(root)], cwd=root, env=env, stdout=subprocess.PIPE)
    helpers: dict[str, int] = {}
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            own = _peak_kb(child.pid)
            if own:
                helpers["python"] = max(helpers.get("python", 0), own[1])
            for pid in _descendants(child.pid):
                peak = _peak_kb(pid)
                if peak:
                    helpers[peak[0]] = max(helpers.get(peak[0], 0), peak[1])
            stop.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    assert child.stdout is not None
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    stop.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit("writing the search index failed")
    result = json.loads(output.decode().strip().splitlines()[-1])
    result["rss_mb"] = usage.ru_maxrss // 1024
    result["helpers_mb"] = {name: kb // 1024 for name, kb in helpers.items()}
    return result


def index_sizes(folder: Path) -> dict[str, float]:
    """Search index on disk in MB: total, per kind (syllables t/, result shards m/, filters f/), files."""
    sizes = {"total": 0.0, "index": 0.0, "fragment": 0.0, "filter": 0.0, "files": 0}
    kinds = {"t": "index", "m": "fragment", "f": "filter"}
    for path in folder.rglob("*"):
        if path.is_file():
            size = path.stat().st_size / 1e6
            sizes["total"] += size
            sizes["files"] += 1
            kind = kinds.get(path.relative_to(folder).parts[0])
            if kind:
                sizes[kind] += size
    return sizes


def material_site(root: Path, stories: Path) -> Path:
    """Plain MkDocs + Material with its search plugin on the same Markdown files."""
    docs = root / "docs"
    shutil.copytree(stories, docs / "exemplars", ignore=shutil.ignore_patterns("*.jpg", "*.png", "*.yml"))
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins:\n  - search\nnav:\n  - Trang chủ: index.md\n",
        encoding="utf-8",
    )
    return root


def material_index(root: Path) -> dict[str, float]:
    """Size of Material's search index (raw and gzip -6, MB) and how many \\u escapes it holds."""
    raw = (root / "site" / "search" / "search_index.json").read_bytes()
    return {"raw": len(raw) / 1e6, "gzip": len(gzip.compress(raw, 6)) / 1e6, "escapes": raw.count(b"\\u")}


# -- serving ------------------------------------------------------------------------------------------

COMPRESSIBLE = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".webmanifest"}


class Link:
    """Bytes sent per request, and an optional emulated slow link (latency per request, shared bandwidth)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sent: list[tuple[str, int]] = []
        self.rtt = 0.0
        self.bytes_per_s = 0.0
        self._free_at = 0.0

    def reset(self, rtt_ms: float = 0, kbits: float = 0) -> None:
        with self.lock:
            self.sent = []
            self.rtt = rtt_ms / 1000
            self.bytes_per_s = kbits * 1000 / 8
            self._free_at = 0.0

    def record(self, path: str, size: int) -> None:
        with self.lock:
            self.sent.append((path, size))

    def pace(self, size: int) -> None:
        """Wait as long as `size` bytes take on the shared emulated link."""
        if not self.bytes_per_s:
            return
        with self.lock:
            start = max(time.monotonic(), self._free_at)
            self._free_at = start + size / self.bytes_per_s
            until = self._free_at
        time.sleep(max(0.0, until - time.monotonic()))

    def snapshot(self) -> list[tuple[str, int]]:
        with self.lock:
            return list(self.sent)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text gzipped (level 6) as a web server would; counts what it sends."""

    link: Link
    cache: dict[str, tuple[bytes, bool]]

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def flush_headers(self) -> None:
        self._header_bytes = sum(len(chunk) for chunk in getattr(self, "_headers_buffer", []))
        super().flush_headers()

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.link.rtt:
            time.sleep(self.link.rtt)
        url_path = unquote(urlsplit(self.path).path)
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not url_path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", url_path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                self.link.record(url_path, self._header_bytes)
                return
            path = os.path.join(path, "index.html")
        if not os.path.isfile(path):
            self.send_error(404)
            self.link.record(url_path, getattr(self, "_header_bytes", 0))
            return
        if path not in self.cache:
            body = Path(path).read_bytes()
            compress = os.path.splitext(path)[1] in COMPRESSIBLE
            self.cache[path] = (gzip.compress(body, 6, mtime=0) if compress else body, compress)
        body, compressed = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        if compressed:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        self.link.pace(len(body) + self._header_bytes)
        self.wfile.write(body)
        self.link.record(url_path, len(body) + self._header_bytes)


@contextlib.contextmanager
def serve_gzip(folder: Path):
    """Serve `folder` on loopback; yields (base URL, Link)."""
    link = Link()
    handler = functools.partial(type("Handler", (GzipHandler,), {"link": link, "cache": {}}), directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", link
    finally:
        server.shutdown()
        server.server_close()


# -- the browser --------------------------------------------------------------------------------------

KEYSTROKE = """async (query) => {
  const input = document.querySelector("#gs-q");
  const status = document.querySelector("[data-gs-status]");
  const list = document.querySelector("[data-gs-results]");
  const rendered = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!status.textContent) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve(performance.now()));
    });
    observer.observe(status, { childList: true, characterData: true, subtree: true });
  });
  const start = performance.now();
  input.value = query;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  const end = await rendered;
  return { ms: end - start, shown: list.children.length, status: status.textContent };
}"""

ENGINE = """async (query) => {
  while (!window.guongSang) await new Promise((resolve) => setTimeout(resolve, 20));
  const start = performance.now();
  const results = await window.guongSang.search(query, {}, 10);
  return { ms: performance.now() - start, results: results.length };
}"""


def _open_search(browser, base: str, link: Link, rtt_ms: float = 0, kbits: float = 0):
    """A fresh context (empty cache) with the CPU throttled, on tim-kiem/ once the page is idle."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_THROTTLING})
    # A slow link is emulated by the server rather than with Network.emulateNetworkConditions.
    link.reset(rtt_ms, kbits)
    page.goto(base + "tim-kiem/", wait_until="networkidle", timeout=120_000)
    page.wait_for_selector("[data-gs-filters]:not([hidden])", state="attached", timeout=120_000)
    return context, page, errors


def _kb(sent: list[tuple[str, int]], search_only: bool) -> float:
    def is_search(path: str) -> bool:
        return "/tim-kiem/chi-muc/" in path or path.endswith("/tim-kiem.js")

    return sum(size for path, size in sent if is_search(path) or not search_only) / 1024


def _split(sent: list[tuple[str, int]]) -> dict[str, float]:
    parts = {"fixed": 0.0, "index": 0.0, "fragment": 0.0, "filter": 0.0}
    kinds = {"t": "index", "m": "fragment", "f": "filter"}
    for path, size in sent:
        if "/tim-kiem/chi-muc/" not in path and not path.endswith("/tim-kiem.js"):
            continue
        kind = path.split("/tim-kiem/chi-muc/", 1)[-1].split("/", 1)[0]
        parts[kinds.get(kind, "fixed")] += size / 1024
    return parts


def measure_queries(site: Path, queries: list[str], slow: bool) -> list[dict[str, object]]:
    """Per query: bytes to the first results, keystroke->results, the search alone, and on a slow link."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve_gzip(site) as (base, link), sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            version = browser.version
            for query in queries:
                row: dict[str, object] = {"query": query, "chromium": version}
                context, page, errors = _open_search(browser, base, link)
                opened = link.snapshot()
                typed = page.evaluate(KEYSTROKE, query)
                sent = link.snapshot()
                row.update(
                    results=typed["status"],
                    shown=typed["shown"],
                    keystroke_ms=typed["ms"],
                    search_kb=_kb(sent, True),
                    page_kb=_kb(sent, False),
                    open_kb=_kb(opened, True),
                    parts=_split(sent),
                    errors=list(errors),
                    url=page.url,
                )
                context.close()

                context, page, _ = _open_search(browser, base, link)
                engine = page.evaluate(ENGINE, query)
                # The total is what the page says ("Tìm thấy 1101 gương điển hình (hiện 20 ...)"); the
                # engine call stops at 10.
                total = re.search(r"\d+", typed["status"])
                row.update(engine_ms=engine["ms"], count=int(total[0]) if total else engine["results"])
                context.close()

                if slow:
                    context, page, _ = _open_search(browser, base, link, SLOW_RTT_MS, SLOW_KBITS)
                    row["slow_ms"] = page.evaluate(KEYSTROKE, query)["ms"]
                    context.close()
                rows.append(row)
                print(
                    f"  {query!r}: {row['count']} results, {row['search_kb']:.0f} KB search / {row['page_kb']:.0f} KB page, "
                    f"keystroke {row['keystroke_ms']:.0f} ms, search {row['engine_ms']:.0f} ms"
                    + (f", slow link {row['slow_ms']:.0f} ms" if slow else ""),
                    flush=True,
                )
        finally:
            browser.close()
    return rows


# -- report -------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor() or "?")  # fmt: skip
    memory = next((int(line.split()[1]) // 1024 // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)  # fmt: skip
    from importlib.metadata import version

    return (
        f"{platform.machine()} {cpu}, {os.cpu_count()} cores, {memory} GB RAM, Python {platform.python_version()}, "
        f"MkDocs Material {version('mkdocs-material')}"
    )


def _mark(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(n: int, build: dict, rows: list[dict], material: dict, chromium: str, slow: bool) -> str:
    search_kb = [float(r["search_kb"]) for r in rows]
    page_kb = [float(r["page_kb"]) for r in rows]
    open_kb = [float(r["open_kb"]) for r in rows]
    keystroke = [float(r["keystroke_ms"]) for r in rows]
    engine = [float(r["engine_ms"]) for r in rows]
    index = build["index"]
    peak = max([index["rss_mb"], *index["helpers_mb"].values()])
    sizes = build["sizes"]
    med, top = statistics.median(search_kb), max(search_kb)
    lines = [
        f"### Search, {n:,} stories, {time.strftime('%Y-%m-%d')} — {machine()}, Chromium {chromium}",
        "",
        f"Load average (1 min) before / after the browser measurements: {build['load'][0]:.1f} / {build['load'][1]:.1f} "
        f"on {os.cpu_count()} cores; times are inflated when other work runs on the machine.",
        "",
        "| measure | value | target | |",
        "|---|---:|---:|---|",
        f"| full build (search index included) | {build['build_s']:.0f} s, {build['build_rss']} MB peak | | |",
        f"| indexing (`search_files` + writing, {index['docs']:,} stories; loading them: {index['prepare']:.0f} s) | {index['index']:.1f} s | reported | |",
        f"| indexing peak RSS (child process, loading included) | {peak} MB | < {TARGET_INDEX_MB} MB | {_mark(peak < TARGET_INDEX_MB)} |",
        f"| index on disk | {sizes['total']:.1f} MB in {sizes['files']:,} files (syllables {sizes['index']:.1f}, result shards {sizes['fragment']:.1f}, filters {sizes['filter']:.2f}) | | |",
        f"| search download, opening `tim-kiem/` to first results, median | {med:.0f} KB | ≤ {TARGET_MEDIAN_KB} KB | {_mark(med <= TARGET_MEDIAN_KB)} |",
        f"| search download, worst of {len(rows)} queries | {top:.0f} KB | ≤ {TARGET_MAX_KB} KB | {_mark(top <= TARGET_MAX_KB)} |",
        f"| of which before typing (tim-kiem.js, info.json), median | {statistics.median(open_kb):.0f} KB | | |",
        f"| whole page (HTML, theme CSS/JS, fonts, search), median / worst | {statistics.median(page_kb):.0f} / {max(page_kb):.0f} KB | | |",
        f"| keystroke → results rendered, {CPU_THROTTLING}× CPU, median / worst (incl. {DEBOUNCE_MS} ms debounce) | {statistics.median(keystroke):.0f} / {max(keystroke):.0f} ms | ≤ {TARGET_KEYSTROKE_MS} ms | {_mark(max(keystroke) <= TARGET_KEYSTROKE_MS)} |",
        f"| search alone (`window.guongSang.search`, first 10 with their titles), {CPU_THROTTLING}× CPU, median / worst | {statistics.median(engine):.0f} / {max(engine):.0f} ms | | |",
    ]
    if slow:
        slow_ms = [float(r["slow_ms"]) for r in rows]
        lines.append(
            f"| keystroke → results, {CPU_THROTTLING}× CPU + slow link ({SLOW_RTT_MS} ms/request, {SLOW_KBITS / 1000:g} Mbit/s), median / worst "
            f"| {statistics.median(slow_ms):.0f} / {max(slow_ms):.0f} ms | (information) | |"
        )
    lines += [
        f"| Material's search: `search/search_index.json` every visitor downloads, raw / gzip | {material['raw']:.2f} MB / {material['gzip']:.2f} MB "
        f"({material['escapes']:,} `\\u` escapes) | | |",
        "",
        "| query | results | search KB (syllables / result shards / filters / fixed) | page KB | keystroke ms | search ms |"
        + (" slow link ms |" if slow else ""),
        "|---|---:|---:|---:|---:|---:|" + ("---:|" if slow else ""),
    ]
    for r in rows:
        p = r["parts"]
        lines.append(
            f"| {r['query']} | {r['count']:,} | {r['search_kb']:.0f} ({p['index']:.0f} / {p['fragment']:.0f} / {p['filter']:.0f} / {p['fixed']:.0f}) "
            f"| {r['page_kb']:.0f} | {r['keystroke_ms']:.0f} | {r['engine_ms']:.0f} |" + (f" {r['slow_ms']:.0f} |" if slow else "")
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--write", action="store_true", help="append the tables to benchmarks/RESULTS.md")
    parser.add_argument("--no-slow-link", action="store_true", help="skip the pass with an emulated slow link")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary folder)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        if args.keep and base.exists():
            shutil.rmtree(base)
        ours = project_site(base / "ours", args.n)
        print(f"building {args.n:,} stories...", flush=True)
        build_s, build_rss, _ = timed_build(ours)
        print(f"  {build_s:.0f} s; writing the search index...", flush=True)
        index = timed_indexing(ours)
        sizes = index_sizes(ours / "site" / "tim-kiem" / "chi-muc")
        print(f"  {index['index']:.1f} s, {index['rss_mb']} MB; {sizes['total']:.1f} MB", flush=True)
        build = {"build_s": build_s, "build_rss": build_rss, "index": index, "sizes": sizes}

        print("measuring queries in Chromium...", flush=True)
        load_before = os.getloadavg()[0]
        rows = measure_queries(ours / "site", QUERIES, slow=not args.no_slow_link)
        build["load"] = (load_before, os.getloadavg()[0])
        problems = [(r["query"], r["errors"]) for r in rows if r["errors"]]
        if problems:
            print(f"console errors: {problems}", flush=True)

        print("building the same Markdown with Material's search...", flush=True)
        plain = material_site(base / "material", ours / "exemplars")
        timed_build(plain)
        material = material_index(plain)

    publish(report(args.n, build, rows, material, str(rows[0]["chromium"]), slow=not args.no_slow_link), args.write)


if __name__ == "__main__":
    main()
