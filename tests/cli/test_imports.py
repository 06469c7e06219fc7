"""`cjmctl import mermaid`: a Mermaid journey diagram becomes a journey file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjmctl.journey import loader, reading
from tests.conftest import ROOT

Streams = Callable[..., tuple[int, bytes, str]]
DIAGRAM = """journey
    title My working day
    section Go to work
      Make tea: 5: Me
      Do work: 1: Me, Cat
    section Go home
      Sit down: 3: Me
"""


def test_import_writes_a_valid_journey_beside_the_diagram(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(DIAGRAM, encoding="utf-8")
    code, out, err = cli_streams("import", "mermaid", str(source))
    target = tmp_path / "day.yaml"
    assert (code, err) == (0, "")
    assert out.decode() == f"wrote {target}; check it with: cjmctl validate {target}\n"
    journey = loader.load(target)
    assert [s.name for s in journey.stages] == ["Go to work", "Go home"]
    assert [p.name for p in journey.personas] == ["Me", "Cat"]
    do_work = journey.stages[0].touchpoints[1]
    assert do_work.emotion == {"me": -2, "cat": -2}


def test_import_warns_with_line_numbers_and_never_overwrites(
    cli_streams: Streams, tmp_path: Path
) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(DIAGRAM + "      click Sit down call x()\n", encoding="utf-8")
    (tmp_path / "day.yaml").write_text("mine", encoding="utf-8")
    code, _, err = cli_streams("import", "mermaid", str(source))
    assert code == 1
    assert err.splitlines()[0].startswith(f"{source}:8:7: warning: unsupported line")
    assert (
        err.splitlines()[-1]
        == f"cjmctl: {tmp_path / 'day.yaml'} exists; use --force to overwrite it"
    )
    assert (tmp_path / "day.yaml").read_text(encoding="utf-8") == "mine"
    assert cli_streams("import", "mermaid", str(source), "--force")[0] == 0


def test_import_to_stdout(cli_streams: Streams) -> None:
    fixture = ROOT / "tests" / "fixtures" / "mermaid" / "docs-working-day.mmd"
    code, out, _ = cli_streams("import", "mermaid", str(fixture), "-o", "-")
    assert code == 0
    assert loader.load_bytes(out, "stdout").title == "My working day"


def test_import_of_a_missing_file_fails_cleanly(cli_streams: Streams, tmp_path: Path) -> None:
    code, _, err = cli_streams("import", "mermaid", str(tmp_path / "none.mmd"))
    assert code == 1
    assert err.startswith(f"cjmctl: cannot read {tmp_path / 'none.mmd'}")


def test_import_reads_no_more_than_a_journey_may_hold(cli_streams: Streams, tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(DIAGRAM + "%% " + "x" * reading.MAX_BYTES + "\n", encoding="utf-8")
    code, out, err = cli_streams("import", "mermaid", str(source))
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        f"{source}:1:1: error: the file is larger than 8 MiB, the limit of a journey file "
        "[encoding]",
        "  hint: split the journey into several files",
    ]
    assert not (tmp_path / "day.yaml").exists()


def test_import_decodes_as_the_loader_does(cli_streams: Streams, tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_bytes(DIAGRAM.encode("utf-16"))  # with a byte order mark: read
    assert cli_streams("import", "mermaid", str(source), "-o", "-")[0] == 0
    source.write_bytes(b"journey\n  title Caf\xe9\n")  # Latin-1: refused where it breaks
    code, _, err = cli_streams("import", "mermaid", str(source))
    assert code == 1
    assert err.splitlines()[0] == (
        f"{source}:2:12: error: the file is not valid UTF-8: byte 0xE9 cannot stand here [encoding]"
    )


def test_import_warnings_read_like_a_journeys(cli_streams: Streams, tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text("---\n" + "- " * 5_000 + "x\n---\n" + DIAGRAM, encoding="utf-8")
    code, _, err = cli_streams("import", "mermaid", str(source), "-o", "-")
    assert code == 0
    assert err == f"{source}:2:129: warning: front matter: nesting deeper than 64 levels; skipped\n"


def test_import_never_writes_over_the_diagram_itself(cli_streams: Streams, tmp_path: Path) -> None:
    source = tmp_path / "day.mmd"
    source.write_text(DIAGRAM, encoding="utf-8")
    code, _, err = cli_streams("import", "mermaid", str(source), "-o", str(source), "--force")
    assert code == 2
    assert f"{source} is the diagram itself; write the journey to another file" in err
    assert source.read_text(encoding="utf-8") == DIAGRAM


def test_import_writes_no_journey_larger_than_a_journey_may_be(
    cli_streams: Streams, tmp_path: Path
) -> None:
    """200,000 actors make a 1.9 MB diagram but a journey over 8 MiB, which nothing would read."""
    actors = ", ".join(f"A{i}" for i in range(200_000))
    source = tmp_path / "crowd.mmd"
    source.write_text(f"journey\n  section S\n    T: 5: {actors}\n", encoding="utf-8")
    code, out, err = cli_streams("import", "mermaid", str(source))
    assert (code, out) == (1, b"")
    assert err.splitlines()[-1].startswith(f"cjmctl: {source}: the journey would be ")
    assert err.splitlines()[-1].endswith(
        f"MiB, more than a journey file may hold ({reading.MAX_BYTES // 2**20} MiB); "
        "split the diagram"
    )
    assert not (tmp_path / "crowd.yaml").exists()
