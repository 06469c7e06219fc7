"""Survey exports (a Google Forms CSV) -> one research entry: ratings, scores and reasons.

A survey tool writes one row per respondent: a timestamp, one answer column per question, a
free-text "why did you not buy" column, perhaps a checkbox column whose answers Forms joins
with ", ". A small mapping file, YAML, says which column is which:

    scale: [1, 5]                      # the answers of every rating question
    touchpoints:                       # column header -> touchpoint id
      "How easy was the pick-up?": pickup
    reasons: "Why did you not buy?"    # optional: the column of reasons
    reasons_split: ", "                # optional: a checkbox column, answers joined by this
    timestamp: "Timestamp"             # optional: the entry's date is the latest one

Headers are compared ignoring case and surrounding spaces. Every answer that cannot be
counted is an error at its `file.csv:line:column`, every bad mapping entry at its line in the
mapping; an empty rating cell is a respondent who skipped the question, counted apart.
The entry is written as YAML to paste under a journey's `research:`, after a comment that
says so in the journey's language (its `locale`, not the user's: the comment lives in the file).
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from cjmctl import i18n
from cjmctl.i18n import N_, _, ngettext
from cjmctl.importers import research_yaml
from cjmctl.journey import csvtable, yamltree
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.messages import Suggestions
from cjmctl.journey.research import rating_scores
from cjmctl.journey.slugs import SLUG_PATTERN

KEYS = ("scale", "touchpoints", "reasons", "reasons_split", "timestamp")
MAX_SCALE = 101
"""Answers a scale may have: 0..100 is the widest rating any survey tool offers."""
_SLUG = re.compile(SLUG_PATTERN)
_WHOLE = re.compile(r"[-+]?\d{1,12}")
_DECIMAL = re.compile(r"[-+]?(\d+[.,]\d*|[.,]\d+)")
# Dates as survey tools write timestamps: 2026/09/14 10:32:11 AM GMT+3 (Forms' download),
# 2026-09-14T10:32, 14.09.2026 10:32:11 (a Russian Sheets export), 9/14/2026 10:32 (US).
_YMD = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?=$|[\sT,])")
_DMY = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?=$|[\s,])")
_MDY = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})(?=$|[\s,])")


def _date_hint() -> str:
    return _(
        "write it as 2026-09-14, 2026/09/14, 14.09.2026 or 9/14/2026 (month first); or leave "
        "`timestamp:` out of the mapping and give --date"
    )


@dataclass(frozen=True, slots=True)
class Mapped:
    """A column the mapping names, and where the mapping names it."""

    header: str
    line: int
    column: int
    touchpoint: str = ""


@dataclass(frozen=True, slots=True)
class Mapping:
    """A read mapping file."""

    name: str
    scale: tuple[int, int]
    touchpoints: list[Mapped]
    reasons: Mapped | None = None
    split: str | None = None
    timestamp: Mapped | None = None

    def problem(self, at: Mapped, message: str, hint: str) -> Diagnostic:
        """A diagnostic at the mapping entry `at`."""
        return Diagnostic(self.name, at.line, at.column, message, "", hint, "error", "mapping")


@dataclass(slots=True)
class Survey:
    """What the responses add up to."""

    respondents: int
    scale: tuple[int, int]
    ratings: dict[str, list[int]]
    skipped: dict[str, int]
    """Per touchpoint, respondents who left its question empty."""
    reasons: list[tuple[str, int]] = field(default_factory=list)
    latest: date | None = None

    def scores(self) -> dict[str, int]:
        """The mean answer per touchpoint on 0..100, rounded half up; none without answers."""
        return {k: math.floor(v + 0.5) for k, v in rating_scores(self.scale, self.ratings).items()}


def read_mapping(text: str, name: str, touchpoints: Iterable[str] | None = None) -> Mapping:
    """Read a mapping file; `touchpoints`: the journey's ids, which the mapping must name.

    Raises:
        JourneyError: every problem of the file, each at its line and column.
    """
    try:
        value, source, problems = yamltree.parse(text)
    except yamltree.YamlError as error:
        raise JourneyError([_yaml(name, p) for p in error.problems]) from None
    found = [_yaml(name, p) for p in problems]
    if not isinstance(value, dict):
        found.append(
            Diagnostic(
                name,
                source.line,
                source.column,
                _("a survey mapping is a mapping of keys to values"),
                "",
                _example(),
            )
        )
        raise JourneyError(found)

    def at(key: str, inner: str | None = None) -> Mapped:
        line, column = source.keys[key]
        if inner is not None:
            line, column = source.entries[key].keys[inner]
        return Mapped(inner if inner is not None else str(value[key]), line, column)

    def fail(where: Mapped, message: str, hint: str) -> None:
        found.append(Diagnostic(name, where.line, where.column, message, "", hint, "error"))

    for key in value:
        if key not in KEYS:
            close = Suggestions(KEYS).closest(str(key))
            keys = ", ".join(KEYS)
            fail(
                at(key),
                _("unknown key {key!r} in a survey mapping").format(key=shorten(str(key))),
                _("did you mean {close!r}? the keys are {keys}").format(close=close, keys=keys)
                if close
                else _("the keys are {keys}").format(keys=keys),
            )
    scale = _scale(value.get("scale"))
    if scale is None and "scale" in value:
        fail(
            at("scale"),
            _("`scale` is [lowest, highest]: two whole numbers, the lowest first"),
            _("e.g. `scale: [1, 5]`; a rating question's answers"),
        )
    elif scale is None:
        fail(
            Mapped("", source.line, source.column),
            _("the mapping has no `scale:`"),
            _("add `scale: [1, 5]`: the lowest and highest answer of the rating questions"),
        )
    given = value.get("touchpoints")
    if not isinstance(given, dict) or not given:
        where = at("touchpoints") if "touchpoints" in value else Mapped("", 1, 1)
        fail(
            where,
            _("the mapping needs `touchpoints:`, column headers to touchpoint ids"),
            _('e.g. `touchpoints: {{"How easy was the pick-up?": pickup}}`').format(),
        )
        given = {}
    columns = _touchpoints(name, given, at, found, touchpoints)
    texts: dict[str, Mapped | None] = {}
    for key in ("reasons", "reasons_split", "timestamp"):
        texts[key] = None
        if key in value:
            if isinstance(value[key], str) and value[key].strip():
                texts[key] = at(key)
            elif key == "reasons_split":
                fail(
                    at(key),
                    _("`reasons_split` is the text between two answers"),
                    _("Google Forms joins the answers of a checkbox question with ', '"),
                )
            else:
                fail(
                    at(key), _("`{key}` is the text of a column header").format(key=key), _example()
                )
    split = texts["reasons_split"]
    if split is not None and texts["reasons"] is None:
        fail(
            split,
            _("`reasons_split` without `reasons`"),
            _("name the reasons column in `reasons:`"),
        )
    if found:
        raise JourneyError(sorted(found))
    assert scale is not None
    return Mapping(
        name,
        scale,
        columns,
        texts["reasons"],
        split.header if split else None,
        texts["timestamp"],
    )


def _touchpoints(
    name: str,
    given: dict[str, object],
    at: Callable[[str, str], Mapped],
    found: list[Diagnostic],
    touchpoints: Iterable[str] | None,
) -> list[Mapped]:
    """The `touchpoints:` entries that name a touchpoint once; problems for the others."""

    def fail(where: Mapped, message: str, hint: str) -> None:
        found.append(Diagnostic(name, where.line, where.column, message, "", hint, "error"))

    columns: list[Mapped] = []
    known = set(touchpoints) if touchpoints is not None else None
    ids = Suggestions(sorted(known or ()))
    seen: dict[str, Mapped] = {}
    for header, tp_id in given.items():
        where = at("touchpoints", header)
        if not isinstance(tp_id, str) or not _SLUG.match(tp_id):
            fail(
                where,
                _("{value!r} is not a touchpoint id").format(value=shorten(str(tp_id))),
                _("ids are lowercase letters, digits, '-' and '_', as in the journey"),
            )
            continue
        if known is not None and tp_id not in known:
            close = ids.closest(tp_id)
            fail(
                where,
                _("the journey has no touchpoint {id!r}").format(id=tp_id),
                _("did you mean {name!r}?").format(name=close)
                if close
                else _("use the id of one of its touchpoints"),
            )
            continue
        if tp_id in seen:
            first = seen[tp_id]
            fail(
                where,
                _("a second column for the touchpoint {id!r}").format(id=tp_id),
                _("the first is at line {line}; map one question to each touchpoint").format(
                    line=first.line
                ),
            )
            continue
        seen[tp_id] = where
        columns.append(Mapped(header, where.line, where.column, tp_id))
    return columns


def _example() -> str:
    return _('e.g. `reasons: "Why did you not buy?"`')


def _yaml(name: str, problem: yamltree.Problem) -> Diagnostic:
    return Diagnostic(name, problem.line, problem.column, problem.message, "", problem.hint)


def _scale(value: object) -> tuple[int, int] | None:
    if not isinstance(value, list) or len(value) != 2:
        return None
    low, high = value
    whole = all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    if not whole or not low < high or high - low + 1 > MAX_SCALE:
        return None
    return low, high


def _columns(table: csvtable.Table, mapping: Mapping) -> tuple[dict[str, int], list[Diagnostic]]:
    """The index of each mapped column in the table, by its header; problems at the mapping."""
    where: dict[str, list[int]] = {}
    for i, cell in enumerate(table.header):
        where.setdefault(csvtable.key(cell.text), []).append(i)
    headers = Suggestions(c.text.strip() for c in table.header)
    found: dict[str, int] = {}
    problems: list[Diagnostic] = []
    wanted = [*mapping.touchpoints, mapping.reasons, mapping.timestamp]
    for mapped in (m for m in wanted if m is not None):
        places = where.get(csvtable.key(mapped.header), [])
        if len(places) == 1:
            found[mapped.header] = places[0]
            continue
        if places:
            message = ngettext(
                "{n} column of {file} is headed {header!r}",
                "{n} columns of {file} are headed {header!r}",
                len(places),
            ).format(n=len(places), file=table.name, header=shorten(mapped.header))
            hint = _("rename the questions apart in the export, so each has its own header")
        else:
            message = _("{file} has no column {header!r}").format(
                file=table.name, header=shorten(mapped.header)
            )
            close = headers.closest(mapped.header.strip())
            hint = (
                _("did you mean {name!r}?").format(name=shorten(close))
                if close
                else _("copy the header from the CSV's first row")
            )
        problems.append(mapping.problem(mapped, message, hint))
    return found, problems


def _reason(text: str) -> str:
    return text.strip().strip("\ufeff").strip()


def summarise(table: csvtable.Table, mapping: Mapping) -> Survey:
    """Count the answers of every respondent.

    Raises:
        JourneyError: every mapping entry the table lacks, every answer that cannot be counted.
    """
    columns, found = _columns(table, mapping)
    if found:
        raise JourneyError(found)
    found += table.beyond
    low, high = mapping.scale
    survey = Survey(
        len(table.rows),
        mapping.scale,
        {m.touchpoint: [0] * (high - low + 1) for m in mapping.touchpoints},
        {m.touchpoint: 0 for m in mapping.touchpoints},
    )
    shown: dict[str, str] = {}
    counts: dict[str, int] = {}
    for row in table.rows:
        for mapped in mapping.touchpoints:
            index = columns[mapped.header]
            answer = _rating(
                table, csvtable.cell(row, index), mapping.scale, table.header[index].text, found
            )
            if answer is None:
                survey.skipped[mapped.touchpoint] += 1
            elif answer >= low:
                survey.ratings[mapped.touchpoint][answer - low] += 1
        if mapping.timestamp is not None:
            stamp = csvtable.cell(row, columns[mapping.timestamp.header])
            day = _timestamp(table, stamp, table.header[columns[mapping.timestamp.header]].text)
            if isinstance(day, Diagnostic):
                found.append(day)
            elif survey.latest is None or day > survey.latest:
                survey.latest = day
        if mapping.reasons is not None:
            text = csvtable.cell(row, columns[mapping.reasons.header]).text
            answers = text.split(mapping.split) if mapping.split else [text]
            for reason in map(_reason, answers):
                if reason:
                    key = reason.casefold()
                    shown.setdefault(key, reason)
                    counts[key] = counts.get(key, 0) + 1
    if found:
        raise JourneyError(sorted(found))
    # Most given first; sorted() is stable, so ties keep the order they first appeared in.
    survey.reasons = sorted(((shown[k], n) for k, n in counts.items()), key=lambda r: -r[1])
    return survey


def _rating(
    table: csvtable.Table,
    cell: csvtable.Cell,
    scale: tuple[int, int],
    header: str,
    found: list[Diagnostic],
) -> int | None:
    """The answer in `cell`; None if the respondent skipped it; below the scale on an error."""
    text = cell.text.strip()
    if not text:
        return None
    low, high = scale
    if not _WHOLE.fullmatch(text):
        message = (
            _("the answer {text!r} is not a whole number")
            if _DECIMAL.fullmatch(text)
            else _("the answer {text!r} is not a number")
        ).format(text=shorten(text))
        found.append(table.problem(cell, message, _rating_hint(scale), path=header))
        return low - 1
    answer = int(text)
    if not low <= answer <= high:
        found.append(
            table.problem(
                cell,
                _("the answer {answer} is outside the scale [{low}, {high}]").format(
                    answer=answer, low=low, high=high
                ),
                _(
                    "is `scale:` in the mapping right? a rating is a whole number from {low} "
                    "to {high}, or empty if skipped"
                ).format(low=low, high=high),
                path=header,
            )
        )
        return low - 1
    return answer


def _rating_hint(scale: tuple[int, int]) -> str:
    return _("a rating is a whole number from {low} to {high}, or empty if skipped").format(
        low=scale[0], high=scale[1]
    )


def _timestamp(table: csvtable.Table, cell: csvtable.Cell, header: str) -> date | Diagnostic:
    text = cell.text.strip()
    for pattern, order in ((_YMD, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        match = pattern.match(text)
        if match:
            parts = dict(zip(order, map(int, match.groups()), strict=True))
            try:
                return date(parts["y"], parts["m"], parts["d"])
            except ValueError:
                message = _("the timestamp {text!r} names no day of the calendar").format(
                    text=shorten(text)
                )
                return table.problem(cell, message, _date_hint(), path=header)
    message = (
        _("the timestamp {text!r} cannot be read as a date").format(text=shorten(text))
        if text
        else _("the timestamp is empty")
    )
    return table.problem(cell, message, _date_hint(), path=header)


_PASTE = N_("A survey entry from cjmctl import survey: paste it under `research:` in the journey.")
"""The comment above the entry: in the journey's locale, since it is written into the file."""
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def locale_of(mapping: Mapping, survey: Survey, title: str) -> str:
    """The locale of the journey the entry is for, as its texts show when no journey is given.

    Russian where the title, a mapped header or a reason is written in Cyrillic, as the Mermaid
    importer decides; else English.
    """
    texts = [title, *(m.header for m in mapping.touchpoints), *(r for r, _n in survey.reasons)]
    return "ru" if any(_CYRILLIC.search(text) for text in texts) else "en"


def _in_locale(message: str, locale: str) -> str:
    """`message` in the journey's `locale` (not the user's language), from the same catalog."""
    if locale == "en":
        return message
    catalog = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=[locale], fallback=True)
    return catalog.gettext(message)


def to_yaml(survey: Survey, *, entry_id: str, title: str, day: date, locale: str = "en") -> str:
    """The survey as one research entry, indented to paste under a journey's `research:`.

    `locale` is the journey's: the comment above the entry is written in it.
    """
    entry: dict[str, object] = {
        "id": entry_id,
        "kind": "survey",
        "title": title,
        "date": day,
        "sample": survey.respondents,
        "scale": list(survey.scale),
    }
    if survey.ratings:
        entry["ratings"] = survey.ratings
    scores = survey.scores()
    if scores:
        entry["scores"] = scores
    if survey.reasons:
        entry["reasons"] = [{"reason": r, "count": n} for r, n in survey.reasons]
    return f"# {_in_locale(_PASTE, locale)}\n" + research_yaml(entry)
