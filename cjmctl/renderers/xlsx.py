"""The xlsx export: the journey as an Excel workbook, a sheet per table of `sheets.workbook`.

openpyxl writes it in write-only mode, which streams each sheet's rows to a temporary file
instead of keeping a cell object per value: a map of thousands of touchpoints stays within tens
of megabytes. openpyxl is imported when a workbook is made, so the CLI starts without it.

Text is always a string cell, never a formula: openpyxl would take `=...` for a formula and
`#N/A` for an error, so the type is set after the value. Text a spreadsheet could read as a
formula (`sheetrows.risky`) also gets Excel's own "quote prefix" mark, what Excel stores when
someone types `'=1+1`: the cell shows the text exactly as written and stays text when edited.
No apostrophe is added to the value, unlike in the CSV, where no cell type can say "text".

The bytes are reproducible: the document properties name cjmctl as creator and date the file
`options.timestamp` (the CLI's $SOURCE_DATE_EPOCH, else 1970), and every zip entry carries that
date too (within the years zip can store, 1980 to 2107), in openpyxl's fixed order.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date, datetime, timedelta
from io import BytesIO
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, cast

from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.sheetrows import Sheet, Value, risky
from cjmctl.renderers.sheets import workbook

if TYPE_CHECKING:
    from _typeshed import SizedBuffer
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet
    from openpyxl.worksheet.worksheet import Worksheet

CELL_LIMIT = 32_767
"""The most characters an Excel cell holds; Excel calls a file with a longer one corrupt."""
WIDEST = 60
"""Characters of the widest column; longer text wraps."""
_EPOCH = datetime(1970, 1, 1)


def when(timestamp: int) -> datetime:
    """The moment `timestamp` (seconds since 1970, UTC) names, without a time zone."""
    return _EPOCH + timedelta(seconds=timestamp)


_APP_PROPERTIES = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    'extended-properties"><Application>cjmctl</Application></Properties>'  # i18n: not shown
)


class _PinnedZip(zipfile.ZipFile):
    """A zip whose every entry is dated `stamp`, whatever the clock or a file's mtime says."""

    def __init__(self, file: BytesIO, stamp: datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        low, high = datetime(1980, 1, 1), datetime(2107, 12, 31, 23, 59, 58)
        self.stamp = min(max(stamp, low), high).timetuple()[:6]

    def _entry(self, name: str) -> zipfile.ZipInfo:
        entry = zipfile.ZipInfo(name, self.stamp)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0  # as on Windows, so the bytes do not depend on the platform
        entry.external_attr = 0
        return entry

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: SizedBuffer | str,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        name = zinfo_or_arcname
        entry = self._entry(name.filename if isinstance(name, zipfile.ZipInfo) else name)
        if entry.filename == "docProps/app.xml":
            # openpyxl writes its own version here: an upgrade would change every workbook.
            data = _APP_PROPERTIES
        super().writestr(entry, data)

    def write(
        self,
        filename: str | PathLike[str],
        arcname: str | PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl hands each sheet over as a temporary file: copied in chunks, not read whole.
        entry = self._entry(str(arcname if arcname is not None else filename))
        with Path(filename).open("rb") as source, self.open(entry, "w") as target:
            shutil.copyfileobj(source, target)


def width(sheet: Sheet, column: int) -> float:
    """A column's width in characters: its longest line, within 8 and `WIDEST`."""
    longest = max((_longest(row[column]) for row in sheet.rows), default=0)
    return float(min(WIDEST, max(8, longest, _longest(sheet.header[column])) + 2))


def _longest(value: Value) -> int:
    if value is None:
        return 0
    text = value.isoformat() if isinstance(value, date) else str(value)
    return max(map(len, text.split("\n")))


def _cell(ws: WriteOnlyWorksheet, value: Value, wrap: Alignment, bold: Font | None) -> Cell | None:
    from openpyxl.cell import WriteOnlyCell

    if value is None or value == "":
        return None  # no cell at all: most of a map's cells are empty, and styles are slow
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        value = value[: CELL_LIMIT - 1] + "…"
    cell = WriteOnlyCell(ws)
    cell.value = value  # a date too: the stubs give WriteOnlyCell a narrower type than openpyxl
    if isinstance(value, str):
        cell.data_type = "s"
        if risky(value):
            cell.quotePrefix = True
    cell.alignment = wrap
    if bold is not None:
        cell.font = bold
    return cell


def _write(ws: WriteOnlyWorksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    # A write-only sheet has a normal one's column widths and filter (openpyxl's `_setup`
    # gives it them), which the stubs do not declare.
    settings = cast("Worksheet", ws)
    for i in range(len(sheet.header)):
        settings.column_dimensions[get_column_letter(i + 1)].width = width(sheet, i)
    ws.freeze_panes = "A2"
    last = get_column_letter(len(sheet.header))
    settings.auto_filter.ref = f"A1:{last}{len(sheet.rows) + 1}"
    wrap = Alignment(wrap_text=True, vertical="top")
    bold = Font(bold=True)
    ws.append([_cell(ws, value, wrap, bold) for value in sheet.header])
    for row in sheet.rows:
        ws.append([_cell(ws, value, wrap, None) for value in row])


def to_xlsx(journey: Journey, timestamp: int = 0) -> bytes:
    """The workbook's bytes, dated `timestamp` (seconds since 1970)."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    book = Workbook(write_only=True)
    stamp = when(timestamp)
    props = book.properties
    props.creator, props.lastModifiedBy = "cjmctl", None
    props.created = props.modified = stamp
    props.title, props.language = journey.title, journey.locale
    for sheet in workbook(journey):
        _write(book.create_sheet(sheet.name), sheet)
    out = BytesIO()
    # ExcelWriter, not `save`, which dates the file by the clock.
    with _PinnedZip(out, stamp) as archive:
        ExcelWriter(book, archive).save()
    return out.getvalue()


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Render the journey as an xlsx workbook dated `options.timestamp`."""
    return to_xlsx(journey, options.timestamp)
