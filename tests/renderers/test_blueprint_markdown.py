"""The service blueprint in Markdown (issue 15): its lanes are rows of each stage's table, under
the customer's rows, read back by a CommonMark parser with GitHub tables."""

from __future__ import annotations

from cjmctl import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.markdown import to_markdown
from tests.blueprintmaps import plain, small
from tests.conftest import EXAMPLES
from tests.renderers.test_markdown import parse, tables

OPTIONS = RenderOptions()


def test_the_lanes_are_rows_under_the_customer_s_with_the_backstage_owner() -> None:
    first, last = tables(parse(to_markdown(small(), OPTIONS)))
    assert first == [
        ["Touchpoint", "Door", "Desk"],
        ["Customer action", "Comes in", "Talks to a consultant"],
        ["Pains", "Nobody greets", ""],
        ["Frontstage (in view)", "• The greeter says hello • The greeter asks the purpose", ""],
        ["Backstage", "The manager staffs the floor", "The consultant reads the file"],
        ["Backstage owner", "Branch operations", ""],
        ["Support processes", "• Rota system • Queue system", ""],
        ["Owner", "Branch network", ""],
    ]
    assert last == [["Touchpoint", "Call"], ["Customer action", "Answers a call"]]


def test_russian_row_names() -> None:
    first = tables(parse(to_markdown(small("ru"), OPTIONS)))[0]
    assert [row[0] for row in first[3:7]] == [
        "Фронт-офис (на виду у клиента)",
        "Бэк-офис",
        "Ответственный за бэк-офис",
        "Процессы поддержки",
    ]


def test_a_journey_without_lanes_has_no_blueprint_rows() -> None:
    first = tables(parse(to_markdown(plain(), OPTIONS)))[0]
    assert [row[0] for row in first] == ["Touchpoint", "Customer action", "Pains", "Owner"]


def test_every_touchpoint_of_the_bank_branch_shows_its_lanes() -> None:
    journey = load(EXAMPLES / "bank-branch.yaml")
    found = tables(parse(to_markdown(journey, RenderOptions(today=None))))
    staged = [stage for stage in journey.stages if stage.touchpoints]
    for stage, table in zip(staged, found, strict=False):
        rows = {row[0]: row[1:] for row in table}
        for n, tp in enumerate(stage.touchpoints):
            front = rows.get("Frontstage (in view)", [""] * len(stage.touchpoints))[n]
            back = rows.get("Backstage", [""] * len(stage.touchpoints))[n]
            owner = rows.get("Backstage owner", [""] * len(stage.touchpoints))[n]
            assert front == " ".join(tp.frontstage)
            assert back == " ".join(tp.backstage)
            assert owner == (tp.backstage_owner or "")
