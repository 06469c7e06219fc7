"""Cross-checks at scale: "did you mean" stays as good as difflib's and bounded per reference."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence

import pytest

from cjmctl.journey import loader
from cjmctl.journey.diagnostics import JourneyError
from cjmctl.journey.messages import Suggestions


def broken(count: int, typo: Callable[[int], str]) -> list[str]:
    """The hints of a journey whose `count` touchpoints each have `next` naming a typo."""
    lines = ["cjm: 1", "title: T", "stages:", "  - name: S", "    touchpoints:"]
    lines += [f"      - {{id: step-{i}, name: N, next: [{typo(i)}]}}" for i in range(count)]
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(("\n".join(lines) + "\n").encode(), "j.yaml")
    return [d.hint for d in caught.value.diagnostics]


@pytest.fixture
def compared(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many choices each "did you mean" compares (difflib's cost), call by call."""
    sizes: list[int] = []
    real = difflib.get_close_matches

    def counted(word: str, possibilities: Sequence[str], n: int, cutoff: float) -> list[str]:
        sizes.append(len(possibilities))
        return real(word, possibilities, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    return sizes


@pytest.mark.parametrize(
    "typo",
    [lambda i: f"stpe-{i}", lambda i: f"step-{i}x", lambda i: f"sstep-{i}"],
    ids=["start", "end", "doubled"],
)
def test_thousands_of_broken_references_each_get_difflibs_answer_cheaply(
    compared: list[int], typo: Callable[[int], str]
) -> None:
    hints = broken(2_000, typo)
    assert hints == [f"did you mean 'step-{i}'?" for i in range(2_000)]
    # The first few compare all 2,001 ids (the stage's too); then each only the few that sort
    # next to it.
    exact = Suggestions.EXACT // 2_001
    assert compared[: exact + 1] == [2_001] * exact + [compared[exact]]
    assert max(compared[exact:]) <= 3 * 4 * Suggestions.NEAR


def test_one_typo_written_many_times_is_answered_once(compared: list[int]) -> None:
    assert set(broken(500, lambda _: "step-7x")) == {"did you mean 'step-7'?"}
    assert len(compared) == 1


def test_an_ordinary_file_gets_difflibs_own_answers() -> None:
    choices = [f"c{i}" for i in range(1_000)]
    suggestions = Suggestions(choices)
    for word in ["c1", "x12", "c3x", "zz", "c", "c12345", "cc7", "d99"]:
        close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
        assert suggestions.closest(word) == (close[0] if close else None)


def diagnostics(text: str) -> list[tuple[int, int, str, str]]:
    with pytest.raises(JourneyError) as caught:
        loader.load_bytes(text.encode(), "j.yaml")
    return [(d.line, d.column, d.message, d.hint) for d in caught.value.diagnostics]


NAMED = """\
cjm: 1
title: T
personas:
  - {id: anna, name: Anna Petrova}
stages:
  - id: accident
    name: ДТП
    touchpoints:
      - id: europrotocol
        name: Европротокол через Госуслуги
        evidence: [опрос  КЛИЕНТОВ]
        emotion: {Anna Petrova: -1}
        next: [Европротокол через Госуслуги, европротокол   через госуслуги, ДТП]
actions:
  - {id: fix, title: Fix, addresses: [дтп]}
research:
  - {id: survey-q3, kind: survey, title: Опрос клиентов}
  - {id: audit, kind: survey, title: Audit, scores: {Европротокол через Госуслуги: 50}}
"""


def by_name(kind: str, part_id: str, name: str) -> str:
    return (
        f"did you mean {part_id!r}, the id of the {kind} named {name!r}? "
        "references name ids, not names"
    )


def not_id(ref: str, what: str) -> str:
    return f"{ref!r} is not the id of {what}"


def test_a_reference_that_names_a_part_by_its_name_is_told_that_parts_id() -> None:
    flow = "a touchpoint or stage"
    europrotocol = by_name("touchpoint", "europrotocol", "Европротокол через Госуслуги")
    assert diagnostics(NAMED) == [
        (
            11,
            20,
            not_id("опрос  КЛИЕНТОВ", "a research entry"),
            by_name("research entry", "survey-q3", "Опрос клиентов"),
        ),
        (12, 19, not_id("Anna Petrova", "a persona"), by_name("persona", "anna", "Anna Petrova")),
        (13, 16, not_id("Европротокол через Госуслуги", flow), europrotocol),
        (13, 46, not_id("европротокол   через госуслуги", flow), europrotocol),
        (13, 78, not_id("ДТП", flow), by_name("stage", "accident", "ДТП")),
        (15, 39, not_id("дтп", flow), by_name("stage", "accident", "ДТП")),
        (18, 54, not_id("Европротокол через Госуслуги", "a touchpoint"), europrotocol),
    ]


CHECKED = """\
cjm: 1
title: T
personas:
  - {id: anna, name: Anna Petrova}
channels:
  - {id: gosuslugi, name: Госуслуги}
stages:
  - id: s1
    name: checkout
    touchpoints:
      - {id: pay, name: Pay, channel: Госуслуги, next: [checkout]}
"""


def test_a_valid_slug_or_free_text_that_is_a_name_is_told_that_parts_id() -> None:
    assert diagnostics(CHECKED) == [
        (11, 39, not_id("Госуслуги", "a channel"), by_name("channel", "gosuslugi", "Госуслуги")),
        (11, 57, not_id("checkout", "a touchpoint or stage"), by_name("stage", "s1", "checkout")),
    ]


def test_a_name_of_a_part_of_another_kind_is_not_offered() -> None:
    text = CHECKED.replace("channel: Госуслуги", "channel: Anna Petrova")
    assert diagnostics(text)[0] == (
        11,
        39,
        not_id("Anna Petrova", "a channel"),
        "add a channel with id 'Anna Petrova' to channels",
    )
