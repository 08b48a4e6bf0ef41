"""What a valid story becomes (generator.validate.story through load_project), field by field."""

from __future__ import annotations

import datetime as dt
import unicodedata

from conftest import Raw, SiteProject, tiny_jpeg, valid_story
from generator.core.model import Kind, Status, Story
from generator.validate.project import Project, load_project
from generator.core.settings import Settings


def load(project: SiteProject) -> Project:
    return load_project(Settings(root=project.root), cwd=project.root)


def only_story(project: SiteProject) -> Story:
    loaded = load(project)
    assert [p.format() for p in loaded.problems] == []
    [story] = loaded.stories
    return story


def test_minimal_story(project: SiteProject) -> None:
    project.add_story("2023/ong-hoa.md")
    story = only_story(project)
    assert story.source == "exemplars/2023/ong-hoa.md"
    assert story.path == project.root / "exemplars/2023/ong-hoa.md"
    assert story.title == "Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn"
    assert story.slug == "ong-nguyen-van-hoa-30-nam-giu-rung-dau-nguon"
    assert story.kind is Kind.INDIVIDUAL
    assert [m.id for m in story.movements] == ["nong-thon-moi"]
    assert (story.field.id, story.unit.id, story.locality.id) == ("nong-nghiep-nong-thon", "ubnd-binh-son", "binh-son")
    assert story.date == dt.date(2023, 5, 19)
    assert story.status is Status.PUBLISHED
    assert story.featured is False
    assert story.image is None and story.awards == () and story.tags == ()
    assert story.body_line == 11
    assert story.body.lstrip().startswith("Ông Hòa đã hiến 500 m² đất")
    assert story.lines["date"] == 9


def test_every_optional_field(project: SiteProject) -> None:
    project.add_file("exemplars/2023/anh/ong-hoa.jpg", tiny_jpeg())
    project.add_story(
        "2023/ong-hoa.md",
        valid_story(
            movement=["Quảng Ngãi chung sức xây dựng nông thôn mới", "Sản xuất - kinh doanh"],
            summary="Hiến đất, mở đường, giúp hộ nghèo.",
            image={"src": "anh/ong-hoa.jpg", "alt": "Ông Hòa bên rừng keo", "caption": "Ông Hòa", "credit": "Báo Quảng Ngãi"},
            awards=[
                {"name": "Bằng khen của Chủ tịch UBND tỉnh", "year": "2023", "decision": "1234/QĐ-UBND"},
                "Giấy khen của UBND huyện Bình Sơn",
            ],
            tags=["hiến đất", "rừng đầu nguồn"],
            slug="ong-hoa-giu-rung",
            status="nominee",
            consultation_until="30/06/2023",
            source_url="https://baoquangngai.vn/bai-viet/ong-hoa.htm",
            author="Phòng Văn hóa - Thông tin huyện Bình Sơn",
            featured="true",
        ),
    )
    story = only_story(project)
    assert [m.id for m in story.movements] == ["nong-thon-moi", "doanh-nghiep-hoi-nhap"]
    assert story.summary == "Hiến đất, mở đường, giúp hộ nghèo."
    assert story.image is not None
    assert story.image.src == "anh/ong-hoa.jpg"
    assert story.image.path == (project.root / "exemplars/2023/anh/ong-hoa.jpg").resolve()
    assert (story.image.alt, story.image.caption, story.image.credit) == ("Ông Hòa bên rừng keo", "Ông Hòa", "Báo Quảng Ngãi")
    assert [(a.name, a.year, a.decision) for a in story.awards] == [
        ("Bằng khen của Chủ tịch UBND tỉnh", 2023, "1234/QĐ-UBND"),
        ("Giấy khen của UBND huyện Bình Sơn", None, ""),
    ]
    assert story.tags == ("hiến đất", "rừng đầu nguồn")
    assert story.slug == "ong-hoa-giu-rung"
    assert story.status is Status.NOMINEE
    assert story.consultation_until == dt.date(2023, 6, 30)
    assert story.source_url == "https://baoquangngai.vn/bai-viet/ong-hoa.htm"
    assert story.author == "Phòng Văn hóa - Thông tin huyện Bình Sơn"
    assert story.featured is True


def test_values_are_matched_and_shown_canonically(project: SiteProject) -> None:
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    project.add_story(
        "a.md",
        valid_story(
            title=nfd("Chị Lê Thị Thuỷ"),
            kind="Hộ gia đình",
            movement=nfd("nông dân sản xuất, kinh doanh giỏi"),
            field="nông nghiệp",
            unit="Ủy ban nhân dân huyện Sơn Tịnh",
            district="sơn tịnh",
            date="2023-05-19",
        ),
    )
    story = only_story(project)
    assert story.title == "Chị Lê Thị Thuỷ" and unicodedata.is_normalized("NFC", story.title)
    assert story.kind is Kind.HOUSEHOLD
    assert story.movements[0].name == "Nông dân sản xuất, kinh doanh giỏi"
    assert story.field.name == "Nông nghiệp - Nông thôn mới"
    assert story.unit.name == "UBND huyện Sơn Tịnh"
    assert story.locality.name == "Huyện Sơn Tịnh"
    assert story.slug == "chi-le-thi-thuy"


def test_yaml_does_not_reinterpret_text(project: SiteProject) -> None:
    """YAML 1.1 would turn these into a number, a boolean and a date; they are titles."""
    project.add_story("a.md", title=Raw("1945"), subject=Raw("yes"))
    project.add_story("b.md", title=Raw("2023-05-19"), subject=Raw("on"))
    titles = sorted((s.title, s.subject) for s in load(project).stories)
    assert titles == [("1945", "yes"), ("2023-05-19", "on")]


def test_tags_as_one_line(project: SiteProject) -> None:
    project.add_story("a.md", tags="nông thôn mới, hiến đất,  , hiến đất")
    assert only_story(project).tags == ("nông thôn mới", "hiến đất")


def test_image_as_plain_path_inside_the_repository(project: SiteProject) -> None:
    project.add_file("content/anh/chung.jpg", tiny_jpeg())
    project.add_story("a.md", image={"src": "../content/anh/chung.jpg", "alt": "Ảnh chung"})
    image = only_story(project).image
    assert image is not None and image.path == (project.root / "content/anh/chung.jpg").resolve()


def test_duplicate_movement_is_a_warning(project: SiteProject) -> None:
    project.add_story("a.md", movement=["Dân vận khéo", "dân vận khéo"])
    loaded = load(project)
    assert [p.format() for p in loaded.problems] == [
        'exemplars/a.md:7: warning: phong trào "Dân vận khéo" được ghi hai lần; chỉ tính một lần.'
    ]
    assert [m.id for m in loaded.stories[0].movements] == ["dan-van-kheo"]


def test_unknown_image_key_suggests(project: SiteProject) -> None:
    project.add_file("exemplars/bia.jpg", tiny_jpeg())
    project.add_story("a.md", image={"src": "bia.jpg", "alt": "Ông Hòa", "captoin": "Ông Hòa"})
    result = project.check()
    assert result.stdout.splitlines() == [
        'exemplars/a.md:13: error: khóa "image.captoin" không hợp lệ. Có phải "caption"? '
        "Các khóa được dùng: src, alt, caption, credit."
    ]


def test_image_mapping_without_src(project: SiteProject) -> None:
    project.add_story("a.md", image={"alt": "Ông Hòa"})
    result = project.check()
    assert result.stdout.splitlines() == ['exemplars/a.md:10: error: thiếu trường bắt buộc "image.src" (ảnh bìa).']


def test_district_valid_until_its_last_day(project: SiteProject) -> None:
    project.add_story("a.md", unit="Sở Nội vụ", date="30/06/2025")
    assert only_story(project).locality.id == "binh-son"


def test_unit_expired_too(project: SiteProject) -> None:
    project.add_story("a.md", district="Toàn tỉnh", date="01/07/2025")
    result = project.check()
    assert result.stdout.splitlines() == [
        'exemplars/a.md:7: error: đơn vị "UBND huyện Bình Sơn" chỉ tồn tại đến ngày 30/06/2025, nhưng bài viết '
        'ghi ngày 01/07/2025. Hãy ghi đơn vị hiện hành: "UBND xã Bình Sơn", "UBND xã Vạn Tường", "UBND xã Bình Minh", '
        '"UBND xã Bình Chương" hoặc "UBND xã Đông Sơn" (xem: exemplars vocab units --at 2025-07-01).'
    ]


def test_every_problem_of_one_story_at_once(project: SiteProject) -> None:
    project.add_story(
        "a.md",
        valid_story(kind="cá thể", field="Nông nghiệp công nghệ cao", unit="UBND huyện Sơn Tinh", date="31/02/2023", featured="có thể"),
    )
    lines = [line.split(": error:")[0] for line in project.check().stdout.splitlines()]
    assert lines == ["exemplars/a.md:4", "exemplars/a.md:6", "exemplars/a.md:7", "exemplars/a.md:9", "exemplars/a.md:10"]


def test_line_separator_from_word_does_not_shift_lines(project: SiteProject) -> None:
    """U+2028 (LINE SEPARATOR) pasted from Word is a line break for YAML but not for editors."""
    project.add_story("a.md", valid_story(subject="Ông Hòa\u2028(ảnh: Báo Quảng Ngãi)", district="Sơn Tinh"))
    lines = [line.split(": error:")[0] for line in project.check().stdout.splitlines()]
    assert lines and set(lines) <= {"exemplars/a.md:3", "exemplars/a.md:8"}
    assert "exemplars/a.md:8" in lines  # the unknown district is still found, on its own line


def test_validation_split_between_processes_gives_the_same_project(project: SiteProject) -> None:
    """Hundreds of stories are validated in forked processes: same stories, same problems, same order."""
    import sys

    from conftest import REPO
    from generator.validate import project as project_module

    sys.path.insert(0, str(REPO / "benchmarks"))
    from corpus import write_corpus

    write_corpus(project.root, project_module.MIN_SHARE * 2 + 37)
    broken = sorted((project.root / "exemplars").rglob("*.md"))[::50]
    for path in broken:  # a district that does not exist, spread over every chunk
        text = path.read_text(encoding="utf-8")
        key = "district: " if "\ndistrict: " in text else "locality: "  # stories before and after 1/7/2025
        path.write_text(text.replace(key, f"{key}Huyện Không Có\nplace_old: ", 1), encoding="utf-8")
    settings = Settings(root=project.root)
    alone = load_project(settings, cwd=project.root, workers=1)
    split = load_project(settings, cwd=project.root, workers=2)
    assert len(alone.stories) == project_module.MIN_SHARE * 2 + 37 - len(broken)
    assert len({p.path for p in alone.errors}) == len(broken)
    assert split.stories == alone.stories
    assert [p.format() for p in split.problems] == [p.format() for p in alone.problems]
