"""The `exemplars` command: a thin layer over the library for officers and CI.

Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage or configuration error.
Only `ExemplarsError` and MkDocs' `ConfigurationError` are caught; anything else is a bug and
keeps its traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

import datetime as dt
import re
from dataclasses import dataclass

from generator.core.dates import DateError, format_short, parse_date
from generator.core.errors import display_path, format_problems
from generator.core.model import Kind
from generator.authoring.docx_import import FIELD_ORDER
from generator.authoring.new_story import NewStory, StoryExists, write_story
from generator.plan.group import select
from generator.load.quotas import build_report, load_quotas
from generator.outputs.reports import FORMATS, render_report
from generator.core.messages import render
from generator.validate.project import load_project
from generator.core.settings import Settings
from generator.core.text import collation_key, fold, match_key
from generator.load.vocabulary import AXES, load_vocabulary

__all__ = ["main"]

_CONFIG = click.option(
    "-f", "--config-file", "config_file", default="mkdocs.yml", show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="Tệp cấu hình MkDocs của trang.",
)  # fmt: skip
_LANG = click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo (mặc định: vi).")


def _settings(config_file: Path, lang: str | None) -> Settings:
    """Settings from mkdocs.yml, or exit 2 with a readable reason."""
    from dataclasses import replace

    from mkdocs.exceptions import ConfigurationError

    from generator.adapters.mkdocs.config import settings_from_file

    if not config_file.is_file():
        raise click.UsageError(f"không tìm thấy tệp cấu hình {config_file} (dùng -f để chỉ định).")
    try:
        settings = settings_from_file(config_file)
    except ConfigurationError as error:
        raise click.UsageError(render("config.invalid", {"detail": str(error)}, lang or "vi")) from None
    return replace(settings, lang=lang) if lang else settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def cli() -> None:
    """Gương sáng: kiểm tra và xuất bản gương điển hình tiên tiến."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@_CONFIG
@_LANG
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text", show_default=True,
              help="Dạng kết quả: text (người đọc), json (máy), github (chú thích trên GitHub Actions).")  # fmt: skip
@click.option("--strict", is_flag=True, help="Coi mọi cảnh báo (HTML bị loại bỏ, dữ liệu cá nhân...) là lỗi.")
def check(paths: tuple[Path, ...], config_file: Path, lang: str | None, fmt: str, strict: bool) -> None:
    """Kiểm tra bài viết (mặc định: mọi bài trong exemplars/) và danh mục.

    In mọi lỗi trong một lần chạy, dạng `tệp:dòng: error: thông báo`.
    """
    settings = _settings(config_file, lang)
    if strict:
        from dataclasses import replace

        settings = replace(settings, strict=True)
    project = load_project(settings, only=list(paths) or None)
    errors = len(project.errors)
    warnings = len(project.problems) - errors
    if project.problems or fmt == "json":
        click.echo(format_problems(project.problems, settings.lang, fmt))
    if fmt == "text":
        if errors:
            summary = render("summary.failed", {"stories": project.files, "errors": errors, "warnings": warnings}, settings.lang)
        else:
            extra = (f", {warnings} cảnh báo", f", {warnings} warning(s)") if warnings else ("", "")
            summary = render("summary.ok", {"stories": project.files, "warnings": extra}, settings.lang)
        click.echo(summary, err=True)
    sys.exit(1 if errors else 0)


@cli.command()
@click.argument("axis", required=False, type=click.Choice(AXES))
@_CONFIG
def vocab(axis: str | None, config_file: Path) -> None:
    """Liệt kê các giá trị được phép (mã, tên, tên gọi khác)."""
    settings = _settings(config_file, None) if config_file.is_file() else Settings(root=Path.cwd())
    vocabulary, problems = load_vocabulary(settings.vocabulary_path, settings.root)
    titles = {"movements": "Phong trào thi đua (movement)", "fields": "Lĩnh vực (field)",
              "units": "Đơn vị (unit)", "districts": "Địa bàn (district)"}  # fmt: skip
    for name in [axis] if axis else AXES:
        click.echo(f"# {titles[name]}")
        for term in sorted(vocabulary.axis(name).terms, key=lambda t: collation_key(t.name)):
            aliases = f"  (còn gọi: {'; '.join(term.aliases)})" if term.aliases else ""
            click.echo(f"{term.id:<24} {term.name}{aliases}")
        click.echo("")
    if problems:
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)


@cli.command()
@click.option("--year", type=int, help="Năm báo cáo (mặc định: năm của --from, hoặc năm nay).")
@click.option("--from", "start", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Từ ngày (báo cáo 6 tháng).")
@click.option("--to", "end", type=click.DateTime(["%Y-%m-%d", "%d/%m/%Y"]), help="Đến ngày.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Tệp kết quả (mặc định: in ra màn hình).")
@_CONFIG
@_LANG
def report(year: int | None, start, end, fmt: str, output: Path | None, config_file: Path, lang: str | None) -> None:
    """Báo cáo số gương điển hình theo địa bàn, đơn vị, phong trào (so với định mức, chỉ tiêu)."""
    settings = _settings(config_file, lang)
    start_date = start.date() if start else None
    end_date = end.date() if end else None
    year = year or (start_date or end_date or settings.build_date).year
    if (start_date and start_date.year != year) or (end_date and end_date.year != year):
        raise click.UsageError("--from và --to phải nằm trong cùng một năm báo cáo (--year).")
    if start_date and end_date and start_date > end_date:
        raise click.UsageError("--from phải trước --to.")
    project = load_project(settings)
    quotas, quota_problems = load_quotas(settings.vocabulary_path, settings.root)
    problems = list(project.errors) + quota_problems
    if problems:
        # A report that silently leaves out a broken story would understate a unit's work.
        click.echo(format_problems(problems, settings.lang), err=True)
        sys.exit(1)
    edition = select(project.stories, settings.build_date)
    data = render_report(
        build_report(edition.published, project.vocabulary, quotas, settings.build_date, year, start_date, end_date), fmt
    )
    if output:
        output.write_bytes(data)
        click.echo(f"Đã ghi {output}", err=True)
    elif fmt == "xlsx":
        raise click.UsageError("định dạng xlsx cần --output TỆP.xlsx")
    else:
        sys.stdout.buffer.write(data)


def _choose(label: str, index, given: str | None, interactive: bool):
    """Resolve `given` (or the officer's answer) to a vocabulary entry: a number, an id or a name."""
    terms = index.sorted()
    answer = given
    while True:
        if answer is None:
            if not interactive:
                raise click.UsageError(f"thiếu {label}.")
            click.echo(f"\n{label.capitalize()}:")
            for number, term in enumerate(terms, start=1):
                click.echo(f"  {number:>2}. {term.name}")
            answer = click.prompt(f"Chọn số hoặc gõ tên {label}")
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(terms):
            return terms[int(answer) - 1]
        found = index.lookup(answer)
        if found.term is not None:
            return found.term
        near = found.suggestions if not found.candidates else tuple(t.name for t in found.candidates)
        if len(near) == 1:
            term = index.lookup(near[0]).term
            click.echo(f"  → {term.name}")
            return term
        if found.candidates:
            message = f"{label} \"{answer}\" chưa rõ: có thể là {'; '.join(near)}. Hãy ghi đầy đủ."
        else:
            message = f"{label} \"{answer}\" không có trong danh mục" + (f"; có phải: {'; '.join(near)}?" if near else ".")
        if not interactive:
            raise click.UsageError(message)
        click.echo(message, err=True)
        answer = None


@cli.command()
@click.option("--title", help="Tiêu đề bài viết.")
@click.option("--subject", help="Tập thể, cá nhân, hộ gia đình được nêu gương.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="Loại điển hình.")
@click.option("--movement", "movements", multiple=True, help="Phong trào (có thể lặp lại).")
@click.option("--field", help="Lĩnh vực.")
@click.option("--unit", help="Đơn vị gửi bài.")
@click.option("--district", help="Địa bàn.")
@click.option("--date", "date_text", help="Ngày đăng (dd/mm/yyyy), mặc định hôm nay.")
@click.option("--no-input", is_flag=True, help="Không hỏi: thiếu thông tin là lỗi (dùng trong kịch bản).")
@_CONFIG
def new(title, subject, kind, movements, field, unit, district, date_text, no_input, config_file: Path) -> None:
    """Tạo bài viết mới từ mẫu có chú thích từng trường, trong exemplars/<năm>/."""
    settings = _settings(config_file, None) if config_file.is_file() else Settings(root=Path.cwd())
    vocabulary, _ = load_vocabulary(settings.vocabulary_path, settings.root)
    interactive = not no_input

    def ask(value: str | None, label: str) -> str:
        if value:
            return value
        if not interactive:
            raise click.UsageError(f"thiếu {label}.")
        return click.prompt(label.capitalize())

    title = ask(title, "tiêu đề")
    subject = ask(subject, "đối tượng được nêu gương")
    if kind is None:
        kind = Kind(_choose("loại điển hình", _KindIndex(), None, interactive).name)
    else:
        kind = Kind(kind)
    chosen = [_choose("phong trào", vocabulary.movements, m, interactive) for m in movements] or [
        _choose("phong trào", vocabulary.movements, None, interactive)
    ]
    field_term = _choose("lĩnh vực", vocabulary.fields, field, interactive)
    unit_term = _choose("đơn vị", vocabulary.units, unit, interactive)
    district_term = _choose("địa bàn", vocabulary.districts, district, interactive)
    if date_text is None and interactive:
        date_text = click.prompt("Ngày đăng (ngày/tháng/năm)", default=format_short(settings.build_date))
    parsed = parse_date(date_text) if date_text else settings.build_date
    if isinstance(parsed, DateError):
        raise click.UsageError(render(parsed.code, {"label": "ngày", **parsed.params}))
    story = NewStory(
        title=title.strip(),
        subject=subject.strip(),
        kind=kind,
        movements=tuple(dict.fromkeys(m.name for m in chosen)),
        field=field_term.name,
        unit=unit_term.name,
        district=district_term.name,
        date=parsed,
    )
    try:
        path = write_story(settings.stories_path, story)
    except StoryExists as exists:
        click.echo(f"Đã có tệp {display_path(Path(str(exists)))}; không ghi đè. Hãy đặt tiêu đề khác.", err=True)
        sys.exit(1)
    shown = display_path(path)
    click.echo(f"\nĐã tạo {shown}")
    click.echo("Việc tiếp theo:")
    click.echo(f"  1. Viết nội dung và tóm tắt trong {shown}; chép ảnh vào {display_path(path.parent)}/ (ảnh cần mô tả).")
    click.echo(f"  2. Kiểm tra: exemplars check {shown}")
    click.echo("  3. Xem trước: exemplars serve, rồi mở http://127.0.0.1:8000/")


class _KindIndex:
    """The three kinds, offered like a vocabulary in `exemplars new`."""

    @dataclass(frozen=True)
    class _Term:
        id: str
        name: str

    def __init__(self) -> None:
        self.terms = [self._Term(k.id, k.value) for k in Kind]

    def sorted(self) -> list:
        return self.terms

    def lookup(self, value: str):
        from generator.load.vocabulary import Lookup

        key = match_key(value)
        found = [t for t in self.terms if key in (match_key(t.name), match_key(t.id))]
        return Lookup(term=found[0]) if found else Lookup(suggestions=tuple(t.name for t in self.terms if fold(t.name) == fold(value)))


@cli.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch", is_flag=True, help="Không hỏi: trường chưa đoán được để trống, exemplars check sẽ liệt kê.")
@click.option("--subject", help="Đối tượng được nêu gương.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]))
@click.option("--movement", "movements", multiple=True)
@click.option("--field")
@click.option("--unit")
@click.option("--district")
@click.option("--date", "date_text")
@_CONFIG
def import_docx(files, batch, subject, kind, movements, field, unit, district, date_text, config_file: Path) -> None:
    """Chuyển bài viết từ tệp Word (.docx) thành bài trong exemplars/<năm>/, kèm ảnh."""
    from generator.authoring.docx_import import read_docx, render_imported, story_stem

    settings = _settings(config_file, None) if config_file.is_file() else Settings(root=Path.cwd())
    vocabulary, _ = load_vocabulary(settings.vocabulary_path, settings.root)
    interactive = not batch
    status = 0
    for path in files:
        try:
            doc = read_docx(path, vocabulary, "anh")
        except Exception as error:  # python-docx raises assorted errors on files that are not .docx
            click.echo(f"{display_path(path)}: error: không đọc được tệp Word ({type(error).__name__}); hãy lưu lại dạng .docx.", err=True)
            status = 1
            continue
        values: dict[str, object] = {"title": doc.title, **doc.fields}
        given = {"subject": subject, "kind": kind, "field": field, "unit": unit, "district": district}
        values.update({k: v for k, v in given.items() if v})
        if movements:
            values["movement"] = list(movements)
        if date_text:
            parsed = parse_date(date_text)
            if isinstance(parsed, DateError):
                raise click.UsageError(render(parsed.code, {"label": "ngày", **parsed.params}))
            values["date"] = parsed
        if interactive:
            click.echo(f"\n{display_path(path)}: {doc.title}")
            if not values.get("subject"):
                values["subject"] = click.prompt("Đối tượng được nêu gương").strip()
            if not values.get("kind"):
                values["kind"] = _choose("loại điển hình", _KindIndex(), None, True).name
            for key, axis, label in (("field", "fields", "lĩnh vực"), ("unit", "units", "đơn vị"), ("district", "districts", "địa bàn")):
                values[key] = _choose(label, vocabulary.axis(axis), values.get(key), True).name  # type: ignore[arg-type]
            if not values.get("movement"):
                values["movement"] = [_choose("phong trào", vocabulary.movements, None, True).name]
            if not values.get("date"):
                answer = click.prompt("Ngày đăng (ngày/tháng/năm)", default=format_short(settings.build_date))
                parsed = parse_date(answer)
                values["date"] = parsed if not isinstance(parsed, DateError) else settings.build_date
        date = values.get("date") if isinstance(values.get("date"), dt.date) else settings.build_date
        folder = settings.stories_path / str(date.year)
        stem = story_stem(str(values["title"]))
        target = folder / f"{stem}.md"
        photos = [(f"{stem}-{name.split('-', 1)[1]}", blob, caption) for name, blob, caption in doc.photos]
        clashes = [p for p in [target, *(folder / n for n, _, _ in photos)] if p.exists()]
        if clashes:
            click.echo(f"{display_path(clashes[0])}: error: đã có tệp này; không ghi đè. Đổi tiêu đề hoặc xóa tệp cũ.", err=True)
            status = 1
            continue
        body = doc.body
        for (old, _, _), (new, _, _) in zip(doc.photos, photos):
            body = body.replace(f"]({old}", f"]({new}")
        cover = None
        if photos:
            alt = click.prompt("Mô tả ảnh bìa (cho người khiếm thị)", default="").strip() if interactive else ""
            cover = (photos[0][0], alt, photos[0][2])
            # The first photo becomes the cover, shown above the text: not a second time inside it.
            body = re.sub(rf"\n*!\[[^\]]*\]\({re.escape(photos[0][0])}[^)]*\)\n*", "\n\n", body, count=1).strip() + "\n"
        folder.mkdir(parents=True, exist_ok=True)
        for name, blob, _ in photos:
            (folder / name).write_bytes(blob)
        target.write_text(render_imported(values, body, cover), encoding="utf-8")
        click.echo(f"Đã tạo {display_path(target)}" + (f" và {len(photos)} ảnh" if photos else ""))
        if "tcvn3" in doc.notes:
            click.echo("  Đã chuyển văn bản mã TCVN3 (ABC) sang Unicode; hãy đọc lại để soát lỗi chính tả.")
        if "vni" in doc.notes:
            click.echo("  Có đoạn văn bản mã VNI chưa chuyển được: hãy chuyển sang Unicode bằng Unikey rồi nhập lại.", err=True)
            status = 1
        missing = [k for k in FIELD_ORDER if not values.get(k)]
        if missing:
            click.echo(f"  Còn thiếu: {', '.join(missing)}. Điền rồi chạy: exemplars check {display_path(target)}")
    sys.exit(status)


@cli.command()
@click.option("-a", "--dev-addr", default="127.0.0.1:8000", show_default=True, help="Địa chỉ xem trước.")
@_CONFIG
def serve(dev_addr: str, config_file: Path) -> None:
    """Xem trước trang khi đang viết: tự cập nhật khi lưu tệp; bài có lỗi được báo ở đây và trên trang."""
    import subprocess

    if not config_file.is_file():
        raise click.UsageError(f"không tìm thấy tệp cấu hình {config_file}.")
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(config_file), "--dev-addr", dev_addr]
    try:
        sys.exit(subprocess.call(command))
    except KeyboardInterrupt:
        sys.exit(0)


# `exemplars headers SITE_DIR`: the Content-Security-Policy and other headers the built site passes.
from generator.outputs.headers import command as _headers_command  # noqa: E402

cli.add_command(_headers_command)


def main() -> None:
    """Entry point of the `exemplars` console script."""
    cli(prog_name="exemplars")
