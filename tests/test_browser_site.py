"""A person's view of the demo site: headless Chromium at phone and desktop widths."""

from __future__ import annotations

import json

import pytest

from harness import open_page


def _pages(demo_site) -> list[str]:
    records = json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]
    story = records[0]
    return ["", f"guong-dien-hinh/{story['slug']}/", f"phong-trao/{story['movements'][0]}/", "dia-ban/"]


@pytest.mark.parametrize("width", [375, 1280])
def test_pages_load_cleanly_at_phone_and_desktop_width(browser, base_url, demo_site, width):
    for path in _pages(demo_site):
        page, visit = open_page(browser, base_url + path, width)
        try:
            assert visit.console_errors == [], (path, visit.console_errors)
            assert visit.page_errors == [], (path, visit.page_errors)
            assert visit.failed_requests == [], (path, visit.failed_requests)
            assert visit.foreign_requests == [], (path, visit.foreign_requests)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
            assert page.evaluate("document.documentElement.lang") == "vi"
            assert page.evaluate("document.fonts.check('16px \"Be Vietnam Pro\"', 'Gương sáng')")
        finally:
            page.context.close()


def test_story_links_lead_to_listings_that_link_back(browser, base_url, demo_site):
    records = json.loads((demo_site / "du-lieu" / "exemplars.json").read_text(encoding="utf-8"))["exemplars"]
    story = records[0]
    page, _ = open_page(browser, f"{base_url}guong-dien-hinh/{story['slug']}/", 1280)
    try:
        assert page.locator("h1").inner_text() == story["title"]
        page.locator(".gs-facts a").first.click()
        page.wait_for_load_state()
        assert "/phong-trao/" in page.url
        assert page.locator(".gs-cards .gs-card").count() >= 1
    finally:
        page.context.close()
