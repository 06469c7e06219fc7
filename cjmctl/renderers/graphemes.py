"""Where text may be cut: between user-perceived characters, never inside one.

A letter and its combining marks (`e` + U+0301 is one `é`), an emoji with its skin tone,
variation selector or zero-width-joiner sequence (👩‍💻), and a pair of regional indicators
(a flag) each stay whole when a renderer wraps or shortens text. This is a small part of
Unicode's grapheme cluster rules (UAX #29), enough for the text of journey maps: Hangul jamo
and prepended marks are left out.
"""

from __future__ import annotations

import unicodedata

ZWJ = "\u200d"
_MARKS = frozenset({"Mn", "Me", "Mc"})
_JOINERS = frozenset({ZWJ, "\u200c"})


def _extends(char: str) -> bool:
    """Whether `char` belongs to the character before it (Grapheme_Cluster_Break Extend)."""
    return (
        unicodedata.category(char) in _MARKS
        or char in _JOINERS
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # emoji skin tones
        or "\U000e0020" <= char <= "\U000e007f"  # emoji tags (subdivision flags)
    )


def _regional(char: str) -> bool:
    return "\U0001f1e6" <= char <= "\U0001f1ff"


def boundary(text: str, index: int) -> bool:
    """Whether `text` may be cut before `text[index]`."""
    if index <= 0 or index >= len(text):
        return True
    if _extends(text[index]) or text[index - 1] == ZWJ:
        return False
    if _regional(text[index]) and _regional(text[index - 1]):
        start = index - 1
        while start > 0 and _regional(text[start - 1]):
            start -= 1
        return (index - start) % 2 == 0  # flags pair up from the start of the run
    return True


def cut(text: str, limit: int) -> str:
    """Return the longest start of `text` of at most `limit` characters that ends whole.

    When even the first character is longer (a letter with many marks), it is returned
    whole, so a caller that cuts repeatedly always makes progress; but no more than
    `STREAM_SAFE` characters past `limit`, so that a letter with thousands of marks, which
    validates, cannot grow a label past what `dot` reads (16,384 characters).
    """
    if len(text) <= limit:
        return text
    end = max(limit, 0)
    while end > 0 and not boundary(text, end):
        end -= 1
    if end == 0 and limit > 0:
        end = 1
        while end < limit + STREAM_SAFE and not boundary(text, end):
            end += 1
    return text[:end]


STREAM_SAFE = 30
"""Unicode's stream-safe text format allows 30 combining marks in a row; more is never text."""


LONG_WORD = 24
"""Words longer than this may break on a page: no word of ordinary text is this long."""


def pieces(word: str, size: int = LONG_WORD // 2) -> list[str]:
    """`word` in pieces of about `size` characters, each cut between user-perceived ones."""
    found: list[str] = []
    while word:
        piece = cut(word, size)
        found.append(piece)
        word = word[len(piece) :]
    return found
