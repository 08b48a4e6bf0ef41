"""The listing axes: one declaration per way of browsing the stories, read by every stage.

An axis is a front-matter key checked against a vocabulary (`movement: ...` against
`movements.yml`), a folder of listing pages (`phong-trao/<id>/`), maybe a search filter, an
open-data column, feeds and embeddable widgets. Validation, grouping, listings, search, open
data, the command line and messages all read these declarations, so adding an axis is one
`Axis` (here, or under `axes:` in the plugin options of mkdocs.yml), its vocabulary file and,
where it needs more than the generic listing, templates.

The year of a story is an axis too (`nam/<yyyy>/`), derived from its date rather than named in
a vocabulary; it is listed in `YEARS` and is not part of `AXES`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from generator.core.model import Story, Term

__all__ = ["AXES", "YEARS", "Axis", "axis_named", "in_story_order"]


@dataclass(frozen=True, kw_only=True)
class Axis:
    """How stories are classified along one vocabulary, and what the site makes of it."""

    name: str
    """Plural id, also the vocabulary file's stem (`movements` -> `movements.yml`)."""
    key: str
    """Front-matter key officers write (`movement`)."""
    folder: str
    """URL folder of the overview and listings (`phong-trao`); stable, others link to it."""
    label: str
    """Vietnamese title of the overview page and listings ("Phong trào thi đua")."""
    label_en: str
    short: str
    """Vietnamese label beside a value (story facts, search filter): "Phong trào"."""
    noun: tuple[str, str]
    """How messages name the key, Vietnamese and English ("phong trào thi đua", "movement")."""
    help: str
    """One line for officers on what to write (the `exemplars new` template, the web editor)."""
    many: bool = False
    """A story may name several (a YAML list)."""
    required: bool = True
    feeds: bool = False
    """Terms with stories get their own RSS/Atom/JSON feeds and embeddable widgets."""
    facet: bool = False
    """A filter on the search page."""
    attribute: str = ""
    """The `Story` attribute holding the value(s) of a built-in axis; "" for axes declared by a
    site, whose values are in `Story.extra` under `name`."""
    prefixes: tuple[str, ...] = ("thành phố", "thị xã", "huyện")
    """Administrative words ignored when matching a name ("Huyện Bình Sơn" = "Bình Sơn")."""
    former_keys: tuple[str, ...] = ()
    """Earlier names of the front-matter key, still read as `key` (`district` for `locality`)."""
    former_names: tuple[str, ...] = ()
    """Earlier plural ids: still accepted by `exemplars vocab` and as the vocabulary file's stem."""

    @property
    def record_field(self) -> str:
        """The open-data column: the plural name for lists, the key for single values."""
        return self.name if self.many else self.key

    @property
    def record_fields(self) -> tuple[str, ...]:
        """The open-data columns: `record_field`, then the former key names with the same value,
        for consumers written before the key was renamed (`district` beside `locality`)."""
        return (self.record_field, *(() if self.many else self.former_keys))

    def terms_of(self, story: Story) -> tuple[Term, ...]:
        """The story's terms on this axis, in the order written."""
        if not self.attribute:
            return story.extra.get(self.name, ())
        value = getattr(story, self.attribute)
        return value if self.many else (value,)


AXES: tuple[Axis, ...] = (
    Axis(
        name="movements", key="movement", folder="phong-trao",
        label="Phong trào thi đua", label_en="Movements", short="Phong trào",
        noun=("phong trào thi đua", "movement"),
        help='Phong trào thi đua, mỗi phong trào một dòng "- " (xem danh mục: exemplars vocab movements).',
        many=True, feeds=True, facet=True, attribute="movements",
    ),
    Axis(
        name="localities", key="locality", folder="dia-ban",
        label="Địa bàn", label_en="Localities", short="Địa bàn",
        noun=("địa bàn", "locality"),
        help='Địa bàn: từ 01/7/2025 là xã, phường, đặc khu; trước đó là huyện, thị xã, thành phố; '
        'hoặc "Toàn tỉnh" (exemplars vocab localities --at NGÀY).',
        feeds=True, facet=True, attribute="locality",
        # Stories written before the two-level government say `district:`; they never change.
        former_keys=("district",), former_names=("districts",),
        # "tỉnh" is dropped only to *detect* ambiguity ("Quảng Ngãi": the city or the province);
        # an exact "Tỉnh Quảng Ngãi" still resolves to the province. "Bình Sơn" fits the district
        # and the commune: the story's date chooses (`generator.core.vocabulary`).
        prefixes=("thành phố", "thị xã", "huyện", "tỉnh", "xã", "phường", "đặc khu"),
    ),
    Axis(
        name="fields", key="field", folder="linh-vuc",
        label="Lĩnh vực", label_en="Fields", short="Lĩnh vực",
        noun=("lĩnh vực", "field"), help="Lĩnh vực (exemplars vocab fields).",
        facet=True, attribute="field",
    ),
    Axis(
        name="units", key="unit", folder="don-vi",
        label="Đơn vị", label_en="Units", short="Đơn vị",
        noun=("đơn vị gửi bài", "submitting unit"), help="Đơn vị gửi bài (exemplars vocab units).",
        attribute="unit",
    ),
)  # fmt: skip
"""The built-in axes, in the order of the site's navigation."""

YEARS = Axis(
    name="years", key="", folder="nam", label="Năm", label_en="Years", short="Năm",
    noun=("năm", "year"), help="", required=False,
)  # fmt: skip
"""The year of the story's date: listings `nam/<yyyy>/`, no vocabulary."""


def axis_named(axes: Iterable[Axis], name: str) -> Axis:
    """The axis called `name` ("movements", "years"...)."""
    if name == YEARS.name:
        return YEARS
    for axis in axes:
        if name == axis.name or name in axis.former_names:
            return axis
    raise KeyError(name)



_STORY_ORDER = ("movement", "field", "unit", "locality")
"""Where the built-in axes go in a story file; axes declared by a site follow them."""


def in_story_order(axes: Sequence[Axis]) -> list[Axis]:
    """`axes` in the order their keys are written in a story (and listed by `exemplars vocab`)."""
    rank = {key: i for i, key in enumerate(_STORY_ORDER)}
    return sorted(axes, key=lambda axis: rank.get(axis.key, len(rank)))
