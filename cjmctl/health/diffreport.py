"""Three ways to say what `semdiff` found: a terminal, a pull-request comment, and tools.

Text and Markdown name each part by its name and id and cut long texts, in the user's
language (values quoted from the file stay as written); Markdown groups field changes by part,
touchpoints by stage; JSON names parts by id and keeps every value whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from datetime import date

from cjmctl.health.fieldwalk import Day, FieldChange, Value
from cjmctl.health.semdiff import KINDS, Changes, EmotionChange, FunnelChange, PartChange
from cjmctl.i18n import _, language, long_date, number
from cjmctl.journey.diagnostics import printable, shorten
from cjmctl.renderers import markdowntext
from cjmctl.renderers.funnel import measured


def _titles() -> dict[str, str]:
    """Sections in the order of the format's parts; each lists its part changes, then fields."""
    return {
        "journey": _("Journey"),
        "personas": _("Personas"),
        "channels": _("Channels"),
        "stages": _("Stages"),
        "touchpoints": _("Touchpoints"),
        "emotions": _("Emotions"),
        "pains": _("Pains"),
        "opportunities": _("Opportunities"),
        "actions": _("Actions"),
        "research": _("Research"),
        "metrics": _("Metrics"),
        "outlets": _("Outlets"),
        "criteria": _("Checklist criteria"),
        "funnel": _("Funnel"),
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
    """How one format writes user text, ids and names; numbers follow the user's language."""

    text: Callable[[str], str]
    code: Callable[[str], str]
    name: Callable[[str], str]

    def part(self, name: str, part_id: str) -> str:
        return f"{self.name(name)} ({self.code(part_id)})"

    def value(self, value: Value) -> str:
        if value is None:
            return _("none")
        if isinstance(value, bool):
            return str(value).lower()
        if isinstance(value, int | float):
            return measured(value, language())
        if isinstance(value, Day):
            return long_date(date.fromisoformat(value), language())
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return self.code(str(value["id"]))
        if isinstance(value, list):
            return self.text(shorten("[" + ", ".join(map(_flat, value)) + "]", WIDTH))
        return self.text(shorten(json.dumps(value, ensure_ascii=False), WIDTH))


def _flat(value: Value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _placed(c: PartChange, style: _Style, kind: str) -> str:
    """A part added or removed, with the stage (a criterion: the touchpoint) it was in."""
    part, code = style.part(c.name, c.id), style.code
    if c.change == "added":
        if not c.new:
            return _("added {part}").format(part=part)
        if kind == "criteria":
            return _("added {part} at {touchpoint}").format(part=part, touchpoint=code(str(c.new)))
        return _("added {part} in stage {stage}").format(part=part, stage=code(str(c.new)))
    if not c.old:
        return _("removed {part}").format(part=part)
    if kind == "criteria":
        return _("removed {part} at {touchpoint}").format(part=part, touchpoint=code(str(c.old)))
    return _("removed {part} from stage {stage}").format(part=part, stage=code(str(c.old)))


def _describe(c: PartChange, style: _Style, kind: str = "") -> str:
    """One part change in words; a criterion's group is its touchpoint, not a stage."""
    code = style.code
    if c.change in {"added", "removed"}:
        return _placed(c, style, kind)
    if c.change == "renamed":  # both names follow
        return _("renamed {id}: {old} -> {new}").format(
            id=code(c.id), old=style.text(str(c.old)), new=style.text(str(c.new))
        )
    part = style.part(c.name, c.id)
    if c.change == "moved":
        return _("moved {part}: stage {old} -> stage {new}").format(
            part=part, old=code(str(c.old)), new=code(str(c.new))
        )
    if c.change == "reordered":
        return _("reordered {part}: position {old} -> {new}").format(
            part=part, old=c.old, new=c.new
        )
    return _("status {part}: {old} -> {new}").format(part=part, old=c.old, new=c.new)


def _state(c: FieldChange, what: str, style: _Style) -> str:
    """A touchpoint's `state` changed, and what that means now."""
    named = {"field": what, "old": style.value(c.old), "new": style.value(c.new)}
    if c.new == "current":
        return _("{field}: {old} -> {new}, now removed in the future state").format(**named)
    if c.new == "future":
        return _("{field}: {old} -> {new}, now added in the future state").format(**named)
    return _("{field}: {old} -> {new}, now in both states").format(**named)


def _field(c: FieldChange, style: _Style, path: Callable[[str], str]) -> str:
    """One field change without its part: `owner: 'Logistics' -> 'Store'`."""
    what = path(c.field)
    if c.part == "touchpoint" and c.field.startswith("future."):
        # The future state's fields, named for their state: `future emotion: 1 -> 2`.
        what = _("future {field}").format(field=path(c.field.removeprefix("future.")))
    if c.part == "touchpoint" and c.field == "state" and c.change == "changed":
        return _state(c, what, style)
    if c.part == "metric" and c.field.startswith("values."):
        return _metric_value(c, style, path(c.field.removeprefix("values.")))
    if c.field.rsplit(".", 1)[-1] == "next" and c.change in {"added", "removed"}:
        edge = str(c.new if c.change == "added" else c.old)
        step = style.code(f"{c.id} -> {edge}")
        if c.change == "added":
            return _("{field}: added {value}").format(field=what, value=step)
        return _("{field}: removed {value}").format(field=what, value=step)
    if c.change == "added":
        return _("{field}: added {value}").format(field=what, value=style.value(c.new))
    if c.change == "removed":
        return _("{field}: removed {value}").format(field=what, value=style.value(c.old))
    old, new = style.value(c.old), style.value(c.new)
    if c.change == "reordered":
        return _("{field}: reordered {old} -> {new}").format(field=what, old=old, new=new)
    return f"{what}: {old} -> {new}"


def _metric_value(c: FieldChange, style: _Style, period: str) -> str:
    """A metric's value for one period: `2026-09: 62 -> 64`, `value for 2026-10 added: 66`."""
    if c.old is None:
        return _("value for {period} added: {value}").format(
            period=period, value=style.value(c.new)
        )
    if c.new is None:
        return _("value for {period} removed: {value}").format(
            period=period, value=style.value(c.old)
        )
    return f"{period}: {style.value(c.old)} -> {style.value(c.new)}"


def _numbers(c: EmotionChange | FunnelChange) -> list[str]:
    """Before, after and the signed change: emotions as written, counts with separators."""
    lang = language()
    numbered = [_("none") if v is None else number(v, lang) for v in (c.old, c.new)]
    if c.delta is None:
        return [*numbered, ""]
    return [*numbered, ("+" if c.delta > 0 else "-") + number(abs(c.delta), lang)]


def _arrow(numbers: list[str]) -> str:
    old, new, delta = numbers
    return f"{old} -> {new}" + (f" ({delta})" if delta else "")


def _lines(changes: Changes, kind: str, style: _Style) -> list[str]:
    """The part changes of one section, one line each, without the fields."""
    entries = getattr(changes, kind, [])
    if kind == "emotions":
        return [
            (
                _("{part} for {persona}: {change}").format(
                    part=style.part(c.name, c.touchpoint),
                    persona=style.code(c.persona),
                    change=_arrow(_numbers(c)),
                )
                if c.persona
                else f"{style.part(c.name, c.touchpoint)}: {_arrow(_numbers(c))}"
            )
            for c in entries
        ]
    if kind == "funnel":
        return [f"{style.part(c.name, c.stage)}: {_arrow(_numbers(c))}" for c in entries]
    if kind in {"pains", "opportunities"}:
        return [
            (
                _("added at {part}: {text}")
                if c.change == "added"
                else _("removed at {part}: {text}")
            ).format(part=style.part(c.name, c.touchpoint), text=style.text(c.text))
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

    The words and the digit grouping of counts are the user's language (`cjmctl.i18n`), as
    `stats` writes them; values quoted from the file stay as written.
    """
    if changes.empty:
        return _("no changes")
    style = _Style(_plain, str, _quoted)
    lines: list[str] = []
    details = _by_section(changes)
    for kind, title in _titles().items():
        entries = _lines(changes, kind, style) + [
            (f"{style.part(c.name, c.id)}: " if c.id is not None else "") + _field(c, style, str)
            for c in details.get(kind, [])
        ]
        lines += [title, *(f"  {e}" for e in entries)] if entries else []
    return "\n".join(lines)


def _md(text: str) -> str:
    """User text as one line of literal Markdown that mentions no one, controls shown escaped."""
    return markdowntext.text(printable(shorten(" ".join(text.split()), WIDTH)))


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
    """Markdown for a pull-request comment, in the user's language.

    A section per kind of part; within it the parts added, removed, renamed or moved, then each
    changed part with a line per field, touchpoints grouped by stage; numbers in tables.
    """
    style = _Style(_md, _code, _md)
    out = ["## " + _("Journey map changes"), ""]
    if changes.empty:
        return "\n".join([*out, _("No changes.")])
    details = _by_section(changes)
    head = [_("Before"), _("After"), _("Change")]
    for kind, title in _titles().items():
        entries = getattr(changes, kind, [])
        if not entries and not details.get(kind):
            continue
        out += [f"### {title}", ""]
        if kind == "emotions":
            rows = [
                [f"{_code(c.touchpoint)} {_md(c.name)}", c.persona or "", *_numbers(c)]
                for c in entries
            ]
            out += _table([_("Touchpoint"), _("Persona"), *head], rows)
        elif kind == "funnel":
            rows = [[f"{_code(c.stage)} {_md(c.name)}", *_numbers(c)] for c in entries]
            out += _table([_("Stage"), *head], rows)
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
