"""Dates in a diff are said as people read them, in the user's language (JSON keeps ISO text)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import STANDALONE

Cli = Callable[..., tuple[int, str]]


def _pair(tmp_path: Path) -> tuple[str, str]:
    text = STANDALONE.read_text(encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text.replace("reviewed: '2026-06-15'", "reviewed: 2026-06-15"), encoding="utf-8")
    new.write_text(text.replace("reviewed: '2026-06-15'", "reviewed: 2026-12-01"), encoding="utf-8")
    return str(old), str(new)


def test_a_changed_date_reads_as_a_date_in_english_and_russian(cli: Cli, tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    assert "reviewed: '2026-06-15'" in STANDALONE.read_text(encoding="utf-8")
    code, english = cli("diff", old, new)
    assert (code, english) == (
        0,
        "Journey\n  reviewed: 15\u00a0June\u00a02026 -> 1\u00a0December\u00a02026\n",
    )
    code, russian = cli("--lang", "ru", "diff", old, new, "-F", "markdown")
    assert "- `reviewed`: 15\u00a0июня\u00a02026 -> 1\u00a0декабря\u00a02026" in russian


def test_json_keeps_the_iso_dates(cli: Cli, tmp_path: Path) -> None:
    old, new = _pair(tmp_path)
    _, output = cli("--lang", "ru", "diff", old, new, "-F", "json")
    change = json.loads(output)["fields"][0]
    assert (change["old"], change["new"]) == ("2026-06-15", "2026-12-01")


def test_a_text_that_is_not_a_date_stays_quoted(cli: Cli, tmp_path: Path) -> None:
    text = STANDALONE.read_text(encoding="utf-8")
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(text, encoding="utf-8")
    new.write_text(text.replace("owner: ", "owner: 2026-99-99 ", 1), encoding="utf-8")
    _, output = cli("diff", str(old), str(new))
    assert "2026-99-99" in output
