"""Cutting text between user-perceived characters: marks, joiners and flags stay whole."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmctl.renderers.graphemes import boundary, cut

E_ACUTE = "e\u0301"  # é written as e + COMBINING ACUTE ACCENT
SHORT_I = "\u0438\u0306"  # й written as и + COMBINING BREVE
CODER = "\U0001f469\U0001f3fd\u200d\U0001f4bb"  # woman, skin tone, ZWJ, laptop
FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
HEART = "\u2764\ufe0f"  # with VARIATION SELECTOR-16
FLAG_RU = "\U0001f1f7\U0001f1fa"
CLUSTERS = ["a", E_ACUTE, SHORT_I, CODER, FAMILY, HEART, FLAG_RU, "\u0915\u093f", " "]


@pytest.mark.parametrize(
    ("text", "limit", "start"),
    [
        ("caf" + E_ACUTE, 4, "caf"),
        ("caf" + E_ACUTE, 5, "caf" + E_ACUTE),
        ("\u0439" + SHORT_I + "x", 2, "\u0439"),
        ("a" + FAMILY, 3, "a"),
        ("a" + FAMILY, 4, "a"),
        ("a" + FAMILY + "b", 6, "a" + FAMILY),
        (CODER + CODER, 5, CODER),
        (HEART + "!", 1, "\u2764\ufe0f"),
        (FLAG_RU * 3, 3, FLAG_RU),
        (FLAG_RU * 3, 5, FLAG_RU * 2),
        ("e" + "\u0301" * 9, 3, "e" + "\u0301" * 9),
        ("abc", 0, ""),
        ("", 3, ""),
    ],
)
def test_cut_keeps_each_character_whole(text: str, limit: int, start: str) -> None:
    assert cut(text, limit) == start


def test_no_boundary_before_a_mark_or_around_a_joiner() -> None:
    assert [boundary(E_ACUTE + "x", i) for i in range(4)] == [True, False, True, True]
    assert [boundary(FAMILY, i) for i in range(len(FAMILY) + 1)] == [
        True,
        False,
        False,
        False,
        False,
        True,
    ]


@given(st.lists(st.sampled_from(CLUSTERS), max_size=20), st.integers(1, 12))
def test_cutting_repeatedly_splits_only_between_clusters(clusters: list[str], limit: int) -> None:
    text = "".join(clusters)
    between = {sum(len(c) for c in clusters[:n]) for n in range(len(clusters) + 1)}
    offset = 0
    while offset < len(text):
        piece = cut(text[offset:], limit)
        assert piece
        assert len(piece) <= limit or len(piece) == len(cut(text[offset:], 1))
        offset += len(piece)
        assert offset in between
