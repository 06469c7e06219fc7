"""How wide a label is in the map's bold type: to size the lane column and to fit a name to a box.

The widths are DejaVu Sans Bold's advances, in thousandths of an em, for the capitals lane names
are set in (`text-transform: uppercase`) and for the small letters, digits and punctuation of
names as written: of the map's fonts it is the widest and the one Linux falls back to, so a box
sized by it holds the text in Inter, Segoe UI or Helvetica too.
"""

from __future__ import annotations

import unicodedata

from cjmctl.renderers.graphemes import cut

_ADVANCES = {
    **dict(zip("ABCDEFGHIJKLMNOPQRSTUVWXYZ", (
        774, 762, 734, 830, 683, 683, 821, 837, 372, 372, 775, 637, 995,
        837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725,
    ), strict=True)),
    **dict(zip("АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ", (
        774, 762, 762, 637, 891, 683, 683, 1224, 710, 837, 837, 817, 831, 995, 837, 850, 837,
        733, 734, 682, 771, 992, 771, 928, 808, 1235, 1326, 939, 1036, 762, 734, 1174, 770,
    ), strict=True)),
    "-": 415,
}  # fmt: skip
_LOWER = {
    **dict(zip("abcdefghijklmnopqrstuvwxyz", (
        675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042,
        712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582,
    ), strict=True)),
    **dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", (
        675, 698, 633, 522, 808, 678, 678, 995, 581, 701, 701, 679, 732, 817, 691, 687, 691,
        716, 593, 580, 652, 992, 645, 741, 687, 1062, 1105, 751, 904, 632, 593, 972, 642,
    ), strict=True)),
    **dict.fromkeys("0123456789", 696),
    **dict(zip(" ,.:;!?()«»\"'/&–—…", (
        348, 380, 380, 400, 400, 456, 580, 457, 457, 646, 646, 521, 306, 365, 872, 500, 1000, 1000,
    ), strict=True)),
}  # fmt: skip
_OTHER = 1000
"""Any other character is taken as a full em: wider than any capital above but Щ, Ш, Ж, Ы, Ю, W
(and than any small letter above but ш, щ, m)."""
ELLIPSIS = "…"


def word_width(word: str, size: float, spacing: float) -> float:
    """The width in px of `word` in capitals at `size` px with `spacing` em between letters."""
    advances = sum(_ADVANCES.get(c, _OTHER) for c in word.upper())
    return size * (advances / 1000 + spacing * len(word))


def longest_word(labels: list[str], size: float, spacing: float) -> float:
    """The width in px of the widest single word of `labels`: a column narrower cuts it."""
    return max((word_width(w, size, spacing) for text in labels for w in text.split()), default=0)


def text_width(text: str, size: float) -> float:
    """The width in px of `text` as written, in bold at `size` px; combining marks take none."""
    advances = sum(
        0 if unicodedata.combining(c) else _LOWER.get(c, _ADVANCES.get(c, _OTHER)) for c in text
    )
    return size * advances / 1000


def fit(text: str, width: float, size: float) -> str:
    """`text`, or as much of it as fits in `width` px with an ellipsis after it.

    Cut between whole characters (`graphemes`), never inside a letter with its marks.
    """
    if text_width(text, size) <= width:
        return text
    room = width - text_width(ELLIPSIS, size)
    used = 0.0
    for n, c in enumerate(text):
        used += text_width(c, size)
        if used > room:
            return cut(text, n).rstrip() + ELLIPSIS
    return text  # unreachable: the whole text was wider
