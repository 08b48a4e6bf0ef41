#!/usr/bin/env python3
"""The two commands of the README: `python3 dev.py serve` and `python3 dev.py test`.

`python3 dev.py check [paths...]` runs `exemplars check` the same way (the pre-commit hook uses it).

Standard library only, so it runs on a fresh clone with nothing but Python 3.11: it creates
`.venv`, installs the project with its test tools, installs Debian's Chromium for the browser
tests when it is missing, installs axe-core (package.json, npm) for the accessibility tests, then
serves the demo site or runs the whole test suite.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
CHROMIUM = "/usr/bin/chromium"


def run(*args: str | os.PathLike) -> None:
    """Run a command, stopping with its exit code when it fails."""
    print("+", " ".join(map(str, args)), flush=True)
    code = subprocess.call(list(map(str, args)), cwd=ROOT)
    if code:
        sys.exit(code)


def ensure_venv(extras: str) -> None:
    """Create .venv and install the project (editable) with `extras`, once per pyproject change."""
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    stamp = VENV / f".installed-{extras}"
    marker = (ROOT / "pyproject.toml").read_bytes()
    if stamp.exists() and stamp.read_bytes() == marker:
        return
    run(BIN / "python", "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    run(BIN / "python", "-m", "pip", "install", "--quiet", "-e", f".[{extras}]")
    stamp.write_bytes(marker)


def ensure_chromium() -> None:
    """Debian's Chromium for the headless browser tests (Playwright cannot download browsers here)."""
    if Path(CHROMIUM).exists():
        return
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    if prefix and not shutil.which("sudo"):
        sys.exit("Cần cài Chromium: chạy 'apt-get install -y chromium' với quyền root.")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "chromium"]):
        print("+", " ".join(prefix + args), flush=True)
        if subprocess.call(prefix + args, env=env):
            sys.exit("Không cài được Chromium bằng apt-get.")


NODE_TOOLS = ("axe-core/axe.min.js", "vnu-jar/build/dist/vnu.jar")
"""The files of the npm test tools (package.json): axe-core for tests/test_accessibility.py, the Nu Html
Checker for tests/test_html_valid.py."""


def ensure_axe() -> None:
    """The npm test tools (pinned in package.json: axe-core, vnu-jar), when one is missing."""
    if all((ROOT / "node_modules" / tool).exists() for tool in NODE_TOOLS):
        return
    npm = shutil.which("npm")
    if npm is None:  # the accessibility tests then fail, saying how to install it
        print("Không có npm: chưa cài được axe-core cho kiểm thử trợ năng ('apt-get install -y npm').", flush=True)
        return
    lock = (ROOT / "package-lock.json").exists()
    run(npm, "ci" if lock else "install", "--no-audit", "--no-fund")


def main(argv: list[str]) -> None:
    # Material for MkDocs prints an English end-of-life banner on every mkdocs run unless this is
    # set; it is noise for officers and in CI logs. Every command below passes it on to MkDocs.
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    command = argv[0] if argv else "help"
    if command == "serve":
        ensure_venv("test")
        run(BIN / "mkdocs", "serve", "--dev-addr", os.environ.get("ADDR", "127.0.0.1:8000"), *argv[1:])
    elif command == "build":
        ensure_venv("test")
        run(BIN / "mkdocs", "build", "--strict", *argv[1:])
    elif command == "check":
        # The same install as serve and test (one stamp), so a pre-commit run never reinstalls;
        # no browser is needed to check stories.
        ensure_venv("test")
        run(BIN / "exemplars", "check", *argv[1:])
    elif command == "test":
        ensure_venv("test")
        ensure_chromium()
        ensure_axe()
        run(BIN / "python", "-m", "pytest", *argv[1:])
    else:
        print(__doc__)
        print("Dùng: python3 dev.py serve | build | check [tệp bài viết...] | test [pytest args]")
        sys.exit(0 if command in ("help", "-h", "--help") else 2)


if __name__ == "__main__":
    main(sys.argv[1:])
