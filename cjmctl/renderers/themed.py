"""The theme on the HTML map: its colours as CSS custom properties, its fonts, its logo.

A theme sets background colours only. Every text (and face) drawn on one of them is black or
white, whichever contrasts more (`ink`): by WCAG 2.x relative luminance that is always at least
4.58:1, above AA's 4.5:1 for body text, whatever the palette. `Look.pairs` lists each such pair
for the tests, which check them against the page Chromium draws. Values reach the page's CSS
only after their pattern is checked again here, and font names are always quoted.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field, replace

from markupsafe import Markup

from cjmctl.journey.branding import Brand
from cjmctl.journey.model import Journey
from cjmctl.journey.theme import COLOUR_PATTERN, FONT_PATTERN
from cjmctl.renderers.emotion import COLOURS
from cjmctl.renderers.overview import Overview

BLACK = "#000000"
WHITE = "#ffffff"
TEXT = 4.5
"""WCAG 2.x AA (1.4.3) for text below 18.66 px bold: every text on a theme colour is so small."""
GRAPHIC = 3.0
"""WCAG 2.1 AA (1.4.11) for graphical objects: a face's eyes, mouth and outline on its fill."""
GENERIC = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji"}
    | {"ui-serif", "ui-sans-serif", "ui-monospace", "ui-rounded", "fangsong"}
)
"""CSS generic families: written unquoted, and the last of a stack."""


def luminance(colour: str) -> float:
    """The relative luminance of `#rrggbb`, as WCAG 2.x defines it (sRGB, linearised)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two colours, from 1 to 21."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def ink(background: str) -> str:
    """Black or white, whichever contrasts more with `background` (black on a tie)."""
    return BLACK if contrast(BLACK, background) >= contrast(WHITE, background) else WHITE


def _colour(value: str) -> Markup:
    if not re.fullmatch(COLOUR_PATTERN, value):
        raise ValueError(f"not a colour: {value!r}")  # the model refuses it first
    return Markup(value.lower())  # noqa: S704 - only '#' and hexadecimal digits


def font_stack(names: list[str]) -> Markup:
    """A CSS `font-family` value: each name quoted, and a generic family last.

    The stack's own last name, if it is a generic family (`serif`), ends it; else `sans-serif`.
    """
    parts: list[str] = []
    for name in names:
        if not re.fullmatch(FONT_PATTERN, name):
            # The model refuses it first.
            raise ValueError(f"not a font family: {name!r}")  # i18n: not shown
        parts.append(name if name in GENERIC else f'"{name}"')
    if not names or names[-1] not in GENERIC:
        parts.append("sans-serif")
    return Markup(", ".join(parts))  # noqa: S704 - quoted names of [A-Za-z0-9 _-] only


@dataclass(frozen=True, slots=True)
class Pair:
    """One text (or graphic) colour on one background colour of the themed map."""

    role: str
    text: str
    background: str
    minimum: float


@dataclass(frozen=True, slots=True)
class Look:
    """What the template draws of a theme; empty, the map's built-in look."""

    accent: tuple[Markup, Markup] | None = None
    """The accent and the text on it."""
    stages: tuple[tuple[Markup, Markup], ...] = ()
    """Each stage colour and the text on it, cycled over the stages."""
    emotions: dict[int, Markup] = field(default_factory=dict)
    """The emotion bands' colours, by level, replacing `emotion.COLOURS` on this page."""
    face_inks: dict[int, Markup] = field(default_factory=dict)
    """The colour of a face's features on each themed emotion colour."""
    body: Markup | None = None
    headings: Markup | None = None
    logo: str | None = None
    """The logo as a `data:` URI."""
    logo_alt: str = ""
    bands: dict[str, str] = field(default_factory=dict)
    """The overview band's class, by its stage's anchor."""

    @property
    def themed(self) -> bool:
        """Whether the theme changes anything the page draws."""
        return bool(self.accent or self.stages or self.emotions or self.body or self.headings)

    def stage(self, index: int) -> str:
        """The class a stage's head and goal cells add for its theme colour, if any."""
        if not self.stages:
            return ""
        return f" themed theme-stage-{index % len(self.stages)}"  # i18n: not shown

    def band(self, anchor: str) -> str:
        """The class an overview band adds for its stage's theme colour, if any."""
        return self.bands.get(anchor, "")

    def colours(self, default: dict[int, str]) -> dict[int, str]:
        """The emotion colours this page draws: the theme's, else `default`."""
        return {level: self.emotions.get(level, colour) for level, colour in default.items()}

    def pairs(self) -> list[Pair]:
        """Every colour the page draws on a theme colour, with the contrast it must reach."""
        # The roles name the pairs for tests and for a reader of the code, not for people.
        found: list[Pair] = []
        if self.accent:
            accent = "eyebrow on the accent"  # i18n: not shown
            found.append(Pair(accent, self.accent[1], self.accent[0], TEXT))
        for colour, text in self.stages:
            head = "stage name on its head"  # i18n: not shown
            band = "stage name on its overview band"  # i18n: not shown
            found += [Pair(head, text, colour, TEXT), Pair(band, text, colour, TEXT)]
        for level, colour in self.emotions.items():
            face = f"face features on emotion {level}"  # i18n: not shown
            found.append(Pair(face, self.face_inks[level], colour, GRAPHIC))
        return found


def look(journey: Journey, brand: Brand | None, levels: list[int]) -> Look:
    """The look of `journey`'s map with `brand` (None: its built-in look).

    `levels` are the emotion levels the page colours (`emotion.COLOURS`' keys), low to high.
    """
    if brand is None:
        return Look()
    palette, fonts = brand.theme.palette, brand.theme.fonts
    stages = tuple((_colour(c), _colour(ink(c))) for c in palette.stages)
    emotions = {lv: _colour(c) for lv, c in zip(levels, palette.emotions, strict=False)}
    logo = None
    if brand.logo is not None:
        data = base64.b64encode(brand.logo.data).decode("ascii")
        logo = f"data:{brand.logo.media_type};base64,{data}"
    look = Look(stages=stages)
    bands = {f"stage-{s.id}": look.stage(i) for i, s in enumerate(journey.stages)}
    return Look(
        accent=(_colour(palette.accent), _colour(ink(palette.accent))) if palette.accent else None,
        stages=stages,
        emotions=emotions,
        face_inks={lv: _colour(ink(c)) for lv, c in emotions.items()},
        body=font_stack(fonts.body) if fonts.body else None,
        headings=font_stack(fonts.headings) if fonts.headings else None,
        logo=logo,
        logo_alt=journey.owner or journey.title,
        bands=bands if stages else {},
    )


def recoloured(strip: Overview | None, look: Look) -> Overview | None:
    """The overview strip with its bars in the theme's emotion colours, if it gives them."""
    if strip is None or not look.emotions:
        return strip
    by_colour = {COLOURS[level]: colour for level, colour in look.emotions.items()}
    bars = [replace(b, colour=by_colour.get(b.colour, b.colour)) for b in strip.bars]
    return replace(strip, bars=bars)
