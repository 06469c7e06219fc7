"""The emotion legend of the HTML map: one entry per level of the journey's scale.

The default -2..+2 keeps its five signs (`++` .. `−−`) and built-in words; another scale
lists each of its levels as written (`4`) with its name, beside the face of its band.
"""

from __future__ import annotations

from collections.abc import Mapping

from cjmctl.journey.scale import EmotionScale
from cjmctl.renderers.emotion import SIGNS, Face, face, word, written

LEGEND_FACE = (11.0, 11.0, 10.0)
"""A legend face's centre and radius in its 22 px box."""


def legend(scale: EmotionScale, labels: Mapping[str, str]) -> list[tuple[Face, str, str]]:
    """(face, sign, name) of every level, the most negative first."""
    if scale.is_default():
        return [
            (face(score, *LEGEND_FACE), SIGNS[score], labels[f"emotion_{score}"])
            for score in scale.scores()
        ]
    return [
        (face(scale.level(score), *LEGEND_FACE), written(score, scale), word(score, scale, labels))
        for score in scale.scores()
    ]
