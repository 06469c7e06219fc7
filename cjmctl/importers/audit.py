"""A mystery-shopping agency's export of visits (CSV) to one research entry of a journey: a wave.

Agencies deliver one row per visit and criterion: the date, the outlet, the touchpoint, the
criterion, the score (0..100, or yes/no) and the shopper's comment, with English or Russian
column names (`дата`, `филиал`, `точка контакта`, `критерий`, `оценка`, `комментарий`).
Outlets, touchpoints and criteria may be written as the journey's ids or as their names. The
rows of one outlet on one date are one visit. The result is YAML of one `research:` item
(kind mystery_shopping), to paste under the journey's `research:`; every bad row is an error
at its `file.csv:line:column`, and none is skipped.

A criterion is scored one way in a file: in points, or yes/no (yes/no, да/нет, true/false, +/-).
Its 1s and 0s are yes and no when every result it has in the file is 0, 1 or such a word;
else they are points, and a yes/no word among its points is an error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import yaml

from cjmctl.i18n import _
from cjmctl.importers import research_yaml
from cjmctl.journey import csvtable
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.labels import LABELS
from cjmctl.journey.messages import Suggestions
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.journey.slugs import slugify

# Column names as headers write them, in English and Russian: data compared, never said.
COLUMNS = {
    "date": ("date", "visit date", "дата", "дата визита", "дата проверки"),  # i18n: not shown
    "outlet": (
        "outlet", "branch", "store", "shop", "location",
        "филиал", "точка продаж", "отделение", "магазин", "точка",
    ),
    "touchpoint": (
        "touchpoint", "touch point",  # i18n: not shown
        "точка контакта", "точка касания", "этап визита",
    ),
    "criterion": ("criterion", "question", "критерий", "вопрос", "пункт чек-листа"),
    "score": ("score", "result", "value", "оценка", "балл", "баллы", "результат"),
    "comment": ("comment", "comments", "note", "комментарий", "примечание"),
}  # fmt: skip
REQUIRED = ("date", "outlet", "touchpoint", "criterion", "score")
YES = frozenset({"yes", "y", "true", "да", "д", "+"})
NO = frozenset({"no", "n", "false", "нет", "н", "-"})
"""Words for a yes/no result; 1 and 0 are one too where a criterion has no other points."""
_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


@dataclass(frozen=True, slots=True)
class Wave:
    """What the import gives: the research entry as YAML, and what it holds."""

    yaml: str
    entry_id: str
    visits: int
    outlets: int
    rows: int


@dataclass(slots=True)
class _Visit:
    outlet: str
    day: date
    results: dict[str, dict[str, bool | int]]
    notes: list[str]
    first: dict[tuple[str, str], csvtable.Cell]
    """Where each (touchpoint, criterion) result was first given, for a repeated row."""


class _Names:
    """A kind of journey part, found by its id or by its name (case and spaces ignored).

    `kind` is the journey's word for it (`outlet`, the column and path name); `listed` says the
    ids it has, with `{ids}`, in the user's language.
    """

    def __init__(self, kind: str, parts: Iterable[tuple[str, str]], listed: str = "") -> None:
        self.kind = kind
        self.listed = listed
        self.by_key: dict[str, str] = {}
        self.written: dict[str, str] = {}
        """How the journey writes each key: a suggestion quotes the name as written."""
        for part_id, name in parts:
            self.by_key.setdefault(part_id, part_id)
            self.by_key.setdefault(csvtable.key(name), part_id)
            self.written.setdefault(part_id, part_id)
            self.written.setdefault(csvtable.key(name), " ".join(name.split()))
        self.suggestions = Suggestions(self.by_key)

    def find(self, text: str) -> str | None:
        return self.by_key.get(text.strip()) or self.by_key.get(csvtable.key(text))

    def hint(self, text: str, where: str) -> str:
        close = self.suggestions.closest(csvtable.key(text))
        if close:
            return _("did you mean {name!r}?").format(name=shorten(self.written[close]))
        ids = list(dict.fromkeys(self.by_key.values()))
        if not ids:
            return where
        more = ", …" if len(ids) > 10 else ""
        return self.listed.format(ids=", ".join(shorten(i) for i in ids[:10]) + more)


def import_audit(
    table: csvtable.Table,
    journey: Journey,
    *,
    entry_id: str | None = None,
    title: str | None = None,
    study: str | None = None,
    wave: str | None = None,
) -> Wave:
    """Turn an agency's visits into one research entry of `journey`, as YAML to paste.

    Raises:
        JourneyError: every problem of the file, each at its row and column.
    """
    columns, found = csvtable.columns(table, COLUMNS, REQUIRED, _("an audit export"))
    if found:
        raise JourneyError(found)
    found += table.beyond
    outlets = _Names(
        "outlet", ((o.id, o.name) for o in journey.outlets), _("the journey's outlets are: {ids}")
    )
    touchpoints = {tp.id: tp for _stage, tp in journey.touchpoints()}
    points = _Names(
        "touchpoint",
        ((tp.id, tp.name) for tp in touchpoints.values()),
        _("the journey's touchpoints are: {ids}"),
    )
    visits: dict[tuple[str, date], _Visit] = {}
    reading = _Reading(table, columns, outlets, points, touchpoints, visits, found, {})
    for row in table.rows:
        _row(reading, row)
    _yes_or_no(reading)
    if not found and not visits:
        found.append(
            table.problem(table.header[0], _("the file has no visits"), _("one row per criterion"))
        )
    if found:
        raise JourneyError(found)
    ordered = sorted(visits.values(), key=lambda v: v.day)  # stable: file order within a day
    last = ordered[-1].day
    study = study or _study(journey)
    wave = wave or f"{last.year} Q{(last.month - 1) // 3 + 1}"
    entry_id = entry_id or _free_id(journey, slugify(f"{study}-{wave}"))
    entry = {
        "id": entry_id,
        "kind": "mystery_shopping",
        "title": title or f"{LABELS[journey.locale]['mystery_shopping']}, {wave}",
        "date": last,
        "sample": len(ordered),
        "study": study,
        "wave": wave,
        "visits": [
            {"outlet": v.outlet, "date": v.day, "results": v.results}
            | ({"notes": v.notes} if v.notes else {})
            for v in ordered
        ],
    }
    indented = research_yaml(entry)
    outlet_count = len({v.outlet for v in ordered})
    return Wave(indented, entry_id, len(ordered), outlet_count, len(table.rows))


@dataclass(slots=True)
class _Reading:
    """What checking a row needs: the file, its columns, the journey's parts, and the results."""

    table: csvtable.Table
    columns: dict[str, int]
    outlets: _Names
    points: _Names
    touchpoints: dict[str, Touchpoint]
    visits: dict[tuple[str, date], _Visit]
    found: list[Diagnostic]
    scored: dict[tuple[str, str], list[tuple[csvtable.Cell, bool | int, _Visit]]]
    """Per (touchpoint, criterion), each result with its cell and visit, in file order."""


def _row(reading: _Reading, row: list[csvtable.Cell]) -> None:
    """Check one row and add its result to its visit; report each problem to `found`."""
    table, columns, found = reading.table, reading.columns, reading.found
    outlets, points, touchpoints = reading.outlets, reading.points, reading.touchpoints
    cells = csvtable.filled(table, row, columns, _empty())
    if isinstance(cells, Diagnostic):
        found.append(cells)
        return
    before = len(found)
    day = _day(cells["date"].text)
    if day is None:
        found.append(
            table.problem(
                cells["date"],
                _("{text!r} is not a date").format(text=shorten(cells["date"].text)),
                _("write the day of the visit as 2026-05-12 or 12.05.2026"),
                path="date",
            )
        )
    outlet = outlets.find(cells["outlet"].text)
    if outlet is None:
        message = _("{text!r} is not the id or the name of an outlet of the journey")
        hint = _("declare it under `outlets:`")
        found.append(_unknown(table, cells["outlet"], outlets, message, hint))
    tp_id = points.find(cells["touchpoint"].text)
    criterion = None
    if tp_id is None:
        message = _("{text!r} is not the id or the name of a touchpoint of the journey")
        found.append(_unknown(table, cells["touchpoint"], points, message, _("add it to a stage")))
    else:
        criterion = _criterion(table, cells["criterion"], touchpoints[tp_id], found)
    result = _result(cells["score"].text)
    if result is None:
        found.append(
            table.problem(
                cells["score"],
                _("{text!r} is not a score").format(text=shorten(cells["score"].text)),
                _("write a whole number from 0 to 100, or yes/no (да/нет, 1/0, true/false)"),
                path="score",
            )
        )
    if len(found) > before or day is None or outlet is None or tp_id is None:
        return
    assert criterion is not None
    assert result is not None
    visit = reading.visits.setdefault((outlet, day), _Visit(outlet, day, {}, [], {}))
    first = visit.first.get((tp_id, criterion))
    if first is not None:
        found.append(
            table.problem(
                cells["criterion"],
                _(
                    "a second result for {criterion!r} of {touchpoint!r} in the visit "
                    "to {outlet!r} on {date}"
                ).format(
                    criterion=shorten(criterion),
                    touchpoint=shorten(tp_id),
                    outlet=shorten(outlet),
                    date=day.isoformat(),
                ),
                _("the first is at {place}; keep one").format(
                    place=f"{table.name}:{first.line}:{first.column}"
                ),
                path="criterion",
            )
        )
        return
    visit.first[tp_id, criterion] = cells["criterion"]
    visit.results.setdefault(tp_id, {})[criterion] = result
    reading.scored.setdefault((tp_id, criterion), []).append((cells["score"], result, visit))
    note = columns.get("comment")
    comment = " ".join(csvtable.cell(row, note).text.split()) if note is not None else ""
    if comment and comment not in visit.notes:
        visit.notes.append(comment)


def _empty() -> dict[str, str]:
    """The hint for each column a row must fill, in the user's language."""
    return {
        "date": _("write the day of the visit: 2026-05-12 or 12.05.2026"),
        "outlet": _("write the id or the name of one of the journey's outlets"),
        "touchpoint": _("write the id or the name of one of the journey's touchpoints"),
        "criterion": _("write the id or the name of a criterion of the touchpoint's checklist"),
        "score": _(
            "write the result: 0..100, or yes/no; a row without one does not belong in the file"
        ),
    }


def _yes_or_no(reading: _Reading) -> None:
    """Make 1 and 0 yes and no where every result of their criterion is one of these.

    A criterion is scored one way in a file: in points (0..100) or yes/no. Its 1s are a yes
    only when each of its results is 0, 1 or a word (yes, да, +...); else they are points, and
    a word among points is an error, at the word.
    """
    for (tp_id, criterion), results in reading.scored.items():
        points = [
            cell for cell, r, _visit in results if not isinstance(r, bool) and r not in (0, 1)
        ]
        if not points:
            for _cell, result, visit in results:
                visit.results[tp_id][criterion] = bool(result)
            continue
        shown = f"{reading.table.name}:{points[0].line}:{points[0].column}"
        message = _(
            "{text!r} is a yes/no result, but {criterion!r} of {touchpoint!r} is scored in "
            "points in this file (as at {place})"
        )
        hint = _("write every result of a criterion in points 0..100, or every one as yes/no")
        reading.found += [
            reading.table.problem(
                cell,
                message.format(
                    text=shorten(cell.text.strip()),
                    criterion=shorten(criterion),
                    touchpoint=shorten(tp_id),
                    place=shown,
                ),
                hint,
                path="score",
            )
            for cell, result, _visit in results
            if isinstance(result, bool)
        ]


def _unknown(
    table: csvtable.Table, cell: csvtable.Cell, names: _Names, message: str, where: str
) -> Diagnostic:
    """`message` (with `{text!r}`) at a cell that names no part; the hint suggests one."""
    return table.problem(
        cell,
        message.format(text=shorten(cell.text.strip())),
        names.hint(cell.text, where),
        path=names.kind,
    )


def _criterion(
    table: csvtable.Table, cell: csvtable.Cell, tp: Touchpoint, found: list[Diagnostic]
) -> str | None:
    criteria = _Names("criterion", ((c.id, c.name) for c in tp.checklist))
    criterion = criteria.find(cell.text)
    if criterion is not None:
        return criterion
    written = " ".join(cell.text.split())
    close = criteria.suggestions.closest(csvtable.key(written))
    entry = {"id": slugify(written) or "criterion", "name": written}
    add = yaml.safe_dump([entry], allow_unicode=True, default_flow_style=True, width=10**6)
    entry_text = shorten(add.strip()[1:-1])
    hint = (
        _("did you mean {name!r}? else add it to the checklist of {touchpoint!r}: {entry}").format(
            name=shorten(criteria.written[close]), touchpoint=shorten(tp.id), entry=entry_text
        )
        if close
        else _("add it to the checklist of {touchpoint!r}: {entry}").format(
            touchpoint=shorten(tp.id), entry=entry_text
        )
    )
    found.append(
        table.problem(
            cell,
            _("{text!r} is not a criterion of the checklist of touchpoint {touchpoint!r}").format(
                text=shorten(written), touchpoint=shorten(tp.id)
            ),
            hint,
            path="criterion",
        )
    )
    return None


def _day(text: str) -> date | None:
    match = _DAY.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day = match.group(1, 2, 3) if match.group(1) else (match[6], match[5], match[4])
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def _result(text: str) -> bool | int | None:
    written = text.strip().casefold()
    if written in YES:
        return True
    if written in NO:
        return False
    if written.isascii() and written.isdigit() and int(written) <= 100:
        return int(written)
    return None


def _study(journey: Journey) -> str:
    """The one audit study the journey has, else `audit`."""
    studies = {e.study for e in journey.research if e.kind == "mystery_shopping" and e.study}
    return studies.pop() if len(studies) == 1 else "audit"


def _free_id(journey: Journey, wanted: str) -> str:
    taken = {r.id for r in journey.research}
    candidate, n = wanted, 2
    while candidate in taken:
        candidate, n = f"{wanted}-{n}", n + 1
    return candidate
