"""Vendor Decap CMS (npm `decap-cms`, MIT) into generator/editor_assets/ for the web editor `soan-bai/`.

The editor page must load nothing from a CDN (closed networks, the site's CSP), so the bundle
and its lazily loaded chunks are committed. This script is the only way they change:

    python tools/vendor_decap.py            # the pinned version
    python tools/vendor_decap.py 3.16.4     # another one (then update VERSION below and commit)

It downloads the registry's tarball, refuses it unless its SHA-512 matches the integrity the
registry publishes, and copies `dist/decap-cms.js`, its `*.decap-cms.js` chunks and the
bundle's licence notices, with a manifest naming the version and each file's SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "3.16.3"
REGISTRY = "https://registry.npmjs.org/decap-cms"
TARGET = Path(__file__).resolve().parent.parent / "generator" / "editor_assets" / "decap"

_MIT = """MIT License

Copyright (c) 2016 Netlify and Decap CMS contributors (https://github.com/decaporg/decap-cms)

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=120) as response:  # noqa: S310 - the npm registry only
        return response.read()


def verified_tarball(version: str) -> bytes:
    """The tarball of `version`, checked against the registry's `dist.integrity` (SHA-512)."""
    meta = json.loads(_get(f"{REGISTRY}/{version}"))
    algorithm, _, expected = meta["dist"]["integrity"].partition("-")
    if algorithm != "sha512":
        raise SystemExit(f"unexpected integrity algorithm {algorithm!r}")
    data = _get(meta["dist"]["tarball"])
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    if actual != expected:
        raise SystemExit(f"decap-cms {version}: tarball does not match the registry's integrity")
    if meta.get("license") != "MIT":
        raise SystemExit(f"decap-cms {version}: licence is {meta.get('license')!r}, not MIT")
    return data


def _wanted(name: str) -> bool:
    # The bundle loads its chunks (locales, editor modes) from its own folder: all of them ship.
    return name == "decap-cms.js" or name.endswith(".decap-cms.js") or name == "decap-cms.js.LICENSE.txt"


def vendor(version: str = VERSION, target: Path = TARGET) -> dict[str, str]:
    """Replace `target` with the verified files of `version`; returns file name -> SHA-256."""
    data = verified_tarball(version)
    files: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for member in archive.getmembers():
            name = member.name.removeprefix("package/dist/")
            if member.isfile() and name != member.name and "/" not in name and _wanted(name):
                files[name] = archive.extractfile(member).read()  # type: ignore[union-attr]
    if "decap-cms.js" not in files:
        raise SystemExit("dist/decap-cms.js missing from the tarball")
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    digests = {}
    for name, content in sorted(files.items()):
        (target / name).write_bytes(content)
        digests[name] = hashlib.sha256(content).hexdigest()
    (target / "LICENSE").write_text(_MIT, encoding="utf-8")
    manifest = {"package": "decap-cms", "version": version, "licence": "MIT", "files": digests}
    (target / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return digests


if __name__ == "__main__":
    written = vendor(sys.argv[1] if len(sys.argv) > 1 else VERSION)
    print(f"{len(written)} files in {TARGET}")
