"""The format's validators, built by pydantic once and kept beside the bytecode for later runs.

pydantic builds a model's validator from its annotations the first time the model is used:
for the journey format that costs every cjmctl call more than validating a map does, and a
pre-commit hook, an editor or `watch` calls cjmctl on one file at a time all day. What pydantic
builds is pydantic-core's schema: plain data naming our classes and functions, which pickles.
So the first run that builds a model's validator also writes it to the `__pycache__` folder of
the module that defines the model, and later runs read it back in about a millisecond.

The rules are the bytecode's own: written only where Python would write bytecode (not under
`PYTHONDONTWRITEBYTECODE`), atomically, and ignored when anything it was built from changed —
a source file of `cjmctl/journey/` (size or modification time, as `.pyc` files are checked),
Python, pydantic or pydantic-core. A file that cannot be read or written costs only the build.
The models stay the single definition of the format: this caches what pydantic made of them,
and the models build themselves only when something other than validation needs them
(`model_dump`, the JSON Schema).
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from pathlib import Path
from typing import Any, TypeVar

import pydantic
import pydantic_core
from pydantic import BaseModel
from pydantic_core import SchemaValidator

_M = TypeVar("_M", bound=BaseModel)

FORMAT = 1
"""The layout of a cache file: raise it when the layout changes."""

_SOURCES = Path(__file__).parent
"""Where every model and every function its validator names are defined."""

_loaded: dict[type[BaseModel], SchemaValidator] = {}


def validate(model: type[_M], value: object, context: dict[str, Any] | None = None) -> _M:
    """`model.model_validate(value, context=context)`, by the validator of this run or the cache.

    Raises pydantic's `ValidationError`, the same errors in the same order as the model would.
    """
    result: _M = validator(model).validate_python(value, context=context)
    return result


def validator(model: type[BaseModel]) -> SchemaValidator:
    """The model's validator: read from its cache file, or built by pydantic and then cached."""
    found = _loaded.get(model)
    if found is None:
        path = cache_file(model)
        found = _read(path, _stamp()) if path else None
        if found is None:
            model.model_rebuild()  # the build `defer_build` put off; nothing if already built
            built = model.__pydantic_validator__
            if not isinstance(built, SchemaValidator):
                return model.__pydantic_validator__  # type: ignore[return-value]  # a plugin's wrapper
            if path and not sys.dont_write_bytecode:
                _write(path, built)
            found = built
        _loaded[model] = found
    return found


def cache_file(model: type[BaseModel]) -> Path | None:
    """`__pycache__/model.cpython-311.Journey.validator` beside the model's module, or None."""
    module = sys.modules[model.__module__].__file__
    if module is None:
        return None
    try:
        bytecode = importlib.util.cache_from_source(module)
    except NotImplementedError:  # an interpreter that keeps no bytecode
        return None
    return Path(bytecode).with_suffix(f".{model.__qualname__}.validator")


def _stamp() -> tuple[object, ...]:
    """Everything a cached validator was built from, as bytecode is stamped: versions, sources."""
    sources = sorted(
        (entry.name, entry.stat().st_size, entry.stat().st_mtime_ns)
        for entry in os.scandir(_SOURCES)
        if entry.name.endswith(".py")
    )
    versions = (sys.version, pydantic.VERSION, pydantic_core.__version__)
    return (FORMAT, versions, tuple(sources))


def _read(path: Path, stamp: tuple[object, ...]) -> SchemaValidator | None:
    # Unpickling runs code named in the file, as importing a `.pyc` does: it is trusted as
    # much as the bytecode beside it, and never read from anywhere a journey could name.
    try:
        with path.open("rb") as file:
            if pickle.load(file) != stamp:  # noqa: S301
                return None
            found = pickle.load(file)  # noqa: S301
    except Exception:  # missing, stale, truncated or foreign: pydantic builds instead
        return None
    return found if isinstance(found, SchemaValidator) else None


def _write(path: Path, built: SchemaValidator) -> None:
    """Write the stamp and the validator; any failure only means the next run builds again."""
    from cjmctl.files import write_atomic

    try:
        stamp = pickle.dumps(_stamp(), protocol=pickle.HIGHEST_PROTOCOL)
        data = stamp + pickle.dumps(built, protocol=pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(exist_ok=True)
        write_atomic(path, data)
    except Exception:  # unpicklable, or a folder cjmctl may not write to
        return
