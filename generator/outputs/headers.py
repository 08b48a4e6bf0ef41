"""Security headers for the built site: a Content-Security-Policy it passes (`exemplars headers`).

The site is static, so the policy can be exact: every script is a file of the site except a few
inline ones (Material's bootstrap, which differs per folder depth), and those are allowed by the
SHA-256 of their text instead of `'unsafe-inline'`. The hashes depend on the built HTML, so the
policy is computed from the output folder after each build that changes the theme or Material.

Videos of other hosts load their player in a frame on a click (`data-gs-player`, see
`generator.plan.media`): frame-src names exactly those players' origins, and media-src is set when
a page plays the site's own video or audio files.

Two policies: every page may only be framed by the site itself (`frame-ancestors 'self'`), while
the embed pages under `nhung/` are made to be framed by newspapers (`frame-ancestors *`).

A third for the web editor `soan-bai/` (when the site has it), which runs Decap CMS: Decap compiles
code at run time (`new Function`, so `'unsafe-eval'`) and injects its styles (`'unsafe-inline'` for
styles only), reads photos as `blob:` URLs and talks to the API of the configured git host, read
from the editor's own `config.yml`; no page may frame it. Public pages keep their exact policy.
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from generator.outputs.editor import EDITOR_DIR

__all__ = [
    "EMBED_DIR",
    "Policies",
    "SiteScan",
    "csp_hash",
    "editor_headers",
    "editor_policy",
    "render_nginx",
    "render_text",
    "scan_html",
    "scan_site",
    "site_editor_policy",
    "site_policies",
    "warnings",
]

EMBED_DIR = "nhung"
"""Pages below this folder are embeds: any site may frame them."""

REFERRER_POLICY = "strict-origin-when-cross-origin"

# `<script type=...>` values a browser executes (HTML: a JavaScript MIME type, "module", or the
# script-like "importmap" and "speculationrules", which script-src also governs). Any other type
# (application/json, application/ld+json, text/template) is data: not run, not subject to CSP.
_JS_TYPES = {
    "", "module", "importmap", "speculationrules",
    "text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript",
    "text/ecmascript", "text/jscript", "text/livescript", "text/x-ecmascript", "text/x-javascript",
    "text/javascript1.0", "text/javascript1.1", "text/javascript1.2", "text/javascript1.3",
    "text/javascript1.4", "text/javascript1.5",
}  # fmt: skip


def csp_hash(text: str) -> str:
    """The CSP source expression for an inline script or style: `'sha256-<base64>'` of its UTF-8 text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class SiteScan:
    """What the policy must allow, collected from HTML pages."""

    scripts: set[str] = field(default_factory=set)
    """Hash sources of inline `<script>` elements that run."""
    styles: set[str] = field(default_factory=set)
    """Hash sources of `<style>` elements."""
    style_attributes: set[str] = field(default_factory=set)
    """Hash sources of `style="..."` attributes (allowed with `'unsafe-hashes'`)."""
    handlers: set[str] = field(default_factory=set)
    """Hash sources of event-handler attributes (`onclick="..."`, allowed with `'unsafe-hashes'`)."""
    javascript_urls: list[str] = field(default_factory=list)
    """Pages with `javascript:` links, which no hash can allow (reported, never allowed)."""
    players: set[str] = field(default_factory=set)
    """Origins of the video players the pages load on a click (`data-gs-player`), for frame-src."""
    media: bool = False
    """Whether a page plays the site's own video or audio (`<video>`, `<audio>`), for media-src."""
    pages: int = 0

    def merge(self, other: SiteScan) -> None:
        self.scripts |= other.scripts
        self.styles |= other.styles
        self.style_attributes |= other.style_attributes
        self.handlers |= other.handlers
        self.javascript_urls += other.javascript_urls
        self.players |= other.players
        self.media = self.media or other.media
        self.pages += other.pages


class _Scanner(HTMLParser):
    """Collects inline code of one page. Script and style bodies come through raw (CDATA) from
    HTMLParser, exactly as the browser hashes them."""

    def __init__(self, scan: SiteScan, name: str) -> None:
        super().__init__(convert_charrefs=False)
        self.scan = scan
        self.name = name
        self.inside: str | None = None  # "script" or "style" whose body is being collected
        self.body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        for key, value in values.items():
            if key.startswith("on"):
                self.scan.handlers.add(csp_hash(value))
            elif key == "style":
                self.scan.style_attributes.add(csp_hash(value))
            elif key in ("href", "src", "action", "formaction") and value.strip().lower().startswith("javascript:"):
                self.scan.javascript_urls.append(self.name)
            elif key == "data-gs-player":
                player = urlsplit(value.strip())
                if player.scheme == "https" and player.hostname:
                    self.scan.players.add(f"https://{player.netloc}")
        if tag in ("video", "audio"):
            self.scan.media = True
        if tag == "script" and "src" not in values and values.get("type", "").strip().lower() in _JS_TYPES:
            self.inside, self.body = "script", []
        elif tag == "style":
            self.inside, self.body = "style", []
        elif tag in ("script", "style"):
            self.inside, self.body = None, []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in ("script", "style"):
            self.handle_endtag(tag)

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.body.append(data)

    # Inside <script>/<style> HTMLParser passes everything as data; these only fire outside them.
    def handle_entityref(self, name: str) -> None:
        if self.inside:
            self.body.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        if self.inside:
            self.body.append(f"&#{name};")

    def handle_endtag(self, tag: str) -> None:
        if tag == self.inside:
            text = "".join(self.body)
            (self.scan.scripts if tag == "script" else self.scan.styles).add(csp_hash(text))
            self.inside, self.body = None, []


def scan_html(html: str, name: str = "") -> SiteScan:
    """Inline scripts, styles and handlers of one HTML page."""
    scan = SiteScan(pages=1)
    scanner = _Scanner(scan, name)
    scanner.feed(html)
    scanner.close()
    return scan


@dataclass(frozen=True)
class Policies:
    """The Content-Security-Policy of ordinary pages and of embed pages (`nhung/`)."""

    site: str
    embed: str
    site_scan: SiteScan
    embed_scan: SiteScan
    editor: str = ""
    """The policy of the web editor `soan-bai/`; "" when the site has no editor."""


def scan_site(site_dir: Path) -> tuple[SiteScan, SiteScan]:
    """Scan every HTML file of a built site: (ordinary pages, embed pages)."""
    site, embed = SiteScan(), SiteScan()
    for path in sorted(site_dir.rglob("*.html")):
        relative = path.relative_to(site_dir).as_posix()
        if relative.startswith(f"{EDITOR_DIR}/"):
            continue  # its own policy (editor_policy)
        scan = scan_html(path.read_text(encoding="utf-8", errors="replace"), relative)
        (embed if relative.startswith(f"{EMBED_DIR}/") else site).merge(scan)
    return site, embed


def _policy(scan: SiteScan, frame_ancestors: str) -> str:
    scripts = ["'self'"]
    if scan.handlers:
        scripts.append("'unsafe-hashes'")
    scripts += sorted(scan.scripts | scan.handlers)
    styles = ["'self'"]
    if scan.style_attributes:
        styles.append("'unsafe-hashes'")
    styles += sorted(scan.styles | scan.style_attributes)
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", scripts),
        ("style-src", styles),
        ("img-src", ["'self'", "data:"]),
        ("font-src", ["'self'"]),
        # Only what the pages use: the players of the video hosts stories show (loaded on a click),
        # the site's own video and audio files.
        *([("frame-src", ["'self'", *sorted(scan.players)])] if scan.players else []),
        *([("media-src", ["'self'"])] if scan.media else []),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'"]),
        ("frame-ancestors", [frame_ancestors]),
    ]
    return _serialise(directives)


def _serialise(directives: Iterable[tuple[str, list[str]]]) -> str:
    """A policy's header value: `name value value; name value`."""
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives)


# Where Decap's hosted backends send their API calls when `api_root` is not set.
_DEFAULT_API = {"github": "https://api.github.com", "gitlab": "https://gitlab.com", "gitea": ""}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme == "https" and parts.netloc else ""


def editor_policy(backend: dict[str, object]) -> str:
    """The CSP of `soan-bai/` for Decap's `backend` configuration (`generator.outputs.editor`)."""
    named = [str(backend.get("api_root") or ""), str(backend.get("base_url") or "")]
    hosts = sorted({_origin(url) for url in [*named, _DEFAULT_API.get(str(backend.get("name")), "")]} - {""})
    directives = [
        ("default-src", ["'self'"]),
        ("script-src", ["'self'", "'unsafe-eval'"]),
        ("style-src", ["'self'", "'unsafe-inline'"]),
        ("img-src", ["'self'", "data:", "blob:", *hosts]),
        ("media-src", ["'self'", "blob:"]),
        ("font-src", ["'self'", "data:"]),
        ("connect-src", ["'self'", "blob:", *hosts]),  # Decap reads uploaded photos back from blob: URLs
        ("frame-src", ["'self'", "blob:"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'self'"]),
        ("form-action", ["'self'", *hosts]),
        ("frame-ancestors", ["'none'"]),
    ]
    return _serialise(directives)


def site_editor_policy(site_dir: Path) -> str:
    """The editor's policy for the site built in `site_dir`, from its `soan-bai/config.yml`; ""
    when the site has no editor."""
    config = site_dir / EDITOR_DIR / "config.yml"
    if not config.is_file():
        return ""
    # Written by generator.outputs.editor.render_config: a comment line, then JSON.
    text = config.read_text(encoding="utf-8").split("\n", 1)[1]
    return editor_policy(json.loads(text)["backend"])


def site_policies(site_dir: Path) -> Policies:
    """The policies for the site built in `site_dir`: pages, embeds and, if present, the editor."""
    site, embed = scan_site(site_dir)
    return Policies(_policy(site, "'self'"), _policy(embed, "*"), site, embed, site_editor_policy(site_dir))


_COMMON = [("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", REFERRER_POLICY)]


def _headers(policies: Policies) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    site = [("Content-Security-Policy", policies.site), ("X-Frame-Options", "SAMEORIGIN"), *_COMMON]
    # No X-Frame-Options on embeds: it has no "any site" value; frame-ancestors * says it.
    embed = [("Content-Security-Policy", policies.embed), *_COMMON]
    return site, embed


def editor_headers(policy: str) -> list[tuple[str, str]]:
    """The headers of the editor's folder; `noindex` also as a header, for its scripts and config."""
    return [("Content-Security-Policy", policy), ("X-Frame-Options", "DENY"), ("X-Robots-Tag", "noindex"), *_COMMON]


def render_text(policies: Policies) -> str:
    """The headers as `Name: value` lines, ordinary pages first, then the embed pages."""
    site, embed = _headers(policies)
    lines = ["# Mọi trang (trừ /nhung/)"]
    lines += [f"{name}: {value}" for name, value in site]
    lines += ["", f"# Trang nhúng /{EMBED_DIR}/ (trang web khác được phép nhúng)"]
    lines += [f"{name}: {value}" for name, value in embed]
    if policies.editor:
        lines += ["", f"# Trang soạn bài /{EDITOR_DIR}/ (chỉ cán bộ dùng, không đăng chỉ mục)"]
        lines += [f"{name}: {value}" for name, value in editor_headers(policies.editor)]
    return "\n".join(lines)


def _add_header(name: str, value: str, indent: str = "") -> str:
    return f'{indent}add_header {name} "{value}" always;'


def render_nginx(policies: Policies, embed_cache: str = "public, max-age=600") -> str:
    """An nginx include file for a `server { }` block: the headers, and a location for embeds.

    nginx drops every inherited `add_header` in a location that declares its own, so the embed
    location repeats the common headers; other locations of the server must not use add_header
    (cache lifetimes are set with a `map`, see content/huong-dan/trien-khai.md).
    """
    site, embed = _headers(policies)
    lines = [
        "# Tiêu đề bảo mật của Gương sáng, sinh bởi: exemplars headers <thư mục site> --format nginx",
        "# Dùng trong khối server { }:  include snippets/guong-sang-headers.conf;",
        "# Sinh lại sau mỗi lần nâng cấp giao diện: mã băm của các đoạn script nội tuyến có thể đổi.",
        *(_add_header(name, value) for name, value in site),
        "",
        "# Trang nhúng: báo, đài được phép đặt trong <iframe> (frame-ancestors *, không có X-Frame-Options).",
        f"location ^~ /{EMBED_DIR}/ {{",
        *(_add_header(name, value, "    ") for name, value in embed),
        _add_header("Cache-Control", embed_cache, "    "),
        "}",
    ]
    if policies.editor:
        lines += [
            "",
            "# Trang soạn bài: Decap CMS cần 'unsafe-eval' và style nội tuyến, chỉ trong thư mục này.",
            f"location ^~ /{EDITOR_DIR}/ {{",
            *(_add_header(name, value, "    ") for name, value in editor_headers(policies.editor)),
            _add_header("Cache-Control", "no-cache", "    "),
            "}",
        ]
    return "\n".join(lines)


def warnings(policies: Policies) -> Iterable[str]:
    """What the site does that the policy will break (javascript: links), in Vietnamese."""
    pages = sorted(set(policies.site_scan.javascript_urls + policies.embed_scan.javascript_urls))
    if pages:
        yield "cảnh báo: liên kết javascript: không chạy được dưới chính sách này: " + ", ".join(pages[:10])
