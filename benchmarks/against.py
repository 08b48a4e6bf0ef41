"""This checkout's build against another commit's, on the same corpus, interleaved, with plain MkDocs.

For a change that must not slow the build (a restructuring, say): the other commit is checked out
in a temporary git worktree with its own virtual environment (installed from PyPI like `dev.py`
does), and the two generators and plain MkDocs + Material build the same N generated stories in
turn, `--repeat` times each (the first build of each fills its cache; the median counts it like
every other). Output on tmpfs where there is one, as benchmarks/build.py.

    python benchmarks/against.py 03f8941 --n 1000 10000 --repeat 5 --write
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
import venv
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import REPO, plain_site, project_site, publish, timed_build  # noqa: E402


def other_generator(ref: str, folder: Path) -> Path:
    """A worktree of `ref` with a virtual environment where it is installed; its Python."""
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder / "src"), ref], check=True)
    venv.create(folder / "venv", with_pip=True)
    python = folder / "venv" / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "-e", str(folder / "src")], check=True)
    return python


def measure(n: int, repeat: int, other: Path, tmp: Path) -> dict[str, object]:
    """Median seconds of each build of `n` stories, interleaved."""
    ours = project_site(tmp / f"ours-{n}", n)
    theirs = tmp / f"theirs-{n}"
    shutil.copytree(ours, theirs)
    plain = plain_site(tmp / f"plain-{n}", ours / "exemplars")
    build = ["-m", "mkdocs", "build", "-q", "-d", "site"]
    commands = {
        "plain": (plain, [sys.executable, *build]),
        "before": (theirs, [str(other), *build]),
        "after": (ours, [sys.executable, *build]),
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (root, command) in commands.items():
            seconds, _, _ = timed_build(root, command)
            times[name].append(seconds)
            print(f"  {n:,} {name}: {seconds:.2f} s", flush=True)
    return {"n": n, **{name: statistics.median(found) for name, found in times.items()}}


def table(ref: str, head: str, rows: list[dict[str, object]], repeat: int) -> str:
    """The results as a Markdown table with the machine described."""
    lines = [
        f"### This checkout ({head}) against {ref}, {time.strftime('%Y-%m-%d')} — {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, median of {repeat}, builds interleaved",
        "",
        "| stories | plain MkDocs (s) | before (s) | after (s) | after ÷ before | after ÷ plain |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['plain']:.2f} | {r['before']:.2f} | {r['after']:.2f} "
            f"| {r['after'] / r['before']:.2f}× | {r['after'] / r['plain']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ref", help="the commit to compare with (e.g. the one before a change)")
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    with tempfile.TemporaryDirectory() as setup, tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        try:
            other = other_generator(args.ref, Path(setup))
            rows = [measure(n, args.repeat, other, Path(tmp)) for n in args.n]
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(Path(setup) / "src")], check=False)
    publish(table(args.ref, head, rows, args.repeat), args.write)


if __name__ == "__main__":
    main()
