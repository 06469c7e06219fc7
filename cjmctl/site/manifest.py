"""The site's record of what it wrote (`.cjmctl-site.json` in the output folder).

It lists every file the site made, with a digest of its bytes, so that a later build removes
only its own leftovers; and per journey a digest of every input that went into its pages, with
the summary those inputs gave, so that an unchanged journey is neither loaded nor rendered
again. It holds no time and no absolute path: an unchanged project rebuilds it byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from cjmctl.journey.reading import read_limited
from cjmctl.site.summary import Summary, from_data, to_data

NAME = ".cjmctl-site.json"
FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024
"""A larger manifest is not read (a full build instead): 500 journeys take about 2 MB."""
KINDS = (".html", ".svg", ".css")
"""What the site makes: a manifest naming any other file was not written by it."""


@dataclass(frozen=True, slots=True)
class Cached:
    """What the last build made of one journey, and from what."""

    digest: str
    inputs: list[str]
    """The files besides the journey that it was read from, relative to the project's folder."""
    outputs: list[str]
    summary: Summary
    data: dict[str, Any] | None = field(default=None, compare=False, repr=False)
    """The summary as the manifest holds it, when read from one: written back as it was."""


@dataclass(slots=True)
class Manifest:
    """Every file the site wrote (relative to the output folder) and each journey's record."""

    files: dict[str, str] = field(default_factory=dict)
    journeys: dict[str, Cached] = field(default_factory=dict)


def sha(data: bytes) -> str:
    """The digest the manifest keeps of a file's bytes."""
    return hashlib.sha256(data).hexdigest()


def digest(root: Path, source: Path, inputs: list[str], key: str) -> str:
    """A digest of the journey's bytes, its other inputs' bytes and `key` (version, options).

    A file that cannot be read counts as its own kind of content, so that it appearing again
    changes the digest too.
    """
    found = hashlib.sha256(key.encode())
    for name, path in [("", source), *((name, root / name) for name in inputs)]:
        try:
            data = read_limited(path)
        except OSError:
            data = None
        found.update(f"\0{name}\0{-1 if data is None else len(data)}\0".encode())
        found.update(data or b"")
    return found.hexdigest()


def relative(name: str, root: Path) -> str:
    """A file name as the loader shows it, relative to the project's folder, in posix form."""
    return Path(os.path.relpath(name, root)).as_posix()


def page_name(name: object) -> bool:
    """Whether `name` can be a file the site made: a relative posix path down into `out`.

    It must also be of a kind the site makes. The manifest is read as untrusted: a build
    removes the files it lists, so a name like `../notes.txt` must never get that far.
    """
    if not isinstance(name, str) or "\\" in name or "\0" in name:
        return False
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and posixpath.normpath(name) == name
        and ".." not in path.parts
        and path.suffix in KINDS
    )


def load(out: Path) -> Manifest:
    """The manifest of the site in `out`; an empty one if there is none or it is unreadable."""
    try:
        raw = read_limited(out / NAME, MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return Manifest()
        data = json.loads(raw)
        if data.get("cjmctl-site") != FORMAT:
            return Manifest()
        files = {str(k): str(v) for k, v in data["files"].items()}
        journeys = {str(k): _cached(v) for k, v in data["journeys"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return Manifest()  # a damaged record only costs a full build
    names = [*files, *(name for c in journeys.values() for name in c.outputs)]
    if not all(page_name(name) for name in names):
        return Manifest()
    return Manifest(files, journeys)


def _cached(value: dict[str, Any]) -> Cached:
    return Cached(
        _text(value["digest"]),
        [_text(v) for v in value["inputs"]],
        [_text(v) for v in value["outputs"]],
        from_data(value["summary"]),
        value["summary"],
    )


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"not a text: {value!r}")
    return value


def dump(manifest: Manifest) -> bytes:
    """The manifest's bytes: sorted keys, so equal manifests are equal files.

    One line: with `indent`, json encodes in Python, ten times slower (1.5 s for 500 journeys).
    """
    data = {
        "cjmctl-site": FORMAT,
        "files": manifest.files,
        "journeys": {
            key: {
                "digest": c.digest,
                "inputs": c.inputs,
                "outputs": c.outputs,
                "summary": c.data if c.data is not None else to_data(c.summary),
            }
            for key, c in manifest.journeys.items()
        },
    }
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return (text + "\n").encode()
