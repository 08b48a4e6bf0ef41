"""Every front-matter key must be one the story format knows: a typo must never drop data silently."""

from __future__ import annotations

import difflib

from generator.validate.check import StoryCheck, suggestion
from generator.validate.schema import KEY_HINTS

ORDER = 10


def check(story: StoryCheck) -> None:
    """An error on each unknown key, with the key probably meant and the list of known ones."""
    known = story.known_keys
    for key in story.data:
        if key in known:
            continue
        near = KEY_HINTS.get(key.casefold()) or next(iter(difflib.get_close_matches(key.casefold(), known, 1, 0.6)), None)
        story.fail(key, "key.unknown", line=story.line(key), suggestion=suggestion([near] if near else []), allowed=", ".join(known))
