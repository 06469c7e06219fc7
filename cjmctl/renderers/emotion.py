"""Emotion scores as every output shows them: colours, signs, faces, exact means, the lowest moment.

Shared by every renderer that shows emotions, so a -1 is the same orange everywhere, and by
`stats`: means are computed here once, exactly, and rounded half away from zero, so a map, a
diagram and the statistics show the same numbers. The curve's layout is `curve`'s.

Scores stay on the journey's own scale (`EmotionScale`): they are written as the user wrote
them, while colours, signs and faces belong to the band (-2..+2) a score falls in.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from cjmctl.i18n import _, number
from cjmctl.journey.diagnostics import shorten
from cjmctl.journey.model import Journey, Stage, Touchpoint
from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers import RenderError

# A diverging red-to-green scale (ColorBrewer RdYlGn), readable on light and dark backgrounds;
# keyed by band (`EmotionScale.level`), as are the tints and signs.
COLOURS = {-2: "#d73027", -1: "#fc8d59", 0: "#fee08b", 1: "#91cf60", 2: "#1a9850"}
# Lighter tints of the same scale, for backgrounds that carry dark text.
TINTS = {-2: "#f6b0a8", -1: "#fdd3b5", 0: "#fff1b8", 1: "#d3ecbc", 2: "#9fd8a8"}
SIGNS = {-2: "−−", -1: "−", 0: "0", 1: "+", 2: "++"}


@dataclass(frozen=True, slots=True)
class Face:
    """A face for a band, as SVG numbers: a smile for +2, a frown for -2."""

    score: int
    """The band -2..+2 (`EmotionScale.level`), which picks the face's colour."""
    x: str
    y: str
    r: str
    left_eye: str
    right_eye: str
    eye_y: str
    eye_r: str
    mouth: str


def face(score: int, x: float, y: float, r: float) -> Face:
    """Draw the face of the band `score` (-2..+2) centred at (x, y) with radius r."""
    half, top, bend = r * 0.45, y + r * 0.3, score * r * 0.16
    return Face(
        score,
        f"{x:.1f}",
        f"{y:.1f}",
        f"{r:.1f}",
        f"{x - r * 0.36:.1f}",
        f"{x + r * 0.36:.1f}",
        f"{y - r * 0.25:.1f}",
        f"{r * 0.13:.1f}",
        f"M{x - half:.1f} {top - bend / 2:.1f} "
        f"Q{x:.1f} {top + bend * 1.5:.1f} {x + half:.1f} {top - bend / 2:.1f}",
    )


def persona_name(journey: Journey, persona: str) -> str:
    """The name of the persona `--persona` asks for; RenderError, with a suggestion, if none."""
    names = {p.id: p.name for p in journey.personas}
    if persona in names:
        return names[persona]
    by_name = {name.casefold(): pid for pid, name in names.items()}
    close = by_name.get(persona.casefold()) or next(
        iter(difflib.get_close_matches(persona, list(names), n=1, cutoff=0.6)), None
    )
    known = shorten(", ".join(names) or _("none"))
    if close:
        said = _(
            "no persona {persona!r} in this journey (personas: {known}); did you mean {close!r}?"
        )
        raise RenderError(said.format(persona=shorten(persona), known=known, close=shorten(close)))
    said = _("no persona {persona!r} in this journey (personas: {known})")
    raise RenderError(said.format(persona=shorten(persona), known=known))


def lowest_touchpoint(journey: Journey, persona: str | None = None) -> Touchpoint | None:
    """The journey's one lowest moment, the touchpoint every output marks as such.

    The touchpoint with the lowest `touchpoint_score` (one persona's score with `persona`,
    else the exact mean of its personas'), only if below the scale's neutral middle; a tie goes
    to the earliest.
    """
    neutral = journey.emotion_scale.neutral
    found: tuple[Fraction, Touchpoint] | None = None
    for _stage, tp in journey.touchpoints():
        score = touchpoint_score(tp, persona)
        if score is not None and score < neutral and (found is None or score < found[0]):
            found = (score, tp)
    return None if found is None else found[1]


def exact_mean(values: Iterable[int | Fraction]) -> Fraction | None:
    """The exact mean of scores, or None for none: no float error decides a rounding."""
    found = list(values)
    # Whole scores sum as ints and means as Fractions; one Fraction is made, not one per value.
    return Fraction(sum(found), len(found)) if found else None


def touchpoint_score(tp: Touchpoint, persona: str | None = None) -> Fraction | None:
    """A touchpoint's emotion as one number: a persona's, the shared one, or all personas' mean."""
    if persona is not None or not isinstance(tp.emotion, dict):
        score = tp.emotion_for(persona)
        return None if score is None else Fraction(score)
    return exact_mean(tp.emotion.values())


def half_away(value: Fraction, digits: int = 0) -> Fraction:
    """Round half away from zero: -0.5 and +0.5 both move away from neutral, symmetrically."""
    scale = 10**digits
    shifted = abs(value) * scale
    whole = math.floor(shifted + Fraction(1, 2))
    return Fraction(whole if value >= 0 else -whole, scale)


def mean(scores: Iterable[Fraction | None]) -> float | None:
    """The mean of the given scores to two decimals, the number every output shows."""
    exact = exact_mean(s for s in scores if s is not None)
    return None if exact is None else float(half_away(exact, 2))


def stage_mean(stage: Stage, persona: str | None = None) -> float | None:
    """A stage's mean emotion over its touchpoints (each the mean of its personas', unrounded)."""
    return mean(touchpoint_score(tp, persona) for tp in stage.touchpoints)


def level(value: float | Fraction, scale: EmotionScale) -> int:
    """The band (-2..+2) a score or mean is drawn in, from the two-decimal mean outputs print."""
    return scale.level(half_away(Fraction(value), 2))


def spread(value: float | Fraction, scale: EmotionScale) -> float:
    """A score or mean moved onto -2..+2 by where it lies on its scale: what plots share."""
    return float(scale.fraction(value) * 4 - 2)


def signed(value: float, locale: str) -> str:
    """A mean as the outputs print it: `+0.50`, `-0.62`, `0.00`."""
    return ("+" if value > 0 else "") + number(value, locale, 2)


def written(score: int, scale: EmotionScale) -> str:
    """A score as the journey writes it: signed on a scale with negatives (`+1`), else `4`."""
    return f"{score:+d}" if scale.min < 0 else str(score)


def written_mean(value: float, scale: EmotionScale, locale: str) -> str:
    """A mean on the journey's scale: signed where it has negatives (`+0.50`), else `3.50`."""
    return signed(value, locale) if scale.min < 0 else number(value, locale, 2)


def word(score: int, scale: EmotionScale, labels: Mapping[str, str]) -> str:
    """A level's name: the journey's own (`names`), else the built-in name of its band."""
    return scale.name(score) or labels[f"emotion_{scale.level(score)}"]


def words(scale: EmotionScale, labels: Mapping[str, str]) -> dict[int, str]:
    """Every level's name by score, for templates that name a score."""
    return {score: word(score, scale, labels) for score in scale.scores()}
