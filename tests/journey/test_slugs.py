"""Slugs for derived ids, Russian names included."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjmctl.journey import slugs
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


def _old_derive_ids(parts: list[tuple[str, Part, str]]) -> None:
    """derive_ids as it was before it kept a counter per name: the reference for its ids."""
    taken = {part.id for _, part, _ in parts if part.id}
    counts: dict[str, int] = {}
    for kind, part, name in parts:
        counts[kind] = counts.get(kind, 0) + 1
        if part.id:
            continue
        base = slugs._shorten(slugify(name)) or f"{kind}-{counts[kind]}"
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        part.id = candidate
        taken.add(candidate)


# Names and ids that collide in every way: a name whose slug is another's numbered id ("a 2"),
# explicit ids in the numbered range, fallbacks ("stage-2") and names that slugify to nothing.
NAMES = st.sampled_from(["a", "A", "a 2", "a-2-2", "b", "stage 2", "?", "", "a-3", "x" * 60])
IDS = st.sampled_from(["", "", "", "a", "a-2", "a-3", "stage-2", "b-2"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["stage", "touchpoint"]), IDS, NAMES), max_size=30))
def test_derived_ids_are_the_same_as_before_the_counter(
    items: list[tuple[str, str, str]],
) -> None:
    new = [(kind, Part(part_id), name) for kind, part_id, name in items]
    old = [(kind, Part(part_id), name) for kind, part_id, name in items]
    derive_ids(new)
    _old_derive_ids(old)
    assert [p.id for _, p, _ in new] == [p.id for _, p, _ in old]


def test_many_parts_of_one_name_are_numbered_in_linear_time() -> None:
    parts = [Part("same-3" if i == 5 else "") for i in range(20_000)]
    started = time.perf_counter()
    derive_ids([("touchpoint", part, "Same") for part in parts])
    assert time.perf_counter() - started < 20  # a hang guard only; see bench_limits.py
    expected = ["same", "same-2", *(f"same-{n}" for n in range(4, 20_001))]
    assert [p.id for p in parts] == [*expected[:5], "same-3", *expected[5:]]


# Text that slugs to something, to nothing, to doubled separators, shorter or longer.
NAME_TEXT = st.text(st.sampled_from("ab Zé-_'’.щΣİ\u0301日"), max_size=400)


@settings(max_examples=300, deadline=None)
@given(NAME_TEXT)
def test_a_derived_id_reads_a_bounded_prefix_of_the_name_and_is_the_same(name: str) -> None:
    assert slugs._id_slug(name) == slugs._shorten(slugify(name))


def test_a_long_name_given_many_times_is_slugified_once_and_only_its_start(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[int] = []

    def counted(text: str) -> str:
        seen.append(len(text))
        return slugify(text)

    monkeypatch.setattr(slugs, "slugify", counted)
    long_name = "word " * 20_000  # 100 KB, as an alias gives it to every touchpoint
    parts = [Part("") for _ in range(400)]
    derive_ids([("touchpoint", part, long_name) for part in parts])
    assert parts[0].id == re.sub("-$", "", "word-" * 9)
    assert parts[-1].id == parts[0].id + "-400"
    assert sum(seen) <= 2 * 48  # not 400 x 100 KB
