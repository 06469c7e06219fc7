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

from cjmctl.i18n import N_, _, group_digits, language, ngettext
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
        return (
            raw if isinstance(value, bool) else _("the number {number}").format(number=shorten(raw))
        )
    if value is None:
        return _("nothing (null)")
    if isinstance(value, str):
        return _("text {text!r}").format(text=shorten(value))
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a mapping")
    return repr(value)


def kind(value: object) -> str:
    """Name what sort of value this is, never its content: `text`, `a number`, `a list`.

    For a file that is not a journey at all, which may hold anything (a token, a password).
    """
    if isinstance(value, bool):
        return _("true or false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, str):
        return _("text")
    if isinstance(value, list):
        return _("a list")
    return _("a mapping") if isinstance(value, dict) else type(value).__name__


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
    return _("did you mean {choice!r}?").format(choice=close) if close else ""


def _doc(field: FieldInfo | None) -> str:
    """The field's description, which hints quote, in the user's language.

    The catalog holds every description: `scripts/i18n.py` reads them from the JSON Schema.
    """
    return _(field.description) if field and field.description else ""


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


_BOUNDS = {
    "greater_than_equal": N_("{value} is out of range: must be at least {limit}"),
    "less_than_equal": N_("{value} is out of range: must be at most {limit}"),
    "greater_than": N_("{value} is out of range: must be more than {limit}"),
    "less_than": N_("{value} is out of range: must be less than {limit}"),
}
_LIMIT_KEYS = {
    "greater_than_equal": "ge",
    "less_than_equal": "le",
    "greater_than": "gt",
    "less_than": "lt",
}

_DATE_REASONS = frozenset(
    {
        N_("month value is outside expected range of 1-12"),
        N_("day value is outside expected range"),
        N_("year 0 is out of range"),
        N_("input is too short"),
        N_("input is too long"),
    }
)
"""pydantic's (speedate's) reasons a date is wrong that a YYYY-MM-DD text can meet, to translate;
others are shown as pydantic says them."""


def _one_of(expected: str) -> str:
    """Pydantic's `'a', 'b' or 'c'` with the last `or` in the user's language."""
    choices, separator, last = expected.rpartition(" or ")
    return _("{choices} or {last}").format(choices=choices, last=last) if separator else expected


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
            return _("missing required key 'cjm'"), _("add `cjm: 1` at the top of the file")
        message = _("missing required key {key!r}").format(key=key)
        if doc:
            about = _lower_first(doc).rstrip(".")
            return message, _("add `{key}:` to this mapping ({about})").format(key=key, about=about)
        return message, _("add `{key}:` to this mapping").format(key=key)
    if kind == "extra_forbidden":
        allowed = list(model.model_fields) if model else []
        guess = _did_you_mean(str(key), allowed)
        return (
            _("unknown key {key!r}").format(key=shorten(str(key))),
            guess or _("allowed keys: {keys}").format(keys=", ".join(allowed)),
        )
    if kind == "blank_text":
        return _blank(loc, key, value, got, doc)
    if kind == "string_type":
        return _("expected text, got {value}").format(value=got), doc
    if kind == "int_type":
        hint = doc
        if isinstance(value, str) and value.isascii() and value.lstrip("+-").isdigit():
            # Rewritten as text: int() refuses thousands of digits.
            digits = value.lstrip("+-").lstrip("0") or "0"
            sign = "-" if value.startswith("-") and digits != "0" else ""
            hint = _("write {number} as a plain number: no quotes, no leading zero").format(
                number=shorten(sign + digits)
            )
        elif isinstance(value, float):
            hint = _("use a whole number; {description}").format(description=_lower_first(doc))
        return _("expected a whole number, got {value}").format(value=got), hint
    if kind == "bool_type":
        return (
            _("expected true or false, got {value}").format(value=got),
            _("write true or false; words like yes, no, on and off are text in journey files"),
        )
    if kind in _BOUNDS:
        limit = plain_number(ctx.get(_LIMIT_KEYS[kind]))
        return _(_BOUNDS[kind]).format(value=shorten(raw or str(value)), limit=limit), doc
    if kind in THEME_ERRORS:
        return theme_explain(kind, value)
    if kind == "string_pattern_mismatch":
        suggestion = shorten(slugify(str(value)) or "stage-1")
        return (
            _("{id!r} is not a valid id").format(id=shorten(str(value))),
            _("ids are lowercase slugs of a-z, 0-9, '-' and '_', like {example!r}").format(
                example=suggestion
            ),
        )
    if list(loc) == ["cjm"] and kind in {"literal_error", "int_parsing_size"}:
        # A number of hundreds of digits is no version either; pydantic says so in its words.
        return (
            _("unsupported format version: {value}").format(value=got),
            _("this cjmctl reads journey files that start with `cjm: 1`"),
        )
    if kind == "literal_error":
        expected = ctx.get("expected", "")
        choices = [c.strip(" '") for c in expected.replace(" or ", ", ").split(",")]
        guess = _did_you_mean(str(value), choices) if isinstance(value, str) else ""
        message = _("{value} is not one of: {choices}").format(value=got, choices=_one_of(expected))
        return message, guess or doc
    if kind in {"iso_date", "date_from_datetime_parsing", "date_parsing", "date_type"}:
        return _date(got, ctx.get("error"))
    if kind == "period":
        return (
            _("{value!r} is not a period").format(value=shorten(str(value))),
            _("write a day, a month or a quarter: 2026-09-15, 2026-09 or 2026-Q3"),
        )
    if kind == "scale_order":
        shown = (
            "[" + ", ".join(plain_number(v) for v in value) + "]"
            if isinstance(value, list | tuple)
            else got
        )
        return (
            _("the scale {scale} does not rise").format(scale=shown),
            _("write the lowest value first: [1, 5]"),
        )
    if kind in {"emotion_scale", "scale_levels", "scale_names"}:
        return _scale(kind, ctx, shorten(raw or str(value)))
    if kind == "list_type":
        return (
            _("expected a list, got {value}").format(value=got),
            _("write items as `- item` lines or as [a, b]"),
        )
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return _("expected a mapping of keys to values, got {value}").format(value=got), doc
    if kind == "too_short":
        count = int(ctx.get("min_length", 1))
        message = ngettext("needs at least {n} item", "needs at least {n} items", count)
        return message.format(n=count), doc
    return _rare(kind, got, ctx, doc)


def _blank(loc: Loc, key: str | int, value: object, got: str, doc: str) -> tuple[str, str]:
    """An empty or blank name: which one, and the hint that says what to write there."""
    empty = value == ""
    if isinstance(key, int):  # an item of a list of texts: its place, not its index
        owner = loc[-2] if len(loc) > 1 else ""
        what = _lower_first(doc.split(". ", maxsplit=1)[0])
        hint = _("write {what}").format(what=what)
        if isinstance(owner, str) and owner:
            message = (
                _("item {n} of `{list}` is empty")
                if empty
                else _("item {n} of `{list}` is blank: {value} is only white space")
            )
            return message.format(n=key + 1, list=shorten(owner), value=got), hint
        message = (
            _("item {n} of the list is empty")
            if empty
            else _("item {n} of the list is blank: {value} is only white space")
        )
        return message.format(n=key + 1, value=got), hint
    message = (
        _("the {key} is empty") if empty else _("the {key} is blank: {value} is only white space")
    )
    hint = _("write {what}").format(what=_lower_first(doc).rstrip("."))
    return message.format(key=key, value=got), hint


def _date(got: str, reason: object) -> tuple[str, str]:
    hint = _("write dates as YYYY-MM-DD, for example 2026-09-15")
    if not reason:
        return _("{value} is not a valid date").format(value=got), hint
    reason = _(reason) if isinstance(reason, str) and reason in _DATE_REASONS else str(reason)
    return _("{value} is not a valid date: {reason}").format(value=got, reason=reason), hint


def _scale(kind: str, ctx: dict[str, Any], written: str) -> tuple[str, str]:
    """Errors of the emotion scale: a score off it, ends that make no scale, names that miss."""
    if kind == "emotion_scale":
        low, high = ctx["low"], ctx["high"]
        if (low, high) == (-2, 2):
            hint = _(
                "write a whole number from -2 (very negative) to +2 (very positive), or pick "
                "another scale with `emotion_scale:`, e.g. {min: 1, max: 5}"
            )
        else:
            hint = _(
                "write a whole number from {low} to {high}, the journey's `emotion_scale`"
            ).format(low=low, high=high)
        message = _("{value} is outside the emotion scale {low}..{high}")
        return message.format(value=written, low=low, high=high), hint
    if kind == "scale_levels" and "given" in ctx:
        return (
            _("give both `min` and `max` of the emotion scale, not only `{given}`").format(
                given=ctx["given"]
            ),
            _(
                "write both ends, e.g. `emotion_scale: {min: 1, max: 5}`, "
                "or leave `emotion_scale` out for -2..+2"
            ),
        )
    if kind == "scale_levels":
        return (
            _("the emotion scale {low}..{high} needs 3 to 11 levels").format(
                low=ctx["low"], high=ctx["high"]
            ),
            _("write `min` below `max`, at most 10 apart: {min: 1, max: 5}, {min: -3, max: 3}"),
        )
    if "name" in ctx:
        message = _("the name {name!r} is given to levels {first} and {level}")
        return (
            message.format(name=shorten(ctx["name"]), first=ctx["first"], level=ctx["level"]),
            _("give each level a name of its own"),
        )
    given = int(ctx["given"])
    message = ngettext(
        "{n} name for the {levels} levels {low}..{high}",
        "{n} names for the {levels} levels {low}..{high}",
        given,
    )
    return (
        message.format(n=given, levels=ctx["levels"], low=ctx["low"], high=ctx["high"]),
        _("give one name per level, from `min` to `max`, or leave `names` out"),
    )


def plain_number(value: object) -> str:
    """A limit or a number as people write it: 1,000,000,000,000, not 1000000000000.0.

    In the user's language: `1 000 000 000 000` and `2,5` in Russian (a no-break space groups).
    """
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if not is_number:
        return str(value)
    return group_digits(f"{value:,}", language())


def split_at_comma(before: str, key: str) -> str:
    """The hint for `key`, the end of the text of `before` that a comma cut inside `{ }`."""
    return _(
        "inside {{ }} a comma ends a value, so {key!r} became a key of its own: "
        'quote text that holds a comma, as in `{before}: "…, {key}"`'
    ).format(key=shorten(key), before=shorten(before))


def _rare(kind: str, got: str, ctx: dict[str, Any], doc: str) -> tuple[str, str]:
    """Errors no field of the format gives today, but a looser type or a validator would.

    None falls back to pydantic's own words (`Unable to parse input string as an integer,
    exceeded maximum size`): a user reads cjmctl's voice, whatever the error.
    """
    if kind == "int_parsing_size":
        return _("{value} is too large a number for this key").format(value=got), doc
    if kind in {"int_parsing", "int_from_float"}:
        return _("expected a whole number, got {value}").format(value=got), doc
    if kind in {"float_parsing", "float_type"}:
        return _("expected a number, got {value}").format(value=got), doc
    if kind == "finite_number":
        return (
            _("expected a finite number, got {value}").format(value=got),
            doc or _("write a number, not inf or nan"),
        )
    if kind in {"string_too_long", "too_long"}:
        limit = int(ctx.get("max_length", 0))
        message = (
            ngettext(
                "too long: {value} has more than {n} character",
                "too long: {value} has more than {n} characters",
                limit,
            )
            if kind == "string_too_long"
            else ngettext(
                "too long: {value} has more than {n} item",
                "too long: {value} has more than {n} items",
                limit,
            )
        )
        return message.format(value=got, n=limit), doc
    if kind in {"value_error", "assertion_error"}:
        # pydantic's words, from a validator no field of the format has today: said as they are.
        reason = str(ctx.get("error", "")).removeprefix("Assertion failed, ")  # i18n: not shown
        if reason:
            return _("{value} is not valid here: {reason}").format(value=got, reason=reason), doc
        return _("{value} is not valid here").format(value=got), doc
    if kind == "recursion_loop":
        return (
            _("this value contains itself"),
            _("write the value out instead of aliasing it inside itself"),
        )
    return (
        _("{value} is not valid here").format(value=got),
        doc or _("run `cjmctl schema` to see what this key takes"),
    )
