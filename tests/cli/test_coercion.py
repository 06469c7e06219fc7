"""Values coerced without pydantic (`cjmctl.cli.coercion`) are what typer's adapters make of them.

The differential test runs every parameter of the real command tree over values right and
wrong: the quick coercion gives the same type and value as typer's own, or the same error.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, get_args, get_origin

import pytest
import typer
import typer._adapters
from typer._click.exceptions import BadParameter
from typer._coercion import RuntimeParam, build_runtime_param
from typer.core import _TyperParameter

from cjmctl.cli import app
from cjmctl.cli import clickwords as clickwords_module
from cjmctl.cli.coercion import DECLINED, QuickParam, quick, quicken

Cli = Callable[..., tuple[int, str]]
VALID = "examples/furniture-store.yaml"

STRINGS = ["x", "", " a ", "é", "a\udcffb", "-", "--", "a,b", "0"]
PATHS: list[Any] = [
    VALID,
    "examples",
    "examples/",
    "./examples/furniture-store.yaml",
    "examples//shared",
    "missing.yaml",
    "missing/",
    "",
    "-",
    "~/x",
    " examples ",
    "a\0b",
    "a\udcffb",
    Path(VALID),
    Path("examples"),
    Path("missing"),
    b"examples",
    7,
]
INTS: list[Any] = ["1", "4", "0", "007", "+5", "1_000", " 5", "5 ", "-1", "5.0", "1e3", "abc"]
INTS += ["٣", "１", "", "1" * 18, "1" * 19, "9" * 30, 4, 0, -3, True, 5.0]
FLOATS: list[Any] = ["0.5", "5", "0", "007.5", " 5", "1_0", ".5", "5.", "1e2", "inf", "nan"]
FLOATS += ["-1", "abc", "", 600.0, 120.0, 0.5, 0.001, 1e9, 5, float("nan"), float("inf"), True]
BOOLS: list[Any] = ["true", "1", "", "no", "x", 1, 0]
ANYTHING: list[Any] = [None, 3, "x"]


def _params() -> Iterator[tuple[str, _TyperParameter, Any]]:
    """(command path, parameter, context) for every parameter of every command, help included."""

    def walk(command: Any, path: str, parent: Any) -> Iterator[tuple[str, _TyperParameter, Any]]:
        ctx = command.context_class(command, info_name=path.rpartition(" ")[2], parent=parent)
        for param in command.get_params(ctx):
            assert isinstance(param, _TyperParameter), (path, param)
            yield path, param, ctx
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, f"{path} {name}", ctx)

    yield from walk(typer.main.get_command(app), "cjmctl", None)


def _samples(annotation: Any) -> list[Any]:
    """Values for a parameter of `annotation`: right ones, wrong ones, of other types."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        values = [member.value for member in annotation]
        return [
            *values,
            *list(annotation),
            *(value.upper() for value in values),
            *(f" {value}" for value in values),
            "nope",
            "",
            3,
        ]
    return {str: STRINGS, Path: PATHS, int: INTS, float: FLOATS, bool: BOOLS}.get(
        annotation, ANYTHING
    )


def _values(param: _TyperParameter) -> list[Any]:
    """Values as click hands them to `param`: alone, or a tuple of them for a list."""
    annotation: Any = param.type_descriptor.annotation
    if get_origin(annotation) is not list:
        return [None, *_samples(annotation)]
    items = _samples(get_args(annotation)[0])
    return [None, (), *((item,) for item in items), tuple(items[:3]), [items[0]], "one"]


def _outcome(
    runtime: RuntimeParam, value: Any, param: _TyperParameter, ctx: Any
) -> tuple[str, Any]:
    """What a coercion gave: its value with the types inside, or the error as people see it."""
    try:
        value = runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as error:
        return "usage error", (error.format_message(), error.param)
    except Exception as error:
        return "error", (type(error), str(error))
    if isinstance(value, (list, tuple)):
        return "value", (type(value), [(type(item), item) for item in value])
    return "value", (type(value), value)


def test_quick_coercion_is_typers_for_every_parameter_and_value() -> None:
    checked = fast = 0
    for path, param, ctx in _params():
        descriptor = param.type_descriptor
        for value in _values(param):
            typers = _outcome(build_runtime_param(descriptor), value, param, ctx)
            ours = QuickParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
            assert _outcome(ours, value, param, ctx) == typers, (path, param.name, value)
            checked += 1
            multiple = param.multiple or param.nargs == -1
            if value is None or (multiple and isinstance(value, str)):
                continue  # RuntimeParam.coerce answers itself, before any coercion
            if quick(value, param, ctx) is not DECLINED:
                assert typers[0] == "value", (path, param.name, value)
                fast += 1
    assert checked > 1000
    assert fast > 200  # the quick path is taken, not declined throughout


@pytest.mark.parametrize(
    ("annotation", "value"),
    [
        ("paths", (VALID, "examples")),
        ("paths", (Path(VALID),)),
        ("fmt", "json"),
        ("fmt", "text"),
        ("exclude", ("x/**", "y")),
    ],
)
def test_validates_usual_values_are_coerced_quickly(annotation: str, value: Any) -> None:
    validate = {(p, param.name): (param, ctx) for p, param, ctx in _params()}
    param, ctx = validate["cjmctl validate", annotation]
    assert quick(value, param, ctx) is not DECLINED


def test_validate_parses_every_parameter_quickly() -> None:
    """Loud when typer's internals change: `quicken` would leave typer's coercion silently."""
    root: Any = typer.main.get_command(app)
    ctx = root.make_context("cjmctl", ["validate", VALID, "-F", "json", "-x", "a", "-q"])
    validate = root.get_command(ctx, "validate")
    assert validate is not None
    sub = validate.make_context("validate", [VALID, "-F", "json", "-x", "a", "-q"], parent=ctx)
    for command, context in ((root, ctx), (validate, sub)):
        params = command.get_params(context)
        assert params
        assert all(isinstance(p._runtime_param, QuickParam) for p in params)
    assert sub.params["paths"] == [Path(VALID)]


def _no_adapters(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a pydantic TypeAdapter built for a command-line value")

    monkeypatch.setattr(typer._adapters, "try_build_adapter", refused)
    monkeypatch.setattr(typer._adapters, "disabled_pydantic_plugins", refused)


@pytest.mark.parametrize(
    "args",
    [
        ["validate", VALID],
        ["--lang", "ru", "validate", "-F", "json", "-q", "-x", "shared", "examples"],
        ["stats", VALID, "-F", "json"],
        [
            "lint",
            VALID,
            "--disable",
            "stale-map",
            "--fail-on",
            "stale-map",
            "--today",
            "2030-01-01",
        ],
        ["schema", "theme"],
    ],
)
def test_a_usual_call_builds_no_type_adapter(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    _no_adapters(monkeypatch)
    assert cli(*args)[0] in {0, 1}


INVOCATIONS = [
    ["validate", VALID],
    ["validate", "./examples/furniture-store.yaml", "examples/"],
    ["validate", "-F", "nope", VALID],
    ["validate", "-F", "JSON", VALID],
    ["validate", "missing.yaml"],
    ["validate"],
    ["--data-root", "missing", "validate", VALID],
    ["--data-root", VALID, "validate", VALID],
    ["--data-root", "./examples/", "validate", VALID],
    ["--lang", "xx", "validate", VALID],
    ["render", "--jobs", "0", VALID],
    ["render", "--jobs", "abc", VALID],
    ["render", "--jobs", "-1", VALID],
    ["render", "--dot-timeout", "0", VALID],
    ["render", "--dot-timeout", "nan", VALID],
    ["render", "--dot-timeout", "1e9", VALID],
    ["render", "--browser-timeout", "inf", VALID],
    ["render", "--direction", "lr", VALID],
    ["render", "--state", "nope", VALID],
    ["render", "--check", "-q", "--jobs", "+1", "-f", "md", VALID],
    ["watch", "--interval", "0.01", VALID],
    ["site", "--jobs", "007", "--check", "missing"],
    ["stats", "-F", "nope", VALID],
    ["schema", "nope"],
    ["diff", "missing-a.yaml", "missing-b.yaml"],
    ["init", "--template", "nope", "-"],
]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("args", INVOCATIONS, ids=" ".join)
def test_what_people_see_is_what_typer_alone_says(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, lang: str, args: list[str]
) -> None:
    argv = ["--lang", lang, *args]
    quick_output = cli(*argv)
    monkeypatch.setattr(clickwords_module, "quicken", lambda _params: None)
    assert cli(*argv) == quick_output


def test_a_parameter_of_another_kind_is_left_to_typer() -> None:
    class Other:
        type_descriptor = None
        _runtime_param = None

    plain = Other()
    quicken([plain, object()])
    assert plain._runtime_param is None
