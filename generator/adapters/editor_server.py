"""`exemplars editor`'s server: the built site, and Decap's local-backend protocol over the stories.

Decap CMS's `proxy` backend posts `{"action": ..., "params": ...}` to one URL (`/api/v1`) and
expects what `decap-server` (npm, its `localFs` middleware) answers. This is that protocol in
the standard library, so an officer's machine needs Python only, not Node:

    info, entriesByFolder, entriesByFiles, getEntry, persistEntry, getMedia, getMediaFile,
    persistMedia, deleteFile, deleteFiles, getDeployPreview

Every path is relative to the project folder (mkdocs.yml's) and must resolve inside the stories
folder: the editor can read and write stories and their photos, nothing else (not mkdocs.yml,
not the vocabularies, not `../`). The server listens on 127.0.0.1 only: one officer, one machine.
Files are written whole or not at all.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.outputs.editor import EDITOR_DIR, PROXY_PATH
from generator.outputs.headers import editor_headers, site_editor_policy
from generator.runtime.files import write_atomic

__all__ = ["EditorBackend", "OutsideStories", "editor_server"]

_MAX_REQUEST = 64 * 1024 * 1024
"""Largest request accepted (a photo in base64); the photo checks refuse big photos anyway."""


class OutsideStories(Exception):
    """A path the editor asked for is not inside the stories folder."""


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _write(path: Path, data: bytes) -> None:
    # Whole or not at all: a story half-written by a crashed save would break the next build.
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data)


@dataclass(frozen=True)
class EditorBackend:
    """Decap's local-backend actions over `root` (the project), confined to `stories`."""

    root: Path
    stories: Path

    def resolve(self, relative: str) -> Path:
        """The absolute path of `relative` (as Decap sends it), refused outside the stories folder."""
        path = (self.root / relative).resolve()
        if not path.is_relative_to(self.stories.resolve()):
            raise OutsideStories(relative)
        return path

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root.resolve()).as_posix()

    def _entry(self, relative: str, label: str | None = None) -> dict[str, object]:
        try:
            data = self.resolve(relative).read_bytes()
        except (OSError, OutsideStories):
            return {"data": None, "file": {"path": relative, "label": label, "id": None}}
        return {"data": data.decode("utf-8"), "file": {"path": relative, "label": label, "id": _sha256(data)}}

    def _media(self, path: Path) -> dict[str, object]:
        data = path.read_bytes()
        return {
            "id": _sha256(data), "content": base64.b64encode(data).decode("ascii"), "encoding": "base64",
            "path": self._relative(path), "name": path.name,
        }  # fmt: skip

    def _files(self, folder: str, extension: str, depth: int) -> list[Path]:
        try:
            base = self.resolve(folder)
        except OutsideStories:
            return []
        if not base.is_dir():
            return []
        found = []
        for path in sorted(base.rglob("*")):
            inside = len(path.relative_to(base).parts)
            if path.is_file() and inside <= depth and path.name.endswith(extension) and not path.name.startswith("."):
                found.append(path)
        return found

    def handle(self, action: str, params: dict) -> object:
        """The answer to one action, as `decap-server` gives it; `KeyError` for an unknown action."""
        if action == "info":
            return {"repo": self.root.name, "publish_modes": ["simple"], "type": "local_fs"}
        if action == "entriesByFolder":
            files = self._files(params["folder"], params["extension"], int(params["depth"]))
            return [self._entry(self._relative(path)) for path in files]
        if action == "entriesByFiles":
            return [self._entry(f["path"], f.get("label")) for f in params["files"]]
        if action == "getEntry":
            return self._entry(params["path"])
        if action == "persistEntry":
            return self._persist(params)
        if action == "getMedia":
            return [self._media(path) for path in self._files(params["mediaFolder"], "", 1)]
        if action == "getMediaFile":
            return self._media(self.resolve(params["path"]))
        if action == "persistMedia":
            asset = params["asset"]
            path = self.resolve(asset["path"])
            _write(path, base64.b64decode(asset["content"]))
            return self._media(path)
        if action in ("deleteFile", "deleteFiles"):
            for relative in params.get("paths") or [params["path"]]:
                self.resolve(relative).unlink(missing_ok=True)
            return {"message": "deleted"}
        if action == "getDeployPreview":
            return None
        raise KeyError(action)

    def _persist(self, params: dict) -> dict[str, str]:
        data_files = params.get("dataFiles") or [params["entry"]]
        # Check every path before writing anything: a refused photo must not leave half a story.
        targets = [(self.resolve(f["path"]), f["raw"].encode("utf-8")) for f in data_files]
        assets = [(self.resolve(a["path"]), base64.b64decode(a["content"])) for a in params.get("assets", [])]
        moves = [(self.resolve(f["path"]), self.resolve(f["newPath"])) for f in data_files if f.get("newPath")]
        for path, data in targets + assets:
            _write(path, data)
        for old, new in moves:
            new.parent.mkdir(parents=True, exist_ok=True)
            os.replace(old, new)
        return {"message": "entry persisted"}


class _Handler(SimpleHTTPRequestHandler):
    """Static files of the built site; POST `/api/v1` goes to the backend."""

    backend: EditorBackend
    editor_headers: list[tuple[str, str]]
    """What `exemplars headers` gives `soan-bai/` on the real server: the editor runs under it here too."""

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        if self.path != PROXY_PATH:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > _MAX_REQUEST:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "Tệp quá lớn."})
            return
        try:
            body = json.loads(self.rfile.read(length))
            answer = self.backend.handle(body["action"], body.get("params") or {})
        except OutsideStories as refused:
            self._json(HTTPStatus.FORBIDDEN, {"error": f"Chỉ được ghi trong thư mục bài viết: {refused}"})
        except (KeyError, ValueError, TypeError) as bad:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": f"Yêu cầu không hợp lệ: {bad}"})
        else:
            self._json(HTTPStatus.OK, answer)

    def _json(self, status: HTTPStatus, payload: object) -> None:
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def end_headers(self) -> None:
        # The editor reads config.yml on every load: a stale one would show yesterday's lists.
        if self.command == "GET":
            self.send_header("Cache-Control", "no-cache")
        if self.path.startswith(f"/{EDITOR_DIR}/"):
            for name, value in self.editor_headers:
                self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        """Quiet: the officer's terminal shows where to go, not every request."""


def editor_server(site: Path, backend: EditorBackend, port: int = 8081, host: str = "127.0.0.1") -> ThreadingHTTPServer:
    """A server (not yet serving) for the built `site` and the editor's backend."""
    policy = site_editor_policy(site)
    handler = type("EditorHandler", (_Handler,), {"backend": backend, "editor_headers": editor_headers(policy)})
    # YAML for config.yml: Decap reads it whatever the type, but browsers warn on a wrong one.
    handler.extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".yml": "text/yaml", ".js": "text/javascript"}
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(site)))
