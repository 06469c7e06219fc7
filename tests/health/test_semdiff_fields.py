"""The diff misses no field: every field of every model, changed alone, is reported by part.

The walk reads the models' `model_fields`, so a field added to the format later is changed here
too, and fails this test until the diff reports it.
"""

from __future__ import annotations

import copy
import json
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pydantic
import pytest

from cjmctl.health import diffreport, fieldwalk, semdiff
from cjmctl.i18n import long_date
from cjmctl.journey import (
    audits,
    evidence,
    metrics,
    model,
    priority,
    research,
    scale,
    states,
    theme,
)
from cjmctl.journey.model import Journey

BASE: dict[str, Any] = {
    "cjm": 1,
    "title": "Base",
    # Both ends given, as the format asks: either end can then change alone.
    "emotion_scale": {"min": -2, "max": 2},
    "personas": [{"id": "anna", "name": "Anna"}],
    "channels": [{"id": "web", "name": "Web"}],
    "stages": [
        {
            "id": "s-a",
            "name": "Stage A",
            "reached": 100,
            "touchpoints": [
                {
                    "id": "tp-a",
                    "name": "Tp A",
                    "emotion": 0,
                    "checklist": [{"id": "greet", "name": "Greet"}],
                    "claims": {
                        "emotion": {"status": "observed", "source": "res"},
                        "pains": {"status": "assumed"},
                        "thoughts": {"status": "proposed"},
                    },
                },
                {"id": "tp-b", "name": "Tp B"},
            ],
        },
        {"id": "s-b", "name": "Stage B"},
    ],
    "actions": [{"id": "act", "title": "Act"}],
    "research": [
        {
            "id": "res",
            "kind": "mystery_shopping",
            "title": "Res",
            "scores": {"tp-a": 58},
            "visits": [{"outlet": "out", "results": {"tp-a": {"greet": 40}}}],
            "scale": [1, 5],
            "ratings": {"tp-a": [1, 2, 3, 4, 5]},
            "reasons": [{"reason": "Too far", "count": 3}],
        }
    ],
    "metrics": [
        {"id": "kpi", "name": "Kpi", "kind": "csat", "target": 80, "values": {"2026-09": 62}}
    ],
    "outlets": [{"id": "out", "name": "Out"}],
}
# Where the walk finds an instance of a model that a list holds: its first item.
UNCHANGEABLE = {(Journey, "cjm")}  # Literal[1]: no other value is valid yet


@dataclass(frozen=True)
class Site:
    """One field of one model, where it sits in BASE, and the part that owns it."""

    model: type[pydantic.BaseModel]
    field: str
    path: tuple[str | int, ...]
    part_id: str | None  # None: the journey's own field
    part_name: str


def _models_in(annotation: object) -> list[type[pydantic.BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def _literals(annotation: object) -> list[object]:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    return [v for arg in typing.get_args(annotation) for v in _literals(arg)]


def _at(data: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def sites(
    cls: type[pydantic.BaseModel] = Journey,
    path: tuple[str | int, ...] = (),
    owner: tuple[str | None, str] = (None, "Base"),
) -> Iterator[Site]:
    """Every field of `cls` and of every model it holds, recursively, located in BASE."""
    data = _at(BASE, path)
    if "id" in cls.model_fields:
        owner = (data["id"], data.get("name") or data["title"])
    for name, info in cls.model_fields.items():
        yield Site(cls, name, (*path, name), *owner)
        for inner in _models_in(info.annotation):
            value = data.get(name, {})
            if isinstance(value, list):
                assert value, f"BASE needs one item in {'.'.join(map(str, (*path, name)))}"
                yield from sites(inner, (*path, name, 0), owner)
            else:
                data.setdefault(name, {})
                yield from sites(inner, (*path, name), owner)


ALL_SITES = list(sites())
MODULES = (model, metrics, audits, research, scale, states, priority, evidence, theme)


def test_the_walk_reaches_every_model_of_the_format() -> None:
    defined = {
        cls
        for module in MODULES
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, pydantic.BaseModel)
        and cls.__module__ in {m.__name__ for m in MODULES}
        and not cls.__name__.startswith("_")
    }
    assert {s.model for s in ALL_SITES} == defined
    reached = {(s.model, s.field) for s in ALL_SITES}
    assert len(reached) == sum(len(cls.model_fields) for cls in defined)


def _candidates(current: object, annotation: object) -> list[object]:
    """Other values of the field's type, the likeliest valid first."""
    found: list[object] = [v for v in _literals(annotation) if v != current]
    if isinstance(current, bool):
        return [*found, not current]
    if isinstance(current, int):
        return [*found, current + 13, current - 1]
    if isinstance(current, str):
        try:
            day = date.fromisoformat(current)
        except ValueError:
            return [*found, current + " changed", "changed"]
        return [*found, (day + timedelta(days=1)).isoformat()]
    if isinstance(current, list):
        if current and all(isinstance(v, int) for v in current):  # a scale [low, high]
            return [*found, [current[0], current[-1] + 2]]
        items: list[object] = ["tp-b", "New item"]
        items += [{"id": "new-part", **named} for named in ({"name": "New part"},)]
        items += [{"id": "new-part", "title": "New part", "kind": "other"}]
        items += [{"id": "new-part", "name": "New part", "kind": "custom"}]
        items += [{"id": "new-part", "title": "New part"}]
        items += [{"outlet": "out", "results": {"tp-a": {"greet": True}}}]
        items += [{"reason": "New reason", "count": 1}]
        # Whole lists that only fit one field: a colour, or a name for each of five levels.
        whole: list[object] = [["#0b5cad"], ["Very bad", "Bad", "So-so", "Good", "Great"]]
        whole += [["#c92a2a", "#f08c00", "#ced4da", "#74b816", "#2b8a3e"]]  # emotion bands
        return [*found, *([*current, item] for item in items), *whole]
    if isinstance(current, dict):
        if current:
            return [*found, _bumped(current)]
        return [*found, {"tp-b": 1}, {"anna": 1}]
    return [*found, "New text", ["tp-b"], 2, [0, 10], "2026-03-01", {"anna": 1}, "#0b5cad"]


def _bumped(value: Any) -> Any:
    """The value with its first number raised by 13, however deep in mappings and lists."""
    if isinstance(value, dict):
        key = next(iter(value))
        return {**value, key: _bumped(value[key])}
    if isinstance(value, list):
        return [_bumped(value[0]), *value[1:]]
    return value + 13


def _changed(site: Site) -> tuple[Journey, object, object]:
    """BASE with this one field changed to a valid other value: (journey, old, new)."""
    info = site.model.model_fields[site.field]
    parent = _at(BASE, site.path[:-1])
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    current = parent.get(site.field, default)
    if isinstance(current, pydantic.BaseModel):
        current = current.model_dump(mode="json")
    for candidate in _candidates(copy.deepcopy(current), info.annotation):
        data = copy.deepcopy(BASE)
        _at(data, site.path[:-1])[site.field] = candidate
        try:
            journey = Journey.model_validate(data)
        except pydantic.ValidationError:
            continue
        if journey != Journey.model_validate(BASE):
            return journey, current, candidate
    raise AssertionError(f"no other valid value for {site.model.__name__}.{site.field}")


def _shown(value: object) -> str:
    if isinstance(value, dict):  # an item without an id (a visit, a reason): its first text
        return next(str(v) for v in value.values() if isinstance(v, str))
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    if isinstance(value, bool):
        return str(value).lower()
    return str(value)


def _as_day(text: str) -> str:
    """A date field's value as the text diff says it (`1 March 2026`); other texts as they are."""
    try:
        return long_date(date.fromisoformat(text), "en") if len(text) == 10 else text
    except ValueError:
        return text


def _new_item(old: object, new: object) -> object:
    """What to look for: the value itself, or what a list or mapping gained."""
    if isinstance(new, list) and isinstance(old, list):
        return new[len(old)] if len(new) > len(old) else new
    if isinstance(new, dict) and isinstance(old, dict):
        key = next(k for k, v in new.items() if old.get(k) != v)
        return _new_item(old.get(key), new[key]) if isinstance(old.get(key), dict) else new[key]
    return new


def _names(site: Site, added: object) -> tuple[str | None, str]:
    """The part the diff must name: the part added to a list of parts, else the field's own."""
    if isinstance(added, dict) and "id" in added:
        return str(added["id"]), "New part"
    if site.field == "id":
        return str(added), site.part_name
    return site.part_id, site.part_name


def _entries(document: dict[str, list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    for entries in document.values():
        yield from entries


def _part_of(entry: dict[str, Any]) -> str | None:
    for key in ("id", "touchpoint", "stage"):
        if key in entry:
            return typing.cast(str | None, entry[key])
    return None


def _holds_one_model(site: Site) -> bool:
    """A field such as `empathy` or `lint`: each of its own fields is a site of its own."""
    info = site.model.model_fields[site.field]
    return bool(_models_in(info.annotation)) and typing.get_origin(info.annotation) is not list


@pytest.mark.parametrize(
    "site",
    [s for s in ALL_SITES if (s.model, s.field) not in UNCHANGEABLE and not _holds_one_model(s)],
    ids=lambda s: f"{s.model.__name__}.{s.field}",
)
def test_a_field_changed_alone_is_reported_naming_the_part(site: Site) -> None:
    new, old_value, new_value = _changed(site)
    found = semdiff.diff(Journey.model_validate(BASE), new)
    assert not found.empty
    added = _new_item(old_value, new_value)
    part_id, part_name = _names(site, added)
    shown = _shown(added["id"] if isinstance(added, dict) and "id" in added else added)
    # Text and Markdown: a line names the part (the journey's own fields: the field) and the
    # new value, and the old one where a value was replaced.
    marker = part_name if part_id is not None else f"{site.field}"
    expected = [marker, shown]
    if not isinstance(new_value, list | dict) and old_value is not None and site.field != "id":
        expected += [_shown(old_value), " -> "]
    text = diffreport.format_text(found).splitlines()
    assert any(all(e in line or _as_day(e) in line for e in expected) for line in text), (
        expected,
        text,
    )
    assert part_name in diffreport.format_markdown(found) or part_id is None
    # JSON: an entry names the part by id and holds the new value.
    document = json.loads(diffreport.format_json(found))
    looked_for = added.get("id", shown) if isinstance(added, dict) else added
    assert any(
        _part_of(entry) == part_id and json.dumps(looked_for) in json.dumps(entry)
        for entry in _entries(document)
    ), (part_id, added, document)


def test_cli_exit_code_is_1_for_a_field_changed_alone(
    cli: Callable[..., tuple[int, str]], tmp_path: Path
) -> None:
    """`--exit-code` says "changed" for fields the diff did not see before (issue 11)."""
    (tmp_path / "old.yaml").write_text(json.dumps(BASE), encoding="utf-8")
    for model_field in ("Touchpoint.owner", "Action.target", "Research.scores", "Persona.goals"):
        site = next(s for s in ALL_SITES if f"{s.model.__name__}.{s.field}" == model_field)
        new, _, _ = _changed(site)
        (tmp_path / "new.yaml").write_text(new.model_dump_json(), encoding="utf-8")
        code, output = cli(
            "diff", str(tmp_path / "old.yaml"), str(tmp_path / "new.yaml"), "--exit-code"
        )
        assert (model_field, code) == (model_field, 1), output
        assert site.part_name in output
    assert cli("diff", str(tmp_path / "old.yaml"), str(tmp_path / "old.yaml"), "--exit-code") == (
        0,
        "no changes\n",
    )


def test_a_field_added_to_the_format_later_is_compared_with_no_new_code() -> None:
    class Later(model.Action):
        budget: int | None = None

    old, new = Later(id="a", title="A"), Later(id="a", title="A", budget=5)
    assert fieldwalk.compare("action", "a", "A", (old, new), semdiff.SKIP) == [
        fieldwalk.FieldChange("action", "a", "A", "budget", "changed", None, 5)
    ]
