"""Typed records: vocabulary terms and validated stories.

Everything downstream of validation (grouping, pages, feeds, reports) reads these frozen
dataclasses and nothing else, so a story that reached this form is known to be complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

__all__ = [
    "Award",
    "BodyImage",
    "Field",
    "Image",
    "Kind",
    "LOCALITY_LEVELS",
    "Locality",
    "Media",
    "Movement",
    "Status",
    "Story",
    "Term",
    "Unit",
]


class Kind(str, Enum):
    """The kind of exemplar honoured; the value is the Vietnamese word officers write."""

    COLLECTIVE = "tập thể"
    INDIVIDUAL = "cá nhân"
    HOUSEHOLD = "hộ gia đình"

    @property
    def id(self) -> str:
        """ASCII id used in URLs and data files."""
        return {"tập thể": "tap-the", "cá nhân": "ca-nhan", "hộ gia đình": "ho-gia-dinh"}[self.value]

    @property
    def label(self) -> str:
        """The kind as a label on pages ("Tập thể")."""
        return self.value[:1].upper() + self.value[1:]


class Status(str, Enum):
    """Publishing state of a story (see content/huong-dan/hop-dong-du-lieu.md, "Trạng thái xuất bản")."""

    PUBLISHED = "published"
    DRAFT = "draft"
    NOMINEE = "nominee"


@dataclass(frozen=True, kw_only=True)
class Term:
    """An entry of a controlled vocabulary."""

    id: str
    """ASCII id, used in URLs (`phong-trao/<id>/`) and data files."""
    name: str
    """Canonical Vietnamese name, shown everywhere."""
    aliases: tuple[str, ...] = ()
    """Other spellings and former names that resolve to this entry."""
    description: str = ""
    valid_from: dt.date | None = None
    """First day the entry exists (a commune formed on 2025-07-01), if it has one."""
    valid_until: dt.date | None = None
    """Last day the entry existed (district level ended on 2025-06-30), if it ended."""
    successors: tuple[str, ...] = ()
    """Ids of the entries that took over after `valid_until`."""

    def valid_at(self, day: dt.date) -> bool:
        """Whether the entry exists on `day`."""
        return self.valid_during(day, day)

    def valid_during(self, start: dt.date, end: dt.date) -> bool:
        """Whether the entry exists on at least one day of [start, end]."""
        return (self.valid_from is None or self.valid_from <= end) and (self.valid_until is None or self.valid_until >= start)


@dataclass(frozen=True, kw_only=True)
class Movement(Term):
    """An emulation movement (phong trào thi đua) or campaign (cuộc vận động)."""

    lead_unit: str | None = None
    """Id of the unit that leads the movement (chủ trì), if the plans name one."""
    period_start: int | None = None
    """First year of the movement's current phase."""
    period_end: int | None = None
    """Last year of the movement's current phase."""
    targets: tuple[tuple[Kind, int], ...] = ()
    """Minimum number of exemplars per kind for the period (Khánh Hòa plan 12065/KH-UBND)."""


@dataclass(frozen=True, kw_only=True)
class Field(Term):
    """A field of activity (lĩnh vực)."""


@dataclass(frozen=True, kw_only=True)
class Unit(Term):
    """A submitting unit (đơn vị)."""

    type: str
    """department | locality | mass organisation | enterprise | armed forces"""
    within: str = ""
    """For a body of a province merged into this one (Sở Y tế tỉnh Kon Tum, for Quảng Ngãi): the id
    of that former province. The board's quotas of the years before the merger are not theirs."""


LOCALITY_LEVELS = {
    "province": "province",
    "city": "district",
    "town": "district",
    "district": "district",
    "commune": "commune",
    "ward": "commune",
    "special_zone": "commune",
}
"""Each locality type and its level: the province, the district level (until 2025-06-30) or
the commune level (xã, phường, đặc khu: from 2025-07-01)."""


@dataclass(frozen=True, kw_only=True)
class Locality(Term):
    """A place a story belongs to: the province as a whole, a former district (huyện / thị xã /
    thành phố, until 2025-06-30) or former province, or a commune (xã / phường / đặc khu)."""

    type: str
    """One of `LOCALITY_LEVELS`."""
    code: str = ""
    """The statistics office's code (5 digits for communes, 3 for districts, 2 for provinces)."""
    predecessors: tuple[str, ...] = ()
    """Ids of the entries it was formed from (the inverse of their `successors`)."""
    within: str = ""
    """For a former district of a province merged into this one (Kon Tum's, for Quảng Ngãi): the id
    of that former province. The board's quotas of the years before the merger are not theirs."""

    @property
    def level(self) -> str:
        """province | district | commune"""
        return LOCALITY_LEVELS.get(self.type, "district")


@dataclass(frozen=True, kw_only=True)
class Image:
    """A cover photo as declared in front matter; `path` is resolved and known to exist."""

    src: str
    """The path as the officer wrote it, relative to the story file."""
    path: Path
    """Absolute path of the file."""
    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(frozen=True, kw_only=True)
class BodyImage:
    """An image written in the story body as `![alt](src "title")`; `path` is resolved and exists."""

    src: str
    path: Path
    alt: str
    title: str = ""
    line: int = 1
    """File line of the reference, for messages about this photo."""


@dataclass(frozen=True, kw_only=True)
class Media:
    """A video or audio clip in the story body (`generator.core.media`): a file next to the story,
    or a video of another host (`player` set), shown as a poster until the reader plays it."""

    kind: str
    """"video" or "audio"."""
    src: str
    """As the officer wrote it: the file name, the iframe's src or the pasted address."""
    title: str
    """What the clip shows (the alt text of a file, the iframe's title): its accessible name."""
    line: int = 1
    """File line of the clip, for messages about it."""
    path: Path | None = None
    """Absolute path of a self-hosted file; None for a hosted video."""
    mime: str = ""
    size: int = 0
    """Bytes of the file (feeds give it as the enclosure's length)."""
    duration: float = 0.0
    """Seconds; 0 when unknown (hosted videos)."""
    width: int = 0
    height: int = 0
    captions: Path | None = None
    """The `.vtt` captions next to a video file, if any."""
    player: str = ""
    """A hosted video's player address, framed when the reader clicks play."""
    link: str = ""
    """A hosted video's own page (the link without JavaScript, and in feeds)."""
    host: str = ""
    """Host of `player`, which the site's frame-src allows."""

    @property
    def hosted(self) -> bool:
        """Whether the clip plays from another host."""
        return bool(self.player)


@dataclass(frozen=True, kw_only=True)
class Award:
    """A commendation received (Bằng khen, Huân chương, ...)."""

    name: str
    year: int | None = None
    decision: str = ""
    """Number of the decision, e.g. "1234/QĐ-UBND"."""


@dataclass(frozen=True, kw_only=True)
class Story:
    """A validated exemplar story."""

    source: str
    """Path of the Markdown file relative to the folder of mkdocs.yml, `/`-separated."""
    path: Path
    """Absolute path of the Markdown file."""
    slug: str
    title: str
    subject: str
    kind: Kind
    movements: tuple[Movement, ...]
    field: Field
    unit: Unit
    locality: Locality
    date: dt.date
    body: str
    """Markdown body, after the front matter."""
    body_line: int
    """File line on which the body starts, to point at problems inside it."""
    summary: str = ""
    image: Image | None = None
    body_images: tuple[BodyImage, ...] = ()
    media: tuple[Media, ...] = ()
    """Video and audio clips of the body, in order."""
    poster: Image | None = None
    """The `poster:` photo shown in front of the story's videos (else the cover, else a title card)."""
    awards: tuple[Award, ...] = ()
    tags: tuple[str, ...] = ()
    status: Status = Status.PUBLISHED
    consultation_until: dt.date | None = None
    source_url: str = ""
    author: str = ""
    featured: bool = False
    extra: Mapping[str, tuple[Term, ...]] = field(default_factory=dict, hash=False)
    """Terms of the axes a site declares beyond the built-in four, by axis name (see `generator.core.axes`)."""
    lines: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    """Line of each front-matter key, for later stages that report problems (photos, ...)."""
