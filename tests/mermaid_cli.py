"""Mermaid's own CLI (`mmdc`, installed under tools/mermaid/) for the tests: find it, run it.

Each mmdc run starts a headless Chromium (1-2 s), so diagrams are rendered in batches: mmdc
reads a Markdown file and renders every ```mermaid block in it in one browser session. Mermaid's
parse (what its journey database holds) is likewise one run of `tests/mermaid_parse.mjs`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

TOOLS = ROOT / "tools" / "mermaid"
MMDC = TOOLS / "node_modules" / ".bin" / "mmdc"
PUPPETEER = TOOLS / "puppeteer.json"
PARSE = ROOT / "tests" / "mermaid_parse.mjs"
INSTALL = "PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix tools/mermaid"
# mmdc finds a chart's end at the first line that ends in ``` or ::: (its Markdown regex).
FENCE_END = re.compile(r"(?:```|:::)[^\S\n]*$", re.MULTILINE)


def missing() -> str | None:
    """Why mmdc cannot run here, or None when it can."""
    if MMDC.exists():
        return None if shutil.which("node") else "node is not installed, so Mermaid cannot run"
    if shutil.which("npm") is None:
        return f"npm is not installed, so neither is Mermaid's CLI (then run: {INSTALL})"
    return f"Mermaid's CLI is not installed in tools/mermaid; install it with: {INSTALL}"


def require() -> None:
    """Skip the calling test when mmdc is missing; under CI (`CI` set) fail instead."""
    reason = missing()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and {reason}")
    pytest.skip(reason)


def run(source: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """Run mmdc once on a `.mmd` or `.md` file with the project's Chromium settings."""
    return subprocess.run(
        [str(MMDC), "-q", "-j", "2", "-p", str(PUPPETEER), "-i", str(source), "-o", str(output)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def render_all(diagrams: dict[str, str], folder: Path) -> dict[str, str]:
    """Render Mermaid sources with one mmdc run; return each one's SVG by name.

    Raises:
        AssertionError: mmdc failed; the message holds its output.
    """
    blocks = []
    for name, source in diagrams.items():
        if FENCE_END.search(source):
            raise ValueError(f"{name}: a line ends in ``` or :::, which ends mmdc's chart early")
        blocks.append(f"```mermaid\n{source.rstrip()}\n```\n")
    batch = folder / "batch.md"
    batch.write_text("\n".join(blocks), encoding="utf-8")
    result = run(batch, folder / "out.md")
    assert result.returncode == 0, result.stdout + result.stderr
    return {
        name: (folder / f"out-{n}.svg").read_text(encoding="utf-8")
        for n, name in enumerate(diagrams, start=1)
    }


def parse_all(diagrams: dict[str, str]) -> dict[str, dict[str, Any]]:
    """Parse Mermaid sources with Mermaid itself, in one browser; return each one's journey db.

    A result holds `title`, `accTitle`, `accDescription`, `sections` and `tasks` (each with
    `section`, `task`, `score`, `people`), or `error` when Mermaid rejects the diagram.

    Raises:
        AssertionError: the parse script failed; the message holds its output.
    """
    result = subprocess.run(
        ["node", str(PARSE)],
        input=json.dumps(diagrams),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    parsed: dict[str, dict[str, Any]] = json.loads(result.stdout)
    return parsed


def svg_texts(svg: str) -> list[str]:
    """Every text node of an SVG (parsed as XML, so it must be well-formed), in order."""
    root = ET.fromstring(svg)
    return [element.text for element in root.iter() if element.text and element.text.strip()]
