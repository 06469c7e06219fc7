"""Mermaid's own parser and renderer (mmdc) on our exports and on diagrams written by others.

Our exports are of the examples, of hostile text in every field, and of a handful of journeys
drawn by the property test's strategy (tests/strategies.py), kept in tests/fixtures/generated/.

Everything is rendered in one mmdc run (a Markdown batch, one browser start); one more run
checks that mmdc does fail on text that was not cleaned, so a pass here means something.
Skipped with the reason when Mermaid's CLI is not installed; under CI that is a failure.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from cjmctl import load
from cjmctl.importers.mermaid import import_mermaid, parse
from cjmctl.journey import loader
from cjmctl.journey.model import Journey
from cjmctl.journey.states import current_journey
from cjmctl.renderers.mermaid import clean, to_mermaid
from tests import mermaid_cli
from tests.conftest import EXAMPLE_JOURNEYS, EXAMPLES, ROOT
from tests.hostile import inject

EXAMPLE_FILES = EXAMPLE_JOURNEYS
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "mermaid").glob("*.mmd"))
REJECTED_BY_MERMAID = {"unsupported"}
PREFIXES = [
    "",
    "Journey ",
    "title ",
    "Section ",
    "%",
    "accDescr {",
    "#",
    "accTitle: ",
    "%%{init: {'theme':'dark'}}%% ",
    ";",
    ":",
    "<br>",
]


def _hostile(n: int) -> str:
    if n % 13 == 12:
        return " \n\t "  # empty once cleaned: the id stands in
    return (
        f'{PREFIXES[n % len(PREFIXES)]}{n}: a#b;c %%d %e <br>f <b>g</b> <a href="x">h</a>'
        f" &amp; &lt; i,j ﬂ°°35¶ß #35; \n\tk>l {{m}} 50% `n` ```o``` :::p '\"q"
    )


def hostile_journey() -> Journey:
    journey = load(EXAMPLES / "furniture-store.yaml")
    inject(journey, _hostile, refs=True)
    return journey


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def _reimported(path: Path) -> str:
    return to_mermaid(loader.load_bytes(import_mermaid(_read(path))[0].encode(), "import.yaml"))


JOURNEYS: dict[str, Callable[[], Journey]] = {
    f"example-{p.stem}": partial(load, p) for p in EXAMPLE_FILES
}
JOURNEYS["hostile"] = hostile_journey
GENERATED = sorted((ROOT / "tests" / "fixtures" / "generated").glob("*.yaml"))
"""Journeys drawn by the property test's strategy, written by `python -m tests.strategies`."""
JOURNEYS.update({path.stem: partial(load, path) for path in GENERATED})


@pytest.fixture(scope="module")
def svgs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every diagram of this module rendered by mmdc, by name."""
    mermaid_cli.require()
    diagrams = {name: to_mermaid(make()) for name, make in JOURNEYS.items()}
    for path in FIXTURES:
        if path.stem in REJECTED_BY_MERMAID:
            diagrams[f"reimported-{path.stem}"] = _reimported(path)
        else:
            diagrams[f"fixture-{path.stem}"] = _read(path)
    return mermaid_cli.render_all(diagrams, tmp_path_factory.mktemp("mmdc"))


@pytest.mark.parametrize("name", list(JOURNEYS))
def test_every_touchpoint_stage_and_title_is_drawn(name: str, svgs: dict[str, str]) -> None:
    journey = current_journey(JOURNEYS[name]())  # Mermaid draws the current state
    texts = mermaid_cli.svg_texts(svgs[name])
    expected = [clean(journey.title, "title")]
    sections = [(clean(s.name, "section") or s.id, s.touchpoints) for s in journey.stages]
    if not clean(journey.stages[0].name, "section"):
        sections = sections[1:]
    # A section without tasks has nothing for Mermaid to draw.
    expected += [section for section, touchpoints in sections if touchpoints]
    expected += [clean(tp.name, "task") or clean(tp.id, "task") for _, tp in journey.touchpoints()]
    missing = [text for text in expected if text not in texts]
    assert missing == []


@pytest.mark.parametrize(
    "path", [p for p in FIXTURES if p.stem not in REJECTED_BY_MERMAID], ids=lambda p: p.stem
)
def test_mermaid_reads_the_tasks_and_sections_we_read(path: Path, svgs: dict[str, str]) -> None:
    diagram, _ = parse(_read(path))
    # Mermaid keeps runs of spaces in the SVG, which shows them as one, as we read them.
    texts = {" ".join(t.split()) for t in mermaid_cli.svg_texts(svgs[f"fixture-{path.stem}"])}
    names = [s.name for s in diagram.sections if s.name]
    names += [t.name for s in diagram.sections for t in s.tasks]
    expected = [line for name in names for line in name.split("\n")]  # one text per line
    assert [text for text in expected if text not in texts] == []


def test_what_mermaid_rejects_is_imported_and_exported_as_valid_mermaid(
    svgs: dict[str, str],
) -> None:
    texts = mermaid_cli.svg_texts(svgs["reimported-unsupported"])
    assert {"Home", "Cook dinner", "Walk the dog", "Night", "Dream"} <= set(texts)


def test_uncleaned_text_fails_in_mmdc(tmp_path: Path) -> None:
    mermaid_cli.require()
    source = tmp_path / "raw.mmd"
    source.write_text("journey\n    section S\n      Order #5 paid: 3: Me\n", encoding="utf-8")
    result = mermaid_cli.run(source, tmp_path / "raw.svg")
    assert result.returncode != 0
    assert "Parse error" in result.stderr + result.stdout


def test_a_missing_cli_skips_but_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(mermaid_cli, "MMDC", ROOT / "no-such-mmdc")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=r"install it with: PUPPETEER_SKIP_DOWNLOAD=1"):
        mermaid_cli.require()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"CI is set and .*not installed"):
        mermaid_cli.require()
    monkeypatch.setenv("PATH", "")
    assert mermaid_cli.missing() == (
        "npm is not installed, so neither is Mermaid's CLI (then run: "
        "PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/mermaid)"
    )
