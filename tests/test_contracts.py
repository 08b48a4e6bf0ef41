"""The contracts page (content/huong-dan/hop-dong-du-lieu.md) checked against the built demo site.

Issue #17 item 6: newspapers, other portals and CI rely on the URL scheme, the open-data fields,
the publishing states, the feeds and embeds and the message format. The page documents them in
tables; this module reads those tables and checks the demo build (and `exemplars check`) against
them, so that neither the page nor the program can change without the other.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

from conftest import REPO, make_project, run_check, valid_story
from harness import BUILD_EPOCH, demo_states
from markupsafe import escape

from generator.core import urls
from generator.core.axes import AXES, YEARS
from generator.core.dates import build_date
from generator.core.resources import DEFAULTS

PAGE = REPO / "content" / "huong-dan" / "hop-dong-du-lieu.md"
TEXT = PAGE.read_text(encoding="utf-8")
SITE_URL = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.MULTILINE).group(1)


# -- reading the page -------------------------------------------------------------------------------


def section(heading: str) -> str:
    """The text of the `## heading` section of the page."""
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", TEXT, re.MULTILINE | re.DOTALL)
    assert match, f"the contracts page has no section '## {heading}'"
    return match.group(1)


def table(text: str, first_header: str) -> list[dict[str, str]]:
    """The rows of the Markdown table whose first header cell is `first_header`, keyed by header."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        cells = _cells(line)
        if cells and cells[0] == first_header:
            rows = []
            for row in lines[i + 2 :]:
                if not row.startswith("|"):
                    break
                values = _cells(row)
                assert len(values) == len(cells), row
                rows.append(dict(zip(cells, values)))
            assert rows, f"empty table '{first_header}'"
            return rows
    raise AssertionError(f"no table starting with '{first_header}'")


def _cells(line: str) -> list[str]:
    if not line.startswith("|"):
        return []
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def codes(cell: str) -> list[str]:
    """The `code spans` of a cell."""
    return re.findall(r"`([^`]+)`", cell)


def yes(cell: str) -> bool:
    """A "có" / "không" cell of the states table."""
    word = cell.split(",")[0].strip()
    assert word in ("có", "không"), cell
    return word == "có"


def pattern_regex(pattern: str) -> re.Pattern:
    """A documented URL pattern as a regex: `<yyyy>` four digits, `<n>` a page number from 2, `<...>` one segment."""
    parts = re.split(r"(<[^>]+>)", pattern)
    out = []
    for part in parts:
        if part == "<yyyy>":
            out.append(r"\d{4}")
        elif part == "<n>":
            out.append(r"(?:[2-9]|[1-9]\d+)")
        elif part.startswith("<"):
            out.append(r"[^/?<>]+")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def built(site: Path, url: str) -> Path:
    """The file the site serves at the site-relative `url` (query string ignored)."""
    path = url.split("?", 1)[0].lstrip("/")
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def records(site: Path) -> list[dict]:
    return json.loads((site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]


# -- URL scheme -------------------------------------------------------------------------------------


def test_every_documented_url_example_is_in_the_built_site(demo_site: Path):
    rows = table(section("Địa chỉ trang"), "Địa chỉ")
    with_example = 0
    for row in rows:
        patterns = codes(row["Địa chỉ"])
        assert patterns and all(p.startswith("/") for p in patterns), row
        examples = codes(row["Ví dụ trên trang mẫu"])
        if not examples:
            # Only pagination has no example in the demo (no listing has more than 12 stories):
            # the pattern must be what the program makes for page 2 of a listing.
            assert row["Ví dụ trên trang mẫu"] == "—", row
            made = "/" + urls.listing_url(AXES[0], "<mã>", 2).replace("/2/", "/<n>/")
            assert patterns == [made], f"{patterns} is not the pagination the program makes ({made})"
            continue
        for example in examples:
            path = example.split("?", 1)[0]
            assert any(pattern_regex(p).fullmatch(path) for p in patterns), f"{example} does not fit {patterns}"
            assert built(demo_site, example).is_file(), f"{example} is documented but not in the demo build"
            with_example += 1
    assert with_example >= 25


def test_every_axis_folder_is_documented():
    rows = table(section("Địa chỉ trang"), "Địa chỉ")
    documented = {p for row in rows for p in codes(row["Địa chỉ"])}
    for axis in (*AXES, YEARS):
        assert f"/{urls.overview_url(axis)}" in documented, axis.folder
        key = "<yyyy>" if axis is YEARS else "<mã>"
        assert f"/{urls.listing_url(axis, key)}" in documented, axis.folder
    assert f"/{urls.story_url('<slug>')}" in documented
    assert f"/{urls.embed_url('<slug>')}" in documented


def test_every_top_level_output_is_documented(demo_site: Path):
    """A new folder or file at the root of the site is either a contract or named as not being one."""
    assert "| `/` | Trang chủ |" in TEXT  # the root's index.html
    undocumented = [
        entry.name
        for entry in sorted(demo_site.iterdir())
        if entry.name != "index.html" and f"`/{entry.name}{'/' if entry.is_dir() else ''}" not in TEXT
    ]
    assert undocumented == [], f"outputs the contracts page does not mention: {undocumented}"


def test_the_page_is_in_the_guide_navigation(demo_site: Path):
    html = (demo_site / "huong-dan" / "hop-dong-du-lieu" / "index.html").read_text(encoding="utf-8")
    assert "md-nav__link--active" in html
    assert 'href="hop-dong-du-lieu/"' in (demo_site / "huong-dan" / "index.html").read_text(encoding="utf-8")


# -- open data --------------------------------------------------------------------------------------

TYPES = {"chuỗi": str, "danh sách chuỗi": list, "danh sách đối tượng": list}


def test_open_data_fields_are_the_documented_ones(demo_site: Path):
    rows = table(section("Dữ liệu mở"), "Trường")
    fields = [codes(row["Trường"])[0] for row in rows]
    kinds = {codes(row["Trường"])[0]: row["Kiểu"] for row in rows}
    types = {key: TYPES[kind] for key, kind in kinds.items()}
    data = records(demo_site)
    assert len(data) >= 40
    for record in data:
        assert list(record) == fields, record["source"]
        for key, value in record.items():
            assert isinstance(value, types[key]), (record["source"], key, value)
            if kinds[key] == "danh sách đối tượng":  # the media: often empty
                assert all(isinstance(v, dict) for v in value), (record["source"], key)
            elif isinstance(value, list):
                assert value and all(isinstance(v, str) for v in value), (record["source"], key)

    raw = (demo_site / "du-lieu" / "exemplars.csv").read_bytes().decode("utf-8")
    assert raw.startswith("\ufeff"), "the CSV has no BOM"
    assert "\r\n" in raw
    rows_csv = list(csv.reader(io.StringIO(raw[1:], newline="")))
    assert rows_csv[0] == fields
    assert len(rows_csv) - 1 == len(data)
    lists = [i for i, key in enumerate(fields) if types[key] is list]
    for record, row in zip(data, rows_csv[1:]):
        for i in lists:
            assert row[i] == ";".join(record[fields[i]])


def test_open_data_values_follow_the_page(demo_site: Path):
    rows = {codes(row["Trường"])[0]: row for row in table(section("Dữ liệu mở"), "Trường")}
    kinds = set(codes(rows["kind"]["Ý nghĩa"]))
    assert "dia-ban/<mã>/" in rows["district"]["Ý nghĩa"] and "`url`" not in rows["district"]["Ý nghĩa"]
    data = records(demo_site)
    sources = [r["source"] for r in data]
    assert len(sources) == len(set(sources)), "a story appears twice in the open data"
    dates = [r["date"] for r in data]
    assert dates == sorted(dates, reverse=True), "the open data is not newest first"
    for record in data:
        assert record["url"] == f"{SITE_URL}guong-dien-hinh/{record['slug']}/"
        assert built(demo_site, f"/guong-dien-hinh/{record['slug']}/").is_file()
        assert record["source"].startswith("exemplars/") and "\\" not in record["source"]
        assert (REPO / record["source"]).is_file(), record["source"]
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"]) and dt.date.fromisoformat(record["date"])
        assert record["kind"] in kinds, record["kind"]
        assert (demo_site / "dia-ban" / record["district"] / "index.html").is_file(), record["district"]
        for movement in record["movements"]:
            assert (demo_site / "phong-trao" / movement / "index.html").is_file(), movement
        assert (demo_site / "linh-vuc" / record["field"] / "index.html").is_file()
        assert (demo_site / "don-vi" / record["unit"] / "index.html").is_file()
        if record["image"]:
            assert record["image"].startswith(SITE_URL)
            assert (demo_site / record["image"][len(SITE_URL) :]).is_file(), record["image"]
    assert any(r["image"] for r in data) and any(len(r["movements"]) > 1 for r in data)


# -- publishing states ------------------------------------------------------------------------------


def _build_date() -> dt.date:
    return build_date({"SOURCE_DATE_EPOCH": BUILD_EPOCH})


def test_the_build_date_is_the_day_in_vietnam():
    rule = section("Nguyên tắc chung")
    assert "`SOURCE_DATE_EPOCH`" in rule
    hours = int(re.search(r"UTC\+(\d+)", rule).group(1))
    moment = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC)
    assert _build_date() == (moment + dt.timedelta(hours=hours)).date()
    # The test build date is chosen so that the day in Vietnam is not the day in UTC.
    assert _build_date() != moment.date()


def test_publishing_states_are_what_the_page_says(demo_site: Path):
    rows = table(section("Trạng thái đăng"), "Trạng thái")
    states = demo_states(REPO, _build_date())
    slugs = {
        "published": [r["slug"] for r in records(demo_site)],
        "nominee": [slug for _, _, slug in states["nominee"]],
        "draft": [slug for _, _, slug in states["draft"]],
        "future": [slug for _, _, slug in states["future"]],
    }
    published = set(slugs["published"])

    # Where a story may appear besides its page: listings, feeds, the search index.
    spread = []
    for folder in ("phong-trao", "dia-ban", "linh-vuc", "don-vi", "nam"):
        spread += [p.read_text(encoding="utf-8") for p in (demo_site / folder).rglob("index.html")]
    for name in ("rss.xml", "atom.xml", "feed.json"):
        spread += [p.read_text(encoding="utf-8") for p in demo_site.rglob(name)]
    spread += [p.read_text(encoding="utf-8") for p in (demo_site / "tim-kiem").rglob("*.json")]
    everywhere = "\n".join(spread)
    consultation = (demo_site / "lay-y-kien" / "index.html").read_text(encoding="utf-8")
    sitemap = (demo_site / "sitemap.xml").read_text(encoding="utf-8")

    seen = set()
    for row in rows:
        state = (codes(row["Trạng thái"]) or ["future"])[0]
        if state == "future":
            assert "sau ngày dựng" in row["Trạng thái"], row
        seen.add(state)
        assert slugs[state], f"the demo has no story in state {state}"
        for slug in slugs[state]:
            where = f"{state} {slug}"
            page = (demo_site / "guong-dien-hinh" / slug / "index.html").is_file()
            assert page == yes(row["Trang bài"]), where
            spread_expected = yes(row["Danh sách, nguồn tin, tìm kiếm, dữ liệu mở, nhúng"])
            assert (slug in published) == spread_expected, where
            assert (demo_site / "nhung" / slug / "oembed.json").is_file() == spread_expected, where
            assert (f"/{slug}/" in everywhere) == spread_expected, where
            assert (f"guong-dien-hinh/{slug}/" in consultation) == yes(row["Trang lấy ý kiến"]), where
            assert (f"/guong-dien-hinh/{slug}/</loc>" in sitemap) == yes(row["Sơ đồ trang"]), where
    assert seen == {"published", "nominee", "draft", "future"}


# -- feeds ------------------------------------------------------------------------------------------


def test_feeds_exist_where_the_page_says_with_their_media_types(demo_site: Path):
    text = section("Nguồn tin")
    rows = table(text, "Tệp")
    formats = {codes(row["Tệp"])[0]: codes(row["Kiểu nội dung"])[0] for row in rows}
    assert set(formats) == {"rss.xml", "atom.xml", "feed.json"}
    data = records(demo_site)
    movements = {m for r in data for m in r["movements"]}
    districts = {r["district"] for r in data}
    assert movements and districts
    folders = (
        [demo_site] + [demo_site / "phong-trao" / m for m in movements] + [demo_site / "dia-ban" / d for d in districts]
    )
    for folder in folders:
        html = (folder / "index.html").read_text(encoding="utf-8")
        for name, mime in formats.items():
            assert (folder / name).is_file(), folder / name
            assert re.search(rf'<link rel="alternate" type="{re.escape(mime)}"[^>]* href="{re.escape(name)}"', html), (
                folder,
                name,
            )

    limit = int(re.search(r"tối đa (\d+) bài mới nhất", text).group(1))
    assert "`+07:00`" in text
    for folder in folders:
        feed = json.loads((folder / "feed.json").read_text(encoding="utf-8"))
        items = feed["items"]
        assert 1 <= len(items) <= limit
        for item in items:
            assert item["id"] == item["url"] and item["url"].startswith(f"{SITE_URL}guong-dien-hinh/")
            assert item["date_published"].endswith("T00:00:00+07:00"), item["date_published"]
    assert len(json.loads((demo_site / "feed.json").read_text(encoding="utf-8"))["items"]) == min(limit, len(data))


# -- embeds and oEmbed ------------------------------------------------------------------------------


def test_oembed_has_the_documented_fields(demo_site: Path):
    text = section("Nhúng và oEmbed")
    rows = table(text, "Trường")
    documented = [codes(row["Trường"])[0] for row in rows]
    optional = {codes(row["Trường"])[0] for row in rows if "(khi có ảnh bìa)" in row["Giá trị"]}
    fixed = {
        codes(row["Trường"])[0]: codes(row["Giá trị"])[0]
        for row in rows
        if re.fullmatch(r"`[^`]+`( \(.*\))?", row["Giá trị"])
    }
    assert {"version", "type", "width", "height", "provider_url"} <= set(fixed)
    [snippet] = re.findall(r"^```html\n(.*?)\n```$", text, re.MULTILINE | re.DOTALL)
    with_thumbnail = 0
    for record in records(demo_site):
        slug = record["slug"]
        oembed = json.loads((demo_site / "nhung" / slug / "oembed.json").read_text(encoding="utf-8"))
        assert set(oembed) <= set(documented), set(oembed) - set(documented)
        assert set(documented) - optional <= set(oembed), set(documented) - optional - set(oembed)
        present = optional & set(oembed)
        assert present in (set(), optional), slug
        with_thumbnail += bool(present)
        for key, value in fixed.items():
            expected = SITE_URL if value == "site_url" else value
            assert str(oembed[key]) == expected, (slug, key)
        assert oembed["title"] == record["title"]
        assert oembed["html"] == snippet.replace("<slug>", slug).replace("<tiêu đề>", str(escape(record["title"])))
        page = (demo_site / "guong-dien-hinh" / slug / "index.html").read_text(encoding="utf-8")
        assert f'type="application/json+oembed" href="{SITE_URL}nhung/{slug}/oembed.json"' in page
        assert (demo_site / "nhung" / slug / "index.html").is_file()
    assert with_thumbnail > 0


def test_widgets_exist_for_every_movement_and_district_with_stories(demo_site: Path):
    text = section("Nhúng và oEmbed")
    assert "`/nhung/phong-trao/<mã>/`" in text and "`/nhung/dia-ban/<mã>/`" in text
    data = records(demo_site)
    for folder, ids in (
        ("phong-trao", {m for r in data for m in r["movements"]}),
        ("dia-ban", {r["district"] for r in data}),
    ):
        for key in ids:
            html = (demo_site / "nhung" / folder / key / "index.html").read_text(encoding="utf-8")
            assert 'content="noindex"' in html and "data-gs-embed" in html
    host = (demo_site / "nhung" / "nhung.js").read_text(encoding="utf-8")
    frame = (demo_site / "nhung" / "khung.js").read_text(encoding="utf-8")
    messages = re.findall(r'"type": "(guong-sang:[a-z]+)"', text)
    assert messages == ["guong-sang:height", "guong-sang:ping"]
    for message in messages:  # both sides of the iframe speak the documented messages
        assert f'"{message}"' in host and f'"{message}"' in frame, message


# -- messages of `exemplars check` -------------------------------------------------------------------

PLACEHOLDERS = {
    "path": r"(?P<path>[^:,]+)",
    "line": r"(?P<line>[1-9]\d*)",
    "severity": r"(?P<severity>error|warning|note|notice)",
    "message": r"(?P<message>.+)",
}


def message_formats() -> dict[str, re.Pattern]:
    """The one-line formats of the page (`text`, `github`) as regexes with named groups."""
    formats = {}
    for row in table(section("Thông báo lỗi"), "Dạng"):
        name = codes(row["Dạng"])[0]
        if name == "json":
            continue
        [template] = codes(row["Mỗi vấn đề"])
        parts = re.split(r"<(\w+)>", template)
        regex = "".join(re.escape(p) if i % 2 == 0 else PLACEHOLDERS[p] for i, p in enumerate(parts))
        formats[name] = re.compile(regex)
    assert set(formats) == {"text", "github"}
    return formats


def _parsed(output: str, regex: re.Pattern) -> list[tuple]:
    found = []
    for line in output.splitlines():
        match = regex.fullmatch(line)
        assert match, f"{line!r} does not have the documented form"
        found.append((match["path"], int(match["line"]), match["severity"], match["message"]))
    return found


def test_messages_have_the_documented_format(tmp_path: Path):
    project = make_project(tmp_path / "site")
    story = project.add_story("2023/hong.md", movement="Phong trào không có", date="31/02/2023")
    project.add_story("2023/trong.md", "Chỉ có nội dung, không có phần khai báo.\n")  # a whole-file error
    lines = story.read_text(encoding="utf-8").splitlines()
    expected = {
        ("exemplars/2023/hong.md", n) for n, key in enumerate(lines, 1) if key.startswith(("movement:", "date:"))
    }
    expected.add(("exemplars/2023/trong.md", 1))
    formats = message_formats()

    text = project.check()
    found = _parsed(text.stdout, formats["text"])
    assert {(path, line) for path, line, _, _ in found} == expected
    assert text.stderr.strip() and text.stderr.strip() not in text.stdout  # the summary is on stderr

    github = project.check("--format", "github")
    assert _parsed(github.stdout, formats["github"]) == found

    fields = table(section("Thông báo lỗi"), "Trường")
    names = [codes(row["Trường"])[0] for row in fields]
    kinds = {codes(row["Trường"])[0]: row["Kiểu"] for row in fields}
    as_json = project.check("--format", "json")
    problems = json.loads(as_json.stdout)["problems"]
    assert [(p["path"], p["line"], p["severity"], p["message"]) for p in problems] == found
    for problem in problems:
        assert list(problem) == names
        for key, value in problem.items():
            allowed = {"chuỗi": (str,), "số": (int,), "chuỗi hoặc `null`": (str, type(None))}[kinds[key]]
            assert isinstance(value, allowed), (key, value)
    assert {p["field"] for p in problems} == {"movement", "date", None}


def test_json_output_without_problems_is_still_an_object(tmp_path: Path):
    assert "kể cả khi không có vấn đề nào" in " ".join(section("Thông báo lỗi").split())
    project = make_project(tmp_path / "site")
    project.add_story("2023/dung.md")
    result = project.check("--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"problems": []}


def test_exit_codes_are_the_documented_ones(tmp_path: Path):
    documented = {codes(row["Mã thoát"])[0]: row["Ý nghĩa"] for row in table(section("Thông báo lỗi"), "Mã thoát")}
    assert set(documented) == {"0", "1", "2"}

    warned = make_project(tmp_path / "warned")
    warned.add_story("2023/canh-bao.md", valid_story(consultation_until="30/06/2023"))
    result = warned.check()
    assert ": warning: " in result.stdout and ": error: " not in result.stdout
    assert result.exit_code == 0 and "cảnh báo" in documented["0"]

    broken = make_project(tmp_path / "broken")
    broken.add_story("2023/hong.md", date="31/02/2023")
    assert broken.check().exit_code == 1 and "Có lỗi" in documented["1"]

    assert "`mkdocs.yml`" in documented["2"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run_check(empty).exit_code == 2  # no mkdocs.yml
    assert broken.check("--format", "xml").exit_code == 2  # a wrong option


# -- story files and outputs ------------------------------------------------------------------------


def test_story_folder_holds_only_stories_and_their_media(demo_site: Path):
    text = section("Tệp bài viết")
    vocabularies = [name for name in codes(text) if name.endswith(".yml") and name != "mkdocs.yml"]
    assert len(vocabularies) >= 5
    for name in vocabularies:
        assert (DEFAULTS / name).is_file(), f"{name} is not a vocabulary the program ships"
        assert not list((REPO / "exemplars").rglob(name)), f"{name} inside exemplars/"
    stray = [p for p in (REPO / "exemplars").rglob("*") if p.suffix in (".yml", ".yaml", ".json", ".toml")]
    assert stray == []
    assert all(r["source"].startswith("exemplars/") for r in records(demo_site))


TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".css", ".csv", ".txt", ".svg", ".webmanifest"}


def test_no_absolute_filesystem_path_in_any_output(demo_site: Path):
    assert "đường dẫn tuyệt đối trên máy dựng" in section("Nguyên tắc chung")
    needles = [str(REPO), str(demo_site), str(demo_site.parent)]
    leaks = []
    checked = 0
    for path in demo_site.rglob("*"):
        if path.suffix not in TEXT_SUFFIXES or not path.is_file():
            continue
        content = path.read_text(encoding="utf-8", errors="replace")
        checked += 1
        leaks += [f"{path.relative_to(demo_site)}: {n}" for n in needles if n in content]
    assert checked > 500
    assert leaks == []
