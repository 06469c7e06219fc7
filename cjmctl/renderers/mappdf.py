"""The journey map as PDF: the HTML page printed by headless Chromium, with reproducible bytes.

Chromium was chosen over WeasyPrint by measurement (README, "The map as PDF"): it is the
browser the map is designed and tested in, it prints the SVG curve and the page-margin footer
as a browser shows them, and it took a third to a quarter of WeasyPrint's time. It runs in a
process group of its own, so the helpers it starts (zygote, renderer, crash handler) end with
it: on success, on a timeout, when cjmctl is interrupted, and on Linux even when cjmctl or its
worker is killed outright (`processes.guarded`). Skia writes the clock into the PDF's dates
and a random document /ID; both are pinned to the journey's reproducible timestamp.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import signal
import subprocess
from pathlib import Path
from typing import IO

from cjmctl.i18n import _
from cjmctl.journey.diagnostics import printable
from cjmctl.journey.model import Journey
from cjmctl.renderers import RenderError, RenderOptions, htmlmap, processes
from cjmctl.renderers.dotrun import pdf_date, pin_dates, shown_seconds

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
# Without these, Chromium keeps trying the network, a keyring and a crash reporter.
FLAGS = (
    "--headless",
    "--no-pdf-header-footer",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-crash-reporter",
    "--no-first-run",
    "--password-store=basic",
    "--force-color-profile=srgb",
)


def render(journey: Journey, options: RenderOptions) -> bytes:
    """Print the journey's HTML map to PDF pages of `options.paper`."""
    page = htmlmap.render(journey, options, printed=True)
    return reproducible(print_pdf(page, options.browser_timeout), options.timestamp)


def browser() -> str:
    """The Chromium to print with: $CJMCTL_CHROMIUM, else the first one on PATH."""
    chosen = os.environ.get("CJMCTL_CHROMIUM")
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            said = _(
                "CJMCTL_CHROMIUM is {value!r}, which is not a program; the map's PDF is printed "
                "by Chromium, which was not found; install it: `sudo apt-get install chromium` "
                "(Debian/Ubuntu), or set CJMCTL_CHROMIUM to a Chromium or Chrome program; "
                "`-f html` works without it"
            )
            raise RenderError(said.format(value=chosen))
        return found
    for name in BROWSERS:
        found = shutil.which(name)
        if found is not None:
            return found
    raise RenderError(
        _(
            "the map's PDF is printed by Chromium, which was not found; install it: "
            "`sudo apt-get install chromium` (Debian/Ubuntu), or set CJMCTL_CHROMIUM to a "
            "Chromium or Chrome program; `-f html` works without it"
        )
    )


def print_pdf(html: bytes, timeout: float) -> bytes:
    """Print one HTML page with headless Chromium; any way it can fail is one RenderError line."""
    program = browser()
    # The guard may remove the folder first, when this process is killed meanwhile.
    with processes.scratch("print") as work:
        folder = Path(work)
        page, pdf, log = folder / "map.html", folder / "map.pdf", folder / "chromium.log"
        page.write_bytes(html)
        argv = [program, *FLAGS, f"--user-data-dir={folder / 'profile'}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            argv.append("--no-sandbox")  # Chromium refuses to run its sandbox as root
        argv += [f"--print-to-pdf={pdf}", page.as_uri()]
        with log.open("wb") as errors:
            code = _run(argv, errors, timeout, program, work)
        if code != 0 or not pdf.is_file():
            name = Path(program).name
            what = (
                _("{program} failed with exit status {status}").format(program=name, status=code)
                if code
                else _("{program} wrote no PDF").format(program=name)
            )
            said = _first_error(log.read_text("utf-8", "replace"))
            raise RenderError(f"{what}: {said}" if said else what)
        return pdf.read_bytes()


def _run(argv: list[str], errors: IO[bytes], timeout: float, program: str, work: str) -> int:
    """Run the browser in a group of its own and end the whole group, however this ends.

    Its output goes to a file, not a pipe: a helper that outlived the browser would hold a
    pipe open and make the wait last until the timeout. Its temporary files go to `work` too
    (Chromium's `org.chromium.Chromium.*` folder would be left in TMPDIR when it is killed).
    """
    command, group = processes.guarded(argv, work)
    env = {**os.environ, "TMPDIR": work}
    process = processes.start(
        command,
        _end,
        stdin=subprocess.DEVNULL,
        stdout=errors,
        stderr=subprocess.STDOUT,
        env=env,
        **group,
    )
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        said = _(
            "{program} took longer than {seconds} s to print the map and was stopped; "
            "raise --browser-timeout, or print fewer maps at once"
        )
        shown = shown_seconds(timeout)
        raise RenderError(said.format(program=Path(program).name, seconds=shown)) from None
    finally:
        _end(process)


def _end(process: subprocess.Popen[bytes]) -> None:
    """Kill the browser's group (its helpers too) and reap the browser."""
    with contextlib.suppress(OSError):  # already gone
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _first_error(log: str, width: int = 200) -> str:
    """The browser's last complaint, made safe and short for one line.

    Chromium logs harmless errors (no D-Bus, no GPU) before any real one, so the last wins.
    """
    lines = [line.strip() for line in log.splitlines() if line.strip()]
    chosen = lines[-1] if lines else ""
    if len(chosen) > width:
        chosen = chosen[: width - 1] + "…"
    return printable(chosen)


_ID = re.compile(rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]")


def reproducible(pdf: bytes, timestamp: int) -> bytes:
    """Pin what Skia takes from the clock and chance: the dates, and the document /ID.

    The /ID becomes a digest of the rest of the file, so equal pages get equal ids and
    different pages different ones; it keeps its length, so no offset moves.
    """
    pinned = pin_dates(pdf, pdf_date(timestamp))
    found = _ID.search(pinned)
    if found is None:
        return pinned
    blank = pinned[: found.start()] + pinned[found.end() :]
    digest = hashlib.sha256(blank).hexdigest().upper().encode("ascii")
    first = digest[: len(found[1])].ljust(len(found[1]), b"0")
    second = digest[-len(found[2]) :].rjust(len(found[2]), b"0")
    return (
        pinned[: found.start(1)]
        + first
        + pinned[found.end(1) : found.start(2)]
        + second
        + pinned[found.end(2) :]
    )
