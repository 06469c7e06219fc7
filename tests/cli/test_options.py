"""Every render option with every format: it changes the output, or the command refuses it.

Driven by the `FORMATS` registry, so a format or an option added later is covered with no new
test: a format that declares an option must be changed by it, one that does not must refuse it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from pathlib import Path

import pytest

from cjmctl.renderers import FORMATS, RenderOptions
from tests import fakedot
from tests.conftest import EXAMPLES, STANDALONE

Streams = Callable[..., tuple[int, bytes, str]]
SOFA = STANDALONE

# One value per option, unlike its default (SOURCE_DATE_EPOCH is pinned to a fresh day below).
GIVEN: dict[str, list[str]] = {
    "today": ["--today", "2026-10-01"],
    "direction": ["--direction", "TB"],
    "persona": ["--persona", "boris"],
    "compact": ["--compact"],
    "legend": ["--no-legend"],
    "blueprint": ["--blueprint"],
    "dot_timeout": ["--dot-timeout", "0.05"],
    "paper": ["--paper", "a4"],
    "browser_timeout": ["--browser-timeout", "0.05"],
    "state": ["--state", "future"],
    "theme": ["--theme", "tests/fixtures/theme/corporate.yaml"],
}
JOURNEY = {"blueprint": EXAMPLES / "bank-branch.yaml", "state": EXAMPLES / "bank-branch.yaml"}
"""Where the sofa delivery cannot show an option: no service-blueprint lanes, no future state."""
SLOW_DOT = "sleep 1\ncat > /dev/null\necho '<svg xmlns=\"http://www.w3.org/2000/svg\"/>'\n"
"""A dot that answers, a second late: the time limit shows where the output cannot."""


FROM_THE_ENVIRONMENT = {"timestamp"}  # $SOURCE_DATE_EPOCH, for the PDF's date: no option
FROM_THE_PROJECT = {"journey_id", "links"}  # where the journey and its links are: no option


def test_every_option_is_listed_here() -> None:
    names = {f.name for f in fields(RenderOptions)} - FROM_THE_ENVIRONMENT - FROM_THE_PROJECT
    assert sorted(GIVEN) == sorted(names)


@pytest.mark.parametrize("fmt", list(FORMATS))
@pytest.mark.parametrize("option", list(GIVEN))
def test_an_option_changes_the_output_or_is_refused(
    cli_streams: Streams,
    option: str,
    fmt: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788000000")  # 2026-08-29: the map is fresh
    if option == "dot_timeout":
        monkeypatch.setenv("PATH", fakedot.install(tmp_path / "bin", SLOW_DOT))
    args = ("render", str(JOURNEY.get(option, SOFA)), "-f", fmt, "-o", "-")
    given = cli_streams(*args, *GIVEN[option])
    if option not in FORMATS[fmt].options:
        honour = ", ".join(name for name, spec in FORMATS.items() if option in spec.options)
        flag = GIVEN[option][0]
        assert given[0] == 2
        assert (
            f"Invalid value for '{flag}': it applies to {honour} only, not to {fmt}; "
            f"leave it out, or render {fmt} in a separate command"
        ) in " ".join(given[2].split())
        return
    default = cli_streams(*args)
    assert default[0] == 0, default[2]
    assert given != default


def test_an_option_is_refused_when_one_format_asked_for_ignores_it(cli_streams: Streams) -> None:
    code, out, err = cli_streams("render", str(SOFA), "-f", "svg", "-f", "html", "--compact")
    assert (code, out) == (2, b"")
    assert "it applies to dot, svg, png, flow-pdf only, not to html;" in err


def test_today_is_the_run_s_date_when_one_format_uses_it(
    cli_streams: Streams, tmp_path: Path
) -> None:
    args = ("render", str(SOFA), "-f", "html", "-f", "json", "--today", "2026-10-01")
    code, _, err = cli_streams(*args, "-o", f"{tmp_path}/")
    assert code == 0, err
    assert b'class="badge stale"' in (tmp_path / "furniture-store.html").read_bytes()


def test_the_html_map_refuses_blueprint_which_only_the_diagrams_draw(cli_streams: Streams) -> None:
    code, out, err = cli_streams("render", str(JOURNEY["blueprint"]), "-f", "html", "--blueprint")
    assert (code, out) == (2, b"")
    assert (
        "Invalid value for '--blueprint': it applies to dot, svg, png, flow-pdf only, not to "
        "html; leave it out, or render html in a separate command"
    ) in " ".join(err.split())


@pytest.mark.parametrize("command", ["render", "watch"])
def test_blueprint_with_compact_is_one_usage_error_before_any_file(
    cli_streams: Streams, command: str, tmp_path: Path
) -> None:
    """Whatever the journeys hold, a blueprint or not, and however many they are: the mistake
    is in the command, so it is said once, as a usage error, and nothing is written."""
    sources = [str(SOFA), str(JOURNEY["blueprint"])]
    code, out, err = cli_streams(
        command, *sources, "-f", "dot", "-o", f"{tmp_path}/", "--blueprint", "--compact"
    )
    assert (code, out) == (2, b"")
    said = " ".join(err.split())
    assert said.count("Invalid value for '--compact':") == 1
    assert (
        "Invalid value for '--compact': --blueprint draws the service behind each touchpoint, "
        "and --compact draws no touchpoints; leave one of them out"
    ) in said
    assert str(SOFA) not in err
    assert list(tmp_path.iterdir()) == []


def test_watch_refuses_an_ignored_option_before_watching(cli_streams: Streams) -> None:
    code, _, err = cli_streams("watch", str(SOFA), "-f", "mermaid", "--no-legend")
    assert code == 2
    assert "Invalid value for '--no-legend': it applies to dot, svg, png, flow-pdf only" in err


@pytest.mark.parametrize("fmt", [f for f, spec in FORMATS.items() if "persona" in spec.options])
def test_an_unknown_persona_is_an_error_for_every_format(cli_streams: Streams, fmt: str) -> None:
    code, out, err = cli_streams("render", str(SOFA), "-f", fmt, "-o", "-", "--persona", "Bors")
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        f"cjmctl: {SOFA}: no persona 'Bors' in this journey (personas: anna, boris); "
        "did you mean 'boris'?"
    ]
