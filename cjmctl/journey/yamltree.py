"""Safe YAML to plain data, with a parallel tree of source positions and hard limits.

We build values from libyaml's event stream instead of using a YAML constructor, because the
constructors cannot do what a journey file needs:
- positions for every value and every key, so any error can name its line and column;
- duplicate keys as errors, not silent overwrites;
- bounded nesting depth (libyaml's recursive composer crashes the process near 50,000 levels,
  while the event stream is iterative) and bounded alias expansion, in values (a "billion
  laughs" file) and in text (one long string aliased a thousand times);
- scalars typed by a small YAML 1.2-like rule set, so `no`, `012`, `1:20` and `2026-01-02` stay
  the text the user wrote instead of YAML 1.1's bool, octal, sexagesimal and date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import yaml

from cjmctl.i18n import N_, _, number
from cjmctl.i18n import language as user_language
from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.yamlwords import said

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml: the pure-Python parser, same events
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
MAX_ALIAS_NODES = 100_000
MAX_ALIAS_TEXT = 8 * 1024 * 1024
"""Characters of text that aliases may repeat: as much as a journey file may hold itself (the
loader's 8 MiB), so a document is at most twice its file and every output stays that bounded."""
MAX_DIGITS = 100
"""A plain integer with more digits is beyond every number a journey has; see `resolve_plain`."""

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*|[0-9]+(?=[eE]))(?:[eE][-+]?[0-9]+)?")
_BMP_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff"
NONCHARACTERS = _BMP_NONCHARACTERS + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0x10000, 0x110000, 0x10000)
)
"""Unicode's non-characters, for a regex class: XML 1.0 forbids or discourages every one."""
_ASTRAL = re.compile("[\\U00010000-\\U0010ffff]")


class Unprintable:
    """A class of characters that text may not hold (controls, non-characters), searched fast.

    sre tests each character against every range of a class above U+FFFF in turn: the 16
    astral pairs of non-characters make a search of the whole class ten times slower than
    one without them (60 ms instead of 6 on a 750 KB journey). Only text that holds an
    astral character (an emoji, mostly) at all is searched for them.
    """

    def __init__(self, controls: str) -> None:
        self.bmp = re.compile(f"[{controls}{_BMP_NONCHARACTERS}]")
        self.full = re.compile(f"[{controls}{NONCHARACTERS}]")

    def pattern(self, text: str) -> re.Pattern[str]:
        """The pattern that finds them in `text`."""
        return self.full if not text.isascii() and _ASTRAL.search(text) else self.bmp


_CONTROL = Unprintable("\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\ud800-\\udfff")
_TAG = "tag:yaml.org,2002:"
_TYPED: dict[str, type | tuple[type, ...]] = {
    "int": int,
    "float": (int, float),
    "bool": bool,
    "null": type(None),
}


Style = Literal["block", "flow", "plain", "'", '"', "|", ">"]
# YAML's line breaks, as libyaml reads them.
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


class Source:
    """Where one value stands in the file (1-based), and where its children and keys stand.

    A plain slotted class rather than a dataclass: one is made per value in the file, and only
    mappings and sequences need their containers.
    """

    __slots__ = (
        "column",
        "dashes",
        "entries",
        "file",
        "items",
        "keys",
        "kind",
        "line",
        "raw",
        "style",
    )

    def __init__(
        self,
        line: int,
        column: int,
        kind: Literal["map", "seq", "scalar"] = "scalar",
        style: Style = "plain",
    ) -> None:
        self.line = line
        self.column = column
        self.kind = kind
        self.style = style
        """How the value was written: a mapping or list in `block` or `flow` (`[a, b]`) style;
        a scalar `plain`, quoted (`'`, `"`) or as a block scalar (`|`, `>`)."""
        self.raw: str | None = None
        """The text of a plain scalar that was read as a number, boolean or null."""
        self.dashes: tuple[tuple[int, int], ...] = ()
        """Where the continuation lines of a multi-line plain scalar start with '-': likely
        list items that lost their space after the dash and were folded into this text."""
        self.entries: dict[str, Source] = {} if kind == "map" else _NO_ENTRIES
        self.keys: dict[str, tuple[int, int]] = {} if kind == "map" else _NO_KEYS
        self.items: list[Source] = [] if kind == "seq" else _NO_ITEMS
        self.file: str | None = None
        """The file this value was read from, where it differs from its parent's: set on the
        values a journey takes from a shared file, so their problems point into that file."""


# Shared by every scalar and never filled: a scalar has no children.
_NO_ENTRIES: dict[str, Source] = {}
_NO_KEYS: dict[str, tuple[int, int]] = {}
_NO_ITEMS: list[Source] = []


@dataclass(frozen=True, slots=True)
class Problem:
    """A problem found while reading YAML, before the journey model sees the data."""

    line: int
    column: int
    message: str
    hint: str = ""
    rule: str = "yaml"


class YamlError(Exception):
    """Reading stopped: the problems so far, the last one fatal."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(problems[-1].message)


_MAYBE_TYPED = frozenset("0123456789+-.~nNtTfF")


_HUGE = 10**MAX_DIGITS


def unprintable(char: str) -> str:
    """Name a character that journey text may not hold: `the control character U+001B`."""
    code = ord(char)
    kind = (
        _("the surrogate {code}")
        if 0xD800 <= code <= 0xDFFF
        else _("the Unicode non-character {code}")
        if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE
        else _("the control character {code}")
    )
    return kind.format(code=f"U+{code:04X}")


def resolve_plain(text: str) -> object:
    """Type a plain scalar: null, true/false, decimal integers and floats; all else is text.

    An integer of more than `MAX_DIGITS` digits reads as +-10**MAX_DIGITS: Python refuses
    int() of thousands of digits (and it is quadratic below that), while a stand-in of the
    same sign is as far out of every number field's range, which then says so at its position.
    A text field takes the exact characters from `Source.raw`, as for any other number.
    """
    if text and text[0] not in _MAYBE_TYPED:  # most text: decided by its first character
        return text
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.fullmatch(text):
        if len(text) - (text[0] in "+-") > MAX_DIGITS:
            return -_HUGE if text[0] == "-" else _HUGE
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


@dataclass(slots=True)
class _Frame:
    value: dict[str, object] | list[object]
    source: Source
    size: int = 1
    text: int = 0  # characters of the scalars inside, keys included
    anchor: str | None = None
    key: str | None = None
    skip_value: bool = False

    def wants_key(self) -> bool:
        """Whether the next value is the key of a mapping's entry."""
        return self.key is None and not self.skip_value and isinstance(self.value, dict)


def _position(mark: Any) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


# The hint for what libyaml says: by a part of its English words.
_SYNTAX_HINTS = {
    "cannot start any token": N_(  # i18n: not shown
        "indent with spaces, not tabs, and quote text that starts with "
        "a special character such as @, ` or %"
    ),
    "mapping values are not allowed": N_(  # i18n: not shown
        "quote text that contains ': ', or fix the indentation of this key"
    ),
    "did not find expected key": N_(  # i18n: not shown
        "check the indentation: each key of a mapping starts in the same column"
    ),
    "did not find expected '-' indicator": N_(  # i18n: not shown
        "check the indentation of this list item"
    ),
    "found unexpected end of stream": N_(  # i18n: not shown
        "close the quote or bracket that is still open"
    ),
}


def _syntax_problem(error: yaml.YAMLError, text: str, builder: _Builder) -> Problem:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line, column = _position(mark) if mark is not None else (1, 1)
    problem = getattr(error, "problem", None) or str(error)
    if "maximum nesting depth" in problem:  # i18n: not shown
        # libyaml 0.2.5 as PyYAML 6.0.4 bundles it scans a flow collection ahead and stops at
        # 1,000 levels before our own limit sees an event: the same limit, at libyaml's place.
        return _depth_problem(line, column)
    context = getattr(error, "context", None)
    real = _real_mistake(error, text, builder, line)
    if real is not None:
        return real
    message = (
        _("YAML syntax error: {problem} ({context})").format(
            problem=said(problem), context=said(context)
        )
        if context
        else _("YAML syntax error: {problem}").format(problem=said(problem))
    )
    hint = next((_(h) for k, h in _SYNTAX_HINTS.items() if k in problem), "")
    if "expected '-' indicator" in problem and not _line(text, line).lstrip().startswith("-"):
        hint = _dedented_key_hint(builder.closed)
    at = getattr(error, "context_mark", None)
    if at is not None and context in _INDICATOR_CONTEXTS:
        line, column = _position(at)  # at the `*`, `&` or `!` itself
        hint = _(_INDICATOR_HINT)
    return Problem(line, column, message, hint, rule="syntax")


# libyaml's own words, to match what it says.
_INDICATOR_CONTEXTS = frozenset(
    {
        "while scanning an alias",  # i18n: not shown
        "while scanning an anchor",  # i18n: not shown
        "while scanning a tag",  # i18n: not shown
    }
)
_INDICATOR_HINT = N_(
    "quote text that starts with *, & or !: YAML reads them as an alias, an anchor or a tag"
)
# A plain text with a ':' that no space follows, read where a key was expected (`emotion:-1`).
_NO_SPACE = re.compile(r"([^\s:#'\"\[\]{},][^:]*?):(\S.*?)\s*(?:\s#.*)?$")


def _line(text: str, line: int) -> str:
    """The text of 1-based `line`, as libyaml counts lines (CR LF is one break)."""
    lines = text.splitlines()
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _real_mistake(error: yaml.YAMLError, text: str, builder: _Builder, line: int) -> Problem | None:
    """Name the mistake libyaml reports later than it is, where it is: or None.

    libyaml stops where the file stops making sense, which can be lines after the slip: a
    key with no space after its colon is text, so the error is at the next line; a quote
    left open runs on to the next quote or the end of the file.
    """
    context = getattr(error, "context", None)
    at = getattr(error, "context_mark", None)
    if context == "while scanning a simple key" and at is not None:  # i18n: not shown
        start, column = _position(at)
        written = _line(text, start)[column - 1 :]
        match = _NO_SPACE.match(written)
        if match:
            key, value = match.groups()
            return Problem(
                start,
                column + len(key),
                _(
                    "YAML syntax error: no space after ':' in {text!r}, "
                    "so YAML reads this line as text, not as a key and its value"
                ).format(text=shorten(key + ":" + value)),
                _("put a space after the colon: `{key}: {value}`").format(
                    key=shorten(key), value=shorten(value)
                ),
                rule="syntax",
            )
    if context == "while scanning a quoted scalar" and at is not None:  # i18n: not shown
        start, column = _position(at)
        return Problem(
            start,
            column,
            _("YAML syntax error: the quote opened here is never closed"),
            _("close the quote where its text ends"),
            rule="syntax",
        )
    quoted = builder.quoted
    if quoted is not None and quoted[2] == line:
        start, column, end, end_column = quoted
        return Problem(
            start,
            column,
            _(
                "YAML syntax error: the quote opened here runs on to line {line}, column "
                "{column}, where the next quote closes it"
            ).format(line=end, column=end_column),
            _("close the quote where its text ends"),
            rule="syntax",
        )
    return None


def _dedented_key_hint(closed: Source | None) -> str:
    """A key between a list's `-` and the keys of its item: not a list item at all."""
    if closed is not None and closed.kind == "map":
        return _(
            "this key is indented less than the keys of the item above (column {column}); "
            "line it up with them"
        ).format(column=closed.column)
    return _("this key is indented less than the keys of the item above; line it up with them")


def _depth_problem(line: int, column: int) -> Problem:
    return Problem(
        line,
        column,
        _("nesting deeper than {n} levels").format(n=MAX_DEPTH),
        _("a journey needs only a few levels; flatten this structure"),
        "limit",
    )


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[object, Source, int, int]] = {}
        self.expanded = 0
        self.repeated = 0
        self.problems: list[Problem] = []
        self.root: tuple[object, Source] | None = None
        self.documents = 0
        self.closed: Source | None = None
        """The mapping or sequence that ended last: where a dedented key fell out of."""
        self.quoted: tuple[int, int, int, int] | None = None
        """The last scalar, if quoted over several lines: where it opened, where it closed."""

    def fatal(self, line: int, column: int, message: str, hint: str, rule: str) -> YamlError:
        self.problems.append(Problem(line, column, message, hint, rule))
        return YamlError(self.problems)

    def event(self, event: Any) -> None:
        """Take any event but a scalar (`scalar`): collections, aliases, documents."""
        cls = type(event)
        if cls is yaml.MappingEndEvent or cls is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            self.closed = frame.source
            if frame.anchor is not None:
                self.anchors[frame.anchor] = (frame.value, frame.source, frame.size, frame.text)
            self.attach(frame.value, frame.source, frame.size, frame.text)
            return
        mark = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        if cls is yaml.MappingStartEvent or cls is yaml.SequenceStartEvent:
            if len(self.stack) >= MAX_DEPTH:
                self.problems.append(_depth_problem(line, column))
                raise YamlError(self.problems)
            if event.tag is not None:
                self.check_tag(event, line, column)
            style: Style = "flow" if event.flow_style else "block"
            if cls is yaml.MappingStartEvent:
                source = Source(line, column, "map", style)
                self.stack.append(_Frame({}, source, anchor=event.anchor))
            else:
                source = Source(line, column, "seq", style)
                self.stack.append(_Frame([], source, anchor=event.anchor))
        elif cls is yaml.AliasEvent:
            self.alias(event, line, column)
        elif cls is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fatal(
                    line,
                    column,
                    _("a journey file holds one YAML document; a second one starts here"),
                    _("remove this '---' and everything after it, or move it to its own file"),
                    "yaml",
                )

    def alias(self, event: yaml.AliasEvent, line: int, column: int) -> None:
        if event.anchor not in self.anchors:
            raise self.fatal(
                line,
                column,
                _("alias *{name} refers to no anchor defined before it").format(
                    name=shorten(str(event.anchor))
                ),
                _(
                    "define &{name} earlier in the file, or quote the text "
                    'if it is not an alias: "*{name}"'
                ).format(name=shorten(str(event.anchor))),
                "yaml",
            )
        aliased, source, size, text = self.anchors[event.anchor]
        self.expanded += size
        self.repeated += text
        if self.expanded > MAX_ALIAS_NODES:
            raise self.fatal(
                line,
                column,
                _("aliases expand to more than {n} values").format(
                    n=number(MAX_ALIAS_NODES, user_language())
                ),
                _(
                    "use fewer aliases (*name); a file like this is usually a 'billion laughs' "
                    "attack"
                ),
                "limit",
            )
        if self.repeated > MAX_ALIAS_TEXT:
            raise self.fatal(
                line,
                column,
                _(
                    "aliases repeat more than {n} characters of text "
                    "({mib} MiB, as much as a journey file may hold)"
                ).format(n=number(MAX_ALIAS_TEXT, user_language()), mib=MAX_ALIAS_TEXT // 2**20),
                _(
                    "alias (*name) short values only and write long text out where it is needed, "
                    "or split the journey into several files"
                ),
                "limit",
            )
        self.attach(aliased, source, size, text)

    def check_tag(self, event: yaml.NodeEvent, line: int, column: int) -> str | None:
        tag: str | None = getattr(event, "tag", None)
        if tag is None or tag == "!":
            return tag
        known = {"str", "int", "float", "bool", "null", "map", "seq"}
        if tag.startswith(_TAG) and tag[len(_TAG) :] in known:
            return tag[len(_TAG) :]
        self.problems.append(
            Problem(
                line,
                column,
                _("unsupported YAML tag {tag!r}").format(tag=shorten(tag)),
                _(
                    "remove the tag, or quote the text if it starts with '!'; journey files hold "
                    "plain text, numbers, lists and mappings"
                ),
                "yaml",
            )
        )
        return None

    def scalar(self, event: yaml.ScalarEvent) -> None:
        mark: Any = event.start_mark
        line, column = mark.line + 1, mark.column + 1
        text: str = event.value
        style: Any = event.style
        end: Any = event.end_mark
        self.quoted = None
        if style in {"'", '"'} and end.line + 1 > line:
            self.quoted = (line, column, end.line + 1, end.column)
        value: object = text
        tag = None if event.tag is None else self.check_tag(event, line, column)
        if (tag is None and not style and event.implicit[0]) or tag in _TYPED:
            value = resolve_plain(text)
            if tag is not None and not isinstance(value, _TYPED[tag]):
                self.problems.append(
                    Problem(
                        line,
                        column,
                        _("{text!r} is not a valid !!{tag}").format(text=shorten(text), tag=tag),
                        "",
                        "yaml",
                    )
                )
                value = text
        # Printable text holds none of them (all are Cc, Cs or Cn): most text needs no search.
        bad = None if text.isprintable() else _CONTROL.pattern(text).search(text)
        if bad:
            self.problems.append(
                Problem(
                    line,
                    column,
                    _("text contains {character}").format(character=unprintable(bad.group())),
                    _("remove it, or the \\ escape that writes it: journey text must be printable"),
                    "encoding",
                )
            )
        frame = self.stack[-1] if self.stack else None
        if frame is not None and frame.wants_key() and event.anchor is None:
            # Half the scalars are keys, and a key keeps only its position: no source.
            frame.size += 1
            frame.text += len(text)
            self.take_key(frame, text, line, column)
            return
        source = Source(line, column, "scalar", style or "plain")
        if value is not text:
            source.raw = text
        if not style and end.line != line - 1:  # marks count lines from 0
            source.dashes = self.dashes(event, line)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, source, 1, len(text))
        self.attach(value, source, 1, len(text))

    def dashes(self, event: Any, line: int) -> tuple[tuple[int, int], ...]:
        """Positions of the continuation lines of a multi-line plain scalar that start with '-'.

        In a flow collection a line break inside text is harmless, and '- ' starts no item.
        """
        start, end = event.start_mark, event.end_mark
        if self.stack and self.stack[-1].source.style == "flow":
            return ()
        lines = _LINE_BREAK.split(self.text[start.index : end.index])
        found = []
        for offset, continued in enumerate(lines[1:], start=1):
            body = continued.lstrip(" \t")
            if body.startswith("-"):
                found.append((line + offset, len(continued) - len(body) + 1))
        return tuple(found)

    def attach(self, value: object, source: Source, size: int, text: int) -> None:
        if not self.stack:
            self.root = (value, source)
            return
        frame = self.stack[-1]
        frame.size += size
        frame.text += text
        if isinstance(frame.value, list):
            frame.value.append(value)
            frame.source.items.append(source)
            return
        if frame.skip_value:
            frame.skip_value = False
        elif frame.key is None:
            key = source.raw if source.raw is not None else value
            written = None if source.kind != "scalar" else "" if key is None else str(key)
            self.take_key(frame, written, source.line, source.column)
        else:
            frame.value[frame.key] = value
            frame.source.entries[frame.key] = source
            frame.key = None

    def take_key(self, frame: _Frame, key: str | None, line: int, column: int) -> None:
        """Take the key of a mapping's next entry: its text, or None for a list or mapping."""
        assert isinstance(frame.value, dict)
        frame.skip_value = True
        if key is None:
            self.problems.append(
                Problem(
                    line,
                    column,
                    _("a key must be plain text, not a list or mapping"),
                    _("write the key as text"),
                )
            )
            return
        if key == "<<":
            self.problems.append(
                Problem(
                    line,
                    column,
                    _("merge keys (<<) are not supported"),
                    _("write the keys out; an alias (*name) may still stand for a whole value"),
                )
            )
        elif key in frame.value:
            first = frame.source.keys[key]
            self.problems.append(
                Problem(
                    line,
                    column,
                    _("duplicate key {key!r} (first at line {line}, column {column})").format(
                        key=shorten(key), line=first[0], column=first[1]
                    ),
                    _("remove one of them; YAML would silently keep only the last"),
                    "duplicate-key",
                )
            )
        else:
            frame.skip_value = False
            frame.key = key
            frame.source.keys[key] = (line, column)


def parse(text: str) -> tuple[object, Source, list[Problem]]:
    """Read one YAML document into plain data and its source tree.

    Returns:
        The data (None for a document with no content), its source tree and the problems that
        did not stop reading (duplicate keys, unsupported tags, control characters).

    Raises:
        YamlError: on a syntax error or a broken limit; the last problem is the fatal one.
    """
    builder = _Builder(text)
    try:
        parser = _Loader(text)
        try:
            for event in iter(parser.get_event, None):
                if type(event) is yaml.ScalarEvent:  # most events: one call the fewer
                    builder.scalar(event)
                else:
                    builder.event(event)
        finally:
            parser.dispose()
    except yaml.YAMLError as error:
        builder.problems.append(_syntax_problem(error, text, builder))
        raise YamlError(builder.problems) from None
    if builder.root is None:
        return None, Source(1, 1), builder.problems
    value, source = builder.root
    return value, source, builder.problems
