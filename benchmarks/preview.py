"""Live-preview benchmark: edit one story of N under `mkdocs serve`, time until the page shows it.

A copy of this project with N generated stories (benchmarks/corpus.py) is served by `mkdocs serve`
(share cards drawn by a first build beforehand, as on an officer's machine after the first
preview). The script waits for the first build, appends a paragraph to one story, and polls that
story's page until the paragraph is there: the time an officer waits after saving.

    python benchmarks/preview.py --n 10000 --write
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import project_site, publish, timed_build  # noqa: E402

TARGET_S = 10
MARK = "Đoạn vừa viết thêm để đo thời gian xem trước."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def measure(n: int) -> dict[str, float]:
    """Seconds to the first preview and from saving an edit to the page showing it."""
    with tempfile.TemporaryDirectory(dir="/dev/shm" if Path("/dev/shm").is_dir() else None) as tmp:
        root = project_site(Path(tmp) / "site", n)
        timed_build(root)  # fills .cache/ (share cards) as an earlier preview would have
        story = sorted((root / "exemplars").rglob("*.md"))[n // 2]
        url = f"http://127.0.0.1:{(port := _free_port())}/guong-dien-hinh/{re.search(r'^slug: (.+)$', story.read_text(encoding='utf-8'), re.M)[1]}/"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        log = Path(tmp) / "serve.log"
        with log.open("w") as out:
            server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
                                      cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
        try:
            start = time.perf_counter()
            while "<h1>" not in _get(url):
                if server.poll() is not None:
                    raise SystemExit(log.read_text())
                time.sleep(0.2)
            first = time.perf_counter() - start
            text = story.read_text(encoding="utf-8")
            story.write_text(text.rstrip("\n") + f"\n\n{MARK}\n", encoding="utf-8")
            saved = time.perf_counter()
            while MARK not in _get(url):
                time.sleep(0.2)
            return {"n": n, "first": first, "edit": time.perf_counter() - saved}
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[10000])
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    rows = [measure(n) for n in args.n]
    lines = [
        f"### Live preview, {time.strftime('%Y-%m-%d')} — {os.cpu_count()} cores, `mkdocs serve`, share cards cached",
        "",
        f"| stories | first preview (s) | saved edit shown (s, target ≤ {TARGET_S}) |",
        "|---:|---:|---:|",
        *(f"| {r['n']:,} | {r['first']:.1f} | {r['edit']:.1f} {'(met)' if r['edit'] <= TARGET_S else '(**missed**)'} |" for r in rows),
    ]
    publish("\n".join(lines) + "\n", args.write)


if __name__ == "__main__":
    main()
