"""The evidence report: every claim of a map with its status and source, and the share backed.

`cjmctl stats --evidence` prints it; `stats` itself gives the summary. What counts as backed is
`journey/backing.py`'s to say. Both measure the current state, as every number of `stats` does:
a touchpoint added in the future state is a proposal, not a claim about today, so its claims
are left out. The words follow the user's language, as `stats` does.
"""

from __future__ import annotations

import json
from typing import Any

from cjmctl.health.columns import columns
from cjmctl.i18n import _, language, ngettext, number
from cjmctl.journey.backing import STANDINGS, ClaimMade, claims_made, share
from cjmctl.journey.diagnostics import printable, shorten
from cjmctl.journey.model import Journey
from cjmctl.journey.states import current_journey
from cjmctl.renderers import markdowntext

WIDTH = 80
"""The most characters of one source or name the text and Markdown tables show."""


def summary(journey: Journey) -> dict[str, Any]:
    """How many claims the map makes, how many research backs, the share, counts by status.

    `stated`: how many claims the touchpoints' `claims` say how they are known; `stats` prints
    the share only for a map that uses evidence status, its JSON always has it.
    """
    claims = claims_made(current_journey(journey))
    return {
        "claims": len(claims),
        "backed": sum(c.backed for c in claims),
        "share": share(claims),
        "by_status": {s: sum(c.status == s for c in claims) for s in STANDINGS},
        "stated": sum(c.given for c in claims),
    }


def _entry(claim: ClaimMade) -> dict[str, Any]:
    return {
        "touchpoint": claim.touchpoint.id,
        "name": claim.touchpoint.name,
        "stage": claim.stage.id,
        "claim": claim.field,
        "status": claim.status,
        "sources": [{"text": s.text, "research": s.research} for s in claim.sources],
        "backed": claim.backed,
    }


def report(journey: Journey) -> dict[str, Any]:
    """The report as plain JSON-able data: the title, the summary and every claim in file order."""
    return {
        "title": journey.title,
        **summary(journey),
        "entries": [_entry(c) for c in claims_made(current_journey(journey))],
    }


def share_line(found: dict[str, Any]) -> str:
    """The share line: `Share backed by research: 9 of 27 claims (33%)`."""
    lang = language()
    if not found["claims"]:
        return _("The map makes no claims yet: no emotions, pains or thoughts.")
    percent = number(100 * found["share"], lang) + "%"
    return ngettext(
        "Share backed by research: {backed} of {claims} claim ({percent})",
        "Share backed by research: {backed} of {claims} claims ({percent})",
        found["claims"],
    ).format(
        backed=number(found["backed"], lang),
        claims=number(found["claims"], lang),
        percent=percent,
    )


def _source(entry: dict[str, Any], style: str) -> str:
    """A claim's sources as written; research by id in text, by title and id in Markdown."""
    shown = []
    for s in entry["sources"]:
        text = printable(shorten(" ".join(s["text"].split()), WIDTH))
        if style == "md":
            source = f" (`{s['research']}`)" if s["research"] else ""
            shown.append(markdowntext.text(text) + source)
        else:
            shown.append(s["research"] or text)
    return "; ".join(shown)


def _why(entry: dict[str, Any]) -> str:
    """Why a claim is not backed, where its status alone does not say."""
    if entry["status"] == "observed":  # words name no research: shown, they say what it is
        return "" if entry["sources"] else _("no source")
    if entry["status"] == "unstated":
        return _("no evidence and no claim")
    return ""


def standing(status: str) -> str:
    """A claim's evidence status in words: `Observed`, `Assumed`, `Proposed`, `Not stated`."""
    return {
        "observed": _("Observed"),
        "assumed": _("Assumed"),
        "proposed": _("Proposed"),
    }.get(status, _("Not stated"))


def _claim(field: str) -> str:
    """What a claim is about, as the map names the field: `Emotion`, `Pains`, `Thoughts`."""
    return {"emotion": _("Emotion"), "pains": _("Pains")}.get(field, _("Thoughts"))


def _cells(e: dict[str, Any]) -> list[str]:
    return [e["touchpoint"], _claim(e["claim"]), standing(e["status"])]


def format_text(found: dict[str, Any]) -> str:
    """The report as aligned text: the share, every claim, then the claims not backed."""
    lang = language()
    out = [printable(found["title"]), "", share_line(found)]
    counts = " · ".join(
        f"{standing(s).lower()} {number(n, lang)}" for s, n in found["by_status"].items() if n
    )
    out += [f"  {counts}"] if counts else []
    rows = [[*_cells(e), _source(e, "text")] for e in found["entries"]]
    if rows:
        out += ["", _("Claims"), *columns(rows, set())]
    missing = [
        [*_cells(e), _why(e) or _source(e, "text")] for e in found["entries"] if not e["backed"]
    ]
    if missing:
        out += ["", _("Not backed by research"), *columns(missing, set())]
    return "\n".join(out)


def format_markdown(found: dict[str, Any]) -> str:
    """The report as Markdown: a heading, the share, a table of claims and one of those unbacked."""
    title = markdowntext.text(printable(shorten(found["title"], WIDTH)))
    out = ["## " + _("Evidence: {title}").format(title=title), "", share_line(found)]

    def cells(e: dict[str, Any]) -> list[str]:
        name = markdowntext.text(printable(shorten(" ".join(e["name"].split()), WIDTH)))
        return [f"`{e['touchpoint']}` {name}", _claim(e["claim"]), standing(e["status"])]

    head = [_("Touchpoint"), _("Claim"), _("Status")]
    rows = [
        [*cells(e), _source(e, "md"), _("yes") if e["backed"] else _("no")]
        for e in found["entries"]
    ]
    if rows:
        out += ["", "### " + _("Claims"), ""]
        out.append(markdowntext.table([*head, _("Source"), _("Backed")], rows))
    missing = [
        [*cells(e), _why(e) or _source(e, "md")] for e in found["entries"] if not e["backed"]
    ]
    if missing:
        out += ["", "### " + _("Not backed by research"), ""]
        out.append(markdowntext.table([*head, _("Source")], missing))
    return "\n".join(out)


def format_json(found: dict[str, Any]) -> str:
    """The report as one JSON document, keys in the order `report` gives them."""
    return json.dumps(found, ensure_ascii=False, indent=2)
