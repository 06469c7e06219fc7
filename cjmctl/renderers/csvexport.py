"""The CSV export: the touchpoints' table, a row per touchpoint with every lane, for spreadsheets.

Written as Excel reads a double-clicked file: UTF-8 with a byte order mark (without it Excel
takes Cyrillic for its ANSI code page), rows ending in CRLF, fields quoted by the csv module
where they hold a comma, a quote or a line break (a list's items are lines of one cell).
A CSV has no cell types, so text a spreadsheet would run as a formula gets an apostrophe
before it (OWASP's advice, `sheetrows.inert`); numbers are written as numbers, so a negative
score stays a number. Dates are ISO (2026-09-15), which every spreadsheet reads as a date.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.sheetrows import Sheet, Value, inert, touchpoints


def cell(value: Value) -> str:
    """One cell as CSV text: numbers and dates as written, text made inert, TRUE and FALSE."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return inert(value)


def to_csv(sheet: Sheet) -> str:
    """The table as CSV text, header first, without the byte order mark."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(map(inert, sheet.header))
    writer.writerows([cell(value) for value in row] for row in sheet.rows)
    return out.getvalue()


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Render the touchpoints' table as CSV; the options do not apply."""
    return to_csv(touchpoints(journey)).encode("utf-8-sig")
