"""Photo benchmark: N phone-size photos (4000×3000 JPEG) as story covers, cold and warm builds.

A project like benchmarks/build.py's (this repository's mkdocs.yml, content and theme overrides,
N stories from benchmarks/corpus.py) where every story gets a cover photo next to it, as
officers upload them: 12 megapixels, sensor-like noise so the encoders do real work, EXIF with a
GPS position on all and a sideways orientation (6) on every fifth. Then

- a cold `mkdocs build` (empty photo cache): every photo decoded, resized and encoded, and
- a warm one into a fresh site folder with the same cache, which must process 0 photos,

and a Markdown table: photos, cold and warm seconds, photos processed by the warm build, size of
the published photos (site/anh), cores. `--write` appends the table to benchmarks/RESULTS.md.

    python benchmarks/photos.py               # 200 photos
    python benchmarks/photos.py --n 20 --keep /tmp/photos-bench
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import write_corpus  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
PHOTO_LOG = re.compile(r"Ảnh: xử lý (\d+), dùng lại (\d+) từ bộ nhớ đệm\.")
CARD_LOG = re.compile(r"Thẻ chia sẻ: vẽ (\d+), dùng lại (\d+)\.")

_NOISE = None


def _noise(size: tuple[int, int]):
    """Sensor-like noise, made once per worker process (shifted per photo: generating it is the slow part)."""
    global _NOISE
    from PIL import Image

    if _NOISE is None or _NOISE.size != size:
        grain = Image.effect_noise(size, 14)
        _NOISE = Image.merge(
            "RGB", [grain, grain.transpose(Image.Transpose.FLIP_LEFT_RIGHT), grain.transpose(Image.Transpose.FLIP_TOP_BOTTOM)]
        )
    return _NOISE


def make_photo(path: Path, index: int, size: tuple[int, int]) -> int:
    """Write photo number `index` to `path` as a phone would; returns its size in bytes."""
    from PIL import Image, ImageChops, ImageDraw, ImageFilter

    rng = random.Random(index)
    width, height = size
    small = (width // 4, height // 4)
    red = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize(small)
    green = Image.radial_gradient("L").resize(small)
    blue = Image.linear_gradient("L").rotate(rng.choice([0, 90, 180, 270])).resize(small)
    scene = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(scene)
    for _ in range(40):  # fields, houses, people: shapes of every size and colour
        x, y = rng.randrange(small[0]), rng.randrange(small[1])
        r = rng.randrange(4, small[1] // 3)
        fill = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
        (draw.ellipse if rng.random() < 0.5 else draw.rectangle)((x - r, y - r, x + r, y + r // 2), fill=fill)
    scene = scene.filter(ImageFilter.GaussianBlur(1.5)).resize(size, Image.Resampling.BICUBIC)
    noise = ImageChops.offset(_noise(size), rng.randrange(width), rng.randrange(height))
    photo = ImageChops.add(scene, noise, 1.0, -128)

    exif = Image.Exif()
    exif[0x010F] = "Samsung"  # Make
    exif[0x0110] = "Galaxy A54"  # Model
    exif[0x0132] = f"2024:0{1 + index % 9}:1{index % 10} 08:30:00"
    exif[0x0112] = 6 if index % 5 == 0 else 1  # every fifth held sideways
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", (15.0, 7.0, float(index % 60)), "E", (108.0, 48.0, float(index % 60))
    photo.save(path, "JPEG", quality=90, exif=exif)
    return path.stat().st_size


def add_covers(root: Path, size: tuple[int, int], workers: int) -> tuple[int, int]:
    """A cover photo next to every story of the corpus; returns (photos, bytes written)."""
    stories = sorted((root / "exemplars").rglob("*.md"))
    jobs = []
    for index, story in enumerate(stories):
        photo = story.with_name(f"anh-{index:05d}.jpg")
        text = story.read_text(encoding="utf-8")
        # The corpus' front matter opens with "---\n" at the very start; the first "\n---\n" closes it.
        cover = f'\nimage:\n  src: {photo.name}\n  alt: "Ảnh minh họa bài {index}"\n  credit: Văn Tư\n---\n'
        story.write_text(text.replace("\n---\n", cover, 1), encoding="utf-8")
        jobs.append((photo, index))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        sizes = list(pool.map(make_photo, [p for p, _ in jobs], [i for _, i in jobs], [size] * len(jobs)))
    return len(jobs), sum(sizes)


def project_site(root: Path, n: int, size: tuple[int, int], workers: int) -> tuple[int, int]:
    """This repository's site config and theme, `n` generated stories, each with a cover photo."""
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    write_corpus(root, n)
    return add_covers(root, size, workers)


def timed_build(root: Path, site: str) -> tuple[float, int, int, int]:
    """(wall seconds, photos processed, photos reused, cards drawn) of one `mkdocs build` into `root/site`."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
    start = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", site], cwd=root, env=env, capture_output=True, text=True, encoding="utf-8"
    )
    elapsed = time.perf_counter() - start
    if run.returncode:
        raise SystemExit(f"build failed in {root}:\n{run.stderr[-3000:]}")
    photos = PHOTO_LOG.search(run.stderr)
    cards = CARD_LOG.search(run.stderr)
    if not photos or not cards:
        raise SystemExit(f"no photo/card counts in the build log:\n{run.stderr[-3000:]}")
    return elapsed, int(photos[1]), int(photos[2]), int(cards[1])


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def measure(n: int, size: tuple[int, int], keep: Path | None) -> dict[str, object]:
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        root = keep or Path(tmp) / "photos"
        if keep and keep.exists():
            shutil.rmtree(keep)
        started = time.perf_counter()
        photos, source_bytes = project_site(root, n, size, workers)
        generated = time.perf_counter() - started
        shutil.rmtree(root / ".cache", ignore_errors=True)
        cold, cold_processed, _, cold_cards = timed_build(root, "site-cold")
        warm, warm_processed, warm_reused, warm_cards = timed_build(root, "site-warm")
        anh = root / "site-warm" / "anh"
        files = [p for p in anh.rglob("*") if p.is_file()]
        return {
            "photos": photos,
            "size": size,
            "source_mb": source_bytes / 1e6,
            "generated": generated,
            "cold": cold,
            "cold_processed": cold_processed,
            "cold_cards": cold_cards,
            "warm": warm,
            "warm_processed": warm_processed,
            "warm_reused": warm_reused,
            "warm_cards": warm_cards,
            "anh_mb": size_mb(anh),
            "anh_files": len(files),
            "cores": workers,
        }


def table(r: dict[str, object]) -> str:
    width, height = r["size"]  # type: ignore[misc]
    lines = [
        f"### Photos, {time.strftime('%Y-%m-%d')} — {platform.machine()}, {r['cores']} cores, Python {platform.python_version()}",
        "",
        f"{r['photos']} covers of {width}×{height} JPEG ({r['source_mb']:.0f} MB uploaded); "
        "cold = empty `.cache/`, warm = same cache, fresh site folder.",
        "",
        "| photos | cold build (s) | warm build (s) | processed in warm build | site/anh (MB, files) | cores |",
        "|---:|---:|---:|---:|---:|---:|",
        f"| {r['photos']} | {r['cold']:.1f} | {r['warm']:.1f} | {r['warm_processed']} "
        f"| {r['anh_mb']:.1f} MB, {r['anh_files']:,} files | {r['cores']} |",
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="number of stories, each with one cover photo")
    parser.add_argument("--size", type=int, nargs=2, default=[4000, 3000], metavar=("W", "H"))
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it (default: a temporary one)")
    parser.add_argument("--write", action="store_true", help="append the table to benchmarks/RESULTS.md")
    args = parser.parse_args()
    result = measure(args.n, tuple(args.size), args.keep)
    text = table(result)
    print(text)
    print(
        f"(generating the photos took {result['generated']:.0f} s; cold build processed {result['cold_processed']} "
        f"photos and drew {result['cold_cards']} share cards; warm build reused {result['warm_reused']} photos "
        f"and drew {result['warm_cards']} cards)",
        file=sys.stderr,
    )
    if result["warm_processed"] != 0:
        raise SystemExit(f"the warm build processed {result['warm_processed']} photos; it must process 0")
    if args.write:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
