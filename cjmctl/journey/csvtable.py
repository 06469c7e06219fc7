"""CSV files as exported by spreadsheets, survey tools and agencies, read with limits and positions.

Metric values kept beside a map, a mystery-shopping agency's visits and a Google Forms export
are all CSV, written by Excel, LibreOffice or a web tool: UTF-8 with or without a byte order
mark, separated by commas, or by semicolons where Excel's locale uses a decimal comma
(Russian, German). The standard `csv` module parses them; this module adds what every reader
of ours needs: the header, each cell's `line:column` for diagnostics, and hard limits, so a
hostile file costs no more than its bounded size.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from cjmctl.i18n import _, language, ngettext, number
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.messages import Suggestions

MAX_BYTES = 8 * 1024 * 1024
MAX_CELL = 64 * 1024
"""Characters in one cell: more than any answer, comment or name; a stray quote that swallows the
rest of a file becomes one error instead of one enormous cell."""
MAX_COLUMNS = 1_000
DELIMITERS = (",", ";", "\t")
_CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]")


@dataclass(frozen=True, slots=True)
class Cell:
    """The text of one cell and where it starts in the file (1-based)."""

    text: str
    line: int
    column: int


@dataclass(frozen=True, slots=True)
class Table:
    """A CSV file: its header cells, then each data row's cells (a short row has fewer)."""

    name: str
    delimiter: str
    header: list[Cell]
    rows: list[list[Cell]]
    beyond: list[Diagnostic] = field(default_factory=list)
    """A problem at each cell past the header's columns that holds text. A reader reports them
    with its own problems of the rows once the header is known good; where the header lacks a
    column, every row is too long, and the header is the one mistake to report."""

    def problem(self, cell: Cell, message: str, hint: str, *, path: str = "") -> Diagnostic:
        """A diagnostic at `cell`; `path` names the column (the header's text)."""
        return Diagnostic(self.name, cell.line, cell.column, message, path, hint, "error", "csv")


BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
"""Byte order marks, longest first: a file that starts with one is in that encoding (Excel's
"Unicode Text" is UTF-16 with a BOM, separated by tabs)."""


def text_encoding(encoding: str) -> str:
    """The codec name of `encoding`, checked to be one that decodes bytes to text.

    Raises:
        ValueError: Python knows no such encoding, or it is not a text encoding (base64, zlib).
    """
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise ValueError(
            _("unknown encoding {encoding!r}; e.g. utf-8, utf-16 or cp1251").format(
                encoding=encoding
            )
        ) from None
    if not codec._is_text_encoding:  # the flag by which str.encode refuses base64 and zlib
        raise ValueError(
            _("{encoding!r} is not a text encoding; e.g. utf-8, utf-16 or cp1251").format(
                encoding=encoding
            )
        )
    return codec.name


def decode(data: bytes, name: str, encoding: str = "utf-8") -> str:
    """Bytes to text: UTF-8 or the encoding of a BOM, or `encoding` as the user says it is.

    Raises:
        JourneyError: the file is too large, binary, or not in the encoding.
        ValueError: `encoding` is not a text encoding (see `text_encoding`).
    """

    def fail(text: str, message: str, hint: str) -> JourneyError:
        """A diagnostic at the end of `text`, the part of the file read before the problem."""
        line = text.count("\n") + 1
        column = len(text) - (text.rfind("\n") + 1) + 1
        return JourneyError([Diagnostic(name, line, column, message, "", hint, "error", "csv")])

    if len(data) > MAX_BYTES:
        raise fail(
            "",
            _("the file is larger than {size} MiB, the limit of a CSV file").format(
                size=MAX_BYTES // 2**20
            ),
            _("split it, for example by year"),
        )
    codec = text_encoding(encoding)
    if codec == "utf-8":
        codec = next((c for bom, c in BOMS if data.startswith(bom)), "utf-8-sig")
    try:
        text = data.decode(codec).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        shown = codec.removesuffix("-sig")
        raise fail(
            data[: error.start].decode(codec, "replace").removeprefix("\ufeff"),
            _("the file is not valid {encoding}: byte 0x{byte:02X} cannot stand here").format(
                encoding=shown, byte=data[error.start]
            ),
            _("save it as 'CSV UTF-8' (Excel in a Russian locale saves 'CSV' as Windows-1251)"),
        ) from None
    except UnicodeError as error:  # a codec that refuses whole inputs (idna, undefined)
        raise fail(
            "",
            _("the file cannot be read as {encoding}: {reason}").format(
                encoding=codec, reason=error
            ),
            _("save it as 'CSV UTF-8'"),
        ) from None
    nul = text.find("\x00")
    if nul >= 0:
        message = _("the file contains a NUL character: it is not a CSV text file")
        hint = _("save it as 'CSV UTF-8'")
        if codec.startswith("utf-8"):
            message = _("the file contains a NUL byte: it is binary, or UTF-16 without a BOM")
            hint = _(
                "save it as 'CSV UTF-8' (or as Excel's 'Unicode Text': UTF-16 with a byte "
                "order mark)"
            )
        raise fail(text[:nul], message, hint)
    return text


def read(data: bytes, name: str, *, encoding: str = "utf-8") -> Table:
    """Parse a CSV file whose first row names the columns.

    The delimiter is the one of `DELIMITERS` the header holds most of (outside quotes).
    Rows whose every cell is blank are dropped: spreadsheets end files with them.

    Raises:
        JourneyError: the file cannot be read as CSV; every problem found, each at its place.
    """
    text = decode(data, name, encoding)
    # Lines as csv splits them (\n, \r\n, \r), not str.splitlines' (also U+2028, \x0c...).
    lines = list(io.StringIO(text, newline=""))
    if not text.strip():
        where = Diagnostic(
            name,
            1,
            1,
            _("the file is empty"),
            "",
            _("the first row names the columns"),
            "error",
            "csv",
        )
        raise JourneyError([where])
    delimiter = _delimiter(lines[0])
    found: list[Diagnostic] = []
    beyond: list[Diagnostic] = []
    records: list[list[Cell]] = []
    for record in _records(lines, delimiter, name):
        if isinstance(record, Diagnostic):
            raise JourneyError([*found, record])
        found += _controls(record, name)
        if len(record) > MAX_COLUMNS:
            cell = record[MAX_COLUMNS]
            message, hint = _too_wide()
            found.append(Diagnostic(name, cell.line, cell.column, message, "", hint, rule="csv"))
            raise JourneyError(found)
        if records and not any(c.text.strip() for c in record):
            continue
        if records:
            beyond += _beyond(records[0], record, name, delimiter)
        records.append(record)
    if found:
        raise JourneyError(found)
    return Table(name, delimiter, records[0], records[1:], beyond)


def key(header: str) -> str:
    """A header as compared: case, a BOM, and surrounding and repeated spaces ignored."""
    return " ".join(header.replace("\ufeff", "").split()).casefold()


def columns(
    table: Table, aliases: Mapping[str, Sequence[str]], required: Sequence[str], layout: str
) -> tuple[dict[str, int], list[Diagnostic]]:
    """Which column holds what, by its header; problems for unknown, repeated or missing ones.

    `aliases` gives each column's names as a header may write them (English, Russian...),
    `required` the columns every file of the layout has, `layout` what the file is, for hints,
    in the user's language: `_("a metric file")`, a noun phrase that stands alone (the Russian
    hint reads «файл метрик: столбцы ...»).
    """
    known = {key(alias): column for column, names in aliases.items() for alias in names}
    suggestions = Suggestions(known)
    found: dict[str, int] = {}
    problems: list[Diagnostic] = []
    for i, cell in enumerate(table.header):
        column = known.get(key(cell.text))
        if column is None:
            close = suggestions.closest(key(cell.text))
            names = _listed([f"`{column}`" for column in aliases])
            hint = (
                _("did you mean {close!r}? {layout} has the columns {columns}").format(
                    close=close, layout=layout, columns=names
                )
                if close
                else _("{layout} has the columns {columns}").format(layout=layout, columns=names)
            )
            problems.append(
                table.problem(
                    cell, _("unknown column {header!r}").format(header=shorten(cell.text)), hint
                )
            )
        elif column in found:
            problems.append(
                table.problem(
                    cell, _("a second {column!r} column").format(column=column), _("keep one")
                )
            )
        else:
            found[column] = i
    missing = [c for c in required if c not in found]
    if missing and not problems:
        optional = [c for c in aliases if c not in required]
        message = ngettext(
            "missing column: {columns}", "missing columns: {columns}", len(missing)
        ).format(columns=", ".join(missing))
        hint = (
            _("the first row names the columns: {required} (and {optional})").format(
                required=", ".join(required), optional=", ".join(optional)
            )
            if optional
            else _("the first row names the columns: {required}").format(
                required=", ".join(required)
            )
        )
        problems.append(table.problem(table.header[0], message, hint))
    return found, problems


def _listed(names: list[str]) -> str:
    if len(names) == 1:
        return names[0]
    return _("{names} and {last}").format(names=", ".join(names[:-1]), last=names[-1])


def cell(row: list[Cell], index: int) -> Cell:
    """The row's cell in column `index`; in a short row, empty where it would be."""
    if index < len(row):
        return row[index]
    last = row[-1]
    return Cell("", last.line, last.column + len(last.text) + 1)


def filled(
    table: Table, row: list[Cell], found: Mapping[str, int], hints: Mapping[str, str]
) -> dict[str, Cell] | Diagnostic:
    """The row's cell of each column `hints` names (by `found`, from `columns`).

    Returns the problem at the first that is missing or blank instead, with its hint.
    """
    cells: dict[str, Cell] = {}
    for column, hint in hints.items():
        at = cell(row, found[column])
        if not at.text.strip():
            return table.problem(
                at, _("the {column} is missing").format(column=column), hint, path=column
            )
        cells[column] = at
    return cells


def _too_wide() -> tuple[str, str]:
    return (
        _("more than {count} columns in one row").format(count=number(MAX_COLUMNS, language())),
        _("is the delimiter right? each row holds one record"),
    )


def _beyond(header: list[Cell], row: list[Cell], name: str, delimiter: str) -> list[Diagnostic]:
    """Problems for the cells of `row` past the header's last column that hold text."""
    hint = _("is a quote or delimiter out of place? each row holds one record")
    if delimiter == ",":
        hint = _(
            "a decimal comma splits a number in two in a comma-separated file: quote it "
            '("4,5"), write 4.5, or save the file separated by semicolons'
        )
    message = ngettext(
        "a cell beyond the header's {n} column",
        "a cell beyond the header's {n} columns",
        len(header),
    ).format(n=len(header))
    return [
        Diagnostic(
            name,
            cell.line,
            cell.column,
            message,
            "",
            hint,
            "error",
            "csv",
        )
        for cell in row[len(header) :]
        if cell.text.strip()
    ]


def _delimiter(header: str) -> str:
    """The delimiter the header uses most, outside quotes; a comma when it holds none."""
    unquoted = re.sub(r'"[^"]*"', "", header)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(lines: Sequence[str], delimiter: str, name: str) -> Iterator[list[Cell] | Diagnostic]:
    """Yield each record's cells with their positions, or a diagnostic where csv gives up."""
    feed = iter(lines)
    consumed: list[str] = []

    def tracked() -> Iterator[str]:
        for line in feed:
            consumed.append(line)
            yield line

    reader = csv.reader(tracked(), delimiter=delimiter, quotechar='"', strict=True)
    line = 1
    previous = csv.field_size_limit(MAX_CELL)
    try:
        while True:
            consumed.clear()
            try:
                fields = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                yield _parse_problem(name, line, "".join(consumed), str(error), delimiter)
                return
            # One cell past the limit is enough to report it; positioning millions costs seconds.
            yield _positioned(fields[: MAX_COLUMNS + 1], "".join(consumed), line, delimiter)
            line += len(consumed)
    finally:
        csv.field_size_limit(previous)


def _parse_problem(name: str, line: int, raw: str, reason: str, delimiter: str) -> Diagnostic:
    """Where and why csv gave up on the record that starts at `line` and holds `raw`."""
    cells, after_quote = _scan(raw, delimiter, line)
    row, column = cells[-1][:2]
    # The reasons are the csv module's own words, matched, never shown but in the last case.
    if len(cells) > MAX_COLUMNS:
        message, hint = _too_wide()
    elif "field larger than field limit" in reason:  # i18n: not shown
        message = _("a cell longer than {count} characters").format(
            count=number(MAX_CELL, language())
        )
        hint = _('is a quote (") left open? a quoted cell ends at the next lone quote')
        row, column = next(((r, c) for r, c, size in cells if size > MAX_CELL), (row, column))
    elif "expected" in reason and "after" in reason:
        message = _("a quoted cell goes on after its closing quote")
        hint = _('inside a quoted cell write a quote as two quotes (""), or quote the whole cell')
        row, column = after_quote or (row, column)
    elif "unexpected end of data" in reason or "EOF" in reason:  # i18n: not shown
        message = _("a quoted cell is never closed")
        hint = _('close it with a quote ("); a quote inside a cell is written twice ("")')
    else:
        message = _("the file cannot be read as CSV: {reason}").format(reason=reason)
        hint = _("export it again as CSV")
    return Diagnostic(name, row, column, message, "", hint, "error", "csv")


def _scan(
    raw: str, delimiter: str, line: int
) -> tuple[list[tuple[int, int, int]], tuple[int, int] | None]:
    """Walk a record csv gave up on: its cells' (line, column, length), and text after a quote.

    The second item is the place of the first character after a closing quote that is not a
    delimiter or line end.
    """
    cells = [(line, 1, 0)]
    row, column, at, quoted, fresh = line, 1, 0, False, True
    after_quote: tuple[int, int] | None = None
    while at < len(raw):
        char, step = raw[at], 1
        if quoted and char == '"':
            if raw[at + 1 : at + 2] == '"':
                step = 2
            else:
                quoted = False
                if raw[at + 1 : at + 2] not in {delimiter, "\n", "\r", ""} and after_quote is None:
                    after_quote = (row, column + 1)
        elif not quoted and char == '"' and fresh:
            quoted = True
        elif not quoted and char == delimiter:
            cells.append((row, column + 1, -1))
        start_row, start_column, size = cells[-1]
        cells[-1] = (start_row, start_column, size + step)
        if size > MAX_CELL or len(cells) > MAX_COLUMNS:
            break  # past what csv reports: the rest of the record costs time and says nothing
        fresh = not quoted and char == delimiter
        if char == "\n":
            row, column = row + 1, 0
        at += step
        column += step
    return cells, after_quote


def _positioned(fields: list[str], raw: str, line: int, delimiter: str) -> list[Cell]:
    """Give each field of a record the line and column where its cell starts in `raw`."""
    cells: list[Cell] = []
    at, row, column = 0, line, 1
    if '"' not in raw:  # the usual row: each cell is its raw text, one delimiter apart
        for text in fields:
            cells.append(Cell(text, line, column))
            column += len(text) + 1
        return cells
    for text in fields:
        cells.append(Cell(text, row, column))
        quoted = at < len(raw) and raw[at] == '"'
        # Walk to the delimiter that ends this cell, across quoted delimiters and line breaks.
        inside = False
        while at < len(raw):
            char = raw[at]
            if char == '"' and quoted:
                inside = not inside
            elif char == delimiter and not inside:
                break
            elif char == "\n":
                row, column = row + 1, 0
            at += 1
            column += 1
        at += 1
        column += 1
    return cells


def _controls(record: list[Cell], name: str) -> list[Diagnostic]:
    found = []
    for cell in record:
        match = _CONTROL.search(cell.text)
        if match:
            char = f"U+{ord(match.group()):04X}"
            found.append(
                Diagnostic(
                    name,
                    cell.line,
                    cell.column,
                    _("the cell contains the control character {char}").format(char=char),
                    "",
                    _("remove it: cells hold printable text only"),
                    "error",
                    "csv",
                )
            )
    return found
