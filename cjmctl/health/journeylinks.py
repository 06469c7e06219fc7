"""The lint rule `link-target-missing`: a link to another journey that leads nowhere.

A link is checked by lint, not by validation: a journey copied out of its project must still
validate and render alone, while inside the project a link to nothing is a broken map (the
HTML map and the site would link to a missing page). A link is not a flow step: `next` names
touchpoints of this journey and is checked on load; a link names another journey's file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from cjmctl.files import discover
from cjmctl.i18n import _, ngettext
from cjmctl.journey import links, project
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
                _("link {link!r} leads to this journey itself").format(link=quoted),
                _("name one of its stages or touchpoints after `#`, or link another journey"),
            )
        journey = document.journey
        own = links.Linked(document.path, journey.title, *links.parts(journey))
        return _part_problem(own, quoted, target, part)
    file = links.target_file(where.root, target)
    role = links.not_a_journey(where.root, target) if file is None else None
    if role is not None:
        return _not_a_journey(quoted, target, role)
    if file is None:
        others = [i for i in _journey_ids(where.root) if i != where.id]
        close = Suggestions(others).closest(target)
        hint = (
            _("did you mean {id!r}?").format(id=shorten(close))
            if close
            else _(
                "a link is a journey's path from the project's folder ({folder}/), without `.yaml`"
            ).format(folder=where.root.name)
        )
        message = _("link {link!r} leads nowhere: the project has no journey {target!r}")
        return message.format(link=quoted, target=target), hint
    linked = links.follow(file)
    if linked.problems:
        first = linked.problems[0]
        name = links.shown(file, document.path, document.name)
        count = len(linked.problems)
        at = f"{name}:{first.line}:{first.column}"
        return (
            ngettext(
                "link {link!r}: the linked journey does not validate "
                "({n} problem, the first at {at})",
                "link {link!r}: the linked journey does not validate "
                "({n} problems, the first at {at})",
                count,
            ).format(link=quoted, n=count, at=at),
            _("run `cjmctl validate {file}` and fix it").format(file=name),
        )
    return _part_problem(linked, quoted, target, part)


def _not_a_journey(quoted: str, target: str, role: str) -> tuple[str, str]:
    name = shorten(target)
    if role == "excluded":
        return (
            _("link {link!r}: {name} is excluded from the project by {file}'s exclude").format(
                link=quoted, name=name, file=project.PROJECT_FILE
            ),
            _("the site leaves it out: link a journey of the project, or take it out of `exclude`"),
        )
    message = (
        _("link {link!r}: {name} is the project file, not a journey")
        if role == "project"
        else _("link {link!r}: {name} is a shared file, not a journey")
    )
    return (
        message.format(link=quoted, name=name),
        _("a link names a journey of the project: its path from the project's folder"),
    )


def _part_problem(
    linked: links.Linked, quoted: str, target: str, part: str | None
) -> tuple[str, str] | None:
    if part is None or linked.anchor(part) is not None:
        return None
    close = Suggestions([*linked.stages, *linked.touchpoints]).closest(part)
    return (
        _("link {link!r}: journey {target!r} has no stage or touchpoint {part!r}").format(
            link=quoted, target=shorten(target), part=shorten(part)
        ),
        _("did you mean {id!r}?").format(id=shorten(f"{target}#{close}"))
        if close
        else _("after `#` give the id of one of its stages or touchpoints, or leave `#...` out"),
    )


def _journey_ids(root: Path) -> tuple[str, ...]:
    """The ids of the project's journeys, found as a folder scan finds them (shared files not).

    A scan of 500 journeys takes about 20 ms, and lint asks once per link that leads nowhere:
    the ids are kept while no folder of the project and not its project file has changed (a
    journey added, removed or renamed changes its folder), so `watch` sees new journeys.
    """
    key = _fingerprint(root)
    cached = _IDS.get(root)
    if cached is not None and cached[0] == key:
        return cached[1]
    found = discover([root]).targets
    ids = tuple(links.journey_id(t.path.relative_to(root).as_posix()) for t in found)
    if len(_IDS) >= 16:
        _IDS.clear()
    _IDS[root] = (key, ids)
    return ids


_IDS: dict[Path, tuple[tuple[tuple[str, int, int], ...], tuple[str, ...]]] = {}


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    """The (path, time of change, size) of the project file and of every folder a scan enters."""
    found: list[tuple[str, int, int]] = []
    for path in (root / project.PROJECT_FILE, root):
        try:
            info = path.stat()
        except OSError:
            continue
        found.append((str(path), info.st_mtime_ns, info.st_size))
    for here, dirs, _files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in dirs:
            folder = Path(here, name)
            try:
                info = folder.lstat()
            except OSError:
                continue
            found.append((str(folder), info.st_mtime_ns, info.st_size))
    return tuple(found)
