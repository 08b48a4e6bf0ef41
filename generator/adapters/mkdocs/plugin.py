"""The MkDocs plugin: wires MkDocs' build hooks to the core pipeline, nothing more.

    on_config        plugin options -> core `Settings`; our templates join the theme
    on_pre_build     the whole pipeline (`generator.pipeline.prepare_site`); abort on errors; the
                     data files made from the plan alone (feeds, embeds, search index) start
                     being made in the background (`render.start_tasks`), the previous site set
                     aside to be deleted there
    on_files         section pages and files become virtual files; the other pages are kept aside;
                     the data files may be written (MkDocs has emptied the output folder)
    on_page_markdown give generated pages their template, title and description
    on_env           template helpers (fragment and card caches, the parent theme under "theme/"),
                     then the pages kept aside are rendered (`render.render_pages`, on every core)
                     - or, in `mkdocs serve`, left to be made on request with the data files
                     (`preview.LazyPages`)
    on_post_template the generated pages join the sitemap
    on_post_build    wait for the other processes (serve: publish the pages to render on request)
    on_build_error   stop them
    on_serve         watch the stories folder; the server renders generated pages on request
    on_nav           remember which pages are in the navigation
    on_page_context  hand the page's view model to its template
"""

from __future__ import annotations

import contextlib
import functools
import gc
import multiprocessing
import os
import shutil
import subprocess
from collections.abc import Callable, Sequence
from pathlib import Path

import jinja2
from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from generator.core import urls
from generator.core.errors import ValidationFailed
from generator.plan.views import Card, PageSpec
from generator.adapters.mkdocs.config import ExemplarsConfig, to_settings
from generator.adapters.mkdocs.conversions import ConversionCache
from generator.adapters.mkdocs.generated import CachedFile, Converter, MarkdownPage, TemplatePage
from generator.adapters.mkdocs.preview import LazyPages
from generator.adapters.mkdocs.render import Workers, can_fork, default_workers, page_renderer, render_pages, start_tasks
from generator.validate.project import ValidationMemo
from generator.core.resources import THEME
from generator.core.safety import sanitize_html
from generator.core.settings import Settings
from generator.pipeline import OutputFile, SiteBuild, prepare_site

log = get_plugin_logger(__name__)

TITLE_MARK = "\x02gs-title\x03"
"""Stands for the page title in cached fragments (see ExemplarsPlugin.fragment)."""
THEME_DIR = str(THEME)

# Generated pages have no sidebar navigation of their own; stories keep their table of contents.
_HIDE = {"gs-story.html": ["navigation"]}
_HIDE_ALL = ["navigation", "toc"]


# Material's script treats every <link rel="alternate"> as a language version of the site and
# fetches "sitemap.xml" next to it: next to every feed and oEmbed link (404s, and a request to the
# production host from a preview). Language versions always carry hreflang; feeds never do.
_MATERIAL_ALTERNATES = ('"link[rel=alternate]"', '"link[rel=alternate][hreflang]"')


def _narrow_material_alternates(site_dir: Path) -> None:
    old, new = _MATERIAL_ALTERNATES
    for bundle in site_dir.glob("assets/javascripts/bundle.*.min.js"):
        text = bundle.read_text(encoding="utf-8")
        if text.count(old) == 1:
            bundle.write_text(text.replace(old, new), encoding="utf-8")
        elif new not in text:
            log.warning("Material's script changed: feed links may make it request sitemap.xml files that do not exist.")


def _write_outputs(make: Callable[[], list[OutputFile]], site_dir: str) -> None:
    """Make deferred data files (feeds, embeds, search index...) and write them into the site."""
    _write(make(), site_dir)


def _make_then_write(makers: Sequence[Callable[[], list[OutputFile]]], site_dir: str, cleaned) -> None:
    """Make deferred data files; write them once `cleaned` (an Event) is set."""
    outputs = [output for make in makers for output in make()]
    cleaned.wait()
    _write(outputs, site_dir)


def _write(outputs: Sequence[OutputFile], site_dir: str) -> None:
    for output in outputs:
        assert output.content is not None
        write_file(output.content.encode("utf-8"), os.path.join(site_dir, *output.url.split("/")))


SET_ASIDE = ".gs-old-"
"""Prefix of the hidden folder holding the previous site while it is deleted."""


def _set_aside(site_dir: Path) -> Callable[[], None]:
    """Move the previous site out of MkDocs' way; return the function deleting it.

    MkDocs empties the output folder on one core before it builds, and a national archive's
    site has tens of thousands of files. Moved into a hidden folder inside it (MkDocs leaves
    hidden entries alone: same file system, one rename each), they are deleted by a forked
    process while the build goes on. A folder left by an interrupted build goes with it.
    """
    if site_dir.is_dir():
        aside = site_dir / f"{SET_ASIDE}{os.getpid()}"
        aside.mkdir(exist_ok=True)
        for entry in os.scandir(site_dir):
            if not entry.name.startswith("."):
                with contextlib.suppress(OSError):  # a mount point, say: left for MkDocs to empty
                    os.rename(entry.path, aside / entry.name)
    leftovers = list(site_dir.glob(SET_ASIDE + "*"))
    return functools.partial(_remove_all, leftovers)


def _remove_all(folders: list[Path]) -> None:
    if not folders:
        return
    try:  # `rm` takes half the time of shutil.rmtree (forking, hence this, is on Linux only)
        subprocess.run(["rm", "-rf", "--", *map(str, folders)], check=False)
    except OSError:  # no `rm` in this system
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)


def _ensure_dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _autoescape(template_name: str | None) -> bool:
    return template_name is not None and template_name.rsplit("/", 1)[-1].startswith("gs-")


class ExemplarsPlugin(BasePlugin[ExemplarsConfig]):
    """Validates every story at build time and generates the exemplar pages."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.build: SiteBuild | None = None
        self.specs: dict[str, PageSpec] = {}
        self.nav_urls: set[str] = set()
        self.serving = False
        self.one_build = False
        self.set_aside = False
        self.cleaned = None  # multiprocessing Event: MkDocs has emptied the output folder
        self.fragments: dict[tuple[str, str], str] = {}
        self.cards: dict[tuple[str, str], str] = {}
        self.texts: dict[str, str] = {}
        self.mkdocs_config: MkDocsConfig | None = None
        self.pages: list[Page] = []
        self.workers: list[Workers] = []
        self.tasks: list[Callable[[], None]] = []
        self.preview = LazyPages()  # the plugin outlives rebuilds in `mkdocs serve` (it has on_startup)
        self.memo: ValidationMemo | None = None
        self.publish: Callable[[], None] | None = None
        self.nav = None
        self.env: jinja2.Environment | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # In a live preview a story broken mid-edit must not stop the server: it is reported in
        # the terminal and on every page, and the rest of the site stays visible.
        self.serving = command == "serve"
        # A preview validates only the stories changed since its last rebuild (seconds at 10,000).
        self.memo = ValidationMemo() if self.serving else None
        # Whether this process ends after one build; unknown when MkDocs is called without its CLI.
        self.one_build = command in ("build", "gh-deploy")
        # MkDocs empties the output folder before a build unless --dirty; it may be done in the
        # background instead (see _set_aside).
        self.set_aside = self.one_build and not dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = to_settings(self.config, config.config_file_path, config.site_url, config.site_name)
        if not config.site_url:
            log.info("site_url chưa được đặt trong mkdocs.yml: nguồn tin, mã nhúng và thẻ chia sẻ sẽ dùng đường dẫn tương đối.")
        # The templates and assets of the generated pages ship with the package, after the site's
        # custom_dir (which may override any of them) and before the theme (which they extend).
        dirs = config.theme.dirs
        if THEME_DIR not in dirs:
            custom = config.theme.custom_dir
            dirs.insert(1 if custom and dirs and os.path.samefile(dirs[0], custom) else 0, THEME_DIR)
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Everything that can fail on input runs here, before MkDocs cleans the output folder:
        # a broken story leaves the previous site untouched.
        assert self.settings is not None
        if self.serving:
            self.preview.rebuilding()
        try:
            self.build = prepare_site(self.settings, keep_going=self.serving, memo=self.memo)
        except ValidationFailed as failed:
            # PluginError makes MkDocs print the message and exit 1 without a traceback.
            raise PluginError(str(failed)) from None
        build = self.build
        for problem in build.errors:
            log.error(problem.format(self.settings.lang))
        for problem in build.warnings:
            log.warning(problem.format(self.settings.lang))
        log.info("Ảnh: xử lý %d, dùng lại %d từ bộ nhớ đệm.", build.photos_processed, build.photos_reused)
        log.info("Thẻ chia sẻ: vẽ %d, dùng lại %d.", build.cards_drawn, build.cards_reused)
        if self.memo is not None:
            checked = build.project.files - self.memo.reused
            log.info("Bài viết: kiểm tra %d, dùng lại %d bài không đổi từ lần dựng trước.", checked, self.memo.reused)
        for story in build.plan.edition.drafts:
            log.info("Bản nháp, không xuất bản: %s", story.source)
        for story in build.plan.edition.scheduled:
            log.info("Chưa đến ngày đăng (%s): %s", story.date.isoformat(), story.source)
        if self.serving or self._processes() == 1:
            return
        # Feeds, embeds and the search index need only the plan: with a core to spare, a forked
        # process makes them from now on, beside MkDocs' own steps, and writes them once MkDocs has
        # emptied the output folder (on_files). It deletes the previous site first (_set_aside).
        tasks = [_set_aside(Path(config.site_dir))] if self.set_aside else []
        self.cleaned = multiprocessing.get_context("fork").Event()
        tasks.append(functools.partial(_make_then_write, build.deferred, config.site_dir, self.cleaned))
        gc.freeze()  # see on_env
        self.workers.append(start_tasks(tasks))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.build is not None
        self.specs = {}
        self.pages = []
        assert self.settings is not None
        converter = Converter(config, ConversionCache(self.settings.cache_path / "markdown", config))
        for spec in self.build.pages:
            uri = urls.source_uri(spec.url)
            self.specs[uri] = spec
            file = File.generated(config, uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
            page = MarkdownPage(file, config, converter) if spec.markdown else TemplatePage(None, file, config)  # sets file.page
            if spec.url.count("/") == 1:
                # Section pages (phong-trao/, thong-ke/, lay-y-kien/...) may be in the nav or linked
                # from content/: they are MkDocs pages like any other.
                files.append(file)
            else:
                # The thousands of others stay out of `files`, where MkDocs would render them one
                # by one: they are rendered at the end of on_env (generator/adapters/mkdocs/render.py).
                self.pages.append(page)
        for output in self.build.files:
            if output.content is not None:
                files.append(File.generated(config, output.url, content=output.content))
            else:
                files.append(CachedFile.generated(config, output.url, abs_src_path=str(output.path)))
        if self.cleaned is not None:  # the data files are being made elsewhere (on_pre_build)
            self.cleaned.set()
            self.cleaned = None
        else:  # made in on_env, or on request in `mkdocs serve`
            self.tasks = [functools.partial(_write_outputs, make, config.site_dir) for make in self.build.deferred]
        return files

    def _processes(self) -> int:
        return (self.config.workers or default_workers()) if can_fork() else 1

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        self.nav = nav
        self.nav_urls = {page.url for page in nav.pages}
        return nav

    @event_priority(-100)  # last: the environment is complete when the pages are rendered with it
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        # "theme/partials/nav.html" is the theme's own template even where theme_overrides/ replaces it,
        # so that an override can wrap the original instead of copying it.
        parents = [d for d in config.theme.dirs if d != THEME_DIR and d != config.theme.custom_dir]
        env.loader = jinja2.ChoiceLoader([env.loader, jinja2.PrefixLoader({"theme": jinja2.FileSystemLoader(parents)})])
        # MkDocs renders themes without autoescaping; our own templates (gs-*.html) print officers'
        # text, so they escape everything by default.
        env.autoescape = _autoescape
        # Material's templates are compiled anew by every build and every worker (a tenth of a
        # second each); Jinja keeps the compiled code and recompiles a template whose source changed.
        assert self.settings is not None
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(_ensure_dir(self.settings.cache_path / "jinja")))
        self.fragments = {}
        self.env = env
        env.globals["gs_fragment"] = self.fragment
        env.globals["gs_card"] = self.card
        env.globals["gs_translate"] = self.translate
        self.texts = {}
        self.cards = {}
        self.mkdocs_config = config
        env.globals["gs_title"] = TITLE_MARK
        # Everything built so far lives until the end of the build: keep it out of the cycle
        # collector's walks (and, in forked workers, out of copy-on-write page faults).
        gc.freeze()
        if self.serving:  # rendered on request, once MkDocs has finished (on_post_build)
            render = page_renderer(config, files, self.nav, env)
            self.publish = functools.partial(self.preview.publish, self.pages, self.tasks, render)
        else:
            for task in self.tasks:  # not started in on_pre_build
                task()
            self.workers.append(render_pages(self.pages, config, files, self.nav, env, self._processes()))
        self.tasks = []
        return env

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        if template_name != "sitemap.xml" or not self.pages:
            return output_content
        # The sitemap template lists `files`, which the generated pages are not in: render it for
        # them too and add their entries, in the order they were planned.
        template = self.env.get_template("sitemap.xml")
        ours = template.render(pages=[page.file for page in self.pages], config=config)
        entries = ours[ours.index(">", ours.index("<urlset")) + 1 : ours.rindex("</urlset>")]
        end = output_content.rindex("</urlset>")
        return output_content[:end] + entries + output_content[end:]

    def fragment(self, name: str, base_url: str, page: Page | None, anywhere: bool = False, *, caller) -> Markup:
        """Render `caller` once per folder depth and reuse it; put the page's title in.

        Material renders its navigation, header, styles, scripts and configuration into every page.
        For the thousands of generated pages, which no nav item marks as active, that HTML only
        depends on the relative path to the site root (`anywhere`: on every page, nav or not).
        Rendering it once keeps the build close to plain MkDocs per page.
        """
        title = (page.meta.get("title") or page.title or "") if page is not None else ""
        if page is None or (not anywhere and page.url in self.nav_urls):
            return Markup(str(caller()).replace(TITLE_MARK, str(title)))
        key = (name, base_url)
        if key not in self.fragments:
            self.fragments[key] = str(caller())
        return Markup(self.fragments[key].replace(TITLE_MARK, str(title)))

    def card(self, card: Card, base_url: str) -> Markup:
        """A story's card as HTML, rendered once per folder depth.

        A story appears in five listings and as a related story on up to six pages; its card
        only depends on the relative path to the site root.
        """
        key = (card.url, base_url)
        if key not in self.cards:
            template = self.env.get_template("partials/gs-card.html")
            self.cards[key] = template.render(card=card, base_url=base_url, page=None, config=self.mkdocs_config)
        return Markup(self.cards[key])

    def translate(self, key: str) -> str:
        """The theme's text for `key` in the site's language (Material's `lang.t`), looked up once."""
        if key not in self.texts:
            language = self.env.get_template("theme/partials/language.html").make_module({"config": self.mkdocs_config})
            self.texts[key] = str(language.t(key))
        return self.texts[key]

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None:
            # Material's templates print meta values unescaped; escape front-matter text here.
            page.meta["title"] = str(escape(spec.title))
            page.meta["description"] = str(escape(spec.description))
            page.meta["template"] = spec.template
            page.meta["hide"] = _HIDE.get(spec.template, _HIDE_ALL)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.specs.get(page.file.src_uri)
        if spec is not None and spec.template == "gs-story.html" and self.settings is not None:
            # Officers' raw HTML is checked (with lines) by validation; here it is enforced.
            return sanitize_html(html, self.settings.safety)
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        spec = self.specs.get(page.file.src_uri)
        context["exemplars"] = spec.view if spec is not None else None
        context["portal"] = self.settings.portal if self.settings else None
        context["gs_errors"] = [p.format(self.settings.lang) for p in self.build.errors] if self.build and self.settings else []
        if page.is_homepage and self.build is not None:
            context["home"] = self.build.plan.home
        return context

    @event_priority(100)  # first: other plugins' on_post_build may read the pages
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        workers, self.workers = self.workers, []
        for started in workers:
            started.wait()
        if self.publish is not None:
            self.publish()
            self.publish = None
        _narrow_material_alternates(Path(config.site_dir))
        if self.one_build:
            # Python's last collection at exit would walk everything built (a tenth of the build
            # at 1,000 stories) to free memory the system takes back anyway.
            gc.freeze()
        else:  # `mkdocs serve` builds again in this process: let this build's objects go
            gc.unfreeze()

    def on_build_error(self, *, error: Exception) -> None:
        workers, self.workers = self.workers, []
        for started in workers:
            started.stop()
        self.preview.failed()
        gc.unfreeze()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        if self.settings is not None:
            server.watch(str(self.settings.stories_path))
        server.set_app(self.preview.wrap(server.get_app(), server.root, server.mount_path))
        return server
