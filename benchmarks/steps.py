"""Scaling of each pipeline step: time at every N and growth against N, without MkDocs.

The build benchmark (build.py) gives whole builds; this one times the steps of
`generator.pipeline.prepare_site` one by one on the same generated corpus, so that a step that grows
faster than N log N (a related-stories search over all stories, a listing re-sorted per page, a
feed scanning the archive per term) shows up even when the rest of the build hides it.
The growth exponent is log(t2 / t1) / log(N2 / N1) between the smallest and largest N:
1.0 is linear, N log N from 1,000 to 10,000 is about 1.1, quadratic is 2.0.

Each repeat runs in a new process, as a build does. A first, uncounted run draws the share cards:
the timed step is what every later build does (the first drawing is the "first full build"
column of build.py).

    python benchmarks/steps.py --n 1000 10000 --repeat 3 --write
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import project_site, publish  # noqa: E402

from generator.outputs import opendata  # noqa: E402
from generator.plan.board import plan_board  # noqa: E402
from generator.core.axes import AXES, YEARS  # noqa: E402
from generator.plan.group import group_by, related, select  # noqa: E402
from generator.plan.site_plan import plan_site  # noqa: E402
from generator.adapters.mkdocs.config import settings_from_file  # noqa: E402
from generator.validate.project import load_project  # noqa: E402
from generator.load.quotas import load_quotas  # noqa: E402
from generator.outputs.search_index import search_files  # noqa: E402
from generator.outputs.sharecards import build_share_cards, jobs_for  # noqa: E402
from generator.outputs.embeds import plan_embeds  # noqa: E402
from generator.outputs.feeds import plan_feeds  # noqa: E402

T = TypeVar("T")


def time_steps(root: Path) -> dict[str, float]:
    """Seconds of each step of one pipeline run on the site at `root`, in order, each fed the last's result."""
    timed: dict[str, float] = {}

    def step(name: str, call: Callable[[], T]) -> T:
        # As in prepare_site: the cycle collector is paused while the pipeline runs, else its
        # full collections (which walk every live object) would be timed as the step's.
        gc.collect()
        gc.disable()
        start = time.perf_counter()
        result = call()
        timed[name] = time.perf_counter() - start
        gc.enable()
        return result

    settings = settings_from_file(root / "mkdocs.yml")
    quotas, _ = load_quotas(settings.vocabulary_path, settings.root)
    project = step("read and validate stories", lambda: load_project(settings))
    edition = step("choose what is published", lambda: select(project.stories, settings.build_date))
    published = list(edition.published)
    jobs = jobs_for(published, settings.portal, {})
    cards = step("share cards (cached)", lambda: build_share_cards(jobs, settings.cache_path).cards)
    plan = step("plan every page (stories, listings, overviews)", lambda: plan_site(project, edition, {}, cards))
    groups_of = {(g.axis.name, g.key): g.stories for axis in (*AXES, YEARS) for g in plan.groups[axis.name]}

    def neighbours(story):  # as the story page asks: its movements' and its district's lists
        keys = [("movements", m.id) for m in story.movements] + [("districts", story.locality.id)]
        return [groups_of.get(key, ()) for key in keys]

    step("… of which: group by the five axes", lambda: [group_by(published, axis) for axis in (*AXES, YEARS)])
    step("… of which: related stories of every story", lambda: [related(s, neighbours) for s in published])
    step("emulation board", lambda: plan_board(edition, project.vocabulary, quotas, settings))
    step("feeds (RSS, Atom, JSON per term)", lambda: plan_feeds(published, plan.groups, settings, {}, "", settings.feed_limit))
    step("embeds (story cards, widgets, oEmbed)", lambda: plan_embeds(published, plan.groups, settings, {}, ""))
    step("search index", lambda: search_files(published, {}))
    step("open data (JSON, CSV)", lambda: opendata.exemplars_csv([opendata.record(s, settings.site_url) for s in published]))
    return timed


def measure(n: int, repeat: int, workdir: Path) -> dict[str, float]:
    """Median seconds of each step at `n` stories, each repeat in a new process.

    In one process a second run would find the lookup caches (syllables, names) full and look
    faster than a build is.
    """
    root = project_site(workdir / f"steps-{n}", n)
    command = [sys.executable, __file__, "--time-root", str(root)]
    runs = [json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout) for _ in range(repeat + 1)]
    return {name: statistics.median(run[name] for run in runs[1:]) for name in runs[0]}


def table(sizes: list[int], results: list[dict[str, float]], repeat: int) -> str:
    """A Markdown table: one row per step, a column per N, then the growth exponent."""
    first, last = sizes[0], sizes[-1]
    n_log_n = math.log(last * math.log(last) / (first * math.log(first))) / math.log(last / first)
    lines = [
        f"### Pipeline steps, {time.strftime('%Y-%m-%d')} — {platform.machine()}, Python {platform.python_version()}, median of {repeat}",
        "",
        f"Each step of `prepare_site` timed on its own (benchmarks/steps.py); growth exponent 1.0 is linear, "
        f"N log N over this range {n_log_n:.2f}, quadratic 2.0.",
        "",
        "| step | " + " | ".join(f"{n:,} stories (ms)" for n in sizes) + f" | ×{last // first} stories → × time | growth exponent |",
        "|---|" + "---:|" * (len(sizes) + 2),
    ]
    for name in results[0]:
        times = [r[name] for r in results]
        growth = times[-1] / times[0]
        cells = " | ".join(f"{t * 1000:,.1f}" for t in times)
        lines.append(f"| {name} | {cells} | {growth:.1f}× | {math.log(growth) / math.log(last / first):.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    parser.add_argument("--time-root", type=Path, help=argparse.SUPPRESS)  # one repeat, in its own process
    args = parser.parse_args()
    if args.time_root:
        print(json.dumps(time_steps(args.time_root)))
        return
    sizes = sorted(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(n, args.repeat, Path(tmp)) for n in sizes]
    publish(table(sizes, results, args.repeat), args.write)


if __name__ == "__main__":
    main()
