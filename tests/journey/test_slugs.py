"""Slugs for derived ids, Russian names included."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cjmctl.journey.slugs import derive_ids, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Instagram ad", "instagram-ad"),
        ("Pick-up (warehouse B)", "pick-up-warehouse-b"),
        ("Пункт выдачи", "punkt-vydachi"),
        ("Подъезд №5", "podezd-no5"),
        ("Щёлково", "shchelkovo"),
        ("Café crème", "cafe-creme"),
        ("snake_case ok", "snake_case-ok"),
        ("The loader's phone", "the-loaders-phone"),
        ("!!!", ""),
        ("日本", ""),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@dataclass
class Part:
    id: str


def test_derive_ids_fills_only_empty_ids_and_keeps_them_unique() -> None:
    parts = [Part(""), Part("search"), Part(""), Part(""), Part("")]
    derive_ids(
        [
            ("stage", parts[0], "Search"),
            ("stage", parts[1], "Other"),
            ("stage", parts[2], "Search"),
            ("stage", parts[3], "???"),
            ("touchpoint", parts[4], "x" * 80),
        ]
    )
    assert [p.id for p in parts] == ["search-2", "search", "search-3", "stage-4", "x" * 48]


def test_long_derived_ids_end_at_a_word() -> None:
    part = Part("")
    derive_ids([("action", part, "Add a gate map and the loader's phone to the order e-mail")])
    assert part.id == "add-a-gate-map-and-the-loaders-phone-to-the"
