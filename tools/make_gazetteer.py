#!/usr/bin/env python3
"""Write generator/defaults/gazetteer/vietnam.json: Vietnam's 34 provinces after 1 July 2025.

For every province of the two-level local government (Resolution 202/2025/QH15, effective
2025-07-01) the file lists its commune-level units (xã / phường / đặc khu), the former
provinces merged into it and the former district-level units of each, with the new
communes that succeeded each district.

Run once by a maintainer, never by the site build. The data comes from the PyPI package
``vietnam-provinces`` (GPL-3.0-or-later, needs Python >= 3.12), which must NOT become a
dependency of this MIT project: install it in a throwaway virtual environment::

    python3.12 -m venv /tmp/gazetteer-venv
    /tmp/gazetteer-venv/bin/pip install 'vietnam-provinces==2026.9.0'
    /tmp/gazetteer-venv/bin/python tools/make_gazetteer.py           # writes the file
    /tmp/gazetteer-venv/bin/python tools/make_gazetteer.py --check   # compares, writes nothing

The script refuses any other version of the package: after bumping PINNED_VERSION, check
the figures asserted in `sanity_checks` against an official source before committing.

How the file is derived (only facts are taken from the package, none of its code):

* provinces and communes: ``vietnam_provinces.Province`` / ``Ward`` (codes of the National
  Statistics Office, danhmuchanhchinh.nso.gov.vn);
* former provinces: the table of Resolution 202/2025/QH15 written below, cross-checked
  against the package's ward conversion table;
* former districts: ``vietnam_provinces.legacy.District`` (NSO list of 2025-01-04);
* successors of a district: every new commune that received all or part of one of the
  district's former communes (``vietnam_provinces._ward_conversion_2025.OLD_TO_NEW``), so a
  new commune formed from two districts succeeds both. Districts without any commune
  (island districts) are mapped by hand in HAND_MAPPED_DISTRICTS.

Output: sorted by code, codes as zero-padded strings (province 2 digits, district 3,
commune 5), names NFC with the type word first ("Xã Ba Tơ", "Huyện Bình Sơn"), one
commune or district per line. Two runs give the same bytes.

Names are the package's (NSO spelling, incl. "Hoà"/"Hòa" and "Đắk"/"Đăk" as published);
only the type word's case and whitespace are normalised. Package 2026.9.0 (data of
2026-09-20) already names Quảng Ninh, Bắc Ninh and Đồng Nai "Thành phố ..." (centrally
run cities by 2026 resolutions); on 2025-07-01 they were provinces ("Tỉnh ...").
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

PACKAGE = "vietnam-provinces"
PINNED_VERSION = "2026.9.0"
EFFECTIVE = "2025-07-01"
GENERATED_BY = "tools/make_gazetteer.py"
REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "generator" / "defaults" / "gazetteer" / "vietnam.json"

# Resolution 202/2025/QH15 of 12 June 2025 (arrangement of provincial-level units):
# new province code -> former province codes (pre-2025 NSO codes). The new province keeps
# the code of one of its former provinces. A province that did not merge lists itself.
RESOLUTION_202: dict[int, tuple[int, ...]] = {
    1: (1,),  # Thành phố Hà Nội
    4: (4,),  # Tỉnh Cao Bằng
    8: (2, 8),  # Tuyên Quang <- Hà Giang, Tuyên Quang
    11: (11,),  # Tỉnh Điện Biên
    12: (12,),  # Tỉnh Lai Châu
    14: (14,),  # Tỉnh Sơn La
    15: (10, 15),  # Lào Cai <- Lào Cai, Yên Bái
    19: (6, 19),  # Thái Nguyên <- Bắc Kạn, Thái Nguyên
    20: (20,),  # Tỉnh Lạng Sơn
    22: (22,),  # Quảng Ninh
    24: (24, 27),  # Bắc Ninh <- Bắc Giang, Bắc Ninh
    25: (17, 25, 26),  # Phú Thọ <- Hòa Bình, Phú Thọ, Vĩnh Phúc
    31: (30, 31),  # Hải Phòng <- Hải Dương, Hải Phòng
    33: (33, 34),  # Hưng Yên <- Hưng Yên, Thái Bình
    37: (35, 36, 37),  # Ninh Bình <- Hà Nam, Nam Định, Ninh Bình
    38: (38,),  # Tỉnh Thanh Hóa
    40: (40,),  # Tỉnh Nghệ An
    42: (42,),  # Tỉnh Hà Tĩnh
    44: (44, 45),  # Quảng Trị <- Quảng Bình, Quảng Trị
    46: (46,),  # Thành phố Huế
    48: (48, 49),  # Đà Nẵng <- Đà Nẵng, Quảng Nam
    51: (51, 62),  # Quảng Ngãi <- Quảng Ngãi, Kon Tum
    52: (52, 64),  # Gia Lai <- Bình Định, Gia Lai
    56: (56, 58),  # Khánh Hòa <- Khánh Hòa, Ninh Thuận
    66: (54, 66),  # Đắk Lắk <- Phú Yên, Đắk Lắk
    68: (60, 67, 68),  # Lâm Đồng <- Bình Thuận, Đắk Nông, Lâm Đồng
    75: (70, 75),  # Đồng Nai <- Bình Phước, Đồng Nai
    79: (74, 77, 79),  # Hồ Chí Minh <- Bình Dương, Bà Rịa - Vũng Tàu, Hồ Chí Minh
    80: (72, 80),  # Tây Ninh <- Tây Ninh, Long An
    82: (82, 87),  # Đồng Tháp <- Tiền Giang, Đồng Tháp
    86: (83, 84, 86),  # Vĩnh Long <- Bến Tre, Trà Vinh, Vĩnh Long
    91: (89, 91),  # An Giang <- An Giang, Kiên Giang
    92: (92, 93, 94),  # Cần Thơ <- Cần Thơ, Hậu Giang, Sóc Trăng
    96: (95, 96),  # Cà Mau <- Bạc Liêu, Cà Mau
}

# Former districts that had no commune-level unit (island districts governed directly
# by the district), so the ward conversion table cannot reach them: in the package these
# are exactly the legacy districts without wards, and the five đặc khu below are exactly
# the new communes without any former ward. Each district became the special zone
# (đặc khu) of the same name on 2025-07-01.
# district code -> (new commune code, expected district name, expected commune name)
HAND_MAPPED_DISTRICTS: dict[int, tuple[int, str, str]] = {
    318: (11948, "Huyện Bạch Long Vĩ", "Đặc khu Bạch Long Vĩ"),  # Hải Phòng
    471: (19742, "Huyện Cồn Cỏ", "Đặc khu Cồn Cỏ"),  # Quảng Trị
    498: (20333, "Huyện Hoàng Sa", "Đặc khu Hoàng Sa"),  # Đà Nẵng
    536: (21548, "Huyện Lý Sơn", "Đặc khu Lý Sơn"),  # Quảng Ngãi
    755: (26732, "Huyện Côn Đảo", "Đặc khu Côn Đảo"),  # Bà Rịa - Vũng Tàu -> Hồ Chí Minh
}
# Not hand-mapped because the conversion table covers them through their communes:
# Huyện Trường Sa (Thị trấn Trường Sa, Xã Song Tử Tây, Xã Sinh Tồn -> Đặc khu Trường Sa),
# Huyện Phú Quí, Huyện Cô Tô, Huyện Vân Đồn, Huyện Cát Hải, Huyện Kiên Hải, Thành phố Phú Quốc.

PROVINCE_TYPES = {"tỉnh": "Tỉnh", "thành phố trung ương": "Thành phố"}
COMMUNE_TYPES = {"xã": "Xã", "phường": "Phường", "đặc khu": "Đặc khu"}
DISTRICT_TYPES = {"huyện": "Huyện", "thị xã": "Thị xã", "thành phố": "Thành phố", "quận": "Quận"}


class GazetteerError(Exception):
    """The data does not hold together: nothing is written."""


def fold(text: str) -> str:
    """Lowercase, no diacritics, đ -> d: "Xã Ba Tơ" and "Xã Ba Tô" fold alike."""
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(c for c in text if unicodedata.category(c) != "Mn")


def typed_name(name: str, kind: str, prefixes: dict[str, str], fixes: list[str]) -> str:
    """NFC, single spaces, and the type word first in its usual case ("Thành phố", "Xã")."""
    clean = re.sub(r"\s+", " ", unicodedata.normalize("NFC", name)).strip()
    prefix = prefixes[kind]
    if clean.lower().startswith(prefix.lower() + " "):
        clean = prefix + clean[len(prefix):]
    else:
        clean = f"{prefix} {clean}"
    if clean != name:
        fixes.append(f"{name!r} -> {clean!r}")
    return clean


def load_package():
    """Import the pinned package; refuse any other version."""
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        raise GazetteerError(f"{PACKAGE} is not installed: pip install '{PACKAGE}=={PINNED_VERSION}'") from None
    if version != PINNED_VERSION:
        raise GazetteerError(
            f"{PACKAGE} {version} is installed, this script is pinned to {PINNED_VERSION}; "
            "install the pinned version, or bump the pin and re-check the asserted figures"
        )
    import vietnam_provinces as vp
    from vietnam_provinces import legacy
    from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW
    from vietnam_provinces._province_conversion_2025 import NEW_TO_OLD as PROVINCE_NEW_TO_OLD

    return vp, legacy, OLD_TO_NEW, PROVINCE_NEW_TO_OLD


def build() -> tuple[dict, list[str]]:
    vp, legacy, ward_old_to_new, province_new_to_old = load_package()
    notes: list[str] = []
    fixes: list[str] = []

    provinces = {p.code.value: p for p in vp.Province.iter_all()}
    communes = {w.code.value: w for w in vp.Ward.iter_all()}
    old_provinces = {p.code.value: p for p in legacy.Province.iter_all()}
    old_districts = {d.code.value: d for d in legacy.District.iter_all()}

    # --- former provinces: Resolution 202, checked against the ward conversion table ---
    if set(RESOLUTION_202) != set(provinces):
        raise GazetteerError(f"province codes differ from Resolution 202: {sorted(set(RESOLUTION_202) ^ set(provinces))}")
    new_of_old: dict[int, int] = {}
    for new, olds in RESOLUTION_202.items():
        for old in olds:
            if old in new_of_old:
                raise GazetteerError(f"former province {old} listed twice in RESOLUTION_202")
            new_of_old[old] = new
    if set(new_of_old) != set(old_provinces):
        raise GazetteerError(f"former provinces differ: {sorted(set(new_of_old) ^ set(old_provinces))}")
    for new, entry in sorted(province_new_to_old.items()):
        listed = sorted(o.code for o in entry.old_provinces)
        if listed != sorted(RESOLUTION_202[new]):
            notes.append(
                f"package province table lists {listed} for {new}, Resolution 202 says "
                f"{sorted(RESOLUTION_202[new])} (kept the resolution)"
            )

    # --- successors: ward conversion table, grouped by the former district ---
    successors: dict[int, set[int]] = defaultdict(set)
    for old_code, entry in ward_old_to_new.items():
        ref = entry.old_ward
        district = old_districts.get(ref.district_code)
        if district is None:
            raise GazetteerError(f"old ward {old_code}: unknown district {ref.district_code}")
        old_province = district.province_code.value
        if ref.province_code != old_province:
            notes.append(
                f"conversion table gives old ward {old_code} ({district.name}) province "
                f"{ref.province_code}, its district is in {old_province} (kept the district's)"
            )
        for new in entry.new_wards:
            commune = communes.get(new.code)
            if commune is None:
                raise GazetteerError(f"old ward {old_code} -> unknown commune {new.code}")
            if commune.province_code.value != new_of_old[old_province]:
                raise GazetteerError(
                    f"old ward {old_code} of {district.name} ({old_province}) -> {commune.name} "
                    f"in province {commune.province_code.value}, not {new_of_old[old_province]}"
                )
            successors[ref.district_code].add(new.code)
    for district_code, (commune_code, district_name, commune_name) in HAND_MAPPED_DISTRICTS.items():
        district, commune = old_districts[district_code], communes[commune_code]
        if (district.name, commune.name, commune.division_type.value) != (district_name, commune_name, "đặc khu"):
            raise GazetteerError(f"hand map {district_code} -> {commune_code}: {district.name} -> {commune.name}")
        if successors.get(district_code):
            raise GazetteerError(f"{district.name} is hand-mapped but the conversion table covers it")
        if commune.province_code.value != new_of_old[district.province_code.value]:
            raise GazetteerError(f"hand map {district.name} -> {commune.name} crosses provinces")
        successors[district_code].add(commune_code)
    orphans = [f"{d.code.value} {d.name}" for d in old_districts.values() if not successors.get(d.code.value)]
    if orphans:
        raise GazetteerError(f"former districts without successor: {orphans}")
    succeeded = set().union(*successors.values())
    if succeeded != set(communes):
        raise GazetteerError(f"communes succeeding no former district: {sorted(set(communes) - succeeded)}")

    # --- the records ---
    districts_by_province: dict[int, list] = defaultdict(list)
    for district in old_districts.values():
        districts_by_province[district.province_code.value].append(district)
    communes_by_province: dict[int, list] = defaultdict(list)
    for commune in communes.values():
        communes_by_province[commune.province_code.value].append(commune)

    out_provinces = []
    for code in sorted(provinces):
        province = provinces[code]
        former = []
        for old_code in sorted(RESOLUTION_202[code]):
            old = old_provinces[old_code]
            former.append(
                {
                    "code": f"{old_code:02d}",
                    "name": typed_name(old.name, old.division_type.value, PROVINCE_TYPES, fixes),
                    "type": old.division_type.value,
                    "districts": [
                        {
                            "code": f"{d.code.value:03d}",
                            "name": typed_name(d.name, d.division_type.value, DISTRICT_TYPES, fixes),
                            "type": d.division_type.value,
                            "successors": [f"{c:05d}" for c in sorted(successors[d.code.value])],
                        }
                        for d in sorted(districts_by_province[old_code], key=lambda d: d.code.value)
                    ],
                }
            )
        out_provinces.append(
            {
                "code": f"{code:02d}",
                "name": typed_name(province.name, province.division_type.value, PROVINCE_TYPES, fixes),
                "type": province.division_type.value,
                "communes": [
                    {
                        "code": f"{w.code.value:05d}",
                        "name": typed_name(w.name, w.division_type.value, COMMUNE_TYPES, fixes),
                        "type": w.division_type.value,
                    }
                    for w in sorted(communes_by_province[code], key=lambda w: w.code.value)
                ],
                "former_provinces": former,
            }
        )
    data = {
        "source": {"package": PACKAGE, "version": vp.__version__, "data_version": vp.__data_version__},
        "generated_by": GENERATED_BY,
        "effective": EFFECTIVE,
        "provinces": out_provinces,
    }
    notes.extend(f"name normalised: {fix}" for fix in fixes)
    return data, notes


def sanity_checks(data: dict) -> list[str]:
    """Assert the published figures; return the lines to print."""
    lines = []
    provinces = {p["code"]: p for p in data["provinces"]}
    by_name = {p["name"]: p for p in data["provinces"]}
    all_communes = {c["code"]: c for p in data["provinces"] for c in p["communes"]}

    def expect(what: str, got, want) -> None:
        if got != want:
            raise GazetteerError(f"{what}: dataset gives {got!r}, expected {want!r}")
        lines.append(f"ok  {what}: {got}")

    expect("provinces", len(provinces), 34)
    expect("commune-level units", len(all_communes), 3321)
    for pname, total in (("Tỉnh Quảng Ngãi", 96), ("Tỉnh Khánh Hòa", 65), ("Thành phố Cần Thơ", 103)):
        expect(f"{pname} communes", len(by_name[pname]["communes"]), total)
    kinds = defaultdict(int)
    for c in by_name["Tỉnh Quảng Ngãi"]["communes"]:
        kinds[c["type"]] += 1
    expect("Tỉnh Quảng Ngãi xã/phường/đặc khu", (kinds["xã"], kinds["phường"], kinds["đặc khu"]), (86, 9, 1))
    for code, name in (
        ("21484", "Xã Ba Tơ"),
        ("21523", "Xã Ba Tô"),
        ("21548", "Đặc khu Lý Sơn"),
        ("23293", "Phường Kon Tum"),
        ("21040", "Xã Bình Sơn"),
        ("21061", "Xã Vạn Tường"),
    ):
        expect(f"commune {code}", all_communes[code]["name"], name)
    quang_ngai = by_name["Tỉnh Quảng Ngãi"]
    qn_codes = {c["name"]: c["code"] for c in quang_ngai["communes"]}
    binh_son = [d for f in quang_ngai["former_provinces"] for d in f["districts"] if d["name"] == "Huyện Bình Sơn"]
    expect("Huyện Bình Sơn records", len(binh_son), 1)
    wanted = ["Xã Bình Sơn", "Xã Vạn Tường", "Xã Bình Minh", "Xã Bình Chương", "Xã Đông Sơn"]
    missing = [n for n in wanted if qn_codes.get(n) not in binh_son[0]["successors"]]
    expect("Huyện Bình Sơn successors missing among " + ", ".join(wanted), missing, [])

    # Names that must not collide, and names that differ only by diacritics.
    for p in data["provinces"]:
        names = [c["name"] for c in p["communes"]]
        if len(set(names)) != len(names):
            raise GazetteerError(f"{p['name']}: two communes share a name")
    for p in data["provinces"]:
        for f in p["former_provinces"]:
            names = [d["name"] for d in f["districts"]]
            if len(set(names)) != len(names):
                raise GazetteerError(f"{f['name']}: two districts share a name")
    return lines


def diacritic_pairs(data: dict) -> list[tuple[str, str, str]]:
    """(province, name, name) for communes of one province whose names fold alike."""
    pairs = []
    for p in data["provinces"]:
        groups = defaultdict(list)
        for c in p["communes"]:
            groups[fold(c["name"])].append(c)
        for group in groups.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    pairs.append((p["name"], f"{a['code']} {a['name']}", f"{b['code']} {b['name']}"))
    return pairs


def render(data: dict) -> str:
    """Stable JSON text: header fields one per line, then one commune / district per line."""

    def dump(value) -> str:
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    out = ["{"]
    for key in ("source", "generated_by", "effective"):
        out.append(f"{dump(key)}:{dump(data[key])},")
    out.append('"provinces":[')
    for pi, p in enumerate(data["provinces"]):
        head = {k: p[k] for k in ("code", "name", "type")}
        out.append(dump(head)[:-1] + ',"communes":[')
        out.extend(dump(c) + ("," if i < len(p["communes"]) - 1 else "") for i, c in enumerate(p["communes"]))
        out.append('],"former_provinces":[')
        for fi, f in enumerate(p["former_provinces"]):
            fhead = {k: f[k] for k in ("code", "name", "type")}
            out.append(dump(fhead)[:-1] + ',"districts":[')
            out.extend(dump(d) + ("," if i < len(f["districts"]) - 1 else "") for i, d in enumerate(f["districts"]))
            out.append("]}" + ("," if fi < len(p["former_provinces"]) - 1 else ""))
        out.append("]}" + ("," if pi < len(data["provinces"]) - 1 else ""))
    out.append("]}")
    text = "\n".join(out) + "\n"
    if json.loads(text) != data:
        raise GazetteerError("rendered JSON does not read back as the data")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help=f"default: {OUTPUT.relative_to(REPO)}")
    parser.add_argument("--check", action="store_true", help="compare with the existing file, write nothing")
    args = parser.parse_args(argv)
    if sys.version_info < (3, 12):
        print(f"{PACKAGE} needs Python >= 3.12 (see the docstring)", file=sys.stderr)
        return 2
    try:
        data, notes = build()
        lines = sanity_checks(data)
        text = render(data)
    except GazetteerError as error:
        print(f"make_gazetteer: FAILED: {error}", file=sys.stderr)
        return 1

    for note in notes:
        print(f"note: {note}")
    for line in lines:
        print(line)
    for p in data["provinces"]:
        if p["name"] in ("Tỉnh Quảng Ngãi", "Tỉnh Khánh Hòa", "Thành phố Cần Thơ"):
            former = ", ".join(f"{f['name']} ({len(f['districts'])} districts)" for f in p["former_provinces"])
            print(f"{p['name']}: {len(p['communes'])} communes; former: {former}")
    former_total = sum(len(p["former_provinces"]) for p in data["provinces"])
    district_total = sum(len(f["districts"]) for p in data["provinces"] for f in p["former_provinces"])
    print(f"nationwide: {former_total} former provinces, {district_total} former districts")
    for district_code, (commune_code, district_name, commune_name) in sorted(HAND_MAPPED_DISTRICTS.items()):
        print(f"hand-mapped: {district_code:03d} {district_name} -> {commune_code:05d} {commune_name}")
    pairs = diacritic_pairs(data)
    for province, a, b in pairs:
        print(f"differ only by diacritics: {province}: {a} / {b}")
    print(f"pairs differing only by diacritics: {len(pairs)}")

    encoded = text.encode("utf-8")
    if args.check:
        same = args.output.exists() and args.output.read_bytes() == encoded
        print(f"{args.output}: {'up to date' if same else 'DIFFERS'}")
        return 0 if same else 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(encoded)
    print(f"wrote {args.output} ({len(encoded):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
