"""The Russian goldens speak Russian: no English sentence left in what cjmctl says in Russian.

A message someone forgot to mark, or a fragment glued into a Russian sentence, shows up here as
English words between Russian ones. What stays English by design is taken out first: quoted
and backticked text, paths and file names, options, rule ids, URLs, and the journeys' own text
(the examples and fixtures are partly English maps).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
RUSSIAN = ROOT / "tests" / "expected" / "ru"

_MACHINE = re.compile(
    r"`[^`]*`"  # code
    r"|'[^'\n]*'|\"[^\"\n]*\"|«[^»\n]*»"  # quoted values
    r"|https?://\S+"
    r"|(?<![\w-])--?[a-z][\w-]*"  # options
    r"|\[[a-z0-9][a-z0-9_.-]*\]"  # rule ids
    r"|\S*[/\\]\S*|\S+\.(?:ya?ml|csv|html|md|mmd|svg|png|pdf|json|dot|txt|xlsx|po|mo)\b"
    r"|\b[a-z][a-z0-9]*(?:[_.][a-z0-9]+)+\b|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"  # keys and ids
    r"|^Использование: .*$|\bcjmctl(?: [a-z][a-z-]*)+"  # usage lines and commands
    r"|\b[A-Z]{2,}\b|\b(?:html|dot|svg|png|mermaid|json|md|csv|xlsx)\b",  # metavars, formats
    re.MULTILINE,
)
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?:[ ,:]+[a-z]{2,}){2,}\b")
"""Three English words in a row: a sentence, not a stray id."""


def _texts(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [t for key, value in node.items() for t in (*_texts(key), *_texts(value))]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


@cache
def journey_texts() -> tuple[str, ...]:
    """Every text of the YAML files the goldens are made of, longest first."""
    found: set[str] = set()
    for folder in (ROOT / "examples", ROOT / "tests"):
        for path in folder.rglob("*.y*ml"):
            if "invalid" in path.parts or path.stat().st_size > 100_000:
                continue  # hostile files (a billion laughs) and benchmarks' giants hold no golden
            try:
                found.update(_texts(yaml.load(path.read_text(encoding="utf-8"), yaml.CSafeLoader)))
            except (yaml.YAMLError, UnicodeDecodeError, ValueError):
                continue
    for path in (ROOT / "examples").rglob("*.csv"):
        found.update(
            path.read_text(encoding="utf-8-sig", errors="replace").replace(";", ",").split(",")
        )
    return tuple(sorted((t.strip() for t in found if len(t.strip()) > 3), key=len, reverse=True))


def english_in(line: str) -> str | None:
    """The English run left in a line of Russian output, once the machine's words are out."""
    if not ENGLISH.search(_MACHINE.sub(" ", line)):
        return None
    for data in journey_texts():  # the journeys' own text, as written, before ids are cut out
        if data in line:
            line = line.replace(data, " ")
    found = ENGLISH.search(_MACHINE.sub(" ", line))
    return found.group(0) if found else None


def test_the_russian_goldens_are_russian() -> None:
    files = sorted(p for p in RUSSIAN.rglob("*") if p.is_file())
    assert len(files) > 50, "the Russian goldens are missing"
    found = [
        f"{path.relative_to(ROOT)}:{number}: {english!r} in {line.strip()[:100]!r}"
        for path in files
        if path.suffix in {".txt", ".md", ""}
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if (english := english_in(line))
    ]
    assert found == []


def test_the_check_finds_an_english_sentence_among_russian_words() -> None:
    assert english_in("ошибка: missing required key 'cjm'") == "missing required key"
    assert english_in("подсказка: добавьте `cjm: 1` в начало файла") is None
    assert english_in("journey.yaml:3:1: ошибка: нет ключа 'stages' [missing]") is None
