"""A map's branding (Оформление): the palette of stages and emotions, fonts and a logo.

Only values that cannot carry markup are accepted: colours as `#rrggbb`, font families as plain
names, a logo as a path to a local PNG, JPEG or WebP file whose bytes are checked when the map
is drawn. Text colours are never taken from a theme: renderers pick black or white on each
background, so the contrast meets WCAG AA whatever the palette.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from cjmctl.journey.fieldtypes import Text
from cjmctl.journey.parts import Part

COLOUR_PATTERN = r"^#[0-9a-fA-F]{6}$"
FONT_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$"

Colour = Annotated[str, Strict(), Field(pattern=COLOUR_PATTERN)]
"""A colour as `#rrggbb`."""
FontFamily = Annotated[str, Strict(), Field(pattern=FONT_PATTERN)]
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
    emotions: list[Colour] = Field(
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

    palette: Palette = Field(default_factory=Palette, description="Colours.")
    fonts: Fonts = Field(default_factory=Fonts, description="Fonts.")
    logo: Text | None = Field(
        None,
        description="A PNG, JPEG or WebP file, relative to the file that gives the theme, "
        "inside the project (no SVG: it can carry script); at most 256 KB.",
        examples=["brand/logo.png"],
    )
