"""Golden tests: one broken story per failure mode, each with the exact output officers see.

Each case is `tests/bad_stories/<name>.expected` (the lines `exemplars check --lang vi` prints,
paths relative to the project folder) plus its input:

- `tests/bad_stories/<name>.md`, copied to `exemplars/<name>.md` of a fresh project, or
- `tests/bad_stories/<name>/`, a folder copied to `exemplars/<name>/` (cases needing two files), or
- an entry of `GENERATED` below, for inputs that cannot be kept readable in a file
  (legacy encodings, NUL bytes, 5,000 nested brackets, a folder named x.md, a symlink).

To regenerate every .expected file after an intended change of wording, run

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_bad_stories.py

then read the diff (`git diff tests/bad_stories`) as an officer would before committing it:
Vietnamese, the right line, a fix that works.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tracemalloc
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from conftest import VENV_BIN, Raw, SiteProject, make_project, valid_story

CASES = Path(__file__).parent / "bad_stories"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

# -- inputs that are generated rather than stored ----------------------------------------

SHORT_BODY = "Ông Hòa hiến đất mở đường liên thôn.\n"

# TCVN3 (ABC), the pre-Unicode Vietnamese 8-bit encoding of .VnTime fonts: the bytes of the
# letters used in `valid_story()` (Python has no codec for it).
TCVN3 = {
    "à": 0xB5, "ả": 0xB6, "á": 0xB8, "ạ": 0xB9, "ă": 0xA8, "â": 0xA9, "ầ": 0xC7, "ấ": 0xCA,
    "đ": 0xAE, "é": 0xD0, "ê": 0xAA, "ề": 0xD2, "ễ": 0xD4, "ệ": 0xD6, "ì": 0xD7, "í": 0xDD,
    "ị": 0xDE, "ò": 0xDF, "ó": 0xE3, "ô": 0xAB, "ồ": 0xE5, "ổ": 0xE6, "ộ": 0xE9, "ơ": 0xAC,
    "ờ": 0xEA, "ớ": 0xED, "ợ": 0xEE, "ú": 0xF3, "ư": 0xAD, "ừ": 0xF5, "ữ": 0xF7, "ứ": 0xF8,
    "ự": 0xF9, "ỹ": 0xFC, "Ô": 0xA4, "Đ": 0xA7, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ơ": 0xA5, "Ư": 0xA6,
}  # fmt: skip


def encode_tcvn3(text: str) -> bytes:
    """`text` in TCVN3; letters outside the table above become "?" (the test only needs bytes)."""
    return b"".join(bytes([TCVN3[c]]) if c in TCVN3 else c.encode("ascii", "replace") for c in text)


CP1258_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """`text` in Windows-1258, which writes most toned letters as a base letter + a combining tone."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in decomposed if c in CP1258_TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in CP1258_TONES))
            out += (base + tone).encode("cp1258")
    return bytes(out)


def _write(name: str, content: bytes) -> Callable[[Path], None]:
    def install(stories: Path) -> None:
        (stories / f"{name}.md").write_bytes(content)

    return install


def _directory(stories: Path) -> None:
    (stories / "thu-muc.md").mkdir()
    (stories / "thu-muc.md" / "ghi-chu.txt").write_text("không phải bài viết\n", encoding="utf-8")


def _symlink_outside(stories: Path) -> None:
    # The project root is stories.parent; the target sits next to it, outside the repository.
    target = stories.parent.parent / "ngoai-kho" / "bai-viet.md"
    target.parent.mkdir(exist_ok=True)
    target.write_text(valid_story(title="Bài viết ngoài kho"), encoding="utf-8")
    (stories / "symlink-outside.md").symlink_to(target)


_VALID = valid_story(body=SHORT_BODY)
GENERATED: dict[str, Callable[[Path], None]] = {
    "empty": _write("empty", b""),
    "whitespace-only": _write("whitespace-only", b"  \n\n\t \r\n   \n"),
    "windows-1258": _write("windows-1258", encode_cp1258(_VALID)),
    "tcvn3": _write("tcvn3", encode_tcvn3(_VALID)),
    "utf-16": _write("utf-16", _VALID.encode("utf-16")),
    "nul-bytes": _write("nul-bytes", _VALID.replace("liên thôn", "liên\x00thôn").encode("utf-8")),
    "deeply-nested": _write(
        "deeply-nested",
        ("---\ntitle: Lồng nhau\ntags: " + "[" * 5000 + "]" * 5000 + "\n---\n\n" + SHORT_BODY).encode("utf-8"),
    ),
    "directory-named-md": _directory,
    "symlink-outside": _symlink_outside,
}


# -- the table ---------------------------------------------------------------------------


def case_names() -> list[str]:
    """Every case that has an input (stored or generated)."""
    stored = {p.stem for p in CASES.glob("*.md")} | {p.name for p in CASES.iterdir() if p.is_dir()}
    return sorted(stored | set(GENERATED))


def install_case(name: str, stories: Path) -> None:
    """Put the input of case `name` into the `exemplars/` folder `stories`."""
    if name in GENERATED:
        GENERATED[name](stories)
    elif (CASES / name).is_dir():
        shutil.copytree(CASES / name, stories / name)
    else:
        shutil.copyfile(CASES / f"{name}.md", stories / f"{name}.md")


def expected_lines(name: str) -> list[str]:
    return (CASES / f"{name}.expected").read_text(encoding="utf-8").splitlines()


def test_every_case_has_exactly_one_input_and_an_expected_file() -> None:
    names = case_names()
    assert len(names) >= 40
    for name in names:
        sources = [(CASES / f"{name}.md").is_file(), (CASES / name).is_dir(), name in GENERATED]
        assert sum(sources) == 1, f"{name}: several inputs"
        assert UPDATE or (CASES / f"{name}.expected").is_file(), f"{name}: run UPDATE_GOLDEN=1 and review"
    orphans = {p.stem for p in CASES.glob("*.expected")} - set(names)
    assert not orphans, f".expected files without an input: {sorted(orphans)}"


@pytest.mark.parametrize("name", case_names())
def test_bad_story(name: str, project: SiteProject) -> None:
    install_case(name, project.stories)
    result = project.check("--lang", "vi")

    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    lines = result.stdout.splitlines()
    if UPDATE:
        (CASES / f"{name}.expected").write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    assert lines == expected_lines(name)
    assert result.exit_code == 1
    assert all(": error: " in line for line in lines)
    # The summary goes to stderr, and it counts the errors printed above.
    assert f": {len(lines)} lỗi" in result.stderr


def test_python_tag_is_refused_not_run(project: SiteProject) -> None:
    install_case("python-tag", project.stories)
    result = project.check()
    assert result.exit_code == 1
    assert "!!python/object/apply:os.system" in result.stdout
    assert not (project.root / "pwned.txt").exists()


def test_python_tag_payload_is_live(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The payload of the case above does run under an unsafe loader, so its test proves something."""
    text = (CASES / "python-tag.md").read_text(encoding="utf-8").split("---")[1]
    monkeypatch.chdir(tmp_path)
    yaml.load(text, Loader=yaml.UnsafeLoader)  # noqa: S506 - the point of the test
    assert (tmp_path / "pwned.txt").exists()


@pytest.mark.parametrize("name", ["alias-bomb", "recursive-alias", "deeply-nested"])
def test_bombs_are_refused_not_expanded(name: str, project: SiteProject) -> None:
    """The alias bomb expands to 9**10 (3.5 billion) strings under a naive loader: the check refuses it
    with little memory (the work done, counted in bytes allocated, not in seconds)."""
    install_case(name, project.stories)
    tracemalloc.start()
    try:
        result = project.check()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 1
    assert peak < 16_000_000, f"{peak:,} bytes allocated: the input was expanded, not refused"


def test_alias_bomb_would_explode() -> None:
    """The bomb of the case above is live: ten levels of nine aliases each."""
    text = (CASES / "alias-bomb.md").read_text(encoding="utf-8").split("---")[1]
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node.value[-1][0].value == "lol9"
    lol8, lol9 = node.value[-2][1], node.value[-1][1]
    shares = sum(child is lol8 for child in lol9.value)  # a count: a failing assert must not print the bomb
    assert shares == 9


def test_all_cases_in_one_real_process(tmp_path: Path) -> None:
    """A real `exemplars` process over every case at once: all lines, exit 1, never a traceback."""
    site = make_project(tmp_path / "site")
    for name in case_names():
        install_case(name, site.stories)
    run = subprocess.run(
        [str(VENV_BIN / "exemplars"), "check", "--lang", "vi"],
        cwd=site.root,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert "Traceback" not in run.stderr, run.stderr
    assert run.returncode == 1, run.stderr
    expected = sorted(line for name in case_names() for line in expected_lines(name))
    printed = sorted(run.stdout.splitlines())
    assert {"missing": sorted(set(expected) - set(printed)), "unexpected": sorted(set(printed) - set(expected))} == {
        "missing": [],
        "unexpected": [],
    }
    assert printed == expected
    assert not (site.root / "pwned.txt").exists()


# -- accepted variants and output formats ------------------------------------------------


def test_utf8_bom_and_crlf_are_accepted(project: SiteProject) -> None:
    text = valid_story()
    project.add_story("bom.md", b"\xef\xbb\xbf" + text.encode("utf-8"))
    project.add_story("crlf.md", text.replace("\n", "\r\n").replace("Hòa: 30", "Hòa (CRLF): 30"))
    project.add_story("bom-crlf.md", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").replace("Hòa: 30", "Hòa (cả hai): 30").encode())
    result = project.check()
    assert result.stdout == ""
    assert result.exit_code == 0
    assert "Đã kiểm tra 3 bài viết: không có lỗi." in result.stderr


def test_crlf_keeps_line_numbers(project: SiteProject) -> None:
    project.add_story("crlf.md", valid_story(kind="gia đình").replace("\n", "\r\n"))
    result = project.check()
    assert result.stdout.startswith("exemplars/crlf.md:4: error: loại điển hình \"gia đình\" không hợp lệ.")


def test_english_messages(project: SiteProject) -> None:
    install_case("unknown-key", project.stories)
    result = project.check("--lang", "en")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'exemplars/unknown-key.md:1: error: the required field "movement" (movement) is missing.',
        'exemplars/unknown-key.md:5: error: unknown key "moverment". Did you mean "movement"? Allowed keys: '
        "title, subject, kind, movement, field, unit, locality, date, summary, image, poster, awards, tags, slug, "
        "status, consultation_until, source_url, author, featured.",
    ]
    assert "Checked 1 stories: 2 error(s), 0 warning(s)." in result.stderr


def test_json_format(project: SiteProject) -> None:
    install_case("unknown-district", project.stories)
    result = project.check("--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert list(data) == ["problems"]
    [problem] = data["problems"]
    assert {"path", "line", "severity", "field", "message"} <= set(problem)
    assert problem["path"] == "exemplars/unknown-district.md"
    assert problem["line"] == 8
    assert problem["severity"] == "error"
    assert problem["field"] == "district"
    assert problem["message"].startswith('địa bàn "Sơn Tinh" không có trong danh mục. Có phải "Huyện Sơn Tịnh"?')
    assert result.stderr == ""  # machine output stays parseable: no summary line


def test_json_format_english_and_empty(project: SiteProject) -> None:
    project.add_story("ok.md")
    result = project.check("--format", "json", "--lang", "en")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": []}


def test_github_format(project: SiteProject) -> None:
    install_case("impossible-date", project.stories)
    result = project.check("--format", "github")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "::error file=exemplars/impossible-date.md,line=9::ngày \"31/02/2023\" không tồn tại "
        "(ngày 31 tháng 2 năm 2023). Kiểm tra lại ngày và tháng."
    ]


def test_github_format_escapes_commas_and_colons_in_paths(project: SiteProject) -> None:
    project.add_story("a,b:c.md", valid_story(kind="gia đình"))
    result = project.check("--format", "github")
    assert result.stdout.startswith("::error file=exemplars/a%2Cb%3Ac.md,line=4::")


def test_warnings_only_exit_zero(project: SiteProject) -> None:
    project.add_story("nhac-lai.md", consultation_until="30/06/2023")
    result = project.check()
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        'exemplars/nhac-lai.md:10: warning: "consultation_until" chỉ có tác dụng khi status là "nominee"; '
        "giá trị này bị bỏ qua."
    ]


def test_exit_code_ok(project: SiteProject) -> None:
    project.add_story("ok.md")
    result = project.check()
    assert (result.exit_code, result.stdout) == (0, "")


def test_exit_code_unknown_option(project: SiteProject) -> None:
    result = project.check("--no-such-option")
    assert result.exit_code == 2
    assert "--no-such-option" in result.stderr


def test_exit_code_missing_mkdocs_yml(project: SiteProject) -> None:
    (project.root / "mkdocs.yml").unlink()
    project.add_story("bad.md", valid_story(kind="gia đình"))
    result = project.check()
    assert result.exit_code == 2
    assert "mkdocs.yml" in result.stderr
    assert result.stdout == ""


def test_exit_code_bad_format_and_lang(project: SiteProject) -> None:
    assert project.check("--format", "xml").exit_code == 2
    assert project.check("--lang", "fr").exit_code == 2


def test_config_file_option(project: SiteProject) -> None:
    other = project.root / "khac.yml"
    (project.root / "mkdocs.yml").rename(other)
    project.add_story("ok.md")
    assert project.check().exit_code == 2
    assert project.check("-f", "khac.yml").exit_code == 0


def test_check_one_file_reports_only_that_file(project: SiteProject) -> None:
    project.add_story("a.md", valid_story(kind="gia đình"))
    project.add_story("b.md", valid_story(district="Sơn Tinh", title="Bài khác"))
    result = project.check("exemplars/b.md")
    assert result.exit_code == 1
    assert [line.split(": error:")[0] for line in result.stdout.splitlines()] == ["exemplars/b.md:8"]


def test_check_one_file_still_sees_duplicate_slug(project: SiteProject) -> None:
    project.add_story("a.md", title="Ông Nguyễn Văn Hòa")
    project.add_story("b.md", title="Ông Nguyễn Văn Hoà")
    project.add_story("c.md", title="Bà Lê Thị Thủy")
    result = project.check("exemplars/b.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        'exemplars/b.md:2: error: đường dẫn (slug) "ong-nguyen-van-hoa" trùng với bài exemplars/a.md. '
        'Hãy đặt "slug:" khác cho một trong hai bài.'
    ]
    assert project.check("exemplars/c.md").exit_code == 0


def test_check_nonexistent_path_is_a_usage_error(project: SiteProject) -> None:
    assert project.check("exemplars/khong-co.md").exit_code == 2


def test_all_problems_of_all_files_in_one_run(project: SiteProject) -> None:
    project.add_story("a.md", valid_story(kind="gia đình", district="Sơn Tinh", date="31/02/2023"))
    project.add_story("b.md", valid_story(title="Bài hai", moverment="x"))
    result = project.check()
    places = [line.split(": error:")[0] for line in result.stdout.splitlines()]
    assert places == ["exemplars/a.md:4", "exemplars/a.md:8", "exemplars/a.md:9", "exemplars/b.md:10"]
    assert "Đã kiểm tra 2 bài viết: 4 lỗi, 0 cảnh báo." in result.stderr


# -- inputs that must not crash the check (no golden wording yet: any clear error will do) --


def _loop(stories: Path) -> None:
    (stories / "symlink-loop.md").symlink_to("symlink-loop.md")


HOSTILE: dict[str, tuple[Callable[[Path], None], int]] = {
    # name: (install, line of the expected error in exemplars/<name>.md)
    "symlink-loop": (_loop, 1),
    "image-nul-byte": (_write("image-nul-byte", valid_story(image={"src": Raw('"anh\\0bia.jpg"'), "alt": "Ảnh"}).encode()), 11),
    "image-name-too-long": (_write("image-name-too-long", valid_story(image={"src": "a" * 300 + ".jpg", "alt": "Ảnh"}).encode()), 11),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_gives_one_error_not_a_traceback(name: str, project: SiteProject) -> None:
    install, line = HOSTILE[name]
    install(project.stories)
    project.add_story("hop-le.md", title="Bài hợp lệ bên cạnh")
    result = project.check()
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code == 1
    [error] = result.stdout.splitlines()
    assert error.startswith(f"exemplars/{name}.md:{line}: error: ")


def test_unclosed_front_matter_names_the_line_it_opened_on(project: SiteProject) -> None:
    """Blank lines before the opening "---" are skipped, so the fence may be on line 3."""
    project.add_story("mo.md", "\n\n---\ntitle: Ông Nguyễn Văn Hòa\n\nNội dung.\n")
    result = project.check()
    [error] = result.stdout.splitlines()
    assert error.startswith("exemplars/mo.md:3: error: ")
    assert "dòng 1" not in error
