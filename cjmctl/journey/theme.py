"""A map's branding (Оформление): the palette of stages and emotions, fonts and a logo.

Only values that cannot carry markup are accepted: colours as `#rrggbb`, font families as plain
names, a logo as a path to a local PNG, JPEG or WebP file whose bytes are checked when the map
is drawn. Text colours are never taken from a theme: renderers pick black or white on each
background, so the contrast meets WCAG AA whatever the palette.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, Strict, WithJsonSchema
from pydantic_core import PydanticCustomError

from cjmctl.i18n import _, ngettext
from cjmctl.journey import validators
from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.fieldtypes import Text
from cjmctl.journey.parts import Part

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
FONT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$"
EMOTION_BANDS = 5
"""The bands emotions are coloured in, whatever their scale (`EmotionScale.level`)."""


def _present(value: Any) -> Any:
    """An unquoted `#0b5cad` is a YAML comment: the key or item would hold nothing, silently."""
    if value is None:
        raise PydanticCustomError("colour_comment", _("expected a colour, got nothing"))
    return value


def _five(value: list[str]) -> list[str]:
    """One colour per emotion band, or none: a partial list would leave bands unexplained."""
    if value and len(value) != EMOTION_BANDS:
        raise PydanticCustomError("emotion_colours", _("expected 5 colours"), {"given": len(value)})
    return value


def _colour(value: str) -> str:
    """A colour goes into CSS as it is written: only `#rrggbb` can carry nothing else."""
    if not re.fullmatch(COLOUR_PATTERN, value):
        raise PydanticCustomError("colour", _("expected a colour written as #rrggbb"))
    return value


def _font(value: str) -> str:
    """A family's name goes into CSS in quotes: no quote, comma, brace or ';' can close them."""
    if not re.fullmatch(FONT_PATTERN, value):
        raise PydanticCustomError("font_family", _("expected the name of a font family"))
    return value


Colour = Annotated[
    str,
    BeforeValidator(_present),
    Strict(),
    AfterValidator(_colour),
    WithJsonSchema({"type": "string", "pattern": COLOUR_PATTERN}),
]
"""A colour as `#rrggbb`."""
FontFamily = Annotated[
    str,
    Strict(),
    AfterValidator(_font),
    WithJsonSchema({"type": "string", "pattern": FONT_PATTERN}),
]
"""A font family's name: letters, digits, spaces, '-' and '_' (no quotes, no CSS)."""


class Palette(Part):
    """The theme's colours."""

    accent: Colour | None = Field(
        None,
        description="The brand colour: headings' rules, links' underlines, the title bar.",
        examples=["#0b5cad"],
    )
    stages: list[Colour] = Field(
        default_factory=list,
        description="Colours of the stage heads, in order; repeated when there are more stages.",
        examples=[["#0b5cad", "#2f9e44", "#e8590c"]],
    )
    emotions: Annotated[list[Colour], AfterValidator(_five)] = Field(
        default_factory=list,
        description="Five colours of the emotion bands, from very negative to very positive.",
        min_length=0,
        max_length=5,
        examples=[["#c92a2a", "#f08c00", "#ced4da", "#74b816", "#2b8a3e"]],
    )


class Fonts(Part):
    """The theme's font families, each a list tried in order; a generic family ends it."""

    body: list[FontFamily] = Field(
        default_factory=list,
        description="Font families of the text, e.g. [Inter, Arial].",
        examples=[["Inter", "Arial"]],
    )
    headings: list[FontFamily] = Field(
        default_factory=list,
        description="Font families of the title and the stage heads.",
        examples=[["Georgia"]],
    )


class Theme(Part):
    """Branding of the HTML map (and the site): colours, fonts and a logo."""

    palette: Palette = Field(default_factory=validators.Default(Palette), description="Colours.")
    fonts: Fonts = Field(default_factory=validators.Default(Fonts), description="Fonts.")
    logo: Text | None = Field(
        None,
        description="A PNG, JPEG or WebP file, relative to the file that gives the theme, "
        "inside the project (no SVG: it can carry script); at most 256 KB.",
        examples=["brand/logo.png"],
    )


THEME_ERRORS = frozenset({"colour", "colour_comment", "font_family", "emotion_colours"})
"""The kinds of error this module's types raise, which `explain` words."""


def explain(kind: str, value: object) -> tuple[str, str]:
    """(message, hint) for an error of `THEME_ERRORS` about the value `value`."""
    shown = shorten(str(value))
    if kind == "emotion_colours":
        count = len(value) if isinstance(value, list) else 0
        return (
            ngettext(
                "{n} emotion colour: the emotions are drawn in 5 bands",
                "{n} emotion colours: the emotions are drawn in 5 bands",
                count,
            ).format(n=count),
            _("give 5 colours, from very negative to very positive, or leave `emotions` out"),
        )
    if kind == "colour_comment":
        return (
            _("no colour here: YAML reads an unquoted # as the start of a comment"),
            _('quote the colour: "#0b5cad"'),
        )
    if kind == "colour":
        return (
            _("{value!r} is not a colour written as #rrggbb").format(value=shown),
            _('write "#" and six hexadecimal digits, in quotes: "#0b5cad"'),
        )
    return (
        _("{value!r} is not the name of a font family").format(value=shown),
        _(
            "write the family's name alone: letters, digits, spaces, '-' and '_', at most 63; "
            "no quotes, commas or CSS; list several as [Inter, Arial]"
        ),
    )
