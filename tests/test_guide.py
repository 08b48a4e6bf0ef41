"""The officers' guide (content/huong-dan/) stays true to the program it documents.

Issue 7, "Guide for officers": the error guide covers every message and quotes them as the program
prints them; the example story passes `exemplars check`; the documented keys, commands and
headers are the real ones; the whole site, guide included, builds with `--strict`.
"""

from __future__ import annotations

import contextlib
import re
import shlex
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from conftest import REPO, make_project, tiny_jpeg
from harness import mkdocs_build

from generator.adapters.cli import cli
from generator.outputs.headers import site_policies
from generator.core.messages import GUIDE, MESSAGES
from generator.validate.schema import KNOWN_KEYS

GUIDE_DIR = REPO / "content" / "huong-dan"
ERRORS = GUIDE_DIR / "loi-thuong-gap.md"
WRITING = GUIDE_DIR / "viet-bai.md"
PREVIEW = GUIDE_DIR / "xem-truoc-va-gui-bai.md"
DEPLOY = GUIDE_DIR / "trien-khai.md"


def blocks(path: Path, language: str) -> list[str]:
    """The fenced code blocks of one language in a Markdown page."""
    return re.findall(rf"^```{language}\n(.*?)^```$", path.read_text(encoding="utf-8"), re.M | re.S)


def test_the_messages_point_to_the_error_guide():
    assert GUIDE == "xem content/huong-dan/loi-thuong-gap.md"
    assert ERRORS.is_file()


def test_every_message_is_explained():
    text = ERRORS.read_text(encoding="utf-8")
    missing = [code for code in MESSAGES if f"`{code}`" not in text]
    assert missing == [], f"loi-thuong-gap.md does not explain: {missing}"


def _pattern(template: str) -> re.Pattern:
    """A message template as a regex: each {placeholder} matches any text."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(re.escape(p) if i % 2 == 0 else (re.escape(GUIDE) if p == "guide" else ".+") for i, p in enumerate(parts))
    return re.compile(regex + r"$")


def test_quoted_messages_are_the_real_ones():
    patterns = [_pattern(vi) for vi, _ in MESSAGES.values()]
    quoted = [
        m.group(2)
        for block in blocks(ERRORS, "text")
        for m in re.finditer(r"^\S+:\d+: (error|warning): (.+)$", block, re.M)
    ]
    assert len(quoted) >= 50
    unknown = [q for q in quoted if not any(p.match(q) for p in patterns)]
    assert unknown == [], "messages quoted in the guide that the program does not print"


def test_the_example_story_passes_the_check(tmp_path: Path):
    [story] = [b for b in blocks(WRITING, "markdown") if b.startswith("---\ntitle:")]
    project = make_project(tmp_path / "site")
    path = project.add_story("2023/ho-ong-dinh-van-ron.md", story)
    for name in re.findall(r"(?:src: |\]\()([\w-]+\.jpg)", story):
        project.add_file(f"exemplars/2023/{name}", tiny_jpeg())
    result = project.check()
    assert result.exit_code == 0, result.output
    assert "không có lỗi" in result.output
    assert path.read_text(encoding="utf-8").count("\n---\n") == 1


def test_yaml_examples_use_real_keys():
    examples = blocks(WRITING, "yaml")
    assert len(examples) >= 8
    for example in examples:
        data = yaml.safe_load(example)
        assert isinstance(data, dict), example
        assert set(data) <= set(KNOWN_KEYS), example


def test_every_key_is_documented():
    text = WRITING.read_text(encoding="utf-8")
    for key in KNOWN_KEYS:
        assert f"| `{key}` |" in text, key


def test_the_documented_new_command_works(tmp_path: Path):
    [command] = [b for b in blocks(PREVIEW, "sh") if "exemplars new --no-input" in b]
    args = shlex.split(command.replace("\\\n", " "))
    assert args[:2] == ["exemplars", "new"]
    project = make_project(tmp_path / "site")
    with contextlib.chdir(project.root):
        result = CliRunner().invoke(cli, args[1:])
    assert result.exit_code == 0, result.output
    [created] = project.stories.rglob("*.md")
    # As the guide says: the file is right except for the template text the officer replaces.
    check = project.check(str(created.relative_to(project.root)))
    assert check.exit_code == 1
    assert check.stdout.count("vẫn là chữ mẫu của bài viết mới") == len(check.stdout.splitlines()) == 2


def test_the_deployment_guide_shows_the_policy_the_command_prints(demo_site: Path):
    policies = site_policies(demo_site)
    text = DEPLOY.read_text(encoding="utf-8")
    hashes = re.compile(r"( '(sha256-[^']+)')+")
    shown = hashes.sub(" 'sha256-…'", policies.site)
    assert f"`{shown}`" in text
    assert "frame-ancestors *" in policies.embed and "`frame-ancestors *`" in text
    for header in ("X-Frame-Options", "SAMEORIGIN", "X-Content-Type-Options", "nosniff", "Referrer-Policy", "nhung/"):
        assert header in text
    for directive in ("script-src 'self' 'unsafe-eval'", "style-src 'self' 'unsafe-inline'", "frame-ancestors 'none'"):
        assert directive in policies.editor and f"`{directive}`" in text


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("anh/0869ddf24ad55d17d2fe/canh-dong-nghia-ky-1600.avif", "public, max-age=31536000, immutable"),
        ("anh/chia-se/ong-pham-van-tam-1a2b3c4d.jpg", "public, max-age=31536000, immutable"),
        ("assets/javascripts/bundle.a5f9d56c.min.js", "public, max-age=31536000, immutable"),
        ("assets/stylesheets/main.0a1b2c3d.min.css", "public, max-age=31536000, immutable"),
        ("assets/fonts/be-vietnam-pro-400.woff2", "public, max-age=2592000"),
        ("assets/javascripts/gs.js", "public, max-age=3600"),
        ("assets/javascripts/tim-kiem.js", "public, max-age=3600"),
        ("tim-kiem/chi-muc/t/duc.json", "public, max-age=300"),
        ("guong-dien-hinh/ong-pham-van-tam/", "public, max-age=300"),
        ("feed.json", "public, max-age=300"),
    ],
)
def test_the_nginx_cache_map_matches_the_site_layout(kind: str, expected: str):
    """The `map` of the nginx example, applied as nginx does (first matching regex, else default)."""
    [config] = blocks(DEPLOY, "nginx")
    body = config.split("map $uri $gs_cache_control {", 1)[1].split("\n}", 1)[0]
    rules = []
    for line in body.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        pattern, value = re.fullmatch(r'("[^"]+"|\S+)\s+"([^"]+)";', line).groups()
        rules.append((pattern.strip('"'), value))
    default = dict(rules)["default"]
    uri = "/" + kind
    found = next((value for pattern, value in rules if pattern.startswith("~") and re.search(pattern[1:], uri)), default)
    assert found == expected


def test_the_site_with_the_guide_builds_strictly(tmp_path: Path):
    """Broken links in the guide (or anywhere) fail `mkdocs build --strict`, as CI's build does."""
    result = mkdocs_build(REPO, tmp_path / "site", "--strict")
    assert result.returncode == 0, result.stderr
    for page in ("viet-bai", "loi-thuong-gap", "xem-truoc-va-gui-bai", "trien-khai"):
        html = (tmp_path / "site" / "huong-dan" / page / "index.html").read_text(encoding="utf-8")
        assert "md-nav__link--active" in html, page  # in the navigation of the "Hướng dẫn" section


def test_the_story_counts_in_the_guide_are_the_demo_site_s():
    """Every "Đã kiểm tra N bài viết" the guides quote is the count `exemplars check` gives on the demo."""
    with contextlib.chdir(REPO):
        result = CliRunner().invoke(cli, ["check"])
    [count] = re.findall(r"Đã kiểm tra (\d+) bài viết", result.stderr)
    quoted = {n for path in GUIDE_DIR.glob("*.md") for n in re.findall(r"Đã kiểm tra (\d+) bài viết", path.read_text(encoding="utf-8"))}
    assert quoted == {count}
