"""Path -> Journey, with every problem reported at its `file:line:column`.

Bytes are checked and decoded, YAML is read with positions, the model validated and
cross-references checked; pydantic's error locations are mapped back to the YAML source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cjmctl.i18n import _, reason
from cjmctl.journey import (
    branding,
    checks,
    messages,
    metricdata,
    scale,
    shared,
    splice,
    validators,
    yamltree,
)
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, format_path
from cjmctl.journey.fieldtypes import UNION_TAGS
from cjmctl.journey.model import Journey
from cjmctl.journey.reading import DataFiles, LocalFiles, check_text, read_limited
from cjmctl.journey.theme import THEME_ERRORS
from cjmctl.journey.yamltree import Source


@dataclass(frozen=True, slots=True)
class Document:
    """A validated journey with the positions of its source, for tools that point into it."""

    journey: Journey
    source: Source
    name: str
    origins: dict[tuple[str, str], metricdata.Origin] = field(default_factory=dict)
    """Where each metric value read from a CSV file came from, by (metric id, period)."""
    inputs: tuple[str, ...] = ()
    """Every other file the journey was read from: the project file, shared files, CSVs."""
    path: Path | None = None
    """The file on disk it was read from (`read`); None for bytes, such as standard input."""
    logo: branding.Logo | None = None
    """The bytes of the theme's logo, read and checked (`branding.with_logo`)."""
    assets: tuple[str, ...] = ()
    """The files read for the map to show, not as YAML: the logo's."""

    def locate(self, loc: Sequence[str | int], *, at_key: bool = False) -> Diagnostic:
        """A diagnostic skeleton at `loc` (`("stages", 0, "name")`): file, line, column, path.

        Fill in the rest with `dataclasses.replace`. Where the file does not have the whole
        path, it points at the nearest value it has; `at_key` points at a mapping key.
        """
        node, _, path = _walk(self.source, loc)
        line, column = node.line, node.column
        if at_key and loc:
            line, column = _key_position(self.source, loc) or (line, column)
        return Diagnostic(_file(self.source, loc, self.name), line, column, "", path)

    def locate_value(self, metric: int, period: str) -> Diagnostic:
        """A diagnostic skeleton at one value of `metrics[metric]`: its CSV cell or YAML key."""
        origin = self.origins.get((self.journey.metrics[metric].id, period))
        if origin is not None:
            return Diagnostic(origin.file, origin.line, origin.column, "")
        return self.locate(("metrics", metric, "values", period), at_key=True)

    def source_at(self, loc: Sequence[str | int]) -> Source | None:
        """The source of the value at `loc`; None where the file does not hold the whole path."""
        node, walked, _ = _walk(self.source, loc)
        return node if len(walked) == len(loc) else None


def load(path: str | PathLike[str]) -> Journey:
    """Read and validate one journey file.

    Raises:
        JourneyError: the file is not a valid journey; `.diagnostics` says where and why.
        OSError: the file cannot be read.
    """
    return read(path).journey


def load_bytes(data: bytes, name: str, files: DataFiles | None = None) -> Journey:
    """Validate a journey from the bytes of a file; `name` is used in the diagnostics.

    `files` reads the data files it names; without it, a journey that names some is an error.
    """
    return read_bytes(data, name, files).journey


def load_checked(path: Path) -> tuple[Journey | None, list[Diagnostic]]:
    """Load one file for a command: an invalid or unreadable file gives diagnostics instead."""
    document, problems = read_checked(path)
    return (None if document is None else document.journey), problems


def read_checked(path: Path) -> tuple[Document | None, list[Diagnostic]]:
    """Like `load_checked`, keeping what was read with the journey (positions, the logo)."""
    try:
        return read(path), []
    except JourneyError as error:
        return None, error.diagnostics
    except OSError as error:
        message = _("cannot read the file: {reason}").format(reason=reason(error))
        return None, [Diagnostic(str(path), 1, 1, message, rule="io")]


def read(path: str | PathLike[str]) -> Document:
    """Like `load`, keeping the source positions (for lint and other tools that point)."""
    document = read_bytes(read_limited(path), str(path), LocalFiles(Path(path), str(path)))
    return replace(document, path=Path(path))


def read_bytes(data: bytes, name: str, files: DataFiles | None = None) -> Document:
    """Like `load_bytes`, keeping the source positions."""
    text = check_text(data, name)
    try:
        value, source, problems = yamltree.parse(text)
    except yamltree.YamlError as error:
        raise JourneyError([from_problem(name, p) for p in error.problems]) from None
    found = [from_problem(name, p) for p in problems]
    if value is None:
        found.append(
            Diagnostic(
                name,
                1,
                1,
                _("the file is empty"),
                hint=_("a journey starts with `cjm: 1`, a `title:` and its `stages:`"),
                rule="structure",
            )
        )
        raise JourneyError(found)
    if not isinstance(value, dict):
        found.append(
            Diagnostic(
                name,
                source.line,
                source.column,
                _("the top level must be a mapping of keys to values, not {kind}").format(
                    kind=messages.kind(value)
                ),
                hint=_("a journey starts with `cjm: 1`, a `title:` and its `stages:`"),
                rule="structure",
            )
        )
        raise JourneyError(found)
    try:
        registry = shared.gather(value, source, name, files)
    except JourneyError as error:
        raise JourneyError(found + error.diagnostics) from None
    found += splice.resolve(value, source, registry, name)
    journey, errors = _validate(value, source)
    names = checks.RawNames(value)
    found += [from_pydantic(name, source, e, names) for e in errors]
    if journey is not None:
        found += [_from_finding(name, source, f) for f in checks.check(journey, registry)]
    if found:
        raise JourneyError(found)
    assert journey is not None
    origins = _metric_files(journey, source, name, files) if journey.metric_files else {}
    inputs = (*registry.files, *dict.fromkeys(o.file for o in origins.values()))
    document = Document(journey, source, name, origins, inputs)
    return branding.with_logo(document, files, registry.theme)


def _metric_files(
    journey: Journey, source: Source, name: str, files: DataFiles | None
) -> dict[tuple[str, str], metricdata.Origin]:
    """Read and merge `metric_files`; every unreadable file and bad row is a diagnostic."""
    from cjmctl.journey import csvtable

    found: list[Diagnostic] = []
    tables: list[csvtable.Table] = []
    for i, ref in enumerate(journey.metric_files):
        node, _walked, path = _walk(source, ("metric_files", i))
        if files is None:
            message = _("the data files of a journey read from standard input cannot be found")
            hint = _("give the journey's path instead, so its files are read beside it")
            found.append(
                Diagnostic(name, node.line, node.column, message, path, hint, "error", "io")
            )
            continue
        try:
            data, shown = files.fetch(ref)
            tables.append(csvtable.read(data, shown))
        except metricdata.DataFileError as error:
            found.append(
                Diagnostic(
                    name, node.line, node.column, error.message, path, error.hint, "error", "io"
                )
            )
        except JourneyError as error:
            found += error.diagnostics
    inline: dict[tuple[str, str], Diagnostic] = {}
    for i, metric in enumerate(journey.metrics):
        for period in metric.values:
            loc = ("metrics", i, "values", period)
            node, _walked, path = _walk(source, loc)
            line, column = _key_position(source, loc) or (node.line, node.column)
            inline[(metric.id, period)] = Diagnostic(name, line, column, "", path)
    try:
        origins = metricdata.merge(journey, tables, inline)
    except JourneyError as error:
        found += error.diagnostics
    if found:
        raise JourneyError(found)
    return origins


def _validate(value: dict[str, Any], source: Source) -> tuple[Journey | None, list[Any]]:
    return validate_as(Journey, value, source, scale.context(value))


_Model = TypeVar("_Model", bound=BaseModel)


def validate_as(
    model: type[_Model],
    value: dict[str, Any],
    source: Source,
    context: dict[str, Any] | None = None,
) -> tuple[_Model | None, list[Any]]:
    """Validate; where a text field got a plain scalar that YAML typed, retry with its text.

    `title: 2024` or `feeling: yes` mean text; the parser cannot know which fields are text,
    so the first pass tells us, and the second takes the exact characters the user wrote.
    """
    for attempt in range(2):
        try:
            return validators.validate(model, value, context), []
        except ValidationError as error:
            errors = error.errors(include_url=False)
        if attempt == 1 or not _retype_text(value, source, errors):
            break
    return None, errors


def _retype_text(value: dict[str, Any], source: Source, errors: list[Any]) -> bool:
    changed = False
    for error in errors:
        if error["type"] not in {"string_type", "list_type"} or error.get("input") is None:
            continue
        node, walked, _ = _walk(source, error["loc"])
        if node.kind == "scalar" and node.raw is not None and walked:
            container: Any = value
            for key in walked[:-1]:
                container = container[key]
            container[walked[-1]] = node.raw
            changed = True
    return changed


def _walk(source: Source, loc: Sequence[str | int]) -> tuple[Source, list[str | int], str]:
    """Follow `loc` through the source tree as far as the file has it.

    Returns the deepest node reached, the keys walked to it, and the display path of the
    whole `loc` without the union tags pydantic inserts.
    """
    node, walked, shown = source, list[str | int](), list[str | int]()
    stopped = False
    for key in loc:
        is_entry = node.kind == "map" and isinstance(key, str) and key in node.entries
        if key in UNION_TAGS and not is_entry:
            continue
        shown.append(key)
        if stopped:
            continue
        if is_entry:
            assert isinstance(key, str)
            node = node.entries[key]
        elif node.kind == "seq" and isinstance(key, int) and 0 <= key < len(node.items):
            node = node.items[key]
        else:
            stopped = True
            continue
        walked.append(key)
    return node, walked, format_path(shown)


def _key_position(source: Source, loc: Sequence[str | int]) -> tuple[int, int] | None:
    parent, walked, _ = _walk(source, loc[:-1])
    if len(walked) == len([k for k in loc[:-1] if k not in UNION_TAGS]):
        return parent.keys.get(str(loc[-1]))
    return None


def _file(source: Source, loc: Sequence[str | int], name: str) -> str:
    """The file the value at `loc` is in: a shared file's, where the journey took it from one."""
    _, walked, _ = _walk(source, loc)
    node, file = source, source.file or name
    for key in walked:
        node = node.entries[key] if isinstance(key, str) else node.items[key]
        file = node.file or file
    return file


def from_pydantic(name: str, source: Source, error: Any, names: checks.RawNames) -> Diagnostic:
    """One pydantic error as a diagnostic at the value it is about."""
    loc = error["loc"]
    if error["type"] == "string_pattern_mismatch":
        finding = names.finding(loc, error.get("input"))
        if finding is not None:
            return _from_finding(name, source, finding)
    on_key = len(loc) > 1 and loc[-1] == "[key]"
    if on_key:  # pydantic's mark for a mapping key that failed: point at the key itself
        loc = loc[:-1]
    node, _, path = _walk(source, loc)
    raw = str(loc[-1]) if on_key else node.raw if node.kind == "scalar" else None
    message, hint = messages.explain({**error, "loc": loc}, raw)
    line, column = node.line, node.column
    if on_key:
        line, column = _key_position(source, loc) or (line, column)
    if error["type"] == "extra_forbidden":
        line, column = _key_position(source, loc) or (line, column)
        hint = _split_at_comma(source, loc) or hint
    file = _file(source, loc, name)
    message = shared.used_by(message, file, name)
    return Diagnostic(file, line, column, message, path, hint, "error", _rule(error["type"]))


def _split_at_comma(source: Source, loc: Sequence[str | int]) -> str | None:
    """The hint for a key that is the end of a text cut at a comma inside `{ }`, if it is one.

    `{name: Review sites (G2, Capterra)}` holds the key `Capterra)` with no value: a key
    written with no ':' in a flow mapping, after the key whose text the comma cut.
    """
    parent, walked, _ = _walk(source, loc[:-1])
    key = str(loc[-1])
    if parent.style != "flow" or len(walked) != len([k for k in loc[:-1] if k not in UNION_TAGS]):
        return None
    entry = parent.entries.get(key)
    keys = list(parent.keys)
    at = keys.index(key) if key in parent.keys else 0
    if entry is None or entry.raw != "" or at == 0:
        return None
    return messages.split_at_comma(keys[at - 1], key)


def _rule(kind: str) -> str:
    if kind == "missing":
        return "missing-key"
    if kind == "extra_forbidden":
        return "unknown-key"
    ranges = {"greater_than_equal", "less_than_equal", "greater_than", "less_than", "too_short"}
    if kind in ranges or kind == "emotion_scale":
        return "range"
    value_kinds = {"literal_error", "string_pattern_mismatch", "iso_date", "blank_text", "period"}
    value_kinds |= {"scale_order", "scale_levels", "scale_names"}
    value_kinds |= THEME_ERRORS
    if kind in value_kinds or kind == "int_parsing_size" or "date" in kind:
        return "value"
    return "type"


def _from_finding(name: str, source: Source, finding: checks.Finding) -> Diagnostic:
    node, _, path = _walk(source, finding.loc)
    line, column = node.line, node.column
    if finding.at_key:
        line, column = _key_position(source, finding.loc) or (line, column)
    file = _file(source, finding.loc, name)
    message = shared.used_by(finding.message, file, name)
    return Diagnostic(file, line, column, message, path, finding.hint, "error", finding.rule)


def from_problem(name: str, problem: yamltree.Problem) -> Diagnostic:
    """A problem of the YAML reader as a diagnostic in the file `name`."""
    return Diagnostic(
        name, problem.line, problem.column, problem.message, "", problem.hint, "error", problem.rule
    )


def data_file_refs(path: Path) -> list[str]:
    """The `metric_files` a journey names, from its YAML alone: the data files are not read.

    For `watch`, which watches those files with the journey: a CSV broken at the last save
    makes the journey fail to load, yet its fix must re-render. [] where the YAML itself does
    not give a valid journey (its own next save is watched anyway).
    """
    try:
        text = check_text(read_limited(path), str(path))
        value, source, _ = yamltree.parse(text)
    except (OSError, JourneyError, yamltree.YamlError):
        return []
    journey = _validate(value, source)[0] if isinstance(value, dict) else None
    return list(journey.metric_files) if journey else []


def shared_inputs(path: Path) -> list[str]:
    """The project file and shared files a journey reads, the broken ones too, by shown name.

    From its YAML alone, like `data_file_refs`, and for the same reason: a shared file broken
    at the last save makes the journey fail to load, yet it is still one of its files.
    """
    try:
        text = check_text(read_limited(path), str(path))
        value, source, _ = yamltree.parse(text)
    except (OSError, JourneyError, yamltree.YamlError):
        return []
    if not isinstance(value, dict):
        return []
    return shared.files_read(value, source, str(path), LocalFiles(path, str(path)))
