"""The xlsx export, read back with openpyxl: every sheet checked cell by cell against the journey,
formula payloads inert, the layout (bold frozen header, widths, wrapping), reproducible bytes."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import given
from openpyxl.utils import get_column_letter

from cjmctl import load
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from cjmctl.renderers import FORMATS, RenderOptions
from cjmctl.renderers.xlsx import CELL_LIMIT, to_xlsx
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES
from tests.hostile import inject
from tests.sheetoracle import expected, formula_like
from tests.strategies import documents, dump, names, visible

PAYLOADS = [
    '=HYPERLINK("http://x")',
    "+1+1",
    "-1+1",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    " =1+1",
    "\n=1",
    "=cmd|' /C calc'!A0",
    "\uff1d1+1",
    "#N/A",
]
"""Text a spreadsheet could run or read as something else: each must come back as text."""
NOT_EXPORTED = (
    "Journey.accessible_title",  # Mermaid's title for screen readers
    "Criterion.name",  # mystery-shopping raw data: the Scores sheet has what it adds up to
    "Visit.notes",
    "Outlet.name",
    "Outlet.city",
    "Reason.reason",
)


def read(data: bytes) -> list[tuple[str, list[list[object]]]]:
    """Every sheet's name and rows of values, dates as dates."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    found: list[tuple[str, list[list[object]]]] = []
    for ws in book.worksheets:
        rows: list[list[object]] = [
            [c.value.date() if isinstance(c.value, datetime) else c.value for c in row]
            for row in ws.iter_rows()
        ]
        found.append((ws.title, rows))
    return found


def _fitted(value: object) -> object:
    """A value as a cell holds it: text cut at Excel's limit, empty text no cell, and a float
    to the 16 digits openpyxl writes (Excel keeps 15)."""
    if isinstance(value, float):
        return pytest.approx(value, rel=1e-15)
    if isinstance(value, str) and len(value) > CELL_LIMIT:
        return value[: CELL_LIMIT - 1] + "…"
    return None if value == "" else value


def check_cells(journey: Journey, data: bytes) -> None:
    sheets = read(data)
    want = expected(journey)
    assert [name for name, _ in sheets] == [name for name, _, _ in want]
    for (name, rows), (_, header, cells) in zip(sheets, want, strict=True):
        assert rows[0] == header, name
        assert len(rows) == len(cells) + 1, name
        for n, (got, wanted) in enumerate(zip(rows[1:], cells, strict=True), 2):
            assert got == [_fitted(v) for v in wanted], f"{name} row {n}"


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
def test_every_sheet_holds_the_journey_cell_by_cell(path: Path) -> None:
    journey = load(path)
    check_cells(journey, to_xlsx(journey))


def test_bank_branch_cells_as_written() -> None:
    """Spot checks written by hand, beside the oracle: what a reader of the sheet sees."""
    sheets = dict(read(to_xlsx(load(EXAMPLES / "bank-branch.yaml"))))
    tps = sheets["Touchpoints"]
    header = tps[0]
    row = {r[2]: dict(zip(header, r, strict=True)) for r in tps[1:]}
    assert header[8:11] == ["Emotion (1..5)", "Emotion: Margaret", "Emotion: Daniel"]
    online = row["online-booking"]
    assert (online["Emotion (1..5)"], online["Emotion: Margaret"], online["Emotion: Daniel"]) == (
        None,
        2,
        4,
    )
    assert online["Support processes and systems"] == "Booking service\nStaff calendar"
    assert (online["Future emotion: Margaret"], online["Future emotion: Daniel"]) == (4, 5)
    assert (online["Emotion: evidence"], online["Emotion: evidence source"]) == (
        "observed",
        "mystery-shopping",
    )
    sms = row["confirm-sms"]
    assert (sms["Emotion (1..5)"], sms["Emotion: Margaret"], sms["Emotion: Daniel"]) == (3, 3, 3)
    assert row["waiting-area"]["Next"] == "consultant-meeting\nwalk-out"
    assert row["walk-out"]["Next"] is None
    assert row["queue-kiosk"]["State"] == "current"
    assert row["app-check-in"]["State"] == "future"
    assert row["instant-card"]["Wow moment"] is True
    assert (row["waiting-area"]["Channel id"], row["waiting-area"]["Channel"]) == (
        "branch",
        "Branch premises",
    )
    actions = sheets["Actions"]
    assert actions[2][7:10] == [date(2026, 7, 1), None, date(2026, 12, 31)]
    values = sheets["Metric values"]
    assert values[1] == [
        "booked-wait",
        "Median wait of booked customers",
        "2026-03",
        date(2026, 3, 1),
        date(2026, 3, 31),
        21,
    ]
    assert ["Emotion 1", "Furious"] in sheets["Journey"]


def test_russian_example_keeps_cyrillic_and_its_headers() -> None:
    sheets = dict(read(to_xlsx(load(EXAMPLES / "email-marketing-ru.yaml"))))
    assert list(sheets)[:3] == ["Точки контакта", "Этапы", "Персоны"]
    tps = sheets["Точки контакта"]
    assert tps[0][:4] == [
        "Идентификатор этапа",
        "Этап",
        "Идентификатор точки контакта",
        "Точка контакта",
    ]
    assert tps[1][3] == "Всплывающее окно «−10% за подписку»"


def test_a_named_scale_is_written_as_given() -> None:
    text = b"""cjm: 1
title: Scale
emotion_scale: {min: 1, max: 5, names: [Awful, Bad, So-so, Good, Great]}
stages:
  - name: S
    touchpoints:
      - {name: A, emotion: 5, future: {emotion: 1}}
"""
    journey = loader.load_bytes(text, "scale.yaml")
    sheets = dict(read(to_xlsx(journey)))
    header, row = sheets["Touchpoints"]
    assert (header[8], row[8]) == ("Emotion (1..5)", 5)
    assert row[header.index("Future emotion (1..5)")] == 1
    assert sheets["Journey"][7:] == [
        ["Emotion scale", "1..5"],
        ["Emotion 1", "Awful"],
        ["Emotion 2", "Bad"],
        ["Emotion 3", "So-so"],
        ["Emotion 4", "Good"],
        ["Emotion 5", "Great"],
    ]
    check_cells(journey, to_xlsx(journey))


@pytest.mark.parametrize("path", EXAMPLE_JOURNEYS, ids=lambda p: p.stem)
def test_formula_payloads_in_every_text_field_come_out_as_text(path: Path) -> None:
    journey = load(path)
    put = inject(
        journey,
        lambda n: PAYLOADS[n % len(PAYLOADS)] + str(n),
        refs=bool(journey.channels),
        keep=NOT_EXPORTED,
    )
    data = to_xlsx(journey)
    book = openpyxl.load_workbook(io.BytesIO(data))
    texts: set[str] = set()
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    texts.update(cell.value.split("\n"))
                    if formula_like(cell.value):
                        assert cell.quotePrefix, (ws.title, cell.coordinate, cell.value)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert all(not re.search(rb"<f[ >]", archive.read(n)) for n in sheets)
    # Every payload is shown, exactly as written: XML reads a carriage return as a line break.
    shown = {p.replace("\r", "\n").split("\n")[-1] for p in put}
    assert shown <= texts
    assert all("'" + p not in texts for p in put)


def test_an_overlong_text_is_cut_at_excels_limit() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    journey.stages[0].touchpoints[0].action = "ж" * 40_000
    sheets = dict(read(to_xlsx(journey)))
    cell = sheets["Touchpoints"][1][6]
    assert isinstance(cell, str)
    assert (len(cell), cell[-2:]) == (CELL_LIMIT, "ж…")


def test_header_is_bold_and_frozen_text_wraps_and_numbers_are_numbers() -> None:
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx(load(EXAMPLES / "bank-branch.yaml"))))
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert all(c.font.b for c in ws[1]), ws.title
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    ws = book["Touchpoints"]
    assert ws["G2"].alignment.wrap_text
    assert ws["G2"].alignment.vertical == "top"
    assert (ws["J2"].value, ws["J2"].data_type) == (2, "n")
    widths = [ws.column_dimensions[get_column_letter(n)].width for n in range(1, ws.max_column + 1)]
    assert all(10 <= w <= 60 for w in widths)
    assert ws.column_dimensions["G"].width == 60  # the customer's action: long text wraps
    assert book["Actions"]["J2"].number_format == "yyyy-mm-dd"


def test_two_renders_are_the_same_bytes_and_dated_by_the_timestamp() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    first = FORMATS["xlsx"].render(journey, RenderOptions())
    assert first == FORMATS["xlsx"].render(load(EXAMPLES / "bank-branch.yaml"), RenderOptions())
    later = FORMATS["xlsx"].render(journey, RenderOptions(timestamp=1_780_000_000))
    assert later != first
    for data, moment, stamp in (
        (first, "1970-01-01T00:00:00Z", (1980, 1, 1, 0, 0, 0)),
        (later, "2026-05-28T20:26:40Z", (2026, 5, 28, 20, 26, 40)),
    ):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {i.date_time for i in archive.infolist()} == {stamp}
            core = archive.read("docProps/core.xml").decode()
            app = archive.read("docProps/app.xml").decode()
        # No library version in the bytes: upgrading openpyxl must not change a workbook.
        assert "<Application>cjmctl</Application>" in app
        assert "penpyxl" not in app
        assert f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>' in core
        assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified>' in core
        assert "<dc:creator>cjmctl</dc:creator>" in core
        assert "lastModifiedBy" not in core
        properties = openpyxl.load_workbook(io.BytesIO(data)).properties
        assert properties.creator == "cjmctl"
        assert properties.title == journey.title
    assert FORMATS["xlsx"].suffix == ".xlsx"


@given(documents())
def test_any_journey_exports_and_reads_back(document: dict[str, Any]) -> None:
    if not all(visible(n) for n in names(document)):
        return  # a blank name: the loader refuses it (tests/renderers/test_properties.py)
    journey = loader.load_bytes(dump(document), "drawn.yaml")
    check_cells(journey, to_xlsx(journey))
