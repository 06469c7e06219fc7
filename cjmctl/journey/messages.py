"""Pydantic's validation errors retold for people who write YAML, with a hint to fix each one."""

from __future__ import annotations

import bisect
import difflib
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cjmctl.i18n import _
from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.model import Journey
from cjmctl.journey.slugs import slugify
from cjmctl.journey.theme import THEME_ERRORS
from cjmctl.journey.theme import explain as theme_explain

Loc = Sequence[str | int]


def _arms(annotation: Any) -> list[Any]:
    """Flatten Annotated and unions into the plain types a value may take."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _arms(typing.get_args(annotation)[0])
    if origin is typing.Union or origin is types.UnionType:
        return [arm for arg in typing.get_args(annotation) for arm in _arms(arg)]
    return [annotation]


def _step(annotation: Any, key: str | int) -> tuple[Any, FieldInfo | None]:
    for arm in _arms(annotation):
        origin = typing.get_origin(arm)
        if isinstance(key, int) and origin is list:
            return typing.get_args(arm)[0], None
        if isinstance(key, str) and isinstance(arm, type) and issubclass(arm, BaseModel):
            info = arm.model_fields.get(key)
            return (info.annotation, info) if info else (None, None)
        if isinstance(key, str) and origin is dict:
            return typing.get_args(arm)[1], None
    return None, None


def lookup(loc: Loc) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """Find the model that holds the last key of `loc`, and the last named field on the way."""
    annotation: Any = Journey
    field: FieldInfo | None = None
    for key in loc[:-1]:
        annotation, info = _step(annotation, key)
        field = info or field
        if annotation is None:
            return None, None
    model = next(
        (a for a in _arms(annotation) if isinstance(a, type) and issubclass(a, BaseModel)),
        None,
    )
    _, info = _step(annotation, loc[-1]) if loc else (None, None)
    return model, info or field


def describe(value: object, raw: str | None = None) -> str:
    """Name a value the way the user wrote it: `text 'no'`, `the number 5`, `a list`."""
    if raw is not None and value is not None:
        return raw if isinstance(value, bool) else f"the number {shorten(raw)}"
    if value is None:
        return "nothing (null)"
    if isinstance(value, str):
        return f"text {shorten(value)!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return repr(value)


def kind(value: object) -> str:
    """Name what sort of value this is, never its content: `text`, `a number`, `a list`.

    For a file that is not a journey at all, which may hold anything (a token, a password).
    """
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "a mapping" if isinstance(value, dict) else type(value).__name__


class Suggestions:
    """Say which of many choices a misspelt word means, as difflib does, in bounded time.

    difflib compares a word with every choice, so a file of broken references among thousands
    of ids was quadratic (1,000 of them: 30-60 s). Words are compared with every choice, the
    answer difflib always gave, while that costs at most `EXACT` comparisons in all (every
    word of an ordinary file). Beyond, a word sees only the few choices that sort next to it,
    and next to it written backwards, found by bisection: a typo leaves the start or the end of
    a word in place. The word less its last (or first) one or two characters is looked up too,
    so that `step-7x` finds `step-7` among `step-70` to `step-799`. On random typos among
    3,000 ids that is difflib's answer, or one as close, nine times in ten. Each word is
    answered once.
    """

    EXACT = 20_000
    NEAR = 4

    def __init__(self, choices: Iterable[str]) -> None:
        self.choices = list(dict.fromkeys(choices))
        self._budget = self.EXACT
        self._sorted: tuple[list[str], list[str]] | None = None
        self._answers: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        """The choice closest to `word`, if one is close enough to be what was meant."""
        if word not in self._answers:
            close = difflib.get_close_matches(word, self._pool(word), n=1, cutoff=0.6)
            self._answers[word] = close[0] if close else None
        return self._answers[word]

    def _pool(self, word: str) -> list[str]:
        if len(self.choices) <= self._budget:
            self._budget -= len(self.choices)
            return self.choices
        if self._sorted is None:
            self._sorted = sorted(self.choices), sorted(c[::-1] for c in self.choices)
        forward, backward = self._sorted
        drow = word[::-1]
        pool: dict[str, None] = {}
        for cut in range(min(3, len(word))):
            pool.update(dict.fromkeys(_around(forward, word[: len(word) - cut], self.NEAR)))
            ahead = _around(backward, drow[: len(word) - cut], self.NEAR)
            pool.update(dict.fromkeys(c[::-1] for c in ahead))
        return list(pool)


def _around(ordered: list[str], word: str, count: int) -> list[str]:
    at = bisect.bisect_left(ordered, word)
    return ordered[max(0, at - count) : at + count]


def _did_you_mean(word: str, choices: Sequence[str]) -> str:
    close = Suggestions(choices).closest(word)
    return f"did you mean {close!r}?" if close else ""


def _doc(field: FieldInfo | None) -> str:
    # The schema's descriptions are English; the catalog holds them in the user's language.
    return _(field.description) if field and field.description else ""


def explain(error: Any, raw: str | None) -> tuple[str, str]:
    """Return (message, hint) for one pydantic error dict."""
    kind: str = error["type"]
    loc: Loc = error["loc"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    model, field = lookup(loc) if loc else (Journey, None)
    got = describe(value, raw)
    doc = _doc(field)
    key = loc[-1] if loc else ""
    if kind == "missing":
        if list(loc) == ["cjm"]:
            return "missing required key 'cjm'", "add `cjm: 1` at the top of the file"
        about = f" ({doc[:1].lower()}{doc[1:].rstrip('.')})" if doc else ""
        return f"missing required key {key!r}", f"add `{key}:` to this mapping{about}"
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if model else []
        guess = _did_you_mean(str(key), allowed)
        return f"unknown key {shorten(str(key))!r}", guess or "allowed keys: " + ", ".join(allowed)
    if kind == "blank_text":
        what = "empty" if value == "" else f"blank: {got} is only white space"
        if isinstance(key, int):  # an item of a list of texts: its place, not its index
            owner = loc[-2] if len(loc) > 1 else ""
            inside = f"`{shorten(owner)}`" if isinstance(owner, str) and owner else "the list"
            doc = doc.split(". ")[0]
            return f"item {key + 1} of {inside} is {what}", f"write {doc[:1].lower()}{doc[1:]}"
        return f"the {key} is {what}", f"write {doc[:1].lower()}{doc[1:].rstrip('.')}"
    if kind == "string_type":
        return f"expected text, got {got}", doc
    if kind == "int_type":
        hint = doc
        if isinstance(value, str) and value.isascii() and value.lstrip("+-").isdigit():
            # Rewritten as text: int() refuses thousands of digits.
            digits = value.lstrip("+-").lstrip("0") or "0"
            sign = "-" if value.startswith("-") and digits != "0" else ""
            hint = f"write {shorten(sign + digits)} as a plain number: no quotes, no leading zero"
        elif isinstance(value, float):
            hint = f"use a whole number; {doc}"
        return f"expected a whole number, got {got}", hint
    if kind == "bool_type":
        return (
            f"expected true or false, got {got}",
            "write true or false; words like yes, no, on and off are text in journey files",
        )
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        bound = {
            "greater_than_equal": "at least {ge}",
            "less_than_equal": "at most {le}",
            "greater_than": "more than {gt}",
            "less_than": "less than {lt}",
        }[kind].format(**{k: plain_number(v) for k, v in ctx.items()})
        return f"{shorten(raw or str(value))} is out of range: must be {bound}", doc
    if kind in THEME_ERRORS:
        return theme_explain(kind, value)
    if kind == "string_pattern_mismatch":
        suggestion = shorten(slugify(str(value)) or "stage-1")
        return (
            f"{shorten(str(value))!r} is not a valid id",
            f"ids are lowercase slugs of a-z, 0-9, '-' and '_', like {suggestion!r}",
        )
    if list(loc) == ["cjm"] and kind in {"literal_error", "int_parsing_size"}:
        # A number of hundreds of digits is no version either; pydantic says so in its words.
        return (
            f"unsupported format version: {got}",
            "this cjmctl reads journey files that start with `cjm: 1`",
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        guess = _did_you_mean(str(value), choices) if isinstance(value, str) else ""
        return f"{got} is not one of: {expected}", guess or doc
    if kind in {"iso_date", "date_from_datetime_parsing", "date_parsing", "date_type"}:
        reason = ctx.get("error")
        return (
            f"{got} is not a valid date" + (f": {reason}" if reason else ""),
            "write dates as YYYY-MM-DD, for example 2026-09-15",
        )
    if kind == "period":
        return (
            f"{shorten(str(value))!r} is not a period",
            "write a day, a month or a quarter: 2026-09-15, 2026-09 or 2026-Q3",
        )
    if kind == "scale_order":
        shown = (
            "[" + ", ".join(plain_number(v) for v in value) + "]"
            if isinstance(value, list | tuple)
            else got
        )
        return f"the scale {shown} does not rise", "write the lowest value first: [1, 5]"
    if kind in {"emotion_scale", "scale_levels", "scale_names"}:
        return _scale(kind, ctx, shorten(raw or str(value)))
    if kind == "list_type":
        return f"expected a list, got {got}", "write items as `- item` lines or as [a, b]"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return f"expected a mapping of keys to values, got {got}", doc
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} item(s)", doc
    return _rare(kind, got, ctx, doc)


def _scale(kind: str, ctx: dict[str, Any], written: str) -> tuple[str, str]:
    """Errors of the emotion scale: a score off it, ends that make no scale, names that miss."""
    if kind == "emotion_scale":
        low, high = ctx["low"], ctx["high"]
        if (low, high) == (-2, 2):
            hint = (
                "write a whole number from -2 (very negative) to +2 (very positive), or pick "
                "another scale with `emotion_scale:`, e.g. {min: 1, max: 5}"
            )
        else:
            hint = f"write a whole number from {low} to {high}, the journey's `emotion_scale`"
        return f"{written} is outside the emotion scale {low}..{high}", hint
    if kind == "scale_levels" and "given" in ctx:
        return (
            f"give both `min` and `max` of the emotion scale, not only `{ctx['given']}`",
            "write both ends, e.g. `emotion_scale: {min: 1, max: 5}`, "
            "or leave `emotion_scale` out for -2..+2",
        )
    if kind == "scale_levels":
        return (
            f"the emotion scale {ctx['low']}..{ctx['high']} needs 3 to 11 levels",
            "write `min` below `max`, at most 10 apart: {min: 1, max: 5}, {min: -3, max: 3}",
        )
    if "name" in ctx:
        return (
            f"the name {shorten(ctx['name'])!r} is given to levels {ctx['first']} and "
            f"{ctx['level']}",
            "give each level a name of its own",
        )
    return (
        f"{ctx['given']} names for the {ctx['levels']} levels {ctx['low']}..{ctx['high']}",
        "give one name per level, from `min` to `max`, or leave `names` out",
    )


def plain_number(value: object) -> str:
    """A limit or a number as people write it: 1,000,000,000,000, not 1000000000000.0."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    return f"{value:,}" if is_number else str(value)


def split_at_comma(before: str, key: str) -> str:
    """The hint for `key`, the end of the text of `before` that a comma cut inside `{ }`."""
    return (
        f"inside {{ }} a comma ends a value, so {shorten(key)!r} became a key of its own: "
        f'quote text that holds a comma, as in `{shorten(before)}: "…, {shorten(key)}"`'
    )


def _rare(kind: str, got: str, ctx: dict[str, Any], doc: str) -> tuple[str, str]:
    """Errors no field of the format gives today, but a looser type or a validator would.

    None falls back to pydantic's own words (`Unable to parse input string as an integer,
    exceeded maximum size`): a user reads cjmctl's voice, whatever the error.
    """
    if kind == "int_parsing_size":
        return f"{got} is too large a number for this key", doc
    if kind in {"int_parsing", "int_from_float"}:
        return f"expected a whole number, got {got}", doc
    if kind in {"float_parsing", "float_type"}:
        return f"expected a number, got {got}", doc
    if kind == "finite_number":
        return f"expected a finite number, got {got}", doc or "write a number, not inf or nan"
    if kind in {"string_too_long", "too_long"}:
        limit = ctx.get("max_length")
        unit = "characters" if kind == "string_too_long" else "items"
        return f"too long: {got} has more than {limit} {unit}", doc
    if kind in {"value_error", "assertion_error"}:
        reason = str(ctx.get("error", "")).removeprefix("Assertion failed, ")
        return f"{got} is not valid here" + (f": {reason}" if reason else ""), doc
    if kind == "recursion_loop":
        return (
            "this value contains itself",
            "write the value out instead of aliasing it inside itself",
        )
    return f"{got} is not valid here", doc or "run `cjmctl schema` to see what this key takes"
