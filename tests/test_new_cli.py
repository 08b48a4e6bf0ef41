"""`exemplars new`: a story file from answers typed at the prompts (numbers or names, fuzzy) or
from flags, that passes `exemplars check`; never overwrites; says where the file is and what next.

Issue 7, "Commands". Run in-process with click's CliRunner, stdin given as `input=`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result
from conftest import VALID_BODY, SiteProject, make_project
from harness import BUILD_EPOCH

from generator.adapters.cli import cli
from generator.load.vocabulary import load_vocabulary

TITLE = "Chị Lê Thị Thủy: 20 năm giữ nghề dệt thổ cẩm"
SLUG = "chi-le-thi-thuy-20-nam-giu-nghe-det-tho-cam"


def number(axis: str, name: str, day: str = "2023-05-19") -> str:
    """The number `exemplars new` offers `name` under, among the entries that exist on `day`."""
    vocabulary, _ = load_vocabulary()
    offered = [t.name for t in vocabulary.axis(axis).sorted() if t.valid_at(dt.date.fromisoformat(day))]
    return str(offered.index(name) + 1)


def run_new(project: SiteProject, *args: str, input: str | None = None) -> Result:
    """`exemplars new ARGS` from the project's root with the tests' fixed build date."""
    with contextlib.chdir(project.root):
        return CliRunner().invoke(cli, ["new", *args], input=input, env={"SOURCE_DATE_EPOCH": BUILD_EPOCH})


def answers(*lines: str) -> str:
    return "\n".join(lines) + "\n"


def front_matter(path: Path) -> dict:
    """The front matter as PyYAML reads it (not our loader: a cross-check of what `new` wrote)."""
    text = path.read_text(encoding="utf-8")
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture
def site(tmp_path: Path) -> SiteProject:
    return make_project(tmp_path / "site")


def test_prompts_answered_by_number(site):
    # kind 2 = cá nhân, the date (it decides which places and units are offered), movement 1 = the
    # first in dictionary order, field/unit/locality by number.
    unit, place = number("units", "UBND huyện Sơn Tịnh"), number("localities", "Huyện Sơn Tịnh")
    result = run_new(site, input=answers(TITLE, "Chị Lê Thị Thủy", "2", "19/05/2023", "1", "6", unit, place))
    assert result.exit_code == 0, result.output
    path = site.root / "exemplars" / "2023" / f"{SLUG}.md"
    data = front_matter(path)
    assert data == {
        "title": TITLE,
        "subject": "Chị Lê Thị Thủy",
        "kind": "cá nhân",
        "movement": ["Cả nước chung sức xây dựng nông thôn mới"],
        "field": "Nông nghiệp - Nông thôn mới",
        "unit": "UBND huyện Sơn Tịnh",
        "locality": "Huyện Sơn Tịnh",
        "date": "19/05/2023",
    }
    # The numbered lists were offered.
    assert "   1. tập thể\n   2. cá nhân\n   3. hộ gia đình" in result.output
    assert f"  {place:>2}. Huyện Sơn Tịnh" in result.output
    assert f"  {number('localities', 'Toàn tỉnh'):>2}. Toàn tỉnh" in result.output
    assert "Xã Sơn Tịnh" not in result.output  # communes exist from 1/7/2025 only


def test_prompts_answered_by_fuzzy_names(site):
    result = run_new(
        site,
        input=answers(
            TITLE,
            "Chị Lê Thị Thủy",
            "ca nhan",  # no diacritics
            "19/5/2023",
            "chung sức xây dựng nông thôn mới",  # the provincial wording without "Cả nước"
            "nong nghiep",  # a fragment, no diacritics
            "UBND Son Tinh",
            "Sơn Tinh",  # wrong tone mark
        ),
    )
    assert result.exit_code == 0, result.output
    data = front_matter(site.root / "exemplars" / "2023" / f"{SLUG}.md")
    assert data["kind"] == "cá nhân"
    assert data["movement"] == ["Cả nước chung sức xây dựng nông thôn mới"]
    assert data["field"] == "Nông nghiệp - Nông thôn mới"
    assert data["unit"] == "UBND huyện Sơn Tịnh"
    assert data["locality"] == "Huyện Sơn Tịnh"
    assert data["date"] == "19/05/2023"
    # A near miss is resolved out loud, so the officer sees what was chosen.
    assert "→ Huyện Sơn Tịnh" in result.output
    assert "→ UBND huyện Sơn Tịnh" in result.output


def test_an_unclear_answer_is_asked_again(site):
    # "nong thon moi" fits two movements, "Quảng Ngãi" is the city or the province (content/huong-dan/hop-dong-du-lieu.md):
    # both are asked again, with the candidates named; then a number settles it.
    result = run_new(
        site,
        input=answers(TITLE, "Chị Lê Thị Thủy", "2", "01/06/2023", "nong thon moi", "13", "6", "Sở Y tế", "Quảng Ngãi",
                      number("localities", "Toàn tỉnh", "2023-06-01")),  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    assert "có phải: Cả nước chung sức xây dựng nông thôn mới; Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh?" in result.output
    assert "có thể là Thành phố Quảng Ngãi; Toàn tỉnh" in result.output
    data = front_matter(site.root / "exemplars" / "2023" / f"{SLUG}.md")
    assert data["movement"] == ["Toàn dân đoàn kết xây dựng nông thôn mới, đô thị văn minh"]
    assert data["locality"] == "Toàn tỉnh"


def test_the_date_defaults_to_the_build_date(site):
    result = run_new(site, input=answers(TITLE, "Chị Lê Thị Thủy", "2", "", "1", "6", "Sở Y tế", "toan tinh"))
    assert result.exit_code == 0, result.output
    assert "[21/11/2026]" in result.output  # the default offered at the prompt
    assert front_matter(site.root / "exemplars" / "2026" / f"{SLUG}.md")["date"] == "21/11/2026"


FLAGS = (
    "--title", TITLE,
    "--subject", "Chị Lê Thị Thủy",
    "--kind", "cá nhân",
    "--movement", "chung sức xây dựng nông thôn mới",
    "--movement", "Dân vận khéo",
    "--field", "Nông nghiệp - Nông thôn mới",
    "--unit", "Ủy ban nhân dân huyện Sơn Tịnh",
    "--district", "Sơn Tịnh",
    "--date", "2023-05-19",
)  # fmt: skip


def test_flags_and_no_input(site):
    result = run_new(site, *FLAGS, "--no-input")
    assert result.exit_code == 0, result.output
    data = front_matter(site.root / "exemplars" / "2023" / f"{SLUG}.md")
    assert data["movement"] == ["Cả nước chung sức xây dựng nông thôn mới", "Dân vận khéo"]
    assert data["unit"] == "UBND huyện Sơn Tịnh"  # canonical names are written, not what was typed
    assert data["locality"] == "Huyện Sơn Tịnh"
    assert data["date"] == "19/05/2023"
    assert "Chọn số" not in result.output  # nothing was asked


def test_no_input_with_a_missing_value_is_a_usage_error(site):
    flags = list(FLAGS)
    del flags[flags.index("--district") : flags.index("--district") + 2]
    result = run_new(site, *flags, "--no-input")
    assert result.exit_code == 2
    assert "thiếu địa bàn" in result.output
    assert not list(site.stories.rglob("*.md"))


def with_district(district: str) -> list[str]:
    flags = list(FLAGS)
    flags[flags.index("--district") + 1] = district
    return flags


def test_no_input_takes_the_one_near_name_and_says_so(site):
    result = run_new(site, *with_district("Sơn Tin"), "--no-input")
    assert result.exit_code == 0, result.output
    assert "→ Huyện Sơn Tịnh" in result.output
    assert front_matter(site.stories / "2023" / f"{SLUG}.md")["locality"] == "Huyện Sơn Tịnh"


def test_no_input_with_an_unknown_or_unclear_value_is_refused(site):
    result = run_new(site, *with_district("Hà Nội"), "--no-input")
    assert result.exit_code == 2
    assert 'địa bàn "Hà Nội" không có trong danh mục.' in result.output
    result = run_new(site, *with_district("Quảng Ngãi"), "--no-input")
    assert result.exit_code == 2
    assert 'địa bàn "Quảng Ngãi" chưa rõ: có thể là Thành phố Quảng Ngãi; Toàn tỉnh. Hãy ghi đầy đủ.' in result.output
    assert not list(site.stories.rglob("*.md"))


def test_an_impossible_date_is_refused(site):
    result = run_new(site, *FLAGS[:-2], "--date", "31/02/2023", "--no-input")
    assert result.exit_code == 2
    assert "31/02/2023" in result.output
    assert not list(site.stories.rglob("*.md"))


def test_the_template_text_is_an_error_until_the_body_is_written(site):
    result = run_new(site, *FLAGS, "--no-input")
    assert result.exit_code == 0, result.output
    path = site.stories / "2023" / f"{SLUG}.md"
    check = site.check(str(path.relative_to(site.root)), "--strict")
    assert check.exit_code == 1, check.output
    lines = path.read_text(encoding="utf-8").splitlines()
    intro = lines.index(next(t for t in lines if t.startswith("Viết nội dung bài viết ở đây"))) + 1
    guide = lines.index(next(t for t in lines if t.startswith("Mỗi đoạn cách nhau"))) + 1
    assert [line.split(": error: ")[0] for line in check.stdout.splitlines()] == [
        f"exemplars/2023/{SLUG}.md:{intro}",
        f"exemplars/2023/{SLUG}.md:{guide}",
    ]
    assert "vẫn là chữ mẫu của bài viết mới" in check.stdout
    # The officer replaces the template body with the story and fills in the commented summary.
    text = path.read_text(encoding="utf-8")
    head, _, _ = text.partition("\n---\n")
    head = head.replace('# summary: "..."', 'summary: "Hai mươi năm giữ nghề dệt thổ cẩm của người Hrê."')
    path.write_text(head + "\n---\n" + VALID_BODY, encoding="utf-8")
    check = site.check()
    assert check.exit_code == 0, check.output
    assert "Đã kiểm tra 1 bài viết: không có lỗi." in check.output


def test_the_template_explains_every_field_in_vietnamese(site):
    run_new(site, *FLAGS, "--no-input")
    text = (site.stories / "2023" / f"{SLUG}.md").read_text(encoding="utf-8")
    for comment in ("# Tiêu đề bài viết", "# Loại điển hình: tập thể | cá nhân | hộ gia đình", "exemplars vocab movements",
                    "# Ảnh bìa", "Mô tả ảnh (alt) là bắt buộc", "# status: draft"):  # fmt: skip
        assert comment in text


def test_an_uncommented_cover_without_the_photo_is_reported(site):
    # The template's commented cover, switched on before the photo is copied: check names the file.
    run_new(site, *FLAGS, "--no-input")
    path = site.stories / "2023" / f"{SLUG}.md"
    text = re.sub(r"^# (image:|  src:|  alt:|  caption:|  credit:)", r"\1", path.read_text(encoding="utf-8"), flags=re.M)
    path.write_text(text, encoding="utf-8")
    check = site.check()
    assert check.exit_code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t.startswith("  src:"))
    assert f"exemplars/2023/{SLUG}.md:{line}: error: không tìm thấy ảnh \"anh-bia.jpg\"" in check.output


def test_refuses_to_overwrite(site):
    path = site.add_story(f"2023/{SLUG}.md", text="---\ntitle: bài đang viết dở\n---\nNội dung quý.\n")
    before = path.read_bytes()
    result = run_new(site, *FLAGS, "--no-input")
    assert result.exit_code == 1
    assert f"Đã có tệp exemplars/2023/{SLUG}.md; không ghi đè." in result.output
    assert path.read_bytes() == before
    assert [p.name for p in site.stories.rglob("*.md")] == [f"{SLUG}.md"]


def test_prints_the_path_and_the_next_steps(site):
    result = run_new(site, *FLAGS, "--no-input")
    shown = f"exemplars/2023/{SLUG}.md"
    assert f"Đã tạo {shown}" in result.stdout
    assert "Việc tiếp theo:" in result.stdout
    steps = result.stdout.split("Việc tiếp theo:", 1)[1]
    assert "chép ảnh vào exemplars/2023/" in steps
    assert f"exemplars check {shown}" in steps
    assert "exemplars serve" in steps
    assert "http://127.0.0.1:8000/" in steps
