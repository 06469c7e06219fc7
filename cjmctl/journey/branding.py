"""A map's theme as it is drawn, and its logo's bytes: read and checked here, on the loader's side.

Three layers give a theme, each over the one below it field by field (`sharedtheme.merge`):
`--theme FILE`, then the journey's own `theme:`, then a shared file's. The logo is a local
PNG, JPEG or WebP file, relative to the file that names it and inside the project, as shared
files are; it is read with a size limit, must be a regular file (a pipe is never waited on),
and is recognised by its bytes, never by its name, so an SVG (which can carry script) renamed
`.png` is refused. Its pixels are limited too (`logoimage`): a browser decodes all of them. A
renderer gets the result as a `Brand` (the theme, the logo's bytes and media type) and reads
no file itself. The `--theme FILE` is read by `themefile`, on the loader's other side.
"""

from __future__ import annotations

import hashlib
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING

from cjmctl.i18n import N_, _
from cjmctl.journey import validators
from cjmctl.journey.diagnostics import Diagnostic, JourneyError, shorten
from cjmctl.journey.logoimage import Size, jpeg_size, png_size, webp_size
from cjmctl.journey.metricdata import DataFileError
from cjmctl.journey.shared import used_by
from cjmctl.journey.sharedtheme import SharedTheme, merge
from cjmctl.journey.theme import Theme
from cjmctl.journey.theme import explain as theme_explain

if TYPE_CHECKING:
    from cjmctl.journey.loader import Document  # for types only: the loader imports this module
    from cjmctl.journey.reading import DataFiles

MAX_LOGO_BYTES = 256 * 1024
"""A logo is embedded in every page that shows it: 256 KB is a large logo already."""
MAX_LOGO_SIDE = 4096
"""Pixels on a side. A browser holds a decoded image whole: 4096 x 4096 is 16.8 megapixels,
64 MB, where a 20000 x 20000 PNG of 2 KB would be 1.6 GB. A logo drawn 56 px high needs far
fewer; the limit only stops images that would stall or crash the page."""
LOGO_HINT = N_("use a PNG, JPEG or WebP file; SVG can carry script")
"""The hint of a logo that is no accepted image, translated where said."""


@dataclass(frozen=True, slots=True)
class Logo:
    """A logo's bytes and what they are (`image/png`, `image/jpeg`, `image/webp`)."""

    data: bytes
    media_type: str

    def __repr__(self) -> str:
        # In the site's cache key (the options' repr): the bytes by their digest, not in full.
        digest = hashlib.sha256(self.data).hexdigest()
        return (
            f"Logo({self.media_type}, {len(self.data)} bytes, sha256 {digest})"  # i18n: not shown
        )


@dataclass(frozen=True, slots=True)
class Brand:
    """What a map is drawn with: its theme, and its logo's bytes if the theme names one."""

    theme: Theme
    logo: Logo | None = None


class LogoError(Exception):
    """The logo cannot be used: what is wrong with it, and how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = _(LOGO_HINT) if hint is None else hint


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
    return Brand(validators.validate(Theme, fields), over.logo if over.theme.logo else logo)


def media_type(data: bytes, written: str) -> str:
    """The media type of a logo's bytes, if they are a whole PNG, JPEG or WebP image.

    Raises:
        LogoError: the bytes are another kind of file, an image cut off or without its size,
            or one more than `MAX_LOGO_SIDE` pixels wide or high.
    """
    shown = shorten(written)
    for kind, name, size_of in _KINDS:
        if data.startswith(_MAGIC[kind]) and (kind != "image/webp" or data[8:12] == b"WEBP"):
            size = size_of(data)
            if size is None:
                raise LogoError(
                    _("the logo {logo!r} is a {kind} image that is cut off or damaged").format(
                        logo=shown, kind=name
                    ),
                    _("save or export the image again"),
                )
            if max(size) > MAX_LOGO_SIDE:
                raise LogoError(
                    _(
                        "the logo {logo!r} is {width}x{height} px, larger than {limit} px on a side"
                    ).format(logo=shown, width=size[0], height=size[1], limit=MAX_LOGO_SIDE),
                    _(
                        "a browser decodes every pixel of the logo: scale the image down "
                        "(a logo 200 px wide is plenty)"
                    ),
                )
            return kind
    if not data:
        raise LogoError(_("the logo {logo!r} is empty").format(logo=shown))
    what = _other(data)
    if what is None:
        raise LogoError(_("the logo {logo!r} is not a PNG, JPEG or WebP image").format(logo=shown))
    raise LogoError(
        _("the logo {logo!r} is {what}, not a PNG, JPEG or WebP image").format(
            logo=shown, what=what
        )
    )


_MAGIC = {
    "image/png": b"\x89PNG\r\n\x1a\n",
    "image/jpeg": b"\xff\xd8\xff",
    "image/webp": b"RIFF",
}
_KINDS: tuple[tuple[str, str, Callable[[bytes], Size | None]], ...] = (
    ("image/png", "PNG", png_size),
    ("image/jpeg", "JPEG", jpeg_size),
    ("image/webp", "WebP", webp_size),
)


def _other(data: bytes) -> str | None:
    """What a file that is no accepted image is, where its bytes say so plainly."""
    if data.startswith((b"GIF87a", b"GIF89a")):
        return _("a GIF image")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<"):
        return _("an SVG image") if b"<svg" in head else _("markup (HTML or XML)")
    return None


def read_logo(written: str, ref: str, files: DataFiles) -> tuple[Logo, str]:
    """The logo `written` in a theme, `ref` relative to the journey: its bytes and shown name.

    Raises:
        LogoError: it cannot be read, lies outside the project, is too big or no image.
    """
    if posixpath.isabs(written) or PureWindowsPath(written).is_absolute():
        raise LogoError(
            _("the logo's path {path!r} is absolute").format(path=shorten(written)),
            _("write it relative to the file that gives the theme, inside the project"),
        )
    if written.rsplit("/", 1)[-1] in {"", ".", ".."}:
        # The path would resolve to the file before the `/` (`logo.png/` as `logo.png`).
        raise LogoError(
            _("the logo's path {path!r} names a folder, not a file").format(path=shorten(written)),
            _("name the image file itself, with no '/' after its name (brand/logo.png)"),
        )
    try:
        data, shown = files.fetch_asset(ref, MAX_LOGO_BYTES + 1)
    except DataFileError as error:
        raise LogoError(error.message, error.hint) from None
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(
            _("the logo {logo!r} is larger than {limit} KB").format(
                logo=shorten(written), limit=MAX_LOGO_BYTES // 1024
            ),
            _(
                "every page that shows the logo carries its bytes: use a smaller file "
                "(a logo 200 px wide is plenty)"
            ),
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
        raise JourneyError([no_accent(at)])
    if theme is None or theme.logo is None or files is None:
        return document
    node = document.source_at(("theme", "logo"))
    folder = shared.folder if shared is not None and node is not None and node.file else ""
    try:
        logo, shown = read_logo(theme.logo, posixpath.join(folder, theme.logo), files)
    except LogoError as error:
        at = document.locate(("theme", "logo"))
        message = used_by(error.message, at.file, document.name)
        raise JourneyError([replace(at, message=message, hint=error.hint, rule="logo")]) from None
    return replace(document, logo=logo, assets=(*document.assets, shown))


def no_accent(at: Diagnostic) -> Diagnostic:
    """`accent: #0b5cad` unquoted: YAML reads a comment, and the accent would be left out."""
    message, hint = theme_explain("colour_comment", None)
    return replace(at, message=message, hint=hint, rule="value")
