"""The lint rule `link-target-missing`: a link to another journey that leads nowhere.

A link is checked by lint, not by validation: a journey copied out of its project must still
validate and render alone, while inside the project a link to nothing is a broken map (the
HTML map and the site would link to a missing page). A link is not a flow step: `next` names
touchpoints of this journey and is checked on load; a link names another journey's file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from cjmctl.journey import links
from cjmctl.journey.diagnostics import Diagnostic, Severity, shorten
from cjmctl.journey.loader import Document
from cjmctl.journey.messages import Suggestions

RULE = "link-target-missing"
SEVERITY: Severity = "error"


def check(document: Document) -> Iterator[Diagnostic]:
    """A diagnostic at each `link` value whose journey, or whose `#part` of it, does not exist."""
    journey = document.journey
    if document.path is None or not any(links.links(journey)):
        return  # read from bytes (standard input, a git revision): there is no project to look in
    try:
        where = links.place(document.path)
    except OSError:
        return
    for loc, link in _link_locs(document):
        found = _problem(document, where, link)
        if found is not None:
            message, hint = found
            yield replace(
                document.locate(loc),
                message=message,
                hint=hint,
                severity=SEVERITY,
                rule=RULE,
            )


def _link_locs(document: Document) -> Iterator[tuple[tuple[str | int, ...], str]]:
    for i, stage in enumerate(document.journey.stages):
        if stage.link:
            yield ("stages", i, "link"), stage.link
        for j, tp in enumerate(stage.touchpoints):
            if tp.link:
                yield ("stages", i, "touchpoints", j, "link"), tp.link


def _problem(document: Document, where: links.Place, link: str) -> tuple[str, str] | None:
    """What is wrong with `link`, as (message, hint); None when it leads somewhere."""
    assert document.path is not None
    target, part = links.split(link)
    quoted = shorten(link)
    if target == where.id:
        if part is None:
            return (
                f"link {quoted!r} leads to this journey itself",
                "name one of its stages or touchpoints after `#`, or link another journey",
            )
        journey = document.journey
        own = links.Linked(document.path, journey.title, *links.parts(journey))
        return _part_problem(own, quoted, target, part)
    file = links.target_file(where.root, target)
    if file is None:
        others = [i for i in _journey_ids(where.root) if i != where.id]
        close = Suggestions(others).closest(target)
        hint = (
            f"did you mean {shorten(close)!r}?"
            if close
            else f"a link is a journey's path from the project's folder ({where.root.name}/), "
            "without `.yaml`"
        )
        return f"link {quoted!r} leads nowhere: the project has no journey {target!r}", hint
    linked = links.follow(file)
    if linked.problems:
        first = linked.problems[0]
        name = links.shown(file, document.path, document.name)
        count = len(linked.problems)
        at = f"{name}:{first.line}:{first.column}"
        return (
            f"link {quoted!r}: the linked journey does not validate "
            f"({count} problem{'s' * (count != 1)}, the first at {at})",
            f"run `cjmctl validate {name}` and fix it",
        )
    return _part_problem(linked, quoted, target, part)


def _part_problem(
    linked: links.Linked, quoted: str, target: str, part: str | None
) -> tuple[str, str] | None:
    if part is None or linked.anchor(part) is not None:
        return None
    close = Suggestions([*linked.stages, *linked.touchpoints]).closest(part)
    return (
        f"link {quoted!r}: journey {shorten(target)!r} has no stage or touchpoint "
        f"{shorten(part)!r}",
        f"did you mean {shorten(f'{target}#{close}')!r}?"
        if close
        else "after `#` give the id of one of its stages or touchpoints, or leave `#...` out",
    )


@functools.lru_cache(maxsize=16)
def _journey_ids(root: Path) -> tuple[str, ...]:
    """The ids of the project's journeys, found as a folder scan finds them (shared files not)."""
    from cjmctl.files import discover

    found = discover([root]).targets
    return tuple(links.journey_id(t.path.relative_to(root).as_posix()) for t in found)
