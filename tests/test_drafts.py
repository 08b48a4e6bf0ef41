"""A draft never blocks the site (issue #20): its problems are notes, the build leaves it out.

Officers are told to keep unfinished work as `status: draft`; a draft with five mistakes must
not stop `exemplars check` (even with `--strict`) nor the build of every other story. A file
whose status cannot be known (front matter unreadable, status misspelt) is still an error.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SiteProject, make_project, valid_story
from harness import mkdocs_build

BROKEN_DRAFT = valid_story(
    title="Bài đang viết dở",
    movement="Phong trào không có",
    district="Sơn Tinh",
    date="31/02/2023",
    status="draft",
    body="Viết nội dung bài viết ở đây: hoàn cảnh, việc làm tiêu biểu, kết quả và sức lan tỏa.\n",
)


def _site(tmp_path: Path) -> SiteProject:
    site = make_project(tmp_path / "site")
    site.add_story("2023/da-dang.md", valid_story(title="Bài đã xong"))
    site.add_story("2023/nhap.md", BROKEN_DRAFT)
    return site


def test_a_broken_draft_is_reported_as_notes_and_blocks_nothing(tmp_path: Path):
    site = _site(tmp_path)
    for args in ((), ("--strict",)):
        result = site.check(*args)
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert len(lines) == 4, lines  # movement, district, date, template text
        assert all(line.startswith("exemplars/2023/nhap.md:") and ": note: " in line for line in lines)
        assert result.stderr.strip() == (
            "Đã kiểm tra 2 bài viết: không có lỗi. Bản nháp (không đăng, không chặn bài khác): 1 bài có 4 ghi chú."
        )
    as_json = json.loads(site.check("--format", "json").stdout)["problems"]
    assert {p["severity"] for p in as_json} == {"note"}
    github = site.check("--format", "github").stdout.splitlines()
    assert all(line.startswith("::notice file=exemplars/2023/nhap.md,line=") for line in github)


def test_the_build_publishes_the_others_and_skips_the_draft(tmp_path: Path):
    site = _site(tmp_path)
    result = mkdocs_build(site.root, tmp_path / "out", "--strict")
    assert result.returncode == 0, result.stderr
    built = "\n".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*.html"))
    assert "Bài đã xong" in built
    assert "Bài đang viết dở" not in built


def test_a_draft_whose_status_cannot_be_known_is_an_error(tmp_path: Path):
    site = make_project(tmp_path / "site")
    site.add_story("2023/mo.md", "---\ntitle: \"Chưa đóng\nstatus: draft\n---\nNội dung.\n")
    site.add_story("2023/sai.md", valid_story(status="drat"))
    result = site.check()
    assert result.exit_code == 1
    assert [line.split(": ")[0:2] for line in result.stdout.splitlines()] == [
        ["exemplars/2023/mo.md:2", "error"],
        ["exemplars/2023/sai.md:10", "error"],
    ]


def test_a_draft_sharing_a_published_slug_does_not_block_it(tmp_path: Path):
    site = make_project(tmp_path / "site")
    site.add_story("2023/a.md", valid_story(slug="cung-duong-dan"))
    site.add_story("2023/b.md", valid_story(title="Bản nháp khác", slug="cung-duong-dan", status="draft"))
    result = site.check()
    assert result.exit_code == 0, result.output
    assert [line.split(": ")[0:2] for line in result.stdout.splitlines()] == [["exemplars/2023/b.md:10", "note"]]


def test_check_of_one_file_counts_and_reports_only_that_file(tmp_path: Path):
    site = make_project(tmp_path / "site")
    site.add_story("2023/dung.md", valid_story(title="Bài đúng"))
    site.add_story("2023/hong.md", valid_story(title="Bài hỏng", date="31/02/2023"))
    site.add_story("2024/khac.md", valid_story(title="Bài khác"))
    one = site.check("exemplars/2023/dung.md")
    assert (one.exit_code, one.stdout, one.stderr.strip()) == (0, "", "Đã kiểm tra 1 bài viết: không có lỗi.")
    folder = site.check("exemplars/2023")
    assert folder.exit_code == 1
    assert folder.stderr.strip() == "Đã kiểm tra 2 bài viết: 1 lỗi, 0 cảnh báo."
