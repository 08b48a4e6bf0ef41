"""What the commands share: the config and language options, reading settings, choosing a term."""

from __future__ import annotations

import datetime as dt

from dataclasses import dataclass, replace
from pathlib import Path

import click

from generator.core.dates import format_short

from generator.core.messages import render
from generator.core.model import Kind
from generator.core.settings import Settings
from generator.core.text import fold, match_key
from generator.core.vocabulary import Lookup

__all__ = ["CONFIG", "LANG", "KindIndex", "choose", "site_settings"]

CONFIG = click.option(
    "-f", "--config-file", "config_file", default="mkdocs.yml", show_default=True,
    type=click.Path(dir_okay=False, path_type=Path), help="Tệp cấu hình MkDocs của trang.",
)  # fmt: skip
LANG = click.option("--lang", type=click.Choice(["vi", "en"]), default=None, help="Ngôn ngữ thông báo (mặc định: vi).")


def site_settings(config_file: Path, lang: str | None = None, required: bool = True) -> Settings:
    """Settings from mkdocs.yml, or exit 2 with a readable reason.

    Without `required`, a folder with no mkdocs.yml gets the defaults (listing the built-in
    vocabularies, writing a story before the site is set up).
    """
    from mkdocs.exceptions import ConfigurationError

    from generator.adapters.mkdocs.config import settings_from_file

    if not config_file.is_file():
        if not required:
            return Settings(root=Path.cwd())
        raise click.UsageError(f"không tìm thấy tệp cấu hình {config_file} (dùng -f để chỉ định).")
    try:
        settings = settings_from_file(config_file)
    except ConfigurationError as error:
        raise click.UsageError(render("config.invalid", {"detail": str(error)}, lang or "vi")) from None
    return replace(settings, lang=lang) if lang else settings


def choose(label: str, index, given: str | None, interactive: bool, at: dt.date | None = None):
    """Resolve `given` (or the officer's answer) to a vocabulary entry: a number, an id or a name.

    With `at` (the story's date) only entries that exist on that day are offered and accepted: an
    answer naming a place or unit that had ended is refused with what replaced it.
    """
    terms = [t for t in index.sorted() if at is None or _valid(t, at)]
    answer = given
    while True:
        if answer is None:
            if not interactive:
                raise click.UsageError(f"thiếu {label}.")
            click.echo(f"\n{label.capitalize()}" + (f" (dùng được ngày {format_short(at)})" if at else "") + ":")
            for number, term in enumerate(terms, start=1):
                click.echo(f"  {number:>2}. {term.name}")
            answer = click.prompt(f"Chọn số hoặc gõ tên {label}")
        answer = answer.strip()
        if answer.isdigit() and 1 <= int(answer) <= len(terms):
            return terms[int(answer) - 1]
        found = index.lookup(answer, at)
        if found.term is not None and (at is None or _valid(found.term, at)):
            return found.term
        if found.term is not None:
            after = [index.by_id[s].name for s in found.term.successors if s in index.by_id]
            message = f"{label} \"{found.term.name}\" không dùng được cho ngày {format_short(at)}" + (  # type: ignore[arg-type]
                f"; hãy chọn: {'; '.join(after)}." if after else "."
            )
        else:
            near = found.suggestions if not found.candidates else tuple(t.name for t in found.candidates)
            if at is not None:  # only what may be chosen for that day
                near = tuple(n for n in near if (t := index.lookup(n, at).term) is not None and _valid(t, at))
            if len(near) == 1:
                term = index.lookup(near[0], at).term
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


def _valid(term, day: dt.date) -> bool:
    return not hasattr(term, "valid_at") or term.valid_at(day)


class KindIndex:
    """The three kinds, offered like a vocabulary in `exemplars new` and `exemplars import`."""

    @dataclass(frozen=True)
    class _Term:
        id: str
        name: str

    def __init__(self) -> None:
        self.terms = [self._Term(k.id, k.value) for k in Kind]

    def sorted(self) -> list:
        """The kinds in their usual order."""
        return self.terms

    def lookup(self, value: str, at: dt.date | None = None) -> Lookup:
        """The kind `value` names (its words or its id), or what it may have meant; kinds do not change (`at`)."""
        key = match_key(value)
        found = [t for t in self.terms if key in (match_key(t.name), match_key(t.id))]
        return Lookup(term=found[0]) if found else Lookup(suggestions=tuple(t.name for t in self.terms if fold(t.name) == fold(value)))
