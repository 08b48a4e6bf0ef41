"""The default vocabularies and the matcher: every spelling an officer may use finds its entry."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import unicodedata
from pathlib import Path

import pytest

from conftest import SiteProject, valid_story
from generator.core.text import match_key
from generator.core.vocabulary import Vocabulary
from generator.load.vocabulary import load_vocabulary

BEFORE = dt.date(2024, 5, 19)
"""A day of the district level: names are matched as of a story's date."""
AFTER_REFORM = dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    vocabulary, problems = load_vocabulary()
    assert problems == []
    return vocabulary


# Canonical names exactly as the issue (and so the officers' files) writes them.
MOVEMENTS = [
    "Cả nước chung sức xây dựng nông thôn mới",
    "Doanh nghiệp Việt Nam hội nhập và phát triển",
    "Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh",
    "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập",
    "Thi đua Quyết thắng",
    "Vì an ninh Tổ quốc",
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Cả nước chung tay vì người nghèo - Không để ai bị bỏ lại phía sau",
    "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở",
    "Thực hiện Chương trình chuyển đổi số quốc gia",
    "Dân vận khéo",
    "Thi đua cải cách hành chính",
    "Cả nước đoàn kết, chung sức, đồng lòng thi đua phòng, chống và chiến thắng đại dịch Covid-19",
    "Nông dân sản xuất, kinh doanh giỏi",
]
FIELDS = [
    "Sản xuất - Kinh doanh",
    "Nông nghiệp - Nông thôn mới",
    "Giáo dục - Đào tạo",
    "Y tế",
    "Văn hóa - Thể thao",
    "Quốc phòng - An ninh",
    "Khoa học - Công nghệ",
    "Xây dựng Đảng, đoàn thể",
    "Hành chính nhà nước",
    "Vận động quần chúng",
    "Lao động - Thương binh và Xã hội",
    "Người tốt, việc tốt",
]
# As the issue lists them (its prefixes vary), with the id each must reach.
DISTRICTS = {
    "Thành phố Quảng Ngãi": "thanh-pho-quang-ngai",
    "Thị xã Đức Phổ": "duc-pho",
    "huyện Bình Sơn": "binh-son",
    "Sơn Tịnh": "son-tinh",
    "Tư Nghĩa": "tu-nghia",
    "Nghĩa Hành": "nghia-hanh",
    "Mộ Đức": "mo-duc",
    "Minh Long": "minh-long",
    "Ba Tơ": "ba-to",
    "Sơn Hà": "son-ha",
    "Sơn Tây": "son-tay",
    "Trà Bồng": "tra-bong",
    "Lý Sơn": "ly-son",
}
UNITS = [
    "Sở Nội vụ",
    "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Lao động - Thương binh và Xã hội",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Khoa học và Công nghệ",
    "Sở Thông tin và Truyền thông",
    "Công an tỉnh",
    "Bộ Chỉ huy Quân sự tỉnh",
    "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
    "Ban Tuyên giáo Tỉnh ủy",
    "Ủy ban MTTQ Việt Nam tỉnh",
    "Liên đoàn Lao động tỉnh",
    "Tỉnh đoàn",
    "Hội Liên hiệp Phụ nữ tỉnh",
    "Hội Nông dân tỉnh",
    "Hội Cựu chiến binh tỉnh",
]
# "UBND huyện/thị xã/thành phố X" for each district.
LOCAL_UNITS = [
    "UBND thành phố Quảng Ngãi",
    "UBND thị xã Đức Phổ",
    *(f"UBND huyện {name}" for name in list(DISTRICTS)[3:]),
    "UBND huyện Bình Sơn",
]


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# -- the defaults --------------------------------------------------------------------------


def test_defaults_load_without_problems() -> None:
    _, problems = load_vocabulary()
    assert [p.format() for p in problems] == []


def test_counts(vocab: Vocabulary) -> None:
    assert len(vocab.movements.terms) == 14
    assert len(vocab.fields.terms) == 12
    places = vocab.localities.terms
    # Resolution 1677/NQ-UBTVQH15: 96 communes (86 xã, 9 phường, 1 đặc khu); 13 + 10 former
    # districts of Quảng Ngãi and Kon Tum; Tỉnh Kon Tum; the province as a whole.
    assert Counter(p.type for p in places if p.level == "commune") == {"commune": 86, "ward": 9, "special_zone": 1}
    assert len([p for p in places if p.level == "district"]) == 23
    assert {p.id for p in places if p.level == "province"} == {"toan-tinh", "tinh-kon-tum"}
    assert len(vocab.units.terms) >= len(UNITS) + len(DISTRICTS)


def test_ids_are_ascii_slugs(vocab: Vocabulary) -> None:
    for axis in (vocab.movements, vocab.fields, vocab.units, vocab.localities):
        for term in axis.terms:
            assert term.id.isascii() and term.id == term.id.lower() and " " not in term.id, term.id


@pytest.mark.parametrize("name", MOVEMENTS)
def test_movement_names_resolve_to_themselves(vocab: Vocabulary, name: str) -> None:
    term = vocab.movements.lookup(name).term
    assert term is not None and term.name == name


@pytest.mark.parametrize("name", FIELDS)
def test_field_names_resolve_to_themselves(vocab: Vocabulary, name: str) -> None:
    term = vocab.fields.lookup(name).term
    assert term is not None and term.name == name


@pytest.mark.parametrize("name", UNITS + LOCAL_UNITS)
def test_unit_names_resolve_to_themselves(vocab: Vocabulary, name: str) -> None:
    term = vocab.units.lookup(name).term
    assert term is not None and match_key(term.name) == match_key(name)


@pytest.mark.parametrize(("name", "id"), DISTRICTS.items())
def test_district_names_resolve(vocab: Vocabulary, name: str, id: str) -> None:
    term = vocab.localities.lookup(name, BEFORE).term
    assert term is not None and term.id == id
    assert term.valid_until is not None and term.valid_until.isoformat() == "2025-06-30"
    # each former district names the communes that took over its land (Resolution 1677/NQ-UBTVQH15)
    successors = [vocab.localities.by_id[s] for s in term.successors]
    assert successors and all(s.level == "commune" and s.valid_from == AFTER_REFORM for s in successors)
    assert all(term.id in s.predecessors for s in successors)


def test_province_wide_entry(vocab: Vocabulary) -> None:
    province = vocab.localities.by_id["toan-tinh"]
    assert province.name == "Toàn tỉnh"
    assert "Tỉnh Quảng Ngãi" in province.aliases
    assert province.valid_until is None


@pytest.mark.parametrize("district", DISTRICTS.values())
def test_every_district_has_its_people_committee(vocab: Vocabulary, district: str) -> None:
    name = vocab.localities.by_id[district].name
    unit = vocab.units.lookup(f"UBND {name}", BEFORE).term
    assert unit is not None and unit.type == "locality"
    assert match_key(unit.name) == match_key(f"UBND {name}")


def test_movement_lead_units_and_targets(vocab: Vocabulary) -> None:
    """Khánh Hòa plan 12065/KH-UBND as digested in DOMAIN.md."""
    by_id = vocab.movements.by_id
    assert by_id["nong-thon-moi"].lead_unit == "so-nong-nghiep"
    assert dict((k.value, n) for k, n in by_id["nong-thon-moi"].targets) == {"tập thể": 10, "cá nhân": 10}
    assert dict((k.value, n) for k, n in by_id["nong-dan-gioi"].targets) == {"hộ gia đình": 20}
    assert by_id["doanh-nghiep-hoi-nhap"].lead_unit == "lien-doan-lao-dong"
    for movement in vocab.movements.terms:
        assert movement.lead_unit is None or movement.lead_unit in vocab.units.by_id


# -- matching ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "id"),
    [
        ("Huyện Bình Sơn", "binh-son"),
        ("huyện Bình Sơn", "binh-son"),
        ("Bình Sơn", "binh-son"),
        ("BÌNH  SƠN", "binh-son"),
        (" Bình\u00a0Sơn ", "binh-son"),
        (nfd("Huyện Bình Sơn"), "binh-son"),
        ("binh-son", "binh-son"),
        ("TP. Quảng Ngãi", "thanh-pho-quang-ngai"),
        ("TP Quảng Ngãi", "thanh-pho-quang-ngai"),
        ("thành phố Quảng Ngãi", "thanh-pho-quang-ngai"),
        ("Thị xã Đức Phổ", "duc-pho"),
        ("TX. Đức Phổ", "duc-pho"),
        ("Đức Phổ", "duc-pho"),
        ("\u00d0ức Phổ", "duc-pho"),  # Icelandic eth from a PDF
        ("Tỉnh Quảng Ngãi", "toan-tinh"),
        ("tỉnh Quảng Ngãi", "toan-tinh"),
        ("Toàn tỉnh", "toan-tinh"),
        ("Huyện Trà Bồng", "tra-bong"),
        ("Huyện Ba Tơ", "ba-to"),
    ],
)
def test_district_variants(vocab: Vocabulary, value: str, id: str) -> None:
    found = vocab.localities.lookup(value, BEFORE)
    assert found.term is not None, found
    assert found.term.id == id


def test_bare_quang_ngai_is_ambiguous(vocab: Vocabulary) -> None:
    found = vocab.localities.lookup("Quảng Ngãi", BEFORE)
    assert found.term is None
    assert {t.id for t in found.candidates} == {"thanh-pho-quang-ngai", "toan-tinh"}


@pytest.mark.parametrize("district", DISTRICTS)
@pytest.mark.parametrize(
    "committee",
    ["UBND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "ỦY BAN NHÂN DÂN", nfd("Ủy ban nhân dân"), "ubnd"],
)
def test_people_committee_spellings(vocab: Vocabulary, committee: str, district: str) -> None:
    expected = vocab.units.lookup(f"UBND {vocab.localities.lookup(district, BEFORE).term.name}", BEFORE).term  # type: ignore[union-attr]
    assert expected is not None
    prefix = {"thanh-pho-quang-ngai": "thành phố", "duc-pho": "thị xã"}.get(DISTRICTS[district], "huyện")
    bare = district.removeprefix("huyện ").removeprefix("Thành phố ").removeprefix("Thị xã ")
    assert vocab.units.lookup(f"{committee} {prefix} {bare}", BEFORE).term == expected


@pytest.mark.parametrize(
    ("axis", "value", "id"),
    [
        ("movements", "Sản xuất - kinh doanh", "doanh-nghiep-hoi-nhap"),
        ("movements", "Quảng Ngãi chung sức xây dựng nông thôn mới", "nong-thon-moi"),
        ("movements", "quảng ngãi chung sức xây dựng nông thôn mới", "nong-thon-moi"),
        ("movements", nfd("Cả nước chung sức xây dựng nông thôn mới"), "nong-thon-moi"),
        ("movements", "Cả nước chung sức xây dựng nông thôn mới.", "nong-thon-moi"),
        ("movements", "Nông dân sản xuất, kinh doanh giỏi", "nong-dan-gioi"),
        ("movements", "Cán bộ, công chức, viên chức thi đua thực hiện văn hoá công sở", "van-hoa-cong-so"),
        ("fields", "Sản xuất - Kinh doanh", "san-xuat-kinh-doanh"),
        ("fields", "Văn hoá - Thể thao", "van-hoa-the-thao"),
        ("units", "Sở NN&PTNT", "so-nong-nghiep"),
        ("units", "Ban Tuyên giáo Tỉnh uỷ", "ban-tuyen-giao"),
        ("units", "Uỷ ban MTTQ Việt Nam tỉnh", "mat-tran-to-quoc"),
        ("units", "Sở Văn hoá, Thể thao và Du lịch", "so-van-hoa"),
        ("units", "Bộ Chỉ huy Quân sự tỉnh", "bo-chi-huy-quan-su"),
    ],
)
def test_aliases_and_spellings(vocab: Vocabulary, axis: str, value: str, id: str) -> None:
    term = vocab.axis(axis).lookup(value).term
    assert term is not None, value
    assert term.id == id


@pytest.mark.parametrize(
    ("axis", "value"),
    [
        ("districts", "Sơn Tinh"),
        ("districts", "Binh Son"),
        ("districts", "Huyện Bình"),
        ("movements", "Nông thôn"),
        ("fields", "Y te"),
        ("units", "Tỉnh"),
    ],
)
def test_diacritics_still_matter(vocab: Vocabulary, axis: str, value: str) -> None:
    assert vocab.axis(axis).lookup(value).term is None


def test_unknown_suggests_closest(vocab: Vocabulary) -> None:
    found = vocab.localities.lookup("Sơn Tinh", BEFORE)
    assert found.term is None and not found.candidates
    assert found.suggestions[0] == "Huyện Sơn Tịnh"
    assert vocab.localities.lookup("Sơn Tinh", AFTER_REFORM).suggestions[0] == "Xã Sơn Tịnh"


def test_unknown_without_diacritics_suggests_entry(vocab: Vocabulary) -> None:
    assert "Huyện Bình Sơn" in vocab.localities.lookup("Binh Son").suggestions


def test_nothing_close_suggests_nothing(vocab: Vocabulary) -> None:
    assert vocab.localities.lookup("Hà Nội").suggestions == ()


def test_sorted_is_vietnamese_order(vocab: Vocabulary) -> None:
    quang_ngai_districts = [t for t in vocab.localities.sorted() if t.level != "commune" and t.id != "tinh-kon-tum"]
    assert [t.name for t in quang_ngai_districts if t.id in DISTRICTS.values() or t.id == "toan-tinh"] == [
        "Huyện Ba Tơ",
        "Huyện Bình Sơn",
        "Huyện Lý Sơn",
        "Huyện Minh Long",
        "Huyện Mộ Đức",  # i < o
        "Huyện Nghĩa Hành",
        "Huyện Sơn Hà",
        "Huyện Sơn Tây",  # â < i
        "Huyện Sơn Tịnh",
        "Huyện Trà Bồng",  # r < ư
        "Huyện Tư Nghĩa",
        "Thành phố Quảng Ngãi",
        "Thị xã Đức Phổ",
        "Toàn tỉnh",
    ]


# -- custom vocabularies and their errors --------------------------------------------------

CUSTOM_DISTRICTS = """\
# Đơn vị hành chính sau ngày 1/7/2025 (thử nghiệm)
- id: toan-tinh
  name: Toàn tỉnh
  type: province
- id: phuong-cam-thanh
  name: Phường Cẩm Thành
  aliases: [Cẩm Thành]
  type: ward
  valid_from: 2025-07-01
"""


def test_custom_folder_overrides_one_file(tmp_path: Path) -> None:
    folder = tmp_path / "danh-muc"
    folder.mkdir()
    (folder / "districts.yml").write_text(CUSTOM_DISTRICTS, encoding="utf-8")
    vocabulary, problems = load_vocabulary(folder, tmp_path)
    assert problems == []
    assert [t.id for t in vocabulary.localities.terms] == ["toan-tinh", "phuong-cam-thanh"]
    assert vocabulary.localities.lookup("cẩm thành").term.id == "phuong-cam-thanh"  # type: ignore[union-attr]
    assert vocabulary.localities.lookup("Huyện Bình Sơn").term is None
    # the other three axes still come from the defaults
    assert len(vocabulary.movements.terms) == 14
    assert len(vocabulary.fields.terms) == 12


def test_custom_folder_through_mkdocs_yml(project: SiteProject) -> None:
    yml = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    yml = yml.replace("  - exemplars\n", "  - exemplars:\n      vocabulary_dir: du-lieu/danh-muc\n")
    (project.root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    project.add_file("du-lieu/danh-muc/districts.yml", CUSTOM_DISTRICTS)
    project.add_story("moi.md", valid_story(district="Phường Cẩm Thành", unit="Sở Nội vụ", date="15/08/2025"))
    project.add_story("cu.md", valid_story(title="Bài cũ", district="Huyện Bình Sơn"))
    result = project.check()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'exemplars/cu.md:8: error: địa bàn "Huyện Bình Sơn" không có trong danh mục. '
        "Xem danh mục bằng lệnh: exemplars vocab localities"
    ]


def _vocab_problems(tmp_path: Path, name: str, text: str) -> list[tuple[str, int, str]]:
    folder = tmp_path / "danh-muc"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    _, problems = load_vocabulary(folder, tmp_path)
    return [(p.path, p.line, p.code) for p in problems]


def test_duplicate_id(tmp_path: Path) -> None:
    text = "- id: y-te\n  name: Y tế\n- id: giao-duc\n  name: Giáo dục\n- id: y-te\n  name: Sức khỏe\n"
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 5, "vocab.duplicate_id")]


def test_duplicate_id_message_names_first_line(tmp_path: Path) -> None:
    folder = tmp_path / "danh-muc"
    folder.mkdir()
    (folder / "fields.yml").write_text("- id: y-te\n  name: Y tế\n- id: y-te\n  name: Sức khỏe\n", encoding="utf-8")
    _, [problem] = load_vocabulary(folder, tmp_path)
    assert problem.format() == 'danh-muc/fields.yml:3: error: mã "y-te" bị dùng hai lần trong danh mục (lần đầu ở dòng 1).'


def test_name_clash_between_entries(tmp_path: Path) -> None:
    text = (
        "- id: y-te\n"
        "  name: Y tế\n"
        "- id: suc-khoe\n"
        "  name: Sức khỏe\n"
        "  aliases:\n"
        "    - Chăm sóc sức khỏe\n"
        "    - Y TẾ\n"  # the same name as line 2, up to case
    )
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 7, "vocab.name_clash")]


def test_name_clash_up_to_tone_placement(tmp_path: Path) -> None:
    text = "- id: a\n  name: Khánh Hòa\n- id: b\n  name: Khánh Hoà\n"
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 4, "vocab.name_clash")]


def test_bad_lead_unit_reference(tmp_path: Path) -> None:
    text = (
        "- id: dan-van-kheo\n"
        "  name: Dân vận khéo\n"
        "  period_start: 2021\n"
        "  lead_unit: ban-khong-co\n"  # no such unit
    )
    problems = _vocab_problems(tmp_path, "movements.yml", text)
    assert problems == [("danh-muc/movements.yml", 4, "vocab.bad_reference")]


def test_bad_successor_reference(tmp_path: Path) -> None:
    text = "- id: x\n  name: Huyện X\n  type: district\n  successors: [khong-co]\n"
    assert _vocab_problems(tmp_path, "districts.yml", text) == [("danh-muc/districts.yml", 4, "vocab.bad_reference")]


@pytest.mark.parametrize(
    "text",
    ["id: y-te\nname: Y tế\n", "Y tế\n", "", "# chỉ có chú thích\n"],
    ids=["mapping", "scalar", "empty", "comment-only"],
)
def test_file_that_is_not_a_list(tmp_path: Path, text: str) -> None:
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 1, "vocab.not_list")]


def test_entry_that_is_not_a_mapping(tmp_path: Path) -> None:
    text = "- id: y-te\n  name: Y tế\n- Giáo dục\n"
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 3, "vocab.not_list")]


def test_entry_missing_name_and_bad_date(tmp_path: Path) -> None:
    text = "- id: x\n  type: district\n- id: y\n  name: Huyện Y\n  type: district\n  valid_until: 31/02/2025\n"
    assert _vocab_problems(tmp_path, "districts.yml", text) == [
        ("danh-muc/districts.yml", 1, "vocab.entry_field"),
        ("danh-muc/districts.yml", 6, "vocab.entry_field"),
    ]


def test_vocabulary_yaml_error_has_its_line(tmp_path: Path) -> None:
    text = "- id: y-te\n  name: Y tế\n- id: giao-duc\n  name: Giáo dục: đào tạo\n"
    assert _vocab_problems(tmp_path, "fields.yml", text) == [("danh-muc/fields.yml", 4, "yaml.syntax")]


def test_vocabulary_problems_reach_exemplars_check(project: SiteProject) -> None:
    yml = (project.root / "mkdocs.yml").read_text(encoding="utf-8")
    (project.root / "mkdocs.yml").write_text(
        yml.replace("  - exemplars\n", "  - exemplars:\n      vocabulary_dir: danh-muc\n"), encoding="utf-8"
    )
    project.add_file("danh-muc/fields.yml", "- id: y-te\n  name: Y tế\n- id: y-te\n  name: Sức khỏe\n")
    result = project.check()
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'danh-muc/fields.yml:3: error: mã "y-te" bị dùng hai lần trong danh mục (lần đầu ở dòng 1).'
    ]
