"""Shared files: personas, channels, research, metrics and outlets that many journeys use.

A project file (`cjmctl.yaml`) names shared files for every journey under it, and a journey or a
shared file can `include:` more. Together they form the journey's registry. A journey takes a
shared part by writing its id as an entry of the list (`personas: [anna]`), or overrides some of
its fields with a mapping that has the same id (`- {id: anna, summary: ...}`: its keys win).
This module reads the registry; `splice` puts the parts a journey takes into it.
"""

from __future__ import annotations

import dataclasses
import functools
import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ConfigDict, Field

from cjmctl.i18n import N_, _, language
from cjmctl.journey import checks, messages, sharedtheme, yamltree
from cjmctl.journey.audits import Outlet
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.fieldtypes import Name, Text
from cjmctl.journey.metricdata import DataFileError
from cjmctl.journey.metrics import Metric
from cjmctl.journey.model import Channel, Persona
from cjmctl.journey.parts import Part
from cjmctl.journey.project import MAX_SHARED_FILES, PROJECT_FILE
from cjmctl.journey.research import Research
from cjmctl.journey.sharedtheme import SharedTheme
from cjmctl.journey.terms import term_ru
from cjmctl.journey.theme import Theme
from cjmctl.journey.yamltree import Source

if TYPE_CHECKING:
    from cjmctl.journey.reading import DataFiles


LISTS = {
    "personas": "persona",
    "channels": "channel",
    "research": "research entry",  # i18n: not shown (schema, English)
    "metrics": "metric",
    "outlets": "outlet",
}
"""The lists of a journey whose entries may come from shared files, and what one entry is."""
_NEEDS_ID = {
    "personas": N_("a shared persona needs an `id`"),
    "channels": N_("a shared channel needs an `id`"),
    "research": N_("a shared research entry needs an `id`"),
    "metrics": N_("a shared metric needs an `id`"),
    "outlets": N_("a shared outlet needs an `id`"),
}
"""What a shared part of each list without an id is told, translated where said."""


class Shared(Part):
    """A shared file: parts that the journeys of a project take by id."""

    model_config = ConfigDict(title="cjmctl shared parts")

    include: list[Text] = Field(
        default_factory=list,
        description="More shared files, relative to this one, inside the project.",
        examples=[["personas.yaml"]],
    )
    personas: list[Persona] = Field(
        default_factory=list,
        description="Personas journeys take by id.",
        json_schema_extra=term_ru("Персоны"),
    )
    channels: list[Channel] = Field(
        default_factory=list,
        description="Channels journeys take by id.",
        json_schema_extra=term_ru("Каналы"),
    )
    research: list[Research] = Field(
        default_factory=list,
        description="Research that journeys take by id. Scores, ratings and "
        "visits name touchpoints, which every journey taking the entry must have: keep them in "
        "the journey, overriding the entry (`- {id: csat, scores: {...}}`).",
        json_schema_extra=term_ru("Исследования"),
    )
    metrics: list[Metric] = Field(
        default_factory=list,
        description="KPIs journeys take by id.",
        json_schema_extra=term_ru("Метрики"),
    )
    outlets: list[Outlet] = Field(
        default_factory=list,
        description="Outlets journeys take by id.",
        json_schema_extra=term_ru("Точки продаж"),
    )
    theme: Theme | None = Field(
        None,
        description="The theme of every journey that reads this file; a journey's "
        "own `theme:` changes its fields. One shared file of a journey may give one.",
        json_schema_extra=term_ru("Оформление"),
    )


class Project(Part):
    """The project file `cjmctl.yaml`: its folder is a project of journeys."""

    model_config = ConfigDict(title="cjmctl project")

    project: Literal[1] = Field(
        description="Format version of the project file. Always 1 for now.", examples=[1]
    )
    title: Name = Field(description="The project's title, shown on its site.", examples=["CX maps"])
    description: Text | None = Field(
        None, description="What the project's maps cover.", examples=["Every journey of Acme."]
    )
    owner: Text | None = Field(None, description="Who keeps the project.", examples=["CX team"])
    shared: list[Text] = Field(
        default_factory=list,
        description="Shared files every journey of the project may take parts from, relative "
        "to this file.",
        examples=[["shared/personas.yaml", "shared/channels.yaml"]],
    )
    exclude: list[Text] = Field(
        default_factory=list,
        description="Patterns of YAML files under the project that are not journeys, such as "
        "test fixtures (`invalid/*`). Shared files and this file are never journeys.",
        examples=[["drafts/*"]],
    )


@dataclass(frozen=True, slots=True)
class Entry:
    """One shared part: the list it belongs in, its plain data, and its positions."""

    key: str
    id: str
    value: dict[str, Any]
    source: Source
    file: str


@dataclass(slots=True)
class Registry:
    """Every shared part one journey may take, by id, and the files they came from."""

    entries: dict[str, Entry] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    """Every shared file read, the project file first, in the order they were read."""
    theme: SharedTheme | None = None

    def find(self, key: str, part_id: str) -> Entry | None:
        """The shared part `part_id` if it belongs in the list `key`."""
        entry = self.entries.get(part_id)
        return entry if entry is not None and entry.key == key else None

    def ids(self, key: str) -> list[str]:
        """The ids of the shared parts of the list `key`, in the order they were read."""
        return [e.id for e in self.entries.values() if e.key == key]


@dataclass(slots=True)
class _Reading:
    journey: str
    files: DataFiles
    registry: Registry = field(default_factory=Registry)
    problems: list[Diagnostic] = field(default_factory=list)
    read: set[str] = field(default_factory=set)
    """The identities (real paths) of the shared files read: one file may have many names."""

    def problem(self, file: str, node: Source, message: str, hint: str, rule: str) -> None:
        message = used_by(message, file, self.journey)
        self.problems.append(
            Diagnostic(file, node.line, node.column, message, "", hint, "error", rule)
        )


def used_by(message: str, file: str, journey: str) -> str:
    """A message about `file` that names the journey that read it, where that is another file."""
    if file == journey:
        return message
    return _("{message} (used by {journey})").format(message=message, journey=journey)


def gather(value: dict[str, Any], source: Source, name: str, files: DataFiles | None) -> Registry:
    """Read the project's shared files and the journey's includes into one registry.

    Raises:
        JourneyError: a shared file is missing, invalid, in a cycle, or defines an id twice.
    """
    refs = _refs(value, source)
    if files is None:
        if refs:
            message = _("the shared files of a journey read from standard input cannot be found")
            hint = _("give the journey's path instead, so its files are read beside it")
            at = refs[0][1]
            raise JourneyError(
                [Diagnostic(name, at.line, at.column, message, "include", hint, "error", "io")]
            )
        return Registry()
    reading = _read(refs, name, files)
    if reading.problems:
        raise JourneyError(reading.problems)
    return reading.registry


def files_read(value: dict[str, Any], source: Source, name: str, files: DataFiles) -> list[str]:
    """The project and shared files a journey reads, the broken ones too, as `gather` names them.

    For tools that follow them (`watch`, `validate` of a project): a shared file broken at the
    last save is still one of the journey's files.
    """
    return _read(_refs(value, source), name, files).registry.files


def _refs(value: dict[str, Any], source: Source) -> list[tuple[Any, Source]]:
    """The journey's `include:` entries, each with its position.

    A plain scalar that YAML typed (`include: [2024]`) is the path written, as in every text
    field: the model reads it so (`loader.validate_as`), and it must not be skipped here.
    """
    includes, node = value.get("include"), source.entries.get("include")
    if not isinstance(includes, list) or node is None:
        return []
    return [
        (ref if isinstance(ref, str) or ref is None or item.raw is None else item.raw, item)
        for ref, item in zip(includes, node.items, strict=False)
    ]


def _read(refs: list[tuple[Any, Source]], name: str, files: DataFiles) -> _Reading:
    reading = _Reading(name, files)
    try:
        project = reading.files.project()
    except DataFileError as error:
        reading.problems.append(
            Diagnostic(name, 1, 1, error.message, "", error.hint, "error", "io")
        )
        project = None
    if project is not None:
        _project(reading, project)
    for ref, at in refs:
        if isinstance(ref, str):
            _include(reading, ref, name, at, ((files.identity(), name),))
    return reading


def _project(reading: _Reading, ref: str) -> None:
    try:
        data, shown, identity = reading.files.fetch_shared(ref)
    except DataFileError as error:
        reading.problems.append(
            Diagnostic(reading.journey, 1, 1, error.message, "", error.hint, "error", "io")
        )
        return
    parsed = _parse(data, shown, Project)
    reading.registry.files.append(shown)
    reading.read.add(identity)
    if parsed.problems:
        reading.problems += [_used_by(p, reading.journey) for p in parsed.problems]
        return
    folder = posixpath.dirname(ref)
    node = parsed.source.entries.get("shared")
    for i, shared in enumerate(parsed.value.get("shared", [])):
        assert node is not None
        _include(reading, posixpath.join(folder, shared), shown, node.items[i], ())


def _include(
    reading: _Reading, ref: str, by: str, at: Source, chain: Sequence[tuple[str, str]]
) -> None:
    """Read the shared file `ref` (relative to the journey) that `by` names at `at`.

    `chain` holds the shared files (identity, shown name) whose includes led here.
    """
    if len(reading.registry.files) >= MAX_SHARED_FILES:
        reading.problem(
            by,
            at,
            _("more than {n} shared files").format(n=MAX_SHARED_FILES),
            _("a registry of a few files is enough; merge some"),
            "include",
        )
        return
    try:
        data, shown, identity = reading.files.fetch_shared(ref)
    except DataFileError as error:
        reading.problem(by, at, error.message, error.hint, "io")
        return
    identities = [i for i, _ in chain]
    if identity in identities:
        names = [n for _, n in chain[identities.index(identity) :]]
        cycle = " -> ".join([*names, shown])
        reading.problem(
            by,
            at,
            _("include cycle: {cycle}").format(cycle=cycle),
            _("remove one of these includes"),
            "include-cycle",
        )
        return
    if identity in reading.read:
        return  # included twice through different files or names: its parts are there already
    reading.read.add(identity)
    reading.registry.files.append(shown)
    parsed = _parse(data, shown, Shared)
    if parsed.problems:
        reading.problems += [_used_by(p, reading.journey) for p in parsed.problems]
        return
    folder = posixpath.dirname(ref)
    for key in LISTS:
        node = parsed.source.entries.get(key)
        for i, item in enumerate(parsed.value.get(key, [])):
            assert node is not None
            _register(reading, key, item, node.items[i], shown)
    if parsed.value.get("theme") is not None:
        _theme(reading, parsed.value["theme"], parsed.source, shown, folder)
    node = parsed.source.entries.get("include")
    for i, nested in enumerate(parsed.value.get("include", [])):
        assert node is not None
        _include(
            reading,
            posixpath.join(folder, nested),
            shown,
            node.items[i],
            (*chain, (identity, shown)),
        )


def _register(reading: _Reading, key: str, item: dict[str, Any], node: Source, file: str) -> None:
    part_id = item.get("id")
    if not isinstance(part_id, str) or not part_id:
        reading.problem(
            file,
            node,
            _(_NEEDS_ID[key]),
            _("journeys take shared parts by id: give it one"),
            "missing-key",
        )
        return
    first = reading.registry.entries.get(part_id)
    if first is not None:
        at = node.entries.get("id", node)
        where = f"{first.file}:{first.source.line}:{first.source.column}"
        reading.problem(
            file,
            at,
            _("the id {id!r} is already defined in {place}").format(
                id=shorten(part_id), place=where
            ),
            _(
                "ids are unique across a journey and every shared file it uses: rename one, or "
                "keep one definition and take it by id"
            ),
            "duplicate-id",
        )
        return
    reading.registry.entries[part_id] = Entry(key, part_id, item, node, file)


def _theme(
    reading: _Reading, value: dict[str, Any], source: Source, file: str, folder: str
) -> None:
    at = source.keys.get("theme", (source.line, source.column))
    first = reading.registry.theme
    if first is not None:
        message, hint = sharedtheme.duplicate(first)
        reading.problem(file, Source(*at), message, hint, "duplicate-theme")
        return
    node = source.entries["theme"]
    reading.registry.theme = SharedTheme(value, node, file, at, folder)


def _used_by(problem: Diagnostic, journey: str) -> Diagnostic:
    return dataclasses.replace(problem, message=used_by(problem.message, problem.file, journey))


@dataclass(frozen=True, slots=True)
class _Parsed:
    value: dict[str, Any]
    source: Source
    problems: list[Diagnostic]


def _parse(data: bytes, shown: str, model: type[Shared] | type[Project]) -> _Parsed:
    """Read and validate one shared or project file, once per process and language."""
    return _parse_in(data, shown, model, language())


@functools.lru_cache(maxsize=256)
def _parse_in(data: bytes, shown: str, model: type[Shared] | type[Project], lang: str) -> _Parsed:
    """Read and validate one shared or project file, once per process for the same bytes.

    `lang` is only in the cache's key: its problems are said in the user's language.

    Every node of its tree is marked with the file: spliced into a journey, each still says
    where it came from. The cached data is never changed; `resolve` takes copies.
    """
    from cjmctl.journey import loader, reading  # the loader uses this module: import at call time

    try:
        text = reading.check_text(data, shown)
        value, source, problems = yamltree.parse(text)
    except JourneyError as error:
        return _Parsed({}, Source(1, 1), error.diagnostics)
    except yamltree.YamlError as error:
        return _Parsed({}, Source(1, 1), [loader.from_problem(shown, p) for p in error.problems])
    found = [loader.from_problem(shown, p) for p in problems]
    if not isinstance(value, dict):
        project = model is Project
        if value is None:
            message = _("a project file is empty") if project else _("a shared file is empty")
        else:
            message = (
                _("a project file is {kind}, not a mapping")
                if project
                else _("a shared file is {kind}, not a mapping")
            ).format(kind=messages.kind(value))
        hint = (
            _("a project file starts with `project: 1` and a `title:`")
            if project
            else _("a shared file holds lists such as `personas:` and `channels:`")
        )
        found.append(
            Diagnostic(
                shown,
                source.line,
                source.column,
                message,
                "",
                hint,
                "error",
                "structure",
            )
        )
        return _Parsed({}, source, found)
    names = checks.RawNames(value)
    found += [
        loader.from_pydantic(shown, source, e, names)
        for e in loader.validate_as(model, value, source)[1]
    ]
    _mark(source, shown)
    return _Parsed(value, source, found)


def check_file(data: bytes, shown: str) -> list[Diagnostic]:
    """Validate a project file (named `cjmctl.yaml`) or a shared file on its own, as what it is."""
    model = Project if posixpath.basename(shown.replace("\\", "/")) == PROJECT_FILE else Shared
    return list(_parse(data, shown, model).problems)


def parts(data: bytes, shown: str) -> list[Entry]:
    """The parts a shared file defines with an id, in file order; none where it is broken."""
    parsed = _parse(data, shown, Shared)
    if parsed.problems:
        return []
    found: list[Entry] = []
    for key in LISTS:
        node = parsed.source.entries.get(key)
        for i, item in enumerate(parsed.value.get(key, [])):
            if node is not None and isinstance(part_id := item.get("id"), str) and part_id:
                found.append(Entry(key, part_id, item, node.items[i], shown))
    return found


def _mark(node: Source, file: str) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        current.file = file
        stack += current.items
        stack += current.entries.values()
