"""The board's report in the formats it files: JSON (machines), CSV and XLSX (Excel), Markdown.

A year's (or a window's) report and a phase's. `report_data` and `phase_report_data` are the JSON
shapes that acceptance tests and other tools read; the other formats show the same tables. CSV carries a UTF-8 BOM so that Excel shows Vietnamese; XLSX has one
sheet per table, styled and frozen header rows (openpyxl: writing the XLSX zip by hand is not
worth the risk).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

from dataclasses import dataclass

from generator.core.model import Kind
from generator.plan.figures import Coverage, PhaseReport, Report

__all__ = [
    "FORMATS", "phase_report_data", "phase_report_tables", "render_phase_report", "render_report", "report_data",
    "report_notes", "report_tables",
]  # fmt: skip

FORMATS = ("json", "csv", "xlsx", "md")
_KIND_ORDER = tuple(Kind)


def _by_kind(counts: dict[Kind, int]) -> dict[str, int]:
    return {kind.value: counts.get(kind, 0) for kind in _KIND_ORDER}


def report_data(report: Report) -> dict[str, object]:
    """The report as plain JSON-ready data."""
    return {
        "year": report.year,
        "from": report.start.isoformat(),
        "to": report.end.isoformat(),
        "build_date": report.build_date.isoformat(),
        "districts": [
            {"id": r.id, "name": r.name, "months": list(r.months), "missed_months": list(r.missed_months)}
            for r in report.districts
        ],
        "units": [
            {"id": r.id, "name": r.name, "quarters": list(r.quarters), "missed_quarters": list(r.missed_quarters)}
            for r in report.units
        ],
        "movements": [
            {
                "id": r.id,
                "name": r.name,
                "lead_unit": r.lead_unit,
                "counts": _by_kind(r.counts),
                "targets": {kind.value: n for kind, n in r.targets.items()},
                "period": r.period,
                "period_counts": _by_kind(r.period_counts),
            }
            for r in report.movements
        ],
        "fields": [{"name": name, "counts": _by_kind(counts)} for name, counts in report.fields],
        "kinds": _by_kind(report.kinds),
        "total": report.total,
        "communes": _coverage_data(report.communes),
    }


def _coverage_data(coverage: Coverage | None) -> dict[str, object] | None:
    if coverage is None:
        return None
    return {
        "total": coverage.total,
        "covered": [{"id": i, "name": n} for i, n in coverage.covered],
        "missing": [{"id": i, "name": n} for i, n in coverage.missing],
    }


def _required(required: dict[Kind | None, int]) -> dict[str, int]:
    return {("tổng" if kind is None else kind.value): n for kind, n in required.items()}


def phase_report_data(report: PhaseReport) -> dict[str, object]:
    """A phase's report as plain JSON-ready data."""
    return {
        "phase": report.phase.id,
        "name": report.phase.name,
        "from": report.phase.start.isoformat(),
        "to": report.phase.end.isoformat(),
        "build_date": report.build_date.isoformat(),
        "required": _required(report.required),
        "localities": [{"id": r.id, "name": r.name, "counts": _by_kind(r.counts), "met": r.met} for r in report.rows],
        "met": sum(r.met for r in report.rows),
        "communes": _coverage_data(report.communes),
    }


def report_notes(report: Report) -> list[str]:
    """Sentences saying why a table has nothing to show (a table is never printed without rows)."""
    notes = []
    if not report.districts:
        notes.append("Không có bảng địa bàn theo tháng: từ ngày 01/7/2025 không còn cấp huyện.")
    return notes + _coverage_notes(report.communes, "kỳ báo cáo")


def _coverage_notes(coverage: Coverage | None, period: str) -> list[str]:
    if coverage is None:
        return []
    return [f"{len(coverage.covered)} trên {coverage.total} xã, phường, đặc khu có ít nhất một gương điển hình trong {period}."]


def _coverage_rows(coverage: Coverage | None) -> list[list[object]]:
    if coverage is None:
        return []
    return [[name, "có"] for _, name in coverage.covered] + [[name, "chưa"] for _, name in coverage.missing]


def report_tables(report: Report) -> list[tuple[str, list[str], list[list[object]]]]:
    """(title, header, rows) of each table, as Excel, CSV and Markdown show them."""
    months = [f"T{m}" for m in range(1, 13)]
    districts = [
        [r.name, *r.months, sum(r.months), ", ".join(f"T{m}" for m in r.missed_months)] for r in report.districts
    ]
    units = [[r.name, *r.quarters, sum(r.quarters), ", ".join(f"Quý {q}" for q in r.missed_quarters)] for r in report.units]
    kinds = [k.value for k in _KIND_ORDER]
    movements = [
        [r.name, r.lead_unit, *[r.counts[k] for k in _KIND_ORDER], r.period,
         *[f"{r.period_counts[k]}/{r.targets[k]}" if k in r.targets else r.period_counts[k] for k in _KIND_ORDER]]
        for r in report.movements
    ]  # fmt: skip
    fields = [[name, *[counts[k] for k in _KIND_ORDER], sum(counts.values())] for name, counts in report.fields]
    fields.append(["Tổng cộng", *[report.kinds[k] for k in _KIND_ORDER], report.total])
    tables = [
        ("Địa bàn theo tháng", ["Địa bàn", *months, "Cả năm", "Tháng chưa đạt"], districts),
        ("Xã, phường, đặc khu", ["Xã, phường, đặc khu", "Có gương điển hình"], _coverage_rows(report.communes)),
        ("Đơn vị theo quý", ["Đơn vị", "Quý 1", "Quý 2", "Quý 3", "Quý 4", "Cả năm", "Quý chưa đạt"], units),
        ("Phong trào", ["Phong trào", "Đơn vị chủ trì", *kinds, "Giai đoạn", *[f"{k} (cả giai đoạn/chỉ tiêu)" for k in kinds]],
         movements),
        ("Lĩnh vực", ["Lĩnh vực", *kinds, "Tổng"], fields),
    ]  # fmt: skip
    return [table for table in tables if table[2]]


def phase_report_tables(report: PhaseReport) -> list[tuple[str, list[str], list[list[object]]]]:
    """(title, header, rows) of each table of a phase's report."""
    rows = [
        [r.name, *[r.counts[k] for k in _KIND_ORDER], sum(r.counts.values()), "Đạt" if r.met else "Chưa đạt"]
        for r in report.rows
    ]
    tables = [
        ("Lựa chọn theo địa bàn", ["Địa bàn", *[k.value for k in _KIND_ORDER], "Tổng", "Kết quả"], rows),
        ("Xã, phường, đặc khu", ["Xã, phường, đặc khu", "Có gương điển hình"], _coverage_rows(report.communes)),
    ]
    return [table for table in tables if table[2]]


def _phase_notes(report: PhaseReport) -> list[str]:
    notes = []
    if report.rows and report.required:
        required = " + ".join(f"{n} {'gương' if k is None else k.value}" for k, n in report.required.items())
        notes.append(f"Mỗi địa bàn lựa chọn {required}: {sum(r.met for r in report.rows)}/{len(report.rows)} địa bàn đã đạt.")
    return notes + _coverage_notes(report.communes, "giai đoạn")


@dataclass(frozen=True)
class _Document:
    """What the CSV, XLSX and Markdown files of a report show."""

    title: str
    notes: list[str]
    tables: list[tuple[str, list[str], list[list[object]]]]
    build_date: dt.date


def _csv(document: _Document) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([document.title])
    writer.writerows([note] for note in document.notes)
    for title, header, rows in document.tables:
        writer.writerow([])
        writer.writerow([title])
        writer.writerow(header)
        writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _markdown(document: _Document) -> bytes:
    lines = [f"# {document.title}", ""]
    lines += [*document.notes, ""] if document.notes else []
    for title, header, rows in document.tables:
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _xlsx(document: _Document) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="A31D1D")
    for title, header, rows in document.tables:
        sheet = book.create_sheet(title[:31])
        sheet.append(header)
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.freeze_panes = "B2"
        sheet.column_dimensions["A"].width = 42
        for index in range(2, len(header) + 1):
            sheet.column_dimensions[get_column_letter(index)].width = 12
    # Workbook properties and zip entries carry the build date, not the clock: same input, same file.
    stamp = dt.datetime.combine(document.build_date, dt.time())
    book.properties.created = book.properties.modified = stamp
    out = io.BytesIO()
    book.save(out)
    return _restamp_zip(out.getvalue(), stamp)


def _restamp_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """The same zip with every entry dated `stamp` (openpyxl stamps entries with the current time)."""
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to now when saving
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode(), content)
            target.writestr(entry, content)
    return out.getvalue()


def _render(data: dict[str, object], document: _Document, fmt: str) -> bytes:
    if fmt == "json":
        return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return {"csv": _csv, "md": _markdown, "xlsx": _xlsx}[fmt](document)


def render_report(report: Report, fmt: str) -> bytes:
    """The report in one of `FORMATS`, as the bytes of the file to write."""
    title = f"Báo cáo gương điển hình tiên tiến từ {report.start:%d/%m/%Y} đến {report.end:%d/%m/%Y}"
    return _render(report_data(report), _Document(title, report_notes(report), report_tables(report), report.build_date), fmt)


def render_phase_report(report: PhaseReport, fmt: str) -> bytes:
    """A phase's report in one of `FORMATS`, as the bytes of the file to write."""
    phase = report.phase
    title = f"Báo cáo lựa chọn gương điển hình tiên tiến {phase.name} (từ {phase.start:%d/%m/%Y} đến {phase.end:%d/%m/%Y})"
    document = _Document(title, _phase_notes(report), phase_report_tables(report), report.build_date)
    return _render(phase_report_data(report), document, fmt)
