"""The photo pipeline, end to end: real photos made here with Pillow, real `mkdocs build` runs.

What issue 4 asks of photos, checked on the built site rather than on the code's own idea of it:
upright (EXIF orientation), no metadata in any published file (EXIF, GPS, XMP, ICC, comments),
the upload itself never published, the configured widths and formats (never upscaled), the
`<picture>` markup (srcset/sizes, explicit size, lazy except the cover), every input format
officers upload, every bad input stopping the build with `path:line: error:` (no traceback, no
hang, no half-written site), and the cache (second build processes nothing, one changed photo is
processed alone, a damaged cache is repaired rather than fatal).

Builds run as child processes with a generous timeout, so a hang fails the test instead of
freezing the suite. They log at INFO level (no `-q`): the plugin's
"Ảnh: xử lý N, dùng lại M từ bộ nhớ đệm." line is how the cache is counted.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, PngImagePlugin

from conftest import MKDOCS_YML, SiteProject, make_project, tiny_jpeg, valid_story
from harness import BUILD_EPOCH

from generator.runtime.cache import CacheArea

BUILD_TIMEOUT = 300
"""Seconds a build may take before it counts as a hang (the slowest here take a few seconds)."""
SITE_URL = "https://example.org/guong-sang/"
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".webp", ".avif", ".png", ".gif", ".heic", ".heif"}
PHOTO_LOG = re.compile(r"Ảnh: xử lý (\d+), dùng lại (\d+) từ bộ nhớ đệm\.")
CARD_LOG = re.compile(r"Thẻ chia sẻ: vẽ (\d+), dùng lại (\d+)\.")
MIME = {"image/avif": "AVIF", "image/webp": "WEBP", "image/jpeg": "JPEG"}


# -- photos ------------------------------------------------------------------------------------------


def scene(width: int, height: int, seed: int = 0) -> Image.Image:
    """Photo-like RGB content (gradients and shapes), the same for the same arguments."""
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.radial_gradient("L").resize((width, height))
    blue = Image.linear_gradient("L").rotate(90).resize((width, height))
    image = Image.merge("RGB", (red, green, blue))
    draw = ImageDraw.Draw(image)
    rng = random.Random(seed)
    for _ in range(10):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randrange(max(2, min(width, height) // 12), max(3, min(width, height) // 4))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    return image


def encode(image: Image.Image, fmt: str = "JPEG", **options: object) -> bytes:
    """`image` saved in `fmt` (HEIF needs pillow_heif's opener registered, done below)."""
    if fmt == "HEIF":
        import pillow_heif

        pillow_heif.register_heif_opener()
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def jpeg(width: int, height: int, seed: int = 0, **options: object) -> bytes:
    return encode(scene(width, height, seed), "JPEG", quality=90, **options)


MAKE = "GuongSangTestCam"
XMP_TOOL = "GuongSangXMP"
COMMENT = "GuongSangComment"
XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
    f'<rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="{XMP_TOOL}"/>'
    "</rdf:RDF></x:xmpmeta>"
).encode()
# Where the honoured person lives: exactly what must never be published.
GPS_LAT, GPS_LON = (15.0, 7.0, 12.5), (108.0, 48.0, 3.25)


def camera_exif(orientation: int = 1) -> Image.Exif:
    """EXIF as a phone writes it: make, model, date, orientation and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = MAKE  # Make
    exif[0x0110] = "Model 12 Pro"  # Model
    exif[0x0132] = "2023:05:19 08:00:00"  # DateTime
    exif[0x0112] = orientation
    gps = exif.get_ifd(0x8825)  # the GPS IFD
    gps[1], gps[2], gps[3], gps[4] = "N", GPS_LAT, "E", GPS_LON
    return exif


def icc_profile() -> bytes:
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def with_metadata(image: Image.Image, fmt: str, orientation: int = 1) -> bytes:
    """`image` in `fmt` carrying EXIF with GPS, an ICC profile, XMP and (where the format has one) a comment."""
    options: dict[str, object] = {"exif": camera_exif(orientation), "icc_profile": icc_profile()}
    if fmt == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_itxt("XML:com.adobe.xmp", XMP.decode())
        info.add_text("Comment", COMMENT)
        options["pnginfo"] = info
    else:
        options["xmp"] = XMP
    if fmt == "JPEG":
        options["comment"] = COMMENT
    data = encode(image, fmt, **options)
    # The test is only meaningful if the source really carries all of it.
    source = Image.open(io.BytesIO(data))
    assert source.getexif().get_ifd(0x8825), fmt
    assert source.info.get("icc_profile"), fmt
    return data


def sideways(width: int = 1200, height: int = 800) -> Image.Image:
    """A photo stored sideways: grey, red square at the stored top-left, blue at the stored bottom-left.

    Shown with EXIF orientation 6 (rotate 90° clockwise) it is `height` wide and `width` tall, the
    red square at the top right and the blue one at the top left.
    """
    image = Image.new("RGB", (width, height), (128, 128, 128))
    draw = ImageDraw.Draw(image)
    side = height // 4
    draw.rectangle((0, 0, side, side), fill=(220, 0, 0))
    draw.rectangle((0, height - side, side, height), fill=(0, 0, 220))
    return image


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 60) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour))


def size_of(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        return image.size


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# -- projects and builds -------------------------------------------------------------------------------


def photo_project(root: Path, options: str = "", site_url: str | None = SITE_URL) -> SiteProject:
    """A minimal site (conftest's) with a site_url and, if given, YAML `options` for the plugin."""
    yml = MKDOCS_YML
    if options:
        yml = yml.replace("  - exemplars\n", "  - exemplars:\n" + textwrap.indent(textwrap.dedent(options), "      "))
    if site_url is not None:
        yml += f"site_url: {site_url}\n"
    return make_project(root, yml)


def build(root: Path, site: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """`mkdocs build` of `root` into `site`, as harness.mkdocs_build but logging INFO and with a timeout.

    A build that runs past BUILD_TIMEOUT raises `subprocess.TimeoutExpired`: a hang fails the test.
    """
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site), *extra],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=BUILD_TIMEOUT,
    )


def built(root: Path, site: Path) -> subprocess.CompletedProcess[str]:
    """A build that must succeed."""
    run = build(root, site)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def counts(pattern: re.Pattern[str], log: str) -> tuple[int, int]:
    found = pattern.findall(log)
    assert len(found) == 1, f"expected one {pattern.pattern!r} line in the build log:\n{log[-3000:]}"
    return int(found[0][0]), int(found[0][1])


def story(slug: str, title: str, body: str = "Đoạn mở đầu của bài viết.\n", **fields: object) -> str:
    return valid_story(body=body, title=title, slug=slug, **fields)


def cover(src: str, alt: str = "Ảnh bìa", **more: str) -> dict[str, str]:
    return {"src": src, "alt": alt, **more}


def published_images(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*") if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)


def renditions(site: Path) -> list[Path]:
    """Every processed photo file published under site/anh/<key>/ (share cards excluded)."""
    return sorted(p for p in (site / "anh").glob("*/*") if p.parent.name != "chia-se")


def line_of(path: Path, prefix: str) -> int:
    """1-based line of the first line of `path` that starts with `prefix` (after indentation)."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.strip().startswith(prefix):
            return number
    raise AssertionError(f"no line starting with {prefix!r} in {path}")


# -- reading built pages -------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str | None]
    ancestors: tuple[Element, ...]
    texts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.texts).split())

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def inside(self, tag: str, cls: str | None = None) -> Element | None:
        """The nearest ancestor `tag` (with class `cls`), if any."""
        for element in reversed(self.ancestors):
            if element.tag == tag and (cls is None or cls in element.classes):
                return element
        return None


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.elements: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), tuple(self.stack))
        self.elements.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append(Element(tag, dict(attrs), tuple(self.stack)))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self.stack:
            element.texts.append(data)


@dataclass
class Page:
    """A built HTML page and its elements."""

    path: Path
    html: str
    elements: list[Element]

    @classmethod
    def read(cls, path: Path) -> Page:
        html = path.read_text(encoding="utf-8")
        parser = _Parser()
        parser.feed(html)
        return cls(path, html, parser.elements)

    def find(self, tag: str, cls: str | None = None) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and (cls is None or cls in e.classes)]

    def within(self, parent: Element, tag: str) -> list[Element]:
        return [e for e in self.elements if e.tag == tag and parent in e.ancestors]

    def file(self, url: str) -> Path:
        """The file a page-relative URL points to."""
        assert "://" not in url and not url.startswith("/"), url
        return (self.path.parent / url).resolve()


def story_page(site: Path, slug: str) -> Page:
    return Page.read(site / "guong-dien-hinh" / slug / "index.html")


def srcset(value: str | None) -> list[tuple[str, int]]:
    """[(url, width)] of a srcset attribute."""
    assert value, "empty srcset"
    entries = []
    for item in value.split(","):
        url, descriptor = item.split()
        assert descriptor.endswith("w"), value
        entries.append((url, int(descriptor[:-1])))
    return entries


def check_srcset(page: Page, value: str | None, fmt: str, ratio: float | None = None) -> list[int]:
    """Every file of a srcset exists, is `fmt`, has the width its descriptor says; returns the widths."""
    widths = []
    for url, width in srcset(value):
        path = page.file(url)
        assert path.is_file(), f"{url} (in {page.path}) does not exist"
        with Image.open(path) as image:
            assert image.format == fmt, (url, image.format)
            assert image.width == width, (url, image.size)
            if ratio is not None:
                assert abs(image.height / image.width - ratio) < 0.01, (url, image.size, ratio)
        widths.append(width)
    return widths


@dataclass
class PictureMarkup:
    """The `<source>`s and `<img>` of one `<picture>` of a page."""

    picture: Element
    sources: list[Element]
    img: Element

    @property
    def ratio(self) -> float:
        return int(self.img.attrs["height"] or 0) / int(self.img.attrs["width"] or 1)


def pictures(page: Page, where: Callable[[Element], bool] = lambda e: True) -> list[PictureMarkup]:
    found = []
    for picture in page.find("picture"):
        if not where(picture):
            continue
        imgs = page.within(picture, "img")
        assert len(imgs) == 1, f"a <picture> needs exactly one <img> ({page.path})"
        found.append(PictureMarkup(picture, page.within(picture, "source"), imgs[0]))
    return found


def check_picture(page: Page, markup: PictureMarkup, formats: list[str]) -> dict[str, list[int]]:
    """Sources in `formats` order (fallback last, as the <img>), each with sizes and real files; widths by MIME."""
    types = [s.attrs.get("type") for s in markup.sources]
    assert types == [f"image/{f}" for f in formats[:-1]], types
    img = markup.img
    assert img.attrs.get("width", "").isdigit() and img.attrs.get("height", "").isdigit(), img.attrs
    assert img.attrs.get("sizes") and all(s.attrs.get("sizes") for s in markup.sources)
    widths = {}
    for source in markup.sources:
        mime = source.attrs["type"] or ""
        widths[mime] = check_srcset(page, source.attrs.get("srcset"), MIME[mime], markup.ratio)
    widths[f"image/{formats[-1]}"] = check_srcset(page, img.attrs.get("srcset"), MIME[f"image/{formats[-1]}"], markup.ratio)
    src = page.file(img.attrs.get("src") or "")
    assert src.is_file(), img.attrs.get("src")
    return widths


def is_lazy(img: Element) -> bool:
    return img.attrs.get("loading") == "lazy" and img.attrs.get("decoding") == "async"


# -- the gallery: one build with every kind of photo, shared by the tests that only read it --------------


@dataclass
class Gallery:
    project: SiteProject
    site: Path
    sources: list[Path]
    log: str


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Gallery:
    """Stories with photos as officers upload them, built once with the default options."""
    root = tmp_path_factory.mktemp("gallery") / "project"
    project = photo_project(root)
    files = {
        "2023/bia.jpg": with_metadata(scene(1000, 750, 1), "JPEG"),
        "2023/anh-2.jpg": with_metadata(scene(1600, 1200, 2), "JPEG"),
        "2023/anh-3.png": with_metadata(scene(640, 480, 3), "PNG"),
        "2023/nghieng.jpg": with_metadata(sideways(), "JPEG", orientation=6),
        "2023/nghieng-than.jpg": encode(sideways(900, 600), "JPEG", exif=camera_exif(6)),
        "2024/anh.webp": with_metadata(scene(900, 600, 4), "WEBP"),
        "2024/iphone.heic": with_metadata(scene(800, 600, 5), "HEIF"),
        "2024/cmyk.jpg": encode(Image.new("CMYK", (700, 500), (0, 255, 255, 0)), "JPEG", quality=95),
        "2024/trong-suot.png": encode(transparent_png(), "PNG"),
    }
    sources = [project.add_file(f"exemplars/{name}", data) for name, data in files.items()]
    body = textwrap.dedent("""\
        Ông Hòa đã hiến 500 m² đất để mở rộng đường liên thôn.

        ![Ông Hòa bên rừng keo](anh-2.jpg "Rừng keo của ông Hòa năm 2023")

        Câu có một ảnh nhỏ ![Ảnh nhỏ trong câu](anh-3.png) ngay giữa câu.

        Ảnh chụp nghiêng:

        ![Ảnh chụp nghiêng trong thân bài](nghieng-than.jpg)

        ![Rừng keo nhìn từ đồi](anh-2.jpg 'Rừng keo (bên phải) của "tổ hợp tác"')
        """)
    project.add_story(
        "2023/ong-hoa.md",
        story("ong-hoa", "Ông Nguyễn Văn Hòa giữ rừng", body, summary="Ba mươi năm giữ rừng đầu nguồn.",
              image=cover("bia.jpg", "Ông Hòa trước nhà", caption="Ông Hòa trước ngôi nhà của mình", credit="Văn Tư")),
    )  # fmt: skip
    project.add_story("2023/nghieng.md", story("nghieng", "Chị Lê Thị Lan", image=cover("nghieng.jpg", "Chị Lan")))
    project.add_story("2024/webp.md", story("webp", "Hợp tác xã Phú Long", image=cover("anh.webp", "Hợp tác xã")))
    project.add_story("2024/heic.md", story("heic", "Anh Trần Văn Dũng", image=cover("iphone.heic", "Anh Dũng")))
    project.add_story("2024/cmyk.md", story("cmyk", "Bà Phạm Thị Mai", image=cover("cmyk.jpg", "Bà Mai")))
    project.add_story("2024/chu-thich.md", story("chu-thich", "Chi đoàn thôn Phú Long",  # caption, no alt
                                                 image={"src": "anh.webp", "caption": "Đoàn viên dọn vệ sinh đường làng"}))
    project.add_story("2024/trong-suot.md", story("trong-suot", "Ông Võ Minh Tâm", image=cover("trong-suot.png", "Ông Tâm")))
    site = root.parent / "out"
    run = built(root, site)
    return Gallery(project, site, sources, run.stderr)


def transparent_png() -> Image.Image:
    """RGBA: the left half fully transparent, the right half opaque blue."""
    image = Image.new("RGBA", (800, 600), (0, 0, 0, 0))
    ImageDraw.Draw(image).rectangle((400, 0, 799, 599), fill=(0, 0, 255, 255))
    return image


def cover_of(page: Page) -> PictureMarkup:
    found = pictures(page, lambda p: p.inside("figure", "gs-cover") is not None)
    assert len(found) == 1, f"expected one cover picture in {page.path}"
    return found[0]


def cover_fallback(page: Page) -> Image.Image:
    """The cover's largest fallback (JPEG) rendition, decoded."""
    url, _ = srcset(cover_of(page).img.attrs.get("srcset"))[-1]
    with Image.open(page.file(url)) as image:
        image.load()
        return image


# -- orientation ---------------------------------------------------------------------------------------------


def test_orientation_6_comes_out_portrait_in_every_rendition(gallery: Gallery) -> None:
    page = story_page(gallery.site, "nghieng")
    markup = cover_of(page)
    assert int(markup.img.attrs["width"]) < int(markup.img.attrs["height"]), markup.img.attrs
    assert markup.ratio == pytest.approx(1200 / 800, abs=0.01)
    files = [page.file(url) for s in [*markup.sources, markup.img] for url, _ in srcset(s.attrs.get("srcset"))]
    assert len(files) == 6  # 480 and the full 800 in AVIF, WebP and JPEG
    for path in files:
        with Image.open(path) as image:
            image = image.convert("RGB")
        assert image.width < image.height, (path.name, image.size)
        # Rotated clockwise, not anticlockwise: red (stored top-left) is now top-right, blue top-left.
        assert near(image.getpixel((int(image.width * 0.87), int(image.height * 0.08))), (220, 0, 0)), path.name
        assert near(image.getpixel((int(image.width * 0.12), int(image.height * 0.08))), (0, 0, 220)), path.name


def test_orientation_6_in_the_body_comes_out_portrait(gallery: Gallery) -> None:
    page = story_page(gallery.site, "ong-hoa")
    [markup] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Ảnh chụp nghiêng trong thân bài"]
    assert int(markup.img.attrs["width"]) < int(markup.img.attrs["height"])
    for source in [*markup.sources, markup.img]:
        for url, _ in srcset(source.attrs.get("srcset")):
            with Image.open(page.file(url)) as image:
                assert image.width < image.height, (url, image.size)


# -- privacy -------------------------------------------------------------------------------------------------

LEAKS = [b"Exif", b"EXIF", b"MM\x00*", b"II*\x00", b"http://ns.adobe.com/xap", b"xmpmeta", b"acsp",
         MAKE.encode(), XMP_TOOL.encode(), COMMENT.encode()]  # fmt: skip
"""Byte strings of metadata: EXIF markers (JPEG/AVIF, WebP), TIFF headers (EXIF's body), XMP, the ICC signature
and the values written into the sources. (A bare b"GPS" is not searched: three bytes occur by chance in
compressed pixels; GPS lives in the EXIF that these markers find, and the GPS IFD is read back below.)"""


def test_no_published_image_carries_metadata(gallery: Gallery) -> None:
    images = published_images(gallery.site)
    assert len({p.parent for p in renditions(gallery.site)}) == 9, "the gallery publishes renditions of all 9 photos"
    for path in images:
        with Image.open(path) as image:
            exif = image.getexif()
            assert len(exif) == 0, (path, dict(exif))
            assert not exif.get_ifd(0x8825), path
            leaked = {"exif", "icc_profile", "xmp", "XML:com.adobe.xmp", "comment", "Comment"} & set(image.info)
            assert not leaked, (path, leaked)
        data = path.read_bytes()
        for marker in LEAKS:
            assert marker not in data, (path, marker)


def test_the_original_upload_is_never_published(gallery: Gallery) -> None:
    originals = {sha256(p) for p in gallery.sources}
    names = {p.name for p in gallery.sources}
    for path in (p for p in gallery.site.rglob("*") if p.is_file()):
        assert sha256(path) not in originals, f"{path} is a copy of an uploaded photo"
        if path.parent.parent.name == "anh":
            assert path.name not in names, path


# -- widths, formats, markup ---------------------------------------------------------------------------------


def test_default_widths_and_formats_never_upscaled(gallery: Gallery) -> None:
    page = story_page(gallery.site, "ong-hoa")
    markup = cover_of(page)  # bia.jpg is 1000 px wide
    widths = check_picture(page, markup, ["avif", "webp", "jpeg"])
    assert widths == {"image/avif": [480, 960, 1000], "image/webp": [480, 960, 1000], "image/jpeg": [480, 960, 1000]}
    assert (markup.img.attrs["width"], markup.img.attrs["height"]) == ("1000", "750")
    [big] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Ông Hòa bên rừng keo"]  # 1600 px wide
    assert check_picture(page, big, ["avif", "webp", "jpeg"])["image/jpeg"] == [480, 960, 1600]
    [small] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Ảnh nhỏ trong câu"]  # 640 px wide
    assert check_picture(page, small, ["avif", "webp", "jpeg"])["image/webp"] == [480, 640]
    folder = page.file(srcset(markup.img.attrs.get("srcset"))[0][0]).parent
    published = {(p.suffix, size_of(p)[0]) for p in folder.iterdir() if "-the-" not in p.name}
    assert published == {(ext, w) for ext in (".avif", ".webp", ".jpg") for w in (480, 960, 1000)}


def test_cover_markup(gallery: Gallery) -> None:
    page = story_page(gallery.site, "ong-hoa")
    markup = cover_of(page)
    img = markup.img
    assert img.attrs.get("alt") == "Ông Hòa trước nhà"
    assert "loading" not in img.attrs, "the cover is the largest paint: it must not be lazy"
    assert img.attrs.get("fetchpriority") == "high"
    figcaption = page.within(markup.picture.inside("figure", "gs-cover"), "figcaption")
    assert len(figcaption) == 1
    assert "Ông Hòa trước ngôi nhà của mình" in figcaption[0].text
    assert "Văn Tư" in figcaption[0].text


def test_caption_serves_as_alt_when_alt_is_missing(gallery: Gallery) -> None:
    page = story_page(gallery.site, "chu-thich")
    markup = cover_of(page)
    assert markup.img.attrs.get("alt") == "Đoàn viên dọn vệ sinh đường làng"
    assert "Đoàn viên dọn vệ sinh đường làng" in page.within(markup.picture.inside("figure", "gs-cover"), "figcaption")[0].text


def test_body_image_alone_on_its_line_becomes_a_figure_with_caption(gallery: Gallery) -> None:
    page = story_page(gallery.site, "ong-hoa")
    [markup] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Ông Hòa bên rừng keo"]
    assert markup.picture.inside("div", "gs-story__body") is not None
    figure = markup.picture.inside("figure")
    assert figure is not None and "gs-cover" not in figure.classes
    captions = page.within(figure, "figcaption")
    assert [c.text for c in captions] == ["Rừng keo của ông Hòa năm 2023"]
    assert is_lazy(markup.img), markup.img.attrs
    assert "fetchpriority" not in markup.img.attrs
    check_picture(page, markup, ["avif", "webp", "jpeg"])


def test_a_caption_with_parentheses_and_quotes_keeps_its_photo_processed(gallery: Gallery) -> None:
    # Markdown ends a title at its own closing quote: "(bên phải)" once left the photo unprocessed,
    # its original file linked and missing from the site.
    page = story_page(gallery.site, "ong-hoa")
    [markup] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Rừng keo nhìn từ đồi"]
    figure = markup.picture.inside("figure")
    assert [c.text for c in page.within(figure, "figcaption")] == ['Rừng keo (bên phải) của "tổ hợp tác"']
    check_picture(page, markup, ["avif", "webp", "jpeg"])


@pytest.mark.parametrize("title", ['"Ông Tám (bên phải)"', "'Ông Tám \"bộ đội Cụ Hồ\"'", "(Ông Tám)"])
def test_a_missing_photo_is_reported_whatever_its_caption_holds(title: str, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    body = f"Đoạn mở đầu.\n\n![Ông Tám bên vườn](khong-co.jpg {title})\n"
    project.add_story("2023/vuon.md", valid_story(body=body))
    result = project.check()
    assert result.exit_code == 1
    [error] = [line for line in result.stdout.splitlines() if "khong-co.jpg" in line]
    assert error.startswith("exemplars/2023/vuon.md:") and ": error: " in error


def test_body_image_inside_a_sentence_stays_a_picture(gallery: Gallery) -> None:
    page = story_page(gallery.site, "ong-hoa")
    [markup] = [m for m in pictures(page) if m.img.attrs.get("alt") == "Ảnh nhỏ trong câu"]
    paragraph = markup.picture.inside("p")
    assert paragraph is not None and "ngay giữa câu" in paragraph.text
    assert markup.picture.inside("figure") is None
    assert is_lazy(markup.img)
    assert "![" not in page.html.split('class="gs-story__body"', 1)[1], "a Markdown image was left unconverted"


def test_card_thumbnails_are_lazy_and_3_by_2(gallery: Gallery) -> None:
    pages = [Page.read(p) for p in gallery.site.glob("phong-trao/*/index.html")]
    pages.append(story_page(gallery.site, "ong-hoa"))  # its related stories
    thumbs = [(page, m) for page in pages for m in pictures(page, lambda p: "gs-thumb" in p.classes)]
    assert len(thumbs) >= 7, "every story with a cover shows a thumbnail on its movement's listing"
    for page, markup in thumbs:
        assert is_lazy(markup.img), markup.img.attrs
        assert markup.img.attrs.get("alt") is not None
        assert markup.ratio == pytest.approx(2 / 3, abs=0.01)
        widths = check_picture(page, markup, ["avif", "webp", "jpeg"])
        assert all(w <= 640 for ws in widths.values() for w in ws)


def test_custom_widths_and_formats_are_honoured(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p", "images:\n  widths: [300, 600]\n  formats: [webp, jpeg]\n")
    project.add_file("exemplars/anh.jpg", jpeg(1000, 750))
    project.add_story("a.md", story("a", "Ông Hòa", image=cover("anh.jpg")))
    site = tmp_path / "out"
    built(project.root, site)
    page = story_page(site, "a")
    markup = cover_of(page)
    assert check_picture(page, markup, ["webp", "jpeg"]) == {"image/webp": [300, 600], "image/jpeg": [300, 600]}
    assert "image/avif" not in page.html
    files = renditions(site)
    assert files and not any(p.suffix == ".avif" for p in files)
    assert {size_of(p)[0] for p in files if "-the-" not in p.name} == {300, 600}


def test_formats_without_jpeg_still_get_a_jpeg_fallback(tmp_path: Path) -> None:
    """`formats: [webp]`: the <img> fallback (and feeds, share cards) still need a JPEG."""
    project = photo_project(tmp_path / "p", "images:\n  formats: [webp]\n")
    project.add_file("exemplars/anh.jpg", jpeg(700, 500))
    project.add_story("a.md", story("a", "Ông Hòa", image=cover("anh.jpg")))
    site = tmp_path / "out"
    built(project.root, site)
    page = story_page(site, "a")
    assert check_picture(page, cover_of(page), ["webp", "jpeg"]) == {"image/webp": [480, 700], "image/jpeg": [480, 700]}


@pytest.mark.parametrize("widths", ["[]", "[0]", "[-5, 300]"])
def test_invalid_widths_are_a_configuration_error(widths: str, tmp_path: Path) -> None:
    """A mistake in mkdocs.yml is reported as such, not as a traceback nor as a damaged photo."""
    project = photo_project(tmp_path / "p", f"images:\n  widths: {widths}\n")
    project.add_file("exemplars/anh.jpg", jpeg(700, 500))
    project.add_story("a.md", story("a", "Ông Hòa", image=cover("anh.jpg")))
    site = tmp_path / "out"
    run = build(project.root, site)
    assert run.returncode != 0
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert "widths" in run.stderr, run.stderr[-2000:]
    assert "anh.jpg" not in run.stderr, "the photo is fine; the configuration is not"
    assert not (site / "index.html").exists()


# -- what officers upload ----------------------------------------------------------------------------------


def test_webp_input_is_converted(gallery: Gallery) -> None:
    page = story_page(gallery.site, "webp")
    check_picture(page, cover_of(page), ["avif", "webp", "jpeg"])
    assert cover_fallback(page).size == (900, 600)


def test_heic_input_is_converted(gallery: Gallery) -> None:
    page = story_page(gallery.site, "heic")
    widths = check_picture(page, cover_of(page), ["avif", "webp", "jpeg"])
    assert widths["image/jpeg"] == [480, 800]
    image = cover_fallback(page)
    assert image.mode == "RGB" and image.size == (800, 600)
    original = scene(800, 600, 5)
    # The pixels survived the trip: compare a downscaled version (both lossy, so loosely).
    small, expected = image.resize((8, 6)), original.resize((8, 6))
    for x in range(8):
        for y in range(6):
            assert near(small.getpixel((x, y)), expected.getpixel((x, y)), 40), (x, y)


def test_cmyk_jpeg_is_converted_to_rgb(gallery: Gallery) -> None:
    page = story_page(gallery.site, "cmyk")
    for markup_source in [*cover_of(page).sources, cover_of(page).img]:
        for url, _ in srcset(markup_source.attrs.get("srcset")):
            with Image.open(page.file(url)) as image:
                assert image.mode in ("RGB", "RGBA"), (url, image.mode)
                # C=0 M=100% Y=100% K=0 is red; an inverted or misread CMYK would not be.
                assert near(image.convert("RGB").getpixel((image.width // 2, image.height // 2)), (255, 0, 0), 50), url


def test_png_with_alpha_is_converted(gallery: Gallery) -> None:
    page = story_page(gallery.site, "trong-suot")
    markup = cover_of(page)
    check_picture(page, markup, ["avif", "webp", "jpeg"])
    fallback = cover_fallback(page)
    assert fallback.mode == "RGB"
    assert near(fallback.getpixel((fallback.width // 4, fallback.height // 2)), (255, 255, 255), 10), "transparent → white"
    assert near(fallback.getpixel((fallback.width * 3 // 4, fallback.height // 2)), (0, 0, 255), 30)
    [webp] = [s for s in markup.sources if s.attrs["type"] == "image/webp"]
    with Image.open(page.file(srcset(webp.attrs.get("srcset"))[0][0])) as image:
        image = image.convert("RGBA")
        assert image.getpixel((image.width // 4, image.height // 2))[3] < 20, "WebP keeps the transparency"
        assert image.getpixel((image.width * 3 // 4, image.height // 2))[3] > 235


# -- bad input -------------------------------------------------------------------------------------------------


@dataclass
class Bad:
    """A story with a bad photo: which file and lines an error must point at, and the photo's name."""

    story: str
    lines: tuple[int, ...]
    """Acceptable lines: for a cover, the line of `image:` or of `src:`; for the body, its line."""
    photo: str
    by_check: bool
    """`exemplars check` finds it too (it does not decode pixels, so damaged files are for the build)."""


def _cover_story(project: SiteProject, name: str, src: str, photo: bytes | None = None, alt: str | None = "Ảnh", **image: str) -> Bad:
    if photo is not None:
        project.add_file(f"exemplars/{Path(name).parent / src}", photo)
    image = {"src": src, **({"alt": alt} if alt else {}), **image}
    path = project.add_story(name, story(Path(name).stem, f"Bài {Path(name).stem}", image=image))
    return Bad(f"exemplars/{name}", (line_of(path, "image:"), line_of(path, "src:")), src, False)


def _body_story(project: SiteProject, name: str, markdown: str, src: str, photo: bytes | None = None) -> Bad:
    if photo is not None:
        project.add_file(f"exemplars/{Path(name).parent / src}", photo)
    body = f"Đoạn đầu.\n\n{markdown}\n\nĐoạn cuối.\n"
    path = project.add_story(name, story(Path(name).stem, f"Bài {Path(name).stem}", body))
    return Bad(f"exemplars/{name}", (line_of(path, markdown),), src, False)


def _checked(bad: Bad) -> Bad:
    bad.by_check = True
    return bad


def truncated_jpeg() -> bytes:
    return halved(jpeg(800, 600, 7))


def halved(data: bytes) -> bytes:
    return data[: len(data) // 2]


def bomb_png(size: int = 8000) -> bytes:
    """An 8000×8000 (64 MP) 1-bit PNG: a few kilobytes on disk, gigabytes if decoded as RGB."""
    return encode(Image.new("1", (size, size)), "PNG")


BAD_INPUTS: dict[str, Callable[[SiteProject, Path], Bad]] = {
    "missing file": lambda p, t: _checked(_cover_story(p, "2023/mat.md", "khong-co.jpg")),
    "missing body image": lambda p, t: _checked(_body_story(p, "2023/mat-than.md", "![Ảnh](khong-co-anh.jpg)", "khong-co-anh.jpg")),
    "outside the repository": lambda p, t: (
        (t / "x.jpg").write_bytes(jpeg(300, 200)),
        _checked(_cover_story(p, "2023/ngoai.md", "../../x.jpg")),
    )[1],
    "absolute path outside": lambda p, t: _checked(_cover_story(p, "2023/passwd.md", "/etc/passwd")),
    "symlink to outside": lambda p, t: (
        (t / "secret.jpg").write_bytes(jpeg(300, 200)),
        (p.stories / "2023").mkdir(parents=True, exist_ok=True),
        (p.stories / "2023" / "lien-ket.jpg").symlink_to(t / "secret.jpg"),
        _checked(_cover_story(p, "2023/symlink.md", "lien-ket.jpg")),
    )[3],
    "truncated JPEG": lambda p, t: _cover_story(p, "2023/cut.md", "cat-do.jpg", truncated_jpeg()),
    "truncated JPEG in the body": lambda p, t: _body_story(p, "2023/cut-body.md", "![Ảnh hỏng](hong.jpg)", "hong.jpg", truncated_jpeg()),
    "truncated HEIC": lambda p, t: _cover_story(p, "2023/cut-heic.md", "hong.heic", halved(encode(scene(600, 400), "HEIF"))),
    "empty file": lambda p, t: _cover_story(p, "2023/empty.md", "rong.jpg", b""),
    "text file named .jpg": lambda p, t: _cover_story(p, "2023/text.md", "photo.jpg", "Đây là một tệp văn bản.\n".encode()),
    "decompression bomb": lambda p, t: _cover_story(p, "2023/bomb.md", "bom.png", bomb_png()),
    "decompression bomb in the body": lambda p, t: _body_story(p, "2023/bomb-body.md", "![Bom](bom-than.png)", "bom-than.png", bomb_png()),
    "cover without alt or caption": lambda p, t: _checked(
        _cover_story(p, "2023/no-alt.md", "anh.jpg", jpeg(300, 200), alt=None, credit="Văn Tư")
    ),
    "body image with empty alt": lambda p, t: _checked(_body_story(p, "2023/empty-alt.md", "![](a.jpg)", "a.jpg", jpeg(300, 200))),
    "remote image in the body": lambda p, t: _checked(
        _body_story(p, "2023/remote.md", "![Ảnh trên mạng](https://example.com/anh.jpg)", "https://example.com/anh.jpg")
    ),
}


def assert_stopped(run: subprocess.CompletedProcess[str], site: Path, bad: Bad) -> None:
    """The build failed, said `path:line: error:` naming the photo on one line, and wrote no site."""
    assert run.returncode != 0, f"the build should fail:\n{run.stderr[-2000:]}"
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    heads = [f"{bad.story}:{line}: error:" for line in bad.lines]
    lines = run.stderr.splitlines()
    errors = [i for i, text in enumerate(lines) if any(head in text for head in heads)]
    assert errors, f"no {' or '.join(heads)} in:\n{run.stderr[-2000:]}"
    assert any(bad.photo in lines[i] for i in errors), f"the error does not name {bad.photo}: {[lines[i] for i in errors]}"
    for i in errors:  # one problem, one line: what editors and CI annotations read
        following = lines[i + 1] if i + 1 < len(lines) else ""
        assert re.match(r"(exemplars/\S+:\d+: |Có \d+ lỗi|$)", following), f"message cut over lines: {lines[i:i + 2]}"
    assert not (site / "index.html").exists(), "a failed build must not leave a site"
    assert not site.exists() or not any(p.is_file() for p in site.rglob("*")), "a failed build left files in the site"


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_photo_stops_the_build(case: str, tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p")
    project.add_story("2023/tot.md", story("tot", "Bài tốt", image=cover("tot.jpg")))
    project.add_file("exemplars/2023/tot.jpg", jpeg(600, 400))
    bad = BAD_INPUTS[case](project, tmp_path)
    site = tmp_path / "out"
    run = build(project.root, site)
    assert_stopped(run, site, bad)
    if bad.by_check:
        check = project.check()
        assert check.exit_code == 1, check.output
        heads = [f"{bad.story}:{line}: error:" for line in bad.lines]
        assert any(h in text and bad.photo in text for text in check.stdout.splitlines() for h in heads), check.stdout


def test_lowered_pixel_limit_refuses_a_larger_photo(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p", "images:\n  max_megapixels: 1\n")
    bad = _cover_story(project, "2023/lon.md", "lon.jpg", jpeg(1200, 1000))  # 1.2 MP
    site = tmp_path / "out"
    run = build(project.root, site)
    assert_stopped(run, site, bad)
    assert "1.2" in run.stderr

    (project.root / "mkdocs.yml").write_text(
        (project.root / "mkdocs.yml").read_text(encoding="utf-8").replace("max_megapixels: 1", "max_megapixels: 2"),
        encoding="utf-8",
    )
    built(project.root, site)  # the same photo is fine under a 2 MP limit


def test_all_damaged_photos_are_reported_in_one_build(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p")
    bads = [
        BAD_INPUTS["truncated JPEG"](project, tmp_path),
        BAD_INPUTS["text file named .jpg"](project, tmp_path),
        BAD_INPUTS["decompression bomb in the body"](project, tmp_path),
    ]
    site = tmp_path / "out"
    run = build(project.root, site)
    for bad in bads:
        assert_stopped(run, site, bad)


def test_every_bad_photo_is_reported_in_one_build(tmp_path: Path) -> None:
    """Officers fix everything in one go: path errors and damaged files are listed together."""
    project = photo_project(tmp_path / "p")
    bads = [BAD_INPUTS[case](project, tmp_path) for case in
            ("missing file", "cover without alt or caption", "remote image in the body", "truncated JPEG", "decompression bomb")]  # fmt: skip
    site = tmp_path / "out"
    run = build(project.root, site)
    for bad in bads:
        assert_stopped(run, site, bad)


def test_the_same_damaged_file_in_two_stories_is_reported_for_both(tmp_path: Path) -> None:
    """Two copies of one broken upload (same bytes, two folders) share a cache key."""
    project = photo_project(tmp_path / "p")
    damaged = truncated_jpeg()
    first = _cover_story(project, "2023/mot.md", "anh.jpg", damaged)
    second = _cover_story(project, "2024/hai.md", "anh.jpg", damaged)
    site = tmp_path / "out"
    run = build(project.root, site)
    assert_stopped(run, site, first)
    assert_stopped(run, site, second)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP"])
def test_malformed_exif_is_no_traceback(fmt: str, tmp_path: Path) -> None:
    """A photo whose EXIF block is garbage (some editors write such): published without it, or refused."""
    project = photo_project(tmp_path / "p")
    photo = encode(scene(600, 400), fmt, exif=b"Exif\x00\x00not a TIFF header at all")
    bad = _cover_story(project, "2023/exif.md", f"exif.{fmt.lower()}", photo, alt="Ảnh")
    site = tmp_path / "out"
    run = build(project.root, site)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    if run.returncode != 0:
        assert_stopped(run, site, bad)
    else:
        for path in renditions(site):
            assert b"not a TIFF" not in path.read_bytes()


def test_a_build_that_fails_does_not_leave_the_previous_site_half_replaced(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p")
    project.add_story("a.md", story("a", "Bài A", image=cover("a.jpg")))
    project.add_file("exemplars/a.jpg", jpeg(600, 400))
    site = tmp_path / "out"
    built(project.root, site)
    project.add_file("exemplars/a.jpg", truncated_jpeg())
    run = build(project.root, site)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    # Either the old site is untouched or nothing is there; never pages without their photos.
    pages = list(site.rglob("*.html")) if site.exists() else []
    for page in pages:
        for url in re.findall(r'(?:src|href)="([^"#?]+\.(?:jpg|webp|avif))"', page.read_text(encoding="utf-8")):
            assert (page.parent / url).resolve().is_file(), f"{page} points to a missing {url}"


# -- the same photo twice ----------------------------------------------------------------------------------------


def test_the_same_photo_twice_in_a_story_keeps_each_alt_and_caption(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p")
    project.add_file("exemplars/anh.jpg", jpeg(800, 600))
    body = 'Mở đầu.\n\n![Toàn cảnh cánh đồng](anh.jpg "Cánh đồng mẫu lớn")\n\nỞ cuối bài, ![cánh đồng nhìn lại](anh.jpg) một lần nữa.\n'
    project.add_story("a.md", story("a", "Hợp tác xã Phú Long", body))
    site = tmp_path / "out"
    built(project.root, site)
    page = story_page(site, "a")
    alts = [m.img.attrs.get("alt") for m in pictures(page)]
    assert alts == ["Toàn cảnh cánh đồng", "cánh đồng nhìn lại"]
    [figure] = page.find("figure", "gs-figure")
    assert [c.text for c in page.within(figure, "figcaption")] == ["Cánh đồng mẫu lớn"]


# -- cache ---------------------------------------------------------------------------------------------------------


def cached_project(root: Path, options: str = "") -> SiteProject:
    project = photo_project(root, options)
    for index in range(3):
        project.add_file(f"exemplars/anh-{index}.jpg", jpeg(700, 500, index))
        project.add_story(f"bai-{index}.md", story(f"bai-{index}", f"Bài số {index}", image=cover(f"anh-{index}.jpg")))
    return project


def site_files(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): sha256(p) for p in (site / "anh").rglob("*") if p.is_file()}


def test_second_build_processes_nothing_and_one_changed_photo_is_processed_alone(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    first = built(project.root, tmp_path / "out-1")
    assert counts(PHOTO_LOG, first.stderr) == (3, 0)
    assert counts(CARD_LOG, first.stderr) == (3, 0)

    second = built(project.root, tmp_path / "out-2")
    assert counts(PHOTO_LOG, second.stderr) == (0, 3)
    assert counts(CARD_LOG, second.stderr) == (0, 3)
    assert site_files(tmp_path / "out-1") == site_files(tmp_path / "out-2")

    project.add_file("exemplars/anh-1.jpg", jpeg(700, 500, 99))  # new pixels, same name
    third = built(project.root, tmp_path / "out-3")
    assert counts(PHOTO_LOG, third.stderr) == (1, 2)
    assert counts(CARD_LOG, third.stderr) == (1, 2), "only the card showing the changed photo is redrawn"
    before, after = site_files(tmp_path / "out-2"), site_files(tmp_path / "out-3")
    assert len(set(after) - set(before)) == len(set(before) - set(after)) > 0
    assert story_page(tmp_path / "out-3", "bai-0").html.count("/anh/") == story_page(tmp_path / "out-2", "bai-0").html.count("/anh/")


def test_cache_lives_in_dot_cache_images_under_the_photo_key(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    site = tmp_path / "out"
    built(project.root, site)
    keys = {p.name for p in (site / "anh").iterdir() if p.name != "chia-se"}
    assert len(keys) == 3
    area = CacheArea(project.root / ".cache", "images")
    for key in keys:
        manifest = area.entry(area.key(key)) / "manifest.json"
        assert manifest.is_file(), manifest
        assert json.loads(manifest.read_text(encoding="utf-8"))["key"] == key


def test_cache_dir_is_configurable(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p", "cache_dir: .bo-nho-dem\n")
    built(project.root, tmp_path / "out-1")
    assert (project.root / ".bo-nho-dem" / "images").is_dir()
    assert not (project.root / ".cache").exists()
    second = built(project.root, tmp_path / "out-2")
    assert counts(PHOTO_LOG, second.stderr) == (0, 3)


def test_options_change_reprocesses_every_photo(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    built(project.root, tmp_path / "out-1")
    yml = project.root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  - exemplars\n", "  - exemplars:\n      images:\n        widths: [400]\n"), encoding="utf-8")
    run = built(project.root, tmp_path / "out-2")
    assert counts(PHOTO_LOG, run.stderr) == (3, 0)


@pytest.mark.parametrize("damage", ["garbage", "empty", "deleted", "wrong shape"])
def test_damaged_manifest_reprocesses_that_photo_only(damage: str, tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    built(project.root, tmp_path / "out-1")
    manifest = next((project.root / ".cache" / "images").glob("*/*/manifest.json"))
    if damage == "garbage":
        manifest.write_bytes(b"\x00\xff{not json")
    elif damage == "empty":
        manifest.write_bytes(b"")
    elif damage == "deleted":
        manifest.unlink()
    else:
        manifest.write_text('{"key": "x", "renditions": 3}', encoding="utf-8")
    run = built(project.root, tmp_path / "out-2")
    assert counts(PHOTO_LOG, run.stderr) == (1, 2)
    assert site_files(tmp_path / "out-1") == site_files(tmp_path / "out-2")


def test_cache_missing_a_rendition_file_is_repaired(tmp_path: Path) -> None:
    """A partly restored CI cache (manifest there, one rendition gone) must not break the build."""
    project = cached_project(tmp_path / "p")
    built(project.root, tmp_path / "out-1")
    folder = next((project.root / ".cache" / "images").glob("*/*/manifest.json")).parent
    next(folder.glob("*-480.jpg")).unlink()
    run = build(project.root, tmp_path / "out-2")
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 0, run.stderr[-3000:]
    assert site_files(tmp_path / "out-1") == site_files(tmp_path / "out-2")


# -- generator.outputs.photos without MkDocs --------------------------------------------------------------------------------


def test_image_key_follows_content_and_options(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from generator.outputs.photos import ImageOptions, image_key
    from generator.runtime.cache import VERSIONS

    options = ImageOptions()
    first = tmp_path / "a.jpg"
    first.write_bytes(tiny_jpeg())
    copy = tmp_path / "copy" / "b.jpg"
    copy.parent.mkdir()
    copy.write_bytes(first.read_bytes())
    key = image_key(first, options)
    assert re.fullmatch(r"[0-9a-f]{20}", key)
    assert image_key(copy, options) == key, "the key depends on the content, not the name"
    assert image_key(first, replace(options, widths=(300, 600))) != key
    assert image_key(first, replace(options, formats=("webp", "jpeg"))) != key
    assert image_key(first, replace(options, max_pixels=1_000_000)) != key
    monkeypatch.setitem(VERSIONS, "images", VERSIONS["images"] + 1)  # the processing's version, kept in one table
    assert image_key(first, options) != key
    monkeypatch.undo()
    copy.write_bytes(tiny_jpeg(9, 6))
    assert image_key(copy, options) != key


def test_process_one_on_a_tiny_photo(tmp_path: Path) -> None:
    from generator.outputs.photos import ImageJob, ImageOptions, Processed, image_key, process_one, read_manifest

    options = ImageOptions()
    source = tmp_path / "nho.jpg"
    source.write_bytes(tiny_jpeg(8, 6))
    key = image_key(source, options)
    result = process_one(ImageJob(source, key, "nho"), options, tmp_path / "cache")
    assert isinstance(result, Processed)
    assert (result.key, result.width, result.height) == (key, 8, 6)
    assert {(r.width, r.height) for r in result.renditions} == {(8, 6)}, "never upscaled"
    assert {r.format for r in result.renditions} == {"avif", "webp", "jpeg"}
    assert all(abs(t.width / t.height - 1.5) < 0.4 for t in result.thumbs)
    for rendition in result.renditions + result.thumbs:
        with Image.open(tmp_path / "cache" / rendition.name) as image:
            assert image.size == (rendition.width, rendition.height)
            assert image.format == {"avif": "AVIF", "webp": "WEBP", "jpeg": "JPEG"}[rendition.format]
    assert read_manifest(tmp_path / "cache") == result


def test_process_one_reports_instead_of_raising(tmp_path: Path) -> None:
    from dataclasses import replace

    from generator.outputs.photos import ImageFailure, ImageJob, ImageOptions, image_key, process_one

    options = replace(ImageOptions(), max_pixels=1_000_000)
    cases = {"text.jpg": (b"hello", "image.not_image"), "cut.jpg": (truncated_jpeg(), "image.corrupt"),
             "big.jpg": (jpeg(1200, 1000), "image.too_large")}  # fmt: skip
    for name, (data, code) in cases.items():
        source = tmp_path / name
        source.write_bytes(data)
        result = process_one(ImageJob(source, image_key(source, options), "x"), options, tmp_path / "cache" / name)
        assert isinstance(result, ImageFailure) and result.code == code, (name, result)
    assert not any((tmp_path / "cache").glob("*/manifest.json")), "nothing cached for a failure"


@pytest.mark.parametrize("orientation", range(1, 9))
def test_every_exif_orientation_comes_out_upright(orientation: int, tmp_path: Path) -> None:
    from generator.outputs.photos import ImageJob, ImageOptions, Processed, image_key, process_one

    upright = sideways().transpose(Image.Transpose.ROTATE_270)  # red top-right, blue top-left, 800×1200
    # What a camera stores for each orientation (the inverse of what the viewer applies).
    stored_by = {
        1: upright,
        2: upright.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        3: upright.transpose(Image.Transpose.ROTATE_180),
        4: upright.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        5: upright.transpose(Image.Transpose.TRANSPOSE),
        6: upright.transpose(Image.Transpose.ROTATE_90),
        7: upright.transpose(Image.Transpose.TRANSVERSE),
        8: upright.transpose(Image.Transpose.ROTATE_270),
    }
    source = tmp_path / "anh.jpg"
    source.write_bytes(encode(stored_by[orientation], "JPEG", quality=95, exif=camera_exif(orientation)))
    options = ImageOptions(widths=(400,), formats=("jpeg",))
    result = process_one(ImageJob(source, image_key(source, options), "anh"), options, tmp_path / "cache")
    assert isinstance(result, Processed)
    [rendition] = result.renditions
    with Image.open(tmp_path / "cache" / rendition.name) as image:
        image = image.convert("RGB")
    assert image.size == (400, 600)
    assert near(image.getpixel((350, 50)), (220, 0, 0)) and near(image.getpixel((50, 50)), (0, 0, 220))


def test_phone_size_sideways_photo_gives_the_largest_width(tmp_path: Path) -> None:
    """A 12 MP photo stored 4000×3000 with orientation 6: decoded reduced, but still 1600 wide upright."""
    from generator.outputs.photos import ImageJob, ImageOptions, Processed, image_key, process_one

    source = tmp_path / "dien-thoai.jpg"
    source.write_bytes(encode(scene(4000, 3000), "JPEG", quality=85, exif=camera_exif(6)))
    options = ImageOptions(formats=("jpeg",))
    result = process_one(ImageJob(source, image_key(source, options), "dt"), options, tmp_path / "cache")
    assert isinstance(result, Processed)
    assert sorted((r.width, r.height) for r in result.renditions) == [(480, 640), (960, 1280), (1600, 2133)]


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\xff garbage", b"[]", b"null", b'{"key": 1}', b'{"key": "k", "width": 1, "height": 1, "renditions": [{"x": 1}], "thumbs": []}'],
)
def test_read_manifest_on_garbage_returns_none(content: bytes, tmp_path: Path) -> None:
    from generator.outputs.photos import read_manifest

    (tmp_path / "k").mkdir()
    (tmp_path / "k" / "manifest.json").write_bytes(content)
    assert read_manifest(tmp_path / "k") is None
    assert read_manifest(tmp_path / "missing") is None


def _picture(tmp_path: Path):
    from generator.outputs.photos import ImageJob, ImageOptions, image_key, process_one
    from generator.plan.pictures import picture_for

    options = ImageOptions(widths=(8,), formats=("webp", "jpeg"))
    source = tmp_path / "a.jpg"
    source.write_bytes(tiny_jpeg())
    processed = process_one(ImageJob(source, image_key(source, options), "a"), options, tmp_path / "cache")
    return picture_for(processed, "anh", "Mô tả", "Chú thích")


def test_rewrite_body_leaves_fenced_code_alone(tmp_path: Path) -> None:
    from generator.plan.pictures import body_key, rewrite_body

    # Body pictures are keyed by src, alt and caption: one file may appear twice, described twice.
    pictures_ = {("s", body_key("a.jpg", "Mô tả", "")): _picture(tmp_path)}
    body = textwrap.dedent("""\
        Cách chèn ảnh:

        ```markdown
        ![Mô tả](a.jpg)
        ```

        ~~~
        ![Mô tả](a.jpg "Chú thích")
        ~~~

        ![Mô tả](a.jpg)
        """)
    out = rewrite_body(body, "s", pictures_, "../../", "100vw").split("\n")
    lines = body.split("\n")
    assert out[3] == lines[3] and out[7] == lines[7], "code samples must stay as written"
    assert out[10].startswith('<figure class="gs-figure">') and "<picture>" in out[10]
    assert out[:3] + out[4:10] == lines[:3] + lines[4:10]


def test_rewrite_body_knows_a_backtick_line_inside_a_tilde_fence_is_code(tmp_path: Path) -> None:
    from generator.plan.pictures import body_key, rewrite_body

    # Body pictures are keyed by src, alt and caption: one file may appear twice, described twice.
    pictures_ = {("s", body_key("a.jpg", "Mô tả", "")): _picture(tmp_path)}
    body = "~~~markdown\n```\n![Mô tả](a.jpg)\n```\n~~~\n"
    assert rewrite_body(body, "s", pictures_, "", "100vw") == body


def test_rewrite_body_other_images_and_stories_untouched(tmp_path: Path) -> None:
    from generator.plan.pictures import body_key, rewrite_body

    # Body pictures are keyed by src, alt and caption: one file may appear twice, described twice.
    pictures_ = {("s", body_key("a.jpg", "Mô tả", "")): _picture(tmp_path)}
    body = "Xem ![Mô tả](a.jpg) và ![Khác](b.jpg).\n"
    out = rewrite_body(body, "s", pictures_, "", "100vw")
    assert "![Khác](b.jpg)" in out and "![Mô tả](a.jpg)" not in out and "<figure" not in out
    assert rewrite_body(body, "other-story", pictures_, "", "100vw") == body


# -- photos found sound by `exemplars check` are not decoded again -----------------------------


def test_a_sound_photo_is_noted_and_not_decoded_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.validate import photo_check

    photo = tmp_path / "anh.jpg"
    photo.write_bytes(jpeg(800, 600))
    checked = tmp_path / "cache"
    assert photo_check.inspect_image(photo, 50_000_000, checked) is None
    assert len([p for p in checked.rglob("*") if p.is_file()]) == 1

    def no_decoding(*args: object) -> None:
        raise AssertionError("decoded again")

    monkeypatch.setattr(photo_check, "open_photo", no_decoding)
    assert photo_check.inspect_image(photo, 50_000_000, checked) is None
    with pytest.raises(AssertionError):  # another limit is another question
        photo_check.inspect_image(photo, 1_000_000, checked)


def test_a_photo_replaced_by_a_damaged_copy_is_inspected_again(tmp_path: Path) -> None:
    from generator.validate.photo_check import inspect_image

    photo = tmp_path / "anh.jpg"
    photo.write_bytes(jpeg(800, 600))
    checked = tmp_path / "checked"
    assert inspect_image(photo, 50_000_000, checked) is None
    damaged = tmp_path / "copy.jpg"
    damaged.write_bytes(truncated_jpeg())
    os.replace(damaged, photo)  # as a copy tool leaves it: same name, another file
    found = inspect_image(photo, 50_000_000, checked)
    assert found is not None and found[0] == "image.corrupt"
    assert inspect_image(photo, 50_000_000, checked) == found, "a damaged photo is never noted as sound"
    assert len([p for p in checked.rglob("*") if p.is_file()]) == 1


def test_check_notes_sound_photos_and_still_reports_one_damaged_later(project: SiteProject) -> None:
    project.add_file("exemplars/2023/anh/ong-hoa.jpg", jpeg(800, 600))
    story = project.add_story("2023/ong-hoa.md", valid_story(image={"src": "anh/ong-hoa.jpg", "alt": "Ông Hòa bên rừng keo"}))
    first = project.check()
    assert first.exit_code == 0, first.output
    assert len([p for p in (project.root / ".cache" / "photos-checked").rglob("*") if p.is_file()]) == 1
    (project.root / "exemplars/2023/anh/ong-hoa.jpg").write_bytes(truncated_jpeg())
    second = project.check()
    assert second.exit_code == 1
    line = next(i for i, text in enumerate(story.read_text(encoding="utf-8").splitlines(), 1) if "src: anh/ong-hoa.jpg" in text)
    assert f"exemplars/2023/ong-hoa.md:{line}: error:" in second.output and "bị hỏng hoặc chép chưa hết" in second.output
