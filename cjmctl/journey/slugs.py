"""Ids: the slug rule, turning names into slugs, and deriving the ids a file leaves out."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Protocol

SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

# Russian maps are first-class: their derived ids should read as the names do, not as "stage-3".
_CYRILLIC_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў"
_LATIN = (
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch"  # i18n: not shown
    " - y - e yu ya i yi ye g u"
)
_CYRILLIC = {
    letter: ("" if latin == "-" else latin)
    for letter, latin in zip(_CYRILLIC_LETTERS, _LATIN.split(), strict=True)
}


def slugify(text: str) -> str:
    """Turn a name into a slug: 'Пункт выдачи' -> 'punkt-vydachi', 'Pick-up (B)' -> 'pick-up-b'."""
    out: list[str] = []
    for char in text.lower():
        if char in _CYRILLIC:
            out.append(_CYRILLIC[char])
            continue
        if char in "'’":  # "loader's" -> "loaders", not "loader-s"
            continue
        # Latin letters with accents become their base letter; everything else separates words.
        base = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode().lower()
        out.append(base if base.isalnum() or base in "_-" else "-")
    return re.sub(r"-{2,}", "-", "".join(out)).strip("-_")


_ID_LENGTH = 48


def _shorten(slug: str, limit: int = _ID_LENGTH) -> str:
    """Cut a long slug at a word boundary, so a derived id never ends mid-word."""
    if len(slug) <= limit:
        return slug
    cut = slug[: limit + 1].rfind("-")
    return slug[:cut] if cut > 0 else slug[:limit].rstrip("-_")


def _id_slug(name: str) -> str:
    """`_shorten(slugify(name))`, reading only as much of a long name as the id can hold.

    `_shorten` looks at the first 49 characters of a slug longer than 48. Once the slug of a
    prefix is that long, the rest of the name can only add to its end, so the id is known;
    growing the prefix fourfold keeps a name of separators (no slug at all) linear.
    """
    end = 2 * _ID_LENGTH
    while end < len(name):
        slug = slugify(name[:end])
        if len(slug) > _ID_LENGTH:
            return _shorten(slug)
        end *= 4
    return _shorten(slugify(name))


class _HasId(Protocol):
    id: str


def derive_ids(parts: Iterable[tuple[str, _HasId, str]]) -> None:
    """Give every part whose id is empty a stable one from its name, unique across the file.

    Args:
        parts: (kind, part, name) in file order; kind names the fallback id ("stage-3").
    """
    parts = list(parts)
    taken = {part.id for _, part, _ in parts if part.id}
    counts: dict[str, int] = {}
    slugs: dict[str, str] = {}  # a name given through an alias is one string many times
    # Per base, the suffix it last got: every one below is taken, and `taken` only grows, so
    # the next part of that name starts there instead of counting up from 1 again.
    suffixes: dict[str, int] = {}
    for kind, part, name in parts:
        counts[kind] = counts.get(kind, 0) + 1
        if part.id:
            continue
        if name not in slugs:
            slugs[name] = _id_slug(name)
        base = slugs[name] or f"{kind}-{counts[kind]}"
        n = suffixes.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        suffixes[base] = n
        part.id = candidate
        taken.add(candidate)
