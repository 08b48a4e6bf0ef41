"""The one content-cache scheme (generator/runtime/cache.py) and `exemplars cache prune`.

Keys follow every input (bytes, the area's version, library versions, files by content); entries
are written whole; a real build marks what it used, and pruning removes only what it did not.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.adapters.cli import cli
from generator.runtime import cache
from generator.runtime.cache import LIBRARIES, VERSIONS, CacheArea
from test_images import CARD_LOG, PHOTO_LOG, built, cached_project, counts, jpeg


def test_every_cache_area_has_a_version_and_its_libraries_in_the_one_table() -> None:
    assert set(VERSIONS) == set(LIBRARIES) == {"images", "share-cards", "page-cards", "markdown", "photos-checked"}


def test_a_key_follows_the_inputs_the_version_the_libraries_and_files_by_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    font = tmp_path / "font.ttf"
    font.write_bytes(b"a" * 100)
    key = CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x00")
    assert CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x00") == key  # stable
    assert CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x01") != key
    assert CacheArea(tmp_path, "images", (font,)).key("thẻ", b"\x00") != key  # another area
    font.write_bytes(b"b" * 100)  # same size, other content
    assert CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x00") != key
    font.write_bytes(b"a" * 100)
    monkeypatch.setitem(VERSIONS, "share-cards", VERSIONS["share-cards"] + 1)
    assert CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x00") != key
    monkeypatch.undo()
    monkeypatch.setattr(cache, "_package_versions", lambda packages: (("pillow", "999"),))
    assert CacheArea(tmp_path, "share-cards", (font,)).key("thẻ", b"\x00") != key


def test_entries_are_written_whole_in_two_letter_shards(tmp_path: Path) -> None:
    area = CacheArea(tmp_path, "markdown")
    key = area.key("bài")
    path = area.write(key, ".json", b'{"a": 1}')
    assert path == tmp_path / "markdown" / key[:2] / f"{key}.json"
    area.write(key, ".json", b'{"a": 2}')
    assert json.loads(area.read(key, ".json")) == {"a": 2}
    assert path.read_bytes().startswith(b"sha256:")  # sealed with its digest
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temporary left


@pytest.mark.parametrize(
    "damage",
    [lambda raw: raw[: len(raw) // 2], lambda raw: b"", lambda raw: raw.replace(b'"a": 1', b'"a": 7'), lambda raw: b"\x00" * 40],
    ids=["truncated", "empty", "edited", "garbage"],
)
def test_a_damaged_private_entry_is_logged_removed_and_not_used(tmp_path: Path, damage, caplog: pytest.LogCaptureFixture) -> None:
    area = CacheArea(tmp_path, "markdown")
    key = area.key("bài")
    path = area.write(key, ".json", b'{"a": 1}')
    path.write_bytes(damage(path.read_bytes()))
    with caplog.at_level("INFO", logger="mkdocs.plugins.generator.cache"):
        assert area.read(key, ".json") is None
    assert [r.getMessage() for r in caplog.records] == [f"mục bộ nhớ đệm {path} bị hỏng hoặc thiếu tệp; đã làm lại, không dùng bản hỏng."]
    assert not path.exists()
    assert area.read(key, ".json") is None  # now simply missing: nothing more is logged
    assert len(caplog.records) == 1


def test_a_failed_write_leaves_no_entry_and_no_temporary(tmp_path: Path) -> None:
    area = CacheArea(tmp_path, "markdown")
    with pytest.raises(TypeError):
        area.write(area.key("x"), ".json", "không phải bytes")  # type: ignore[arg-type]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def prune(root: Path):
    with contextlib.chdir(root):
        return CliRunner().invoke(cli, ["cache", "prune"])


def test_prune_before_any_build_removes_nothing(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    result = prune(project.root)
    assert result.exit_code == 0, result.output
    assert "Chưa có lần dựng trang nào" in result.output


def test_prune_removes_what_the_last_build_did_not_use_and_nothing_it_used(tmp_path: Path) -> None:
    project = cached_project(tmp_path / "p")
    built(project.root, tmp_path / "out-1")
    entries = lambda area: sorted(p.name for p in (project.root / ".cache" / area).glob("*/*"))  # noqa: E731
    first = {area: entries(area) for area in ("images", "share-cards", "photos-checked")}
    assert [len(found) for found in first.values()] == [3, 3, 3]

    # A story gets a new title (a new card) and another photo (new renditions): the old ones stay cached.
    story = project.root / "exemplars" / "bai-0.md"
    story.write_text(story.read_text(encoding="utf-8").replace("Bài số 0", "Bài số không"), encoding="utf-8")
    (project.root / "exemplars" / "anh-1.jpg").write_bytes(jpeg(700, 500, 9))
    second = built(project.root, tmp_path / "out-2")
    assert counts(PHOTO_LOG, second.stderr) == (1, 2) and counts(CARD_LOG, second.stderr) == (2, 1)
    assert [len(entries(area)) for area in first] == [4, 5, 4]

    result = prune(project.root)
    assert result.exit_code == 0, result.output
    assert "Đã xóa 4 mục" in result.output  # the old photo's renditions and note, the two old cards
    assert [len(entries(area)) for area in first] == [3, 3, 3]
    for area, kept in first.items():  # what is left is what the second build used
        assert len(set(kept) & set(entries(area))) == {"images": 2, "share-cards": 1, "photos-checked": 2}[area]

    third = built(project.root, tmp_path / "out-3")  # everything it needs is still there
    assert counts(PHOTO_LOG, third.stderr) == (0, 3) and counts(CARD_LOG, third.stderr) == (0, 3)
