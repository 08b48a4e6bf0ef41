"""`exemplars import`: real Word documents (written with python-docx) become stories that check and build."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.shared import Inches
from PIL import Image

from conftest import make_project
from generator.adapters.cli import cli
from generator.authoring.docx_reader import convert_tcvn3, looks_like_tcvn3
from harness import mkdocs_build


def _jpeg(color: str, size: tuple[int, int], orientation: int | None = None) -> io.BytesIO:
    stream = io.BytesIO()
    image = Image.new("RGB", size, color)
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        image.save(stream, "JPEG", exif=exif)
    else:
        image.save(stream, "JPEG")
    stream.seek(0)
    return stream


def write_docx(path: Path, tcvn3: bool = True) -> Path:
    """A story as districts send it: title, headings, bold text, a list, a table, two photos, a caption."""
    document = docx.Document()
    document.add_heading("Ông Nguyễn Văn Hùng: 20 năm hiến đất mở đường", 1)
    paragraph = document.add_paragraph("Ngày 19 tháng 5 năm 2023, tại xã Bình Minh, huyện Bình Sơn, ông ")
    paragraph.add_run("Nguyễn Văn Hùng").bold = True
    paragraph.add_run(" được biểu dương trong phong trào ")
    paragraph.add_run("Cả nước chung sức xây dựng nông thôn mới").italic = True
    paragraph.add_run(".")
    document.add_heading("Những việc làm cụ thể", 2)
    document.add_paragraph("Hiến 500 m² đất làm đường", style="List Bullet")
    document.add_paragraph("Vận động 20 hộ cùng góp công", style="List Bullet")
    table = document.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Năm", (0, 1): "Kết quả", (1, 0): "2022", (1, 1): "3 km đường bê tông"}.items():
        table.cell(row, col).text = text
    document.add_picture(_jpeg("green", (400, 300)), width=Inches(3))
    document.add_paragraph("Con đường mới ở thôn Phú Long", style="Caption")
    if tcvn3:
        run = document.add_paragraph().add_run("Tr\u00adêng Trung häc c¬ së B×nh Minh còng gãp søc")
        run.font.name = ".VnTime"
    # Stored sideways: 300×200 pixels with orientation 6 is upright 200×300.
    document.add_picture(_jpeg("red", (300, 200), orientation=6), width=Inches(2))
    document.save(str(path))
    return path


def _run(project: Path, *args: str, input: str | None = None):
    return CliRunner().invoke(cli, [*args, "-f", str(project / "mkdocs.yml")], input=input, catch_exceptions=False)


def test_tcvn3_is_detected_and_converted():
    legacy = "Tr\u00adêng Trung häc c¬ së"
    assert looks_like_tcvn3(legacy)
    assert convert_tcvn3(legacy) == "Trường Trung học cơ sở"
    assert not looks_like_tcvn3("Trường Trung học cơ sở Bình Minh")
    assert not looks_like_tcvn3("Bà Lê Thị Mỹ Dung, chủ cơ sở may")  # Unicode with á, ê, ỹ is not TCVN3
    assert looks_like_tcvn3("anything", font=".VnTimeH")


def test_batch_import_writes_story_and_photos(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p").root
    source = write_docx(tmp_path / "bai.docx")
    monkeypatch.chdir(project)
    result = _run(project, "import", str(source), "--batch")
    assert result.exit_code == 0, result.output
    story = project / "exemplars/2023/ong-nguyen-van-hung-20-nam-hien-dat-mo-duong.md"
    assert story.is_file() and "Đã tạo exemplars/2023/" in result.output
    text = story.read_text(encoding="utf-8")
    # Guessed from the text by matching the vocabularies.
    assert "date: 19/05/2023" in text
    assert 'locality: "Huyện Bình Sơn"' in text
    assert '"Cả nước chung sức xây dựng nông thôn mới"' in text
    # Clean Markdown: heading, bold, italic, list, table, the caption kept, TCVN3 converted.
    body = text.split("\n---\n", 1)[1]
    assert "## Những việc làm cụ thể" in body
    assert "**Nguyễn Văn Hùng**" in body and "*Cả nước chung sức xây dựng nông thôn mới*" in body
    assert "- Hiến 500 m² đất làm đường" in body
    assert "| 2022 | 3 km đường bê tông |" in body
    assert "Trường Trung học cơ sở Bình Minh cũng góp sức" in body
    assert "TCVN3" in result.output
    assert 'caption: "Con đường mới ở thôn Phú Long"' in text
    photos = sorted((project / "exemplars/2023").glob("*.jpg"))
    assert len(photos) == 2
    assert f"src: \"{photos[0].name}\"" in text, "the first photo is offered as the cover"
    assert f"]({photos[1].name})" in body
    # What could not be guessed is left empty, so that check lists it.
    assert "Còn thiếu: subject, kind." in result.output
    check = _run(project, "check")
    assert check.exit_code == 1
    messages = check.output
    assert '"subject"' in messages and '"kind"' in messages and "image.alt" in messages
    assert re.search(r"ong-nguyen-van-hung-20-nam-hien-dat-mo-duong\.md:\d+: error: ảnh .*chưa có mô tả", messages)


def test_imported_story_passes_check_and_builds_once_completed(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p").root
    source = write_docx(tmp_path / "bai.docx")
    monkeypatch.chdir(project)
    # Asked: the subject, the kind (by number), the cover's description; the rest was guessed.
    answers = "\n".join(["Ông Nguyễn Văn Hùng", "2", "Ông Hùng bên con đường mới"]) + "\n"
    result = _run(project, "import", str(source), input=answers)
    assert result.exit_code == 0, result.output
    story = project / "exemplars/2023/ong-nguyen-van-hung-20-nam-hien-dat-mo-duong.md"
    text = story.read_text(encoding="utf-8")
    assert 'alt: "Ông Hùng bên con đường mới"' in text
    assert 'subject: "Ông Nguyễn Văn Hùng"' in text and 'kind: "cá nhân"' in text
    # The officer describes the body photo, as check asks.
    second = sorted((project / "exemplars/2023").glob("*.jpg"))[1].name
    story.write_text(text.replace(f"![]({second})", f"![Học sinh trước cổng trường]({second})"), encoding="utf-8")
    assert _run(project, "check").exit_code == 0
    site = tmp_path / "site"
    build = mkdocs_build(project, site)
    assert build.returncode == 0, build.stderr
    page = (site / "guong-dien-hinh/ong-nguyen-van-hung-20-nam-hien-dat-mo-duong/index.html").read_text(encoding="utf-8")
    assert "Trường Trung học cơ sở Bình Minh" in page and "<table>" in page
    # The sideways photo comes out upright (portrait) in the published renditions.
    widths = re.findall(r'<img [^>]*alt="Học sinh trước cổng trường"[^>]*>', page)
    assert widths
    size = re.search(r'width="(\d+)" height="(\d+)"', widths[0])
    assert int(size.group(1)) < int(size.group(2))


def test_import_refuses_to_overwrite(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p").root
    source = write_docx(tmp_path / "bai.docx", tcvn3=False)
    monkeypatch.chdir(project)
    args = ("import", str(source), "--batch", "--subject", "Ông Hùng", "--kind", "cá nhân")
    assert _run(project, *args).exit_code == 0
    story = project / "exemplars/2023/ong-nguyen-van-hung-20-nam-hien-dat-mo-duong.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nĐã sửa.\n", encoding="utf-8")
    again = _run(project, *args)
    assert again.exit_code == 1
    assert "không ghi đè" in again.output
    assert story.read_text(encoding="utf-8").endswith("Đã sửa.\n")


@pytest.mark.parametrize("content", [b"not a word file", b"PK\x03\x04broken zip"])
def test_a_file_that_is_not_docx_is_reported_without_traceback(tmp_path, monkeypatch, content):
    project = make_project(tmp_path / "p").root
    bad = tmp_path / "bai.docx"
    bad.write_bytes(content)
    monkeypatch.chdir(project)
    result = _run(project, "import", str(bad), "--batch")
    assert result.exit_code == 1
    assert "error: không đọc được tệp Word" in result.output
    assert not (project / "exemplars").exists() or not list((project / "exemplars").rglob("*.md"))
