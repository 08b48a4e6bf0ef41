"""Usage errors of `exemplars` are Vietnamese like every other message (issue #20 item 8); `--lang en` keeps English."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import make_project
from generator.adapters.cli import cli


def _run(root: Path, *args: str):
    with contextlib.chdir(root):
        return CliRunner().invoke(cli, list(args), prog_name="exemplars")


@pytest.mark.parametrize(
    ("args", "usage", "error"),
    [
        (("check", "--format", "xml"), "exemplars check [TÙY CHỌN] [PATHS]...",
         'Lỗi: --format: giá trị "xml" không hợp lệ; chọn một trong: text, json, github.'),
        (("chek",), "exemplars [TÙY CHỌN] LỆNH [THAM SỐ]...", 'Lỗi: không có lệnh "chek". Có phải "cache", "check"?'),
        (("check", "--strikt"), "exemplars check [TÙY CHỌN] [PATHS]...",
         'Lỗi: không có tùy chọn "--strikt". Có phải "--strict"?'),
        (("check", "khong-co.md"), "exemplars check [TÙY CHỌN] [PATHS]...", 'Lỗi: không tìm thấy "khong-co.md".'),
        (("import",), "exemplars import [TÙY CHỌN] FILES...", "Lỗi: thiếu đối số FILES."),
        (("new", "--no-input"), "exemplars new [TÙY CHỌN]", "Lỗi: thiếu tiêu đề."),
    ],
)  # fmt: skip
def test_usage_errors_are_vietnamese(tmp_path: Path, args, usage, error):
    result = _run(make_project(tmp_path / "site").root, *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Cách dùng: {usage}", f"Xem hướng dẫn: {usage.split(' [')[0]} --help", "", error]
    assert "Usage" not in result.output and "Error" not in result.output


def test_lang_en_keeps_clicks_english(tmp_path: Path):
    result = _run(make_project(tmp_path / "site").root, "check", "--lang", "en", "--format", "xml")
    assert result.exit_code == 2
    assert "Error: Invalid value for '--format': 'xml' is not one of 'text', 'json', 'github'." in result.stderr


def test_commands_still_exit_with_their_own_status(tmp_path: Path):
    site = make_project(tmp_path / "site")
    site.add_story("2023/hong.md", date="31/02/2023")
    assert _run(site.root, "check").exit_code == 1
    assert _run(site.root, "check", "--help").exit_code == 0
    assert _run(site.root, "vocab", "districts").exit_code == 0


@pytest.mark.parametrize("args", [("--help",), ("check", "--help"), ("report", "-h")])
def test_help_pages_are_vietnamese(tmp_path: Path, args):
    result = _run(make_project(tmp_path / "site").root, *args)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("Cách dùng: exemplars") and "[TÙY CHỌN]" in lines[0]
    assert "Tùy chọn:" in lines and "Hiện hướng dẫn này rồi thoát." in result.output
    for english in ("Usage:", "Options:", "Commands:", "Show this message", "[default:", "[required]"):
        assert english not in result.output


def test_the_top_help_lists_the_commands_in_vietnamese(tmp_path: Path):
    output = _run(make_project(tmp_path / "site").root, "--help").output
    assert "Lệnh:" in output.splitlines()
    assert any(line.split()[:1] == ["check"] for line in output.splitlines())


def test_defaults_are_named_in_vietnamese(tmp_path: Path):
    output = _run(make_project(tmp_path / "site").root, "check", "--help").output
    assert "[mặc định:" in output


def test_lang_en_usage_line_stays_english(tmp_path: Path):
    result = _run(make_project(tmp_path / "site").root, "check", "--lang", "en", "--bogus")
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: exemplars check [OPTIONS]")
