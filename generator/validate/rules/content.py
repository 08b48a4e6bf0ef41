"""Raw HTML the sanitizer will remove, and personal data, in the body and the front matter (warnings)."""

from __future__ import annotations

from generator.core.media import pasted_video
from generator.core.safety import scan_html, scan_personal_data
from generator.plan.pictures import outside_code, prose_lines
from generator.validate.check import StoryCheck, front_matter_texts

ORDER = 30


def check(story: StoryCheck) -> None:
    """Warnings (or errors, per the site's privacy settings) for HTML and personal data, with lines."""
    raw = story.raw
    body = [(raw.body_line + i, outside_code(t)) for i, t in prose_lines(raw.body.split("\n"))]
    # A pasted video is no HTML to remove: rules.media reports it if it cannot be shown.
    html = [(line, text) for line, text in body if pasted_video(text, story.safety.video_hosts) is None]
    for line, code, params in scan_html(html, story.safety):
        story.fail("body", code, line=line, severity="warning", **params)
    values = [(story.line(*path), v) for path, v in front_matter_texts(story.data)]
    for line, rule, severity, value in scan_personal_data(body + values, story.safety):
        story.fail("body", f"privacy.{rule}", line=line, severity=severity, value=value)
