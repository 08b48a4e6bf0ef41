"""The places' pages after the reform of 1 July 2025: `dia-ban/` by level and time, and the links
between a commune and the former districts it was formed from.

Today's 96 communes of a province are too many for one alphabetical list, and readers think of
them by the district they used to belong to; the former districts keep their 2021–2025 stories.
So the overview has three parts: the communes grouped by former district (a commune formed from
parts of two districts appears under both), the former districts and provinces, and the province
as a whole. Every place is listed, but only places with stories link to a page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from generator.core import urls
from generator.core.axes import Axis
from generator.core.model import Locality
from generator.core.text import collation_key
from generator.core.vocabulary import TermIndex
from generator.plan.group import Group
from generator.plan.views import Link, OverviewSection, Related

__all__ = ["locality_sections", "related_places"]


def _link(axis: Axis, place: Locality, groups: dict[str, Group]) -> Link:
    group = groups.get(place.id)
    count = len(group.stories) if group else 0
    return Link(place.name, urls.listing_url(axis, place.id) if count else "", count)


def _sorted(places: Sequence[Locality]) -> list[Locality]:
    return sorted(places, key=lambda p: collation_key(p.name))


def locality_sections(axis: Axis, index: TermIndex[Locality], groups: Sequence[Group]) -> tuple[OverviewSection, ...]:
    """`dia-ban/`: today's communes by former district, the former districts, the province."""
    by_id = {g.key: g for g in groups}
    places = index.terms
    communes = [p for p in places if p.level == "commune"]
    districts = _sorted([p for p in places if p.level == "district"])
    sections = []
    if communes:
        grouped = []
        for district in districts:
            members = _sorted([index.by_id[s] for s in district.successors if s in index.by_id and index.by_id[s].level == "commune"])
            if members:
                grouped.append((f"Từ {district.name} cũ", tuple(_link(axis, c, by_id) for c in members)))
        orphans = _sorted([c for c in communes if not c.predecessors])
        if orphans:
            grouped.append(("Khác", tuple(_link(axis, c, by_id) for c in orphans)))
        with_stories = sum(1 for c in communes if c.id in by_id)
        intro = (
            f"{len(communes)} xã, phường, đặc khu từ ngày 01/7/2025, xếp theo huyện, thị xã, thành phố trước đây "
            f"(xã hình thành từ hai huyện có ở cả hai nhóm); {with_stories} nơi đã có gương điển hình."
        )
        sections.append(OverviewSection("Xã, phường, đặc khu", intro, tuple(grouped)))
    if districts:
        intro = "Địa bàn cấp huyện đến ngày 30/6/2025, với các gương điển hình giai đoạn trước."
        sections.append(OverviewSection("Huyện, thị xã, thành phố (trước 01/7/2025)", intro, (("", tuple(_link(axis, d, by_id) for d in districts)),)))
    provinces = _sorted([p for p in places if p.level == "province"])
    if provinces:
        sections.append(OverviewSection("Cấp tỉnh", "", (("", tuple(_link(axis, p, by_id) for p in provinces)),)))
    return tuple(sections)


def related_places(axis: Axis, index: TermIndex[Locality], groups: Sequence[Group]) -> Callable[[Group], tuple[Related, ...]]:
    """For a place's listing: what it was formed from, and what it became."""
    by_id = {g.key: g for g in groups}

    def related(group: Group) -> tuple[Related, ...]:
        place = group.term
        if not isinstance(place, Locality):
            return ()
        out = []
        before = [index.by_id[p] for p in place.predecessors if p in index.by_id and index.by_id[p].level != "province"]
        after = [index.by_id[s] for s in place.successors if s in index.by_id]
        if before:
            out.append(Related("Hình thành từ", tuple(_link(axis, p, by_id) for p in _sorted(before))))
        if after:
            out.append(Related("Từ ngày 01/7/2025 thuộc", tuple(_link(axis, p, by_id) for p in _sorted(after))))
        return tuple(out)

    return related
