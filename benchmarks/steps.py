"""Scaling of each pipeline step: time at every N and growth against N, without MkDocs.

The build benchmark (build.py) gives whole builds; this one times the steps of
`generator.site.prepare_site` one by one on the same generated corpus, so that a step that grows
faster than N log N (a related-stories search over all stories, a listing re-sorted per page, a
feed scanning the archive per term) shows up even when the rest of the build hides it.
The growth exponent is log(t2 / t1) / log(N2 / N1) between the smallest and largest N:
1.0 is linear, N log N from 1,000 to 10,000 is about 1.1, quadratic is 2.0.

Share cards are drawn once, untimed, before the steps run: the timed step is what every later
build does (the first drawing is the "first full build" column of build.py).

    python benchmarks/steps.py --n 1000 10000 --repeat 3 --write
"""

from __future__ import annotations

import argparse
import math
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import project_site, publish  # noqa: E402

from generator import opendata  # noqa: E402
from generator.dashboard import plan_board  # noqa: E402
from generator.group import AXES, group_by, related, select  # noqa: E402
from generator.pages import plan_site  # noqa: E402
from generator.plugin.config import settings_from_file  # noqa: E402
from generator.project import load_project  # noqa: E402
from generator.quotas import load_quotas  # noqa: E402
from generator.search import search_files  # noqa: E402
from generator.sharecards import build_share_cards, jobs_for  # noqa: E402
from generator.syndication import plan_embeds, plan_feeds  # noqa: E402


def steps(root: Path) -> dict[str, Callable[[], object]]:
    """The pipeline's steps on the site at `root`, each a call that can be timed on its own.

    Later steps use the results of earlier ones, computed once here (untimed).
    """
    settings = settings_from_file(root / "mkdocs.yml")
    project = load_project(settings)
    edition = select(project.stories, settings.build_date)
    published = list(edition.published)
    quotas, _ = load_quotas(settings.vocabulary_path, settings.root)
    cache = settings.cache_path / "share-cards"
    cards = build_share_cards(jobs_for(published, settings.portal, {}), cache).cards
    plan = plan_site(project, edition, {}, cards)
    terms = {axis: () for axis in AXES}
    groups_of = {(g.axis, g.key): g.stories for axis in AXES for g in plan.groups[axis]}

    def neighbours(story):  # as the story page asks: its movements' and its district's lists
        return [groups_of.get(key, ()) for key in [("movements", m.id) for m in story.movements] + [("districts", story.district.id)]]

    return {
        "read and validate stories": lambda: load_project(settings),
        "choose what is published": lambda: select(project.stories, settings.build_date),
        "share cards (cached)": lambda: build_share_cards(jobs_for(published, settings.portal, {}), cache),
        "group by movement, district, field, unit, year": lambda: [group_by(published, a, terms[a]) for a in AXES],
        "related stories of every story": lambda: [related(s, neighbours) for s in published],
        "plan every page (stories, listings, overviews)": lambda: plan_site(project, edition, {}, cards),
        "emulation board": lambda: plan_board(edition, project.vocabulary, quotas, settings),
        "feeds (RSS, Atom, JSON per term)": lambda: plan_feeds(published, plan.groups, settings, {}, "", settings.feed_limit),
        "embeds (story cards, widgets, oEmbed)": lambda: plan_embeds(published, plan.groups, settings, {}, ""),
        "search index": lambda: search_files(published, {}),
        "open data (JSON, CSV)": lambda: opendata.exemplars_csv([opendata.record(s, settings.site_url) for s in published]),
    }


def measure(n: int, repeat: int, workdir: Path) -> dict[str, float]:
    """Median seconds of each step at `n` stories."""
    root = project_site(workdir / f"steps-{n}", n)
    timed: dict[str, list[float]] = {}
    for _ in range(repeat):
        for name, step in steps(root).items():
            start = time.perf_counter()
            step()
            timed.setdefault(name, []).append(time.perf_counter() - start)
    return {name: statistics.median(times) for name, times in timed.items()}


def table(sizes: list[int], results: list[dict[str, float]], repeat: int) -> str:
    """A Markdown table: one row per step, a column per N, then the growth exponent."""
    first, last = sizes[0], sizes[-1]
    head = "| step | " + " | ".join(f"{n:,} stories (ms)" for n in sizes) + f" | ×{last // first} stories → × time | growth exponent |"
    lines = [
        f"### Pipeline steps, {time.strftime('%Y-%m-%d')} — {platform.machine()}, Python {platform.python_version()}, median of {repeat}",
        "",
        "Each step of `prepare_site` timed on its own (benchmarks/steps.py); exponent 1.0 is linear, "
        f"N log N over this range is {math.log(last * math.log(last) / (first * math.log(first))) / math.log(last / first):.2f}, "
        "quadratic 2.0.",
        "",
        head,
        "|---|" + "---:|" * (len(sizes) + 2),
    ]
    for name in results[0]:
        times = [r[name] for r in results]
        growth = times[-1] / times[0] if times[0] else float("nan")
        exponent = math.log(growth) / math.log(last / first) if times[0] and times[-1] else float("nan")
        cells = " | ".join(f"{t * 1000:,.1f}" for t in times)
        lines.append(f"| {name} | {cells} | {growth:.1f}× | {exponent:.2f} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    sizes = sorted(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(n, args.repeat, Path(tmp)) for n in sizes]
    publish(table(sizes, results, args.repeat), args.write)


if __name__ == "__main__":
    main()
