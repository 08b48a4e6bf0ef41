"""Every internal link and anchor of the built demo resolves (issue 19), checked by tests/linkcheck.py.

`mkdocs build --strict` sees only links written in Markdown; the plugin's pages, feeds, embeds,
open data, JSON-LD and the sitemap are checked here. The 5,000-story corpus is checked in
tests/test_scale.py on the build it already makes.
"""

from __future__ import annotations

import json
from pathlib import Path

from linkcheck import dead_links

SITE = "https://guongsang.quangngai.gov.vn/"


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def test_the_checker_finds_dead_files_anchors_srcsets_and_absolute_urls(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", '<h1 id="dau">x</h1><a href="a/">ok</a><a href="a/#muc">ok</a><a href="#dau">ok</a>'
                                   '<a href="b/">dead</a><a href="a/#khong-co">dead anchor</a>'
                                   '<img srcset="anh/1.jpg 1x, anh/2.jpg 2x" src="anh/1.jpg" alt="">'
                                   '<a href="mailto:x@y.vn">mail</a><a href="https://other.example/">other site</a>')
    _write(tmp_path, "a/index.html", '<h2 id="muc">x</h2>')
    _write(tmp_path, "anh/1.jpg", "")
    _write(tmp_path, "feed.json", json.dumps({"items": [{"url": SITE + "a/"}, {"url": SITE + "c/"}]}))
    _write(tmp_path, "sitemap.xml", f"<urlset><url><loc>{SITE}a/</loc></url><url><loc>{SITE}d/</loc></url></urlset>")
    _write(tmp_path, "guide/index.html", f"<code>&lt;iframe src=&#34;{SITE}nhung/&lt;slug&gt;/&#34;&gt;</code>")
    found = {(d.source, d.link) for d in dead_links(tmp_path, SITE)}
    assert found == {
        ("index.html", "b/"),
        ("index.html", "a/#khong-co"),
        ("index.html", "anh/2.jpg"),
        ("feed.json", SITE + "c/"),
        ("sitemap.xml", SITE + "d/"),
    }


def test_no_dead_link_or_anchor_in_the_demo(demo_site: Path) -> None:
    dead = dead_links(demo_site, SITE)
    assert not dead, "\n".join(map(str, dead[:50]))


def test_the_demo_check_covers_every_kind_of_output(demo_site: Path) -> None:
    # The checker must actually read the generated outputs, not only Markdown pages.
    for name in ("sitemap.xml", "rss.xml", "feed.json", "du-lieu/exemplars.json", "du-lieu/exemplars.csv", "404.html"):
        assert (demo_site / name).is_file(), name
    assert list((demo_site / "nhung").glob("*/oembed.json"))
