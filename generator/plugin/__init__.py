"""MkDocs adapter: the `exemplars` plugin. Only this package imports MkDocs."""

from generator.plugin.plugin import ExemplarsPlugin

__all__ = ["ExemplarsPlugin"]
