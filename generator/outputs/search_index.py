"""Vietnamese search: a static index of the story pages, chunked by syllable.

Vietnamese words are short syllables shared by thousands of stories ("thôn", "xã", "mới"), which
makes general-purpose engines download large chunks per query (Pagefind: ~500 KB at 10,000
stories, see benchmarks/RESULTS.md). This index is made for the language instead:

- one small JSON file per syllable *folded* without diacritics (`đ` → `d` included), holding
  the ids of the stories that contain it and in which fields (title, subject, names, summary),
  plus the ids per exact spelling, so that a query typed with diacritics ranks exact matches first
  and one typed without them finds everything, plus the ids per *next* syllable (folded), so that
  the syllables of a phrase ("nông thôn mới") rank stories where they stand side by side first;
- spellings are normalised before indexing and querying (NFC, one tone placement: "hoà" = "hòa");
- story ids are given newest first, so "newest first" is "smallest id first";
- one file per filter value (each axis with a search facet, kind, year) with the ids it contains;
- the titles, subjects, dates, summaries and labelled names (movement, district...) for the
  result list in shards of `SHARD` stories; `info.json` holds the labels.

A query downloads the files of its syllables (a few KB each, gzipped) and the shard(s) of the
results it shows. `tim-kiem.js` reads this index; nothing is fetched from another host.
Only published stories are indexed: never drafts, nominees or stories dated in the future.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from generator.core import urls
from generator.core.axes import AXES, Axis
from generator.core.dates import format_short
from generator.core.media import media_label
from generator.core.model import Story
from generator.plan.pictures import COVER, Picture
from generator.core.text import collation_key, slugify

__all__ = [
    "FIELDS",
    "FILTERS",
    "INDEX_DIR",
    "MEDIA_FILTER",
    "SHARD",
    "filter_key",
    "filters",
    "fold_syllable",
    "search_files",
    "search_filters",
    "syllables",
    "tone_placement",
]

INDEX_DIR = "tim-kiem/chi-muc"
"""Site-relative folder of the index files."""
SHARD = 25
"""Stories per metadata shard: the result list fetches one or a few of these."""


def filter_key(axis: Axis) -> str:
    """The URL parameter of an axis's filter: its first key name, so that links made before a key was
    renamed keep working (`?district=` for the localities)."""
    return (*axis.former_keys, axis.key)[0]


def filters(axes: Sequence[Axis]) -> dict[str, str]:
    """Filter keys and the labels the search page shows: each axis with a facet, then kind and year."""
    return {filter_key(axis): axis.short for axis in axes if axis.facet} | {"kind": "Loại", "year": "Năm"}


def _filter_values(story: Story, faceted: Sequence[Axis]) -> list[tuple[str, str, str]]:
    """(key, value shown, file name) of each filter the story is in. An axis's file is named by the
    term's id: two places whose names differ by a diacritic (Xã Ba Tô, Xã Ba Tơ) share a slug."""
    values = [(filter_key(axis), term.name, term.id) for axis in faceted for term in axis.terms_of(story)]
    values += [("kind", story.kind.value, filter_slug(story.kind.value)), ("year", str(story.date.year), str(story.date.year))]
    kinds = dict.fromkeys(media.kind for media in story.media)
    return values + [(MEDIA_FILTER[0], media_label([kind]), _MEDIA_FILES[kind]) for kind in kinds]


MEDIA_FILTER = ("media", "Video, âm thanh")
"""The filter of stories with a video or an audio clip; on the page only when some story has one."""
_MEDIA_FILES = {"video": "video", "audio": "am-thanh"}


FILTERS = filters(AXES)
"""The filters of a site with the built-in axes."""
FIELDS = {"title": 8, "subject": 4, "names": 2, "summary": 1}
"""Bit of each indexed field in a posting (the page weighs them 10, 7, 4 and 1)."""

# Word-final "oa", "oe", "uy" carry their tone on either vowel ("hoà"/"hòa", "thuỷ"/"thủy"): both are
# correct Vietnamese. Index and queries use one placement (tim-kiem.js has the same table).
_TONED = {"a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ"}
_FIRST = {"a": "òóỏõọ", "e": "òóỏõọ", "y": "ùúủũụ"}
_PLACEMENT: dict[str, str] = {}
for _last, _marks in _TONED.items():
    _lead = "o" if _last in "ae" else "u"
    for _i, _mark in enumerate(_marks):
        _PLACEMENT[_lead + _mark] = _FIRST[_last][_i] + _last
        _PLACEMENT[(_lead + _mark).upper()] = (_FIRST[_last][_i] + _last).upper()
_NEW_STYLE = re.compile("(" + "|".join(sorted(_PLACEMENT, key=len, reverse=True)) + r")(?!\w)")
_SYLLABLE = re.compile(r"\w+")
_LOOKALIKE_D = str.maketrans({"Ð": "Đ", "ð": "đ"})


def tone_placement(text: str) -> str:
    """Put word-final tones on the first vowel ("hoà" -> "hòa", "thuỷ" -> "thủy") for matching."""
    return _NEW_STYLE.sub(lambda m: _PLACEMENT[m.group(1)], unicodedata.normalize("NFC", text))


def syllables(text: str) -> list[str]:
    """The syllables of `text` as indexed: NFC, lower case, one tone placement ("Khánh Hoà" -> ["khánh", "hòa"])."""
    return _SYLLABLE.findall(tone_placement(text.translate(_LOOKALIKE_D)).lower())


@lru_cache(maxsize=65536)  # a language has a few thousand syllables; every story repeats them
def fold_syllable(syllable: str) -> str:
    """A syllable without any diacritic, đ -> d: the index file it lives in ("đức" -> "duc")."""
    decomposed = unicodedata.normalize("NFD", syllable.replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=4096)
def _indexed(text: str) -> tuple[tuple[str, str], ...]:
    """(syllable, folded) of each indexable syllable of `text`; cached, as names repeat in every story."""
    pairs = ((syllable, fold_syllable(syllable)) for syllable in syllables(text))
    # The folded form is a file name: ASCII, reasonable length.
    return tuple((syllable, folded) for syllable, folded in pairs if folded.isascii() and len(folded) <= 40)


def _deltas(ids: Iterable[int], bits: dict[int, int] | None = None) -> list[int]:
    """Sorted ids as gaps, each times 16 plus its field bits when given: small numbers gzip well."""
    out, last = [], -1
    for doc in sorted(ids):
        gap = doc - last
        out.append(gap * 16 + bits[doc] if bits is not None else gap)
        last = doc
    return out


def _dump(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


@dataclass(frozen=True)
class _Entry:
    bits: dict[int, int]
    exact: dict[str, set[int]]
    after: dict[str, dict[int, int]]
    """Per (folded) syllable that follows this one in a text: the stories, with the fields where it does."""


def _file(entry: _Entry) -> str:
    data: dict[str, object] = {"a": _deltas(entry.bits, entry.bits), "e": {form: _deltas(ids) for form, ids in entry.exact.items()}}
    if entry.after:
        data["n"] = {folded: _deltas(bits, bits) for folded, bits in entry.after.items()}
    return _dump(data)


def search_files(
    published: Sequence[Story], pictures: dict[tuple[str, str], Picture], axes: Sequence[Axis] = AXES
) -> dict[str, str]:
    """Every index file by site-relative URL, for the published stories (newest first = id order)."""
    faceted = [axis for axis in axes if axis.facet]
    postings: dict[str, _Entry] = {}
    filters: dict[tuple[str, str], list[int]] = {}
    shards: list[list[object]] = []
    for doc, story in enumerate(published):
        terms = [(n, term.name) for n, axis in enumerate(axes) for term in axis.terms_of(story)]
        texts = [("title", story.title), ("subject", story.subject)] + [("names", name) for _, name in terms]
        for field, text in texts + [("summary", story.summary)]:
            previous: _Entry | None = None
            for syllable, folded in _indexed(text):
                entry = postings.get(folded)
                if entry is None:
                    entry = postings[folded] = _Entry({}, {}, {})
                entry.bits[doc] = entry.bits.get(doc, 0) | FIELDS[field]
                if syllable != folded:
                    entry.exact.setdefault(syllable, set()).add(doc)
                if previous is not None:  # side by side in this text
                    after = previous.after.setdefault(folded, {})
                    after[doc] = after.get(doc, 0) | FIELDS[field]
                previous = entry
        for key, _, file in dict.fromkeys(_filter_values(story, faceted)):
            filters.setdefault((key, file), []).append(doc)
        picture = pictures.get((story.slug, COVER))
        if doc % SHARD == 0:
            shards.append([])
        # Shown in the result list; the names (axis number, name) become labelled chips that show
        # why a story matched when its summary does not say it.
        shards[-1].append([
            urls.story_url(story.slug), story.title, story.subject, format_short(story.date),
            story.summary, picture.thumb_fallback if picture else "", terms,
        ])  # fmt: skip
    files = {f"{INDEX_DIR}/t/{folded}.json": _file(entry) for folded, entry in postings.items()}
    files |= {f"{INDEX_DIR}/m/{n}.json": _dump(shard) for n, shard in enumerate(shards)}
    files |= {f"{INDEX_DIR}/f/{key}/{file}.json": _dump(_deltas(ids)) for (key, file), ids in filters.items()}
    # The list of syllables lets the page ask only for files that exist (no 404 per unknown word).
    labels = [axis.short for axis in axes]
    files[f"{INDEX_DIR}/info.json"] = _dump({"stories": len(published), "shard": SHARD, "words": sorted(postings), "labels": labels})
    return files


def filter_slug(value: str) -> str:
    """File name of a filter value: ASCII, stable ("Thị xã Đức Phổ" -> "thi-xa-duc-pho")."""
    return slugify(value, 120) or "_"


def search_filters(
    published: Sequence[Story], axes: Sequence[Axis] = AXES
) -> tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]:
    """(key, label, ((value, file name), ...)) of each filter; values in Vietnamese order, years newest first;
    the media filter only when some story has a clip."""
    labels = filters(axes) | dict([MEDIA_FILTER])
    values: dict[str, dict[str, str]] = {key: {} for key in labels}
    faceted = [axis for axis in axes if axis.facet]
    for story in published:
        for key, value, file in _filter_values(story, faceted):
            values[key][value] = file
    if not values[MEDIA_FILTER[0]]:
        del labels[MEDIA_FILTER[0]]  # a select with nothing to choose only confuses readers
    ordered = {key: sorted(found.items(), key=lambda item: collation_key(item[0])) for key, found in values.items()}
    ordered["year"] = sorted(values["year"].items(), reverse=True)
    return tuple((key, label, tuple(ordered[key])) for key, label in labels.items())
