"""Dates as officers write them and as the administrative style prints them (generator.core.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import Raw, SiteProject
from generator.core.dates import VIETNAM, DateError, build_date, format_long, format_short, parse_date
from generator.validate.project import load_project
from generator.core.settings import Settings

MAY_19 = dt.date(2023, 5, 19)


@pytest.mark.parametrize(
    "text",
    [
        "2023-05-19",
        "2023-5-19",
        "19/5/2023",
        "19/05/2023",
        "19-05-2023",
        "19.05.2023",
        "ngày 19 tháng 5 năm 2023",
        "ngày 19 tháng 05 năm 2023",
        "Ngày 19 tháng 5 năm 2023",
        "19 tháng 5 năm 2023",
        "  19/05/2023 ",
        "2023-05-19T08:30:00+07:00",
        "2023-05-19 08:30:00",
    ],
)
def test_parse_date(text: str) -> None:
    assert parse_date(text) == MAY_19


@pytest.mark.parametrize(
    ("text", "day", "month", "year"),
    [
        ("31/02/2023", 31, 2, 2023),
        ("2023-13-45", 45, 13, 2023),
        ("29/02/2023", 29, 2, 2023),
        ("31/04/2024", 31, 4, 2024),
        ("00/05/2023", 0, 5, 2023),
        ("ngày 30 tháng 2 năm 2024", 30, 2, 2024),
    ],
)
def test_impossible_dates(text: str, day: int, month: int, year: int) -> None:
    error = parse_date(text)
    assert isinstance(error, DateError)
    assert error.code == "date.impossible"
    assert error.params == {"value": text, "day": day, "month": month, "year": year}


def test_leap_years() -> None:
    assert isinstance(parse_date("29/02/2023"), DateError)
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
    assert parse_date("2000-02-29") == dt.date(2000, 2, 29)
    assert isinstance(parse_date("29/02/2100"), DateError)


@pytest.mark.parametrize(
    "text",
    ["5/2023", "19/05/23", "05/19/2023 10:00", "tháng 5 năm 2023", "19 May 2023", "hôm qua", "2023", "", "19/05-2023"],
)
def test_unparseable_dates(text: str) -> None:
    error = parse_date(text)
    assert isinstance(error, DateError)
    assert error.code == "date.format"


def test_us_order_is_not_guessed() -> None:
    """05/19/2023 is month-first; day-first reading makes it impossible, never 19 May."""
    error = parse_date("05/19/2023")
    assert isinstance(error, DateError) and error.code == "date.impossible"


@pytest.mark.parametrize("text", ["19/05/1900", "2999-01-01"])
def test_dates_out_of_range(text: str) -> None:
    error = parse_date(text)
    assert isinstance(error, DateError) and error.code == "date.range"


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (dt.date(2023, 2, 5), "ngày 05 tháng 02 năm 2023"),
        (dt.date(2023, 5, 19), "ngày 19 tháng 5 năm 2023"),
        (dt.date(2023, 1, 1), "ngày 01 tháng 01 năm 2023"),
        (dt.date(2023, 3, 9), "ngày 09 tháng 3 năm 2023"),
        (dt.date(2023, 6, 11), "ngày 11 tháng 6 năm 2023"),
        (dt.date(2023, 10, 10), "ngày 10 tháng 10 năm 2023"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_format_long(date: dt.date, text: str) -> None:
    assert format_long(date) == text
    assert parse_date(text) == date  # what we print, we read back


@pytest.mark.parametrize(
    ("date", "text"),
    [(dt.date(2023, 5, 19), "19/05/2023"), (dt.date(2023, 2, 5), "05/02/2023"), (dt.date(2025, 12, 31), "31/12/2025")],
)
def test_format_short(date: dt.date, text: str) -> None:
    assert format_short(date) == text
    assert parse_date(text) == date


# -- the build date ------------------------------------------------------------------------


def _epoch(year: int, month: int, day: int, hour: int = 0) -> str:
    return str(int(dt.datetime(year, month, day, hour, tzinfo=dt.timezone.utc).timestamp()))


@pytest.mark.parametrize(
    ("epoch", "date"),
    [
        (_epoch(2023, 5, 19), dt.date(2023, 5, 19)),  # 00:00 UTC is 07:00 in Vietnam, same day
        (_epoch(2023, 5, 18, 17), dt.date(2023, 5, 19)),  # 17:00 UTC is midnight in Vietnam
        (_epoch(2023, 5, 18, 16), dt.date(2023, 5, 18)),  # an hour earlier, still the 18th
        (_epoch(2024, 12, 31, 20), dt.date(2025, 1, 1)),  # New Year comes 7 hours earlier
        ("0", dt.date(1970, 1, 1)),
    ],
)
def test_build_date_from_source_date_epoch(epoch: str, date: dt.date) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == date


def test_build_date_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", _epoch(2023, 5, 18, 17))
    assert build_date() == dt.date(2023, 5, 19)


def test_build_date_without_epoch_is_today_in_vietnam() -> None:
    before = dt.datetime.now(VIETNAM).date()
    today = build_date({})
    after = dt.datetime.now(VIETNAM).date()
    assert today in (before, after)


# -- dates as YAML gives them ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [Raw("2023-05-19"), Raw('"2023-05-19"'), Raw("'2023-05-19'"), Raw("19/5/2023"), Raw("ngày 19 tháng 5 năm 2023")],
    ids=["iso", "iso-double-quoted", "iso-single-quoted", "day-first", "written"],
)
def test_story_date_quoted_or_not(project: SiteProject, value: Raw) -> None:
    project.add_story("bai.md", date=value)
    loaded = load_project(Settings(root=project.root), cwd=project.root)
    assert [p.format() for p in loaded.problems] == []
    assert [s.date for s in loaded.stories] == [MAY_19]


def test_story_date_impossible_unquoted_iso(project: SiteProject) -> None:
    """YAML would read 2023-13-45 as a broken timestamp; here it is a clear message."""
    project.add_story("bai.md", date=Raw("2023-13-45"))
    result = project.check()
    assert result.stdout.splitlines() == [
        'exemplars/bai.md:9: error: ngày "2023-13-45" không tồn tại (ngày 45 tháng 13 năm 2023). '
        "Kiểm tra lại ngày và tháng."
    ]
