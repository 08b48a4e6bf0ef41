"""Core settings: what the pipeline needs to know, independent of any site generator.

The MkDocs adapter (`generator.adapters.mkdocs.config`) declares the same options with MkDocs' config
schema and turns them into `Settings`; a later adapter (Zensical, ProperDocs) would do the same.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.axes import AXES, Axis
from generator.outputs.editor import EditorOptions
from generator.outputs.photos import ImageOptions
from generator.core.safety import SafetyOptions

__all__ = ["Portal", "Settings"]


@dataclass(frozen=True, kw_only=True)
class Portal:
    """Who publishes the site: shown in the header, footer, share cards and feeds.

    The footer shows what Decree 42/2022/NĐ-CP asks of an agency's site: the agency and the one it
    answers to, the person responsible, address, telephone, e-mail and the licence line.
    Another province reuses the project by changing these and the vocabularies only.
    """

    province: str = "Quảng Ngãi"
    agency: str = "Ban Thi đua - Khen thưởng tỉnh Quảng Ngãi"
    """The agency that runs the site (cơ quan quản lý, vận hành)."""
    owner: str = ""
    """The agency it answers to (cơ quan chủ quản), shown in the footer."""
    responsible: str = ""
    """The person responsible for the content (người chịu trách nhiệm), with their office."""
    address: str = ""
    phone: str = ""
    email: str = ""
    licence: str = ""
    """The licence line (số giấy phép, or terms of reuse), where the site has one."""
    primary_color: str = "#a31d1d"
    accent_color: str = "#8a5a00"


@dataclass(frozen=True, kw_only=True)
class Settings:
    """Settings of one site, with the defaults of the provincial portal."""

    root: Path
    """Folder of mkdocs.yml; story sources and "outside the repository" are relative to it."""
    stories_dir: str = "exemplars"
    """Folder of the story files, relative to `root`."""
    vocabulary_dir: str | None = None
    """Folder with movements.yml, fields.yml, units.yml, districts.yml overriding the defaults."""
    per_page: int = 12
    """Stories per listing page."""
    build_date: dt.date = field(default_factory=dt.date.today)
    """Stories dated after this are not published yet (see `generator.core.dates.build_date`)."""
    lang: str = "vi"
    """Language of messages: "vi" or "en"."""
    site_url: str = ""
    """Absolute base URL of the published site (for open data, feeds, share cards)."""
    site_name: str = "Gương sáng"
    site_description: str = ""
    logo: str = ""
    """Site-relative URL of the portal's logo (the publisher's logo in structured data)."""
    feed_limit: int = 50
    """Stories in each feed, newest first."""
    search: bool = True
    """Build the search index (tim-kiem/chi-muc/)."""
    portal: Portal = field(default_factory=Portal)
    images: ImageOptions = field(default_factory=ImageOptions)
    safety: SafetyOptions = field(default_factory=SafetyOptions)
    workers: int = 0
    """Processes a build may use (validation, photos, share cards, pages); 0: one per core it may run on."""
    strict: bool = False
    """Treat warnings (removed HTML, personal data, ...) as errors."""
    axes: tuple[Axis, ...] = AXES
    """The listing axes: the built-in ones, then any the site declares (`generator.core.axes`)."""
    editor: EditorOptions = field(default_factory=EditorOptions)
    """The web editor `soan-bai/` (`generator.outputs.editor`)."""
    cache_dir: str = ".cache"
    """Folder for processed photos and share cards, relative to `root` (safe to keep between CI runs)."""

    @property
    def cache_path(self) -> Path:
        """Absolute cache folder."""
        return self.root / self.cache_dir

    @property
    def stories_path(self) -> Path:
        """Absolute folder of the stories."""
        return self.root / self.stories_dir

    @property
    def vocabulary_path(self) -> Path | None:
        """Absolute folder of the vocabulary overrides, if any."""
        return self.root / self.vocabulary_dir if self.vocabulary_dir else None
