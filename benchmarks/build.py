"""Build-time benchmark: the project's full build against plain MkDocs + Material, in one run.

For each N, a corpus of N generated stories (benchmarks/corpus.py) is built
- by the project (`exemplars` plugin: stories, every listing with pagination, open data), and
- by plain MkDocs + Material on the same Markdown as ordinary pages, kept out of the sidebar with
  an explicit `nav:` (the fair baseline: with the automatic nav MkDocs is quadratic),
interleaved, `--repeat` times each, search off in both. Reports median wall time, the ratio, peak
RSS of the build process and output size, and appends a Markdown table to benchmarks/RESULTS.md
with `--write`.

    python benchmarks/build.py --n 1000 5000 --repeat 3 --write
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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def project_site(root: Path, n: int) -> Path:
    """A copy of this project's site config and theme with `n` generated stories."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    write_corpus(root, n)
    return root


def plain_site(root: Path, stories: Path) -> Path:
    """Plain MkDocs + Material building the same Markdown files as ordinary pages."""
    docs = root / "docs"
    shutil.copytree(stories, docs / "exemplars")
    (docs / "index.md").write_text("# Trang chủ\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        "site_name: Plain\ntheme:\n  name: material\n  language: vi\n  font: false\n"
        "plugins: []\nnav:\n  - Trang chủ: index.md\n",
        encoding="utf-8",
    )
    return root


def timed_build(root: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in MB) of one `mkdocs build` in a child process."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-d", "site"], cwd=root, env=env)
    _, status, usage = os.wait4(child.pid, 0)  # the rusage of this child alone
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"build failed in {root}")
    return elapsed, usage.ru_maxrss // 1024


def size_mb(folder: Path) -> float:
    """Total size of the files below `folder`, in MB."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(n: int, repeat: int) -> dict[str, object]:
    """Build both sites `repeat` times, interleaved; return the medians and sizes."""
    # tmpfs where there is one: both builds then measure the generators, not the disk's metadata speed.
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        ours = project_site(Path(tmp) / "ours", n)
        plain = plain_site(Path(tmp) / "plain", ours / "exemplars")
        times: dict[str, list[float]] = {"ours": [], "plain": []}
        peaks: dict[str, int] = {"ours": 0, "plain": 0}
        for _ in range(repeat):
            for name, root in (("plain", plain), ("ours", ours)):
                seconds, peak = timed_build(root)
                times[name].append(seconds)
                peaks[name] = max(peaks[name], peak)
        pages = sum(1 for _ in (ours / "site").rglob("*.html"))
        return {
            "n": n,
            "ours": statistics.median(times["ours"]),
            "plain": statistics.median(times["plain"]),
            "ours_rss": peaks["ours"],
            "plain_rss": peaks["plain"],
            "ours_mb": size_mb(ours / "site"),
            "plain_mb": size_mb(plain / "site"),
            "pages": pages,
        }


def table(rows: list[dict[str, object]], repeat: int) -> str:
    """The results as a Markdown table with the machine described."""
    lines = [
        f"### Build time, {time.strftime('%Y-%m-%d')} — {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, median of {repeat}",
        "",
        "| stories | plain MkDocs (s) | full build (s) | ratio | pages written | peak RSS plain / full (MB) | output plain / full (MB) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['plain']:.2f} | {r['ours']:.2f} | {r['ours'] / r['plain']:.2f}× | {r['pages']:,} "
            f"| {r['plain_rss']} / {r['ours_rss']} | {r['plain_mb']:.1f} / {r['ours_mb']:.1f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows = [measure(n, args.repeat) for n in args.n]
    text = table(rows, args.repeat)
    print(text)
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
