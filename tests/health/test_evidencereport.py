"""Evidence status: which claims a map makes, what backs them, and the report of them."""

from __future__ import annotations

import json

from markdown_it import MarkdownIt
from typer.testing import CliRunner

from cjmctl import i18n
from cjmctl.cli import app
from cjmctl.health import evidencereport, stats
from cjmctl.journey import loader
from cjmctl.journey.backing import claims_made, share
from cjmctl.journey.model import Journey
from tests.conftest import EXAMPLES

HEAD = "cjm: 1\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
RESEARCH = (
    "research:\n"
    "  - {id: csat, kind: survey, title: CSAT survey}\n"
    "  - {id: logs, kind: analytics, title: Queue logs}\n"
)
# Every way a claim can be known, one touchpoint each (lines 7..).
CLAIMS = (
    HEAD + "      - id: a\n        name: A\n        emotion: 1\n        pains: [Slow]\n"
    "        thoughts: Hm\n        claims:\n"
    "          emotion: {status: observed, source: csat}\n"
    "          pains: {status: observed, source: Branch workshop}\n"
    "          thoughts: {status: assumed, source: Team guess}\n"
    "      - id: b\n        name: B\n        emotion: -1\n        evidence: [logs]\n"
    "        thoughts: Why?\n        claims:\n          thoughts: {status: proposed}\n"
    "      - id: c\n        name: C\n        emotion: 0\n        pains: [Cold]\n"
    "        claims:\n          pains: {status: observed}\n"
    "      - id: d\n        name: D\n        claims:\n          emotion: {status: observed}\n"
    + RESEARCH
)


def journey(text: str) -> Journey:
    return loader.load_bytes(text.encode(), "j.yaml")


def test_each_claim_made_with_its_status_sources_and_whether_research_backs_it() -> None:
    found = [
        (c.touchpoint.id, c.field, c.status, [(s.text, s.research) for s in c.sources], c.backed)
        for c in claims_made(journey(CLAIMS))
    ]
    assert found == [
        ("a", "emotion", "observed", [("CSAT survey", "csat")], True),
        # Observed, but the words name no research the map holds: not backed.
        ("a", "pains", "observed", [("Branch workshop", None)], False),
        ("a", "thoughts", "assumed", [("Team guess", None)], False),
        # Without a claim, the touchpoint's evidence backs its emotion.
        ("b", "emotion", "unstated", [("Queue logs", "logs")], True),
        # A proposal is not backed, even on a touchpoint with evidence; its source is its own.
        ("b", "thoughts", "proposed", [], False),
        ("c", "emotion", "unstated", [], False),
        ("c", "pains", "observed", [], False),  # observed, but by what?
        # `d` claims an emotion it does not give: no claim is made.
    ]
    assert share(claims_made(journey(CLAIMS))) == 0.2857  # 2 of 7


def test_a_map_without_claims_has_no_share() -> None:
    assert share(claims_made(journey(HEAD + "      - {id: a, name: A}\n"))) is None
    found = evidencereport.report(journey(HEAD + "      - {id: a, name: A}\n"))
    assert evidencereport.format_text(found) == (
        "T\n\nThe map makes no claims yet: no emotions, pains or thoughts."
    )


def test_text_report() -> None:
    found = evidencereport.report(journey(CLAIMS))
    assert evidencereport.format_text(found) == "\n".join(
        [
            "T",
            "",
            "Share backed by research: 2 of 7 claims (29%)",
            "  observed 3 · assumed 1 · proposed 1 · not stated 2",
            "",
            "Claims",
            "  a  Emotion   Observed    csat",
            "  a  Pains     Observed    Branch workshop",
            "  a  Thoughts  Assumed     Team guess",
            "  b  Emotion   Not stated  logs",
            "  b  Thoughts  Proposed",
            "  c  Emotion   Not stated",
            "  c  Pains     Observed",
            "",
            "Not backed by research",
            "  a  Pains     Observed    Branch workshop",
            "  a  Thoughts  Assumed     Team guess",
            "  b  Thoughts  Proposed",
            "  c  Emotion   Not stated  no evidence and no claim",
            "  c  Pains     Observed    no source",
        ]
    )


def test_text_report_in_russian() -> None:
    found = evidencereport.report(journey(CLAIMS.replace("title: T\n", "title: T\nlocale: ru\n")))
    i18n.use("ru")
    lines = evidencereport.format_text(found).splitlines()
    assert lines[2] == "Подтверждено исследованиями: 2 из 7 утверждений (29%)"
    assert lines[-1] == "  c  Боли    Наблюдалось    источник не указан"


def test_json_report() -> None:
    found = json.loads(evidencereport.format_json(evidencereport.report(journey(CLAIMS))))
    assert list(found) == ["title", "claims", "backed", "share", "by_status", "stated", "entries"]
    assert (found["claims"], found["backed"], found["share"], found["stated"]) == (7, 2, 0.2857, 5)
    assert found["by_status"] == {"observed": 3, "assumed": 1, "proposed": 1, "unstated": 2}
    assert found["entries"][0] == {
        "touchpoint": "a",
        "name": "A",
        "stage": "s",
        "claim": "emotion",
        "status": "observed",
        "sources": [{"text": "CSAT survey", "research": "csat"}],
        "backed": True,
    }


PARSER = MarkdownIt("commonmark", {"html": True}).enable("table")


def _tables(markdown: str) -> list[list[list[str]]]:
    """Each table of the Markdown as rows of cell texts, as CommonMark with tables reads it."""
    tables: list[list[list[str]]] = []
    for token in PARSER.parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type == "inline" and tables and tables[-1]:
            tables[-1][-1].append("".join(c.content for c in token.children or []))
    return tables


def test_markdown_report_parses_to_its_tables_and_keeps_user_text_literal() -> None:
    text = CLAIMS.replace("Branch workshop", "'*Branch* | <b>workshop</b> @team'")
    found = evidencereport.format_markdown(evidencereport.report(journey(text)))
    assert found.splitlines()[:3] == [
        "## Evidence: T",
        "",
        "Share backed by research: 2 of 7 claims (29%)",
    ]
    claims, missing = _tables(found)
    assert claims[0] == ["Touchpoint", "Claim", "Status", "Source", "Backed"]
    assert claims[1] == ["a A", "Emotion", "Observed", "CSAT survey (csat)", "yes"]
    assert claims[2][3] == "*Branch* | <b>workshop</b> @\u200bteam"
    assert [row[:3] for row in missing[1:]] == [
        ["a A", "Pains", "Observed"],
        ["a A", "Thoughts", "Assumed"],
        ["b B", "Thoughts", "Proposed"],
        ["c C", "Emotion", "Not stated"],
        ["c C", "Pains", "Observed"],
    ]
    html = PARSER.render(found)
    assert "<b>" not in html
    assert "<em>" not in html


def test_observed_words_count_as_backed_only_beside_the_touchpoint_s_evidence() -> None:
    text = (
        HEAD + "      - id: a\n        name: A\n        pains: [Slow]\n        evidence: [logs]\n"
        "        claims:\n          pains: {status: observed, source: Branch workshop}\n" + RESEARCH
    )
    (claim,) = claims_made(journey(text))
    assert (claim.status, [s.text for s in claim.sources], claim.backed) == (
        "observed",
        ["Branch workshop"],
        True,
    )


# A touchpoint added in the future state claims what is not true today.
FUTURE = CLAIMS.replace(
    "      - id: d\n",
    "      - id: e\n        name: E\n        state: future\n        emotion: 2\n"
    "        claims:\n          emotion: {status: observed, source: csat}\n"
    "      - id: d\n",
)


def test_the_report_and_stats_measure_the_current_state_alike() -> None:
    mapped = journey(FUTURE)
    found = evidencereport.report(mapped)
    assert "e" not in {e["touchpoint"] for e in found["entries"]}
    assert (found["claims"], found["backed"]) == (7, 2)
    assert stats.stats(mapped)["evidence"] == evidencereport.summary(mapped)


def test_the_bank_branch_s_share_is_the_same_in_stats_and_its_evidence_report() -> None:
    runner = CliRunner()
    path = str(EXAMPLES / "bank-branch.yaml")
    plain = runner.invoke(app, ["stats", path]).output
    report = runner.invoke(app, ["stats", "--evidence", path]).output
    share = "Share backed by research: 27 of 30 claims (90%)"
    assert share in plain.splitlines()
    assert report.splitlines()[2] == share
