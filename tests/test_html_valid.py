"""Valid HTML (issue 19): the Nu Html Checker (npm `vnu-jar`, pinned in package.json, run with Java) on
every HTML file of the built demo reports no error from this project's templates and pages.

Two errors come from Material for MkDocs' own templates and are listed in `MATERIAL` (they are not
ours to change without copying Material's base template); anything else fails the test.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = (
    # base.html: the drawer and search toggles are checkboxes with autocomplete="off".
    ("Attribute “autocomplete” is only allowed when the input type is", 'class="md-toggle"'),
    # partials/nav-item.html: a section label with an index page gets tabindex="".
    ("Bad value “” for attribute “tabindex” on element “label”", 'class="md-nav__link"'),
)
"""(message start, text of the offending markup) of the errors Material's templates cause."""


def _errors(path: Path) -> list[dict]:
    java = shutil.which("java")
    assert java, "the Nu Html Checker needs Java (apt-get install -y default-jre-headless)"
    assert VNU.is_file(), "vnu-jar is missing: run `npm ci` (python3 dev.py test does it)"
    result = subprocess.run(
        [java, "-Xss4m", "-jar", str(VNU), "--errors-only", "--format", "json", "--skip-non-html", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]


def _from_material(message: dict) -> bool:
    return any(message["message"].startswith(text) and markup in message.get("extract", "") for text, markup in MATERIAL)


def test_the_checker_reports_what_the_issue_found(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="vi"><title>x</title><h1>a</h1><iframe src="a" title="a" width="100%"></iframe>', encoding="utf-8")
    errors = _errors(tmp_path)
    assert [e["message"] for e in errors if "width" in e["message"]], errors


@pytest.fixture(scope="module")
def demo_errors(demo_site: Path) -> list[dict]:
    return _errors(demo_site)


def test_no_html_error_from_our_templates_or_pages(demo_site: Path, demo_errors: list[dict]) -> None:
    ours = [e for e in demo_errors if not _from_material(e)]
    listed = [f"{e['url'].split(str(demo_site), 1)[-1]}:{e.get('lastLine')}: {e['message']}" for e in ours[:30]]
    assert not ours, "\n".join(listed)


def test_every_html_file_was_checked(demo_site: Path, demo_errors: list[dict]) -> None:
    # The allowed Material errors are on every page with the drawer toggle: the checker read them all.
    pages = {str(p.resolve()) for p in demo_site.rglob("*.html") if "md-toggle" in p.read_text(encoding="utf-8")}
    checked = {e["url"].removeprefix("file:") for e in demo_errors if _from_material(e)}
    assert len(pages) > 100 and pages <= checked
