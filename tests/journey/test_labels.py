"""The built-in labels of rendered maps: every locale has every key, and every key is used."""

from __future__ import annotations

import re
from pathlib import Path

import cjmctl
from cjmctl.journey.labels import LABELS

CODE = Path(cjmctl.__file__).parent

DYNAMIC = {
    "emotion_": r"-?\d",  # f"emotion_{score}": the word of a score on the default scale
    "month_": r"\d+",  # f"month_{n}": a month in a long date
    "month_short_": r"\d+",  # f"month_short_{n}": a month in a period
    "kpi_": r"\w+",  # f"kpi_{status}", f"kpi_{kind}", t["kpi_" ~ status]
    "claim_": r"\w+",  # f"claim_{status}", t["claim_" ~ status]
    "claims_legend_": r"\w+",  # t["claims_legend_" ~ status]
    "view_": r"current|future",  # f"view_{options.state}"
    "quadrant_": r"\w+",  # t["quadrant_" ~ quadrant]
    "site_": r"error|warning|info",  # t['site_' + severity]
}
"""The keys looked up by a prefix and a value: the prefix, and the values the code puts after it."""


def code() -> str:
    """Every Python module and template of cjmctl but the labels themselves."""
    paths = [*CODE.rglob("*.py"), *CODE.rglob("*.j2")]
    return "\n".join(p.read_text("utf-8") for p in sorted(paths) if p.name != "labels.py")


def test_every_locale_has_the_same_keys() -> None:
    keys = set(LABELS["en"])
    assert all(set(labels) == keys for labels in LABELS.values())


def test_every_prefix_of_a_dynamic_key_is_still_looked_up() -> None:
    text = code()
    for prefix in DYNAMIC:
        looked_up = rf"""f["']{prefix}\{{|["']{prefix}["']\s*[~+]"""
        assert re.search(looked_up, text), f"nothing looks up {prefix}… any more"


def test_every_label_is_used_somewhere() -> None:
    """A label nothing looks up is dead: delete it (from every locale) rather than keep it."""
    text = code()
    dynamic = [re.compile(rf"{re.escape(p)}(?:{v})") for p, v in DYNAMIC.items()]
    unused = [
        key
        for key in LABELS["en"]
        if not re.search(rf"""["']{re.escape(key)}["']|\.{re.escape(key)}\b""", text)
        and not any(pattern.fullmatch(key) for pattern in dynamic)
    ]
    assert unused == []
