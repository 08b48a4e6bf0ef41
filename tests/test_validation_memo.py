"""The live preview's memo (generator.validate.project.ValidationMemo): unchanged stories are not validated
again, and anything a story was made from that changes (its text, a photo, the vocabularies or the
settings) has it validated again, with its problems reported as without the memo."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from conftest import SiteProject, tiny_jpeg, valid_story
from generator.validate.project import Project, ValidationMemo, load_project
from generator.core.settings import Settings

PHOTO = "exemplars/2023/anh/ong-hoa.jpg"


def _load(project: SiteProject, memo: ValidationMemo, settings: Settings | None = None) -> Project:
    return load_project(settings or Settings(root=project.root), cwd=project.root, memo=memo)


def _codes(loaded: Project) -> list[tuple[str, str]]:
    return sorted((p.path, p.code) for p in loaded.problems)


def _two_stories(project: SiteProject) -> None:
    project.add_file(PHOTO, tiny_jpeg())
    project.add_story("2023/ong-hoa.md", valid_story(image={"src": "anh/ong-hoa.jpg", "alt": "Ông Hòa bên rừng keo"}))
    project.add_story("2024/chi-thuy.md", valid_story(title="Chị Lê Thị Thủy giữ nghề dệt", date="02/03/2024"))


def test_unchanged_stories_are_given_again_and_equal_a_full_validation(project: SiteProject) -> None:
    _two_stories(project)
    memo = ValidationMemo()
    first = _load(project, memo)
    assert memo.reused == 0 and len(first.stories) == 2
    second = _load(project, memo)
    assert memo.reused == 2
    assert all(a is b for a, b in zip(first.stories, second.stories, strict=True))
    full = load_project(Settings(root=project.root), cwd=project.root)
    assert (second.stories, second.problems) == (full.stories, full.problems)


def test_an_edited_story_is_validated_again(project: SiteProject) -> None:
    _two_stories(project)
    memo = ValidationMemo()
    _load(project, memo)
    text = (project.stories / "2024/chi-thuy.md").read_text(encoding="utf-8")
    project.add_story("2024/chi-thuy.md", text.replace("district: Huyện Bình Sơn", "district: Sơn Tinh"))
    broken = _load(project, memo)
    assert memo.reused == 1
    assert [path for path, _ in _codes(broken)] == ["exemplars/2024/chi-thuy.md"]
    assert [s.source for s in broken.stories] == ["exemplars/2023/ong-hoa.md"]
    # While broken it is not remembered: reported again at the next load.
    assert _codes(_load(project, memo)) == _codes(broken) and memo.reused == 1
    # Put back as it was, it is the story remembered from those very bytes.
    project.add_story("2024/chi-thuy.md", text)
    assert len(_load(project, memo).stories) == 2 and memo.reused == 2
    project.add_story("2024/chi-thuy.md", text.replace("Chị Lê Thị Thủy giữ nghề dệt", "Chị Thủy giữ nghề dệt"))
    assert "Chị Thủy giữ nghề dệt" in [s.title for s in _load(project, memo).stories] and memo.reused == 1


def test_a_deleted_or_replaced_photo_has_its_story_validated_again(project: SiteProject) -> None:
    _two_stories(project)
    memo = ValidationMemo()
    _load(project, memo)
    photo = project.root / PHOTO
    photo.write_bytes(b"not a photo at all")  # same name, now damaged
    damaged = _load(project, memo)
    assert memo.reused == 1
    assert [p.path for p in damaged.errors] == ["exemplars/2023/ong-hoa.md"]
    photo.write_bytes(tiny_jpeg())
    assert _load(project, memo).errors == []
    os.remove(photo)
    missing = _load(project, memo)
    assert [p.code for p in missing.errors] == ["image.missing"]


def test_a_story_with_warnings_reports_them_at_every_load(project: SiteProject) -> None:
    project.add_story("2023/ong-hoa.md", valid_story(body="Ông Hòa (CCCD số 051075001234) hiến 500 m² đất làm đường.\n"))
    memo = ValidationMemo()
    first = _load(project, memo)
    assert [p.code for p in first.problems] == ["privacy.id_number"]
    second = _load(project, memo)
    assert memo.reused == 0 and _codes(second) == _codes(first)


def test_other_settings_or_vocabularies_validate_everything_again(project: SiteProject) -> None:
    _two_stories(project)
    memo = ValidationMemo()
    settings = Settings(root=project.root)
    _load(project, memo, settings)
    _load(project, memo, dataclasses.replace(settings, strict=True))
    assert memo.reused == 0
    _load(project, memo, dataclasses.replace(settings, strict=True))
    assert memo.reused == 2
    project.add_file("vocabularies/localities.yml", (Path(__file__).parent.parent / "generator/defaults/localities.yml").read_text(encoding="utf-8") + "\n")
    _load(project, memo, dataclasses.replace(settings, strict=True, vocabulary_dir="vocabularies"))
    assert memo.reused == 0


def test_a_deleted_story_is_gone(project: SiteProject) -> None:
    _two_stories(project)
    memo = ValidationMemo()
    _load(project, memo)
    os.remove(project.stories / "2024/chi-thuy.md")
    assert [s.source for s in _load(project, memo).stories] == ["exemplars/2023/ong-hoa.md"]
    assert len(memo.stories) == 1
