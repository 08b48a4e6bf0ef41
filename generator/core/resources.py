"""Where the data shipped with the package lives (vocabularies, fonts, templates, theme)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["DEFAULTS", "FONTS", "PACKAGE", "TEMPLATES", "THEME"]

PACKAGE = Path(__file__).resolve().parent.parent
DEFAULTS = PACKAGE / "defaults"
"""Default vocabularies and quota rules (`<axis>.yml`, `quotas.yml`)."""
FONTS = PACKAGE / "fonts"
"""Fonts drawn into share cards."""
TEMPLATES = PACKAGE / "templates"
"""Templates of the embeddable cards and widgets (rendered outside the site's theme)."""
THEME = PACKAGE / "theme"
"""Templates and assets of the generated pages (a Material `custom_dir` layer)."""
