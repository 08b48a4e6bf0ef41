"""The MkDocs plugin: wires MkDocs' build hooks to the core pipeline, nothing more."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files

from generator.errors import ValidationFailed
from generator.model import Status
from generator.plugin.config import ExemplarsConfig, to_settings
from generator.project import Project, load_project
from generator.settings import Settings

log = get_plugin_logger(__name__)


class ExemplarsPlugin(BasePlugin[ExemplarsConfig]):
    """Validates every story at build time and generates the exemplar pages."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.project: Project | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.settings = to_settings(self.config, config.config_file_path)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.settings is not None
        project = load_project(self.settings)
        for problem in project.problems:
            if problem.severity == "warning":
                log.warning(problem.format(self.settings.lang))
        if project.errors:
            # PluginError makes MkDocs print the message and exit 1 without a traceback.
            raise PluginError(str(ValidationFailed(list(project.problems), self.settings.lang)))
        for story in project.stories:
            if story.status is Status.DRAFT:
                log.info("Bỏ qua bản nháp: %s", story.source)
        self.project = project
        return files
