"""Validation rules: one module per concern, each with an `ORDER` and a `check(story)` function.

`RULES` runs them by `ORDER`. A rule reads the front matter through the `StoryCheck` it gets,
records problems on it, and stores what it read in `story.values` for the `Story` to be made
of; later rules may use what earlier ones stored (the date, the terms). A new rule is a new
module here (its messages go in `generator.core.messages`, its explanation in the officers'
guide `content/huong-dan/loi-thuong-gap.md`).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType

__all__ = ["RULES"]


def _discover() -> tuple[ModuleType, ...]:
    modules = [importlib.import_module(f"{__name__}.{info.name}") for info in pkgutil.iter_modules(__path__)]
    return tuple(sorted(modules, key=lambda module: module.ORDER))


RULES = _discover()
"""The rule modules, in the order they run."""
