"""Publishing that survives faults (issue 22): real builds, real signals, real damage.

- A 1,000-story build into a folder holding a complete site, killed with SIGKILL (the whole
  process group, as out-of-memory or a CI timeout does) at 20 moments spaced by counting its log
  lines, leaves the folder byte-identical to a complete build every time; the next build works.
- A build killed while it writes a cache entry (the entry half written) never leaves an entry
  a later build trusts: the site is byte-identical to a clean-cache build.
- Every kind of cache damage (missing, truncated, empty, garbage, edited files) gives a site
  byte-identical to a clean-cache build, with the damage logged; every published JPEG decodes.
- Changing any cache file after a build leaves the built site unchanged (no shared inodes).
- Two builds started together into one folder: one complete site, one clear message.
- A full disk (a patched writer, tests/faulty_build.py): one message naming the folder, the
  previous site untouched, nothing left of the partial output.

Sizes: the kill test and the disk-full test use a 1,000-story corpus (benchmarks/corpus.py) on
a warm cache, a build of a few seconds; the cache tests a small site with real photos. The
module takes about two to three minutes on 2 cores.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, make_project, valid_story
from harness import BUILD_EPOCH, mkdocs_build

sys.path.insert(0, str(REPO / "benchmarks"))
from corpus import write_corpus  # noqa: E402

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="SIGKILL, process groups and renameat2 are Linux")

N_STORIES = 1000
KILLS = 20
FAULTY = Path(__file__).resolve().parent / "faulty_build.py"
ENV = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
DAMAGE_LINE = re.compile(r"mục bộ nhớ đệm (\S+) bị hỏng hoặc thiếu tệp; đã làm lại, không dùng bản hỏng\.")


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below `folder` (hidden ones included) by relative path: its SHA-256."""
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def differences(expected: dict[str, str], found: dict[str, str]) -> list[str]:
    """What differs between two snapshots, a few paths of each kind."""
    missing = sorted(expected.keys() - found.keys())
    extra = sorted(found.keys() - expected.keys())
    changed = sorted(k for k in expected.keys() & found.keys() if expected[k] != found[k])
    return [f"{len(missing)} missing {missing[:3]}", f"{len(extra)} extra {extra[:3]}", f"{len(changed)} changed {changed[:3]}"]


def beside(site: Path) -> list[str]:
    """What is next to the output folder besides it and its lock (folders of unfinished builds)."""
    return sorted(p.name for p in site.parent.glob(f".{site.name}*") if p.name != f".{site.name}.gs-lock")


def start_build(project: Path, site: Path, *args: str, command: list[str] | None = None) -> subprocess.Popen:
    """A real `mkdocs build -v` in its own process group, its log read line by line from stderr."""
    command = command or [sys.executable, "-m", "mkdocs"]
    return subprocess.Popen(
        [*command, "build", "-v", "-d", str(site), *args],
        cwd=project,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def faulty(mode: str, n: int) -> list[str]:
    """The command running MkDocs with a fault injected (tests/faulty_build.py)."""
    return [sys.executable, str(FAULTY), mode, str(n)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, dict[str, str]]:
    """The project with 1,000 generated stories, its complete site and that site's snapshot (warm cache)."""
    root = tmp_path_factory.mktemp("faults") / "project"
    root.mkdir()
    for name in ("mkdocs.yml", "content", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    write_corpus(root, N_STORIES)
    site = root.parent / "site"
    result = mkdocs_build(root, site)  # a cold cache: every share card drawn
    assert result.returncode == 0, result.stderr
    return root, site, snapshot(site)


# -- killed builds ------------------------------------------------------------------------------


def test_a_build_killed_at_any_moment_leaves_the_complete_site(corpus) -> None:
    project, site, complete = corpus
    # One whole build with its log counted: the moments to kill at are spread over its lines.
    build = start_build(project, site)
    total = len(build.communicate()[1].splitlines())
    assert build.returncode == 0
    assert snapshot(site) == complete  # the same inputs make the same bytes: the comparison is fair
    assert total > 5 * KILLS
    moments = [total * k // (KILLS + 1) for k in range(1, KILLS + 1)]

    for moment in moments:
        build = start_build(project, site)
        read = 0
        for _ in build.stderr:  # type: ignore[union-attr]
            read += 1
            if read == moment:
                break
        os.killpg(build.pid, signal.SIGKILL)
        build.communicate()
        assert build.returncode == -signal.SIGKILL, f"finished before line {moment} of {total}"
        found = snapshot(site)
        assert found == complete, f"killed at line {moment} of {total}: {differences(complete, found)}"

    # The lock died with the last build; the next one clears what the killed ones left, and works.
    result = mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    assert snapshot(site) == complete
    assert beside(site) == []


def test_two_builds_started_together_one_site_one_message(corpus) -> None:
    project, site, complete = corpus
    first = start_build(project, site)
    for line in first.stderr:  # type: ignore[union-attr]
        if "Building documentation to directory" in line:  # the folder is claimed before this line
            break
    second = mkdocs_build(project, site)
    _, rest = first.communicate()
    assert first.returncode == 0, rest
    assert second.returncode == 1
    message = (
        f"thư mục {site} đang được một lần dựng khác ghi vào (tiến trình {first.pid}). Chờ lần dựng đó xong "
        "rồi chạy lại; trang đang phát hành không bị đụng tới."
    )
    assert second.stderr.strip().splitlines() == [f"ERROR   -  {message}"]
    assert snapshot(site) == complete
    assert beside(site) == []


def test_a_full_disk_leaves_the_previous_site_and_says_so_once(corpus) -> None:
    project, site, complete = corpus
    # The 300th file a process writes: in the main process or a forked page renderer, whichever gets there.
    build = start_build(project, site, command=faulty("enospc", 300))
    _, log = build.communicate()
    assert build.returncode == 1, log
    message = f"hết chỗ trên đĩa khi ghi vào {site}. Trang đang phát hành giữ nguyên, phần đã ghi dở đã được xóa."
    assert [line for line in log.splitlines() if "hết chỗ" in line] == [
        f"Error: {message} Giải phóng dung lượng (xem df -h) rồi dựng lại."
    ]
    assert "Traceback" not in log
    assert snapshot(site) == complete
    assert beside(site) == []


# -- caches ------------------------------------------------------------------------------------


def _photo(width: int, height: int, seed: int) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (width, height))
    image.putdata([((x * seed) % 256, (y * 3 + seed) % 256, (x + y) % 256) for y in range(height) for x in range(width)])
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _small_site(root: Path) -> Path:
    """Eight stories, four with a cover photo and one with a photo in its body."""
    project = make_project(root)
    for index in range(8):
        fields = {"title": f"Gương sáng số {index}", "slug": f"bai-{index}"}
        body = "Ông Hòa hiến đất làm đường.\n"
        if index < 4:
            project.add_file(f"exemplars/anh-{index}.jpg", _photo(700 + 40 * index, 480, index + 1))
            fields["image"] = {"src": f"anh-{index}.jpg", "alt": f"Ảnh số {index}"}
        if index == 0:
            project.add_file("exemplars/trong-bai.jpg", _photo(620, 400, 9))
            body += "\n![Ảnh trong bài](trong-bai.jpg)\n"
        project.add_story(f"bai-{index}.md", valid_story(body, **fields))
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], Path]:
    """The small site, the snapshot of its clean-cache build, and a copy of the cache that build made."""
    base = tmp_path_factory.mktemp("cache")
    root = _small_site(base / "project")
    result = mkdocs_build(root, base / "site")
    assert result.returncode == 0, result.stderr
    shutil.copytree(root / ".cache", base / "cache-copy")
    return root, snapshot(base / "site"), base / "cache-copy"


def _cache_files(root: Path) -> list[Path]:
    """The cache's entry files (Jinja's compiled templates have their own check, in Jinja)."""
    return sorted(p for p in (root / ".cache").rglob("*") if p.is_file() and "jinja" not in p.parts and p.name != ".last-build")


def _entry(path: Path) -> Path:
    """The cache entry a file belongs to: its folder (photo renditions, share card) or itself."""
    return path.parent if path.parts[-4] in ("images", "share-cards", "page-cards") else path


def _restore(root: Path, copy: Path) -> None:
    shutil.rmtree(root / ".cache")
    shutil.copytree(copy, root / ".cache")


def _jpegs_decode(site: Path) -> None:
    from PIL import Image

    for path in site.rglob("*.jpg"):
        with Image.open(path) as image:
            image.load()  # raises on a truncated file


DAMAGE = {
    "missing": lambda path: path.unlink(),
    "truncated": lambda path: path.write_bytes(path.read_bytes()[: path.stat().st_size // 2]),
    "empty": lambda path: path.write_bytes(b""),
    "garbage": lambda path: path.write_bytes(os.urandom(max(64, path.stat().st_size))),
    "edited": lambda path: path.write_bytes(path.read_bytes()[:-1] + bytes([path.read_bytes()[-1] ^ 1])),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_every_damaged_cache_gives_the_clean_cache_site(small, kind: str, tmp_path: Path) -> None:
    root, clean, copy = small
    _restore(root, copy)
    damaged = _cache_files(root)[::2]  # every other file: manifests, renditions, cards, notes, conversions
    assert {p.relative_to(root / ".cache").parts[0] for p in damaged} == {"images", "share-cards", "page-cards", "markdown", "photos-checked"}
    for path in damaged:
        DAMAGE[kind](path)

    result = mkdocs_build(root, tmp_path / "site", "-v")
    assert result.returncode == 0, result.stderr
    found = snapshot(tmp_path / "site")
    assert found == clean, differences(clean, found)
    _jpegs_decode(tmp_path / "site")
    logged = DAMAGE_LINE.findall(result.stderr)
    assert len(logged) == len(set(logged))  # one line per entry
    entries = {_entry(path) for path in damaged}
    assert {Path(p) for p in logged} <= entries
    if kind == "missing":  # a missing manifest, card, note or conversion is simply not in the cache
        assert logged, "renditions missing beside their manifest are damage"
    else:
        assert {Path(p) for p in logged} == entries

    # Healed: the next build takes everything from the cache, logs nothing, publishes the same.
    again = mkdocs_build(root, tmp_path / "site", "-v")
    assert again.returncode == 0, again.stderr
    assert DAMAGE_LINE.findall(again.stderr) == []
    assert "Ảnh: xử lý 0" in again.stderr and "Thẻ chia sẻ: vẽ 0" in again.stderr
    assert snapshot(tmp_path / "site") == clean


@pytest.mark.parametrize("moment", [1, 4, 9, 16, 17])
def test_a_build_killed_while_writing_the_cache_leaves_nothing_trusted(small, moment: int, tmp_path: Path) -> None:
    root, clean, _ = small
    shutil.rmtree(root / ".cache")  # a cold build: photos, cards, notes and conversions all written
    build = start_build(root, tmp_path / "site", command=faulty("kill-in-cache", moment))
    build.communicate()
    assert build.returncode == -signal.SIGKILL
    assert list((root / ".cache").rglob(".tmp-*")), "killed in the middle of writing an entry"

    result = mkdocs_build(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    found = snapshot(tmp_path / "site")
    assert found == clean, differences(clean, found)
    _jpegs_decode(tmp_path / "site")


def test_changing_the_cache_after_a_build_leaves_the_site_unchanged(small, tmp_path: Path) -> None:
    root, clean, copy = small
    _restore(root, copy)
    site = tmp_path / "site"
    result = mkdocs_build(root, site)
    assert result.returncode == 0, result.stderr
    published = [p for p in site.rglob("*") if p.is_file()]
    assert all(p.stat().st_nlink == 1 for p in published)  # no file shares its inode with anything
    for path in _cache_files(root):
        with path.open("r+b") as out:  # in place, as an editor or an optimiser would
            out.truncate(path.stat().st_size // 2)
    assert snapshot(site) == clean


# -- the output folder's swap and lock, without MkDocs -------------------------------------------


def _site(folder: Path, text: str) -> Path:
    (folder / "bai").mkdir(parents=True)
    (folder / "bai" / "index.html").write_text(text, encoding="utf-8")
    return folder


def test_without_exchange_the_swap_is_two_renames_and_a_kill_between_is_repaired(tmp_path: Path, monkeypatch) -> None:
    from generator.runtime import publish

    monkeypatch.setattr(publish, "exchange", lambda first, second: False)  # a file system without it
    site = _site(tmp_path / "site", "bản 1")
    (site / ".git").write_text("gitdir: ../.git/worktrees/site", encoding="utf-8")
    claim = publish.start(site)
    _site(claim.staging, "bản 2")
    claim.publish()
    assert (site / "bai" / "index.html").read_text(encoding="utf-8") == "bản 2"
    assert (site / ".git").is_file()
    assert beside(site) == []

    # Killed between the two renames: no output folder, the previous site beside it.
    site.rename(tmp_path / ".site.gs-old-99")
    claim = publish.start(site)
    assert (site / "bai" / "index.html").read_text(encoding="utf-8") == "bản 2"  # back before anything else
    assert [p.name for p in claim.recovered] == []
    claim.abandon()
    assert beside(site) == []


def test_a_swap_that_fails_leaves_the_previous_site_and_no_new_folder(tmp_path: Path, monkeypatch) -> None:
    from generator.runtime import publish

    monkeypatch.setattr(publish, "exchange", lambda first, second: False)
    site = _site(tmp_path / "site", "bản 1")
    claim = publish.start(site)
    _site(claim.staging, "bản 2")
    rename = os.rename

    def refuse_new(source, destination) -> None:
        if Path(source) == claim.staging:
            raise PermissionError(13, "Permission denied", str(source))
        rename(source, destination)

    monkeypatch.setattr(publish.os, "rename", refuse_new)
    with pytest.raises(PermissionError):
        claim.publish()
    assert (site / "bai" / "index.html").read_text(encoding="utf-8") == "bản 1"
    assert beside(site) == []
    assert claim.descriptor == -1  # the lock is released


def test_a_held_lock_names_its_holder_and_a_dead_holders_lock_is_taken_over(tmp_path: Path) -> None:
    from generator.runtime import publish

    site = _site(tmp_path / "site", "bản 1")
    holder = subprocess.Popen(
        [sys.executable, "-c", f"from generator.runtime import publish; from pathlib import Path; publish.start(Path({str(site)!r})); print('held', flush=True); input()"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline() == "held\n"  # type: ignore[union-attr]
    with pytest.raises(publish.FolderBusy) as busy:
        publish.start(site)
    assert (busy.value.folder, busy.value.holder) == (site, str(holder.pid))
    assert [p.name for p in tmp_path.glob(".site.gs-new-*")] == [f".site.gs-new-{holder.pid}"]  # untouched

    holder.kill()  # SIGKILL: the system releases the lock, the holder's folder stays behind
    holder.communicate()
    claim = publish.start(site)
    assert [p.name for p in claim.recovered] == [f".site.gs-new-{holder.pid}"]
    assert beside(site) == [claim.staging.name]
    claim.abandon()
    assert beside(site) == []
