"""What the plugin generates, as MkDocs files and pages.

`add_generated` turns the pipeline's page specs and output files into virtual files
(`File.generated`). MkDocs supports plugins putting a `Page` subclass on `File.page`; the ones
here change only how a page is converted or a file copied, never what comes out, so the
thousands of generated pages cost what they must and no more (benchmarks/RESULTS.md).
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.adapters.mkdocs.compat import PageProcessors, set_title_from_render
from generator.adapters.mkdocs.conversions import Conversion, ConversionCache, Lookups, Messages, worth_keeping
from generator.core import urls
from generator.outputs.editor import editor_files
from generator.pipeline import SiteBuild
from generator.plan.views import PageSpec
from generator.validate.project import Project
from generator.runtime.files import clone_or_copy

__all__ = ["CachedFile", "Converter", "Generated", "MarkdownPage", "TemplatePage", "add_editor", "add_generated"]

_MKDOCS_LOG = logging.getLogger("mkdocs.structure.pages")


class TemplatePage(Page):
    """A generated page drawn entirely by its template (listings, overviews, dashboard...).

    It has no Markdown, so converting it is skipped: MkDocs would otherwise set up a Markdown
    converter with every extension for each of thousands of empty pages.
    """

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self.present_anchor_ids = set()


class Converter:
    """One Markdown converter with the site's extensions, reset between pages.

    MkDocs builds a new converter (every extension, every processor) for each page: a fifth of
    the time of converting a story. Python-Markdown supports reusing one with `reset()`. With a
    `ConversionCache`, an unchanged story is not converted at all (generator/adapters/mkdocs/conversions.py).
    Not for use by two threads at once (`mkdocs serve` renders under a lock).
    """

    def __init__(self, config: MkDocsConfig, cache: ConversionCache | None = None) -> None:
        self.markdown = markdown.Markdown(extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        self.cache = cache if cache is not None and cache.enabled else None
        self.messages = Messages()

    def render(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """Set `page.content`, `toc`, title and anchors exactly as `Page.render` does."""
        assert page.markdown is not None, "read_source comes first"
        if self.cache is None:
            _apply(self.convert(page, config, files), page, files)
            return
        key = self.cache.key(page.markdown, page.file)
        conversion = self.cache.get(key)
        if conversion is None or not conversion.still_valid(files):
            conversion, logged = self.messages.watching(lambda: self.convert(page, config, Lookups(files)))
            if worth_keeping(conversion, logged):
                self.cache.put(key, conversion)
        _apply(conversion, page, files)

    def convert(self, page: Page, config: MkDocsConfig, files: Files | Lookups) -> Conversion:
        """Convert the page's Markdown with the same processors as `Page.render`."""
        md = self.markdown
        processors = PageProcessors.register(md, page.file, files, config)
        md.reset()
        content = md.convert(page.markdown)
        return Conversion(
            content=content,
            toc=getattr(md, "toc_tokens", []),
            title=processors.title.title,
            anchors=sorted(processors.anchor_ids),
            links={file.src_uri: links for file, links in processors.links_to_anchors.items()},
            lookups=files.seen if isinstance(files, Lookups) else {},
        )


def _apply(conversion: Conversion, page: Page, files: Files) -> None:
    page.content = conversion.content
    page.toc = get_toc(conversion.toc)
    set_title_from_render(page, conversion.title)
    page.present_anchor_ids = set(conversion.anchors)
    if _MKDOCS_LOG.getEffectiveLevel() > logging.DEBUG:  # as Page.render
        page.links_to_anchors = {
            (page.file if uri == page.file.src_uri else files.get_file_from_path(uri)): links for uri, links in conversion.links.items()
        }


class MarkdownPage(Page):
    """A generated page with Markdown (a story), converted by a shared `Converter`."""

    def __init__(self, file: File, config: MkDocsConfig, converter: Converter) -> None:
        super().__init__(None, file, config)
        self.converter = converter

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.converter.render(self, config, files)


class CachedFile(File):
    """A processed photo or share card published from the cache: copied, never hard-linked.

    The site must share no inode with the cache: with a hard link, a tool editing the site in
    place (an image optimiser, a fix on the server) would change the cache too, and a damaged
    cache file would change the published one. Cloned where the file system can (no data
    copied), copied by the kernel elsewhere (benchmarks/RESULTS.md has the cost).
    """

    def copy_file(self, dirty: bool = False) -> None:
        assert self.abs_src_path is not None
        output = self.abs_dest_path
        os.makedirs(os.path.dirname(output), exist_ok=True)
        if os.path.lexists(output):  # `--dirty`: an earlier build's file, maybe a link to the cache
            os.remove(output)
        clone_or_copy(self.abs_src_path, output)


@dataclass
class Generated:
    """The generated pages of a build."""

    specs: dict[str, PageSpec] = field(default_factory=dict)
    """Every generated page's spec, by the source URI of its virtual file."""
    pages: list[Page] = field(default_factory=list)
    """The pages rendered outside MkDocs' page loop (generator/adapters/mkdocs/render.py)."""


def add_generated(files: Files, build: SiteBuild, config: MkDocsConfig, converter: Converter) -> Generated:
    """Add the build's section pages and output files to `files`; return every generated page."""
    generated = Generated()
    for spec in build.pages:
        uri = urls.source_uri(spec.url)
        generated.specs[uri] = spec
        file = File.generated(config, uri, content=spec.markdown, inclusion=InclusionLevel.NOT_IN_NAV)
        page = MarkdownPage(file, config, converter) if spec.markdown else TemplatePage(None, file, config)  # sets file.page
        # The sitemap's lastmod (theme sitemap.xml): when what the page shows changed, not when it was built.
        page.gs_lastmod = spec.lastmod.isoformat() if spec.lastmod else None  # type: ignore[attr-defined]
        if spec.url.count("/") == 1:
            # Section pages (phong-trao/, thong-ke/, lay-y-kien/...) may be in the nav or linked
            # from content/: they are MkDocs pages like any other.
            files.append(file)
        else:
            # The thousands of others stay out of `files`, where MkDocs would render them one by one.
            generated.pages.append(page)
    for output in build.files:
        if output.content is not None:
            files.append(File.generated(config, output.url, content=output.content))
        else:
            files.append(CachedFile.generated(config, output.url, abs_src_path=str(output.path)))
    return generated


def _preview_styles(files: Files) -> list[str]:
    # Material's stylesheet has a hashed name: found among the theme's files, not guessed.
    material = sorted(f.url for f in files if re.fullmatch(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css", f.url))
    ours = ["assets/stylesheets/fonts.css", "assets/stylesheets/portal.css", "assets/stylesheets/exemplars.css"]
    return [f"../{url}" for url in material + ours]


def add_editor(files: Files, project: Project, config: MkDocsConfig) -> None:
    """Add the web editor `soan-bai/` (`generator.outputs.editor`): files only, never pages, so it
    is in no navigation, sitemap or search index."""
    settings = project.settings
    made = editor_files(
        settings.editor, settings.stories_path, settings.stories_dir, settings.axes, project.vocabulary,
        settings.build_date, settings.site_name, _preview_styles(files),
    )  # fmt: skip
    for item in made:
        if item.content is not None:
            files.append(File.generated(config, item.url, content=item.content))
        else:
            files.append(File.generated(config, item.url, abs_src_path=str(item.source)))
