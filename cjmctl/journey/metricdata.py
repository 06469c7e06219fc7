"""Metric values from the CSV files a journey lists in `metric_files`, merged into its metrics.

The layout, one value per row: `date,metric,value`, and optionally `note` (English or Russian
column names, in any order: `дата`, `метрика`, `значение`, `примечание`). A date is a period as
in `values` (2026-09-15, 2026-09, 2026-Q3); a metric is the id of one of the journey's metrics;
a value is a number, with a decimal point or, in a file separated by semicolons, a decimal
comma. Every bad row is an error at its `file.csv:line:column`; none is skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from cjmctl.i18n import N_, _, language
from cjmctl.i18n import number as written_number
from cjmctl.journey import checks, periods
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.fieldtypes import MAX_NUMBER
from cjmctl.journey.messages import Suggestions
from cjmctl.journey.model import Journey

if TYPE_CHECKING:
    from cjmctl.journey import csvtable

COLUMNS = {
    "date": ("date", "дата", "period", "период"),
    "metric": ("metric", "метрика"),
    "value": ("value", "значение"),
    "note": ("note", "примечание", "comment", "комментарий"),
}
REQUIRED = ("date", "metric", "value")
_NUMBER = re.compile(r"[-+]?(\d+([.]\d*)?|[.]\d+)([eE][-+]?\d+)?", re.ASCII)


class DataFileError(Exception):
    """A file a journey names cannot be read: outside the root, missing, or unreadable."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Origin:
    """Where one merged value came from: the file and the position of its value cell."""

    file: str
    line: int
    column: int


def merge(
    journey: Journey, tables: list[csvtable.Table], inline: dict[tuple[str, str], Diagnostic]
) -> dict[tuple[str, str], Origin]:
    """Add each table's values to the journey's metrics; return where each value came from.

    `inline` holds the position of every value written in the journey itself, by (metric id,
    period), so a row that gives a value twice can say where the first one is.

    Raises:
        JourneyError: every bad row of every table.
    """
    from cjmctl.journey import csvtable  # and csv: only a journey with `metric_files` reads them

    metrics = {m.id: m for m in journey.metrics}
    ids = Suggestions(metrics)
    origins: dict[tuple[str, str], Origin] = {}
    found: list[Diagnostic] = []
    for table in tables:
        columns, problems = csvtable.columns(table, COLUMNS, REQUIRED, _("a metric file"))
        found += problems or table.beyond
        if problems:
            continue
        for row in table.rows:
            value = _row(table, row, columns=columns, metrics=metrics, ids=ids, found=found)
            if value is None:
                continue
            key, number, cell, when = value
            where = inline.get(key) or _as_diagnostic(origins.get(key))
            if where is not None:
                found.append(
                    table.problem(
                        when,
                        _("a second value for {metric!r} in {period}").format(
                            metric=shorten(key[0]), period=key[1]
                        ),
                        _("the first is at {file}:{line}:{column}; keep one").format(
                            file=where.file, line=where.line, column=where.column
                        ),
                        path="date",
                    )
                )
                continue
            scale = metrics[key[0]].scale
            if scale is not None and not scale[0] <= number <= scale[1]:
                message = checks.off_scale("value", number, scale)
                hint = _(checks.SCALE_HINT)
                found.append(table.problem(cell, message, hint, path="value"))
                continue
            metrics[key[0]].values[key[1]] = number
            origins[key] = Origin(table.name, cell.line, cell.column)
    if found:
        raise JourneyError(found)
    return origins


def _as_diagnostic(origin: Origin | None) -> Diagnostic | None:
    return Diagnostic(origin.file, origin.line, origin.column, "") if origin else None


def _row(
    table: csvtable.Table,
    row: list[csvtable.Cell],
    *,
    columns: dict[str, int],
    metrics: Mapping[str, object],
    ids: Suggestions,
    found: list[Diagnostic],
) -> tuple[tuple[str, str], float, csvtable.Cell, csvtable.Cell] | None:
    """Check one row: ((metric id, period), value, the value's cell, the date's), or None."""
    from cjmctl.journey import csvtable

    hints = {column: _(hint) for column, hint in _EMPTY_HINTS.items()}
    cells = csvtable.filled(table, row, columns, hints)
    if isinstance(cells, Diagnostic):
        found.append(cells)
        return None
    ok = True
    period = periods.parse(cells["date"].text.strip())
    if period is None:
        found.append(
            table.problem(
                cells["date"],
                _("{value!r} is not a period").format(value=shorten(cells["date"].text)),
                _("write a day, a month or a quarter: 2026-09-15, 2026-09 or 2026-Q3"),
                path="date",
            )
        )
        ok = False
    metric = cells["metric"].text.strip()
    if metric not in metrics:
        close = ids.closest(metric)
        if close:
            hint = _("did you mean {choice!r}?").format(choice=close)
        elif ids.choices:
            hint = _("the journey's metrics are: {ids}").format(
                ids=", ".join(shorten(i) for i in ids.choices[:10])
            )
        else:
            hint = _("declare it under `metrics:` in the journey")
        found.append(
            table.problem(
                cells["metric"],
                _("{id!r} is not the id of a metric of the journey").format(id=shorten(metric)),
                hint,
                path="metric",
            )
        )
        ok = False
    number = _number(cells["value"].text, table.delimiter)
    if not isinstance(number, float):
        shown = shorten(cells["value"].text)
        if number == "range":
            message = _("{value!r} is out of range: a value lies within ±{limit}").format(
                value=shown, limit=written_number(MAX_NUMBER, language())
            )
            hint = _("write it in the metric's unit, as a plain number")
        else:
            message = _("{value!r} is not a number").format(value=shown)
            hint = (
                _("write a plain number such as 62 or 4.5, without units or thousands separators")
                if table.delimiter == ","
                else _(
                    "write a plain number such as 62 or 4.5 (or 4,5), without units or thousands "
                    "separators"
                )
            )
        found.append(table.problem(cells["value"], message, hint, path="value"))
        ok = False
    if not ok or period is None or not isinstance(number, float):
        return None
    return (metric, period.text), number, cells["value"], cells["date"]


_EMPTY_HINTS = {
    "date": N_("write the period the value is for: 2026-09-15, 2026-09 or 2026-Q3"),
    "metric": N_("write the id of one of the journey's metrics"),
    "value": N_("write the measured value; a row without one does not belong in the file"),
}
"""The hint for each column left empty in a row, translated where said."""


def _number(text: str, delimiter: str) -> float | Literal["range"] | None:
    """The number a cell holds; "range" for one too large to be a KPI, None for no number."""
    written = text.strip()
    if delimiter != "," and "," in written and "." not in written:
        written = written.replace(",", ".", 1)
    if not _NUMBER.fullmatch(written):
        return None
    value = float(written)
    if not math.isfinite(value) or abs(value) > MAX_NUMBER:
        return "range"
    return value


def positioned(origin: Origin, skeleton: Diagnostic) -> Diagnostic:
    """`skeleton` (a diagnostic with its message) moved to where a merged value came from."""
    return replace(skeleton, file=origin.file, line=origin.line, column=origin.column, path="")
