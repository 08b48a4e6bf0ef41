"""Dates as officers write them, and as the administrative style prints them.

Input: ISO (`2023-05-19`), day-first (`19/5/2023`, `19/05/2023`, `19-05-2023`, `19.05.2023`) and
the written form (`ngày 19 tháng 5 năm 2023`). Output: Decree 30/2020/NĐ-CP style
(`ngày 05 tháng 02 năm 2023`) and the short form (`19/05/2023`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass

__all__ = ["DateError", "VIETNAM", "build_date", "format_long", "format_short", "parse_date"]

# Vietnam has kept UTC+7 without daylight saving since 1975; a fixed offset needs no tz database.
VIETNAM = dt.timezone(dt.timedelta(hours=7), "+07")
FIRST_YEAR = 1945
LAST_YEAR = 2100

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?")
_DAY_FIRST = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_WRITTEN = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class DateError:
    """Why a text is not a date: `code` is a message id, `params` its values."""

    code: str
    params: dict[str, object]


def parse_date(text: str) -> dt.date | DateError:
    """Parse a date written the Vietnamese way or in ISO; impossible dates are errors, not guesses."""
    value = " ".join(text.split())
    if match := _ISO.fullmatch(value):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DAY_FIRST.fullmatch(value):
        day, month, year = int(match[1]), int(match[3]), int(match[4])
    elif match := _WRITTEN.fullmatch(value):
        day, month, year = (int(g) for g in match.groups())
    else:
        return DateError("date.format", {"value": text})
    try:
        date = dt.date(year, month, day)
    except ValueError:
        return DateError("date.impossible", {"value": text, "day": day, "month": month, "year": year})
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return DateError("date.range", {"value": text, "first": FIRST_YEAR, "last": LAST_YEAR})
    return date


def format_long(date: dt.date) -> str:
    """Administrative style: "ngày 05 tháng 02 năm 2023", "ngày 19 tháng 5 năm 2023".

    Decree 30/2020/NĐ-CP: a leading zero for days below 10 and for months 1 and 2 (so that
    "tháng 1" cannot be altered into "tháng 11" or "tháng 12").
    """
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"ngày {date.day:02d} tháng {month} năm {date.year}"


def format_short(date: dt.date) -> str:
    """Short form with leading zeros: "19/05/2023"."""
    return f"{date.day:02d}/{date.month:02d}/{date.year}"


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    """The date a build publishes for: `SOURCE_DATE_EPOCH` when set, else today, in Vietnam's time zone."""
    environ = os.environ if environ is None else environ
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = dt.datetime.fromtimestamp(int(epoch), VIETNAM) if epoch.isdigit() else dt.datetime.now(VIETNAM)
    return now.date()
