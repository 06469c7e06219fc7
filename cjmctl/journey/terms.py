"""The Russian term of a field or a part, kept beside its English description in the JSON Schema.

Descriptions are English (an editor shows one language, and English hints quote them), so the
word a Russian-speaking team uses for the same thing lives under one key of its own, the label
GLOSSARY.md gives it: `"x-term-ru": "Боли"`.
"""

from __future__ import annotations

from pydantic.config import JsonDict

TERM_KEY = "x-term-ru"
"""The schema key of the Russian term: an `x-` key, which JSON Schema validators ignore."""


def term_ru(term: str) -> JsonDict:
    """The `json_schema_extra` that gives a field or a model its Russian term."""
    return {TERM_KEY: term}
