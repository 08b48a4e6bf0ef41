"""The pre-commit hook of `.pre-commit-config.yaml` refuses a commit with a broken story.

Issue 7, "Review and deployment". A throwaway git repository gets the real hook configuration,
the real dev.py and pyproject.toml, and a minimal site. Its `.venv` is a stand-in that points at
the interpreter running the tests (with dev.py's install stamp in place), so `python3 dev.py
check` runs the installed `exemplars` instead of creating and filling a second venv.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MKDOCS_YML, REPO, VENV_BIN, valid_story

BROKEN = valid_story(district="Sơn Tinh")  # line 8 of the front matter: a near miss of "Huyện Sơn Tịnh"
STORY = "exemplars/2023/ong-nguyen-van-hoa.md"


def git_env(tmp_path: Path) -> dict[str, str]:
    """Git and pre-commit isolated from the machine's configuration and caches."""
    return {
        **os.environ,
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Cán bộ thử nghiệm",
        "GIT_AUTHOR_EMAIL": "canbo@example.org",
        "GIT_COMMITTER_NAME": "Cán bộ thử nghiệm",
        "GIT_COMMITTER_EMAIL": "canbo@example.org",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "NO_MKDOCS_2_WARNING": "1",
    }


class Repo:
    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env

    def run(self, *args: str | Path) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(a) for a in args], cwd=self.root, env=self.env, capture_output=True, text=True, timeout=300
        )

    def git(self, *args: str) -> subprocess.CompletedProcess:
        return self.run("git", *args)

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, *paths: str, message: str = "Thêm bài") -> subprocess.CompletedProcess:
        added = self.git("add", *paths)
        assert added.returncode == 0, added.stderr
        return self.git("commit", "-m", message)

    def commits(self) -> int:
        count = self.git("rev-list", "--count", "HEAD")
        return int(count.stdout) if count.returncode == 0 else 0


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    root = tmp_path / "kho"
    root.mkdir()
    for name in ("dev.py", "pyproject.toml", ".pre-commit-config.yaml"):
        shutil.copy2(REPO / name, root / name)
    (root / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    (root / "content").mkdir()
    (root / "content" / "index.md").write_text("# Gương sáng\n", encoding="utf-8")
    (root / ".gitignore").write_text(".venv/\n.cache/\n", encoding="utf-8")
    # The stand-in venv: dev.py finds python and its install stamp, and runs .venv/bin/exemplars.
    bin_dir = root / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "python").symlink_to(sys.executable)
    (bin_dir / "exemplars").symlink_to(VENV_BIN / "exemplars")
    (root / ".venv" / ".installed-test").write_bytes((root / "pyproject.toml").read_bytes())

    repository = Repo(root, git_env(tmp_path))
    assert repository.git("init", "-q", "-b", "main").returncode == 0
    installed = repository.run(sys.executable, "-m", "pre_commit", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    first = repository.commit(".", message="Khởi tạo")
    assert first.returncode == 0, first.stdout + first.stderr
    return repository


def test_the_hook_configuration_is_valid():
    run = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(REPO / ".pre-commit-config.yaml")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_a_broken_story_is_refused_with_its_line(repo: Repo):
    path = repo.write(STORY, BROKEN)
    result = repo.commit(STORY)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert repo.commits() == 1  # only the initial commit
    line = BROKEN.splitlines().index("district: Sơn Tinh") + 1
    assert f'{STORY}:{line}: error: địa bàn "Sơn Tinh" không có trong danh mục. Có phải "Huyện Sơn Tịnh"?' in output
    assert "Kiểm tra bài viết (exemplars check)" in output and "Failed" in output
    # The file is left as the officer wrote it, staged, ready to fix.
    assert path.read_text(encoding="utf-8") == BROKEN
    assert STORY in repo.git("diff", "--cached", "--name-only").stdout


def test_a_fixed_story_is_committed(repo: Repo):
    repo.write(STORY, BROKEN)
    assert repo.commit(STORY).returncode != 0
    repo.write(STORY, valid_story())
    result = repo.commit(STORY)
    assert result.returncode == 0, result.stdout + result.stderr
    hook = result.stdout + result.stderr  # git prints the hook's output on stderr
    assert "Kiểm tra bài viết (exemplars check)" in hook and "Passed" in hook
    assert repo.commits() == 2
    assert repo.git("show", "--name-only", "--format=", "HEAD").stdout.split() == [STORY]


def test_only_the_changed_stories_are_blamed(repo: Repo):
    # A broken story already in the repository (committed with --no-verify) does not block an
    # officer who commits another, valid story: the hook checks the files being committed.
    repo.write("exemplars/2022/bai-cu.md", valid_story(title="Bài cũ", unit="Sở Không Có"))
    assert repo.git("add", "exemplars/2022/bai-cu.md").returncode == 0
    assert repo.git("commit", "--no-verify", "-m", "Bài cũ").returncode == 0
    assert repo.commits() == 2
    repo.write(STORY, valid_story())
    result = repo.commit(STORY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert repo.commits() == 3


def test_a_commit_without_stories_skips_the_check(repo: Repo):
    repo.write("content/gioi-thieu.md", "# Giới thiệu\n")
    result = repo.commit("content/gioi-thieu.md")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "(no files to check)Skipped" in result.stdout + result.stderr


def test_dev_py_check_passes_its_arguments_and_exit_code(repo: Repo):
    """The hook's entry point, run by hand as the guide shows."""
    repo.write(STORY, BROKEN)
    repo.write("exemplars/2024/bai-tot.md", valid_story(title="Bài tốt"))
    one = repo.run("python3", "dev.py", "check", "exemplars/2024/bai-tot.md")
    assert one.returncode == 0, one.stdout + one.stderr
    assert "Đã kiểm tra 1 bài viết: không có lỗi." in one.stderr  # every story read, only the one asked counted
    every = repo.run("python3", "dev.py", "check")
    assert every.returncode == 1
    assert f"{STORY}:8: error: địa bàn" in every.stdout
    usage = repo.run("python3", "dev.py", "check", "--format", "xml")
    assert usage.returncode == 2


def test_a_story_with_a_damaged_photo_is_refused(repo: Repo):
    """A cover copied half-way (a truncated JPEG, as Zalo or a USB stick leaves it) breaks the
    build (image.corrupt); the hook must stop it before it reaches review, like any other error."""
    from conftest import tiny_jpeg

    photo = "exemplars/2023/anh-bia.jpg"
    (repo.root / "exemplars" / "2023").mkdir(parents=True)
    (repo.root / photo).write_bytes(tiny_jpeg(64, 48)[:200])
    repo.write(STORY, valid_story(image={"src": "anh-bia.jpg", "alt": "Ông Hòa bên rừng keo"}))
    result = repo.commit(STORY, photo)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert f'{STORY}:' in output and 'ảnh "anh-bia.jpg" bị hỏng hoặc chép chưa hết' in output
    assert repo.commits() == 1
