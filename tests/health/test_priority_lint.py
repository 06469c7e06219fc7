"""Lint rules of #15: important-unsatisfied, observed-without-source, and unsupported-emotion
beside evidence status; exact messages, hints and positions."""

from __future__ import annotations

from cjmctl.health.lint import lint
from tests.health.test_lint import HEAD, ONE, RESEARCH, TODAY, found, hints, read

# The touchpoint's own lines start at 11:9 (see test_lint.ONE).
IMPORTANT = ONE + "        importance: {customer: 3, business: 4}\n        satisfaction: 2\n"


def test_an_important_unsatisfied_touchpoint_without_an_action() -> None:
    assert found(IMPORTANT) == [
        (
            11,
            9,
            "warning",
            "important-unsatisfied",
            "touchpoint 'T' is important (business 4) but its satisfaction is 2, "
            "and no action addresses it",
        )
    ]
    assert hints(IMPORTANT) == [
        "add an action with `addresses: [t]` (or its stage, 's') to the action plan: "
        "it is the first to fix"
    ]


def test_an_action_on_the_touchpoint_or_its_stage_answers_it_unless_dropped() -> None:
    action = "actions:\n  - {{title: A, owner: O, metric: M, addresses: [{}]{}}}\n"
    assert found(IMPORTANT + action.format("t", "")) == []
    assert found(IMPORTANT + action.format("s", "")) == []
    assert [f[3] for f in found(IMPORTANT + action.format("t", ", status: dropped"))] == [
        "important-unsatisfied"
    ]


def test_the_thresholds_are_4_for_importance_and_2_for_satisfaction() -> None:
    def rules(importance: str, satisfaction: str) -> list[str]:
        text = ONE + f"        importance: {importance}\n        satisfaction: {satisfaction}\n"
        return [f[3] for f in found(text)]

    assert rules("{customer: 3, business: 3}", "1") == []
    assert rules("{customer: 4}", "3") == []
    assert rules("{customer: 5}", "1") == ["important-unsatisfied"]


def test_a_satisfaction_from_research_says_which_entry_it_is_from() -> None:
    text = (
        ONE
        + "        importance: {customer: 5, business: 5}\n"
        + "research:\n  - {id: audit, kind: mystery_shopping, title: A, scores: {t: 20}}\n"
        + "lint: {disable: [low-score]}\n"
    )
    assert found(text) == [
        (
            11,
            9,
            "warning",
            "important-unsatisfied",
            "touchpoint 'T' is important (customer 5, business 5) but its satisfaction is 1.8 "
            "(the latest score of research 'audit'), and no action addresses it",
        )
    ]


CLAIMED = ONE + "        pains: [Slow]\n        claims:\n          pains: {status: observed}\n"


def test_an_observation_without_a_source_on_a_touchpoint_without_evidence() -> None:
    problems = [f for f in found(CLAIMED) if f[3] == "observed-without-source"]
    assert problems == [
        (
            13,
            27,
            "warning",
            "observed-without-source",
            "the pains at touchpoint 'T' are marked observed, but the claim names no source and "
            "the touchpoint cites no evidence",
        )
    ]
    assert [d.hint for d in lint(read(CLAIMED), today=TODAY, disable=["unaddressed-pain"])] == [
        "add `source:` with the id of the research entry that observed it (or `evidence:` to "
        "the touchpoint); if no research did, say `status: assumed`"
    ]


def test_a_source_or_the_touchpoint_s_evidence_answers_it() -> None:
    rules = {f[3] for f in found(CLAIMED.replace("observed}", "observed, source: Interviews}"))}
    assert "observed-without-source" not in rules
    with_evidence = CLAIMED + "        evidence: [r]\n" + RESEARCH
    assert "observed-without-source" not in {f[3] for f in found(with_evidence)}


def test_unsupported_emotion_leaves_an_emotion_whose_claim_says_how_it_is_known() -> None:
    emotion = ONE + "        emotion: 1\n"
    assert [f[3] for f in found(emotion)] == ["unsupported-emotion"]
    assert hints(emotion) == [
        "add `evidence:` with the ids of the research entries it comes from, or say how it is "
        "known in `claims: {emotion: {status: assumed}}`; `cjmctl stats --evidence` lists every "
        "claim and what backs it"
    ]
    for status in ("assumed", "proposed"):
        claimed = emotion + f"        claims: {{emotion: {{status: {status}}}}}\n"
        assert found(claimed) == []
    # An observation without a source is the other rule's, not reported twice.
    observed = emotion + "        claims: {emotion: {status: observed}}\n"
    assert [f[3] for f in found(observed)] == ["observed-without-source"]


def test_the_rules_can_be_switched_off() -> None:
    text = IMPORTANT + "lint: {disable: [important-unsatisfied]}\n"
    assert lint(read(text), today=TODAY) == []
    assert found(HEAD + "stages: [{id: s, name: S, touchpoints: [{id: t, name: T}]}]\n") == []
