"""The public surface: what `generator` exports, and the core staying free of MkDocs."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import generator

CORE = [
    "core.text", "core.yamltree", "core.dates", "core.model", "core.settings", "core.errors", "core.messages",
    "core.urls", "core.safety", "core.resources", "core.axes", "core.vocabulary",
    "load.stories", "load.vocabulary", "load.quotas",
    "validate.story", "validate.check", "validate.schema", "validate.rules", "validate.across_stories",
    "validate.memo", "validate.project",
    "plan.group", "plan.views", "plan.story_pages", "plan.listings", "plan.site_plan", "plan.board",
    "plan.pictures", "plan.figures", "plan.search_page", "plan.sharing",
    "outputs.feeds", "outputs.embeds", "outputs.search_index", "outputs.opendata", "outputs.reports",
    "outputs.photos", "outputs.sharecards", "outputs.headers", "outputs.site_files", "outputs.structured_data",
    "authoring.new_story", "authoring.docx_reader", "authoring.docx_import",
    "runtime.parallel", "pipeline",
]  # fmt: skip


@pytest.mark.parametrize("name", generator.__all__)
def test_exported_member_is_importable(name: str) -> None:
    member = getattr(generator, name)
    assert getattr(member, "__module__", "generator").startswith("generator")
    exec(f"from generator import {name}", {})


def test_all_is_sorted_and_unique() -> None:
    assert list(generator.__all__) == sorted(set(generator.__all__))


@pytest.mark.parametrize("module", CORE)
def test_core_module_all_is_importable(module: str) -> None:
    mod = importlib.import_module(f"generator.{module}")
    for name in getattr(mod, "__all__", []):
        assert hasattr(mod, name), f"generator.{module}.__all__ names missing {name}"


def test_core_does_not_import_mkdocs() -> None:
    """Material ends in 2027; the core must survive a move away from MkDocs (issue 2, section 1)."""
    imports = "; ".join(f"import generator.{m}" for m in CORE)
    code = (
        f"import sys, generator; {imports}; "
        "bad = sorted(m for m in sys.modules if m == 'mkdocs' or m.startswith(('mkdocs.', 'material')));"
        "print(','.join(bad))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == ""


def test_plugin_is_registered() -> None:
    from importlib.metadata import entry_points

    [plugin] = entry_points(group="mkdocs.plugins", name="exemplars")
    assert plugin.load().__name__ == "ExemplarsPlugin"
    [script] = entry_points(group="console_scripts", name="exemplars")
    assert script.value == "generator.adapters.cli:main"


def test_no_module_outside_the_adapters_imports_mkdocs() -> None:
    """Modules added later (in any stage package) belong to the core too; only adapters/ may use MkDocs."""
    code = (
        "import pkgutil, sys, importlib, generator\n"
        "names = [m.name for m in pkgutil.walk_packages(generator.__path__, 'generator.')"
        " if not m.name.startswith('generator.adapters')]\n"
        "for n in names: importlib.import_module(n)\n"
        "print(len(names)); print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material'))))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    count, bad = run.stdout.splitlines()
    assert int(count) >= len(CORE)
    assert bad == ""
