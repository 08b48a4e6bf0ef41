"""Share cards: the 1200×630 image Zalo and Facebook show when a story is shared.

Drawn with Pillow from the story's title, subject and movement, the province's name and emblem,
and its cover photo when there is one, using the Be Vietnam Pro font shipped in
`generator/fonts/` (nothing is downloaded at build time; Material's social plugin would fetch
Google Fonts). Cached by a hash of everything drawn, like photos: each entry is a folder with the
card and a manifest of its size and SHA-256, checked in full before the card is used again.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path

from generator.core.resources import FONTS
from generator.runtime.cache import MANIFEST, VERSIONS, CacheArea, FileRecord, read_manifest, write_atomic
from generator.runtime.parallel import map_in_processes, map_in_threads, worker_count

__all__ = ["CARD_SIZE", "ShareCard", "ShareJob", "build_share_cards", "page_job", "render_card"]

CARD_SIZE = (1200, 630)
CARD = "card.jpg"
"""The card's file inside its cache entry (a folder, beside its manifest)."""
BOLD = FONTS / "BeVietnamPro-Bold.ttf"
REGULAR = FONTS / "BeVietnamPro-Regular.ttf"


@dataclass(frozen=True)
class ShareJob:
    """Everything a card shows; its hash is the cache key."""

    slug: str
    title: str
    subject: str
    movement: str
    province: str
    agency: str
    color: str
    accent: str
    photo: str | None = None
    """Path of an upright sRGB rendition of the cover (from the photo cache), if any."""
    photo_key: str = ""
    """Content key of that photo, so the card's key changes when the photo does."""
    footer: str = ""
    """The bottom line, when not "Phong trào: <movement>" (cards of listings and of the site)."""

    def key(self) -> str:
        """The card's name: its text, colours, photo, drawing version and fonts (so a new look gets a new URL)."""
        # Every field is flat text: no need for asdict's deep copy (a build asks 10,000 times).
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "photo"}
        if not self.footer:  # story cards keep the names they had before listings got cards
            del data["footer"]
        digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode())
        digest.update(_drawing_version())
        return digest.hexdigest()[:16]


@functools.cache
def _drawing_version() -> bytes:
    """The drawing version and the fonts' sizes: what else makes a card look different.

    Only for the card's public name; the cache entry is keyed by the fonts' content too
    (`generator.runtime.cache`).
    """
    return f"v{VERSIONS['share-cards']}".encode() + b"".join(str(font.stat().st_size).encode() for font in (BOLD, REGULAR))


@dataclass(frozen=True)
class ShareCard:
    """A rendered card: its public URL (site-relative) and cached file."""

    url: str
    path: Path
    width: int = CARD_SIZE[0]
    height: int = CARD_SIZE[1]


def _rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    if len(color) == 3:
        color = "".join(c * 2 for c in color)
    return int(color[0:2], 16), int(color[2:4], 16), int(color[4:6], 16)


def _wrap(draw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Break `text` into lines no wider than `width` pixels; the last line ends with "…" if cut."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + "…"
    return lines


def _emblem(size: int, accent: tuple[int, int, int]):
    """The default emblem: a gold five-pointed star in a ring (drawn, so no image file is needed)."""
    import math

    from PIL import Image, ImageDraw

    scale = 4  # draw large and shrink: smooth edges without anti-aliasing support in ImageDraw
    big = size * scale
    emblem = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(emblem)
    draw.ellipse((0, 0, big - 1, big - 1), fill=accent)
    inner = big * 0.08
    draw.ellipse((inner, inner, big - inner, big - inner), fill=(200, 16, 46))
    centre, outer, inner_r = big / 2, big * 0.36, big * 0.145
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner_r
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    draw.polygon(points, fill=(255, 205, 0))
    return emblem.resize((size, size), resample=3)


def render_card(job: ShareJob) -> bytes:
    """Draw the card and return it as JPEG bytes (no metadata)."""
    import io

    from PIL import Image, ImageDraw, ImageFont, ImageOps

    width, height = CARD_SIZE
    base = _rgb(job.color)
    accent = _rgb(job.accent)
    card = Image.new("RGB", CARD_SIZE, base)
    text_width = width - 120
    if job.photo:
        with Image.open(job.photo) as photo:
            photo_box = (int(width * 0.42), height)
            card.paste(ImageOps.fit(photo.convert("RGB"), photo_box, centering=(0.5, 0.5)), (width - photo_box[0], 0))
        text_width = width - photo_box[0] - 110
    draw = ImageDraw.Draw(card)
    draw.rectangle((0, 0, 14, height), fill=accent)

    small = ImageFont.truetype(str(REGULAR), 24)
    emblem = _emblem(64, accent)
    card.paste(emblem, (60, 48), emblem)
    draw.text((140, 56), f"TỈNH {job.province.upper()}", font=ImageFont.truetype(str(BOLD), 26), fill="white")
    draw.text((140, 90), _wrap(draw, job.agency, small, text_width - 80, 1)[0], font=small, fill=(255, 235, 225))

    title_font = ImageFont.truetype(str(BOLD), 50)
    lines = _wrap(draw, job.title, title_font, text_width, 4)
    y = 170 if len(lines) > 3 else 190
    for line in lines:
        draw.text((60, y), line, font=title_font, fill="white")
        y += 62
    subject_font = ImageFont.truetype(str(REGULAR), 30)
    for line in _wrap(draw, job.subject, subject_font, text_width, 1):
        draw.text((60, y + 16), line, font=subject_font, fill=(255, 225, 150))
    movement = _wrap(draw, job.footer or f"Phong trào: {job.movement}", small, text_width, 2)
    y = height - 40 - 32 * len(movement)
    for line in movement:
        draw.text((60, y), line, font=small, fill=(255, 235, 225))
        y += 32
    out = io.BytesIO()
    card.save(out, "JPEG", quality=85, optimize=True, progressive=True)
    return out.getvalue()


def _render_to(job: ShareJob, entry: Path) -> None:
    """Draw the card into the cache folder `entry`: the card, then its manifest (last: an entry without one is none)."""
    data = render_card(job)
    (entry / MANIFEST).unlink(missing_ok=True)
    write_atomic(entry / CARD, data)
    write_atomic(entry / MANIFEST, json.dumps(asdict(FileRecord.of(data))).encode("utf-8"))


def _cached(entry: Path) -> bool:
    """Whether the entry holds a whole card as its manifest says (damage is logged; the card is redrawn)."""
    return read_manifest(entry, lambda data: FileRecord(**data), lambda record: [(CARD, record)]) is not None


@dataclass
class ShareRun:
    """Cards of a build and how many were drawn now (cache misses)."""

    cards: dict[str, ShareCard] = field(default_factory=dict)
    drawn: int = 0
    reused: int = 0


def build_share_cards(
    jobs: Iterable[ShareJob], cache_root: Path, public_dir: str = "anh/chia-se", workers: int = 0, area_name: str = "share-cards"
) -> ShareRun:
    """Draw the cards not in the cache folder `cache_root` yet (on up to `workers` cores, 0: all); every card by slug.

    `area_name` is the cache area: stories' cards and pages' cards ("page-cards") are kept apart.
    """
    area = CacheArea(cache_root, area_name, depends_on=(BOLD, REGULAR))
    run = ShareRun()
    entries = [(job, area.entry(area.key(key)), key) for job in jobs for key in (job.key(),)]
    found = map_in_threads(lambda item: _cached(item[1]), entries)  # hashing every card
    todo: list[tuple[ShareJob, Path]] = []
    for (job, entry, key), cached in zip(entries, found):
        run.cards[job.slug] = ShareCard(url=f"{public_dir}/{job.slug}-{key[:8]}.jpg", path=entry / CARD)
        if cached:
            area.used(entry / MANIFEST)
            run.reused += 1
        else:
            todo.append((job, entry))
    map_in_processes(lambda pair: _render_to(*pair), todo, worker_count(workers, len(todo)))
    run.drawn = len(todo)
    return run


def jobs_for(stories: Sequence, portal, photo_paths: dict[str, tuple[Path, str]]) -> list[ShareJob]:
    """A card job per story; `photo_paths` maps slug -> (cover rendition path, photo key)."""
    jobs = []
    for story in stories:
        photo, key = photo_paths.get(story.slug, (None, ""))
        jobs.append(
            ShareJob(
                slug=story.slug,
                title=story.title,
                subject=story.subject,
                movement=story.movements[0].name,
                province=portal.province,
                agency=portal.agency,
                color=portal.primary_color,
                accent=portal.accent_color,
                photo=str(photo) if photo else None,
                photo_key=key,
            )
        )
    return jobs


def page_job(slug: str, title: str, subject: str, footer: str, portal) -> ShareJob:
    """A card for a page that is not a story (a listing, the site itself): no photo, its own bottom line."""
    return ShareJob(
        slug=slug,
        title=title,
        subject=subject,
        movement="",
        province=portal.province,
        agency=portal.agency,
        color=portal.primary_color,
        accent=portal.accent_color,
        footer=footer,
    )
