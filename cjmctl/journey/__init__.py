"""The journey format: reading YAML with positions and limits, the model, its checks and schema.

Everything here is pure: bytes in, a validated `Journey` or diagnostics out. Nothing in this
layer imports the renderers, health checks, importers or the command line.
"""

from pathlib import Path

from cjmctl import cache

SOURCES = cache.stamp(Path(__file__).parent)
"""This package's sources as they were before any of its modules was read.

A validator cached by `validators` carries this stamp: taken first, it can be older than the
code a run loaded (an edit meanwhile: the next run rebuilds), never newer (which would keep a
validator of old code in use).
"""
