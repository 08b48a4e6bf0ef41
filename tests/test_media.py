"""Video and audio in stories (issue 23): files next to the story, videos pasted from allowed hosts.

Real files (tests/media/: one second of MP4, WebM, MP3 and M4A made with ffmpeg), real
`exemplars check` and `mkdocs build` runs, and headless Chromium under the headers `exemplars
headers` prints: every clip plays, and nothing is requested from a video host before the click
(a stand-in answers for the host, through Playwright's routing, once the player is asked for).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import pytest
from click.testing import CliRunner

from conftest import make_project, valid_story
from generator.adapters.cli import cli
from generator.core.media import has_transcript, hosted_video, pasted_video
from generator.validate.media_check import MediaInfo, inspect_media
from harness import mkdocs_build
from test_headers import RECORD_VIOLATIONS, directives, parse_text, serve_with_headers, settle

MEDIA = Path(__file__).parent / "media"
HOSTS = "video_hosts: [www.youtube-nocookie.com, www.facebook.com, truyenhinh.ptqn.vn, player.vimeo.com]"
YML = (
    "site_name: Gương sáng thử nghiệm\nsite_url: https://vi.du/thu/\ndocs_dir: content\n"
    "theme:\n  name: material\n  language: vi\n  font: false\n"
    f"plugins:\n  - exemplars:\n      {HOSTS}\n      media:\n        max_video_mb: 1\n        max_audio_mb: 1\n"
)
VTT = "WEBVTT\n\n00:00.000 --> 00:01.000\nXin chào bà con xã Bình Minh.\n"
YOUTUBE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ?si=Xy1" '
    'title="YouTube video player" frameborder="0" allow="autoplay; encrypted-media" allowfullscreen></iframe>'
)
TRANSCRIPT = "\n## Lời thoại\n\nXin chào bà con, đây là bản tin nông thôn mới.\n"
STORIES = {
    "youtube": f"Đoạn mở đầu.\n\n{YOUTUBE}\n\nĐoạn kết.\n",
    "facebook": "Đoạn mở đầu.\n\nhttps://www.facebook.com/baoquangngai/videos/1234567890/\n",
    "dai-tinh": "Đoạn mở đầu.\n\nhttps://truyenhinh.ptqn.vn/player/phong-su-42\n",
    "video": "Đoạn mở đầu.\n\n![Phóng sự về mô hình trồng keo](phong-su.mp4)\n",
    "webm": "Đoạn mở đầu.\n\n![Phóng sự bản WebM](phong-su.webm)\n" + TRANSCRIPT,
    "am-thanh": "Đoạn mở đầu.\n\n![Bản tin phát thanh](ban-tin.m4a)\n" + TRANSCRIPT,
    "mp3": "Đoạn mở đầu.\n\n![Bản tin MP3](ban-tin.mp3)\n" + TRANSCRIPT,
}
HOSTED = {"youtube": "www.youtube-nocookie.com", "facebook": "www.facebook.com", "dai-tinh": "truyenhinh.ptqn.vn"}
FILES = {"video": "video/mp4", "webm": "video/webm", "am-thanh": "audio/mp4", "mp3": "audio/mpeg"}


def _project(root: Path, stories: dict[str, str]):
    project = make_project(root, YML)
    (project.stories / "2023").mkdir()
    for slug, body in stories.items():
        project.add_story(f"2023/{slug}.md", valid_story(body=body, slug=slug, title=f"Bài {slug}"))
    for name in ("phong-su.mp4", "phong-su.webm", "ban-tin.mp3", "ban-tin.m4a"):
        shutil.copy(MEDIA / name, project.stories / "2023" / name)
    project.add_file("exemplars/2023/phong-su.vtt", VTT)
    return project


# -- reading what officers paste -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "player", "link"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=3", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=abc", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "https://www.facebook.com/baoquangngai/videos/1234567890/",
            "https://www.facebook.com/plugins/video.php?href=https%3A%2F%2Fwww.facebook.com%2Fbaoquangngai%2Fvideos%2F1234567890%2F&autoplay=true",
            "https://www.facebook.com/baoquangngai/videos/1234567890/",
        ),
        ("https://truyenhinh.ptqn.vn/player/42", "https://truyenhinh.ptqn.vn/player/42", "https://truyenhinh.ptqn.vn/player/42"),
    ],
)
def test_pasted_addresses_become_a_player_and_a_link(src: str, player: str, link: str) -> None:
    found = hosted_video(src, ("www.youtube-nocookie.com", "www.facebook.com", "truyenhinh.ptqn.vn"))
    assert (found.player, found.link) == (player, link)
    assert found.host == urlsplit(player).hostname


@pytest.mark.parametrize(
    ("src", "allowed", "iframe", "refused"),
    [
        ("https://evil.example/embed/1", ("www.youtube-nocookie.com",), True, ("host", "")),
        ("https://youtu.be/dQw4w9WgXcQ", (), False, ("host", "")),
        ("http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", ("www.youtube-nocookie.com",), True, ("host", "")),
        ("https://www.youtube-nocookie.com.evil.example/embed/a", ("www.youtube-nocookie.com",), True, ("host", "")),
        ("https://www.youtube.com/channel/UC123", ("www.youtube.com",), False, ("address", "YouTube")),
    ],
)
def test_hosts_not_allowed_and_addresses_of_no_video_are_refused(src, allowed, iframe, refused) -> None:
    assert hosted_video(src, allowed, iframe) == refused


def test_a_bare_link_to_another_site_is_no_video() -> None:
    assert pasted_video("https://www.quangngai.gov.vn/tin-tuc", ("www.youtube.com",)) is None
    assert pasted_video("Xem https://youtu.be/dQw4w9WgXcQ nhé", ("www.youtube.com",)) is None
    assert pasted_video("  https://youtu.be/dQw4w9WgXcQ  ", ()) == ("https://youtu.be/dQw4w9WgXcQ", "", False)
    assert pasted_video(YOUTUBE, ()) == ("https://www.youtube.com/embed/dQw4w9WgXcQ?si=Xy1", "YouTube video player", True)


@pytest.mark.parametrize(
    ("lines", "found"),
    [
        (["## Lời thoại", "", "Xin chào."], True),
        (["### Nội dung bản tin", "Xin chào."], True),
        (["## lời thoại phóng sự", "Xin chào."], True),
        (["## Lời thoại", "", "## Hình ảnh", "Ảnh."], False),  # a heading with nothing under it
        (["## Nội dung", "Xin chào."], False),  # too common a heading to mean a transcript
        (["Lời thoại: xin chào."], False),
    ],
)
def test_a_transcript_is_a_heading_of_its_own_with_text_under_it(lines, found) -> None:
    assert has_transcript(lines) is found


@pytest.mark.parametrize(
    ("name", "mime", "info"),
    [
        ("phong-su.mp4", "video/mp4", (1.0, 160, 90)),
        ("phong-su.webm", "video/webm", (1.0, 160, 90)),
        ("ban-tin.mp3", "audio/mpeg", (1.0, 0, 0)),
        ("ban-tin.m4a", "audio/mp4", (1.0, 0, 0)),
    ],
)
def test_durations_and_sizes_are_read_from_the_files(name, mime, info) -> None:
    found = inspect_media(MEDIA / name, mime)
    assert isinstance(found, MediaInfo)
    assert (round(found.duration), found.width, found.height) == info


def test_a_file_that_is_not_what_its_name_says_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "x.mp4"
    fake.write_bytes(b"not a video at all" * 100)
    for mime in ("video/mp4", "video/webm", "audio/mpeg", "audio/mp4"):
        assert inspect_media(fake, mime)[0] == "media.corrupt"


# -- broken stories: one error each, on the clip's line ------------------------------------------

BROKEN = {
    "host": ("Đoạn đầu.\n\n<iframe src=\"https://evil.example/embed/1\" title=\"Phim\"></iframe>\n", "evil.example", "video_hosts"),
    "no-captions": ("Đoạn đầu.\n\n![Phóng sự](khong-phu-de.mp4)\n", "khong-phu-de.mp4", "khong-phu-de.vtt"),
    "no-transcript": ("Đoạn đầu.\n\n![Bản tin](ban-tin.mp3)\n", "ban-tin.mp3", "Lời thoại"),
    "missing": ("Đoạn đầu.\n\n![Phóng sự](khong-co.mp4)\n" + TRANSCRIPT, "khong-co.mp4", "exemplars/2024/khong-co.mp4"),
    "too-large": ("Đoạn đầu.\n\n![Phóng sự](lon.webm)\n" + TRANSCRIPT, "lon.webm", "max_video_mb"),
    "not-a-video": ("Đoạn đầu.\n\n![Phóng sự](hong.mp4)\n" + TRANSCRIPT, "hong.mp4", "MP4"),
    "no-video-address": ("Đoạn đầu.\n\nhttps://www.youtube.com/@DaiQuangNgai\n", "youtube.com/@DaiQuangNgai", "Chia sẻ"),
}


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    project = _project(tmp_path_factory.mktemp("broken") / "p", {})
    shutil.copy(MEDIA / "phong-su.mp4", project.stories / "2023" / "khong-phu-de.mp4")
    (project.stories / "2024").mkdir()
    shutil.copy(MEDIA / "phong-su.mp4", project.stories / "2024" / "khong-phu-de.mp4")
    shutil.copy(MEDIA / "ban-tin.mp3", project.stories / "2024" / "ban-tin.mp3")
    project.add_file("exemplars/2024/lon.webm", (MEDIA / "phong-su.webm").read_bytes() + bytes(1024 * 1024))
    project.add_file("exemplars/2024/hong.mp4", b"\x00\x00\x00\x18ftypisom" + b"garbage" * 50)
    paths = {name: project.add_story(f"2024/{name}.md", valid_story(body=body, slug=name)) for name, (body, _, _) in BROKEN.items()}
    return project, paths


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_broken_clip_is_one_error_on_its_line_naming_the_fix(broken, lang: str) -> None:
    project, paths = broken
    result = project.check("--lang", lang, "--format", "json")
    assert result.exit_code == 1
    problems = json.loads(result.stdout)
    problems = problems["problems"] if isinstance(problems, dict) else problems
    for name, (body, names, fix) in BROKEN.items():
        mine = [p for p in problems if p["path"] == f"exemplars/2024/{name}.md"]
        assert len(mine) == 1, (name, mine)
        line = next(i for i, text in enumerate(paths[name].read_text(encoding="utf-8").split("\n"), 1) if names.split("/")[0] in text)
        assert (mine[0]["line"], mine[0]["severity"]) == (line, "error"), (name, mine)
        assert names in mine[0]["message"], mine
        if lang == "vi" or fix not in ("Lời thoại", "Chia sẻ"):
            assert fix in mine[0]["message"], (fix, mine)


def test_the_errors_read_as_path_line_error_in_vietnamese(broken) -> None:
    project, _ = broken
    lines = project.check().stdout.splitlines()
    assert 'exemplars/2024/no-captions.md:15: error: video "khong-phu-de.mp4" chưa có phụ đề cho người khiếm thính: đặt tệp phụ đề "khong-phu-de.vtt" (WebVTT) cạnh video, hoặc chép lời thoại vào bài dưới tiêu đề "## Lời thoại".' in lines
    assert any(
        line.startswith("exemplars/2024/too-large.md:15: error: tệp video \"lon.webm\" nặng 1.0 MB, quá giới hạn 1 MB (media: max_video_mb trong mkdocs.yml).")
        for line in lines
    ), lines


# -- the built site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The valid stories built for real: (project root, site folder, printed headers)."""
    project = _project(tmp_path_factory.mktemp("media") / "p", STORIES)
    site = project.root.parent / "site"
    result = mkdocs_build(project.root, site)
    assert result.returncode == 0, result.stderr
    printed = CliRunner().invoke(cli, ["headers", str(site)])
    assert printed.exit_code == 0, printed.output
    return project.root, site, parse_text(printed.stdout)


def _page(site: Path, slug: str):
    return lxml.html.fromstring((site / "guong-dien-hinh" / slug / "index.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("slug", HOSTED)
def test_a_hosted_video_is_a_local_poster_linking_to_the_video(built, slug: str) -> None:
    _, site, _ = built
    page = _page(site, slug)
    assert page.xpath("//iframe") == [], "no player is framed before the reader asks"
    [link] = page.xpath("//article//a[@data-gs-player]") or page.xpath("//a[@data-gs-player]")
    assert urlsplit(link.get("data-gs-player")).hostname == HOSTED[slug]
    assert link.get("href").startswith("https://")
    [poster] = link.xpath(".//img")
    assert not urlsplit(poster.get("src")).scheme and (site / "guong-dien-hinh" / slug / poster.get("src")).resolve().is_file()
    assert poster.get("width") and poster.get("height")
    assert "Phát video" in link.text_content()


def test_the_youtube_title_of_the_embed_code_gives_way_to_the_story_title(built) -> None:
    _, site, _ = built
    [link] = _page(site, "youtube").xpath("//a[@data-gs-player]")
    assert link.text_content() == "Phát video: Bài youtube"


@pytest.mark.parametrize("slug", FILES)
def test_a_file_plays_from_the_site_with_its_captions(built, slug: str) -> None:
    root, site, _ = built
    page = _page(site, slug)
    [player] = page.xpath("//video | //audio")
    assert player.tag == FILES[slug].split("/")[0]
    assert player.get("preload") == "none" and player.get("controls") is not None
    [source] = player.xpath("source")
    assert source.get("type") == FILES[slug]
    published = (site / "guong-dien-hinh" / slug / source.get("src")).resolve()
    assert re.fullmatch(r"media/[0-9a-f]{20}/[a-z-]+\.(mp4|webm|m4a|mp3)", published.relative_to(site.resolve()).as_posix())
    original = next((root / "exemplars" / "2023").glob(f"*{published.suffix}"))
    assert published.read_bytes() == original.read_bytes()
    tracks = page.xpath("//track")  # libxml2 knows no <track>: it may land beside the <video>
    if player.tag == "video":  # phong-su.vtt is beside both videos
        assert [(t.get("kind"), t.get("srclang")) for t in tracks] == [("captions", "vi")]
        assert (site / "guong-dien-hinh" / slug / tracks[0].get("src")).resolve().read_text(encoding="utf-8") == VTT
    else:
        assert tracks == []
    if slug != "video":  # the transcript is in the page
        assert "Lời thoại" in page.text_content()
    if player.tag == "video":
        assert (player.get("width"), player.get("height")) == ("160", "90")
        assert not urlsplit(player.get("poster")).scheme


# -- syndication, open data, search (part 4 and 5) ---------------------------------------------------

SITE = "https://vi.du/thu/"


def _story_file(slug: str) -> Path:
    return MEDIA / {"video": "phong-su.mp4", "webm": "phong-su.webm", "am-thanh": "ban-tin.m4a", "mp3": "ban-tin.mp3"}[slug]


def test_feeds_carry_each_file_as_an_enclosure_and_hosted_videos_as_none(built) -> None:
    _, site, _ = built
    rss = {e.title: e for e in feedparser.parse((site / "rss.xml").read_bytes()).entries}
    atom = {e.title: e for e in feedparser.parse((site / "atom.xml").read_bytes()).entries}
    items = {i["title"]: i for i in json.loads((site / "feed.json").read_text(encoding="utf-8"))["items"]}
    for slug, mime in FILES.items():
        size = _story_file(slug).stat().st_size
        [enclosure] = rss[f"Bài {slug}"].enclosures  # RSS has room for one: the clip
        assert (enclosure.type, int(enclosure.length)) == (mime, size)
        assert enclosure.href.startswith(SITE + "media/") and (site / enclosure.href.removeprefix(SITE)).read_bytes() == _story_file(slug).read_bytes()
        assert [(e.type, int(e.length)) for e in atom[f"Bài {slug}"].enclosures if e.type == mime] == [(mime, size)]
        [attachment] = items[f"Bài {slug}"]["attachments"]
        assert attachment == {"url": enclosure.href, "mime_type": mime, "size_in_bytes": size, "duration_in_seconds": 1}
    for slug in HOSTED:  # a host's page is no media file: no enclosure, no attachment
        assert not [e for e in rss[f"Bài {slug}"].enclosures if e.type.startswith(("video", "audio", "text"))]
        assert "attachments" not in items[f"Bài {slug}"]


def test_open_data_lists_each_storys_media(built) -> None:
    _, site, _ = built
    records = {r["slug"]: r for r in json.loads((site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]}
    [video] = records["video"]["media"]
    assert video["url"].startswith(SITE + "media/") and video["url"].endswith(".mp4")
    assert {k: v for k, v in video.items() if k != "url"} == {
        "kind": "video", "title": "Phóng sự về mô hình trồng keo", "type": "video/mp4",
        "size": _story_file("video").stat().st_size, "duration": 1, "host": None, "captions": True,
    }  # fmt: skip
    [audio] = records["am-thanh"]["media"]
    assert (audio["kind"], audio["type"], audio["captions"], audio["host"]) == ("audio", "audio/mp4", False, None)
    [youtube] = records["youtube"]["media"]
    assert youtube == {
        "kind": "video", "title": "Bài youtube", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "type": None,
        "size": None, "duration": None, "host": "www.youtube-nocookie.com", "captions": False,
    }  # fmt: skip
    assert all(r["media"] == [] for slug, r in records.items() if slug not in STORIES)
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO((site / "du-lieu" / "exemplars.csv").read_text(encoding="utf-8-sig")))}
    assert rows["video"]["media"] == video["url"] and rows["youtube"]["media"] == youtube["url"]


def _article(site: Path, slug: str) -> dict:
    blocks = [json.loads(b) for b in _page(site, slug).xpath("//script[@type='application/ld+json']/text()")]
    [article] = [b for b in blocks if b.get("@type") == "NewsArticle"]
    return article


def test_structured_data_describes_each_clip(built) -> None:
    _, site, _ = built
    [video] = _article(site, "video")["video"]
    assert video["@type"] == "VideoObject" and video["name"] == "Phóng sự về mô hình trồng keo"
    assert video["contentUrl"].startswith(SITE + "media/") and video["encodingFormat"] == "video/mp4"
    assert video["duration"] == "PT1S" and video["uploadDate"].endswith("+07:00")
    assert video["thumbnailUrl"].startswith(SITE) and (site / video["thumbnailUrl"].removeprefix(SITE)).is_file()
    [audio] = _article(site, "am-thanh")["audio"]
    assert (audio["@type"], audio["encodingFormat"], audio["duration"]) == ("AudioObject", "audio/mp4", "PT1S")
    assert "video" not in _article(site, "am-thanh")
    [hosted] = _article(site, "youtube")["video"]
    assert hosted["embedUrl"] == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    assert hosted["url"] == "https://www.youtube.com/watch?v=dQw4w9WgXcQ" and "contentUrl" not in hosted


@pytest.mark.parametrize(("slug", "label"), [("video", "Có video"), ("youtube", "Có video"), ("mp3", "Có âm thanh")])
def test_the_embed_card_links_to_the_story_and_never_plays(built, slug: str, label: str) -> None:
    _, site, _ = built
    card = lxml.html.fromstring((site / "nhung" / slug / "index.html").read_text(encoding="utf-8"))
    assert card.xpath("//iframe | //video | //audio | //source") == []
    assert label in card.xpath("string(//p[@class='gs-e__meta'])")
    assert {a.get("href") for a in card.xpath("//a")} == {SITE + f"guong-dien-hinh/{slug}/"}


def test_search_filters_stories_with_video_or_audio(built) -> None:
    _, site, _ = built
    page = lxml.html.fromstring((site / "tim-kiem" / "index.html").read_text(encoding="utf-8"))
    [label] = page.xpath("//label[@for='gs-f-media']")
    assert label.text_content() == "Video, âm thanh"
    options = {o.text_content(): o.get("data-file") for o in page.xpath("//select[@id='gs-f-media']/option[@data-file]")}
    assert options == {"Có video": "video", "Có âm thanh": "am-thanh"}

    def members(file: str) -> int:  # a filter file is the story ids, delta-encoded
        return len(json.loads((site / "tim-kiem" / "chi-muc" / "f" / "media" / f"{file}.json").read_text(encoding="utf-8")))

    assert members("video") == sum(1 for slug in STORIES if slug in HOSTED or FILES.get(slug, "").startswith("video"))
    assert members("am-thanh") == sum(1 for mime in FILES.values() if mime.startswith("audio"))


def test_headers_allow_exactly_the_players_and_media_the_pages_use(built) -> None:
    _, _, (site_headers, embed_headers) = built
    policy = directives(site_headers["Content-Security-Policy"])
    # player.vimeo.com is allowed in mkdocs.yml but no story uses it: not in the policy.
    assert policy["frame-src"] == ["'self'", "https://truyenhinh.ptqn.vn", "https://www.facebook.com", "https://www.youtube-nocookie.com"]
    assert policy["media-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    embed = directives(embed_headers["Content-Security-Policy"])
    assert "frame-src" not in embed and "media-src" not in embed  # embeds show posters, never players


# -- in Chromium, under the printed headers ----------------------------------------------------------

STAND_IN = "<!doctype html><html lang=vi><title>Trình phát</title><p id=standin>Trình phát của đài (thay thế)</p></html>"


def _open(browser, url: str):
    """A page under the policy with everything recorded; requests to other hosts are answered by a stand-in."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    foreign: list[str] = []
    errors: list[str] = []
    local = urlsplit(url).netloc

    def answer(route) -> None:
        if urlsplit(route.request.url).netloc == local:
            route.continue_()
            return
        foreign.append(route.request.url)
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=STAND_IN)

    context.route("**/*", answer)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "favicon" not in m.text else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="networkidle")
    return page, foreign, errors


@pytest.mark.parametrize("slug", HOSTED)
def test_a_hosted_video_loads_its_player_only_on_click_under_the_policy(browser, built, slug: str) -> None:
    _, site, (site_headers, embed_headers) = built
    with serve_with_headers(site, site_headers, embed_headers) as served:
        page, foreign, errors = _open(browser, f"{served.url}guong-dien-hinh/{slug}/")
        assert foreign == [], "a request to the video host before the click"
        link = page.locator("a[data-gs-player]")
        player = link.get_attribute("data-gs-player")
        link.click()
        settle(page, "() => document.querySelector('iframe.gs-video__player') !== null")
        frame = page.frame_locator("iframe.gs-video__player")
        frame.locator("#standin").wait_for()
        assert foreign == [player]
        assert page.locator("iframe.gs-video__player").get_attribute("title") == f"Phát video: Bài {slug}"
        assert page.evaluate("window.__violations") == []
        assert errors == []
        page.context.close()


@pytest.mark.parametrize("slug", FILES)
def test_a_file_plays_under_the_policy(browser, built, slug: str) -> None:
    _, site, (site_headers, embed_headers) = built
    with serve_with_headers(site, site_headers, embed_headers) as served:
        page, foreign, errors = _open(browser, f"{served.url}guong-dien-hinh/{slug}/")
        # preload="none": nothing of the file is fetched until play (muted: no gesture needed).
        page.evaluate("() => { const m = document.querySelector('video, audio'); m.muted = true; m.play(); }")
        settle(page, "() => document.querySelector('video, audio').currentTime > 0")
        if slug == "video":
            settle(page, "() => { const t = document.querySelector('video').textTracks[0]; return t && t.cues && t.cues.length > 0; }")
            assert page.evaluate("document.querySelector('video').textTracks[0].cues[0].text") == "Xin chào bà con xã Bình Minh."
        assert page.evaluate("window.__violations") == []
        assert foreign == [] and errors == []
        page.context.close()
