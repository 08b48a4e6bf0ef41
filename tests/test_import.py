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
    assert '"subject"' in messages and '"kind"' in messages  # the cover's caption describes it
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


LONG_TITLE = "Ông Trần Văn Bảy: từ hộ nghèo thành chủ trang trại bò, giúp hàng chục hộ trong xã nâng thu nhập xã viên"


def write_letterhead_docx(path: Path) -> Path:
    """A story on a district's template (Decree 30/2020): letterhead table, place-date line,
    document label, untitled bold title, "Đơn vị:"/"Người viết:" lines, captions with credits."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    left, right = head.rows[0].cells
    left.text = "UBND HUYỆN MỘ ĐỨC"
    left.add_paragraph("PHÒNG VĂN HÓA VÀ THÔNG TIN")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc")
    right.add_paragraph("_______________")
    document.add_paragraph().add_run("Mộ Đức, ngày 15 tháng 3 năm 2024").italic = True
    label = document.add_paragraph()
    label.add_run("GƯƠNG ĐIỂN HÌNH TIÊN TIẾN").bold = True
    label.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph().add_run(LONG_TITLE).bold = True
    document.add_paragraph("Đơn vị: Phòng Văn hóa và Thông tin huyện Mộ Đức")
    document.add_paragraph("Người viết: Trần Thị Bích")
    document.add_paragraph("Năm 2015, gia đình ông Bảy ở xã Đức Phong còn là hộ nghèo của thôn.")
    document.add_picture(_jpeg("olive", (400, 300)), width=Inches(3))
    document.add_paragraph().add_run("Ông Bảy bên trang trại bò của gia đình (Ảnh: Phòng Văn hóa huyện)").italic = True
    document.add_paragraph("Nhờ vay vốn ưu đãi, ông mua hai con bò giống đầu tiên.")
    document.add_picture(_jpeg("brown", (400, 300)), width=Inches(3))
    credit = document.add_paragraph('Đàn bò "vỗ béo" chuẩn bị xuất chuồng (Ảnh: Thanh Hà)')
    credit.alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph("Đến nay trang trại có 40 con bò, thu nhập hơn 300 triệu đồng mỗi năm.")
    document.save(str(path))
    return path


def test_the_letterhead_gives_date_and_author_and_stays_out_of_the_body(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p").root
    source = write_letterhead_docx(tmp_path / "mau-huyen.docx")
    monkeypatch.chdir(project)
    result = _run(project, "import", str(source), "--batch", "--subject", "Ông Trần Văn Bảy", "--kind", "hộ gia đình",
                  "--movement", "Nông dân sản xuất, kinh doanh giỏi")
    assert result.exit_code == 0, result.output
    [story] = (project / "exemplars" / "2024").glob("*.md")
    # Cut after a whole clause of the title, not inside "xã viên".
    assert story.stem == "ong-tran-van-bay-tu-ho-ngheo-thanh-chu-trang-trai-bo"
    text = story.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    assert f'title: "{LONG_TITLE}"' in head
    assert "date: 15/03/2024" in head
    assert 'author: "Trần Thị Bích"' in head
    for frame in ("UBND HUYỆN", "CỘNG HÒA", "Độc lập", "___", "Mộ Đức, ngày", "GƯƠNG ĐIỂN HÌNH", "Đơn vị:", "Người viết",
                  "(Ảnh:", LONG_TITLE):  # fmt: skip
        assert frame not in body, frame
    assert body.startswith("Năm 2015, gia đình ông Bảy")
    # The line under each photo is its caption; "(Ảnh: …)" its credit.
    assert 'caption: "Ông Bảy bên trang trại bò của gia đình"' in head
    assert 'credit: "Phòng Văn hóa huyện"' in head
    second = f"{story.stem}-2.jpg"
    assert f"![Đàn bò “vỗ béo” chuẩn bị xuất chuồng]({second} \"Đàn bò “vỗ béo” chuẩn bị xuất chuồng — Ảnh: Thanh Hà\")" in body
    check = _run(project, "check")
    assert check.exit_code == 0, check.output


def test_a_missing_cover_description_is_asked_plainly_and_reported_once(tmp_path, monkeypatch):
    project = make_project(tmp_path / "p").root
    source = write_docx(tmp_path / "bai.docx", tcvn3=False)
    monkeypatch.chdir(project)
    document = docx.Document(str(source))  # no caption under the cover this time
    for paragraph in document.paragraphs:
        if paragraph.style.name == "Caption":
            paragraph._element.getparent().remove(paragraph._element)
    document.save(str(source))
    result = _run(project, "import", str(source), input="Ông Hùng\n2\n\n")
    assert result.exit_code == 0, result.output
    assert "Mô tả ảnh bìa cho người khiếm thị (Enter để điền sau):" in result.output
    assert "[]" not in result.output
    check = _run(project, "check")
    cover = [line for line in check.output.splitlines() if "-1.jpg" in line or "image.alt" in line]
    assert len(cover) == 1 and "chưa có mô tả (alt)" in cover[0], check.output
