"""Photos: one pipeline for cover and body images, cached by content hash.

Whatever officers upload (12-megapixel JPEGs, iPhone HEIC, PNG, WebP; sideways; full of EXIF
and GPS) comes out as a few widths in AVIF/WebP/JPEG with **no metadata at all**, upright, in
sRGB. The original upload is never published. Results are cached in the "images" area of the
cache (`generator.runtime.cache`): the key hashes the file's bytes, the options and the libraries
doing the work, so a rebuild with no change processes nothing and changing one photo processes
that one only. Work is spread over the available cores.

Every rendition's size and SHA-256 are in the entry's manifest and checked in full before the
entry is used again: an entry with a missing, truncated or altered file is processed again (one
log line) and never published.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from generator.runtime import cache
from generator.runtime.cache import MANIFEST, VERSIONS, CacheArea, FileRecord, write_atomic
from generator.runtime.parallel import map_in_processes, map_in_threads, worker_count

__all__ = [
    "ImageFailure",
    "ImageJob",
    "ImageOptions",
    "ImageRun",
    "Processed",
    "Rendition",
    "image_key",
    "open_photo",
    "process_images",
    "process_one",
    "read_manifest",
    "stem_of",
]

_EXT = {"avif": "avif", "webp": "webp", "jpeg": "jpg"}
_PIL_FORMAT = {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}


@dataclass(frozen=True)
class ImageOptions:
    """How photos are processed. Changing any of these changes every cache key."""

    widths: tuple[int, ...] = (480, 960, 1600)
    formats: tuple[str, ...] = ("avif", "webp", "jpeg")
    """Modern formats first; the last one is the `<img>` fallback every browser reads."""
    quality: tuple[tuple[str, int], ...] = (("avif", 55), ("webp", 78), ("jpeg", 80))
    thumb_widths: tuple[int, ...] = (320, 640)
    thumb_ratio: tuple[int, int] = (3, 2)
    """Card thumbnails are cropped to this aspect ratio, centred."""
    max_pixels: int = 50_000_000
    """Larger images are refused (decompression bombs); 50 MP is above any phone camera."""

    def fingerprint(self) -> str:
        """A stable text of every option and the processing's version, part of each photo's key."""
        return json.dumps(asdict(self) | {"version": VERSIONS["images"]}, sort_keys=True)


@dataclass(frozen=True)
class Rendition:
    """One encoded file of a photo."""

    name: str
    """File name inside the cache folder and under the photo's site folder."""
    width: int
    height: int
    format: str
    size: int = 0
    """Bytes of the file (feeds give it as the enclosure's length)."""
    sha256: str = ""
    """Its digest, checked before the cached file is used again (empty in manifests of older versions)."""

    @property
    def record(self) -> FileRecord:
        """What the cached file must hold."""
        return FileRecord(self.size, self.sha256)


@dataclass(frozen=True)
class Processed:
    """The manifest of a processed photo: what is in its cache folder."""

    key: str
    width: int
    """Width of the largest rendition (upright)."""
    height: int
    renditions: tuple[Rendition, ...]
    thumbs: tuple[Rendition, ...]


@dataclass(frozen=True)
class ImageJob:
    """A photo to process: where it is, its cache key and a readable file-name stem."""

    source: Path
    key: str
    stem: str


@dataclass(frozen=True)
class ImageFailure:
    """Why a photo could not be processed: a message code and its values."""

    source: Path
    code: str
    params: dict[str, object] = field(default_factory=dict)
    key: str = ""
    """Cache key of the photo (several stories may show the same file)."""


def image_key(path: Path, options: ImageOptions) -> str:
    """Content hash of the file plus the options: the photo's public folder name (`anh/<key>/`)."""
    digest = hashlib.sha256(options.fingerprint().encode())
    with path.open("rb") as stream:
        digest.update(hashlib.file_digest(stream, "sha256").digest())
    return digest.hexdigest()[:20]


def stem_of(path: Path) -> str:
    """A readable ASCII stem for output names ("Ảnh Ông Tám.HEIC" -> "anh-ong-tam")."""
    from generator.core.text import slugify

    return slugify(path.stem, 40) or "anh"


# -- processing (runs in worker processes) ------------------------------------------------------


def _one_line(error: BaseException) -> str:
    """An exception's text on one line, so that `path:line: error:` stays one line."""
    return " ".join(str(error).split()) or type(error).__name__


def open_photo(source: Path, options: ImageOptions):
    """Open and fully decode an image, refusing bombs before decoding; returns (image, failure)."""
    from PIL import Image, UnidentifiedImageError

    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # HEIC needs pillow-heif; other formats work without it
        pass
    Image.MAX_IMAGE_PIXELS = None  # our own limit below, with a message officers understand
    try:
        image = Image.open(source)
    except UnidentifiedImageError:
        return None, ImageFailure(source, "image.not_image")
    except OSError as error:
        return None, ImageFailure(source, "image.corrupt", {"detail": _one_line(error)})
    width, height = image.size
    if width * height > options.max_pixels:
        image.close()
        return None, ImageFailure(
            source, "image.too_large",
            {"megapixels": round(width * height / 1e6, 1), "limit": round(options.max_pixels / 1e6)},
        )  # fmt: skip
    try:
        if image.format == "JPEG":
            # DCT scaling: decode a 12 MP JPEG at half or quarter size when that is still large enough.
            wanted = max(options.widths)
            swapped = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)
            image.draft("RGB", (1, wanted) if swapped else (wanted, 1))
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        image.close()
        return None, ImageFailure(source, "image.corrupt", {"detail": _one_line(error)})
    return image, None


def _to_srgb(image):
    """Upright, sRGB, RGB/RGBA, and with every piece of metadata dropped."""
    from PIL import Image, ImageCms, ImageOps

    try:
        image = ImageOps.exif_transpose(image)
    except (SyntaxError, ValueError, OSError, KeyError, TypeError):
        pass  # unreadable EXIF: keep the pixels as stored (the EXIF itself is dropped below)
    icc = image.info.get("icc_profile")
    if icc:
        try:
            profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") else "RGB"
            image = ImageCms.profileToProfile(image.convert(mode), profile, ImageCms.createProfile("sRGB"), outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: treat the pixels as sRGB, which is what browsers would do
    if image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
    # A new image carries pixels only: no EXIF, GPS, XMP, ICC or comments can follow it out.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    return clean


def _encode(image, fmt: str, quality: int) -> bytes:
    from PIL import Image

    if fmt == "jpeg" and image.mode == "RGBA":
        background = Image.new("RGB", image.size, (255, 255, 255))
        background.paste(image, mask=image.getchannel("A"))
        image = background
    out = io.BytesIO()
    extra = {"jpeg": {"optimize": True, "progressive": True}, "webp": {"method": 4}, "avif": {"speed": 8}}[fmt]
    image.save(out, _PIL_FORMAT[fmt], quality=quality, **extra)
    return out.getvalue()


def _resize(image, width: int):
    from PIL import Image

    if image.width <= width:
        return image
    return image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _thumb(image, width: int, ratio: tuple[int, int]):
    from PIL import Image, ImageOps

    height = round(width * ratio[1] / ratio[0])
    return ImageOps.fit(image, (width, height), Image.Resampling.LANCZOS, centering=(0.5, 0.5))


def process_one(job: ImageJob, options: ImageOptions, folder: Path) -> Processed | ImageFailure:
    """Process one photo into the cache entry `folder`; the manifest is written last, atomically."""
    image, failure = open_photo(job.source, options)
    if failure:
        return replace(failure, key=job.key)
    image = _to_srgb(image)
    # An entry being made again has no manifest until every file is rewritten: never half trusted.
    (folder / MANIFEST).unlink(missing_ok=True)
    quality = dict(options.quality)
    available = _available_formats(options.formats)
    renditions: list[Rendition] = []
    widths = sorted({min(w, image.width) for w in options.widths})  # never upscale
    for width in widths:
        resized = _resize(image, width)
        for fmt in available:
            name = f"{job.stem}-{resized.width}.{_EXT[fmt]}"
            renditions.append(_write(folder, name, _encode(resized, fmt, quality[fmt]), resized, fmt))
    thumbs: list[Rendition] = []
    for width in sorted({min(w, image.width) for w in options.thumb_widths}):
        thumb = _thumb(image, width, options.thumb_ratio)
        for fmt in available:
            name = f"{job.stem}-the-{thumb.width}.{_EXT[fmt]}"
            thumbs.append(_write(folder, name, _encode(thumb, fmt, quality[fmt]), thumb, fmt))
    largest = max(renditions, key=lambda r: r.width)
    processed = Processed(job.key, largest.width, largest.height, tuple(renditions), tuple(thumbs))
    write_atomic(folder / MANIFEST, json.dumps(asdict(processed)).encode("utf-8"))
    return processed


def _write(folder: Path, name: str, data: bytes, image, fmt: str) -> Rendition:
    record = FileRecord.of(data)
    write_atomic(folder / name, data)
    return Rendition(name, image.width, image.height, fmt, record.size, record.sha256)


def _available_formats(formats: Sequence[str]) -> list[str]:
    from PIL import features

    return [f for f in formats if f != "avif" or features.check("avif")]


def _parse_manifest(data) -> Processed | None:
    processed = Processed(
        key=data["key"],
        width=data["width"],
        height=data["height"],
        renditions=tuple(Rendition(**r) for r in data["renditions"]),
        thumbs=tuple(Rendition(**r) for r in data["thumbs"]),
    )
    if not all(r.sha256 for r in processed.renditions + processed.thumbs):
        return None  # written by an older version: nothing to check against
    return processed


def read_manifest(folder: Path) -> Processed | None:
    """The result cached in the entry `folder`, every file checked; None when the photo must be processed (again)."""
    return cache.read_manifest(
        folder, _parse_manifest, lambda processed: ((r.name, r.record) for r in processed.renditions + processed.thumbs)
    )


@dataclass
class ImageRun:
    """Outcome of processing a set of photos."""

    area: CacheArea
    results: dict[str, Processed] = field(default_factory=dict)
    failures: list[ImageFailure] = field(default_factory=list)
    processed: int = 0
    """Photos actually processed in this run (cache misses)."""
    reused: int = 0

    def folder(self, key: str) -> Path:
        """The cache entry holding the renditions of the photo `key`."""
        return self.area.entry(self.area.key(key))


def process_images(jobs: Iterable[ImageJob], options: ImageOptions, cache_root: Path, workers: int = 0) -> ImageRun:
    """Process every job not already in the cache, on up to `workers` cores (0: all); failures are returned."""
    run = ImageRun(CacheArea(cache_root, "images"))
    todo: list[ImageJob] = []
    unique = list({j.key: j for j in jobs}.values())
    found = map_in_threads(lambda job: read_manifest(run.folder(job.key)), unique)  # hashing every file
    for job, cached in zip(unique, found):
        folder = run.folder(job.key)
        if cached is None:
            todo.append(job)
        else:
            run.area.used(folder / MANIFEST)
            run.results[job.key] = cached
            run.reused += 1
    process = lambda job: process_one(job, options, run.folder(job.key))  # noqa: E731
    outcomes = map_in_processes(process, todo, worker_count(workers, len(todo)))
    for outcome in outcomes:
        if isinstance(outcome, ImageFailure):
            run.failures.append(outcome)
        else:
            run.results[outcome.key] = outcome
            run.processed += 1
    return run
