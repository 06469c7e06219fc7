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

from cjmctl.importers import research_yaml
from cjmctl.journey import csvtable
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.labels import LABELS
from cjmctl.journey.messages import Suggestions
from cjmctl.journey.model import Journey, Touchpoint
from cjmctl.journey.slugs import slugify

COLUMNS = {
    "date": ("date", "visit date", "дата", "дата визита", "дата проверки"),
    "outlet": (
        "outlet", "branch", "store", "shop", "location",
        "филиал", "точка продаж", "отделение", "магазин", "точка",
    ),
    "touchpoint": ("touchpoint", "touch point", "точка контакта", "точка касания", "этап визита"),
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
    """A kind of journey part, found by its id or by its name (case and spaces ignored)."""

    def __init__(self, kind: str, parts: Iterable[tuple[str, str]]) -> None:
        self.kind = kind
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
            return f"did you mean {shorten(self.written[close])!r}?"
        ids = list(dict.fromkeys(self.by_key.values()))
        if not ids:
            return where
        more = ", …" if len(ids) > 10 else ""
        return f"the journey's {self.kind}s are: " + ", ".join(shorten(i) for i in ids[:10]) + more


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
    columns, found = csvtable.columns(table, COLUMNS, REQUIRED, "an audit export")
    if found:
        raise JourneyError(found)
    found += table.beyond
    outlets = _Names("outlet", ((o.id, o.name) for o in journey.outlets))
    touchpoints = {tp.id: tp for _, tp in journey.touchpoints()}
    points = _Names("touchpoint", ((tp.id, tp.name) for tp in touchpoints.values()))
    visits: dict[tuple[str, date], _Visit] = {}
    reading = _Reading(table, columns, outlets, points, touchpoints, visits, found, {})
    for row in table.rows:
        _row(reading, row)
    _yes_or_no(reading)
    if not found and not visits:
        found.append(
            table.problem(table.header[0], "the file has no visits", "one row per criterion")
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
    cells = csvtable.filled(table, row, columns, _EMPTY)
    if isinstance(cells, Diagnostic):
        found.append(cells)
        return
    before = len(found)
    day = _day(cells["date"].text)
    if day is None:
        found.append(
            table.problem(
                cells["date"],
                f"{shorten(cells['date'].text)!r} is not a date",
                "write the day of the visit as 2026-05-12 or 12.05.2026",
                path="date",
            )
        )
    outlet = outlets.find(cells["outlet"].text)
    if outlet is None:
        found.append(_unknown(table, cells["outlet"], outlets, "declare it under `outlets:`"))
    tp_id = points.find(cells["touchpoint"].text)
    criterion = None
    if tp_id is None:
        found.append(_unknown(table, cells["touchpoint"], points, "add it to a stage"))
    else:
        criterion = _criterion(table, cells["criterion"], touchpoints[tp_id], found)
    result = _result(cells["score"].text)
    if result is None:
        found.append(
            table.problem(
                cells["score"],
                f"{shorten(cells['score'].text)!r} is not a score",
                "write a whole number from 0 to 100, or yes/no (да/нет, 1/0, true/false)",
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
                f"a second result for {shorten(criterion)!r} of {shorten(tp_id)!r} in the visit "
                f"to {shorten(outlet)!r} on {day.isoformat()}",
                f"the first is at {table.name}:{first.line}:{first.column}; keep one",
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


_EMPTY = {
    "date": "write the day of the visit: 2026-05-12 or 12.05.2026",
    "outlet": "write the id or the name of one of the journey's outlets",
    "touchpoint": "write the id or the name of one of the journey's touchpoints",
    "criterion": "write the id or the name of a criterion of the touchpoint's checklist",
    "score": "write the result: 0..100, or yes/no; a row without one does not belong in the file",
}


def _yes_or_no(reading: _Reading) -> None:
    """Make 1 and 0 yes and no where every result of their criterion is one of these.

    A criterion is scored one way in a file: in points (0..100) or yes/no. Its 1s are a yes
    only when each of its results is 0, 1 or a word (yes, да, +...); else they are points, and
    a word among points is an error, at the word.
    """
    for (tp_id, criterion), results in reading.scored.items():
        points = [cell for cell, r, _ in results if not isinstance(r, bool) and r not in (0, 1)]
        if not points:
            for _, result, visit in results:
                visit.results[tp_id][criterion] = bool(result)
            continue
        shown = f"{reading.table.name}:{points[0].line}:{points[0].column}"
        reading.found += [
            reading.table.problem(
                cell,
                f"{shorten(cell.text.strip())!r} is a yes/no result, but {shorten(criterion)!r} "
                f"of {shorten(tp_id)!r} is scored in points in this file (as at {shown})",
                "write every result of a criterion in points 0..100, or every one as yes/no",
                path="score",
            )
            for cell, result, _ in results
            if isinstance(result, bool)
        ]


def _unknown(table: csvtable.Table, cell: csvtable.Cell, names: _Names, where: str) -> Diagnostic:
    article = "an" if names.kind[0] in "aeiou" else "a"
    return table.problem(
        cell,
        f"{shorten(cell.text.strip())!r} is not the id or the name of {article} {names.kind} "
        "of the journey",
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
    hint = (f"did you mean {shorten(criteria.written[close])!r}? else " if close else "") + (
        f"add it to the checklist of {shorten(tp.id)!r}: {shorten(add.strip()[1:-1])}"
    )
    found.append(
        table.problem(
            cell,
            f"{shorten(written)!r} is not a criterion of the checklist of touchpoint "
            f"{shorten(tp.id)!r}",
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
