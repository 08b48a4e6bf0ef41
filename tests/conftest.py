"""Shared fixtures: a throw-away site in `tmp_path`, valid story text, and ways to run the check.

Later test modules (site build, browser tests) build on the same pieces:

- `valid_story(**overrides)` returns the text of a story that passes `exemplars check`;
- `make_project(root)` / the `project` fixture write a minimal MkDocs site (mkdocs.yml,
  content/index.md, exemplars/) and let a test add story files and run the check on it;
- `run_check(root, *args)` runs `exemplars check` in-process with click's `CliRunner`.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from generator.adapters.cli import cli

REPO = Path(__file__).resolve().parent.parent
"""The repository (folder of the real mkdocs.yml)."""
VENV_BIN = Path(sys.executable).parent
"""Where the console scripts of the test interpreter (`exemplars`, `mkdocs`) live."""

MKDOCS_YML = """\
site_name: Gương sáng thử nghiệm
docs_dir: content
theme:
  name: material
  language: vi
  font: false
plugins:
  - exemplars
"""

# Key order is the order officers write them in; overrides keep it.
VALID_FRONT_MATTER: dict[str, object] = {
    "title": "Ông Nguyễn Văn Hòa: 30 năm giữ rừng đầu nguồn",
    "subject": "Ông Nguyễn Văn Hòa",
    "kind": "cá nhân",
    "movement": "Cả nước chung sức xây dựng nông thôn mới",
    "field": "Nông nghiệp - Nông thôn mới",
    "unit": "UBND huyện Bình Sơn",
    "district": "Huyện Bình Sơn",
    "date": "19/05/2023",
}

VALID_BODY = """\
Ông Hòa đã hiến 500 m² đất để mở rộng đường liên thôn, vận động bà con cùng góp công
xây dựng nông thôn mới ở xã Bình Minh.

## Những việc làm cụ thể

- Trồng và bảo vệ 12 ha rừng đầu nguồn.
- Hướng dẫn hơn 40 hộ nghèo chăn nuôi bò sinh sản.
"""


def _yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar: plain when YAML reads it back unchanged, else double-quoted."""
    risky = (
        value != value.strip()
        or not value
        or value[0] in "!&*[]{}|>'\"%@`#,?-:"
        or value.endswith(":")
        or ": " in value
        or " #" in value
        or not value.isprintable()
    )
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False) if risky else value


def front_matter_lines(fields: Mapping[str, object]) -> list[str]:
    """YAML lines for `fields`: strings as scalars, lists as block lists, dicts as nested keys.

    A value given as `Raw("...")` is written verbatim after the key, for tests that need exact
    YAML (`[a, b]` flow lists, tags, quotes).
    """
    lines = []
    for key, value in fields.items():
        if isinstance(value, Raw):
            lines.append(f"{key}: {value.text}" if value.text else f"{key}:")
        elif isinstance(value, str):
            lines.append(f"{key}: {_yaml_scalar(value)}")
        elif isinstance(value, Sequence):
            lines.append(f"{key}:")
            for item in value:
                if isinstance(item, Mapping):
                    sub = front_matter_lines(item)
                    lines.append(f"  - {sub[0]}")
                    lines += [f"    {line}" for line in sub[1:]]
                else:
                    lines.append(f"  - {_yaml_scalar(str(item))}")
        elif isinstance(value, Mapping):
            lines.append(f"{key}:")
            lines += [f"  {line}" for line in front_matter_lines(value)]
        else:
            raise TypeError(f"cannot write {key}={value!r} as front matter")
    return lines


@dataclass(frozen=True)
class Raw:
    """A front-matter value written exactly as given (see `front_matter_lines`)."""

    text: str


def valid_story(body: str = VALID_BODY, **overrides: object) -> str:
    """Text of a valid story; `key=value` replaces a field, `key=None` removes it.

    >>> valid_story(title="Chị Lê Thị Thủy", status="draft")  # doctest: +SKIP
    """
    fields = {**VALID_FRONT_MATTER, **overrides}
    fields = {k: v for k, v in fields.items() if v is not None}
    return "---\n" + "\n".join(front_matter_lines(fields)) + "\n---\n\n" + body


def tiny_jpeg(width: int = 8, height: int = 6) -> bytes:
    """A real (small) JPEG photo, for stories that need a cover image that exists."""
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (163, 29, 29)).save(buffer, "JPEG")
    return buffer.getvalue()


def run_check(root: Path, *args: str) -> Result:
    """`exemplars check ARGS` run in-process from `root` (so paths print relative to it)."""
    with contextlib.chdir(root):
        return CliRunner().invoke(cli, ["check", *args], catch_exceptions=True)


@dataclass
class SiteProject:
    """A minimal MkDocs site on disk, to which a test adds stories."""

    root: Path

    @property
    def stories(self) -> Path:
        return self.root / "exemplars"

    def add_story(self, name: str, text: str | bytes | None = None, **overrides: object) -> Path:
        """Write `exemplars/<name>` (folders created); default text is `valid_story(**overrides)`."""
        path = self.stories / name
        path.parent.mkdir(parents=True, exist_ok=True)
        content = valid_story(**overrides) if text is None else text
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            # newline="" keeps "\r\n" in tests that write CRLF on purpose.
            path.write_text(content, encoding="utf-8", newline="")
        return path

    def add_file(self, name: str, content: bytes | str = b"") -> Path:
        """Any other file below the root (photos, vocabularies), folders created."""
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    def check(self, *args: str) -> Result:
        """Run `exemplars check ARGS` in this project."""
        return run_check(self.root, *args)


def make_project(root: Path, mkdocs_yml: str = MKDOCS_YML) -> SiteProject:
    """Write mkdocs.yml, content/index.md and an empty exemplars/ under `root`."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(mkdocs_yml, encoding="utf-8")
    (root / "content").mkdir(exist_ok=True)
    (root / "content" / "index.md").write_text("# Gương sáng\n\nTrang thử nghiệm.\n", encoding="utf-8")
    (root / "exemplars").mkdir(exist_ok=True)
    return SiteProject(root)


@pytest.fixture
def project(tmp_path: Path) -> SiteProject:
    """A fresh minimal site in `tmp_path / "site"`."""
    return make_project(tmp_path / "site")


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The repository's demo site, built once per session with the fixed test build date."""
    from harness import mkdocs_build

    site = tmp_path_factory.mktemp("demo") / "site"
    result = mkdocs_build(REPO, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="module")
def browser():
    """A headless Chromium for the module's tests (Debian's chromium via Playwright)."""
    from harness import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base_url(demo_site):
    """The demo site served on a loopback port."""
    from harness import serve

    with serve(demo_site) as url:
        yield url
