"""The web editor `soan-bai/`: Decap CMS configured from the story format and the vocabularies.

Officers who never touch git fill a form; the editor writes the story file a person would commit,
and nothing it writes is published until `exemplars check` (CI) accepts it like any commit. Its
configuration is derived here, at build time, from the same declarations `exemplars new` and
`exemplars check` read (`generator.core.axes`, `generator.validate.schema`, the vocabularies), so
it never drifts from them:

- one collection per year folder of the stories (`exemplars/2025/`), new files slugged by the
  project's rule (ASCII, accents folded, words joined by "-");
- fields in the order `exemplars new` writes them (Decap writes front-matter keys in the order of
  the fields), with the same Vietnamese help lines;
- select lists of every axis with the names `check` accepts, terms valid at the build date first;
- photos saved next to the story (`media_folder: ""`), so the normal photo checks apply.

The vendored Decap files (`generator/editor_assets/`) are copied under `soan-bai/` only; no public
page links to them, and the page says `noindex`. The page holds no secret: GitHub, GitLab and
Gitea sign officers in through an OAuth application whose secret stays on the server that
completes the sign-in (`auth_endpoint` / `base_url`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from generator.core.axes import Axis
from generator.core.dates import format_short
from generator.core.model import Kind, Status, Term
from generator.core.placeholders import SAMPLE_VALUES
from generator.core.vocabulary import TermIndex, Vocabulary
from generator.validate.schema import known_keys

__all__ = [
    "ASSETS",
    "BACKENDS",
    "EDITOR_DIR",
    "PROXY_PATH",
    "EditorFile",
    "EditorOptions",
    "decap_config",
    "editor_files",
    "editor_page",
    "render_config",
    "term_options",
    "year_folders",
]

EDITOR_DIR = "soan-bai"
"""URL folder of the editor; not linked from public pages (`exemplars headers` gives it its own CSP)."""
ASSETS = Path(__file__).resolve().parent.parent / "editor_assets"
"""Vendored Decap CMS (`decap/`, see tools/vendor_decap.py) and our own script (`gs-editor.js`)."""
BACKENDS = ("local", "github", "gitlab", "gitea")
PROXY_PATH = "/api/v1"
"""Where `exemplars editor` answers Decap's local-backend protocol (same origin as the page)."""


@dataclass(frozen=True, kw_only=True)
class EditorOptions:
    """`editor:` in mkdocs.yml: whether the site has `soan-bai/` and where it saves stories."""

    enabled: bool = True
    backend: str = "local"
    """`local` (`exemplars editor` on this machine), `github`, `gitlab` or `gitea`."""
    repo: str = ""
    """`owner/name` of the portal's repository (hosted backends)."""
    branch: str = "main"
    base_url: str = ""
    """Server that completes the OAuth sign-in (holds the client secret), for GitHub and GitLab;
    for Gitea, the Gitea server itself (its OAuth application uses PKCE, no secret)."""
    api_root: str = ""
    """API of a self-hosted GitLab or Gitea (`https://git.example.vn/api/v1`)."""
    app_id: str = ""
    """Public id of the OAuth application (GitLab, Gitea): not a secret."""
    editorial_workflow: bool = True
    """Hosted backends: a branch and a pull/merge request per story, reviewed with CI's annotations."""


def _backend(options: EditorOptions) -> dict[str, object]:
    if options.backend == "local":
        # Decap's `proxy` backend speaks to `exemplars editor` on the same origin: no sign-in.
        return {"name": "proxy", "proxy_url": PROXY_PATH, "branch": options.branch}
    backend: dict[str, object] = {"name": options.backend, "repo": options.repo, "branch": options.branch}
    if options.base_url:
        backend["base_url"] = options.base_url
    if options.api_root:
        backend["api_root"] = options.api_root
    if options.app_id:
        backend["app_id"] = options.app_id
    if options.backend == "gitlab" and options.app_id:
        backend["auth_type"] = "pkce"  # sign-in completed in the browser: no secret anywhere (Gitea always does)
    return backend


def _note(term: Term, today: dt.date) -> str:
    # Names already say xã / phường / huyện; what an officer needs is whether it still exists.
    if term.valid_until is not None and term.valid_until < today:
        return f"{term.name} (đến {format_short(term.valid_until)})"
    if term.valid_from is not None and term.valid_from > today:
        return f"{term.name} (từ {format_short(term.valid_from)})"
    return term.name


def term_options(index: TermIndex, today: dt.date) -> list[dict[str, str]]:
    """The select options of one axis: canonical names (what `check` accepts), terms valid on
    `today` first, each group in Vietnamese dictionary order; ended terms say until when."""
    ordered = index.sorted()
    current = [t for t in ordered if t.valid_at(today)]
    other = [t for t in ordered if not t.valid_at(today)]
    return [{"label": _note(term, today), "value": term.name} for term in current + other]


def _axis_field(axis: Axis, vocabulary: Vocabulary, today: dt.date) -> dict[str, object]:
    field: dict[str, object] = {
        "name": axis.key, "label": axis.short, "widget": "select", "hint": axis.help,
        "options": term_options(vocabulary.axis(axis.name), today), "required": axis.required,
    }  # fmt: skip
    if axis.many:
        field.update(multiple=True, min=1 if axis.required else 0)
    return field


def _fields(axes: Sequence[Axis], vocabulary: Vocabulary, today: dt.date) -> list[dict[str, object]]:
    """Every field of the form, in the order `exemplars new` writes the keys."""
    _, _, caption, credit = SAMPLE_VALUES
    string = {"widget": "string"}
    by_key: dict[str, dict[str, object]] = {
        "title": {"label": "Tiêu đề", "hint": "Tiêu đề bài viết (bắt buộc).", **string},
        "subject": {"label": "Đối tượng được nêu gương", "hint": "Tập thể, cá nhân hoặc hộ gia đình được nêu gương (bắt buộc).", **string},
        "kind": {"label": "Loại điển hình", "widget": "select", "options": [k.value for k in Kind],
                 "hint": "Loại điển hình: tập thể | cá nhân | hộ gia đình."},
        "date": {"label": "Ngày đăng", "widget": "datetime", "format": "DD/MM/YYYY", "date_format": "DD/MM/YYYY",
                 "time_format": False, "default": "",
                 "hint": "Ngày đăng, dạng ngày/tháng/năm. Bài ghi ngày sau hôm nay sẽ tự đăng vào ngày đó."},
        "summary": {"label": "Tóm tắt", "widget": "text", "required": False,
                    "hint": "Tóm tắt 1-2 câu, hiện trên thẻ bài viết và khi chia sẻ lên Zalo, Facebook."},
        "image": {"label": "Ảnh bìa", "widget": "object", "required": False, "collapsed": False,
                  "hint": "Ảnh được lưu cùng thư mục với bài. Mô tả ảnh (alt) là bắt buộc.",
                  "fields": [
                      # Required only when there is a photo: enforced on save by gs-editor.js.
                      {"name": "src", "label": "Tệp ảnh", "widget": "image", "choose_url": False, "required": False},
                      {"name": "alt", "label": "Mô tả ảnh (bắt buộc khi có ảnh)", "widget": "string", "required": False,
                       "hint": "Mô tả những gì có trong ảnh, cho người khiếm thị."},
                      {"name": "caption", "label": "Chú thích", "widget": "string", "required": False, "hint": caption},
                      {"name": "credit", "label": "Nguồn ảnh", "widget": "string", "required": False, "hint": credit},
                  ]},
        "awards": {"label": "Khen thưởng", "widget": "list", "required": False, "label_singular": "khen thưởng",
                   "hint": "Khen thưởng đã nhận, mỗi khen thưởng một mục.",
                   "fields": [
                       {"name": "name", "label": "Hình thức khen thưởng", "widget": "string",
                        "hint": "Ví dụ: Bằng khen của Chủ tịch UBND tỉnh"},
                       {"name": "year", "label": "Năm", "widget": "number", "value_type": "int"},
                       {"name": "decision", "label": "Số quyết định", "widget": "string", "required": False,
                        "hint": "Ví dụ: 1234/QĐ-UBND"},
                   ]},
        "tags": {"label": "Từ khóa", "widget": "list", "required": False, "hint": "Mỗi từ khóa một mục."},
        "author": {"label": "Tác giả", "required": False, **string},
        "source_url": {"label": "Nguồn", "required": False, "hint": "Địa chỉ bài gốc (nếu có), bắt đầu bằng https://", **string},
        "status": {"label": "Trạng thái", "widget": "select", "default": Status.DRAFT.value,
                   "options": [{"label": "Bản nháp (chưa đăng)", "value": Status.DRAFT.value},
                               {"label": "Đăng khi được duyệt", "value": Status.PUBLISHED.value}],
                   "hint": "Bài mới để ở bản nháp; chọn Đăng khi bài đã hoàn chỉnh."},
    }  # fmt: skip
    axes_by_key = {axis.key: axis for axis in axes}
    fields = []
    # The schema's key order, which `exemplars new` writes (Decap writes keys in field order).
    # Poster, slug, featured and the consultation deadline are the board's editorial choices,
    # written by hand when needed: not in the officers' form.
    order = [key for key in known_keys(axes) if key in axes_by_key or key in by_key]
    for key in order:
        if key in axes_by_key:
            fields.append(_axis_field(axes_by_key[key], vocabulary, today))
        else:
            fields.append({"name": key, **by_key[key]})
    fields.append({"name": "body", "label": "Nội dung bài viết", "widget": "markdown",
                   "hint": "Viết theo hướng dẫn: mở đầu giới thiệu, các mục ## tiêu đề, ảnh trong bài có mô tả."})  # fmt: skip
    return fields


def decap_config(
    options: EditorOptions, stories_dir: str, years: Sequence[int], axes: Sequence[Axis], vocabulary: Vocabulary,
    today: dt.date,
) -> dict[str, object]:
    """Decap CMS's `config.yml` (as a mapping; JSON is YAML): one collection per year, newest first.

    `years` are the year folders of the stories; the current year is always offered.
    """
    fields = _fields(axes, vocabulary, today)
    collections = [
        {
            "name": f"nam-{year}", "label": f"Bài năm {year}", "label_singular": "bài viết",
            "folder": f"{stories_dir}/{year}", "extension": "md", "format": "yaml-frontmatter",
            "create": True, "slug": "{{title}}", "identifier_field": "title", "summary": "{{title}}",
            # Photos next to the story, referred to by file name: what `exemplars check` expects.
            "media_folder": "", "public_folder": "",
            "sortable_fields": ["title", "date"], "fields": fields,
        }  # fmt: skip
        for year in sorted({*years, today.year}, reverse=True)
    ]
    config: dict[str, object] = {
        "backend": _backend(options),
        "locale": "vi",
        "media_folder": stories_dir,
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
    if options.backend != "local" and options.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    return config


def render_config(config: dict[str, object]) -> str:
    """The text of `config.yml`: JSON, a subset of YAML, so no YAML writer is needed."""
    return "# Tạo tự động khi dựng trang (generator/outputs/editor.py): không sửa tay.\n" + json.dumps(
        config, ensure_ascii=False, indent=1
    ) + "\n"


def editor_page(site_name: str, preview_styles: Sequence[str]) -> str:
    """`soan-bai/index.html`: the vendored scripts, and the site's CSS for the preview as a JSON data
    block (not run, so the CSP needs no hash for it). Decap reads `config.yml` beside the page."""
    styles = json.dumps(list(preview_styles)).replace("</", "<\\/")
    return f"""<!doctype html>
<html lang="vi">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex, nofollow">
  <meta name="referrer" content="no-referrer">
  <title>Soạn bài – {escape(site_name)}</title>
  <script type="application/json" id="gs-preview-styles">{styles}</script>
</head>
<body>
  <noscript>Trang soạn bài cần bật JavaScript.</noscript>
  <script src="decap-cms.js"></script>
  <script src="gs-editor.js"></script>
</body>
</html>
"""


@dataclass(frozen=True)
class EditorFile:
    """A file of `soan-bai/`: generated text, or a vendored file copied as is."""

    url: str
    content: str | None = None
    source: Path | None = None


def year_folders(stories: Path) -> list[int]:
    """The years that have a folder of stories (`exemplars/2024/`)."""
    if not stories.is_dir():
        return []
    return sorted(int(p.name) for p in stories.iterdir() if p.is_dir() and p.name.isdigit() and len(p.name) == 4)


def editor_files(
    options: EditorOptions, stories: Path, stories_dir: str, axes: Sequence[Axis], vocabulary: Vocabulary,
    today: dt.date, site_name: str, preview_styles: Sequence[str],
) -> list[EditorFile]:
    """Everything under `soan-bai/`: the page, its configuration, Decap and our script."""
    config = decap_config(options, stories_dir, year_folders(stories), axes, vocabulary, today)
    files = [
        EditorFile(f"{EDITOR_DIR}/index.html", content=editor_page(site_name, preview_styles)),
        EditorFile(f"{EDITOR_DIR}/config.yml", content=render_config(config)),
        EditorFile(f"{EDITOR_DIR}/gs-editor.js", source=ASSETS / "gs-editor.js"),
    ]
    vendored = sorted(p for p in (ASSETS / "decap").iterdir() if p.suffix == ".js" or p.name == "LICENSE")
    files += [EditorFile(f"{EDITOR_DIR}/{p.name}", source=p) for p in vendored]
    return files
