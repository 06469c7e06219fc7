"""The semantic diff: parts matched by id, emotion deltas, items, actions, funnel; its formats."""

from __future__ import annotations

import json
import re

from markdown_it import MarkdownIt

from cjmctl import i18n
from cjmctl.health import diffreport, semdiff
from cjmctl.health.semdiff import EmotionChange, FunnelChange, ItemChange, PartChange
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from tests.conftest import EXAMPLES
from tests.hostile import inject

OLD = """\
cjm: 1
title: T
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]
stages:
  - id: search
    name: Search
    reached: 1000
    touchpoints:
      - {id: ad, name: Ad, emotion: 1}
      - id: catalog
        name: Catalog
        emotion: {anna: 0, boris: -1}
        pains: [Slow, No stock]
  - id: pickup
    name: Pick-up
    reached: 200
    touchpoints:
      - {id: gate, name: Gate, emotion: -2, opportunities: [Move parking]}
      - {id: sms, name: SMS}
actions:
  - {id: parking, title: Move parking, addresses: gate}
  - {id: lockers, title: Lockers, addresses: gate}
"""

NEW = """\
cjm: 1
title: T
personas: [{id: anna, name: Anna}, {id: boris, name: Boris}]
stages:
  - id: pickup
    name: Pick-up
    reached: 1250
    touchpoints:
      - {id: gate, name: Gate | exit 3, emotion: 0, opportunities: [Loading bay]}
      - {id: catalog, name: Catalog, emotion: {anna: 1}, pains: [Slow, Filters reset]}
  - id: search
    name: Online search
    reached: 1000
    touchpoints:
      - {id: ad, name: Ad, emotion: 1}
      - {id: review, name: Review}
actions:
  - {id: parking, title: Move parking, addresses: gate, status: done}
  - {id: bay, title: Loading bay, addresses: gate}
"""


def journey(text: str) -> Journey:
    return loader.load_bytes(text.encode(), "j.yaml")


def changes(old: str, new: str) -> semdiff.Changes:
    return semdiff.diff(journey(old), journey(new))


def test_the_same_journey_has_no_changes() -> None:
    found = changes(OLD, OLD)
    assert found.empty
    assert diffreport.format_text(found) == "no changes"
    assert diffreport.format_markdown(found) == "## Journey map changes\n\nNo changes."


def test_every_kind_of_change_in_new_file_order_then_removed_in_old_order() -> None:
    found = changes(OLD, NEW)
    assert not found.empty
    assert found.stages == [
        PartChange("reordered", "pickup", "Pick-up", 2, 1),
        PartChange("renamed", "search", "Online search", "Search", "Online search"),
    ]
    assert found.touchpoints == [
        PartChange("renamed", "gate", "Gate | exit 3", "Gate", "Gate | exit 3"),
        PartChange("moved", "catalog", "Catalog", "search", "pickup"),
        PartChange("added", "review", "Review", None, "search"),
        PartChange("removed", "sms", "SMS", "pickup", None),
    ]
    assert found.emotions == [
        EmotionChange("gate", "Gate | exit 3", None, -2, 0, 2),
        EmotionChange("catalog", "Catalog", "anna", 0, 1, 1),
        EmotionChange("catalog", "Catalog", "boris", -1, None, None),
    ]
    assert found.pains == [
        ItemChange("added", "catalog", "Filters reset", "Catalog"),
        ItemChange("removed", "catalog", "No stock", "Catalog"),
    ]
    assert found.opportunities == [
        ItemChange("added", "gate", "Loading bay", "Gate | exit 3"),
        ItemChange("removed", "gate", "Move parking", "Gate | exit 3"),
    ]
    assert found.actions == [
        PartChange("status", "parking", "Move parking", "planned", "done"),
        PartChange("added", "bay", "Loading bay"),
        PartChange("removed", "lockers", "Lockers"),
    ]
    assert found.funnel == [FunnelChange("pickup", "Pick-up", 200, 1250, 1050)]


def test_only_the_touchpoint_that_moved_against_the_others_is_reordered() -> None:
    old = (
        "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        "      - {id: a, name: A}\n      - {id: b, name: B}\n      - {id: c, name: C}\n"
        "      - {id: d, name: D}\n"
    )
    new = old.replace("      - {id: a, name: A}\n", "").replace(
        "      - {id: d", "      - {id: x, name: X}\n      - {id: a, name: A}\n      - {id: d"
    )
    found = changes(old, new)
    assert found.touchpoints == [
        PartChange("added", "x", "X", None, "s"),
        PartChange("reordered", "a", "A", 1, 4),
    ]


def test_stages_and_actions_moved_against_the_others() -> None:
    old = (
        "cjm: 1\ntitle: T\nstages: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]\n"
        "actions: [{id: x, title: X}, {id: y, title: Y}]\n"
    )
    new = (
        "cjm: 1\ntitle: T\nstages: [{id: b, name: B}, {id: c, name: C}, {id: a, name: A}]\n"
        "actions: [{id: y, title: Y!}, {id: x, title: X}]\n"
    )
    found = changes(old, new)
    assert found.stages == [PartChange("reordered", "a", "A", 1, 3)]
    assert found.actions == [
        PartChange("renamed", "y", "Y!", "Y", "Y!"),
        PartChange("reordered", "y", "Y!", 2, 1),
    ]


def test_a_shared_emotion_split_per_persona_compares_each_persona() -> None:
    old = (
        "cjm: 1\ntitle: T\npersonas: [{id: anna, name: Anna}, {id: boris, name: Boris}]\n"
        "stages:\n  - name: S\n    touchpoints: [{id: t, name: T, emotion: 1}]\n"
    )
    new = old.replace("emotion: 1", "emotion: {anna: 1, boris: -1}")
    assert changes(old, new).emotions == [EmotionChange("t", "T", "boris", 1, -1, -2)]
    assert changes(new, old).emotions == [EmotionChange("t", "T", "boris", -1, 1, 2)]
    gone = old.replace("emotion: 1", "action: x")
    assert changes(old, gone).emotions == [EmotionChange("t", "T", None, 1, None, None)]


def test_a_funnel_count_given_or_dropped() -> None:
    old = "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S, reached: 12400}\n  - {id: u, name: U}\n"
    new = "cjm: 1\ntitle: T\nstages:\n  - {id: s, name: S}\n  - {id: u, name: U, reached: 5}\n"
    assert changes(old, new).funnel == [
        FunnelChange("s", "S", 12400, None, None),
        FunnelChange("u", "U", None, 5, None),
    ]


def test_text_format() -> None:
    assert diffreport.format_text(changes(OLD, NEW)) == (
        "Stages\n"
        '  reordered "Pick-up" (pickup): position 2 -> 1\n'
        "  renamed search: 'Search' -> 'Online search'\n"
        "Touchpoints\n"
        "  renamed gate: 'Gate' -> 'Gate | exit 3'\n"
        '  moved "Catalog" (catalog): stage search -> stage pickup\n'
        '  added "Review" (review) in stage search\n'
        '  removed "SMS" (sms) from stage pickup\n'
        "Emotions\n"
        '  "Gate | exit 3" (gate): -2 -> 0 (+2)\n'
        '  "Catalog" (catalog) for anna: 0 -> 1 (+1)\n'
        '  "Catalog" (catalog) for boris: -1 -> none\n'
        "Pains\n"
        "  added at \"Catalog\" (catalog): 'Filters reset'\n"
        "  removed at \"Catalog\" (catalog): 'No stock'\n"
        "Opportunities\n"
        "  added at \"Gate | exit 3\" (gate): 'Loading bay'\n"
        "  removed at \"Gate | exit 3\" (gate): 'Move parking'\n"
        "Actions\n"
        '  status "Move parking" (parking): planned -> done\n'
        '  added "Loading bay" (bay)\n'
        '  removed "Lockers" (lockers)\n'
        "Funnel\n"
        '  "Pick-up" (pickup): 200 -> 1,250 (+1,050)'
    )


def test_text_format_keeps_control_characters_off_the_terminal() -> None:
    # The loader refuses such text; a journey built in Python may still carry it.
    def named(name: str) -> Journey:
        return Journey.model_validate(
            {"cjm": 1, "title": "T", "stages": [{"id": "s", "name": name}]}
        )

    assert diffreport.format_text(semdiff.diff(named("S"), named("S\x1b[2J\u2028"))) == (
        "Stages\n  renamed s: 'S' -> 'S\\x1b[2J\\u2028'"
    )


def test_markdown_format() -> None:
    assert diffreport.format_markdown(changes(OLD, NEW)) == (
        "## Journey map changes\n"
        "\n"
        "### Stages\n"
        "\n"
        "- reordered Pick-up (`pickup`): position 2 -> 1\n"
        "- renamed `search`: Search -> Online search\n"
        "\n"
        "### Touchpoints\n"
        "\n"
        "- renamed `gate`: Gate -> Gate \\| exit 3\n"
        "- moved Catalog (`catalog`): stage `search` -> stage `pickup`\n"
        "- added Review (`review`) in stage `search`\n"
        "- removed SMS (`sms`) from stage `pickup`\n"
        "\n"
        "### Emotions\n"
        "\n"
        "| Touchpoint | Persona | Before | After | Change |\n"
        "| --- | --- | ---: | ---: | ---: |\n"
        "| `gate` Gate \\| exit 3 |  | -2 | 0 | +2 |\n"
        "| `catalog` Catalog | anna | 0 | 1 | +1 |\n"
        "| `catalog` Catalog | boris | -1 | none |  |\n"
        "\n"
        "### Pains\n"
        "\n"
        "- added at Catalog (`catalog`): Filters reset\n"
        "- removed at Catalog (`catalog`): No stock\n"
        "\n"
        "### Opportunities\n"
        "\n"
        "- added at Gate \\| exit 3 (`gate`): Loading bay\n"
        "- removed at Gate \\| exit 3 (`gate`): Move parking\n"
        "\n"
        "### Actions\n"
        "\n"
        "- status Move parking (`parking`): planned -> done\n"
        "- added Loading bay (`bay`)\n"
        "- removed Lockers (`lockers`)\n"
        "\n"
        "### Funnel\n"
        "\n"
        "| Stage | Before | After | Change |\n"
        "| --- | ---: | ---: | ---: |\n"
        "| `pickup` Pick-up | 200 | 1,250 | +1,050 |"
    )


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)(?:\\\\)*\|", line))


def test_markdown_escapes_user_text_so_tables_and_lines_hold() -> None:
    hostile = r"a | b \| c ` *d* _e_ [f](g) <script> ~h~ &amp; #1 !"
    old = (
        "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    reached: 9\n"
        "    touchpoints:\n      - {id: t, name: T, emotion: 1}\n"
    )
    # Kept under the width at which lines cut texts, so that the heading is shown.
    heading = hostile[:41] + "\n# not a heading"
    new = old.replace("name: S\n", f"name: {json.dumps(heading)}\n")
    new = new.replace("reached: 9", "reached: 8").replace(
        "name: T,", f"name: {json.dumps(hostile)},"
    )
    new = new.replace("emotion: 1}", "emotion: 2, pains: [" + json.dumps(hostile) + "]}")
    text = diffreport.format_markdown(changes(old, new))
    escaped = r"a \| b \\\| c \` \*d\* \_e\_ \[f\](g) \<script\> \~h\~ \&amp; \#&#8203;1 !"
    assert f"- added at {escaped} (`t`): {escaped}" in text.splitlines()
    cut = r"a \| b \\\| c \` \*d\* \_e\_ \[f\](g) \<script\> \~h\~"
    assert f"- renamed `s`: S -> {cut} \\# not a heading" in text.splitlines()
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 6
    assert [_unescaped_pipes(row) for row in rows] == [6, 6, 6, 5, 5, 5]
    assert not any(line.startswith("#") and "not a heading" in line for line in text.splitlines())


def test_markdown_mentions_no_one_and_links_no_issue() -> None:
    """A pull-request comment must not ping `@team` or link `#123` from journey text."""
    typed = "Ask @team and @org/devs (see #123, GH-12, owner/repo#1)\u202e"
    old = "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    reached: 9\n"
    new = old.replace("name: S", f"name: {json.dumps(typed)}").replace("9", "8")
    text = diffreport.format_markdown(changes(old, new))
    linkable = re.compile(r"@\w|(?<!&)#\d|\bGH-\d", re.IGNORECASE)
    assert linkable.search(text) is None
    page = MarkdownIt("commonmark").enable("table").render(text)
    assert linkable.search(page) is None
    shown = page.replace("\u200b", "")
    assert "renamed <code>s</code>: S -&gt; Ask @team and @org/devs (see #123, GH-12, " in shown
    assert "owner/repo#1)\\u202e</li>" in shown
    assert "<td><code>s</code> Ask @team and @org/devs" in shown


def test_json_format_has_a_list_per_kind_in_a_fixed_order() -> None:
    document = json.loads(diffreport.format_json(changes(OLD, NEW)))
    assert list(document) == [
        "stages",
        "touchpoints",
        "emotions",
        "pains",
        "opportunities",
        "actions",
        "funnel",
        "personas",
        "channels",
        "research",
        "metrics",
        "outlets",
        "criteria",
        "fields",
    ]
    assert document["stages"][0] == {
        "change": "reordered",
        "id": "pickup",
        "name": "Pick-up",
        "old": 2,
        "new": 1,
    }
    assert document["emotions"][2] == {
        "touchpoint": "catalog",
        "name": "Catalog",
        "persona": "boris",
        "old": -1,
        "new": None,
        "delta": None,
    }
    assert document["funnel"] == [
        {"stage": "pickup", "name": "Pick-up", "old": 200, "new": 1250, "delta": 1050}
    ]
    assert diffreport.format_json(changes(OLD, OLD)) == json.dumps(
        {k: [] for k in document}, indent=2
    )


class Counted(str):
    """Text that counts how often it is compared for equality: list membership's cost."""

    compared = 0

    def __eq__(self, other: object) -> bool:
        Counted.compared += 1
        return str.__eq__(self, other)

    __hash__ = str.__hash__


def test_long_lists_of_pains_are_matched_in_linear_time() -> None:
    old = loader.load_bytes(
        b"cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: A}]}]\n", "j"
    )
    new = old.model_copy(deep=True)
    old.stages[0].touchpoints[0].pains = [Counted(f"pain {i}") for i in range(4_000)]
    new.stages[0].touchpoints[0].pains = [Counted(f"pain {i}") for i in range(2_000, 6_000)]
    Counted.compared = 0
    found = semdiff.diff(old, new)
    assert Counted.compared <= 8_000  # each text looked up once, not against every other
    assert [(c.change, c.text) for c in found.pains] == [
        *(("added", f"pain {i}") for i in range(4_000, 6_000)),
        *(("removed", f"pain {i}") for i in range(2_000)),
    ]


def test_repeated_items_count_as_often_as_they_are_given() -> None:
    """A second copy of a text is a change of the list too (a multiset, not a set)."""
    old = loader.load_bytes(
        b"cjm: 1\ntitle: T\nstages: [{name: S, touchpoints: [{name: A}]}]\n", "j"
    )
    new = old.model_copy(deep=True)
    old.stages[0].touchpoints[0].pains = ["a", "b", "b", "c"]
    new.stages[0].touchpoints[0].pains = ["c", "d", "d", "a", "a"]
    assert [(c.change, c.text) for c in semdiff.diff(old, new).pains] == [
        ("added", "d"),
        ("added", "d"),
        ("added", "a"),
        ("removed", "b"),
        ("removed", "b"),
    ]


ISSUE_11 = """\
cjm: 1
title: Claim
locale: ru
personas:
  - {id: anna, name: Anna, summary: 34, goals: [Fast payout]}
stages:
  - id: report
    name: Report
    touchpoints:
      - {id: search, name: Search, owner: Logistics, next: [doc-upload, call]}
      - {id: doc-upload, name: Upload}
      - {id: call, name: Call}
      - {id: online-claim, name: Online claim}
actions:
  - {id: bot, title: Chat bot, target: under 5%}
research:
  - {id: shop, kind: mystery_shopping, title: Visits, scores: {search: 58}}
"""
ISSUE_11_NEW = (
    ISSUE_11.replace("owner: Logistics", "owner: Store")
    .replace("[doc-upload, call]", "[online-claim, call]")
    .replace("under 5%", "under 2%")
    .replace("{search: 58}", "{search: 71}")
    .replace("summary: 34", "summary: 35")
    .replace("[Fast payout]", "[Fast payout, No calls]")
)


def test_fields_the_diff_did_not_see_before_in_text() -> None:
    """The changes issue 11 found reported as "no changes": each named, old -> new."""
    assert diffreport.format_text(changes(ISSUE_11, ISSUE_11_NEW)) == (
        "Personas\n"
        "  \"Anna\" (anna): summary: '34' -> '35'\n"
        "  \"Anna\" (anna): goals: added 'No calls'\n"
        "Touchpoints\n"
        "  \"Search\" (search): owner: 'Logistics' -> 'Store'\n"
        '  "Search" (search): next: added search -> online-claim\n'
        '  "Search" (search): next: removed search -> doc-upload\n'
        "Actions\n"
        "  \"Chat bot\" (bot): target: 'under 5%' -> 'under 2%'\n"
        "Research\n"
        '  "Visits" (shop): scores.search: 58 -> 71'
    )


def test_markdown_groups_fields_by_part_and_stage_in_the_user_s_language() -> None:
    i18n.use("ru")
    assert diffreport.format_markdown(changes(ISSUE_11, ISSUE_11_NEW)) == (
        "## Изменения карты пути\n\n"
        "### Персоны\n\n"
        "- Anna (`anna`)\n"
        "  - `summary`: 34 -> 35\n"
        "  - `goals`: добавлено No calls\n\n"
        "### Точки контакта\n\n"
        "#### Report (`report`)\n\n"
        "- Search (`search`)\n"
        "  - `owner`: Logistics -> Store\n"
        "  - `next`: добавлено `search -> online-claim`\n"
        "  - `next`: удалено `search -> doc-upload`\n\n"
        "### План действий\n\n"
        "- Chat bot (`bot`)\n"
        "  - `target`: under 5% -> under 2%\n\n"
        "### Исследования\n\n"
        "- Visits (`shop`)\n"
        "  - `scores.search`: 58 -> 71"
    )
    assert diffreport.format_markdown(changes(ISSUE_11, ISSUE_11)) == (
        "## Изменения карты пути\n\nИзменений нет."
    )


def test_json_names_parts_by_id_with_the_field_path() -> None:
    document = json.loads(diffreport.format_json(changes(ISSUE_11, ISSUE_11_NEW)))
    assert document["fields"][2:4] == [
        {
            "part": "touchpoint",
            "id": "search",
            "name": "Search",
            "field": "owner",
            "change": "changed",
            "old": "Logistics",
            "new": "Store",
        },
        {
            "part": "touchpoint",
            "id": "search",
            "name": "Search",
            "field": "next",
            "change": "added",
            "old": None,
            "new": "online-claim",
        },
    ]
    assert document["fields"][-1]["field"] == "scores.search"
    assert (document["fields"][-1]["old"], document["fields"][-1]["new"]) == (58, 71)


def test_long_texts_are_cut_in_lines_but_whole_in_json() -> None:
    long = "word " * 30
    new = ISSUE_11.replace("owner: Logistics", f"owner: {long.strip()}")
    found = changes(ISSUE_11, new)
    line = diffreport.format_text(found).splitlines()[1]
    assert line == "  \"Search\" (search): owner: 'Logistics' -> '" + ("word " * 12)[:59] + "…'"
    assert json.loads(diffreport.format_json(found))["fields"][0]["new"] == long.strip()


def test_hostile_text_in_every_field_is_reported_escaped_and_whole_in_json() -> None:
    old = loader.load(EXAMPLES / "furniture-store.yaml")
    new = old.model_copy(deep=True)
    payloads = inject(new, lambda n: f"@team {n} #1\x1b[2J | `x`\u202e\n# h{n}", refs=True)
    found = semdiff.diff(old, new)
    text = diffreport.format_text(found)
    assert "\x1b" not in text
    assert "\u202e" not in text
    page = diffreport.format_markdown(found)
    assert re.search(r"@\w|(?<!&)#\d", page) is None
    assert not [line for line in page.splitlines() if line.startswith("# ")]
    document = diffreport.format_json(found)
    assert all(json.dumps(p, ensure_ascii=False) in document for p in payloads)
