"""The MkDocs plugin: wires MkDocs' build hooks to the core pipeline, nothing more.

    on_startup       what kind of run this is (one build, or `mkdocs serve`'s many)
    on_config        plugin options -> core `Settings`; our templates join the theme; the output
                     folder is locked and MkDocs builds into a new folder beside it (`output_folder`)
    on_pre_build     the whole pipeline (`generator.pipeline.prepare_site`), abort on errors; the data
                     files start being made in another process
    on_files         generated pages and files become virtual files (`generated.add_generated`),
                     with the web editor `soan-bai/` unless `editor: enabled: false` (`generated.add_editor`)
    on_nav           which pages the navigation marks
    on_env           template helpers (`templates.TemplateHelpers`), then the generated pages are
                     rendered on every core (`render.render_pages`), or left for the preview
                     server to render on request (`preview.LazyPages`)
    on_page_*        generated pages get their template, title, sanitised HTML and view model; every
                     page its sitemap date, share tags and structured data
    on_post_template the generated pages join the sitemap
    on_post_build    wait for the other processes; Material's script corrected; last of every
                     plugin's, the new folder is swapped in for the output folder
    on_build_error   stop them, remove the new folder; a full disk said in one message
    on_shutdown      a build stopped otherwise (Ctrl-C) leaves the output folder as it was
    on_serve         watch the stories folder; the server renders generated pages on request
"""

from __future__ import annotations

import functools
import gc
import multiprocessing
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from generator.adapters.mkdocs import output_folder
from generator.adapters.mkdocs.compat import narrow_material_alternates, strict_counts, translate_aborts
from generator.adapters.mkdocs.config import ExemplarsConfig, to_settings
from generator.adapters.mkdocs.conversions import ConversionCache
from generator.adapters.mkdocs.generated import Converter, Generated, add_editor, add_generated
from generator.adapters.mkdocs.preview import LazyPages
from generator.adapters.mkdocs.render import Rendering, page_renderer, render_pages, start_tasks
from generator.adapters.mkdocs.reporting import report_build
from generator.adapters.mkdocs.templates import TemplateHelpers, add_theme, content_lastmod, share_tags, sitemap_with
from generator.core.errors import ValidationFailed
from generator.core.messages import render
from generator.core.safety import sanitize_html
from generator.core.settings import Settings
from generator.pipeline import SiteBuild, prepare_site
from generator.runtime.parallel import worker_count
from generator.runtime.publish import Publication
from generator.validate.memo import ValidationMemo

log = get_plugin_logger(__name__)

# Generated pages have no sidebar navigation of their own; stories keep their table of contents.
_HIDE = {"gs-story.html": ["navigation"]}
_HIDE_ALL = ["navigation", "toc"]


@dataclass
class _Build:
    """What one build has made so far, hook by hook."""

    settings: Settings
    site: SiteBuild | None = None
    generated: Generated = field(default_factory=Generated)
    nav = None
    nav_urls: set[str] = field(default_factory=set)
    helpers: TemplateHelpers | None = None
    processes: list[Rendering] = field(default_factory=list)
    cleaned: object = None
    """A multiprocessing Event set once MkDocs has emptied the output folder (data files then written)."""
    tasks: list = field(default_factory=list)
    """Writing the data files, when no other process does it."""
    publish: object = None
    """In `mkdocs serve`: hands the pages and data files to the preview server, once built."""


class ExemplarsPlugin(BasePlugin[ExemplarsConfig]):
    """Validates every story at build time and generates the exemplar pages."""

    def __init__(self) -> None:
        self.serving = False
        self.one_build = False
        self.dirty = False
        self.publication: Publication | None = None
        """The output folder this build holds and the folder it builds into (one build at a time)."""
        self.memo: ValidationMemo | None = None
        self.preview = LazyPages()  # the plugin outlives rebuilds in `mkdocs serve` (it has on_startup)
        self.build: _Build | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # In a live preview a story broken mid-edit must not stop the server: it is reported in the
        # terminal and on every page, and only the stories changed since the last rebuild are validated.
        self.serving = command == "serve"
        self.memo = ValidationMemo() if self.serving else None
        self.one_build = command in ("build", "gh-deploy")  # unknown when MkDocs is called without its CLI
        self.dirty = dirty
        translate_aborts()  # the build's own failure line in Vietnamese, like every message before it

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.build = _Build(
            to_settings(
                self.config, config.config_file_path, config.site_url, config.site_name,
                config.site_description, config.theme.get("logo"),
            )  # fmt: skip
        )
        if not config.site_url:
            log.info("site_url chưa được đặt trong mkdocs.yml: nguồn tin, mã nhúng và thẻ chia sẻ sẽ dùng đường dẫn tương đối.")
        add_theme(config)
        if self.one_build:
            # The public sees the output folder: MkDocs writes a new one beside it, swapped in whole
            # at the end (on_post_build), so that a killed build or a full disk leaves the site as it was.
            self.publication = output_folder.claim(config.site_dir, in_place=self.dirty)
            config.site_dir = str(self.publication.staging)
            if self.publication.recovered:
                log.info(render("output.recovered", {"count": len(self.publication.recovered), "folder": self.publication.target}))
        return config

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # Everything that can fail on input runs here, before MkDocs cleans the output folder:
        # a broken story leaves the previous site untouched.
        build = self._current()
        if self.serving:
            self.preview.rebuilding()
        try:
            build.site = prepare_site(build.settings, keep_going=self.serving, memo=self.memo)
        except ValidationFailed as failed:
            raise PluginError(str(failed)) from None  # MkDocs prints it and exits 1, no traceback
        report_build(build.site, build.settings, self.memo, log)
        if self.serving or worker_count(self.config.workers, 2) == 1:
            return
        # Feeds, embeds and the search index need only the plan: with a core to spare, a forked
        # process makes them from now on and writes them once MkDocs has emptied the output folder.
        build.cleaned = multiprocessing.get_context("fork").Event()
        tasks = [functools.partial(output_folder.make_then_write, build.site.deferred, config.site_dir, build.cleaned)]
        gc.freeze()  # see on_env
        build.processes.append(start_tasks(tasks))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        build = self._current()
        assert build.site is not None
        converter = Converter(config, ConversionCache(build.settings.cache_path, config))
        build.generated = add_generated(files, build.site, config, converter)
        if build.settings.editor.enabled:
            add_editor(files, build.site.project, config)
        if build.cleaned is not None:  # the data files are being made elsewhere (on_pre_build)
            build.cleaned.set()  # type: ignore[attr-defined]
        else:  # made in on_env, or on request in `mkdocs serve`
            build.tasks = [functools.partial(output_folder.write_outputs, make, config.site_dir) for make in build.site.deferred]
        return files

    def on_nav(self, nav, *, config: MkDocsConfig, files: Files):
        build = self._current()
        build.nav, build.nav_urls = nav, {page.url for page in nav.pages}
        return nav

    @event_priority(-100)  # last: the environment is complete when the pages are rendered with it
    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        build = self._current()
        build.helpers = TemplateHelpers(env, config, build.nav_urls, build.settings.cache_path / "jinja")
        # Everything built so far lives until the end of the build: keep it out of the cycle
        # collector's walks (and, in forked workers, out of copy-on-write page faults).
        gc.freeze()
        pages = build.generated.pages
        if self.serving:  # rendered on request, once MkDocs has finished (on_post_build)
            render = page_renderer(config, files, build.nav, env)
            build.publish = functools.partial(self.preview.publish, pages, build.tasks, render)
            return env
        for task in build.tasks:  # not started in on_pre_build
            task()
        build.processes.append(render_pages(pages, config, files, build.nav, env, self.config.workers))
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self._current().generated.specs.get(page.file.src_uri)
        if spec is not None:
            # Material's templates print meta values unescaped; escape front-matter text here.
            page.meta["title"] = str(escape(spec.title))
            page.meta["description"] = str(escape(spec.description))
            page.meta["template"] = spec.template
            page.meta["hide"] = _HIDE.get(spec.template, _HIDE_ALL)
        elif self.build is not None and self.build.site is not None:
            page.gs_lastmod = content_lastmod(page, self.build.site.newest)  # type: ignore[attr-defined]
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        build = self._current()
        spec = build.generated.specs.get(page.file.src_uri)
        if spec is not None and spec.template == "gs-story.html":
            # Officers' raw HTML is checked (with lines) by validation; here it is enforced.
            return sanitize_html(html, build.settings.safety)
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        build = self._current()
        spec = build.generated.specs.get(page.file.src_uri)
        context["exemplars"] = spec.view if spec is not None else None
        context["portal"] = build.settings.portal
        context["gs_errors"] = [p.format(build.settings.lang) for p in build.site.errors] if build.site else []
        context["gs_structured_data"] = spec.structured_data if spec is not None else ()
        if build.site is not None:
            if page.is_homepage:
                context["home"] = build.site.plan.home
                context["gs_structured_data"] = build.site.plan.home.structured_data
            context["gs_share"] = share_tags(page, spec, build.site, config)
        return context

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        build = self._current()
        if template_name != "sitemap.xml" or not build.generated.pages or build.helpers is None:
            return output_content
        return sitemap_with(output_content, build.generated.pages, build.helpers.env, config)

    @event_priority(100)  # first: other plugins' on_post_build may read the pages
    def _on_post_build_wait(self, *, config: MkDocsConfig) -> None:
        build = self._current()
        processes, build.processes = build.processes, []
        for started in processes:
            started.wait()
        if build.publish is not None:
            build.publish()  # type: ignore[operator]
        if not narrow_material_alternates(Path(config.site_dir)):
            log.warning("Material's script changed: feed links may make it request sitemap.xml files that do not exist.")
        if self.one_build:
            # Python's last collection at exit would walk everything built (a tenth of the build
            # at 1,000 stories) to free memory the system takes back anyway.
            gc.freeze()
        else:  # `mkdocs serve` builds again in this process: let this build's objects go
            gc.unfreeze()

    @event_priority(-100)  # last: every plugin has written what it writes
    def _on_post_build_publish(self, *, config: MkDocsConfig) -> None:
        publication, self.publication = self.publication, None
        if publication is None:
            return
        if any(strict_counts().values()):  # `--strict` aborts right after this: nothing is published
            publication.abandon()
            return
        publication.publish()
        # `mkdocs gh-deploy` reads the folder from here after the build.
        config.site_dir = str(publication.target)

    on_post_build = CombinedEvent(_on_post_build_wait, _on_post_build_publish)

    def on_build_error(self, *, error: Exception) -> None:
        if self.build is not None:
            processes, self.build.processes = self.build.processes, []
            for started in processes:
                started.stop()
        self.preview.failed()
        gc.unfreeze()
        publication, self.publication = self.publication, None
        if publication is not None:
            publication.abandon()
        full = output_folder.disk_full(error, publication)
        if full is not None:
            raise full from None  # one message naming the folder instead of MkDocs' traceback

    def on_shutdown(self) -> None:
        # Interrupted (Ctrl-C) outside MkDocs' error handling: what was built is not published.
        publication, self.publication = self.publication, None
        if publication is not None:
            publication.abandon()

    def on_serve(self, server, *, config: MkDocsConfig, builder):
        server.watch(str(self._current().settings.stories_path))
        server.set_app(self.preview.wrap(server.get_app(), server.root, server.mount_path))
        return server

    def _current(self) -> _Build:
        assert self.build is not None, "on_config runs first"
        return self.build
