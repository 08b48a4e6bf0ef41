"""Screenshots of the web editor for content/huong-dan/soan-bai-tren-web.md, from headless Chromium.

Builds a throw-away copy of the project, starts `exemplars editor`'s server over it and fills
the form the way the guide tells an officer to, saving a picture at each step:

    python tools/editor_screenshots.py        # rewrites content/huong-dan/anh/soan-bai-*.png

Needs Playwright and Debian's Chromium (/usr/bin/chromium), as the browser tests do.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from generator.adapters.editor_server import EditorBackend, editor_server

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "content" / "huong-dan" / "anh"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
BUILD_EPOCH = "1795194000"  # 2026-11-21 in Vietnam, as the tests build


def _project(root: Path) -> tuple[Path, Path]:
    project = root / "project"
    project.mkdir()
    for name in ("mkdocs.yml", "content", "exemplars", "theme_overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    site = root / "site"
    env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)], cwd=project, env=env, check=True)
    return project, site


def _choose(page, field: str, text: str) -> None:
    page.click(f"[id^='{field}-field-']")
    page.keyboard.type(text)
    page.keyboard.press("Enter")


def _shoot(page, name: str) -> None:
    page.screenshot(path=str(OUT / f"soan-bai-{name}.png"))
    print(OUT / f"soan-bai-{name}.png")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as temporary:
        root = Path(temporary)
        project, site = _project(root)
        photo = root / "thu-vien-xa.jpg"
        # A real photograph of the demo, so the preview looks like the officer's own.
        shutil.copy(REPO / "exemplars" / "2024" / "truong-mam-non-tra-bong.jpg", photo)
        server = editor_server(site, EditorBackend(project, project / "exemplars"), port=0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/soan-bai/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(url, wait_until="networkidle")
            page.get_by_role("button", name="Đăng nhập").click()
            page.wait_for_selector("text=Bài năm")
            page.wait_for_timeout(500)
            _shoot(page, "danh-sach")
            page.goto(f"{url}#/collections/nam-2026/new")
            page.wait_for_selector("#title-field-1")
            page.fill("[id^='title-field-']", "Chị Nguyễn Thị Mỹ Lệ – người giữ lửa thư viện xã")
            page.fill("[id^='subject-field-']", "Chị Nguyễn Thị Mỹ Lệ, cán bộ văn hóa xã")
            _choose(page, "kind", "cá nhân")
            _choose(page, "movement", "Cả nước chung sức xây dựng nông thôn mới")
            _choose(page, "movement", "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở")
            page.click("[id^='field-field-']")
            page.keyboard.type("Giáo")
            page.wait_for_timeout(300)
            _shoot(page, "chon-danh-muc")
            page.keyboard.press("Enter")
            _choose(page, "unit", "Sở Giáo dục và Đào tạo")
            _choose(page, "locality", "Phường Cẩm Thành")
            page.fill("[id^='date-field-']", "2026-11-15")
            page.fill("[id^='summary-field-']", "Mười năm giữ thư viện xã mở cửa mỗi tối cho học sinh.")
            page.get_by_role("button", name="Chọn một hình").click()
            page.set_input_files("input[type=file]", str(photo))
            page.wait_for_timeout(500)
            _shoot(page, "chon-anh")
            page.get_by_role("button", name="Lấy những cái đã chọn").click()
            # The media library fades out: a picture taken during the fade shows it half-drawn.
            page.get_by_role("button", name="Lấy những cái đã chọn").wait_for(state="detached")
            page.fill("[id^='alt-field-']", "Cánh diều nhiều màu bay trên nền trời xanh")
            page.locator("[id^='title-field-']").scroll_into_view_if_needed()
            _shoot(page, "bieu-mau")
            page.click("[id^='subject-field-']")
            page.keyboard.press("Control+A")
            page.keyboard.press("Delete")
            page.get_by_role("button", name="Công bố").click()
            page.get_by_role("menuitem", name="Công bố ngay").click()
            page.wait_for_selector("text=bắt buộc nhập")
            page.locator("[id^='subject-field-']").scroll_into_view_if_needed()
            _shoot(page, "bao-thieu")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
