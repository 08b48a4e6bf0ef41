"""`mkdocs build` with one fault injected, for tests/test_faults.py: `python faulty_build.py MODE N MKDOCS-ARGS...`.

MODE is
- `enospc`: the N-th file MkDocs writes in a process (pages, data files) fails as on a full disk;
- `kill-in-cache`: the N-th cache entry written in a process is half written, then the build's
  whole process group is killed with SIGKILL (as the system does on out-of-memory or a CI timeout).

Everything else is the real build: the patches are made before MkDocs and the plugin are imported.
"""

from __future__ import annotations

import errno
import os
import signal
import sys

MODE, LIMIT = sys.argv[1], int(sys.argv[2])
_calls = 0


def _due() -> bool:
    global _calls
    _calls += 1
    return _calls == LIMIT


if MODE == "enospc":
    import mkdocs.utils

    _write_file = mkdocs.utils.write_file

    def write_file(content: bytes, output_path: str) -> None:
        if _due():
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), output_path)
        _write_file(content, output_path)

    mkdocs.utils.write_file = write_file
elif MODE == "kill-in-cache":
    from generator.runtime import files

    _temporary = files._temporary  # every cache entry is written through it, whatever imported write_atomic

    def temporary(path, data: bytes) -> str:
        if _due():
            _temporary(path, data[: len(data) // 2])  # the first half is on disk...
            os.killpg(os.getpgrp(), signal.SIGKILL)  # ...when the build dies
        return _temporary(path, data)

    files._temporary = temporary
else:
    raise SystemExit(f"unknown fault {MODE}")

from mkdocs.__main__ import cli  # noqa: E402 - after the patches

sys.argv = ["mkdocs", *sys.argv[3:]]
cli()
