"""Vietnamese text: match keys, folding, slugs, collation and cleaning (generator.core.text)."""

from __future__ import annotations

import re
import unicodedata

import pytest

from generator.core.text import SLUG_MAX, clean, clean_body, collation_key, curly_quotes, fold, match_key, slugify


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- match_key -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Khánh Hòa", nfd("Khánh Hòa")),  # NFC vs NFD
        ("Nguyễn Thị Thủy", nfd("Nguyễn Thị Thủy")),
        ("Hòa", "Hoà"),  # the two tone-mark placements
        ("Khánh Hòa", "Khánh Hoà"),
        ("Thủy", "Thuỷ"),
        ("khỏe", "khoẻ"),
        ("Hòa", nfd("Hoà")),  # placement and form at once
        ("Tuý", "Túy"),
        ("\u00d0ức Phổ", "Đức Phổ"),  # Ð U+00D0 (eth) vs Đ U+0110
        ("\u00f0ức", "đức"),  # ð vs đ
        ("ĐỨC PHỔ", "Đức Phổ"),  # case
        ("đức phổ", "Đức Phổ"),
        ("Đức  Phổ", "Đức Phổ"),  # extra space
        ("Đức\u00a0Phổ", "Đức Phổ"),  # no-break space (Word)
        ("Đức\u202fPhổ", "Đức Phổ"),  # narrow no-break space
        ("  Đức Phổ\t", "Đức Phổ"),  # leading and trailing spaces
        ("Đức\u00adPhổ", "ĐứcPhổ"),  # soft hyphen is invisible
        ("Bình\u200bSơn", "BìnhSơn"),  # zero-width space
        ("\ufeffBình Sơn", "Bình Sơn"),  # stray BOM
    ],
)
def test_match_key_equal(a: str, b: str) -> None:
    assert a != b
    assert match_key(a) == match_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Sơn Tinh", "Sơn Tịnh"),  # a tone is part of the name
        ("Bình Sơn", "Binh Son"),
        ("Hòa", "Hoa"),
        ("Hòa", "Hóa"),
        ("Đức", "Duc"),
        ("Đức", "Dức"),
        ("Ba Tơ", "Bà Tơ"),
        ("Sơn Hà", "Sơn Hạ"),
        ("Mộ Đức", "Mô Đức"),
        ("ăn", "ân"),  # breve vs circumflex
        ("ơ", "ô"),
        ("ư", "u"),
    ],
)
def test_match_key_different(a: str, b: str) -> None:
    assert match_key(a) != match_key(b)


def test_match_key_ignores_punctuation_between_words() -> None:
    assert match_key("Sản xuất - Kinh doanh") == match_key("Sản xuất Kinh doanh")


# -- fold ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đức Phổ", "duc pho"),
        ("\u00d0ức Phổ", "duc pho"),
        (nfd("Đức Phổ"), "duc pho"),
        ("NGUYỄN THỊ THỦY", "nguyen thi thuy"),
        ("Khánh Hoà", "khanh hoa"),
        ("Ưu đãi", "uu dai"),
        ("Bình\u00a0\u00a0Sơn", "binh son"),
        ("Quảng Ngãi", "quang ngai"),
        ("ă â ê ô ơ ư đ", "a a e o o u d"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


# -- slugify -------------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Ông Đỗ Văn Hòa", "ong-do-van-hoa"),
        ("Đường về Đức Phổ", "duong-ve-duc-pho"),
        ("\u00d0ỗ Văn Hòa", "do-van-hoa"),
        (nfd("Ông Đỗ Văn Hòa"), "ong-do-van-hoa"),
        ("Ông A: 30 năm giữ rừng", "ong-a-30-nam-giu-rung"),
        ("“Cô giáo bản” – người gieo chữ", "co-giao-ban-nguoi-gieo-chu"),
        ("  --Hộ gia đình   Phạm Văn Tư!!  ", "ho-gia-dinh-pham-van-tu"),
        ("Bình\u00adSơn", "binhson"),  # a soft hyphen is not a word break
        ("Sản xuất - Kinh doanh 2023", "san-xuat-kinh-doanh-2023"),
        ("!!!", ""),
        ("中文", ""),
    ],
)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize(
    "title",
    ["Ông Đỗ Văn Hòa", "Ωmega ß Æther ﬁle", "Tập thể 🌾 nông dân", "Ĳssel Œuvre", "ǅ ǈ", "½ ² Ⅻ"],
)
def test_slug_is_ascii(title: str) -> None:
    slug = slugify(title)
    assert slug.isascii()
    assert slug == "" or SLUG.fullmatch(slug), slug


def test_slug_cut_at_a_hyphen() -> None:
    title = "Ông Nguyễn Văn Hòa " + "người giữ rừng đầu nguồn " * 10
    full = slugify(title, max_length=10_000)
    slug = slugify(title)
    assert len(slug) <= SLUG_MAX
    assert full.startswith(slug + "-")  # cut between two words, never inside one
    assert SLUG.fullmatch(slug)
    next_word = full[len(slug) + 1 :].split("-")[0]
    assert len(slug) + 1 + len(next_word) > SLUG_MAX  # and not a word earlier than needed


def test_slug_that_fits_exactly_is_not_cut() -> None:
    assert slugify("Hội Liên hiệp", max_length=13) == "hoi-lien-hiep"
    assert slugify("Hội Liên hiệp", max_length=12) == "hoi-lien"


@pytest.mark.parametrize("max_length", [5, 12, 13, 40])
def test_slug_max_length(max_length: int) -> None:
    slug = slugify("Hội Liên hiệp Phụ nữ tỉnh Quảng Ngãi", max_length=max_length)
    assert 0 < len(slug) <= max_length
    assert SLUG.fullmatch(slug)
    assert "hoi-lien-hiep-phu-nu-tinh-quang-ngai".startswith(slug)


def test_slug_of_one_long_word_is_cut_hard() -> None:
    assert slugify("A" * 500) == "a" * SLUG_MAX


def test_slug_of_2000_character_title() -> None:
    title = ("Người tốt việc tốt ở xã Bình Châu " * 80)[:2000]
    assert len(title) == 2000
    slug = slugify(title)
    assert 0 < len(slug) <= SLUG_MAX
    assert SLUG.fullmatch(slug)
    assert slug.startswith("nguoi-tot-viec-tot-o-xa-binh-chau-nguoi")


# -- collation_key -------------------------------------------------------------------------


def _sorted(words: list[str]) -> list[str]:
    return sorted(words, key=collation_key)


def test_alphabet_order() -> None:
    expected = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m",
                "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]  # fmt: skip
    assert _sorted(list(reversed(expected))) == expected


def test_tone_order() -> None:
    # ngang < huyền < hỏi < ngã < sắc < nặng
    expected = ["ma", "mà", "mả", "mã", "má", "mạ"]
    assert _sorted(list(reversed(expected))) == expected
    assert _sorted([nfd(w) for w in reversed(expected)]) == [nfd(w) for w in expected]


def test_syllable_by_syllable() -> None:
    expected = ["Ba", "Ba Tơ", "Bà", "Bả", "Bã", "Bá", "Bạ", "Bình Sơn", "Đức Phổ"]
    assert _sorted(list(reversed(expected))) == expected


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("Dũng", "Đức"),  # d < đ, whatever the tone
        ("Duy", "Đa"),
        ("Tư Nghĩa", "Từ Sơn"),
        ("Trà Bồng", "Tư Nghĩa"),  # r < ư
        ("An", "Ăn"),
        ("Ăn", "Ân"),
        ("Ông", "Ơn"),
        ("Hòa", "Hoàn"),
        ("Hoa", "Hòa"),
        ("Hoà", "Hóa"),  # placement does not change the tone
        ("2023", "An"),  # numbers first
    ],
)
def test_collation_pairs(before: str, after: str) -> None:
    assert collation_key(before) < collation_key(after)
    assert _sorted([after, before]) == [before, after]


def test_collation_case_only_breaks_ties() -> None:
    assert _sorted(["bình", "Bình", "An"])[0] == "An"
    assert collation_key("Bình") != collation_key("bình")
    assert collation_key("bình")[0] == collation_key("BÌNH")[0]


# -- clean / clean_body --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("Bình\u00adSơn", "BìnhSơn"),  # soft hyphen
        ("Quảng\u200bNgãi", "QuảngNgãi"),  # zero-width space
        ("Quảng\u200cNgãi\u200d", "QuảngNgãi"),  # zero-width (non-)joiner
        ("\u2060Lý Sơn", "Lý Sơn"),  # word joiner
        ("\ufeffLý Sơn", "Lý Sơn"),  # BOM inside text
        ("  Đức\u00a0\u00a0Phổ  ", "Đức Phổ"),
        ("Đức\n  Phổ", "Đức Phổ"),
        (nfd("Khánh Hòa"), "Khánh Hòa"),
        ("\u00d0ức Phổ", "Đức Phổ"),
        ("“Gương sáng” – 2023", "“Gương sáng” – 2023"),  # typographic quotes and dashes stay
    ],
)
def test_clean(text: str, cleaned: str) -> None:
    assert clean(text) == cleaned
    assert unicodedata.is_normalized("NFC", clean(text))


def test_clean_keeps_tone_placement() -> None:
    """Cleaning is for display: the officer's spelling (Hoà or Hòa) is kept, only its form is fixed."""
    assert clean("Khánh Hoà") == "Khánh Hoà"
    assert clean(nfd("Khánh Hoà")) == "Khánh Hoà"


def test_clean_body_removes_invisibles_and_keeps_lines() -> None:
    body = "Dòng một có từ ghép\u00ad nối.\n\n  - mục\u200b một\n" + nfd("Thủy") + "\u00a0\u00a0lợi\n"
    cleaned = clean_body(body)
    # No-break spaces from Word become ordinary spaces (they would hide words from search and checks).
    assert cleaned == "Dòng một có từ ghép nối.\n\n  - mục một\nThủy  lợi\n"
    assert cleaned.count("\n") == body.count("\n")
    assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize("char", ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"])
def test_invisible_characters_are_removed(char: str) -> None:
    assert char not in clean(f"a{char}b")
    assert char not in clean_body(f"a{char}b\n")


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('Cựu chiến binh "bộ đội Cụ Hồ" giữa đời thường', "Cựu chiến binh “bộ đội Cụ Hồ” giữa đời thường"),
        ('"Dân vận khéo" và "Nông dân giỏi"', "“Dân vận khéo” và “Nông dân giỏi”"),
        ("Không có ngoặc", "Không có ngoặc"),
        ('Màn hình 5" của tổ', 'Màn hình 5" của tổ'),  # an unpaired quote is left as typed
        ("Đã “cong” sẵn", "Đã “cong” sẵn"),
    ],
)
def test_curly_quotes(typed, shown):
    assert curly_quotes(typed) == shown
