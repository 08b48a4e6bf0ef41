"""The web editor `soan-bai/`: an officer fills the form in headless Chromium, against
`exemplars editor`'s local backend over a throw-away copy of the project, and the story saved is
the file `exemplars new` writes for the same answers; `check` accepts it and the next build
publishes it. Below, the generated configuration and the backend's confinement as units.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import threading
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import REPO, run_check
from generator.adapters.editor_server import EditorBackend, OutsideStories, editor_server
from generator.authoring.new_story import NewStory, render_story, story_path
from generator.core.axes import AXES
from generator.core.model import Kind
from generator.load.vocabulary import load_vocabulary
from generator.outputs.editor import EditorOptions, decap_config, term_options
from generator.outputs.headers import editor_policy, render_nginx, site_policies
from generator.validate.schema import known_keys
from harness import assert_nothing_lost, chromium, mkdocs_build

BUILD_DATE = dt.date(2026, 11, 21)  # harness.BUILD_EPOCH
STORY_DATE = dt.date(2026, 11, 15)
MOVEMENTS = ("Cả nước chung sức xây dựng nông thôn mới", "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở")
ANSWERS = NewStory(
    title="Chị Nguyễn Thị Mỹ Lệ – người giữ lửa thư viện xã Đức Phổ: “đọc để đi xa”",
    subject="Chị Nguyễn Thị Mỹ Lệ, cán bộ văn hóa xã",
    kind=Kind.INDIVIDUAL,
    terms=tuple(
        (axis, names)
        for axis, names in zip(
            AXES, (MOVEMENTS, ("Phường Cẩm Thành",), ("Giáo dục - Đào tạo",), ("Sở Giáo dục và Đào tạo",))
        )
    ),
    date=STORY_DATE,
)
SUMMARY = "Mười năm giữ thư viện xã mở cửa mỗi tối cho học sinh."
ALT = "Chị Lệ đọc sách cùng các em học sinh trong thư viện xã"


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n", 2)[1])


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """A copy of the project, its built site and `exemplars editor`'s server over them."""
    root = tmp_path_factory.mktemp("editor")
    project = root / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "exemplars", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    site = root / "site"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    server = editor_server(site, EditorBackend(project, project / "exemplars"), port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield project, site, f"http://127.0.0.1:{server.server_address[1]}/soan-bai/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as instance:
        yield instance


def _open_new_story(browser, url: str, year: int):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    # The server sends the editor's CSP (`exemplars headers`): Decap must run under it.
    page.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url, wait_until="networkidle")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_selector("text=Bài năm")
    page.goto(f"{url}#/collections/nam-{year}/new")
    page.wait_for_selector("#title-field-1")
    return page, errors


def _choose(page, field: str, text: str) -> None:
    """Pick an option of a select list the way an officer does: click, type, Enter."""
    page.click(f"[id^='{field}-field-']")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _fill(page, story: NewStory, photo: Path | None, alt: str = ALT) -> None:
    terms = {axis.key: names for axis, names in story.terms}
    page.fill("[id^='title-field-']", story.title)
    if story.subject:
        page.fill("[id^='subject-field-']", story.subject)
    _choose(page, "kind", story.kind.value)
    for key in ("movement", "field", "unit", "locality"):
        for name in terms[key]:
            _choose(page, key, name)
    page.fill("[id^='date-field-']", story.date.isoformat())  # the browser's own date picker
    page.fill("[id^='summary-field-']", SUMMARY)
    if photo is not None:
        page.get_by_role("button", name="Chọn một hình").click()
        page.set_input_files("input[type=file]", str(photo))
        page.get_by_role("button", name="Lấy những cái đã chọn").click()
        if alt:
            page.fill("[id^='alt-field-']", alt)
    _choose(page, "status", "Đăng khi được duyệt")
    page.locator("[contenteditable=true]").first.click()
    page.keyboard.type("Mười năm qua, chị Lệ giữ thư viện xã mở cửa mỗi tối.")
    page.keyboard.press("Enter")
    page.keyboard.type("Các em học sinh có chỗ đọc sách và làm bài.")


def _publish(page) -> None:
    page.get_by_role("button", name="Công bố").click()
    page.get_by_role("menuitem", name="Công bố ngay").click()


def test_a_story_filled_in_the_editor_is_the_file_exemplars_new_writes_and_is_published(editor, browser, tmp_path):
    project, _site, url = editor
    photo = tmp_path / "thu-vien-xa.jpg"
    Image.new("RGB", (1600, 1000), (120, 160, 200)).save(photo, quality=85)
    page, errors = _open_new_story(browser, url, STORY_DATE.year)
    try:
        _fill(page, ANSWERS, photo)
        # The preview pane shows the body with the site's own stylesheets (Material's and ours).
        styles = page.evaluate(
            "[...document.querySelector('iframe').contentDocument.querySelectorAll('link[rel=stylesheet]')].map(l => l.href)"
        )
        assert any("/assets/stylesheets/main." in href for href in styles)
        assert any(href.endswith("/assets/stylesheets/exemplars.css") for href in styles)
        _publish(page)
        # Same file name as `exemplars new`: the project's slug rule.
        saved = story_path(project / "exemplars", ANSWERS)
        page.wait_for_function("() => !document.body.innerText.includes('THAY ĐỔI CHƯA ĐƯỢC LƯU')", timeout=15_000)
        assert errors == []
    finally:
        page.close()
    assert saved.is_file(), sorted(p.name for p in saved.parent.iterdir())
    text = saved.read_text(encoding="utf-8")
    written = _front_matter(text)
    expected = _front_matter(render_story(ANSWERS))  # the template's comments parse to nothing
    # The keys `exemplars new` writes, with its values (date as dd/mm/yyyy, movements as a list),
    # then the optional ones the officer filled, all in the schema's order.
    assert list(written)[: len(expected)] == list(expected)
    assert {k: written[k] for k in expected} == expected
    assert list(written) == [k for k in known_keys() if k in written]
    assert re.search(r"^date: 15/11/2026$", text, re.M)
    assert re.search(r"^movement:\n  - .+\n  - .+\n", text, re.M)
    assert written["summary"] == SUMMARY
    assert written["image"] == {"src": photo.name, "alt": ALT}
    assert written["status"] == "published"
    assert (saved.parent / photo.name).read_bytes() == photo.read_bytes()  # next to the story

    result = run_check(project)
    assert result.exit_code == 0, result.output

    site = project.parent / "site-after"
    built = mkdocs_build(project, site)
    assert built.returncode == 0, built.stderr
    records = assert_nothing_lost(project, site, BUILD_DATE)
    record = next(r for r in records if r["source"] == saved.relative_to(project).as_posix())
    assert record["movements"] and len(record["movements"]) == 2
    story_page = (site / "guong-dien-hinh" / record["slug"] / "index.html").read_text(encoding="utf-8")
    assert "người giữ lửa thư viện xã" in story_page and ALT in story_page


def test_a_story_without_a_required_field_is_refused_by_the_editor_and_by_check(editor, browser):
    project, _site, url = editor
    answers = NewStory(
        title="Tổ hòa giải thôn An Phú", subject="", kind=Kind.COLLECTIVE, terms=ANSWERS.terms, date=STORY_DATE
    )
    page, _ = _open_new_story(browser, url, STORY_DATE.year)
    try:
        _fill(page, answers, photo=None)
        _publish(page)
        page.wait_for_selector("text=bắt buộc nhập")
        refused = page.evaluate("[...document.querySelectorAll('li')].map(li => li.textContent).filter(t => t.includes('bắt buộc'))")
        assert refused == ["Đối tượng được nêu gương bắt buộc nhập."]  # an empty optional cover is no problem
        assert page.get_by_text("THAY ĐỔI CHƯA ĐƯỢC LƯU").is_visible()
    finally:
        page.close()
    target = story_path(project / "exemplars", answers)
    assert not target.exists()

    # The same story saved through a hosted backend without the editor's checks (or edited by
    # hand afterwards) is stopped by `check`, with its place.
    text = render_story(answers).replace('subject: ""\n', "")
    target.write_text(text, encoding="utf-8")
    try:
        result = run_check(project)
        relative = target.relative_to(project).as_posix()
        assert result.exit_code == 1
        assert re.search(rf"^{re.escape(relative)}:\d+: ", result.output, re.M), result.output
    finally:
        target.unlink()


_LINKS_EDITOR = re.compile(r'(?:href|src)="[^"]*soan-bai/|decap-cms\.js|gs-editor\.js|"/?soan-bai/')


def test_a_cover_photo_without_its_description_is_refused(editor, browser, tmp_path):
    project, _site, url = editor
    photo = tmp_path / "khong-mo-ta.jpg"
    Image.new("RGB", (800, 600), (90, 120, 60)).save(photo)
    answers = NewStory(title="Hộ ông Trần Văn Ba", subject="Hộ ông Trần Văn Ba", kind=Kind.HOUSEHOLD,
                       terms=ANSWERS.terms, date=STORY_DATE)  # fmt: skip
    page, _ = _open_new_story(browser, url, STORY_DATE.year)
    try:
        _fill(page, answers, photo, alt="")
        _publish(page)
        page.wait_for_selector("text=cần viết mô tả ảnh")
    finally:
        page.close()
    assert not story_path(project / "exemplars", answers).exists()
    assert not (project / "exemplars" / str(STORY_DATE.year) / photo.name).exists()


def test_public_pages_do_not_reference_the_editor(editor):
    _project, site, _url = editor
    editor_page = (site / "soan-bai" / "index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in editor_page
    assert "<script>" not in editor_page  # no inline script: the CSP needs no hash for it
    referring = [
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.suffix in (".html", ".xml", ".json", ".js", ".css", ".txt")
        and not path.is_relative_to(site / "soan-bai")
        and _LINKS_EDITOR.search(path.read_text(encoding="utf-8", errors="replace"))
    ]
    assert referring == []
    # Not in the sitemap, the search index or the open data either.
    indexes = [site / "sitemap.xml", *(site / "tim-kiem" / "chi-muc").rglob("*.json"), *(site / "du-lieu").rglob("*.json")]
    assert [p.name for p in indexes if "soan-bai/" in p.read_text(encoding="utf-8")] == []
    policies = site_policies(site)
    assert "'unsafe-eval'" not in policies.site and "'unsafe-inline'" not in policies.site
    # Decap compiles its config schema with `new Function` (ajv): without 'unsafe-eval' it does not start.
    assert "script-src 'self' 'unsafe-eval';" in policies.editor
    assert "frame-ancestors 'none'" in policies.editor
    text = render_nginx(policies)
    assert "location ^~ /soan-bai/ {" in text
    unsafe = [line for line in text.splitlines() if "'unsafe-eval'" in line and "add_header" in line]
    assert len(unsafe) == 1 and unsafe[0].startswith("    ")  # inside the editor's location only


def test_the_editor_policy_allows_exactly_the_git_host_it_talks_to():
    gitea = editor_policy({"name": "gitea", "api_root": "https://git.tinh.vn/api/v1", "base_url": "https://git.tinh.vn"})
    assert "connect-src 'self' blob: https://git.tinh.vn;" in gitea
    github = editor_policy({"name": "github", "base_url": "https://oauth.tinh.vn"})
    assert "connect-src 'self' blob: https://api.github.com https://oauth.tinh.vn;" in github
    assert "connect-src 'self' blob:;" in editor_policy({"name": "proxy", "proxy_url": "/api/v1"})


# -- the configuration, without a browser -------------------------------------------------------


@pytest.fixture(scope="module")
def vocabulary():
    return load_vocabulary()[0]


def test_config_fields_follow_the_story_format_and_hosted_backends_carry_no_secret(vocabulary):
    options = EditorOptions(backend="gitea", repo="ban-tdkt/guong-sang", base_url="https://git.tinh.vn", app_id="abc")
    config = decap_config(options, "exemplars", [2024, 2025], AXES, vocabulary, BUILD_DATE)
    assert [c["folder"] for c in config["collections"]] == ["exemplars/2026", "exemplars/2025", "exemplars/2024"]
    names = [f["name"] for f in config["collections"][0]["fields"]]
    assert names[-1] == "body"
    assert names[:-1] == [k for k in known_keys() if k in names]
    assert names[:8] == ["title", "subject", "kind", "movement", "field", "unit", "locality", "date"]
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"] == {
        "name": "gitea", "repo": "ban-tdkt/guong-sang", "branch": "main", "base_url": "https://git.tinh.vn",
        "app_id": "abc",
    }  # fmt: skip
    gitlab = EditorOptions(backend="gitlab", repo="ban-tdkt/guong-sang", app_id="abc")
    assert decap_config(gitlab, "exemplars", [], AXES, vocabulary, BUILD_DATE)["backend"]["auth_type"] == "pkce"
    status = next(f for f in config["collections"][0]["fields"] if f["name"] == "status")
    assert status["default"] == "draft"
    local = decap_config(EditorOptions(), "exemplars", [], AXES, vocabulary, BUILD_DATE)
    assert local["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    assert "publish_mode" not in local


def test_select_lists_offer_current_terms_first(vocabulary):
    options = term_options(vocabulary.localities, BUILD_DATE)
    values = [o["value"] for o in options]
    first_ended = next(i for i, o in enumerate(options) if "(đến " in o["label"])
    assert all("(đến " in o["label"] for o in options[first_ended:])
    assert "Phường Cẩm Thành" in values[:first_ended]
    ended = options[first_ended]
    assert ended["label"] == f"{ended['value']} (đến 30/06/2025)"


@pytest.mark.parametrize("path", ["mkdocs.yml", "exemplars/../mkdocs.yml", "content/index.md", "/etc/passwd"])
def test_the_local_backend_reads_and_writes_only_the_stories_folder(tmp_path, path):
    (tmp_path / "exemplars").mkdir()
    backend = EditorBackend(tmp_path, tmp_path / "exemplars")
    with pytest.raises(OutsideStories):
        backend.handle("persistEntry", {"dataFiles": [{"path": path, "raw": "x", "slug": "x"}], "assets": []})
    assert backend.handle("getEntry", {"path": path})["data"] is None


def test_exemplars_editor_refuses_a_site_without_the_editor(project):
    from click.testing import CliRunner

    from generator.adapters.cli import cli

    project.add_file("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - exemplars\n", "  - exemplars:\n      editor:\n        enabled: false\n"))  # fmt: skip
    result = CliRunner().invoke(cli, ["editor", "--no-build", "-f", str(project.root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "trang soạn bài đang tắt" in result.output


def test_exemplars_editor_without_a_built_site_says_how_to_build_it(project, tmp_path):
    from click.testing import CliRunner

    from generator.adapters.cli import cli

    missing = tmp_path / "chua-dung"
    result = CliRunner().invoke(cli, ["editor", "--no-build", "-d", str(missing), "-f", str(project.root / "mkdocs.yml")])
    assert result.exit_code == 2
    assert "chưa có trang soạn bài" in result.output and "--no-build" in result.output


def test_a_hosted_backend_needs_its_repository(project):
    project.add_file("mkdocs.yml", project.root.joinpath("mkdocs.yml").read_text(encoding="utf-8").replace(
        "  - exemplars\n", "  - exemplars:\n      editor:\n        backend: github\n"))  # fmt: skip
    result = project.check()
    assert result.exit_code == 2
    assert "editor" in result.output and "repo" in result.output


def test_the_guide_documents_every_editor_option():
    from generator.adapters.mkdocs.config import EditorConfig

    guide = (REPO / "content" / "huong-dan" / "soan-bai-tren-web.md").read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name, _option in EditorConfig._schema:
        assert f"| `{name}` |" in guide, name
        assert f"{name}:" in readme, name
    assert "exemplars editor" in readme and "exemplars editor" in guide


def test_the_vendored_decap_files_are_the_ones_the_vendoring_script_verified():
    import hashlib
    import json

    from generator.outputs.editor import ASSETS

    manifest = json.loads((ASSETS / "decap" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["package"] == "decap-cms" and manifest["licence"] == "MIT"
    on_disk = {p.name for p in (ASSETS / "decap").iterdir()} - {"manifest.json", "LICENSE"}
    assert on_disk == set(manifest["files"])
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((ASSETS / "decap" / name).read_bytes()).hexdigest() == digest, name
