"""Pictures: what pages show of the processed photos, and the photos stories refer to.

`build_photos` turns the covers and body images of the published stories into `Picture`s (every
rendition with its URL, for `<picture>`/`srcset`), using `generator.outputs.photos` to process or reuse
them; `rewrite_body` replaces `![alt](src)` in a story body with the responsive markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from generator.outputs.photos import ImageFailure, ImageJob, ImageOptions, ImageRun, Processed, Rendition, image_key, process_images, stem_of
from generator.core.text import clean

__all__ = [
    "BODY_IMAGE",
    "COVER",
    "POSTER",
    "PhotoRef",
    "PhotoSet",
    "Picture",
    "Source",
    "body_key",
    "build_photos",
    "failure_problems",
    "figure_html",
    "image_title",
    "outside_code",
    "photo_refs",
    "picture_for",
    "picture_html",
    "prose_lines",
    "rewrite_body",
]

COVER = "#cover"
"""The key under which a story's cover is kept in `PhotoSet.pictures` (body images: `body_key`)."""
POSTER = "#poster"
"""The key of the story's `poster:` photo, shown in front of its videos."""
BODY_IMAGE = re.compile(
    r"""!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|\((?P<pq>[^)]*)\)))?\s*\)"""
)
"""A Markdown image written inline: ![alt](src "title"); the title (`image_title`) may hold
parentheses and the other quote ("Ông Tám (bên phải)"), as Markdown allows."""


def image_title(match: re.Match[str]) -> str:
    """The title of a `BODY_IMAGE` match, whichever delimiters the officer used; "" without one."""
    return match["dq"] or match["sq"] or match["pq"] or ""
_MIME = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


@dataclass(frozen=True)
class Source:
    """A `<source>` (or the `<img>` fallback) of a picture: one format, every width."""

    mime: str
    srcset: tuple[tuple[str, int], ...]
    """(site-relative URL, width) pairs."""


@dataclass(frozen=True)
class Picture:
    """A processed photo as pages show it."""

    sources: tuple[Source, ...]
    """Modern formats first, the fallback format last."""
    fallback: str
    """URL of the fallback format's middle width, for `<img src>`."""
    width: int
    height: int
    thumbs: tuple[Source, ...]
    thumb_fallback: str
    thumb_width: int
    thumb_height: int
    largest: str
    """URL of the largest fallback rendition (lightbox, share cards, feeds)."""
    alt: str
    caption: str = ""
    credit: str = ""


def _sources(renditions: Sequence[Rendition], base: str) -> tuple[Source, ...]:
    by_format: dict[str, list[Rendition]] = {}
    for r in renditions:
        by_format.setdefault(r.format, []).append(r)
    return tuple(
        Source(_MIME[fmt], tuple((f"{base}{r.name}", r.width) for r in sorted(items, key=lambda r: r.width)))
        for fmt, items in by_format.items()
    )


def picture_for(processed: Processed, public_dir: str, alt: str, caption: str = "", credit: str = "") -> Picture:
    """The `Picture` of a processed photo published under `<public_dir>/<key>/`."""
    base = f"{public_dir}/{processed.key}/"
    sources = _sources(processed.renditions, base)
    thumbs = _sources(processed.thumbs, base)
    fallback = sources[-1].srcset
    thumb_fallback = thumbs[-1].srcset
    largest_thumb = max(processed.thumbs, key=lambda r: r.width)
    return Picture(
        sources=sources,
        fallback=fallback[len(fallback) // 2][0],
        width=processed.width,
        height=processed.height,
        thumbs=thumbs,
        thumb_fallback=thumb_fallback[0][0],
        thumb_width=largest_thumb.width,
        thumb_height=largest_thumb.height,
        largest=fallback[-1][0],
        alt=alt,
        caption=caption,
        credit=credit,
    )


# -- from stories to pictures ---------------------------------------------------------------------


@dataclass(frozen=True)
class PhotoRef:
    """A photo a story uses: its cover, or an image in its body."""

    slug: str
    key: str
    """`COVER` for the cover, else `body_key(src, alt, title)`: the key of its picture."""
    src: str
    """The path as the officer wrote it."""
    path: Path
    alt: str
    line: int
    story_path: Path
    caption: str = ""
    credit: str = ""


def body_key(src: str, alt: str, title: str) -> str:
    """Key of a body image's picture: the same file may appear twice with different alt or caption."""
    return f"{src}\n{alt}\n{title}"


def photo_refs(stories: Iterable) -> list[PhotoRef]:
    """Every photo the given stories show, cover first, in order."""
    refs = []
    for story in stories:
        if story.image is not None:
            image = story.image
            line = story.lines.get("image", 1)
            refs.append(
                PhotoRef(story.slug, COVER, image.src, image.path, image.alt, line, story.path, image.caption, image.credit)
            )
        if story.poster is not None:
            line = story.lines.get("poster", 1)
            refs.append(PhotoRef(story.slug, POSTER, story.poster.src, story.poster.path, "", line, story.path))
        for body in story.body_images:
            key = body_key(body.src, body.alt, body.title)
            refs.append(PhotoRef(story.slug, key, body.src, body.path, body.alt, body.line, story.path, body.title))
    return refs


@dataclass
class PhotoSet:
    """Processed photos of a build: pictures by (slug, src), files to publish, failures."""

    pictures: dict[tuple[str, str], Picture]
    files: list[tuple[str, Path]]
    """(site-relative URL, cached file) of every rendition to publish."""
    failures: list[tuple[PhotoRef, ImageFailure]]
    run: ImageRun
    covers: dict[str, tuple[Path, str]] = field(default_factory=dict)
    """slug -> (largest cached JPEG of the cover, photo key), for share cards."""
    cover_jpegs: dict[str, tuple[str, Path, Rendition]] = field(default_factory=dict)
    """slug -> (site-relative URL, cached file, rendition) of a mid-size JPEG cover, for feeds."""


def build_photos(
    refs: Sequence[PhotoRef], options: ImageOptions, cache_root: Path, public_dir: str = "anh", workers: int = 0
) -> PhotoSet:
    """Process (or reuse, from the cache folder `cache_root`) every referenced photo; describe what pages show."""
    keyed = [(ref, image_key(ref.path, options)) for ref in refs]
    run = process_images((ImageJob(ref.path, key, stem_of(ref.path)) for ref, key in keyed), options, cache_root, workers)
    failed = {f.key: f for f in run.failures}
    photos = PhotoSet({}, [], [], run)
    published: set[str] = set()
    for ref, key in keyed:
        if key in failed:
            photos.failures.append((ref, failed[key]))
            continue
        processed = run.results[key]
        if ref.key == COVER:
            jpegs = sorted((r for r in processed.renditions if r.format == "jpeg"), key=lambda r: r.width)
            photos.covers[ref.slug] = (run.folder(key) / jpegs[-1].name, key)
            middle = jpegs[len(jpegs) // 2]
            photos.cover_jpegs[ref.slug] = (f"{public_dir}/{key}/{middle.name}", run.folder(key) / middle.name, middle)
        photos.pictures[(ref.slug, ref.key)] = picture_for(processed, public_dir, ref.alt, ref.caption, ref.credit)
        if key not in published:
            published.add(key)
            for rendition in processed.renditions + processed.thumbs:
                photos.files.append((f"{public_dir}/{key}/{rendition.name}", run.folder(key) / rendition.name))
    return photos


def failure_problems(photos: PhotoSet, cwd: Path | None = None) -> list:
    """Photos that could not be processed, as problems on the line of the story that shows them."""
    from generator.core.errors import Problem, display_path

    return [
        Problem(display_path(ref.story_path, cwd), ref.line, failure.code, {"src": ref.src, **failure.params}, "error", "image")
        for ref, failure in photos.failures
    ]


def picture_html(picture: Picture, prefix: str, sizes: str, eager: bool = False) -> str:
    """`<picture>` markup with srcset, explicit size and lazy loading; `prefix` leads to the site root."""
    from markupsafe import escape

    def srcset(source: Source) -> str:
        return ", ".join(f"{prefix}{url} {width}w" for url, width in source.srcset)

    parts = ["<picture>"]
    for source in picture.sources[:-1]:
        parts.append(f'<source type="{source.mime}" srcset="{escape(srcset(source))}" sizes="{sizes}">')
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    parts.append(
        f'<img src="{escape(prefix + picture.fallback)}" srcset="{escape(srcset(picture.sources[-1]))}" sizes="{sizes}" '
        f'width="{picture.width}" height="{picture.height}" alt="{escape(picture.alt)}" {loading}>'
    )
    parts.append("</picture>")
    return "".join(parts)


def figure_html(picture: Picture, prefix: str, sizes: str) -> str:
    """A body photo as a figure: the picture links to its largest rendition, caption and credit below."""
    from markupsafe import escape

    caption = ""
    if picture.caption or picture.credit:
        credit = f' <span class="gs-credit">Ảnh: {escape(picture.credit)}</span>' if picture.credit else ""
        caption = f"<figcaption>{escape(picture.caption)}{credit}</figcaption>"
    link = escape(prefix + picture.largest)
    return f'<figure class="gs-figure"><a href="{link}">{picture_html(picture, prefix, sizes)}</a>{caption}</figure>'


def rewrite_body(body: str, slug: str, pictures: dict[tuple[str, str], Picture], prefix: str, sizes: str) -> str:
    """Replace local `![alt](src)` images with processed pictures; an image alone on its line becomes a figure."""

    def key(match: re.Match) -> tuple[str, str]:
        return (slug, body_key(match["src"], clean(match["alt"]), clean(image_title(match))))

    def replace(match: re.Match) -> str:
        picture = pictures.get(key(match))
        if picture is None:
            return match.group(0)
        return picture_html(picture, prefix, sizes)

    lines = body.split("\n")
    for index, line in list(prose_lines(lines)):
        if "![" not in line:
            continue
        alone = BODY_IMAGE.fullmatch(line.strip())
        if alone and key(alone) in pictures:
            lines[index] = figure_html(pictures[key(alone)], prefix, sizes)
        else:
            # Odd pieces between backticks are code spans: an image written there is an example.
            pieces = line.split("`")
            lines[index] = "`".join(BODY_IMAGE.sub(replace, p) if i % 2 == 0 else p for i, p in enumerate(pieces))
    return "\n".join(lines)


_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def prose_lines(lines: Sequence[str]) -> Iterable[tuple[int, str]]:
    """(index, line) of the lines outside fenced code blocks (``` and ~~~ close only their own kind)."""
    fence = ""
    for index, line in enumerate(lines):
        match = _FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        yield index, line


def outside_code(line: str) -> str:
    """`line` with its inline code spans blanked out, so examples in code are not taken for images."""
    return "`".join(piece if i % 2 == 0 else " " * len(piece) for i, piece in enumerate(line.split("`")))
