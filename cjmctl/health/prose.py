"""Text that YAML split or joined without a word: a sentence cut at a comma, list items folded.

`pains: [Непонятно, какие документы нужны]` is two pains to YAML, and `-Среднее` (no space
after the dash) under a list item is the end of the item above. Both load as valid journeys, so
lint points at them from how each value was written (`Source.style`, `Source.dashes`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from cjmctl.i18n import _
from cjmctl.journey.diagnostics import Diagnostic, shorten
from cjmctl.journey.fieldtypes import TextList
from cjmctl.journey.loader import Document
from cjmctl.journey.yamltree import Source

Loc = tuple[str | int, ...]

_TEXT_LIST = FieldInfo.from_annotation(TextList)
_PART = 24
"""How much of each part a split message quotes: two parts and the field fit one line."""

# Words that follow a comma inside one sentence: conjunctions and relative words. Russian puts
# a comma before every one of them, so a `[a, b]` list cuts its sentences there.
_RUSSIAN = (
    r"а|но|да|зато|однако|хотя|что|чтобы|чем|где|куда|откуда|когда|пока|если|как|потому|поэтому"
    r"|котор\w*|как(?:ой|ая|ое|ие|ого|ую|их|им|ими|ом)|чей|чья|чьё|чьи|почему|зачем|сколько"
)
_ENGLISH = (
    r"but|which|that|so|because|who|whom|whose|where|when|while|if|unless|although|though"
    r"|and then|or else"  # i18n: not shown
)
_AFTER_COMMA = re.compile(f"(?:{_RUSSIAN}|{_ENGLISH})(?![\\w-])")
_SENTENCE_END = (".", "!", "?", "…")


def text_lists(part: BaseModel, loc: Loc = ()) -> Iterator[tuple[Loc, list[str]]]:
    """Every list-of-text field under `part`, with its path.

    Found from the model's field types, so a prose list added to the format later is
    checked with no new code (slug lists such as `next` are not prose).
    """
    for name, field in type(part).model_fields.items():
        value = getattr(part, name)
        if field.annotation == _TEXT_LIST.annotation and field.metadata == _TEXT_LIST.metadata:
            yield (*loc, name), value
        elif isinstance(value, BaseModel):
            yield from text_lists(value, (*loc, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from text_lists(item, (*loc, name, i))


def _starts_lowercase(text: str) -> bool:
    # `iPhone`, `eBay`: a name, not the middle of a sentence.
    return text[:1].islower() and not text[1:2].isupper()


def looks_cut(before: str, after: str) -> bool:
    """Tell whether two items read as one sentence cut at the comma between them.

    The second starts in lowercase and either with a word that follows a comma, or after an
    item that starts in uppercase (as a sentence does) and does not end one.
    """
    if not _starts_lowercase(after):
        return False
    if _AFTER_COMMA.match(after):
        return True
    return before[:1].isupper() and not before.rstrip().endswith(_SENTENCE_END)


def split_sentences(document: Document) -> Iterator[Diagnostic]:
    """Flag items of a `[a, b]` prose list that look like the rest of the item before them."""
    for loc, items in text_lists(document.journey):
        source = document.source_at(loc)
        if source is None or source.kind != "seq" or source.style != "flow":
            continue
        for i in range(1, len(items)):
            if source.items[i - 1].style != "plain" or source.items[i].style != "plain":
                continue
            before, after = items[i - 1], items[i]
            if looks_cut(before, after):
                yield replace(
                    document.locate((*loc, i)),
                    message=_(
                        "`{field}` holds {before!r} and {after!r} as two items: this looks like "
                        "one sentence that the comma in `[ ]` cut in two"
                    ).format(
                        field=loc[-1], before=shorten(before, _PART), after=shorten(after, _PART)
                    ),
                    hint=_(
                        'quote the whole text ("{text}"), or use a block list: '
                        "one `- item` per line"
                    ).format(text=shorten(f"{before}, {after}")),
                )


def folded_dashes(document: Document) -> Iterator[Diagnostic]:
    """Flag continuation lines of plain text that start with '-': list items that got folded."""
    seen: set[tuple[int, int]] = set()
    for loc, node in _sources(document.source, ()):
        for line, column in node.dashes:
            if (line, column) not in seen:  # an alias repeats its value's source
                seen.add((line, column))
                yield replace(
                    document.locate(loc),
                    line=line,
                    column=column,
                    message=_(
                        "this line starts with '-' but continues the text above: YAML "
                        "joins the two into one text"
                    ),
                    hint=_(
                        "to start a new list item, write '- ' (with a space) in the column of "
                        "the '-' above; if the dash belongs to the text, quote the text"
                    ),
                )


def _sources(node: Source, loc: Loc) -> Iterator[tuple[Loc, Source]]:
    if node.dashes:
        yield loc, node
    for key, entry in node.entries.items():
        yield from _sources(entry, (*loc, key))
    for i, item in enumerate(node.items):
        yield from _sources(item, (*loc, i))
