"""cjmctl: customer journey maps written as YAML, checked and drawn.

The public API is small: `load(path)` returns a validated `Journey`; the model classes live in
`cjmctl.journey.model`. Importing the package is cheap; the model (and pydantic) load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Diagnostic", "Journey", "JourneyError", "__version__", "load"]

if TYPE_CHECKING:
    from cjmctl.journey.diagnostics import Diagnostic, JourneyError
    from cjmctl.journey.loader import load
    from cjmctl.journey.model import Journey

_LAZY = {
    "load": "cjmctl.journey.loader",
    "Journey": "cjmctl.journey.model",
    "Diagnostic": "cjmctl.journey.diagnostics",
    "JourneyError": "cjmctl.journey.diagnostics",
}


def __getattr__(name: str) -> Any:
    """Import the API on first use, so `cjmctl --help` does not pay for pydantic."""
    if name not in _LAZY:
        raise AttributeError(f"module 'cjmctl' has no attribute {name!r}")  # i18n: not shown
    import importlib

    return getattr(importlib.import_module(_LAZY[name]), name)
