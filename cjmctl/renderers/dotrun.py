"""Running Graphviz's `dot`: within a time limit, every failure one line, PDFs dated reproducibly.

`run` pipes DOT source through `dot -T<format>` and never leaves it running: not on a timeout,
not when cjmctl is interrupted or terminated. cairo 1.16 dates PDFs by the clock, so
`pin_dates` writes a fixed date over it and moves the cross-reference offsets to match.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
from datetime import UTC, datetime, timedelta

from cjmctl.i18n import _, language, number
from cjmctl.journey.diagnostics import printable
from cjmctl.renderers import RenderError, processes


def install_hint() -> str:
    """What to do when `dot` is not installed."""
    return _(
        "Graphviz's `dot` program is needed for svg, png and pdf and was not found; install it: "
        "`sudo apt-get install graphviz` (Debian/Ubuntu), `brew install graphviz` (macOS), "
        "`winget install graphviz` (Windows); `-f dot` works without it"
    )


def run(source: str, fmt: str, timeout: float) -> bytes:
    """Lay out `source` with `dot`; any way it can fail is a RenderError of one line."""
    program = shutil.which("dot")
    if program is None:
        raise RenderError(install_hint())
    # Cairo stamps PDFs with the time unless SOURCE_DATE_EPOCH says otherwise.
    env = {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}
    pipe = subprocess.PIPE
    argv = [program, f"-T{fmt}"]
    process = processes.start(argv, stdin=pipe, stdout=pipe, stderr=pipe, env=env)
    with process:
        try:
            out, err = process.communicate(source.encode("utf-8"), timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            said = _(
                "dot took longer than {seconds} s to lay out the diagram and was stopped; "
                "raise --dot-timeout, draw stages only with --compact, "
                "or list fewer touchpoints in `next`"
            )
            raise RenderError(said.format(seconds=shown_seconds(timeout))) from None
        except BaseException:
            # Interrupted (Ctrl-C, or SIGTERM turned into SystemExit): dot must not outlive us.
            process.kill()
            process.wait()
            raise
    if process.returncode == 0:
        return out
    if process.returncode < 0:
        what = _("dot -T{format} crashed: killed by signal {signal}").format(
            format=fmt, signal=_signal_name(-process.returncode)
        )
    else:
        what = _("dot -T{format} failed with exit status {status}").format(
            format=fmt, status=process.returncode
        )
    said = _first_error(err.decode("utf-8", "replace"))
    raise RenderError(f"{what}: {said}" if said else what)


def shown_seconds(value: float) -> str:
    """A time limit as the user's language writes it, as precise as given: `0.3`, `0,3`."""
    digits = len(f"{value:g}".partition(".")[2])
    return number(value, language(), digits)


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return str(number)


def _first_error(stderr: str, width: int = 200) -> str:
    """The line of dot's stderr that says what went wrong, made safe and short for one line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    chosen = next((line for line in lines if line.startswith("Error")), lines[0] if lines else "")
    if len(chosen) > width:
        chosen = chosen[: width - 1] + "…"
    return printable(chosen)


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*\Z")
_XREF = re.compile(rb"xref\s+0\s+(\d+)\s+")
_ENTRY = re.compile(rb"(\d{10}) \d{5} ([nf])[ \r\n]{2}")
_INFO = re.compile(rb"/Info\s+(\d+)\s+0\s+R")
_DATE = re.compile(rb"/(CreationDate|ModDate)\s*\(D:[0-9Z+\-']*\)")


def pdf_date(seconds: int) -> bytes:
    """A PDF date (`D:19700101000000Z`) for this many seconds since 1970, in UTC."""
    moment = datetime(1970, 1, 1, tzinfo=UTC) + timedelta(seconds=seconds)
    return moment.strftime("D:%Y%m%d%H%M%SZ").encode("ascii")


def pin_dates(pdf: bytes, date: bytes) -> bytes:
    """Write `date` over the clock time that cairo puts into the PDF's Info dictionary.

    cairo 1.16 ignores SOURCE_DATE_EPOCH and writes the local time, whose length depends on
    the time zone (`D:20260101120000Z`, `D:20260101150000+03'00`), so the offsets of the
    objects after the dictionary, and of the cross-reference table, move by the difference.
    A PDF not laid out as cairo lays it out (one table of offsets, then the trailer) is
    returned as it is.
    """
    end = _STARTXREF.search(pdf)
    table = _XREF.match(pdf, int(end[1])) if end else None
    if end is None or table is None:
        return pdf
    count, first = int(table[1]), table.end()
    found = (_ENTRY.fullmatch(pdf, first + 20 * i, first + 20 * (i + 1)) for i in range(count))
    entries = [entry for entry in found if entry is not None]
    info = _INFO.search(pdf, first + 20 * count, end.start())
    if info is None or int(info[1]) >= count or len(entries) != count:
        return pdf
    start = int(entries[int(info[1])][1])
    stop = pdf.find(b"endobj", start, table.start())
    if stop < 0:
        return pdf
    body = _DATE.sub(lambda m: b"/" + m[1] + b" (" + date + b")", pdf[start:stop])
    shift = len(body) - (stop - start)
    moved = []
    for entry in entries:
        offset = int(entry[1])
        if entry[2] == b"n" and offset > start:
            offset += shift
        moved.append(b"%010d" % offset + entry[0][10:])
    return b"".join(
        (
            pdf[:start],
            body,
            pdf[stop:first],
            *moved,
            pdf[first + 20 * count : end.start(1)],
            b"%d" % (table.start() + shift),
            pdf[end.end(1) :],
        )
    )
