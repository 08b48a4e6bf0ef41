"""Vietnamese text: normalising, matching keys, folding, slugs and collation.

Officers type the same name many ways: NFC or NFD, "Hòa" or "Hoà", "Ð" (U+00D0, Icelandic eth)
for "Đ", no-break spaces from Word. Everything that compares names goes through `match_key`,
which is placement- and form-independent; everything that shows a name keeps the vocabulary's
canonical spelling.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "clean",
    "clean_body",
    "collation_key",
    "curly_quotes",
    "fold",
    "match_key",
    "slugify",
    "words",
]

# Combining marks that carry the tone (thanh điệu); the others (circumflex, breve, horn)
# change the letter itself and stay with it.
_TONES = {
    "\u0300": 2,  # huyền
    "\u0309": 3,  # hỏi
    "\u0303": 4,  # ngã
    "\u0301": 5,  # sắc
    "\u0323": 6,  # nặng
}
# Letters that look like Đ/đ and arrive from Word, PDFs and foreign keyboards.
_LOOKALIKES = str.maketrans(
    {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u0256": "\u0111", "\u00a0": " ", "\u202f": " "}
)
# Characters that are invisible in an editor but break comparisons and search.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
# str.translate with a dict walks every character in Python; most text needs no fixing at all.
_ODD = re.compile("[\u00d0\u00f0\u0189\u0256\u00ad\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f]")


def _fix(text: str) -> str:
    """Look-alike letters replaced and invisible characters removed, if there are any."""
    if _ODD.search(text) is None:
        return text
    return text.translate(_LOOKALIKES).translate(_INVISIBLE)
_WORD = re.compile(r"\w+", re.UNICODE)


def clean(text: str) -> str:
    """Return `text` in NFC with look-alike letters fixed, invisible characters removed and spaces collapsed.

    This is what a displayed value should look like; smart quotes and dashes are kept.
    """
    text = unicodedata.normalize("NFC", _fix(text))
    return _SPACES.sub(" ", text).strip()


_STRAIGHT_PAIR = re.compile(r'"([^"\n]*)"')


def curly_quotes(text: str) -> str:
    """Straight double quotes in pairs as typographic ones: 'Cựu chiến binh "bộ đội Cụ Hồ"' ->
    'Cựu chiến binh “bộ đội Cụ Hồ”'. A quote without its pair is left as typed."""
    if '"' not in text:
        return text
    return _STRAIGHT_PAIR.sub("\u201c\\1\u201d", text)


def clean_body(text: str) -> str:
    """Markdown body in NFC with look-alike letters fixed and invisible characters removed.

    Soft hyphens and zero-width characters come from Word and PDFs; they split words for search
    and break matching. Line structure is kept so that line numbers stay right.
    """
    return unicodedata.normalize("NFC", _fix(text))


def _syllable_key(word: str) -> str:
    """One word, casefolded, with its tone moved to the end as a digit ("hoà" and "hòa" -> "hoa2")."""
    tone = ""
    kept = []
    for char in unicodedata.normalize("NFD", word):
        mark = _TONES.get(char)
        if mark is None:
            kept.append(char)
        else:
            tone = str(mark)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


@lru_cache(maxsize=65536)
def words(text: str) -> tuple[str, ...]:
    """Split `text` into matching words: casefolded, tone-placement independent, punctuation dropped."""
    text = unicodedata.normalize("NFKD", _fix(text)).casefold()
    # \w is computed on the NFC form so that letters with marks stay whole words.
    return tuple(_syllable_key(w) for w in _WORD.findall(unicodedata.normalize("NFC", text)))


def match_key(text: str) -> str:
    """A key under which two spellings of the same name compare equal.

    Ignores Unicode form, tone-mark placement, look-alike letters, case, spacing and punctuation:
    `match_key("Khánh Hoà") == match_key("KHÁNH  HÒA")`. Diacritics still matter:
    "Sơn Tinh" and "Sơn Tịnh" are different names.
    """
    return " ".join(words(text))


_FOLD = str.maketrans({"đ": "d", "Đ": "D"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Strip every diacritic (đ -> d too) and casefold: "Đức Phổ" -> "duc pho"."""
    decomposed = unicodedata.normalize("NFD", clean(text).translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


_NON_SLUG = re.compile(r"[^a-z0-9]+")
SLUG_MAX = 80


def slugify(text: str, max_length: int = SLUG_MAX) -> str:
    """ASCII URL slug: "Ông Đỗ Văn Hòa" -> "ong-do-van-hoa"; cut at a word boundary."""
    slug = _NON_SLUG.sub("-", fold(text)).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1].rfind("-")
        slug = slug[: cut if cut > 0 else max_length].strip("-")
    return slug


# Vietnamese alphabet order, with the loanword letters f, j, w, z where Latin puts them.
_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {c: i for i, c in enumerate(_ALPHABET)}


@lru_cache(maxsize=65536)
def collation_key(text: str) -> tuple:
    """Sort key in Vietnamese dictionary order, syllable by syllable.

    Within a syllable, letters first (a < ă < â < b < ... < d < đ < e < ê ...), then the tone in
    dictionary order (ngang < huyền < hỏi < ngã < sắc < nặng); numbers come before letters and
    case only breaks ties. So "Ba" < "Ba Tơ" < "Bà" < "Bả" < "Bã" < "Bá" < "Bạ" < "Bình Sơn" < "Đức Phổ".
    """
    syllables = []
    for word in _WORD.findall(clean(text).casefold()):
        tone = 1
        base = []
        for char in unicodedata.normalize("NFD", word):
            if char in _TONES:
                tone = _TONES[char]
            else:
                base.append(char)
        letters = tuple(
            ord(char) - 100 if char.isdigit() else _RANK.get(char, 100 + ord(char))
            for char in unicodedata.normalize("NFC", "".join(base))
        )
        syllables.append((letters, tone))
    return (tuple(syllables), text)
