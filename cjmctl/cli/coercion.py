"""Command-line values made what their parameters declare, without pydantic where it is plain.

typer 0.29 coerces every value, `None` included, through a pydantic TypeAdapter that it builds
on a parameter's first use, in every process: for `cjmctl validate FILE`, ten adapters and
typer's adapter module before the command runs (about 20 ms of CPU of 0.4 s), and for
`cjmctl validate --help` or a missing argument, all of pydantic (half of the run).
For the kinds cjmctl's options are (a str, a Path, an int, an Enum, a list of them) the adapter
only wraps one of typer's own functions, so `quick` calls that function itself. Where the
result might differ in any way, wrong values above all, it declines, and typer's adapter
coerces the value and words the error, so every usage error stays typer's, byte for byte.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, get_args, get_origin

from typer._coercion import RuntimeParam, build_runtime_param
from typer._param_types import (
    choice_coercion_annotation,
    coerce_cli_choice,
    coerce_cli_path,
    routes_to_path,
)
from typer._typing import is_number_type

if TYPE_CHECKING:
    from collections.abc import Iterable

    from typer._click import Context
    from typer.core import _TyperParameter
    from typer.models import ParameterInfo


class _Declined(Enum):
    DECLINED = "declined"


DECLINED: Final = _Declined.DECLINED
"""What `quick` returns for a value it leaves to typer's adapter."""

_MAX_DIGITS = 18
"""The longest int `quick` reads: far past any count of jobs, far short of int()'s limits."""


def quick(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    """What typer's adapter makes of `value` for `param`, or DECLINED where it may differ.

    A value that one of typer's functions refuses is declined, whatever it raised: typer's own
    path raises it again, in its own words.
    """
    try:
        return _value(value, param, ctx)
    except Exception:
        return DECLINED


def _value(value: Any, param: _TyperParameter, ctx: Context) -> Any:
    """As typer's `build_adapter`: a list item by item, a value not in a list as a list of one."""
    descriptor = param.type_descriptor
    annotation: Any = descriptor.annotation
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None:
        return DECLINED
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        values = value if isinstance(value, (list, tuple)) else [value]
        items = [_leaf(one, item, info, param, ctx) for one in values]
        return DECLINED if any(one is DECLINED for one in items) else items
    return _leaf(value, annotation, info, param, ctx)


def _leaf(
    value: Any, annotation: Any, info: ParameterInfo, param: _TyperParameter, ctx: Context
) -> Any:
    """One value, the kinds tried in the order of typer's `build_leaf_adapter`."""
    if info.parser is not None:
        return DECLINED
    choice = choice_coercion_annotation(annotation, info)
    if choice is not None:  # the adapter: coerce_cli_choice, its result as it is (Any)
        return coerce_cli_choice(value, choices=choice[0], case_sensitive=choice[1], ctx=ctx)
    if is_number_type(annotation):
        return _number(value, annotation, info)
    if annotation is str:  # the adapter: str(value) of a str, the same str
        return value if type(value) is str else DECLINED
    if routes_to_path(annotation, info):  # not for a bool, a datetime, a UUID: declined
        return _path(value, annotation, info, param, ctx)
    return DECLINED


def _number(value: Any, annotation: type[Any], info: ParameterInfo) -> Any:
    """An int or float already, or an int of plain digits, within `min` and `max`.

    pydantic reads more (`+5`, `1_000`, ` 5`, `5.0`, a float of an int): those are declined.
    """
    if info.clamp:
        return DECLINED
    if annotation is int and type(value) is str and value.isascii() and value.isdigit():
        if len(value) > _MAX_DIGITS:
            return DECLINED
        value = int(value)
    if annotation not in {int, float} or type(value) is not annotation:
        return DECLINED
    if annotation is float and not math.isfinite(value):
        return DECLINED
    if (info.min is not None and not value >= info.min) or (
        info.max is not None and not value <= info.max
    ):
        return DECLINED
    return value


def _path(
    value: Any, annotation: Any, info: ParameterInfo, param: _TyperParameter, ctx: Context
) -> Any:
    """A `Path`, checked by typer's `coerce_cli_path`, as its adapter does.

    The adapter makes a str a Path with a TypeAdapter(Path), which is `Path(value)`, built anew
    for every value; a check that fails is declined, for typer to word with the str given.
    """
    if info.path_type is not None or annotation is not Path:  # a str, bytes, a PosixPath
        return DECLINED
    if type(value) is str:
        value = Path(value)
    elif not isinstance(value, Path):
        return DECLINED
    return coerce_cli_path(value, info, path_type=Path, param=param, ctx=ctx)


@dataclass(frozen=True)
class QuickParam(RuntimeParam):
    """typer's coercion of one parameter, through `quick`, then typer's adapter if it declines.

    `RuntimeParam.coerce` turns `None` into `None` or `()` itself, before any of this.
    """

    def _coerce_value(self, value: Any, param: _TyperParameter, ctx: Context) -> Any:
        result = quick(value, param, ctx)
        if result is not DECLINED:
            return result
        own = param._runtime_param = build_runtime_param(param.type_descriptor)
        return own._coerce_value(value, param=param, ctx=ctx)


def quicken(params: Iterable[object]) -> None:
    """Coerce the values of typer's `params` through `QuickParam`.

    A parameter of another kind (click's own) is left as it is, and if typer's `RuntimeParam`
    takes another shape (typer's internals changed), none is: typer then coerces every value.
    """
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is None or getattr(param, "_runtime_param", False) is not None:
            continue
        try:
            runtime = QuickParam(
                parameter_info=descriptor.parameter_info, annotation=descriptor.annotation
            )
        except TypeError:  # typer's RuntimeParam took another shape: typer coerces alone
            return
        param._runtime_param = runtime  # type: ignore[attr-defined]
