"""Hypothesis strategies for whole journeys: YAML files across the whole model, for the loader.

`documents()` draws the data of a journey file: personas with empathy maps, a channel registry
or free channel labels, stages with and without touchpoints, shared and per-persona emotions,
branches, loops back and exits in `next`, actions, research with scores, metrics with values,
targets and warnings, outlets, audit checklists, mystery-shopper visits in study waves, survey
ratings and reasons, and any optional part left out. Its text is empty, blank, very long or
unusual: combining marks, right-to-left scripts and bidi controls, emoji with joiners, CJK,
markup of every output format. Ids that something refers to are given (`s0`, `t3`, `p1`);
others are left out for the loader to derive. Everything it draws is valid, except that now
and then one name or title is blank.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from cjmctl.journey import loader
from cjmctl.journey.fieldtypes import SCALE_LIMIT
from cjmctl.journey.model import Journey
from cjmctl.journey.slugs import SLUG_PATTERN
from cjmctl.renderers import RenderOptions

NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)]
NONCHARACTERS += [chr(plane + c) for plane in range(0, 0x110000, 0x10000) for c in (0xFFFE, 0xFFFF)]
CHARACTERS = st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=NONCHARACTERS)
"""Any character a journey may hold: control characters and non-characters are refused."""

UNUSUAL = [
    "e\u0301",  # é as e + combining acute
    "\u0438\u0306",  # й as и + combining breve
    "\u0928\u092e\u0938\u094d\u0924\u0947",  # नमस्ते: Devanagari with a virama
    "\U0001f469\U0001f3fd\u200d\U0001f4bb",  # 👩🏽‍💻
    "\U0001f468\u200d\U0001f469\u200d\U0001f467",  # 👨‍👩‍👧
    "\u2764\ufe0f",  # ❤️
    "\U0001f1f7\U0001f1fa",  # 🇷🇺
    "\u05e9\u05dc\u05d5\u05dd",  # שלום
    "\u0645\u0631\u062d\u0628\u0627",  # مرحبا
    "\u202eevil\u202c",  # right-to-left override
    "\u200b",
    "\u00a0",
    "\u3000",
    "\ufeff",
    "\u2028",
    "漢字テスト",
    "한국어",
    "Пункт выдачи",
    "<b>x</b>",
    "<!--",
    "&amp;",
    "&#93;",
    "]]>",
    "]",
    "\\N",
    "\\",
    "|",
    "**",
    "_",
    "`",
    "```",
    ":::",
    "~~~",
    "%%{init}%%",
    "#",
    ";",
    ":",
    "@team",
    "#123",
    "{{ 7*7 }}",
    "'",
    '"',
    "1.",
    "- ",
    "> ",
    "===",
    "journey",
    "section ",
    "title ",
    "javascript:alert(1)",
    "\t",
    "\n",
    "  ",
]
WORD = st.one_of(st.text(CHARACTERS, max_size=8), st.sampled_from(UNUSUAL))
SHORT = st.lists(WORD, max_size=6).map("".join) | st.lists(WORD, max_size=6).map(" ".join)
LONG = st.tuples(SHORT, st.integers(20, 400)).map(lambda t: (t[0] + " ") * t[1])
TEXT = st.one_of(SHORT, SHORT, SHORT, st.sampled_from(["", " ", " \t\n "]), LONG)
"""Text of any kind: mostly short, sometimes empty, blank or thousands of characters long."""
_VISIBLE = re.compile(r"[^\s\ufeff]")


def visible(text: object) -> bool:
    """Whether a name or title shows something (numbers and booleans are text when typed)."""
    return not isinstance(text, str) or _VISIBLE.search(text) is not None


TYPED = st.integers(-1000, 1000) | st.sampled_from([1e3, 1.5, True, False])
"""Plain scalars YAML types, which a text field reads as the text written: `title: 2024`."""
SHOWN = st.characters(
    exclude_categories=("Cc", "Cs", "Zs", "Zl", "Zp"), exclude_characters=[*NONCHARACTERS, "\ufeff"]
) | st.sampled_from([u for u in UNUSUAL if visible(u)])
"""Text of at least one character that is not white space."""
NAME = st.tuples(SHORT, SHOWN, SHORT).map("".join)
LABEL = st.one_of(
    NAME,
    NAME,
    NAME,
    st.tuples(NAME, st.integers(20, 200)).map(lambda t: (t[0] + " ") * t[1]),
    TYPED,
    st.sampled_from(["Search", "Anna", "Пункт выдачи"]),  # parts of the same name
)
"""A name or title."""
BLANK = st.sampled_from(["", " ", "\t", "\u3000", " \ufeff"])
OPTIONAL = TEXT | TYPED | st.none()
TEXTS = st.lists(TEXT | TYPED, max_size=3) | TEXT
"""A list of texts, or a single text for a list of one."""
DATES = st.dates(date(1990, 1, 1), date(2100, 12, 31)).map(date.isoformat)
KINDS = ["survey", "interview", "analytics", "mystery_shopping", "support", "other"]
STATUSES = ["planned", "in_progress", "done", "dropped"]
RULES = ["unaddressed-pain", "stale-map", "dead-end", "no-such-rule"]


def dump(document: dict[str, Any]) -> bytes:
    """The YAML file of a drawn document, as a person might have written it."""
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100).encode()


def _some(
    draw: st.DrawFn, target: dict[str, Any], fields: dict[str, st.SearchStrategy[Any]]
) -> None:
    """Set each of `fields` on `target`, or leave it out, as drawn."""
    for key, strategy in fields.items():
        if draw(st.booleans()):
            target[key] = draw(strategy)


def _emotion(draw: st.DrawFn, personas: list[str]) -> object:
    score = st.integers(-2, 2)
    per_persona = draw(st.booleans())
    if personas and per_persona:
        chosen = draw(st.lists(st.sampled_from(personas), min_size=1, unique=True))
        return {p: draw(score) for p in chosen}
    return draw(score)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    """Draw the data of a journey file (see the module's docstring)."""
    personas = [f"p{n}" for n in range(draw(st.integers(0, 3)))]
    registry = [f"c{n}" for n in range(draw(st.integers(0, 2)))]
    shape = draw(st.lists(st.integers(0, 4), min_size=1, max_size=4))
    stages = [f"s{n}" for n in range(len(shape))]
    touchpoints = [f"t{n}" for n in range(sum(shape))]
    research = [f"r{n}" for n in range(draw(st.integers(0, 2)))]
    named = draw(st.lists(st.booleans(), min_size=len(touchpoints), max_size=len(touchpoints)))
    referable = [t for t, n in zip(touchpoints, named, strict=True) if n]
    given = draw(st.lists(st.booleans(), min_size=len(stages), max_size=len(stages)))
    targets = referable + [s for s, g in zip(stages, given, strict=True) if g]
    doc: dict[str, Any] = {"cjm": 1, "title": draw(LABEL)}
    _some(
        draw,
        doc,
        {
            "description": OPTIONAL,
            "locale": st.sampled_from(["en", "ru"]),
            "owner": OPTIONAL,
            "reviewed": DATES,
            "review_every_days": st.integers(1, 3650),
        },
    )
    if personas:
        doc["personas"] = []
        for pid in personas:
            persona: dict[str, Any] = {"id": pid, "name": draw(LABEL)}
            _some(
                draw,
                persona,
                {
                    "summary": OPTIONAL,
                    "goals": TEXTS,
                    "habits": TEXTS,
                    "pains": TEXTS,
                    "fears": TEXTS,
                    "empathy": st.fixed_dictionaries(
                        {}, optional=dict.fromkeys(("thinks", "feels", "says", "does"), TEXTS)
                    ),
                },
            )
            doc["personas"].append(persona)
    if registry:
        doc["channels"] = [
            {"id": cid, "name": draw(LABEL)}
            | draw(
                st.fixed_dictionaries(
                    {}, optional={"kind": st.sampled_from(["digital", "physical", "human"])}
                )
            )
            for cid in registry
        ]
    doc["stages"] = []
    numbered = iter(zip(touchpoints, named, strict=True))
    for sid, count, stage_has_id in zip(stages, shape, given, strict=True):
        stage: dict[str, Any] = {"id": sid} if stage_has_id else {}
        stage["name"] = draw(LABEL)
        _some(
            draw,
            stage,
            {"goal": OPTIONAL, "expectations": TEXTS, "reached": st.integers(0, 10**9)},
        )
        stage["touchpoints"] = []
        for _ in range(count):
            tid, has_id = next(numbered)
            tp: dict[str, Any] = {"id": tid} if has_id else {}
            tp["name"] = draw(LABEL)
            channel = st.sampled_from(registry) if registry else OPTIONAL
            _some(
                draw,
                tp,
                {
                    "channel": channel,
                    "action": OPTIONAL,
                    "thoughts": OPTIONAL,
                    "feeling": OPTIONAL,
                    "motives": TEXTS,
                    "pains": TEXTS,
                    "opportunities": TEXTS,
                    "owner": OPTIONAL,
                    "wow": st.booleans(),
                    # Branches, loops back, jumps ahead, and exits (`next: []`).
                    "next": st.lists(st.sampled_from(targets), max_size=3, unique=True)
                    if targets
                    else st.just([]),
                    "evidence": st.lists(st.sampled_from(research), max_size=2, unique=True)
                    if research
                    else st.just([]),
                },
            )
            if draw(st.booleans()):
                tp["emotion"] = _emotion(draw, personas)
            stage["touchpoints"].append(tp)
        if not stage["touchpoints"] and draw(st.booleans()):
            del stage["touchpoints"]
        doc["stages"].append(stage)
    checklists = _checklists(draw, doc)
    metrics = _metrics(draw, doc, targets)
    outlets = [f"o{n}" for n in range(draw(st.integers(0, 2)))]
    if outlets:
        doc["outlets"] = [
            {"id": oid, "name": draw(LABEL)}
            | draw(st.fixed_dictionaries({}, optional={"city": OPTIONAL}))
            for oid in outlets
        ]
    actions = []
    for n in range(draw(st.integers(0, 3))):
        action: dict[str, Any] = {"title": draw(LABEL)}
        if draw(st.booleans()):
            action = {"id": f"a{n}", **action}
        _some(
            draw,
            action,
            {
                "addresses": st.lists(st.sampled_from(targets), max_size=3, unique=True)
                if targets
                else st.just([]),
                "owner": OPTIONAL,
                "metric": OPTIONAL,
                "target": OPTIONAL,
                "due": DATES,
                "status": st.sampled_from(STATUSES),
                "baseline": NUMBER,
                "started": DATES,
                "finished": DATES,
            },
        )
        measured: bool = draw(st.booleans())
        if metrics and measured:
            action["metric"] = draw(st.sampled_from(metrics))
            _some(draw, action, {"target": NUMBER})
        elif metrics and "metric" in action and SLUG.fullmatch(str(action["metric"]).lower()):
            del action["metric"]  # words that look like an id (`279`, `false`) must name one
        actions.append(action)
    if actions:
        doc["actions"] = actions
    if research:
        doc["research"] = []
        for rid in research:
            entry: dict[str, Any] = {"id": rid, "kind": draw(st.sampled_from(KINDS))}
            entry["title"] = draw(LABEL)
            _some(
                draw,
                entry,
                {
                    "date": DATES,
                    "sample": st.integers(0, 10**6),
                    "findings": TEXTS,
                    "scores": st.dictionaries(st.sampled_from(referable), st.integers(0, 100))
                    if referable
                    else st.just({}),
                },
            )
            _survey_and_audit(draw, entry, referable, checklists, outlets)
            doc["research"].append(entry)
    if draw(st.booleans()):
        doc["lint"] = draw(
            st.fixed_dictionaries(
                {},
                optional={
                    "disable": st.lists(st.sampled_from(RULES), max_size=2),
                    "score_threshold": st.integers(0, 100),
                },
            )
        )
    if all(draw(st.booleans()) for _ in range(3)):  # now and then, the one mistake: a blank name
        part, key = draw(st.sampled_from(_named(doc)))
        part[key] = draw(BLANK)
    return doc


NUMBER = st.integers(-1000, 1000) | st.floats(-1e4, 1e4, allow_nan=False).map(lambda v: round(v, 3))
"""A measured value, a target or a baseline: whole or not, within any KPI's range."""
PERIODS = st.one_of(
    st.builds("{}-{:02}".format, st.integers(2020, 2030), st.integers(1, 12)),
    st.builds("{}-Q{}".format, st.integers(2020, 2030), st.integers(1, 4)),
    st.dates(date(2020, 1, 1), date(2030, 12, 31)).map(date.isoformat),
)
SLUG = re.compile(SLUG_PATTERN)


def _checklists(draw: st.DrawFn, doc: dict[str, Any]) -> dict[str, list[str]]:
    """Give some touchpoints with ids an audit checklist; return their criteria ids."""
    found: dict[str, list[str]] = {}
    for stage in doc["stages"]:
        for tp in stage.get("touchpoints", []):
            if "id" in tp and draw(st.booleans()):
                criteria = [f"k{n}" for n in range(draw(st.integers(1, 2)))]
                tp["checklist"] = [
                    {"id": cid, "name": draw(LABEL)}
                    | draw(st.fixed_dictionaries({}, optional={"weight": st.integers(1, 100)}))
                    for cid in criteria
                ]
                found[tp["id"]] = criteria
    return found


def _metrics(draw: st.DrawFn, doc: dict[str, Any], targets: list[str]) -> list[str]:
    """Draw metrics whose warning lies on the worse side of their target; return their ids."""
    ids = [f"m{n}" for n in range(draw(st.integers(0, 2)))]
    if not ids:
        return ids
    doc["metrics"] = []
    for mid in ids:
        kind = draw(st.sampled_from(["csat", "nps", "ces", "conversion", "abandonment", "custom"]))
        metric: dict[str, Any] = {"id": mid, "name": draw(LABEL), "kind": kind}
        _some(
            draw,
            metric,
            {
                "unit": OPTIONAL,
                "scale": st.tuples(st.integers(-100, 10), st.integers(1, 100)).map(
                    lambda t: [t[0], t[0] + t[1]]
                ),
                "better": st.sampled_from(["higher", "lower"]),
                "at": st.lists(st.sampled_from(targets), max_size=2, unique=True)
                if targets
                else st.just([]),
                "method": st.sampled_from(KINDS),
                "values": st.dictionaries(PERIODS, NUMBER, max_size=4),
            },
        )
        if draw(st.booleans()):
            metric["target"] = target = draw(NUMBER)
            lower = metric.get("better", "lower" if kind in {"ces", "abandonment"} else "higher")
            if draw(st.booleans()):
                step = draw(st.integers(0, 50))
                metric["warning"] = target + step if lower == "lower" else target - step
        if "scale" in metric:  # numbers on the metric's scale: off it is an error
            low, high = metric["scale"]
            for key in ("target", "warning"):
                if key in metric:
                    metric[key] = min(max(metric[key], low), high)
            values = metric.get("values", {})
            metric["values"] = {k: min(max(v, low), high) for k, v in values.items()}
        doc["metrics"].append(metric)
    return ids


def _survey_and_audit(
    draw: st.DrawFn,
    entry: dict[str, Any],
    touchpoints: list[str],
    checklists: dict[str, list[str]],
    outlets: list[str],
) -> None:
    """Make a research entry now and then a wave, an audit with visits, or a rated survey."""
    if draw(st.booleans()):  # waves of one study need their dates
        entry.update(study="w0", date=draw(DATES))
        _some(draw, entry, {"wave": OPTIONAL})
    audit = entry["kind"] == "mystery_shopping" or draw(st.booleans())
    if outlets and checklists and audit:
        entry["kind"] = "mystery_shopping"
        result = st.booleans() | st.integers(0, 100)
        entry["visits"] = [
            {
                "outlet": draw(st.sampled_from(outlets)),
                "results": {
                    tp: {
                        c: draw(result)
                        for c in draw(st.lists(st.sampled_from(criteria), min_size=1, unique=True))
                    }
                    for tp, criteria in checklists.items()
                    if draw(st.booleans())
                },
            }
            | draw(st.fixed_dictionaries({}, optional={"date": DATES, "notes": TEXTS}))
            for _ in range(draw(st.integers(1, 2)))
        ]
    if entry["kind"] != "mystery_shopping" and draw(st.booleans()):
        low = draw(st.integers(0, 1))
        high = low + draw(st.integers(1, 4))
        entry["scale"] = [low, high]
        counts = st.lists(st.integers(0, 500), min_size=high - low + 1, max_size=high - low + 1)
        entry["ratings"] = {tp: draw(counts) for tp in touchpoints if draw(st.booleans())}
        entry["reasons"] = draw(
            st.lists(
                st.fixed_dictionaries({"reason": LABEL, "count": st.integers(0, 999)}), max_size=2
            )
        )


def _named(document: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    found = [(document, "title")]
    found += [(p, "name") for p in document.get("personas", [])]
    found += [(c, "name") for c in document.get("channels", [])]
    for stage in document["stages"]:
        found.append((stage, "name"))
        found += [(tp, "name") for tp in stage.get("touchpoints", [])]
    found += [(a, "title") for a in document.get("actions", [])]
    found += [(r, "title") for r in document.get("research", [])]
    found += [(m, "name") for m in document.get("metrics", [])]
    found += [(o, "name") for o in document.get("outlets", [])]
    for stage in document["stages"]:
        for tp in stage.get("touchpoints", []):
            found += [(c, "name") for c in tp.get("checklist", [])]
    return found


def names(document: dict[str, Any]) -> list[object]:
    """Every required name and title of a drawn document."""
    return [part[key] for part, key in _named(document)]


@st.composite
def emotion_scales(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a valid `emotion_scale`: 3 to 11 levels within -10..+10, named or not (#15)."""
    levels = draw(st.integers(3, SCALE_LIMIT + 1))
    low = draw(st.integers(-SCALE_LIMIT, SCALE_LIMIT - levels + 1))
    scale: dict[str, Any] = {"min": low, "max": low + levels - 1}
    if draw(st.booleans()):
        scale["names"] = draw(st.lists(NAME, min_size=levels, max_size=levels, unique=True))
    return scale


def _rescore(draw: st.DrawFn, value: object, low: int, high: int) -> object:
    score = st.integers(low, high)
    if isinstance(value, dict):
        return {key: draw(score) for key in value}
    return draw(score) if isinstance(value, int) else value


@st.composite
def scaled_documents(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a journey file on a drawn emotion scale, every emotion a drawn score of that scale.

    A document of `documents` with its scores drawn again, so `documents` and the fixtures
    drawn from it stay as they are.
    """
    doc = draw(documents())
    scale = draw(emotion_scales())
    doc = {**dict(list(doc.items())[:2]), "emotion_scale": scale, **dict(list(doc.items())[2:])}
    for stage in doc["stages"]:
        for tp in stage.get("touchpoints") or []:
            if "emotion" in tp:
                tp["emotion"] = _rescore(draw, tp["emotion"], scale["min"], scale["max"])
    return doc


def options(personas: list[str]) -> st.SearchStrategy[RenderOptions]:
    """Render options for a journey with these persona ids."""
    return st.builds(
        RenderOptions,
        today=st.none() | st.dates(date(1990, 1, 1), date(2100, 12, 31)),
        direction=st.sampled_from(["LR", "TB"]),
        persona=st.none() | st.sampled_from(personas) if personas else st.none(),
        compact=st.booleans(),
        legend=st.booleans(),
    )


def samples(count: int, keep: Callable[[Journey], bool] = lambda journey: True) -> list[bytes]:
    """Return the YAML files of the `count` biggest valid journeys of 40 drawn with a fixed seed.

    Hypothesis derandomizes by the test function, but what it draws still depends on what ran
    before it in the process, so the results are written to files once (see `main`) rather
    than drawn during a test run.
    """
    found: list[bytes] = []

    @settings(
        max_examples=40,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(documents())
    def collect(document: dict[str, Any]) -> None:
        if all(visible(n) for n in names(document)):
            data = dump(document)
            if keep(loader.load_bytes(data, "sample.yaml")):
                found.append(data)

    collect()
    found.sort(key=lambda data: -len(data))
    return found[:count]


def main() -> None:
    """Write the journeys that tools too slow for every example (Mermaid's CLI) are run on.

    `python -m tests.strategies` rewrites tests/fixtures/generated/; review the files it makes.
    """
    from cjmctl.renderers.mermaid import to_mermaid
    from tests.mermaid_cli import FENCE_END

    def fits_the_batch(journey: Journey) -> bool:
        # mmdc's Markdown reader would end the chart early; a lone .mmd file has no such limit.
        return FENCE_END.search(to_mermaid(journey)) is None

    folder = Path(__file__).parent / "fixtures" / "generated"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    for n, data in enumerate(samples(GENERATED, fits_the_batch)):
        (folder / f"generated-{n}.yaml").write_bytes(data)


GENERATED = 6
"""How many generated journeys `main` writes."""

if __name__ == "__main__":
    main()
