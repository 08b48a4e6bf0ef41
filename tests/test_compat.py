"""The private MkDocs and Material internals the adapter uses (generator/adapters/mkdocs/compat.py).

Each is called for real on a real MkDocs configuration, so that an internal renamed or changed
by a MkDocs or Material release fails here, with its name, rather than deep inside a build.
"""

from __future__ import annotations

import logging
import shutil
from importlib import metadata
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import get_navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from generator.adapters.mkdocs import compat

MKDOCS_YML = """\
site_name: Thử
site_url: https://vi.du/
docs_dir: docs
theme:
  name: material
  language: vi
  font: false
markdown_extensions:
  - attr_list
  - toc
"""


@pytest.fixture
def site(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Trang chủ\n\nXem [bài](bai.md#ket-qua).\n", encoding="utf-8")
    (tmp_path / "docs" / "bai.md").write_text("# Ông Hòa\n\n## Kết quả {#ket-qua}\n\n<p id=\"goc\">x</p>\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    config = load_config(str(tmp_path / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    files = Files([File(name, config.docs_dir, config.site_dir, config.use_directory_urls) for name in ("index.md", "bai.md")])
    nav = get_navigation(files, config)
    env = config.theme.get_env()
    return config, files, nav, env


def test_the_installed_versions_are_the_ones_compat_was_written_for() -> None:
    compat.check_versions()  # raises otherwise


def test_an_unknown_version_stops_with_a_message_saying_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real = metadata.version
    monkeypatch.setattr(compat.metadata, "version", lambda name: "1.7.0" if name == "mkdocs" else real(name))
    with pytest.raises(PluginError, match=r"mkdocs 1\.7\.0 chưa được hỗ trợ .*pip install 'mkdocs>=1\.6,<1\.7'"):
        compat.check_versions()


def test_a_page_is_populated_and_built_as_mkdocs_does(site) -> None:
    config, files, nav, env = site
    page = files.get_file_from_path("bai.md").page
    compat.populate_page(page, config, files)
    assert page.title == "Ông Hòa"
    assert 'id="ket-qua"' in page.content
    compat.build_page(page, config, files.documentation_pages(), nav, env)
    html = (Path(config.site_dir) / "bai" / "index.html").read_text(encoding="utf-8")
    assert "<title>Ông Hòa - Thử</title>" in html


def test_page_processors_on_a_reused_converter_give_what_page_render_gives(site) -> None:
    config, files, nav, env = site
    page = files.get_file_from_path("index.md").page
    page.read_source(config)
    md = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
    processors = compat.PageProcessors.register(md, page.file, files, config)
    html = md.convert(page.markdown)
    assert 'href="bai/#ket-qua"' in html  # links rewritten like MkDocs does
    assert processors.title.title == "Trang chủ"
    assert "trang-chu" in processors.anchor_ids
    [(target, anchors)] = processors.links_to_anchors.items()
    assert target.src_uri == "bai.md" and "ket-qua" in anchors

    other = files.get_file_from_path("bai.md").page
    other.read_source(config)
    again = compat.PageProcessors.register(md, other.file, files, config)  # replaces the first page's
    md.reset()
    md.convert(other.markdown)
    assert again.title.title == "Ông Hòa" and "goc" in again.anchor_ids and again.links_to_anchors == {}
    compat.set_title_from_render(other, again.title.title)
    assert other.title == "Ông Hòa"


def test_strict_counts_read_and_add_to_mkdocs_counter() -> None:
    handler = CountHandler()
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        logging.getLogger("mkdocs.plugins.thu").warning("một cảnh báo")
        assert compat.strict_counts() == {logging.WARNING: 1}
        compat.add_strict_counts({logging.WARNING: 2, logging.ERROR: 0})
        assert handler.counts[logging.WARNING] == 3
    finally:
        logger.removeHandler(handler)


def test_material_script_looks_only_at_language_alternates(tmp_path: Path) -> None:
    import material

    bundles = list((Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    target = tmp_path / "assets" / "javascripts"
    target.mkdir(parents=True)
    shutil.copy(bundles[0], target)
    assert compat.narrow_material_alternates(tmp_path)
    text = (target / bundles[0].name).read_text(encoding="utf-8")
    assert '"link[rel=alternate][hreflang]"' in text and '"link[rel=alternate]"' not in text
    assert compat.narrow_material_alternates(tmp_path)  # a second run changes nothing and says all is well


def test_page_class_is_the_one_compat_uses() -> None:
    assert compat.Page is Page


def test_mkdocs_abort_lines_are_translated():
    assert compat.vietnamese_abort_message("Aborted with a BuildError!") == (
        "Dựng trang thất bại vì các lỗi ở trên; trang đang chạy giữ nguyên."
    )
    assert compat.vietnamese_abort_message("Aborted with 3 warnings, 1 errors in strict mode!") == (
        "Dựng trang thất bại: 3 cảnh báo, 1 lỗi ở chế độ nghiêm ngặt (--strict), xem các dòng WARNING ở trên; "
        "trang đang chạy giữ nguyên."
    )
    assert compat.vietnamese_abort_message("Something else") == "Something else"


def test_a_failed_build_ends_in_vietnamese_without_the_english_banner(tmp_path: Path):
    from conftest import make_project, valid_story
    from harness import mkdocs_build

    project = make_project(tmp_path / "site")
    project.add_story("2023/hong.md", valid_story(date="31/02/2023"))
    result = mkdocs_build(project.root, tmp_path / "out")
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() + result.stdout.splitlines() if line.strip()]
    assert lines[-1] == "Dựng trang thất bại vì các lỗi ở trên; trang đang chạy giữ nguyên."
    assert "Aborted" not in result.stderr + result.stdout


def test_dev_py_silences_materials_banner_for_every_command(monkeypatch, capsys):
    """dev.py (serve, build, test, .ci/run) hands NO_MKDOCS_2_WARNING to every MkDocs it starts."""
    import sys

    from conftest import REPO

    monkeypatch.delenv("NO_MKDOCS_2_WARNING", raising=False)
    monkeypatch.syspath_prepend(str(REPO))
    import dev

    with pytest.raises(SystemExit) as stopped:
        dev.main(["help"])
    assert stopped.value.code == 0
    assert sys.modules["os"].environ["NO_MKDOCS_2_WARNING"] == "1"
    assert "NO_MKDOCS_2_WARNING=1" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
