"""Mermaid `journey` diagrams -> journey YAML: what Mermaid can say, carried over; the rest warned.

Reading follows Mermaid 11's journey lexer, line by line: a `---` front-matter block at the top
(its `title` is used; read by cjmctl's own YAML reader, with a journey's limits), `%` comments
and `%%{...}%%` directives, `#` comments (also at the end of a line), `journey`, `title`,
`accTitle:`, `accDescr:` and `accDescr { ... }`, `section` and tasks `Name: score: Actor,
Actor`. Anything else, including what Mermaid itself rejects (a `;`, a task without a colon),
is skipped with a `Skipped` note at its line.

Writing: sections become stages, tasks touchpoints, actors personas (ids derived from their
names, as the loader would), scores 1..5 emotions -2..+2. A task that names actors gets the
per-persona form `{anna: 1}`, one without actors the shared form (which the export writes
back without actors). Consecutive tasks of a section with the same name and different actors
become one touchpoint, which is how cjmctl's Mermaid export writes emotions that differ by
persona. `title` is the title line, else the front matter's, else the locale's "Customer
journey map"; a section without a name (and tasks before any section) becomes a stage named
"Stage", since the journey format needs names, with a warning. `accTitle` is the
`accessible_title`, `accDescr` the description; `<br>` in a section or task name is a line
break, as Mermaid draws it; Cyrillic text sets `locale: ru`. An empty actor (`5: Me,`) is
left out with a warning: Mermaid draws one, a persona needs a name.
Every value is written by `yaml.safe_dump` and quoted where a YAML reader (cjmctl's, or a
YAML 1.1 or 1.2 one) would read it as anything but text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

import yaml

from cjmctl.i18n import _
from cjmctl.importers import SCHEMA_COMMENT, Skipped
from cjmctl.journey import yamltree
from cjmctl.journey.diagnostics import printable, shorten
from cjmctl.journey.labels import LABELS
from cjmctl.journey.slugs import derive_ids
from cjmctl.journey.yamltree import NONCHARACTERS, resolve_plain

_LINE_BREAK = re.compile(r"\r\n?|\n")
# Control characters and non-characters: the loader refuses them in text.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{NONCHARACTERS}]")
_FLAGS = re.IGNORECASE | re.ASCII
_HEADER = re.compile(r"journey\b", _FLAGS)
_TITLE = re.compile(r"title\s(.*)", _FLAGS)
_ACC_TITLE = re.compile(r"accTitle\s*:(.*)", _FLAGS)
_ACC_DESCR = re.compile(r"accDescr\s*:(.*)", _FLAGS)
_ACC_BLOCK = re.compile(r"accDescr\s*\{(.*)", _FLAGS)
_SECTION = re.compile(r"section\s(.*)", _FLAGS)
_TASK = re.compile(r"([^:]+):(.*)")
# One way to match each number: `\d+\.?\d*` split a run of digits in every way before failing,
# quadratic in a long score.
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
# Mermaid draws a section or task name on several lines where it says `<br>`, `<br/>`, `<br />`.
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# YAML 1.2 numbers that PyYAML (YAML 1.1) writes plain; editors would read them as numbers.
_YAML12_NUMBER = re.compile(r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)")


@dataclass(frozen=True, slots=True)
class Task:
    """One task line: its name, Mermaid score 1..5 (None when unreadable) and actors."""

    name: str
    score: int | None
    actors: tuple[str, ...]


@dataclass(slots=True)
class Section:
    """A section and its tasks; tasks before any section belong to one with an empty name."""

    name: str
    tasks: list[Task] = field(default_factory=list)
    line: int = field(default=1, compare=False)
    """Where it starts: its `section` line, or the first task of tasks before any section."""


@dataclass(slots=True)
class Diagram:
    """What a Mermaid journey diagram says, as cjmctl can carry it over."""

    title: str = ""
    accessible_title: str = ""
    description: str | None = None
    sections: list[Section] = field(default_factory=list)
    line: int = field(default=1, compare=False)
    """Where it starts: the `journey` line."""


@dataclass(slots=True)
class _Reader:
    diagram: Diagram = field(default_factory=Diagram)
    warnings: list[Skipped] = field(default_factory=list)
    front_title: str = ""
    started: bool = False
    block: list[str] | None = None
    block_line: int = 0
    block_column: int = 1
    column: int = 1  # where the text of the line being read starts

    def warn(self, line: int, message: str, column: int | None = None) -> None:
        self.warnings.append(Skipped(line, message, self.column if column is None else column))

    def section(self, line: int) -> Section:
        if not self.diagram.sections:
            self.diagram.sections.append(Section("", line=line))
        return self.diagram.sections[-1]


def _words(text: str) -> str:
    """Text as Mermaid shows it: runs of whitespace are one space in the SVG."""
    return " ".join(text.split())


def _name(text: str) -> str:
    """A section or task name as Mermaid draws it: `<br>` a line break, each line's words."""
    return "\n".join(_words(line) for line in _BREAK.split(text)).strip("\n")


def _quoted(text: str) -> str:
    return "'" + printable(shorten(text)) + "'"


def _front_matter(lines: list[str], reader: _Reader) -> int:
    """Read a `---` block at the top for its title; return the index of the first line after."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip() != "---":
        return 0
    reader.column = _column(lines[first])
    end = next((i for i in range(first + 1, len(lines)) if lines[i].strip() == "---"), None)
    if end is None:
        reader.warn(first + 1, _("front matter started with '---' is never closed; skipped"))
        return len(lines)
    # The journeys' reader, with their limits: no recursion, bounded aliases and nesting. The
    # lines before stay as empty ones, so that every position it gives is the file's.
    try:
        meta, source, problems = yamltree.parse(
            "\n".join([""] * (first + 1) + lines[first + 1 : end])
        )
    except yamltree.YamlError as error:
        meta, source, problems = None, None, error.problems
    for problem in problems:
        message = (
            _("front matter: {message}; skipped") if meta is None else _("front matter: {message}")
        )
        reader.warn(problem.line, message.format(message=problem.message), problem.column)
    if isinstance(meta, dict) and source is not None and meta.get("title") is not None:
        raw = source.entries["title"].raw  # the text of `title: 2024`, as the user wrote it
        title = raw if raw is not None else meta["title"]
        reader.front_title = _words(title) if isinstance(title, str) else ""
    return end + 1


def _column(line: str) -> int:
    return len(line) - len(line.lstrip()) + 1


def _score(text: str, number: int, reader: _Reader) -> int | None:
    if not _NUMBER.fullmatch(text) or not math.isfinite(value := float(text)):
        message = _("score {score} is not a number; the task has no emotion")
        reader.warn(number, message.format(score=_quoted(text)))
        return None
    score = min(5, max(1, math.floor(value + 0.5)))
    if not 1 <= value <= 5:
        message = _("score {score} is out of range 1..5; read as {read}")
        reader.warn(number, message.format(score=_quoted(text), read=score))
    elif score != value:
        message = _("score {score} is not a whole number; read as {read}")
        reader.warn(number, message.format(score=_quoted(text), read=score))
    return score


def _actors(text: str, column: int, number: int, reader: _Reader) -> tuple[str, ...]:
    """Read the actors after a task's second `:`; `column` is where `text` starts.

    Mermaid splits at every `,` and draws an empty actor where two separators meet or the
    list ends in one; a persona needs a name, so an empty one is left out, with a warning.
    """
    actors: dict[str, None] = {}
    for piece in text.split(","):
        if piece.strip():
            actors[_words(piece)] = None
        else:
            reader.warn(
                number,
                _(
                    "empty actor, left out: Mermaid draws an actor without a name here; "
                    "remove the extra ',' or ':'"
                ),
                column,
            )
        column += len(piece) + 1
    return tuple(actors)


def _task(body: str, number: int, reader: _Reader) -> None:
    match = _TASK.fullmatch(body)
    if match is None or not _name(match.group(1)):
        reader.warn(number, _unsupported(body))
        return
    pieces = match.group(2).split(":")
    actors: tuple[str, ...] = ()
    if len(pieces) > 1:
        column = reader.column + match.end(1) + 1 + len(pieces[0]) + 1
        actors = _actors(pieces[1], column, number, reader)
    if len(pieces) > 2:
        ignored = ":".join(pieces[2:])
        message = _("text after the actors is ignored: {text}")
        reader.warn(number, message.format(text=_quoted(ignored)))
    score = _score(pieces[0].strip(), number, reader)
    reader.section(number).tasks.append(Task(_name(match.group(1)), score, actors))


def _unsupported(body: str) -> str:
    return _(
        "unsupported line {line}, skipped: expected title, section, tasks "
        "`Name: score: Actor, ...`, accTitle, accDescr, %% comments"
    ).format(line=_quoted(body))


def _statement(line: str, number: int, reader: _Reader) -> None:
    """Read one line that is not blank, a comment or inside an accDescr block."""
    if match := _ACC_TITLE.match(line):
        reader.diagram.accessible_title = _words(match.group(1))
        return
    if match := _ACC_DESCR.match(line):
        reader.diagram.description = _words(match.group(1))
        return
    if match := _ACC_BLOCK.match(line):
        reader.block, reader.block_line, reader.block_column = [], number, reader.column
        reader.column += match.start(1)
        _block_line(match.group(1), number, reader)
        return
    body = line.split("#", 1)[0].rstrip()
    if ";" in body:
        message = _("unsupported line {line}, skipped: Mermaid rejects ';'")
        reader.warn(number, message.format(line=_quoted(body)))
        return
    if _HEADER.match(body) and not reader.started and not body[7:].strip():
        reader.started, reader.diagram.line = True, number
        return
    if not reader.started:
        reader.started, reader.diagram.line = True, number
        message = _("expected 'journey' first, found {line}; read on as one")
        reader.warn(number, message.format(line=_quoted(body)))
    if match := _TITLE.match(body):
        reader.diagram.title = _words(match.group(1))
    elif match := _SECTION.match(body):
        name, colon, rest = match.group(1).partition(":")
        if colon:
            message = _("a section name ends at ':'; {text} is ignored")
            reader.warn(number, message.format(text=_quoted(colon + rest)))
        reader.diagram.sections.append(Section(_name(name), line=number))
    elif _HEADER.match(body):
        reader.warn(number, _unsupported(body))
    else:
        _task(body, number, reader)


def _block_line(text: str, number: int, reader: _Reader) -> None:
    """Take one line of an `accDescr { ... }` block; the first `}` ends it.

    Mermaid reads on after the `}` as after a line break: `} title Hi` sets the title.
    `text` starts at `reader.column`.
    """
    assert reader.block is not None
    inside, closing, after = text.partition("}")
    reader.block.append(_words(inside))
    if not closing:
        return
    reader.diagram.description = "\n".join(t for t in reader.block if t) or None
    reader.block = None
    if statement := after.strip():
        reader.column += len(text) - len(after.lstrip())
        if statement[0] not in "%#":
            _statement(statement, number, reader)


def parse(text: str) -> tuple[Diagram, list[Skipped]]:
    """Read a Mermaid journey diagram; what cannot be read becomes a warning at its line."""
    reader = _Reader()
    lines = [_CONTROL.sub(" ", line) for line in _LINE_BREAK.split(text)]
    for index in range(_front_matter(lines, reader), len(lines)):
        line, number = lines[index].strip(), index + 1
        reader.column = _column(lines[index])
        if reader.block is not None:
            _block_line(line, number, reader)
        elif line and line[0] not in "%#":
            _statement(line, number, reader)
    if reader.block is not None:
        reader.warn(
            reader.block_line,
            _("accDescr {{ is never closed with '}}'; read to the end").format(),
            reader.block_column,
        )
        reader.diagram.description = "\n".join(t for t in reader.block if t) or None
    diagram = reader.diagram
    diagram.title = diagram.title or reader.front_title
    reader.section(reader.diagram.line)  # a journey has at least one stage
    return diagram, sorted(reader.warnings)


def scalar(value: str) -> str:
    """Write one string as a YAML scalar, quoted wherever a YAML reader would retype it."""
    style = '"' if "\n" in value else None
    dumped = yaml.safe_dump(value, allow_unicode=True, width=1 << 30, default_style=style)
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if dumped == value and (resolve_plain(value) is not value or _YAML12_NUMBER.fullmatch(value)):
        dumped = "'" + value.replace("'", "''") + "'"
    return dumped


@dataclass(slots=True)
class _Persona:
    id: str = ""


def _persona_ids(diagram: Diagram) -> dict[str, str]:
    """Map each actor, in order of first appearance, to the persona id derived from its name."""
    actors = dict.fromkeys(a for s in diagram.sections for t in s.tasks for a in t.actors)
    parts = {actor: _Persona() for actor in actors}
    derive_ids(("persona", part, actor) for actor, part in parts.items())
    return {actor: part.id for actor, part in parts.items()}


Emotion = int | dict[str, int] | None


def _touchpoints(section: Section, ids: dict[str, str]) -> list[tuple[str, Emotion]]:
    merged: list[tuple[str, Emotion]] = []
    for task in section.tasks:
        emotion: Emotion = None
        if task.score is not None:
            score = task.score - 3
            emotion = {ids[a]: score for a in task.actors} if task.actors else score
        if merged and isinstance(emotion, dict):
            name, previous = merged[-1]
            if name == task.name and isinstance(previous, dict) and not previous.keys() & emotion:
                previous.update(emotion)
                continue
        merged.append((task.name, emotion))
    return merged


def _emotion(emotion: int | dict[str, int]) -> str:
    if isinstance(emotion, int):
        return str(emotion)
    return "{" + ", ".join(f"{scalar(key)}: {value}" for key, value in emotion.items()) + "}"


def _locale(diagram: Diagram) -> str:
    texts = [diagram.title, *(s.name for s in diagram.sections)]
    texts += [t.name for s in diagram.sections for t in s.tasks]
    return "ru" if any(_CYRILLIC.search(text) for text in texts) else "en"


def _named(diagram: Diagram) -> tuple[Diagram, list[Skipped]]:
    """Name what the diagram leaves unnamed: a journey needs a title and stage names."""
    labels = LABELS[_locale(diagram)]
    notes: list[Skipped] = []
    title = diagram.title
    if not title:
        title = labels["journey"]
        message = _("no title; the journey is called {title}")
        notes.append(Skipped(diagram.line, message.format(title=_quoted(title))))
    stage = labels["stage"]
    for section in diagram.sections:
        if not section.name:
            message = _("no section name; the stage is called '{stage}'")
            notes.append(Skipped(section.line, message.format(stage=stage)))
    sections = [replace(s, name=s.name or stage) for s in diagram.sections]
    return replace(diagram, title=title, sections=sections), notes


def to_yaml(diagram: Diagram) -> str:
    """Write a diagram as journey YAML in block style, a schema comment on the first line."""
    ids = _persona_ids(diagram)
    lines = [SCHEMA_COMMENT, "cjm: 1", f"title: {scalar(diagram.title)}"]
    if diagram.description:
        lines.append(f"description: {scalar(diagram.description)}")
    if diagram.accessible_title:
        lines.append(f"accessible_title: {scalar(diagram.accessible_title)}")
    if _locale(diagram) == "ru":
        lines.append("locale: ru")  # i18n: not shown
    if ids:
        lines.append("personas:")
        for actor, pid in ids.items():
            lines += [f"  - id: {scalar(pid)}", f"    name: {scalar(actor)}"]
    lines.append("stages:")
    for section in diagram.sections:
        lines.append(f"  - name: {scalar(section.name)}")
        touchpoints = _touchpoints(section, ids)
        if touchpoints:
            lines.append("    touchpoints:")
        for name, emotion in touchpoints:
            lines.append(f"      - name: {scalar(name)}")
            if emotion is not None:
                lines.append(f"        emotion: {_emotion(emotion)}")
    return "\n".join(lines) + "\n"


def import_mermaid(text: str) -> tuple[str, list[Skipped]]:
    """Convert a Mermaid `journey` diagram into journey YAML; return it with the warnings."""
    diagram, warnings = parse(text)
    named, notes = _named(diagram)
    return to_yaml(named), sorted(warnings + notes)
