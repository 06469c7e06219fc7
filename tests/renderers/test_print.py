"""The map on paper: print pages of whole stages, and `-f map-pdf` printed by headless Chromium.

Every touchpoint, stage and lane name must be on the printed pages (pdftotext reads them back),
with the page footer; cjmctl's own PDF is byte-reproducible, fails in one line without a
browser, and leaves no browser process behind on a timeout.
"""

from __future__ import annotations

import html
import os
import re
import shutil
import signal
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl import workers
from cjmctl.journey.loader import load
from cjmctl.renderers import RenderOptions
from cjmctl.renderers.htmlmap import LANES, lane_names, render
from cjmctl.renderers.printpages import PAPERS, cut
from cjmctl.renderers.printpages import lane_width as print_lane_width
from cjmctl.renderers.wording import labels_of
from tests import fakedot
from tests.conftest import ROOT, copy_example

Streams = Callable[..., tuple[int, bytes, str]]
WIDE = ROOT / "tests" / "fixtures" / "wide"
CHROMIUM = shutil.which("chromium")
REASON = "needs Debian's chromium and poppler-utils (pdftotext, pdfinfo)"
if (CHROMIUM is None or shutil.which("pdftotext") is None) and os.environ.get("CI"):
    pytest.fail(f"CI must run the print tests: {REASON}", pytrace=False)
needs_browser = pytest.mark.skipif(
    CHROMIUM is None or shutil.which("pdftotext") is None, reason=REASON
)


def words(text: str) -> str:
    """Text as pdftotext gives it, compared case-blind with white space and hyphens at line
    ends folded (cells wrap long names; lane names are printed in capitals)."""
    return re.sub(r"\s+", " ", re.sub(r"-\n", "", text)).casefold()


def pdf_text(pdf: Path) -> list[str]:
    """The text of each page."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8").split("\f")[:-1]


def missing_names(pdf: Path, source: Path) -> list[str]:
    """The touchpoint, stage and lane names of `source` that no printed page shows."""
    journey = load(source)
    labels = labels_of(journey)
    text = words(" ".join(pdf_text(pdf)))
    names = [tp.name for _, tp in journey.touchpoints()] + [s.name for s in journey.stages]
    shown = set(re.findall(r'class="lane lane-(\w+)"', render(journey, RenderOptions()).decode()))
    assert len(shown) > 8
    names += [labels[key] for key, _ in LANES if key in shown]
    return [name for name in names if words(name) not in text]


def chromium_print(html: Path, pdf: Path, profile: Path) -> None:
    args = [CHROMIUM or "chromium", "--headless", "--no-pdf-header-footer", "--disable-gpu"]
    args += [f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", html.as_uri()]
    if os.geteuid() == 0:
        args.insert(1, "--no-sandbox")
    subprocess.run(args, capture_output=True, check=True, timeout=120, start_new_session=True)


def test_stages_stay_whole_where_they_fit_and_wide_ones_continue() -> None:
    assert cut([3, 4, 2, 5], 8) == [[(0, 3, False), (1, 4, False)], [(2, 2, False), (3, 5, False)]]
    assert cut([2, 12, 1], 8) == [
        [(0, 2, False)],
        [(1, 8, False)],
        [(1, 4, True), (2, 1, False)],
    ]
    assert cut([8, 8], 8) == [[(0, 8, False)], [(1, 8, False)]]


def test_a4_holds_fewer_columns_than_a3() -> None:
    assert (PAPERS["a3"].capacity(), PAPERS["a4"].capacity()) == (8, 5)
    # Russian lane names need a wider lane column on paper; the pages keep their columns.
    lanes = [print_lane_width(lane_names(locale)) for locale in ("en", "ru")]
    assert lanes[0] < lanes[1]
    assert [(PAPERS["a3"].capacity(w), PAPERS["a4"].capacity(w)) for w in lanes] == [(8, 5)] * 2


def test_print_pages_repeat_lanes_and_mark_continued_stages(tmp_path: Path) -> None:
    import html5lib

    journey = load(WIDE / "en-40.yaml")
    page = html5lib.parse(render(journey, RenderOptions(paper="a4")), namespaceHTMLElements=False)
    printed = page.findall(".//section[@class='print-page']")
    stages = [
        [
            "".join(th.itertext()).split("\n")[1]
            for th in p.iter("th")
            if "stage" in th.get("class", "")
        ]
        for p in printed
    ]
    # Eight stages of five touchpoints on pages of five: each page one whole stage.
    assert stages == [[s.name] for s in journey.stages]
    lanes = [[th.text for th in p.iter("th") if th.get("scope") == "row"] for p in printed]
    assert all(names == lanes[0] for names in lanes)
    ids = [e.get("id") for e in page.iter() if e.get("id")]
    assert len(ids) == len(set(ids))


@needs_browser
@pytest.mark.parametrize(("name", "footer"), [("en-40", "page 1 of {}"), ("ru-27", "стр. 1 из {}")])
def test_chromium_prints_every_touchpoint_stage_and_lane(
    tmp_path: Path, name: str, footer: str
) -> None:
    html, pdf = tmp_path / f"{name}.html", tmp_path / f"{name}.pdf"
    html.write_bytes(render(load(WIDE / f"{name}.yaml"), RenderOptions()))
    chromium_print(html, pdf, tmp_path / "profile")
    pages = pdf_text(pdf)
    assert missing_names(pdf, WIDE / f"{name}.yaml") == []
    assert footer.format(len(pages)) in words(pages[0])


@needs_browser
@pytest.mark.parametrize(("name", "footer"), [("en-40", "page 1 of {}"), ("ru-27", "стр. 1 из {}")])
def test_map_pdf_prints_every_touchpoint_stage_and_lane_reproducibly(
    cli_streams: Streams, tmp_path: Path, name: str, footer: str
) -> None:
    source = tmp_path / f"{name}.yaml"
    shutil.copy(WIDE / f"{name}.yaml", source)
    assert cli_streams("render", str(source), "-f", "map-pdf", "-q") == (0, b"", "")
    pdf = tmp_path / f"{name}.map.pdf"
    first = pdf.read_bytes()
    pages = pdf_text(pdf)
    assert missing_names(pdf, source) == []
    assert footer.format(len(pages)) in words(pages[0])
    code, out, err = cli_streams("render", str(source), "-f", "map-pdf", "--check")
    assert (code, out) == (0, b""), err
    assert re.fullmatch(r"checked 1 output: all up to date \(\d+\.\d s\)\n", err)
    assert b"/CreationDate (D:19700101000000Z)" in first


@needs_browser
def test_a4_gives_more_pages_than_a3(cli_streams: Streams, tmp_path: Path) -> None:
    source = WIDE / "ru-27.yaml"
    counts = []
    for paper in ("a3", "a4"):
        out = tmp_path / f"{paper}.pdf"
        assert (
            cli_streams("render", str(source), "-f", "map-pdf", "--paper", paper, "-o", str(out))[0]
            == 0
        )
        counts.append(len(pdf_text(out)))
    assert counts[0] < counts[1]


def test_map_pdf_and_flow_pdf_do_not_clash_and_pdf_says_what_it_is(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJMCTL_CHROMIUM", str(tmp_path / "no-such-browser"))
    source = tmp_path / "map.yaml"
    shutil.copy(WIDE / "ru-27.yaml", source)
    code, _, err = cli_streams("render", str(source), "-f", "pdf", "-f", "dot", "-q")
    assert code == 0
    assert err.splitlines() == [
        "cjmctl: note: -f pdf is the flow diagram, now named flow-pdf; "
        "the journey map as PDF is -f map-pdf"
    ]
    code, _, err = cli_streams("render", str(source), "-f", "map-pdf", "-f", "flow-pdf", "-q")
    assert code == 1  # no browser here; the flow's PDF is still written beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.dot", "map.pdf", "map.yaml"]


def test_a_missing_browser_is_one_line_with_the_install_command(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CJMCTL_CHROMIUM", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    source = WIDE / "en-40.yaml"
    code, out, err = cli_streams("render", str(source), "-f", "map-pdf", "-o", "-")
    assert (code, out) == (1, b"")
    assert err.splitlines() == [
        f"cjmctl: {source}: the map's PDF is printed by Chromium, which was not found; "
        "install it: `sudo apt-get install chromium` (Debian/Ubuntu), or set CJMCTL_CHROMIUM "
        "to a Chromium or Chrome program; `-f html` works without it"
    ]
    monkeypatch.setenv("CJMCTL_CHROMIUM", "no-such-chromium")
    code, _, err = cli_streams("render", str(source), "-f", "map-pdf", "-o", "-")
    assert code == 1
    assert err.startswith(
        f"cjmctl: {source}: CJMCTL_CHROMIUM is 'no-such-chromium', which is not a program; "
    )


def test_a_browser_that_takes_too_long_is_stopped_with_its_children(
    cli_streams: Streams, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pidfile = tmp_path / "pids"
    # Like Chromium, it starts a helper process of its own before it hangs.
    body = f"sleep 60 &\necho $! >> '{pidfile}'\n" + fakedot.sleeping(pidfile)
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("CJMCTL_CHROMIUM", str(fake))
    source = WIDE / "en-40.yaml"
    try:
        args = ("render", str(source), "-f", "map-pdf", "-o", "-", "--browser-timeout", "0.5")
        code, out, err = cli_streams(*args)
        assert (code, out) == (1, b"")
        assert err.splitlines() == [
            f"cjmctl: {source}: chromium took longer than 0.5 s to print the map and was "
            "stopped; raise --browser-timeout, or print fewer maps at once"
        ]
        started = fakedot.pids(pidfile)
        assert len(started) == 2
        assert fakedot.wait_until(lambda: not any(map(fakedot.alive, started)), 10)
    finally:
        fakedot.kill_with_parents(pidfile)


def _worker_of(pid: int, cjmctl: int) -> int:
    """The process between `cjmctl` and its descendant `pid`: the worker that started it."""
    while (above := fakedot.parent(pid)) != cjmctl:
        assert above > 1, f"{pid} is not a descendant of cjmctl {cjmctl}"
        pid = above
    return pid


@pytest.mark.parametrize("killed", ["cjmctl", "worker"])
def test_a_killed_cjmctl_or_worker_leaves_no_browser_nor_its_helper_behind(
    tmp_path: Path, killed: str
) -> None:
    if killed == "worker" and workers.cpus() < 2:
        pytest.skip("batches run in worker processes only with 2 CPUs or more")
    pidfile = tmp_path / "pids"
    # Like Chromium, it starts a helper process of its own, then it hangs.
    body = f"sleep 60 &\necho $! >> '{pidfile}'\necho $$ >> '{pidfile}'\nexec sleep 60\n"
    fake = tmp_path / "bin" / "chromium"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    fake.chmod(0o755)
    sources = []
    for number in range(1 if killed == "cjmctl" else 4):
        sources.append(tmp_path / f"map-{number}.yaml")
        copy_example("email-marketing-ru.yaml", sources[-1])
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    command += ["-q", "-j", "2", "--browser-timeout", "60"]
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "CJMCTL_CHROMIUM": str(fake), "TMPDIR": str(temporary)}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)
    with fakedot.reaped(process, pidfile):
        assert fakedot.wait_until(lambda: len(fakedot.pids(pidfile)) >= 2)
        browser = fakedot.pids(pidfile)[1]
        victim = process.pid if killed == "cjmctl" else _worker_of(browser, process.pid)
        os.kill(victim, signal.SIGKILL)
        assert process.wait(timeout=30) != 0
        # The killed one could not remove its work folder: the browser's guard did.
        assert fakedot.nothing_left(pidfile, temporary) == []


DEJAVU_BOX = 1.164
"""A word's box in pdftotext is its font's ascent plus descent: 1.164 em in DejaVu Sans, the
sans-serif of Debian's Chromium."""
_WORD = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def printed_words(pdf: Path) -> list[tuple[str, float]]:
    """Every word of the PDF with its font size in points."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True)
    found = _WORD.findall(out.stdout.decode("utf-8"))
    return [(html.unescape(w), (float(b) - float(a)) / DEJAVU_BOX) for a, b, w in found]


def size_of(words: list[tuple[str, float]], word: str) -> float:
    """The largest size `word` is printed in (a touchpoint's name is also a smaller link)."""
    return max(size for text, size in words if text == word)


@pytest.mark.parametrize("paper", ["a3", "a4"])
def test_every_sheet_with_map_cells_repeats_the_stage_and_touchpoint_heads(
    cli_streams: Streams, tmp_path: Path, paper: str
) -> None:
    """A print page taller than a sheet (a rich map on A4) goes on over the next sheet with its
    head rows, so no sheet shows anonymous columns; a section heading never ends a sheet."""
    journey = load(ROOT / "examples/furniture-store.yaml")
    out = tmp_path / "map.pdf"
    source = str(ROOT / "examples/furniture-store.yaml")
    assert cli_streams("render", source, "-f", "map-pdf", "--paper", paper, "-o", str(out))[0] == 0
    labels = labels_of(journey)
    # Lane and head names are printed in capitals, which no cell text of this map is.
    lanes = [labels[key].upper() for key in ("action", "thoughts", "feeling", "motives", "funnel")]
    head = (labels["stage"].upper(), labels["touchpoint"].upper())
    raw = pdf_text(out)
    with_cells = [i for i, text in enumerate(raw) if any(lane in text for lane in lanes)]
    assert len(with_cells) >= 3
    assert [i for i in with_cells if not all(h in raw[i] for h in head)] == []
    section = [words(labels[key]) for key in ("personas", "plan", "research")]
    sheets = [words(page) for page in raw]
    footer = words(journey.title)
    bodies = [re.sub(r"page \d+ of \d+", "", t.replace(footer, "")).strip() for t in sheets]
    assert [i for i, body in enumerate(bodies) if body in section] == []


@pytest.fixture(scope="module")
def a3_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """en-40, ru-27 and the Russian e-mail example as map-pdf on A3, in one cjmctl call."""
    out = tmp_path_factory.mktemp("a3")
    sources = [WIDE / "en-40.yaml", WIDE / "ru-27.yaml", ROOT / "examples/email-marketing-ru.yaml"]
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    subprocess.run([*command, "-q", "-o", f"{out}/"], cwd=ROOT, check=True, timeout=300)
    return {s.stem: out / f"{s.stem}.map.pdf" for s in sources}


@needs_browser
@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("en-40", ("customer", "CHANNEL", "Touchpoint", "Searching")),
        ("ru-27", ("Клиент", "КАНАЛ", "Точка", "Осознание")),
    ],
)
def test_paper_type_reads_from_a_wall_on_a3_and_a4(
    a3_pdfs: dict[str, Path], tmp_path: Path, name: str, keys: tuple[str, ...]
) -> None:
    a4 = tmp_path / "a4.pdf"
    command = [sys.executable, "-m", "cjmctl", "render", str(WIDE / f"{name}.yaml")]
    command += ["-f", "map-pdf", "--paper", "a4", "-o", str(a4)]
    subprocess.run(command, cwd=ROOT, check=True, timeout=300)
    for pdf in (a3_pdfs[name], a4):
        words = printed_words(pdf)
        cell, lane, touchpoint, stage = (size_of(words, key) for key in keys)
        assert cell >= 9.5, pdf.name
        assert min(lane, touchpoint) >= cell + 0.5
        assert stage >= 1.25 * touchpoint


def _parts(text: str) -> list[str]:
    """The words of `text`, casefolded, split at spaces and hyphens (a name may wrap there)."""
    return [w for w in re.split(r"[\s\-]+", text.casefold()) if w]


@needs_browser
@pytest.mark.parametrize("name", ["en-40", "ru-27", "email-marketing-ru"])
def test_no_name_is_broken_inside_a_word_on_paper(a3_pdfs: dict[str, Path], name: str) -> None:
    source = (
        ROOT / "examples" / f"{name}.yaml" if name.startswith("email") else WIDE / f"{name}.yaml"
    )
    journey = load(source)
    labels = labels_of(journey)
    names = [tp.name for _, tp in journey.touchpoints()] + [s.name for s in journey.stages]
    page = render(journey, RenderOptions()).decode()
    names += [labels[key] for key in re.findall(r'class="lane lane-(\w+)"', page)]
    printed = {part for word, _ in printed_words(a3_pdfs[name]) for part in _parts(word)}
    assert [w for text in names for w in _parts(text) if w not in printed] == []


SHEET_OF_HEAD = 1200
"""Characters that fill a touchpoint's head on an A3 sheet."""
_UNPRINTABLE = {"Cc", "Cf", "Cn", "Co", "Cs", "Mn", "Mc", "Me"}


def skeleton(text: str) -> str:
    """What of `text` a PDF can give back, casefolded, with no white space.

    Dropped: what no font draws (unassigned and private-use code points, which print as a box
    whose glyph maps back to no text), what is invisible (joiners, bidi and variation marks)
    and combining marks (shaped into their base letter's glyph). White space goes because a
    cell breaks a long word where the column ends; NFKC because pdftotext decomposes ligatures.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(
        c for c in folded if not c.isspace() and unicodedata.category(c) not in _UNPRINTABLE
    )


def _longest_prefix_in(key: str, text: str) -> int:
    low, high = 0, len(key)  # a prefix in `text` means every shorter one is: bisect
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if key[:middle] in text else (low, middle - 1)
    return low


def printed_across_pages(key: str, pages: list[str]) -> bool:
    """Whether `key` is on a page, or runs on from one page over the next ones in order."""
    for start in range(len(pages)):
        rest = key
        for page in pages[start:]:
            found = _longest_prefix_in(rest, page)
            if found == len(rest):
                return True
            if found == 0:
                break
            rest = rest[found:]
    return False


@needs_browser
def test_map_pdf_prints_every_touchpoint_of_hostile_generated_maps(tmp_path: Path) -> None:
    sources = sorted((ROOT / "tests" / "fixtures" / "generated").glob("*.yaml"))
    command = [sys.executable, "-m", "cjmctl", "render", *map(str, sources), "-f", "map-pdf"]
    subprocess.run([*command, "-q", "--out-dir", str(tmp_path)], cwd=ROOT, check=True, timeout=600)
    assert len(sources) >= 6
    for source in sources:
        pdf = tmp_path / f"{source.stem}.map.pdf"
        pages = [skeleton(page) for page in pdf_text(pdf)]
        names = [tp.name for _, tp in load(source).touchpoints()]
        lost = [n for n in names if not printed_across_pages(skeleton(n), pages)]
        # A head taller than a sheet (1,708 characters in a 160 px column) is cut at the sheet's
        # end, and Chromium repeats the same cut head on the next sheet: a known limit.
        assert [n for n in lost if len(n) < SHEET_OF_HEAD] == [], source
