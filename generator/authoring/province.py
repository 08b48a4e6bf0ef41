"""A province's vocabularies from the national gazetteer: its communes, the former districts and
provinces it was formed from, its departments and the People's Committees of its localities.

The gazetteer (`generator/defaults/gazetteer/vietnam.json`, made by `tools/make_gazetteer.py` from
a maintained dataset) holds the 34 provinces of 1 July 2025 with their communes (xã, phường, đặc
khu) and, for each province merged into them, its former districts with the communes that
succeeded each. This module turns one province of it into vocabulary entries (plain dicts in the
form of the `.yml` files), for `exemplars init` and for the package's own defaults.

Ids are readable and stable: a commune's is its full name as a slug (`xa-binh-son`), a former
district's its name without "huyện"/"thị xã"/"quận" (`binh-son`; cities keep `thanh-pho-`), so
that the ids of sites made before the reform stay as they were. Names that differ only by a
diacritic (Xã Ba Tô, Xã Ba Tơ) would give the same slug: both then carry their official code
(`xa-ba-to-21484`, `xa-ba-to-21523`), never a number by order of appearance.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from generator.core.resources import DEFAULTS
from generator.core.text import fold, slugify

__all__ = [
    "GAZETTEER",
    "REFORM",
    "dump_entries",
    "find_province",
    "load_gazetteer",
    "locality_entries",
    "unit_entries",
]

GAZETTEER = DEFAULTS / "gazetteer" / "vietnam.json"
REFORM = "2025-07-01"
"""First day of the two-level local government (Resolution 202/2025/QH15)."""
_LAST_DISTRICT_DAY = "2025-06-30"
_DECREE_45 = "2025-03-01"
_LAST_OLD_DEPARTMENT_DAY = "2025-02-28"

_COMMUNE_TYPES = {"xã": "commune", "phường": "ward", "đặc khu": "special_zone"}
_DISTRICT_TYPES = {"huyện": "district", "quận": "district", "thị xã": "town", "thành phố": "city"}
_BARE_PREFIXES = ("Huyện ", "Quận ", "Thị xã ")


@cache
def load_gazetteer(path: Path = GAZETTEER) -> dict:
    """The gazetteer as stored (provinces, their communes and former provinces)."""
    return json.loads(path.read_text(encoding="utf-8"))


def find_province(gazetteer: dict, name: str) -> dict | None:
    """The province called `name` ("Quảng Ngãi", "Tỉnh Quảng Ngãi", "tp Cần Thơ", "Can Tho")."""
    wanted = _bare(name)
    for province in gazetteer["provinces"]:
        if _bare(province["name"]) == wanted:
            return province
    return None


def _bare(name: str) -> str:
    folded = fold(name)
    for prefix in ("thanh pho ", "tp. ", "tp ", "tinh "):
        if folded.startswith(prefix):
            return folded[len(prefix) :].strip()
    return folded.strip()


def _short_name(name: str) -> str:
    """"Tỉnh Sóc Trăng" -> "Sóc Trăng"."""
    return name.removeprefix("Tỉnh ").removeprefix("Thành phố ")


def _commune_ids(communes: Iterable[dict]) -> dict[str, str]:
    """Code -> id; diacritic twins both get their code appended."""
    communes = list(communes)
    slugs = [slugify(c["name"]) for c in communes]
    twins = {s for s in slugs if slugs.count(s) > 1}
    return {c["code"]: f"{s}-{c['code']}" if s in twins else s for c, s in zip(communes, slugs, strict=True)}


def _district_id(name: str) -> str:
    for prefix in _BARE_PREFIXES:
        if name.startswith(prefix):
            return slugify(name[len(prefix) :])
    return slugify(name)


def locality_entries(province: dict) -> list[dict]:
    """The `localities.yml` entries of `province`: the province as a whole (id `toan-tinh`), its
    communes (from 2025-07-01), then each former province it was formed from (other than itself)
    and every former district of those, with their successor communes (until 2025-06-30)."""
    commune_ids = _commune_ids(province["communes"])
    formers = province["former_provinces"]
    # The former province of the same name goes on as this one ("Tỉnh Bắc Ninh" is now "Thành phố
    # Bắc Ninh"); its names are the province's, unless a former district had that name (the city).
    continuing = [f for f in formers if _short_name(f["name"]) == _short_name(province["name"])]
    district_names = {d["name"] for f in formers for d in f["districts"]}
    names = [n for n in dict.fromkeys([province["name"], *(f["name"] for f in continuing)]) if n not in district_names]
    entries: list[dict] = [
        {
            "id": "toan-tinh",
            "name": "Toàn tỉnh" if province["type"] == "tỉnh" else "Toàn thành phố",
            "aliases": [*names, "Cấp tỉnh"],
            "type": "province",
            "code": province["code"],
        }
    ]
    for commune in province["communes"]:
        entries.append(
            {
                "id": commune_ids[commune["code"]],
                "name": commune["name"],
                "type": _COMMUNE_TYPES[commune["type"]],
                "code": commune["code"],
                "valid_from": REFORM,
            }
        )
    taken = set(commune_ids.values()) | {"toan-tinh"}
    for former in formers:
        if former not in continuing:
            former_id = slugify(former["name"])
            taken.add(former_id)
            entries.append(
                {
                    "id": former_id,
                    "name": former["name"],
                    "type": "province",
                    "code": former["code"],
                    "valid_until": _LAST_DISTRICT_DAY,
                    "successors": ["toan-tinh"],
                }
            )
    plain = [_district_id(d["name"]) for f in formers for d in f["districts"]]
    names = [d["name"] for f in formers for d in f["districts"]]
    for former in formers:
        for district in former["districts"]:
            district_id = _district_id(district["name"])
            if plain.count(district_id) > 1 or district_id in taken:  # "Huyện Châu Thành" of two provinces
                district_id = f"{district_id}-{slugify(_short_name(former['name']))}"
            if district_id in taken:
                district_id = f"{district_id}-{district['code']}"
            taken.add(district_id)
            name = district["name"]
            if names.count(name) > 1:  # two former provinces each had a "Huyện Châu Thành"
                name = f"{name} ({_short_name(former['name'])})"
            entry = {
                "id": district_id,
                "name": name,
                "type": _DISTRICT_TYPES[district["type"]],
                "code": district["code"],
                "valid_until": _LAST_DISTRICT_DAY,
                "successors": [commune_ids[c] for c in district["successors"] if c in commune_ids] or ["toan-tinh"],
            }
            if former not in continuing:
                entry["within"] = slugify(former["name"])
            entries.append(entry)
    return entries


_DEPARTMENTS = (
    # (id, name, aliases): the departments every province has after Decree 45/2025/NĐ-CP.
    ("so-noi-vu", "Sở Nội vụ", ["Sở NV"]),
    ("so-tai-chinh", "Sở Tài chính", ["Sở TC"]),
    ("so-tu-phap", "Sở Tư pháp", ["Sở TP"]),
    ("so-cong-thuong", "Sở Công Thương", ["Sở CT"]),
    ("so-xay-dung", "Sở Xây dựng", ["Sở XD"]),
    ("so-nong-nghiep-moi-truong", "Sở Nông nghiệp và Môi trường", ["Sở NN&MT", "Sở NNMT", "Sở Nông nghiệp"]),
    ("so-khoa-hoc", "Sở Khoa học và Công nghệ", ["Sở KH&CN", "Sở KHCN"]),
    ("so-giao-duc", "Sở Giáo dục và Đào tạo", ["Sở GD&ĐT", "Sở GDĐT", "Sở Giáo dục"]),
    ("so-y-te", "Sở Y tế", []),
    ("so-van-hoa", "Sở Văn hóa, Thể thao và Du lịch", ["Sở VH-TT&DL", "Sở VHTTDL"]),
    ("thanh-tra", "Thanh tra {level}", []),
    ("van-phong-ubnd", "Văn phòng UBND {level}", []),
)
_FORMER_DEPARTMENTS = (
    # (id, name, aliases, successors): merged on 1 March 2025 (Decree 45/2025/NĐ-CP).
    ("so-nong-nghiep", "Sở Nông nghiệp và Phát triển nông thôn", ["Sở NN&PTNT", "Sở Nông nghiệp"], ["so-nong-nghiep-moi-truong"]),
    ("so-tai-nguyen", "Sở Tài nguyên và Môi trường", ["Sở TN&MT", "Sở TNMT"], ["so-nong-nghiep-moi-truong"]),
    ("so-lao-dong", "Sở Lao động - Thương binh và Xã hội", ["Sở LĐ-TB&XH", "Sở LĐTBXH"], ["so-noi-vu", "so-y-te"]),
    ("so-thong-tin", "Sở Thông tin và Truyền thông", ["Sở TT&TT", "Sở TTTT"], ["so-khoa-hoc"]),
    ("so-ke-hoach", "Sở Kế hoạch và Đầu tư", ["Sở KH&ĐT", "Sở KHĐT"], ["so-tai-chinh"]),
    ("so-giao-thong", "Sở Giao thông vận tải", ["Sở GTVT"], ["so-xay-dung"]),
    ("ban-tuyen-giao", "Ban Tuyên giáo {party}", [], ["ban-tuyen-giao-dan-van"]),
    ("ban-dan-van", "Ban Dân vận {party}", [], ["ban-tuyen-giao-dan-van"]),
)
_FORMED_BY_DECREE_45 = {"so-nong-nghiep-moi-truong", "ban-tuyen-giao-dan-van"}
"""New bodies (the others that absorbed a department kept their name and go on)."""
_OTHERS = (
    ("ban-tuyen-giao-dan-van", "Ban Tuyên giáo và Dân vận {party}", [], "department"),
    ("cong-an-tinh", "Công an {level}", [], "armed forces"),
    ("bo-chi-huy-quan-su", "Bộ Chỉ huy Quân sự {level}", [], "armed forces"),
    ("mat-tran-to-quoc", "Ủy ban MTTQ Việt Nam {level}", ["Mặt trận Tổ quốc {level}"], "mass organisation"),
    ("lien-doan-lao-dong", "Liên đoàn Lao động {level}", [], "mass organisation"),
    ("tinh-doan", "{youth}", [], "mass organisation"),
    ("hoi-phu-nu", "Hội Liên hiệp Phụ nữ {level}", [], "mass organisation"),
    ("hoi-nong-dan", "Hội Nông dân {level}", [], "mass organisation"),
    ("hoi-cuu-chien-binh", "Hội Cựu chiến binh {level}", [], "mass organisation"),
)


def _words(city: bool, place: str = "") -> dict[str, str]:
    """How a province's bodies are named: "tỉnh", "Tỉnh ủy", "Tỉnh đoàn" (a city's: "thành phố", …),
    followed by the place's name for a former province's bodies ("Tỉnh đoàn Kon Tum")."""
    after = f" {place}" if place else ""
    return {
        "level": ("thành phố" if city else "tỉnh") + after,
        "party": ("Thành ủy" if city else "Tỉnh ủy") + after,
        "youth": ("Thành đoàn" if city else "Tỉnh đoàn") + after,
    }


def unit_entries(province: dict, localities: list[dict]) -> list[dict]:
    """The `units.yml` entries of `province`: departments as of Decree 45/2025/NĐ-CP (the merged
    ones ending 2025-02-28 with their successors), the Party committee's and mass organisations,
    the same bodies of every former province merged into it (until 2025-06-30, succeeded by the
    province's), and the People's Committee of every commune (from 2025-07-01) and former
    district (until 2025-06-30, succeeded by those of its communes)."""
    city, name = _bare_name(province["name"])
    entries = _provincial_bodies(_words(city))
    # "Sở Y tế tỉnh Quảng Ngãi", "Sở Y tế Quảng Ngãi": the province's bodies as officers also name them.
    words = _words(city, name)
    for entry, placed in zip(entries, _provincial_bodies(words)):
        entry["aliases"] = [*entry["aliases"], *(n for n in _place_names(placed, words, name) if n != entry["name"])]
    for place in localities:
        if place["type"] == "province" and "valid_until" in place:  # a former province (Tỉnh Kon Tum)
            entries += _former_province_bodies(place)
    entries += _committees(localities)
    for entry in entries:
        if not entry.get("aliases"):
            entry.pop("aliases", None)
    return entries


def _bare_name(province_name: str) -> tuple[bool, str]:
    """(whether it is a city, its name without "Tỉnh"/"Thành phố"): "Tỉnh Kon Tum" -> (False, "Kon Tum")."""
    city = province_name.startswith("Thành phố ")
    return city, province_name.removeprefix("Thành phố " if city else "Tỉnh ")


def _place_names(entry: dict, words: dict[str, str], place: str) -> list[str]:
    """The names of a body of the province `place`, `entry` formatted with `words` naming it: in
    full ("Sở Y tế tỉnh Kon Tum"), without the level word ("Sở Y tế Kon Tum"), its aliases with the name."""
    full = entry["name"] if place in entry["name"] else f"{entry['name']} {words['level']}"
    names = [full, full.replace(words["level"], place), *(f"{a} {place}" for a in entry["aliases"] if place not in a)]
    return list(dict.fromkeys(names))


def _former_province_bodies(place: dict) -> list[dict]:
    """The bodies of the former province `place` ("Sở Y tế tỉnh Kon Tum", "Tỉnh đoàn Kon Tum"), each
    ending when its province merged and succeeded by the merged province's own body; `within`
    names that province, as for its former districts."""
    city, name = _bare_name(place["name"])
    words = _words(city, name)
    suffix = place["id"].removeprefix("thanh-pho-" if city else "tinh-")
    entries = []
    for entry in _provincial_bodies(words):
        full, *aliases = _place_names(entry, words, name)
        own = {**entry, "id": f"{entry['id']}-{suffix}", "name": full, "aliases": aliases, "within": place["id"]}
        if "successors" in entry:  # merged by Decree 45/2025 inside the former province
            own["successors"] = [f"{successor}-{suffix}" for successor in entry["successors"]]
        else:
            own["valid_until"] = place["valid_until"]
            own["successors"] = [entry["id"]]
        entries.append(own)
    return entries


def _provincial_bodies(words: dict[str, str]) -> list[dict]:
    """Departments (current and merged by Decree 45/2025), Party bodies and mass organisations."""
    entries: list[dict] = []
    for unit_id, name, aliases in _DEPARTMENTS:
        entry = {"id": unit_id, "name": name.format(**words), "aliases": aliases, "type": "department"}
        if unit_id in _FORMED_BY_DECREE_45:
            entry["valid_from"] = _DECREE_45
        entries.append(entry)
    for unit_id, name, aliases, successors in _FORMER_DEPARTMENTS:
        entries.append(
            {
                "id": unit_id,
                "name": name.format(**words),
                "aliases": aliases,
                "type": "department",
                "valid_until": _LAST_OLD_DEPARTMENT_DAY,
                "successors": successors,
            }
        )
    for unit_id, name, aliases, kind in _OTHERS:
        entry = {"id": unit_id, "name": name.format(**words), "aliases": [a.format(**words) for a in aliases], "type": kind}
        if unit_id in _FORMED_BY_DECREE_45:
            entry["valid_from"] = _DECREE_45
        entries.append(entry)
    return entries


def _committees(localities: list[dict]) -> list[dict]:
    """The People's Committee of every commune and former district."""
    entries = []
    for place in localities:
        if place["type"] == "province":
            continue
        kind, _, rest = place["name"].partition(" ")
        if place["name"].startswith(("Thị xã ", "Thành phố ", "Đặc khu ")):
            kind, rest = " ".join(place["name"].split(" ")[:2]), " ".join(place["name"].split(" ")[2:])
        entry = {"id": f"ubnd-{place['id']}", "name": f"UBND {kind.lower()} {rest}", "type": "locality"}
        for key in ("valid_from", "valid_until"):
            if key in place:
                entry[key] = place[key]
        if "valid_until" in place:
            entry["successors"] = [f"ubnd-{s}" for s in place["successors"] if s != "toan-tinh"] or ["van-phong-ubnd"]
        entries.append(entry)
    return entries


def dump_entries(entries: list[dict], header: str) -> str:
    """`entries` as a vocabulary file in the style of hand-written ones: a comment `header`, one
    block per entry, lists on one line, dates unquoted."""
    import yaml  # only when writing files: reading uses the safe line-numbered parser

    def scalar(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, width=1000).removesuffix("\n...\n").strip()

    def flow_item(value: object) -> str:
        # Inside [a, b] a comma ends the item ("Sở Văn hóa, Thể thao và Du lịch"): quote such names.
        if isinstance(value, str) and any(c in value for c in ",[]{}"):
            return json.dumps(value, ensure_ascii=False)
        return scalar(value)

    out = ["".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())]
    for entry in entries:
        for i, (key, value) in enumerate(entry.items()):
            if isinstance(value, list):
                text = "[" + ", ".join(flow_item(v) for v in value) + "]"
            elif key in ("valid_from", "valid_until"):
                text = str(value)
            else:
                text = scalar(value)
            out.append(f"{'- ' if i == 0 else '  '}{key}: {text}\n")
    return "".join(out)
