"""`exemplars new`: a story file from a commented template, with the answers matched to the vocabularies."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.adapters.cli.common import CONFIG, KindIndex, choose, site_settings
from generator.authoring.new_story import NewStory, StoryExists, write_story
from generator.core.axes import AXES, Axis, in_story_order
from generator.core.dates import DateError, format_short, parse_date
from generator.core.errors import display_path
from generator.core.messages import render
from generator.core.model import Kind
from generator.load.vocabulary import load_vocabulary

__all__ = ["axis_options", "new"]


def axis_options(command):
    """A flag per built-in axis (`--movement` repeatable, `--field`, `--unit`, `--locality` also
    spelt `--district`)."""
    for axis in reversed(in_story_order(AXES)):
        names = [f"--{axis.key}", *(f"--{k}" for k in axis.former_keys)]
        if axis.many:
            command = click.option(*names, f"{axis.name}", multiple=True, help=f"{axis.short} (có thể lặp lại).")(command)
        else:
            command = click.option(*names, axis.key, help=f"{axis.short}.")(command)
    return command


def given_names(axis: Axis, options: dict[str, object]) -> tuple[str, ...]:
    """What the flags name on `axis` (none for an axis the site declares: it is asked)."""
    if axis.many:
        return tuple(options.get(axis.name) or ())  # type: ignore[arg-type]
    value = options.get(axis.key)
    return (value,) if value else ()  # type: ignore[return-value]


@click.command()
@click.option("--title", help="Tiêu đề bài viết.")
@click.option("--subject", help="Tập thể, cá nhân, hộ gia đình được nêu gương.")
@click.option("--kind", type=click.Choice([k.value for k in Kind]), help="Loại điển hình.")
@axis_options
@click.option("--date", "date_text", help="Ngày đăng (dd/mm/yyyy), mặc định hôm nay.")
@click.option("--no-input", is_flag=True, help="Không hỏi: thiếu thông tin là lỗi (dùng trong kịch bản).")
@CONFIG
def new(title, subject, kind, date_text, no_input, config_file: Path, **options) -> None:
    """Tạo bài viết mới từ mẫu có chú thích từng trường, trong exemplars/<năm>/."""
    settings = site_settings(config_file, required=False)
    vocabulary, _ = load_vocabulary(settings.vocabulary_path, settings.root, settings.axes)
    interactive = not no_input

    def ask(value: str | None, label: str) -> str:
        if value:
            return value
        if not interactive:
            raise click.UsageError(f"thiếu {label}.")
        return click.prompt(label.capitalize())

    title = ask(title, "tiêu đề")
    subject = ask(subject, "đối tượng được nêu gương")
    kind = Kind(choose("loại điển hình", KindIndex(), None, interactive).name) if kind is None else Kind(kind)
    # The date first: which places and units exist depends on it (communes since 1/7/2025).
    if date_text is None and interactive:
        date_text = click.prompt("Ngày đăng (ngày/tháng/năm)", default=format_short(settings.build_date))
    parsed = parse_date(date_text) if date_text else settings.build_date
    if isinstance(parsed, DateError):
        raise click.UsageError(render(parsed.code, {"label": "ngày", **parsed.params}))
    terms = []
    for axis in in_story_order(settings.axes):
        label, index = axis.short.lower(), vocabulary.axis(axis.name)
        names = given_names(axis, options)
        chosen = [choose(label, index, name, interactive, parsed) for name in names] or [
            choose(label, index, None, interactive, parsed)
        ]
        terms.append((axis, tuple(dict.fromkeys(t.name for t in chosen))))
    story = NewStory(title=title.strip(), subject=subject.strip(), kind=kind, terms=tuple(terms), date=parsed)
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
