"""Three ways to say what `semdiff` found: a terminal, a pull-request comment, and tools.

Text and Markdown name each part by its name and id and cut long texts; Markdown follows the
journey's language for the built-in words and groups field changes by part, touchpoints by
stage; JSON names parts by id and keeps every value whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass

from cjmctl.health.fieldwalk import FieldChange, Value
from cjmctl.health.semdiff import KINDS, Changes, EmotionChange, FunnelChange, PartChange
from cjmctl.i18n import number
from cjmctl.journey.diagnostics import printable, shorten
from cjmctl.journey.labels import LABELS
from cjmctl.renderers import markdown
from cjmctl.renderers.funnel import measured

# Sections in the order of the format's parts; each lists its part changes, then field changes.
_SECTIONS = {
    "journey": "diff_journey",
    "personas": "personas",
    "channels": "stats_channels",
    "stages": "stats_stages",
    "touchpoints": "stats_touchpoints",
    "emotions": "diff_emotions",
    "pains": "pains",
    "opportunities": "opportunities",
    "actions": "actions",
    "research": "research",
    "metrics": "diff_metrics",
    "outlets": "diff_outlets",
    "criteria": "diff_criteria",
    "funnel": "funnel",
}
_SECTION_OF = {
    "persona": "personas",
    "channel": "channels",
    "stage": "stages",
    "touchpoint": "touchpoints",
    "action": "actions",
    "research": "research",
    "metric": "metrics",
    "outlet": "outlets",
    "criterion": "criteria",
}
WIDTH = 60
"""Texts in text and Markdown lines are cut to this many characters (JSON keeps them whole)."""


@dataclass(frozen=True, slots=True)
class _Style:
    """How one format writes user text, ids and built-in words."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    words: Mapping[str, str]
    name: Callable[[str], str]
    locale: str
    """Whose digit grouping counts follow: the journey's, as on its map (`2 700` in Russian)."""

    def word(self, key: str) -> str:
        return self.words[f"diff_{key}"]

    def part(self, name: str, part_id: str) -> str:
        return f"{self.name(name)} ({self.code(part_id)})"

    def value(self, value: Value) -> str:
        if value is None:
            return self.word("nothing")
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int | float):
            return measured(value, self.locale)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return self.code(str(value["id"]))
        if isinstance(value, list):
            return self.text(shorten("[" + ", ".join(map(_flat, value)) + "]", WIDTH))
        return self.text(shorten(json.dumps(value, ensure_ascii=False), WIDTH))


def _flat(value: Value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _describe(c: PartChange, style: _Style, kind: str = "") -> str:
    """One part change in words; a criterion's group is its touchpoint, not a stage."""
    head, code = f"{style.word(c.change)} {style.part(c.name, c.id)}", style.code
    into, out_of = ("at", "at") if kind == "criteria" else ("in_stage", "from_stage")
    if c.change == "added":
        return head + (f" {style.word(into)} {code(str(c.new))}" if c.new else "")
    if c.change == "removed":
        return head + (f" {style.word(out_of)} {code(str(c.old))}" if c.old else "")
    if c.change == "renamed":  # both names follow
        head = f"{style.word(c.change)} {code(c.id)}"
        return f"{head}: {style.text(str(c.old))} -> {style.text(str(c.new))}"
    if c.change == "moved":
        stage = style.word("stage")
        return f"{head}: {stage} {code(str(c.old))} -> {stage} {code(str(c.new))}"
    if c.change == "reordered":
        return f"{head}: {style.word('position')} {c.old} -> {c.new}"
    return f"{head}: {c.old} -> {c.new}"


def _field(c: FieldChange, style: _Style, path: Callable[[str], str]) -> str:
    """One field change without its part: `owner: 'Logistics' -> 'Store'`."""
    what = path(c.field)
    if c.part == "touchpoint" and c.field.startswith("future."):
        # The future state's fields, named for their state: `future emotion: 1 -> 2`.
        what = f"{style.word('future')} {path(c.field.removeprefix('future.'))}"
    if c.part == "touchpoint" and c.field == "state" and c.change == "changed":
        shown = f"{style.value(c.old)} -> {style.value(c.new)}"
        return f"{what}: {shown}, {style.word('state_' + str(c.new))}"
    if c.part == "metric" and c.field.startswith("values."):
        return _metric_value(c, style, path(c.field.removeprefix("values.")))
    if c.field.rsplit(".", 1)[-1] == "next" and c.change in {"added", "removed"}:
        edge = str(c.new if c.change == "added" else c.old)
        return f"{what}: {style.word(c.change)} {style.code(f'{c.id} -> {edge}')}"
    if c.change == "added":
        return f"{what}: {style.word('added')} {style.value(c.new)}"
    if c.change == "removed":
        return f"{what}: {style.word('removed')} {style.value(c.old)}"
    shown = f"{style.value(c.old)} -> {style.value(c.new)}"
    return (
        f"{what}: {style.word('reordered')} {shown}"
        if c.change == "reordered"
        else f"{what}: {shown}"
    )


def _metric_value(c: FieldChange, style: _Style, period: str) -> str:
    """A metric's value for one period: `2026-09: 62 -> 64`, `value for 2026-10 added: 66`."""
    if c.old is None:
        return f"{style.word('value_for')} {period} {style.word('added')}: {style.value(c.new)}"
    if c.new is None:
        return f"{style.word('value_for')} {period} {style.word('removed')}: {style.value(c.old)}"
    return f"{period}: {style.value(c.old)} -> {style.value(c.new)}"


def _numbers(c: EmotionChange | FunnelChange, style: _Style) -> list[str]:
    """Before, after and the signed change: emotions as written, counts with separators."""
    numbered = [
        style.word("nothing") if v is None else number(v, style.locale) for v in (c.old, c.new)
    ]
    if c.delta is None:
        return [*numbered, ""]
    return [*numbered, ("+" if c.delta > 0 else "-") + number(abs(c.delta), style.locale)]


def _arrow(numbers: list[str]) -> str:
    old, new, delta = numbers
    return f"{old} -> {new}" + (f" ({delta})" if delta else "")


def _lines(changes: Changes, kind: str, style: _Style) -> list[str]:
    """The part changes of one section, one line each, without the fields."""
    entries = getattr(changes, kind, [])
    if kind == "emotions":
        return [
            style.part(c.name, c.touchpoint)
            + (f" {style.word('for')} {style.code(c.persona)}" if c.persona else "")
            + f": {_arrow(_numbers(c, style))}"
            for c in entries
        ]
    if kind == "funnel":
        return [f"{style.part(c.name, c.stage)}: {_arrow(_numbers(c, style))}" for c in entries]
    if kind in {"pains", "opportunities"}:
        return [
            f"{style.word(c.change)} {style.word('at')} {style.part(c.name, c.touchpoint)}: "
            + style.text(c.text)
            for c in entries
        ]
    return [_describe(c, style, kind) for c in entries]


def _by_section(changes: Changes) -> dict[str, list[FieldChange]]:
    found: dict[str, list[FieldChange]] = {}
    for c in changes.fields:
        found.setdefault(_SECTION_OF.get(c.part, "journey"), []).append(c)
    return found


def _plain(text: str) -> str:
    return printable(repr(shorten(text, WIDTH)))


def _quoted(name: str) -> str:
    return f'"{printable(shorten(name, WIDTH))}"'


def format_text(changes: Changes) -> str:
    """Plain text for a terminal: one section per kind of part, one line per change.

    The words are English, as all of cjmctl's terminal output; counts are grouped as the
    journey's locale groups them, as its map and `stats` show them.
    """
    if changes.empty:
        return "no changes"
    style = _Style(_plain, str, LABELS["en"], _quoted, changes.locale)
    lines: list[str] = []
    details = _by_section(changes)
    for kind, title in _SECTIONS.items():
        entries = _lines(changes, kind, style) + [
            (f"{style.part(c.name, c.id)}: " if c.id is not None else "") + _field(c, style, str)
            for c in details.get(kind, [])
        ]
        lines += [LABELS["en"][title], *(f"  {e}" for e in entries)] if entries else []
    return "\n".join(lines)


def _md(text: str) -> str:
    """User text as one line of literal Markdown that mentions no one, controls shown escaped."""
    return markdown.text(printable(shorten(" ".join(text.split()), WIDTH)))


def _code(slug: str) -> str:
    return f"`{slug}`"


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table whose last three columns are numbers, aligned right."""
    align = ["---"] * (len(head) - 3) + ["---:"] * 3
    return ["| " + " | ".join(cells) + " |" for cells in (head, align, *rows)]


def _md_fields(
    entries: list[FieldChange], style: _Style, stage_of: Mapping[str, tuple[str, str]]
) -> list[str]:
    """Field changes as a bullet per part, a sub-bullet per field; touchpoints by stage."""
    out: list[str] = []
    stage: tuple[str, str] | None = None
    for i, c in enumerate(entries):
        if c.id is None:
            out.append(f"- {_field(c, style, _code)}")
            continue
        if c.part == "touchpoint" and stage_of.get(c.id) not in {stage, None}:
            stage = stage_of[c.id]
            out += ["", f"#### {style.part(stage[1], stage[0])}", ""]
        if i == 0 or (entries[i - 1].part, entries[i - 1].id) != (c.part, c.id):
            out.append(f"- {style.part(c.name, c.id)}")
        out.append(f"  - {_field(c, style, _code)}")
    return out


def format_markdown(changes: Changes) -> str:
    """Markdown for a pull-request comment, in the journey's language for the built-in words.

    A section per kind of part; within it the parts added, removed, renamed or moved, then each
    changed part with a line per field, touchpoints grouped by stage; numbers in tables.
    """
    words = LABELS.get(changes.locale, LABELS["en"])
    style = _Style(_md, _code, words, _md, changes.locale)
    out = [f"## {words['diff_title']}", ""]
    if changes.empty:
        return "\n".join([*out, words["diff_none"]])
    details = _by_section(changes)
    head = [style.word("before"), style.word("after"), style.word("change")]
    for kind, title in _SECTIONS.items():
        entries = getattr(changes, kind, [])
        if not entries and not details.get(kind):
            continue
        out += [f"### {words[title]}", ""]
        if kind == "emotions":
            rows = [
                [f"{_code(c.touchpoint)} {_md(c.name)}", c.persona or "", *_numbers(c, style)]
                for c in entries
            ]
            out += _table([words["touchpoint"], style.word("persona"), *head], rows)
        elif kind == "funnel":
            rows = [[f"{_code(c.stage)} {_md(c.name)}", *_numbers(c, style)] for c in entries]
            out += _table([words["stage"], *head], rows)
        else:
            out += [f"- {line}" for line in _lines(changes, kind, style)]
        if entries and details.get(kind):
            out.append("")
        out += _md_fields(details.get(kind, []), style, changes.stage_of)
        out.append("")
    # A stage's heading opens with a blank line, which may follow one already there.
    out = [line for i, line in enumerate(out) if line or out[i - 1]]
    return "\n".join(out[:-1])


def format_json(changes: Changes) -> str:
    """One JSON document with a list per kind of change, keys in a fixed order.

    Parts are named by id; a field change has the part's kind, id and name, the field's path
    and its old and new values.
    """
    document = {kind: [asdict(c) for c in getattr(changes, kind)] for kind in KINDS}
    return json.dumps(document, ensure_ascii=False, indent=2)
