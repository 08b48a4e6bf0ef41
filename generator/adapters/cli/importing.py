"""`exemplars import`: Word documents (.docx) to stories, photos extracted next to them."""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import replace
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, KindIndex, choose, site_settings
from generator.adapters.cli.new import axis_options, given_names
from generator.authoring.docx_import import guess_fields, missing_keys, plan_import, render_imported, write_import
from generator.authoring.docx_reader import read_docx
from generator.core.axes import in_story_order
from generator.core.dates import DateError, format_short, parse_date
from generator.core.errors import display_path
from generator.core.messages import render
from generator.core.model import Kind
from generator.load.vocabulary import load_vocabulary

__all__ = ["import_docx"]


@click.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--batch", is_flag=True, help="Không hỏi: trường chưa đoán được để trống, exemplars check sẽ liệt kê.")
@click.option("--subject", help="Đối tượng được nêu gương.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]))
@axis_options
@click.option("--date", "date_text")
@CONFIG
def import_docx(files, batch, subject, kind, date_text, config_file: Path, **options) -> None:
    """Chuyển bài viết từ tệp Word (.docx) thành bài trong exemplars/<năm>/, kèm ảnh."""
    settings = site_settings(config_file, required=False)
    vocabulary, _ = load_vocabulary(settings.vocabulary_path, settings.root, settings.axes)
    axes = in_story_order(settings.axes)
    interactive = not batch
    status = 0
    for path in files:
        try:
            doc = read_docx(path, "anh")
        except Exception as error:  # python-docx raises assorted errors on files that are not .docx
            click.echo(f"{display_path(path)}: error: không đọc được tệp Word ({type(error).__name__}); hãy lưu lại dạng .docx.", err=True)
            status = 1
            continue
        given_date = None
        if date_text:
            given_date = parse_date(date_text)
            if isinstance(given_date, DateError):
                raise click.UsageError(render(given_date.code, {"label": "ngày", **given_date.params}))
        text = "\n".join([doc.title, *doc.head, doc.body])
        # Places and units are guessed as of the document's date: given, or its letterhead's.
        values: dict[str, object] = {"title": doc.title, **guess_fields(text, vocabulary, given_date or doc.date)}
        if doc.date:  # the letterhead's "place, date" line beats a date met in the text
            values["date"] = doc.date
        if doc.author:
            values["author"] = doc.author
        values.update({k: v for k, v in {"subject": subject, "kind": kind}.items() if v})
        for axis in axes:
            names = given_names(axis, options)
            if names:
                values[axis.key] = list(names) if axis.many else names[0]
        if given_date:
            values["date"] = given_date
        if interactive:
            click.echo(f"\n{display_path(path)}: {doc.title}")
            if not values.get("subject"):
                values["subject"] = click.prompt("Đối tượng được nêu gương").strip()
            if not values.get("kind"):
                values["kind"] = choose("loại điển hình", KindIndex(), None, True).name
            # The date before places and units: which exist depends on it.
            if not values.get("date"):
                answer = click.prompt("Ngày đăng (ngày/tháng/năm)", default=format_short(settings.build_date))
                parsed = parse_date(answer)
                values["date"] = parsed if not isinstance(parsed, DateError) else settings.build_date
            day = values["date"] if isinstance(values["date"], dt.date) else None
            for axis in [a for a in axes if not a.many] + [a for a in axes if a.many]:
                label, index = axis.short.lower(), vocabulary.axis(axis.name)
                if not axis.many:
                    values[axis.key] = choose(label, index, values.get(axis.key), True, day).name  # type: ignore[arg-type]
                elif not values.get(axis.key):
                    values[axis.key] = [choose(label, index, None, True, day).name]
        date = values.get("date") if isinstance(values.get("date"), dt.date) else settings.build_date
        story = plan_import(doc, str(values["title"]), date, settings.stories_path)  # type: ignore[arg-type]
        clashes = story.clashes()
        if clashes:
            click.echo(f"{display_path(clashes[0])}: error: đã có tệp này; không ghi đè. Đổi tiêu đề hoặc xóa tệp cũ.", err=True)
            status = 1
            continue
        cover = story.cover
        if cover and interactive:
            prompt = "Mô tả ảnh bìa cho người khiếm thị (Enter để điền sau)"
            cover = replace(cover, alt=click.prompt(prompt, default="", show_default=False).strip())
        write_import(story, render_imported(values, story.body, cover, settings.axes))
        photos = len(story.photos)
        click.echo(f"Đã tạo {display_path(story.path)}" + (f" và {photos} ảnh" if photos else ""))
        if "tcvn3" in doc.notes:
            click.echo("  Đã chuyển văn bản mã TCVN3 (ABC) sang Unicode; hãy đọc lại để soát lỗi chính tả.")
        if "vni" in doc.notes:
            click.echo("  Có đoạn văn bản mã VNI chưa chuyển được: hãy chuyển sang Unicode bằng Unikey rồi nhập lại.", err=True)
            status = 1
        missing = missing_keys(values, settings.axes)
        if missing:
            click.echo(f"  Còn thiếu: {', '.join(missing)}. Điền rồi chạy: exemplars check {display_path(story.path)}")
    sys.exit(status)
