"""A map's theme as it is drawn, and its logo's bytes: read and checked here, on the loader's side.

Three layers give a theme, each over the one below it field by field (`sharedtheme.merge`):
`--theme FILE`, then the journey's own `theme:`, then a shared file's. The logo is a local
PNG, JPEG or WebP file, relative to the file that names it and inside the project, as shared
files are; it is read with the size limit of every file cjmctl reads and recognised by its
bytes, never by its name, so an SVG (which can carry script) renamed `.png` is refused. A
renderer gets the result as a `Brand` (the theme, the logo's bytes and media type) and reads
no file itself.
"""

from __future__ import annotations

import hashlib
import posixpath
import zlib
from dataclasses import dataclass, replace
from pathlib import Path, PureWindowsPath
from typing import TYPE_CHECKING

from cjmctl.journey import checks, messages, yamltree
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.metricdata import DataFileError
from cjmctl.journey.sharedtheme import SharedTheme, merge
from cjmctl.journey.theme import Theme
from cjmctl.journey.theme import explain as theme_explain
from cjmctl.journey.yamltree import Source

if TYPE_CHECKING:
    from cjmctl.journey.loader import Document
    from cjmctl.journey.reading import DataFiles

MAX_LOGO_BYTES = 256 * 1024
"""A logo is embedded in every page that shows it: 256 KB is a large logo already."""
LOGO_HINT = "use a PNG, JPEG or WebP file; SVG can carry script"


@dataclass(frozen=True, slots=True)
class Logo:
    """A logo's bytes and what they are (`image/png`, `image/jpeg`, `image/webp`)."""

    data: bytes
    media_type: str

    def __repr__(self) -> str:
        # In the site's cache key (the options' repr): the bytes by their digest, not in full.
        digest = hashlib.sha256(self.data).hexdigest()
        return f"Logo({self.media_type}, {len(self.data)} bytes, sha256 {digest})"


@dataclass(frozen=True, slots=True)
class Brand:
    """What a map is drawn with: its theme, and its logo's bytes if the theme names one."""

    theme: Theme
    logo: Logo | None = None


class LogoError(Exception):
    """The logo cannot be used: what is wrong with it, and how to fix it."""

    def __init__(self, message: str, hint: str = LOGO_HINT) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def layered(theme: Theme | None, logo: Logo | None, over: Brand | None) -> Brand | None:
    """The brand of a journey whose theme is `theme` (logo read: `logo`), with `over` on top.

    `over` (`--theme FILE`) wins field by field; its logo, where it names one, replaces the
    journey's. None: no layer gives a theme, and the map has its built-in look.
    """
    if over is None:
        return None if theme is None else Brand(theme, logo)
    if theme is None:
        return over
    fields = merge(theme.model_dump(exclude_unset=True), over.theme.model_dump(exclude_unset=True))
    return Brand(Theme.model_validate(fields), over.logo if over.theme.logo else logo)


def media_type(data: bytes, written: str) -> str:
    """The media type of a logo's bytes, if they are a whole PNG, JPEG or WebP image.

    Raises:
        LogoError: the bytes are another kind of file, or an image cut off.
    """
    shown = shorten(written)
    kinds = (
        ("image/png", "PNG", _png),
        ("image/jpeg", "JPEG", _jpeg),
        ("image/webp", "WebP", _webp),
    )
    for kind, name, whole in kinds:
        if data.startswith(_MAGIC[kind]) and (kind != "image/webp" or data[8:12] == b"WEBP"):
            if not whole(data):
                raise LogoError(
                    f"the logo {shown!r} is a {name} image that is cut off or damaged",
                    "save or export the image again",
                )
            return kind
    if not data:
        raise LogoError(f"the logo {shown!r} is empty")
    what = _other(data)
    if what is None:
        raise LogoError(f"the logo {shown!r} is not a PNG, JPEG or WebP image")
    raise LogoError(f"the logo {shown!r} is {what}, not a PNG, JPEG or WebP image")


_MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/webp": b"RIFF",
}


def _png(data: bytes) -> bool:
    """Whether every chunk is whole, its CRC right, from IHDR first to IEND last."""
    at = 8
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind, end = data[at + 4 : at + 8], at + 12 + length
        if end > len(data) or (at == 8 and kind != b"IHDR"):
            return False
        if zlib.crc32(data[at + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            return False
        if kind == b"IEND":
            return end == len(data)
        at = end
    return False


def _jpeg(data: bytes) -> bool:
    return len(data) > 4 and data.endswith(b"\xff\xd9")


def _webp(data: bytes) -> bool:
    size = int.from_bytes(data[4:8], "little")
    return size + 8 == len(data) and data[12:16] in {b"VP8 ", b"VP8L", b"VP8X"}


def _other(data: bytes) -> str | None:
    """What a file that is no accepted image is, where its bytes say so plainly."""
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "a GIF image"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        return "an SVG image" if b"<svg" in head else "markup (HTML or XML)"
    return None


def read_logo(written: str, ref: str, files: DataFiles) -> tuple[Logo, str]:
    """The logo `written` in a theme, `ref` relative to the journey: its bytes and shown name.

    Raises:
        LogoError: it cannot be read, lies outside the project, is too big or no image.
    """
    if posixpath.isabs(written) or PureWindowsPath(written).is_absolute():
        raise LogoError(
            f"the logo's path {shorten(written)!r} is absolute",
            "write it relative to the file that gives the theme, inside the project",
        )
    try:
        data, shown = files.fetch_asset(ref, MAX_LOGO_BYTES + 1)
    except DataFileError as error:
        raise LogoError(error.message, error.hint) from None
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            f"the logo {shorten(written)!r} is larger than {MAX_LOGO_BYTES // 1024} KB",
            "every page that shows the logo carries its bytes: use a smaller file "
            "(a logo 200 px wide is plenty)",
        )
    return Logo(data, media_type(data, written)), shown


def with_logo(document: Document, files: DataFiles | None, shared: SharedTheme | None) -> Document:
    """The loaded journey with its theme's logo read, and the logo's file among its assets.

    A journey read from bytes alone (`files` None: standard input, a JSON round trip) is
    drawn without its logo: there is no folder to read it from, and the map is still whole.

    Raises:
        JourneyError: the logo cannot be used; the diagnostic is at `theme.logo`, in the file
            that wrote it (the journey, or the shared file that gave the theme).
    """
    theme = document.journey.theme
    accent = document.source_at(("theme", "palette", "accent"))
    if accent is not None and accent.raw == "":
        at = document.locate(("theme", "palette", "accent"))
        raise JourneyError([_no_accent(at)])
    if theme is None or theme.logo is None or files is None:
        return document
    node = document.source_at(("theme", "logo"))
    folder = shared.folder if shared is not None and node is not None and node.file else ""
    try:
        logo, shown = read_logo(theme.logo, posixpath.join(folder, theme.logo), files)
    except LogoError as error:
        from cjmctl.journey.shared import used_by  # the loader imports this module

        at = document.locate(("theme", "logo"))
        message = used_by(error.message, at.file, document.name)
        raise JourneyError([replace(at, message=message, hint=error.hint, rule="logo")]) from None
    return replace(document, logo=logo, assets=(*document.assets, shown))


def read_theme_file(path: Path) -> Brand:
    """The theme of `--theme FILE`: a YAML mapping of `palette`, `fonts` and `logo`.

    Its logo's path is relative to the file, inside its project (or its repository).

    Raises:
        JourneyError: the file cannot be read or is no valid theme; each problem at its
            `file:line:column`.
    """
    from cjmctl.journey import loader, reading  # the loader imports this module

    name = str(path)
    try:
        text = reading.check_text(reading.read_limited(path), name)
        value, source, problems = yamltree.parse(text)
    except OSError as error:
        message = f"cannot read the theme file: {error.strerror}"
        raise JourneyError([Diagnostic(name, 1, 1, message, rule="io")]) from None
    except yamltree.YamlError as error:
        raise JourneyError([loader.from_problem(name, p) for p in error.problems]) from None
    found = [loader.from_problem(name, p) for p in problems]
    if not isinstance(value, dict):
        kind = "empty" if value is None else f"{messages.kind(value)}, not a mapping"
        hint = "a theme file holds `palette:`, `fonts:` and `logo:`, as a journey's `theme:` does"
        found.append(
            Diagnostic(
                name,
                source.line,
                source.column,
                f"the theme file is {kind}",
                "",
                hint,
                rule="structure",
            )
        )
        raise JourneyError(found)
    accent = source.entries.get("palette", Source(1, 1)).entries.get("accent")
    if accent is not None and accent.raw == "":
        found.append(_no_accent(Diagnostic(name, accent.line, accent.column, "", "palette.accent")))
    theme, errors = loader.validate_as(Theme, value, source)
    names = checks.RawNames({"theme": value})
    for problem in errors:
        under = {**problem, "loc": ("theme", *problem["loc"])}
        found.append(_at_top(loader.from_pydantic(name, _wrapped(source), under, names)))
    if found or theme is None:
        raise JourneyError(found)
    if theme.logo is None:
        return Brand(theme)
    try:
        logo = read_logo(theme.logo, theme.logo, reading.LocalFiles(path, name))[0]
    except LogoError as error:
        node = source.entries["logo"]
        raise JourneyError(
            [
                Diagnostic(
                    name, node.line, node.column, error.message, "logo", error.hint, rule="logo"
                )
            ]
        ) from None
    return Brand(theme, logo)


def _no_accent(at: Diagnostic) -> Diagnostic:
    """`accent: #0b5cad` unquoted: YAML reads a comment, and the accent would be left out."""
    message, hint = theme_explain("colour_comment", None)
    return replace(at, message=message, hint=hint, rule="value")


def _wrapped(source: Source) -> Source:
    """The theme file's tree under a `theme` key, where the model's messages look for it."""
    top = Source(source.line, source.column, "map")
    top.entries = {"theme": source}
    return top


def _at_top(found: Diagnostic) -> Diagnostic:
    return replace(found, path=found.path.removeprefix("theme").removeprefix("."))
