"""How wide a built-in label is, set as the map sets lane names, to size the lane column.

The widths are DejaVu Sans Bold's advances, in thousandths of an em, for the capitals lane names
are set in (`text-transform: uppercase`): of the map's fonts it is the widest and the one Linux
falls back to, so a column sized by it holds the word in Inter, Segoe UI or Helvetica too.
"""

from __future__ import annotations

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
_OTHER = 1000
"""Any other character is taken as a full em: wider than any capital above but Щ, Ш, Ж, W."""


def word_width(word: str, size: float, spacing: float) -> float:
    """The width in px of `word` in capitals at `size` px with `spacing` em between letters."""
    advances = sum(_ADVANCES.get(c, _OTHER) for c in word.upper())
    return size * (advances / 1000 + spacing * len(word))


def longest_word(labels: list[str], size: float, spacing: float) -> float:
    """The width in px of the widest single word of `labels`: a column narrower cuts it."""
    return max((word_width(w, size, spacing) for text in labels for w in text.split()), default=0)
