"""The live preview survives a story broken mid-edit (issue 7, "Commands").

A real `mkdocs serve` (and the `exemplars serve` wrapper officers are told to use) runs on a free
loopback port over a throwaway site. While the officer is typing, a story is broken: the server
keeps serving, the terminal shows `path:line: error: ...`, every page carries the error banner and
the other stories stay visible. Once the story is fixed it appears and the banner goes.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from conftest import VENV_BIN, make_project, valid_story
from harness import BUILD_EPOCH

TIMEOUT = 90  # seconds for a start or a rebuild (photos and the search index included)
BANNER = 'class="gs-preview-errors"'
GOOD = "exemplars/2023/ong-nguyen-van-hoa.md"
OTHER = "exemplars/2024/chi-le-thi-thuy.md"
GOOD_URL = "guong-dien-hinh/ong-nguyen-van-hoa-30-nam-giu-rung-dau-nguon/"
OTHER_URL = "guong-dien-hinh/chi-le-thi-thuy-giu-nghe-det/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Preview:
    root: Path
    base: str
    process: subprocess.Popen
    lines: list[str] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    """Notified at each line the server prints, and when it exits."""

    def output(self) -> str:
        with self.changed:
            return "".join(self.lines)

    def read(self) -> None:
        """In a thread: every line the server prints, as it prints it."""
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()
        with self.changed:
            self.changed.notify_all()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=10) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def wait_for(self, what: str, condition: Callable[[str], bool]) -> None:
        """Until the server's output satisfies `condition`, checked at every line it prints.

        TIMEOUT only guards against a server that never gets there (a hang fails the test).
        """
        deadline = time.monotonic() + TIMEOUT
        with self.changed:
            while not condition("".join(self.lines)):
                assert self.process.poll() is None, f"the preview stopped while waiting for {what}:\n{self.output()}"
                if not self.changed.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise AssertionError(f"timed out waiting for {what}:\n{self.output()}")

    def edit(self, name: str, text: str) -> None:
        """Save a file as an editor would, and wait for the rebuild it triggers.

        A rebuild ends with "Documentation built in" and then "Reloading browsers"; either one
        after the save counts.
        """
        start = len(self.output())
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

        def rebuilt(output: str) -> bool:
            tail = output[start:]
            return "Documentation built in" in tail or "Reloading browsers" in tail

        self.wait_for(f"a rebuild after saving {name}", rebuilt)


@contextmanager
def preview(root: Path, command: list[str]) -> Iterator[Preview]:
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    # Its own process group: `exemplars serve` starts MkDocs as a child, and both must stop.
    process = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        encoding="utf-8",
        errors="replace",
        start_new_session=True,
    )
    server = Preview(root, f"http://127.0.0.1:{port}/", process)
    reader = threading.Thread(target=server.read, daemon=True)
    reader.start()
    try:
        server.wait_for("the first build", lambda output: f"Serving on http://127.0.0.1:{port}/" in output)
        yield server
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=20)
        reader.join(timeout=20)
        assert process.stdout is not None
        process.stdout.close()


COMMANDS = {
    "mkdocs serve": [str(VENV_BIN / "mkdocs"), "serve"],
    "exemplars serve": [str(VENV_BIN / "exemplars"), "serve"],
}


@pytest.mark.parametrize("command", COMMANDS)
def test_a_story_broken_mid_edit_does_not_stop_the_preview(tmp_path: Path, command: str):
    project = make_project(tmp_path / "site")
    project.add_story(GOOD.removeprefix("exemplars/"))
    other = valid_story(title="Chị Lê Thị Thủy giữ nghề dệt", subject="Chị Lê Thị Thủy", date="02/03/2024")
    project.add_story(OTHER.removeprefix("exemplars/"), other)

    with preview(project.root, COMMANDS[command]) as server:
        status, html = server.get(OTHER_URL)
        assert status == 200 and BANNER not in html

        # Half-way through typing a new district: a near miss of "Huyện Sơn Tịnh".
        broken = other.replace("district: Huyện Bình Sơn", "district: Sơn Tinh")
        line = broken.splitlines().index("district: Sơn Tinh") + 1
        server.edit(OTHER, broken)
        message = f'{OTHER}:{line}: error: địa bàn "Sơn Tinh" không có trong danh mục. Có phải "Huyện Sơn Tịnh"?'
        assert message in server.output()
        assert server.process.poll() is None
        # Every page says what is wrong; the other story stays visible; the broken one is left out.
        status, home = server.get("")
        assert status == 200 and BANNER in home
        assert "Bản xem trước: 1 lỗi, bài có lỗi chưa được hiển thị." in home
        assert message.replace('"', "&#34;") in home or message.replace('"', "&quot;") in home
        status, good = server.get(GOOD_URL)
        assert status == 200 and BANNER in good
        assert server.get(OTHER_URL)[0] == 404

        # A quote opened and not yet closed: a YAML error, reported with its line, still serving.
        unclosed = other.replace('title: Chị Lê Thị Thủy giữ nghề dệt', 'title: "Chị Lê Thị Thủy giữ nghề dệt')
        server.edit(OTHER, unclosed)
        assert f"{OTHER}:2: error: dấu ngoặc kép" in server.output()
        assert server.get(GOOD_URL)[0] == 200

        # Fixed: the story appears and the banner goes.
        server.edit(OTHER, other)
        status, fixed = server.get(OTHER_URL)
        assert status == 200 and BANNER not in fixed
        assert "Chị Lê Thị Thủy giữ nghề dệt" in fixed
        assert BANNER not in server.get("")[1]
        assert server.process.poll() is None


def test_a_new_story_appears_without_restarting(tmp_path: Path):
    project = make_project(tmp_path / "site")
    project.add_story(GOOD.removeprefix("exemplars/"))
    with preview(project.root, COMMANDS["mkdocs serve"]) as server:
        assert server.get(OTHER_URL)[0] == 404
        server.edit(OTHER, valid_story(title="Chị Lê Thị Thủy giữ nghề dệt", date="02/03/2024"))
        status, html = server.get(OTHER_URL)
        assert status == 200 and "Chị Lê Thị Thủy giữ nghề dệt" in html
        # Only the new story was validated; the other was given again by the memo.
        assert "Bài viết: kiểm tra 1, dùng lại 1 bài không đổi từ lần dựng trước." in server.output()
        # The listing of its year links to it.
        assert "chi-le-thi-thuy-giu-nghe-det/" in server.get("nam/2024/")[1]


def test_preview_makes_generated_pages_and_data_files_on_request(tmp_path: Path):
    """In the preview the generated pages are rendered when asked for: edits show, nothing is missing."""
    project = make_project(tmp_path / "site")
    project.add_story(GOOD.removeprefix("exemplars/"))
    with preview(project.root, COMMANDS["mkdocs serve"]) as server:
        status, page = server.get(GOOD_URL)
        assert status == 200 and "livereload" in page  # MkDocs' reload script is still added
        # Feeds, embeds and the search index are made by the first request for one of them.
        slug = GOOD_URL.rstrip("/").rsplit("/", 1)[-1]
        for path in ("tim-kiem/chi-muc/info.json", "rss.xml", f"nhung/{slug}/", f"nhung/{slug}/oembed.json"):
            assert server.get(path)[0] == 200, path
        assert server.get("guong-dien-hinh/khong-co-bai-nay/")[0] == 404
        # A saved edit is what the next request shows, the listings too.
        story = (project.root / GOOD).read_text(encoding="utf-8")
        server.edit(GOOD, story.replace("\n---\n", "\n---\n\nĐoạn mới viết thêm khi xem trước.\n", 1))
        status, page = server.get(GOOD_URL)
        assert status == 200 and "Đoạn mới viết thêm khi xem trước." in page
        assert slug in server.get("nam/2023/")[1]
