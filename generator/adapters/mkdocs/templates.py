"""The Jinja environment of a build: our templates' escaping, helpers, and what is rendered once.

Material renders its navigation, header, styles, scripts and configuration into every page, and
a story's card appears in five listings and beside six other stories. For the thousands of
generated pages that HTML depends only on the relative path to the site root, so it is rendered
once per folder depth (`fragment`, `card`). Material's templates are compiled anew by every
build and every worker; Jinja's bytecode cache keeps the compiled code between builds.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

from generator.core import urls
from generator.core.resources import THEME
from generator.outputs.structured_data import json_ld
from generator.pipeline import SiteBuild
from generator.plan.views import Card, PageSpec, StoryView

__all__ = ["THEME_DIR", "TITLE_MARK", "ShareTags", "TemplateHelpers", "add_theme", "content_lastmod", "share_tags", "sitemap_with"]

THEME_DIR = str(THEME)
TITLE_MARK = "\x02gs-title\x03"
"""Stands for the page title in cached fragments (see TemplateHelpers.fragment)."""


def add_theme(config: MkDocsConfig) -> None:
    """Put our templates after the site's custom_dir (which may override any of them), before the theme."""
    import os

    dirs = config.theme.dirs
    if THEME_DIR not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and os.path.samefile(dirs[0], custom) else 0, THEME_DIR)


def _autoescape(template_name: str | None) -> bool:
    # MkDocs renders themes without autoescaping; our own templates (gs-*.html) print officers'
    # text, so they escape everything by default.
    return template_name is not None and template_name.rsplit("/", 1)[-1].startswith("gs-")


class TemplateHelpers:
    """The helpers our templates call, with their per-build caches."""

    def __init__(self, env: jinja2.Environment, config: MkDocsConfig, nav_urls: set[str], cache_dir: Path) -> None:
        self.env = env
        self.config = config
        self.nav_urls = nav_urls
        self.fragments: dict[tuple[str, str], str] = {}
        self.cards: dict[tuple[str, str, int], str] = {}
        self.texts: dict[str, str] = {}
        # "theme/partials/nav.html" is the theme's own template even where theme_overrides/ replaces
        # it, so that an override can wrap the original instead of copying it.
        parents = [d for d in config.theme.dirs if d != THEME_DIR and d != config.theme.custom_dir]
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(parents)})])
        env.autoescape = _autoescape
        cache_dir.mkdir(parents=True, exist_ok=True)
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        env.globals.update(
            gs_fragment=self.fragment, gs_card=self.card, gs_translate=self.translate, gs_title=TITLE_MARK,
            gs_json_ld=lambda data: Markup(json_ld(data)), gs_in_nav=lambda page: page is not None and page.url in nav_urls,
        )  # fmt: skip

    def fragment(self, name: str, base_url: str, page: Page | None, anywhere: bool = False, *, caller) -> Markup:
        """Render `caller` once per folder depth and reuse it; put the page's title in.

        Pages in the navigation are rendered every time (their nav item is marked active), unless
        `anywhere` says the fragment is the same on every page.
        """
        title = (page.meta.get("title") or page.title or "") if page is not None else ""
        if page is None or (not anywhere and page.url in self.nav_urls):
            return Markup(str(caller()).replace(TITLE_MARK, str(title)))
        key = (name, base_url)
        if key not in self.fragments:
            self.fragments[key] = str(caller())
        return Markup(self.fragments[key].replace(TITLE_MARK, str(title)))

    def card(self, card: Card, base_url: str, level: int = 3) -> Markup:
        """A story's card as HTML, rendered once per folder depth; its title is a heading of `level`.

        The level follows the page's outline: 2 where cards come right under the page's h1
        (listings), 3 under a section's h2 (home, related stories), so headings never skip one.
        """
        key = (card.url, base_url, level)
        if key not in self.cards:
            template = self.env.get_template("partials/gs-card.html")
            self.cards[key] = template.render(card=card, base_url=base_url, level=level, page=None, config=self.config)
        return Markup(self.cards[key])

    def translate(self, key: str) -> str:
        """The theme's text for `key` in the site's language (Material's `lang.t`), looked up once."""
        if key not in self.texts:
            language = self.env.get_template("theme/partials/language.html").make_module({"config": self.config})
            self.texts[key] = str(language.t(key))
        return self.texts[key]


def sitemap_with(output: str, pages: list[Page], env: jinja2.Environment, config: MkDocsConfig) -> str:
    """MkDocs' sitemap (which lists only `files`) with entries for `pages` added, in their order."""
    ours = env.get_template("sitemap.xml").render(pages=[page.file for page in pages], config=config)
    entries = ours[ours.index(">", ours.index("<urlset")) + 1 : ours.rindex("</urlset>")]
    end = output.rindex("</urlset>")
    return output[:end] + entries + output[end:]


@dataclass(frozen=True)
class ShareTags:
    """What a page's Open Graph and Twitter tags say (partials/gs-share.html)."""

    title: str
    description: str
    image: str = ""
    """Absolute URL of the share card; empty without `site_url`."""
    width: int = 0
    height: int = 0
    article: StoryView | None = None
    """A story page's view: the tags then describe an article (date, section, tags)."""


def share_tags(page: Page, spec: PageSpec | None, site: SiteBuild, config: MkDocsConfig) -> ShareTags:
    """The share tags of `page`: its own title and description, and its card (a story's, a listing's or the site's)."""
    story = spec.view if spec is not None and isinstance(spec.view, StoryView) else None
    if story is not None:
        title, description = story.story.title, story.story.summary or story.story.subject
        card = story.share
    elif page.is_homepage:
        title, description = config.site_name, config.site_description or ""
    elif spec is not None:  # spec text is raw (page.meta holds it escaped); the template escapes it
        title, description = spec.title, spec.description or config.site_description or ""
    else:
        title, description = page.title or config.site_name, page.meta.get("description") or config.site_description or ""
    if story is None:
        card = site.page_cards.get(page.url, site.site_card)
    if card is None or not config.site_url:
        return ShareTags(str(title), str(description), article=story)
    image = urls.absolute(config.site_url, card.url)
    return ShareTags(str(title), str(description), image, card.width, card.height, article=story)


def content_lastmod(page: Page, newest: dt.date | None) -> str | None:
    """The sitemap date of a hand-written page: its `updated` or `date` front matter; for the home
    page (which lists the latest stories) the newest story date; otherwise none.

    Never the build date: a nightly build must not tell search engines that every page changed.
    """
    for key in ("updated", "date"):
        value = page.meta.get(key)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str) and value.strip():
            return value.strip()
    if page.is_homepage and newest is not None:
        return newest.isoformat()
    return None
