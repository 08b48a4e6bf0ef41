"""Share cards: the 1200×630 image Zalo and Facebook show, and the Open Graph tags that point to it.

The cards are drawn with the Be Vietnam Pro font shipped in generator/fonts/. Whether they show
Vietnamese is checked twice: the font has a real glyph (not the .notdef box, and not the bare
letter) for every Vietnamese letter, and a card's title area changes when the title does, also
when only the diacritics change.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from test_images import (
    CARD_LOG,
    LEAKS,
    SITE_URL,
    Gallery,
    Page,
    built,
    counts,
    cover,
    encode,
    jpeg,
    photo_project,
    scene,
    story,
    story_page,
    with_metadata,
)

from generator.outputs.sharecards import BOLD, CARD_SIZE, REGULAR, ShareJob, render_card

WITH_SUMMARY = "Ba mươi năm giữ rừng đầu nguồn, vận động bà con trồng keo."


# -- built site -----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cards_site(tmp_path_factory: pytest.TempPathFactory) -> Gallery:
    """Two stories: one with a cover photo (full of metadata) and a summary, one with neither."""
    root = tmp_path_factory.mktemp("cards") / "project"
    project = photo_project(root)
    photo = project.add_file("exemplars/2023/bia.jpg", with_metadata(scene(1600, 1200, 3), "JPEG"))
    project.add_story(
        "2023/ong-hoa.md",
        story("ong-hoa", "Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn", summary=WITH_SUMMARY, image=cover("bia.jpg")),
    )
    project.add_story("2024/chi-lan.md", story("chi-lan", "Chị Lê Thị Lan & những lớp học \"0 đồng\""))
    site = root.parent / "out"
    run = built(root, site)
    return Gallery(project, site, [photo], run.stderr)


def meta_tags(page: Page) -> dict[str, list[str]]:
    """content of every <meta property|name=...>, by property or name (html-unescaped by the parser)."""
    tags: dict[str, list[str]] = {}
    for element in page.find("meta"):
        key = element.attrs.get("property") or element.attrs.get("name")
        if key:
            tags.setdefault(key, []).append(element.attrs.get("content") or "")
    return tags


def one(tags: dict[str, list[str]], key: str) -> str:
    values = tags.get(key, [])
    assert len(values) == 1, f"expected exactly one {key}, got {values}"
    return values[0]


def card_files(site: Path) -> list[Path]:
    return sorted((site / "anh" / "chia-se").glob("*.jpg"))  # story cards (listing cards are in trang/)


def test_each_card_is_a_1200x630_jpeg_without_metadata(cards_site: Gallery) -> None:
    cards = card_files(cards_site.site)
    assert len(cards) == 2
    for path in cards:
        with Image.open(path) as image:
            assert image.format == "JPEG" and image.size == CARD_SIZE == (1200, 630), (path, image.size)
            assert len(image.getexif()) == 0
            assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info), (path, set(image.info))
        data = path.read_bytes()
        for marker in LEAKS:
            assert marker not in data, (path, marker)


@pytest.mark.parametrize("slug", ["ong-hoa", "chi-lan"])
def test_story_page_has_open_graph_tags(slug: str, cards_site: Gallery) -> None:
    page = story_page(cards_site.site, slug)
    tags = meta_tags(page)
    # The file says "0 đồng" with straight quotes; pages show typographic ones.
    title = {"ong-hoa": "Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn", "chi-lan": "Chị Lê Thị Lan & những lớp học “0 đồng”"}[slug]
    assert one(tags, "og:title") == title
    assert one(tags, "og:type") == "article"
    assert one(tags, "twitter:card") == "summary_large_image"
    image = one(tags, "og:image")
    assert image.startswith(SITE_URL + "anh/chia-se/"), image
    published = cards_site.site / image.removeprefix(SITE_URL)
    assert published.is_file(), image
    with Image.open(published) as card:
        assert card.size == (1200, 630)
    assert one(tags, "og:image:width") == "1200"
    assert one(tags, "og:image:height") == "630"


def test_og_description_is_the_summary(cards_site: Gallery) -> None:
    tags = meta_tags(story_page(cards_site.site, "ong-hoa"))
    assert one(tags, "og:description") == WITH_SUMMARY


def test_og_description_present_without_a_summary(cards_site: Gallery) -> None:
    """Most stories have no `summary:`; a share on Zalo/Facebook still needs a description."""
    tags = meta_tags(story_page(cards_site.site, "chi-lan"))
    assert one(tags, "og:description").strip()


def test_og_tags_are_escaped(cards_site: Gallery) -> None:
    raw = story_page(cards_site.site, "chi-lan").html
    assert 'content="Chị Lê Thị Lan &amp; những lớp học “0 đồng”"' in raw


def test_og_image_is_absolute_without_site_url(tmp_path: Path) -> None:
    """Without `site_url` there is no absolute address: no og:image beats a broken one."""
    project = photo_project(tmp_path / "p", site_url=None)
    project.add_story("a.md", story("a", "Ông Nguyễn Văn Hòa"))
    site = tmp_path / "out"
    built(project.root, site)
    for value in meta_tags(story_page(site, "a")).get("og:image", []) + meta_tags(story_page(site, "a")).get("twitter:image", []):
        assert value.startswith(("https://", "http://")), f"og:image must be an absolute URL, got {value!r}"


def test_site_url_without_trailing_slash(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p", site_url="https://example.org/guong-sang")
    project.add_story("a.md", story("a", "Ông Nguyễn Văn Hòa"))
    site = tmp_path / "out"
    built(project.root, site)
    image = one(meta_tags(story_page(site, "a")), "og:image")
    assert image.startswith("https://example.org/guong-sang/anh/chia-se/"), image
    assert (site / image.removeprefix("https://example.org/guong-sang/")).is_file()


def test_share_cards_are_cached(tmp_path: Path) -> None:
    project = photo_project(tmp_path / "p")
    project.add_file("exemplars/anh.jpg", jpeg(800, 600))
    project.add_story("a.md", story("a", "Ông Nguyễn Văn Hòa", image=cover("anh.jpg")))
    path_b = project.add_story("b.md", story("b", "Chị Lê Thị Lan"))
    first = built(project.root, tmp_path / "out-1")
    assert counts(CARD_LOG, first.stderr) == (2, 0)
    second = built(project.root, tmp_path / "out-2")
    assert counts(CARD_LOG, second.stderr) == (0, 2)
    assert [p.read_bytes() for p in card_files(tmp_path / "out-1")] == [p.read_bytes() for p in card_files(tmp_path / "out-2")]
    assert (project.root / ".cache" / "share-cards").is_dir()

    path_b.write_text(path_b.read_text(encoding="utf-8").replace("Chị Lê Thị Lan", "Chị Lê Thị Lan Anh"), encoding="utf-8")
    third = built(project.root, tmp_path / "out-3")
    assert counts(CARD_LOG, third.stderr) == (1, 1)
    old = one(meta_tags(story_page(tmp_path / "out-2", "b")), "og:image")
    new = one(meta_tags(story_page(tmp_path / "out-3", "b")), "og:image")
    assert old != new, "a changed card gets a new URL, or Facebook keeps showing the old one"
    assert one(meta_tags(story_page(tmp_path / "out-3", "a")), "og:image") == one(meta_tags(story_page(tmp_path / "out-2", "a")), "og:image")


# -- the font -------------------------------------------------------------------------------------------------

TONES = ["", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"]  # ngang, sắc, huyền, hỏi, ngã, nặng
VOWELS = "aăâeêioôơuưy"
CONSONANTS = "bcdđghklmnpqrstvx"


def vietnamese_letters() -> list[str]:
    """Every letter of Vietnamese, precomposed, lower and upper case (12 vowels × 6 tones and 17 consonants, each case)."""
    letters = []
    for vowel in VOWELS:
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            assert len(letter) == 1, (vowel, tone)
            letters.append(letter)
    letters += list(CONSONANTS)
    return letters + [letter.upper() for letter in letters]


def glyph(font: ImageFont.FreeTypeFont, char: str) -> bytes:
    image = Image.new("L", (160, 160), 0)
    ImageDraw.Draw(image).text((30, 20), char, font=font, fill=255)
    return image.tobytes()


@pytest.mark.parametrize("font_file", [BOLD, REGULAR], ids=["bold", "regular"])
def test_font_has_every_vietnamese_letter(font_file: Path) -> None:
    assert font_file.is_file() and font_file.stat().st_size > 10_000
    font = ImageFont.truetype(str(font_file), 64)
    notdef = glyph(font, "\ue000")
    assert notdef == glyph(font, "\ue001"), "two unmapped characters should both draw .notdef"
    letters = vietnamese_letters()
    assert len(letters) == 2 * (len(VOWELS) * 6 + len(CONSONANTS)) == 178
    missing = [c for c in letters if font.getmask(c).getbbox() is None or glyph(font, c) == notdef]
    assert not missing, f"{font_file.name} lacks {''.join(missing)}"
    # The marks are drawn: a toned or hatted vowel is not its bare letter.
    for vowel in VOWELS + VOWELS.upper():
        base = unicodedata.normalize("NFD", vowel)[0]
        for tone in TONES[1:]:
            letter = unicodedata.normalize("NFC", vowel + tone)
            assert glyph(font, letter) != glyph(font, base), f"{letter} draws like {base}"
        if vowel != base:
            assert glyph(font, vowel) != glyph(font, base), f"{vowel} draws like {base}"


# -- drawing ------------------------------------------------------------------------------------------------------


def job(title: str, photo: str | None = None, **more: str) -> ShareJob:
    fields = dict(
        slug="ong-hoa",
        title=title,
        subject="Ông Nguyễn Văn Hòa",
        movement="Cả nước chung sức xây dựng nông thôn mới",
        province="Quảng Ngãi",
        agency="Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi",
        color="#a31d1d",
        accent="#c98a00",
        photo=photo,
        photo_key="k" if photo else "",
    )
    return ShareJob(**{**fields, **more})


def decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG" and image.size == CARD_SIZE
        return image.convert("RGB")


def changed(a: Image.Image, b: Image.Image, box: tuple[int, int, int, int], threshold: int = 60) -> float:
    """Share of pixels in `box` that differ clearly between `a` and `b`."""
    diff = ImageChops.difference(a.crop(box), b.crop(box)).convert("L")
    histogram = diff.histogram()
    return sum(histogram[threshold:]) / (diff.width * diff.height)


TITLE_BOX = (40, 160, 1160, 440)
HEADER_BOX = (0, 0, 1200, 144)


def test_card_rendering_is_deterministic() -> None:
    title = "Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn"
    assert render_card(job(title)) == render_card(job(title))


def test_card_shows_its_title() -> None:
    first = decoded(render_card(job("Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn")))
    second = decoded(render_card(job("Chị Lê Thị Thủy mở lớp học tình thương cho trẻ em")))
    assert changed(first, second, TITLE_BOX) > 0.03, "the title area hardly changes with the title"
    assert changed(first, second, HEADER_BOX) < 0.001, "only the title should change"
    # White text on the province's red: plenty of light pixels where the title is.
    light = sum(decoded(render_card(job("Ông Nguyễn Văn Hòa"))).crop(TITLE_BOX).convert("L").histogram()[200:])
    assert light > 2000


def test_card_draws_the_diacritics() -> None:
    accented = decoded(render_card(job("Ông Nguyễn Văn Hòa giữ rừng đầu nguồn")))
    bare = decoded(render_card(job("Ong Nguyen Van Hoa giu rung dau nguon")))
    assert changed(accented, bare, TITLE_BOX) > 0.004, "the accents are not visible on the card"


def test_card_shows_the_cover_photo(tmp_path: Path) -> None:
    photo = tmp_path / "xanh.jpg"
    photo.write_bytes(encode(Image.new("RGB", (1200, 800), (0, 60, 200)), "JPEG", quality=95))
    with_photo = decoded(render_card(job("Ông Nguyễn Văn Hòa", str(photo))))
    without = decoded(render_card(job("Ông Nguyễn Văn Hòa")))
    for point in [(1000, 100), (1000, 315), (1150, 600)]:
        assert all(abs(a - b) < 40 for a, b in zip(with_photo.getpixel(point), (0, 60, 200))), point
        assert without.getpixel(point) != with_photo.getpixel(point)


def test_long_title_is_cut_with_an_ellipsis_not_drawn_off_the_card() -> None:
    title = " ".join(["Hợp tác xã nông nghiệp dịch vụ tổng hợp"] * 8)
    card = decoded(render_card(job(title)))
    reference = decoded(render_card(job("Ngắn")))
    # The footer (movement line) must stay readable: the title does not run into it.
    footer = (40, 630 - 40 - 32 * 2, 1160, 630)
    assert changed(card, reference, footer) < 0.001
    assert card.getpixel((1199, 300)) == reference.getpixel((1199, 300))
