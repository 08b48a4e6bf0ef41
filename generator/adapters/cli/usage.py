"""Usage errors and help pages of the `exemplars` command in Vietnamese (errors in English with `--lang en`).

click writes its own usage errors in English ("Error: No such option '--bogus'."), around our
Vietnamese messages. click reads its wording through gettext from the process's locale files,
which an officer's machine does not have for click; so the errors are caught where click would
print them and written again from the exception's fields (the option, the value, the choices).
Exit status 2, as click's. `--help` pages get Vietnamese headings and click's own texts ("Show this
message and exit.", "[default: …]") from a help formatter given to every command of the group.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

import click

__all__ = ["VietnameseGroup", "VietnameseHelpFormatter", "vietnamese_usage_error"]

# Messages of click's parameter types (click.types), which carry no fields of their own.
_TYPE_MESSAGES = (
    (re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.+)\.", re.S), 'giá trị "{value}" không hợp lệ; chọn một trong: {choices}.'),
    (re.compile(r"'(?P<value>.*)' is not (?:a valid )?(?P<kind>integer|float|boolean)\.?", re.S), '"{value}" không phải là số hoặc giá trị hợp lệ.'),
    (re.compile(r"(?:Path|File|Directory) '(?P<value>.*)' does not exist\.", re.S), 'không tìm thấy "{value}".'),
    (re.compile(r"(?:Path|File|Directory) '(?P<value>.*)' is a directory\.", re.S), '"{value}" là một thư mục, cần một tệp.'),
    (re.compile(r"(?:Path|File|Directory) '(?P<value>.*)' is a file\.", re.S), '"{value}" là một tệp, cần một thư mục.'),
    (re.compile(r"Got unexpected extra arguments? \((?P<value>.*)\)", re.S), "thừa đối số: {value}."),
    (re.compile(r"Option '(?P<value>.+)' requires an argument\.", re.S), "tùy chọn {value} cần một giá trị."),
)  # fmt: skip


def _names(values: Sequence[str]) -> str:
    return ", ".join(f'"{v}"' for v in sorted(values))


def _translated(message: str) -> str:
    for pattern, vietnamese in _TYPE_MESSAGES:
        if match := pattern.fullmatch(message.strip()):
            fields = {k: v for k, v in match.groupdict().items()}
            if "choices" in fields:
                fields["choices"] = ", ".join(re.findall(r"'([^']*)'", fields["choices"]))
            return vietnamese.format(**fields)
    return message  # ours: already Vietnamese (raise click.UsageError("thiếu tiêu đề."))


def _hint(error: click.BadParameter) -> str:
    if error.param_hint is not None:
        hints = [error.param_hint] if isinstance(error.param_hint, str) else list(error.param_hint)
        return " / ".join(hints)
    if error.param is not None:
        return str(error.param.get_error_hint(error.ctx)).replace("'", "")  # type: ignore[arg-type]
    return ""


def vietnamese_usage_error(error: click.UsageError) -> str:
    """The one-line message of `error` in Vietnamese."""
    if isinstance(error, click.NoSuchOption):
        near = f" Có phải {_names(error.possibilities)}?" if error.possibilities else ""
        return f'không có tùy chọn "{error.option_name}".{near}'
    if isinstance(error, click.exceptions.NoSuchCommand):
        near = f" Có phải {_names(error.possibilities)}?" if error.possibilities else ""
        return f'không có lệnh "{error.command_name}".{near}'
    if isinstance(error, click.MissingParameter):
        kind = {"argument": "đối số", "option": "tùy chọn"}.get(error.param_type or getattr(error.param, "param_type_name", ""), "")
        return f"thiếu {kind} {_hint(error).rstrip('.')}.".replace("  ", " ")
    if isinstance(error, click.BadParameter):
        # An option is named ("--format: …"); an argument's metavar ("[PATHS]...") says nothing more.
        hint = _hint(error) if not isinstance(error.param, click.Argument) else ""
        return f"{hint}: {_translated(error.message)}" if hint else _translated(error.message)
    return _translated(error.message)


# click's words on help pages, as it writes them (click.core, click.decorators) and in Vietnamese.
_HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Đối số"}
_HELP_TEXTS = (
    ("Show this message and exit.", "Hiện hướng dẫn này rồi thoát."),
    ("[default: ", "[mặc định: "),
    ("; default: ", "; mặc định: "),
    ("[required]", "[bắt buộc]"),
    ("; required]", "; bắt buộc]"),
)


def _usage_arguments(args: str) -> str:
    return args.replace("[OPTIONS]", "[TÙY CHỌN]").replace("COMMAND [ARGS]...", "LỆNH [THAM SỐ]...")


class VietnameseHelpFormatter(click.HelpFormatter):
    """click's help formatter writing its own words in Vietnamese; the commands' texts already are."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """"Cách dùng: exemplars check [TÙY CHỌN] [PATHS]..."."""
        super().write_usage(prog, _usage_arguments(args), "Cách dùng: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """"Tùy chọn:", "Lệnh:"."""
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:  # type: ignore[override]
        """The option table, with click's own texts in it translated."""
        super().write_dl([(term, _help_text(text)) for term, text in rows], col_max, col_spacing)


def _help_text(text: str) -> str:
    for english, vietnamese in _HELP_TEXTS:
        text = text.replace(english, vietnamese)
    return text


class _VietnameseContext(click.Context):
    formatter_class = VietnameseHelpFormatter


def _show(error: click.UsageError) -> None:
    """What click's `UsageError.show` prints, in Vietnamese."""
    lines = []
    if error.ctx is not None:
        lines += [error.ctx.get_usage(), f"Xem hướng dẫn: {error.ctx.command_path} --help", ""]
    lines.append(f"Lỗi: {vietnamese_usage_error(error)}")
    click.echo("\n".join(lines), err=True)


def _english(args: Sequence[str]) -> bool:
    """Whether the command line asks for English messages (`--lang en`, `--lang=en`)."""
    return "--lang=en" in args or any(a == "--lang" and b == "en" for a, b in zip(args, args[1:]))


class VietnameseGroup(click.Group):
    """A click group whose usage errors are written in Vietnamese, unless `--lang en` is given, and
    whose help pages (its own and its commands') have Vietnamese headings."""

    context_class = _VietnameseContext

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Add `cmd`, giving it the Vietnamese help formatter."""
        cmd.context_class = _VietnameseContext
        super().add_command(cmd, name)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra):  # type: ignore[override]
        """Run the command as click does in standalone mode, writing usage errors ourselves."""
        argv = list(sys.argv[1:] if args is None else args)
        extra.pop("standalone_mode", None)
        try:
            code = super().main(argv, prog_name, standalone_mode=False, **extra)
        except click.UsageError as error:
            if _english(argv):
                if error.ctx is not None:  # click's own usage line, in English like the rest
                    error.ctx.formatter_class = click.HelpFormatter
                error.show()
            else:
                _show(error)
            sys.exit(error.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except click.Abort:
            click.echo("Đã dừng." if not _english(argv) else "Aborted!", err=True)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)
