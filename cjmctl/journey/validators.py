"""The format's validators, built by pydantic once and kept in cjmctl's cache for later runs.

pydantic builds a model's validator from its annotations the first time the model is used:
for the journey format that cost every cjmctl call more than validating a map does, and a
pre-commit hook, an editor or `watch` calls cjmctl on one file at a time all day. What pydantic
builds is pydantic-core's schema: plain data naming our classes and functions, which pickles.
So the first run that builds a model's validator also writes it to cjmctl's cache folder
(`cjmctl/cache.py`: private to the user, or nothing, as the compiled templates are), and later
runs read it back in about a millisecond.

A cached validator is used only while everything it was built from is unchanged: the source
files of `cjmctl/journey/` (size and modification time, as `.pyc` files are checked), Python,
pydantic and pydantic-core; otherwise pydantic builds it again and the file is replaced. Each
installation of cjmctl has its own files, so two of them never undo each other's cache. The
models stay the single definition of the format: this keeps what pydantic made of them, and a
model builds itself as before when something other than validation needs it (`model_dump`,
the JSON Schema).
"""

from __future__ import annotations

import pickle
import sys
import zlib
from pathlib import Path
from typing import Any, Generic, TypeVar

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaValidator

from cjmctl import cache

_M = TypeVar("_M", bound=BaseModel)

FORMAT = 1
"""The layout of a cache file: raise it when the layout changes."""

_SOURCES = Path(__file__).parent
"""Where every model and every function its validator names are defined (`SOURCES` stamps it)."""

_loaded: dict[type[BaseModel], SchemaValidator] = {}


def validate(model: type[_M], value: object, context: dict[str, Any] | None = None) -> _M:
    """`model.model_validate(value, context=context)`, by the validator of this run or the cache.

    Raises pydantic's `ValidationError`, the same errors in the same order as the model would.
    """
    result: _M = validator(model).validate_python(value, context=context)
    return result


class Default(Generic[_M]):
    """`Field(default_factory=Default(Empathy))`: a part left out is `Empathy()`, validated here.

    `default_factory=Empathy` would build Empathy's own validator in every run that meets a
    persona without one; and this, unlike a closure, can be named in a cached validator.
    """

    def __init__(self, model: type[_M]) -> None:
        self.model = model

    def __call__(self) -> _M:  # noqa: D102
        return validate(self.model, {})


def validator(model: type[BaseModel]) -> SchemaValidator:
    """The model's validator: read from its cache file, or built by pydantic and then cached."""
    found = _loaded.get(model)
    if found is None:
        path = cache_file(model)
        found = _read(path, _stamp()) if path else None
        if found is None:
            model.model_rebuild()  # the build `defer_build` put off; nothing if already built
            built = model.__pydantic_validator__
            if not isinstance(built, SchemaValidator):  # a plugin's wrapper: kept, not cached
                _loaded[model] = built  # type: ignore[assignment]
                return built  # type: ignore[return-value]
            if path:
                _write(path, built)
            found = built
        _loaded[model] = found
    return found


def cache_file(model: type[BaseModel]) -> Path | None:
    """The model's file in the cache folder, or None where nothing may be cached."""
    found = cache.folder("validators")
    if found is None:
        return None
    # This installation's own file: another one (a second venv, a checkout) keeps its own.
    where = zlib.crc32(repr((str(_SOURCES.resolve()), _versions())).encode())
    return found / f"{model.__module__}.{model.__qualname__}-{where:08x}.pickle"


def _stamp() -> tuple[object, ...]:
    """Everything a cached validator was built from, as bytecode is stamped: versions, sources."""
    from cjmctl.journey import SOURCES

    return (FORMAT, _versions(), SOURCES)


def _versions() -> tuple[str, ...]:
    from cjmctl import __version__

    return (__version__, sys.version, pydantic.VERSION, pydantic_core.__version__)


def _read(path: Path, stamp: tuple[object, ...]) -> SchemaValidator | None:
    file = cache.open_private(path)
    if file is None:
        return None
    try:
        with file:
            if pickle.load(file) != stamp:  # noqa: S301 - the user's own private cache
                return None
            found = pickle.load(file)  # noqa: S301
    except Exception:  # stale, truncated or foreign: pydantic builds instead
        return None
    return found if isinstance(found, SchemaValidator) else None


def _write(path: Path, built: SchemaValidator) -> None:
    """Write the stamp and the validator; any failure only means the next run builds again."""
    from cjmctl.files import write_atomic

    try:
        stamp = pickle.dumps(_stamp(), protocol=pickle.HIGHEST_PROTOCOL)
        data = stamp + pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        write_atomic(path, data, private=True)
    except Exception:  # unpicklable, or a folder cjmctl may not write to
        return
