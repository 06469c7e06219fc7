"""`--theme FILE`: a theme on its own, read and checked as a journey's `theme:` is.

Its own module because it uses the loader's validation and messages, while the loader uses
`branding` to read a journey's logo: here both are imported, and neither imports this.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cjmctl.i18n import _, reason
from cjmctl.journey import checks, messages, yamltree
from cjmctl.journey.branding import Brand, LogoError, no_accent, read_logo
from cjmctl.journey.diagnostics import Diagnostic, JourneyError
from cjmctl.journey.loader import from_problem, from_pydantic, validate_as
from cjmctl.journey.reading import LocalFiles, check_text, read_limited
from cjmctl.journey.theme import Theme
from cjmctl.journey.yamltree import Source


def read_theme_file(path: Path) -> Brand:
    """The theme of `--theme FILE`: a YAML mapping of `palette`, `fonts` and `logo`.

    Its logo's path is relative to the file, inside its project (or its repository).

    Raises:
        JourneyError: the file cannot be read or is no valid theme; each problem at its
            `file:line:column`.
    """
    name = str(path)
    try:
        text = check_text(read_limited(path), name)
        value, source, problems = yamltree.parse(text)
    except OSError as error:
        message = _("cannot read the theme file: {reason}").format(reason=reason(error))
        raise JourneyError([Diagnostic(name, 1, 1, message, rule="io")]) from None
    except yamltree.YamlError as error:
        raise JourneyError([from_problem(name, p) for p in error.problems]) from None
    found = [from_problem(name, p) for p in problems]
    if not isinstance(value, dict):
        message = (
            _("the theme file is empty")
            if value is None
            else _("the theme file is {kind}, not a mapping").format(kind=messages.kind(value))
        )
        hint = _(
            "a theme file holds `palette:`, `fonts:` and `logo:`, as a journey's `theme:` does"
        )
        found.append(
            Diagnostic(
                name,
                source.line,
                source.column,
                message,
                "",
                hint,
                rule="structure",
            )
        )
        raise JourneyError(found)
    accent = source.entries.get("palette", Source(1, 1)).entries.get("accent")
    if accent is not None and accent.raw == "":
        found.append(no_accent(Diagnostic(name, accent.line, accent.column, "", "palette.accent")))
    theme, errors = validate_as(Theme, value, source)
    names = checks.RawNames({"theme": value})
    for problem in errors:
        under = {**problem, "loc": ("theme", *problem["loc"])}
        found.append(_at_top(from_pydantic(name, _wrapped(source), under, names)))
    if found or theme is None:
        raise JourneyError(found)
    if theme.logo is None:
        return Brand(theme)
    try:
        logo = read_logo(theme.logo, theme.logo, LocalFiles(path, name))[0]
    except LogoError as error:
        node = source.entries["logo"]
        raise JourneyError(
            [
                Diagnostic(
                    name, node.line, node.column, error.message, "logo", error.hint, rule="logo"
                )
            ]
        ) from None
    return Brand(theme, logo)


def _wrapped(source: Source) -> Source:
    """The theme file's tree under a `theme` key, where the model's messages look for it."""
    top = Source(source.line, source.column, "map")
    top.entries = {"theme": source}
    return top


def _at_top(found: Diagnostic) -> Diagnostic:
    return replace(found, path=found.path.removeprefix("theme").removeprefix("."))
