"""Small files every site has: robots.txt and the stylesheet with the province's colours."""

from __future__ import annotations

from generator.core import urls
from generator.core.settings import Portal, Settings

__all__ = ["portal_stylesheet", "robots_txt"]


def robots_txt(settings: Settings) -> str:
    """Let every crawler in and point it at the sitemap (embed pages say noindex themselves)."""
    lines = ["User-agent: *", "Allow: /"]
    if settings.site_url:
        lines.append(f"Sitemap: {urls.absolute(settings.site_url, 'sitemap.xml')}")
    return "\n".join(lines) + "\n"


def portal_stylesheet(portal: Portal) -> str:
    """CSS custom properties for the province's colours (a file, not inline, so a strict CSP holds)."""
    return (
        ":root, [data-md-color-scheme=default] {\n"
        f"  --md-primary-fg-color: {portal.primary_color};\n"
        f"  --md-primary-fg-color--light: {portal.primary_color};\n"
        f"  --md-primary-fg-color--dark: {portal.primary_color};\n"
        "  --md-primary-bg-color: #ffffff;\n"
        f"  --md-accent-fg-color: {portal.accent_color};\n"
        "}\n"
    )
