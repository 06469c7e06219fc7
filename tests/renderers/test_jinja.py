"""The bytecode cache of the templates: used when private, never loaded when it may be planted."""

from __future__ import annotations

import os
import pickle
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import jinja2
import pytest
from jinja2.bccache import bc_magic

from cjmctl import load
from cjmctl.renderers import RenderOptions, htmlmap, jinja
from tests.conftest import EXAMPLES

JOURNEY = load(EXAMPLES / "furniture-store.yaml")
TODAY = RenderOptions(today=date(2026, 10, 1))


class _Payload:
    """Unpickling this makes the folder `marker`: proof that a planted cache file was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, int, bool]]:
        return os.makedirs, (str(self.marker), 0o700, True)


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty $XDG_CACHE_HOME and a fresh environment before and after the test."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("CJMCTL_NO_CACHE", raising=False)
    jinja.environment.cache_clear()
    yield tmp_path / "cache"
    jinja.environment.cache_clear()


def _render() -> bytes:
    jinja.environment.cache_clear()
    return htmlmap.render(JOURNEY, TODAY)


def _plant(folder: Path, marker: Path) -> list[Path]:
    """Replace every cache file in `folder` by one whose unpickling makes `marker`."""
    planted = sorted(folder.glob("__jinja2_*.cache"))
    assert planted, "the first render wrote no cache file"
    for path in planted:
        path.write_bytes(bc_magic + pickle.dumps(_Payload(marker), 2))
    return planted


def _folder(cache_home: Path) -> Path:
    return cache_home / "cjmctl" / f"jinja-{jinja2.__version__}"


def test_cache_folder_is_private_and_a_private_cache_is_used(
    cache_home: Path, tmp_path: Path
) -> None:
    _render()
    folder = _folder(cache_home)
    assert folder.stat().st_mode & 0o777 == 0o700
    marker = tmp_path / "loaded"
    _plant(folder, marker)
    _render()
    assert marker.exists()  # this user's own file in this user's own folder is trusted


def test_a_cache_file_in_a_world_writable_folder_is_never_loaded(
    cache_home: Path, tmp_path: Path
) -> None:
    expected = _render()
    folder = _folder(cache_home)
    marker = tmp_path / "loaded"
    _plant(folder, marker)
    folder.chmod(0o777)
    assert _render() == expected
    assert not marker.exists()
    assert folder.stat().st_mode & 0o777 == 0o777  # refused, not quietly made private


def test_a_cache_file_others_can_write_is_never_loaded(cache_home: Path, tmp_path: Path) -> None:
    expected = _render()
    marker = tmp_path / "loaded"
    for path in _plant(_folder(cache_home), marker):
        path.chmod(0o666)
    assert _render() == expected
    assert not marker.exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="only root can give a planted file to another user",
)
def test_a_cache_file_of_another_user_is_never_loaded(cache_home: Path, tmp_path: Path) -> None:
    expected = _render()
    marker = tmp_path / "loaded"
    for path in _plant(_folder(cache_home), marker):
        os.chown(path, 65534, 65534)
    assert _render() == expected
    assert not marker.exists()


def test_a_cache_folder_that_is_a_link_is_never_used(cache_home: Path, tmp_path: Path) -> None:
    expected = _render()
    folder = _folder(cache_home)
    elsewhere = tmp_path / "elsewhere"
    folder.rename(elsewhere)
    folder.symlink_to(elsewhere, target_is_directory=True)
    marker = tmp_path / "loaded"
    _plant(elsewhere, marker)
    assert _render() == expected
    assert not marker.exists()


def test_no_home_directory_renders_without_a_cache(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(Path, "home", no_home)
    assert _render().startswith(b"<!DOCTYPE html>")
    assert jinja.environment().bytecode_cache is None


def test_an_own_folder_that_others_cannot_write_is_made_private(cache_home: Path) -> None:
    _render()
    folder = _folder(cache_home)
    folder.chmod(0o755)  # as cjmctl made it before the cache was private
    _render()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_breakable_lets_only_long_words_break_and_stays_escaped() -> None:
    breakable = jinja.breakable
    ordinary = "Move pick-up parking next to the warehouse exit"
    assert breakable(ordinary) == ordinary
    assert breakable(None) == ""
    assert breakable("W" * 30) == "W" * 12 + "<wbr>" + "W" * 12 + "<wbr>" + "W" * 6
    # Pieces are escaped one by one: no break inside an entity, no markup through.
    hostile = breakable("<script>" * 4)
    assert "<script>" not in hostile
    assert hostile.replace("<wbr>", "") == "&lt;script&gt;" * 4
    assert all(piece.count("&") == piece.count(";") for piece in hostile.split("<wbr>"))
    # A letter with its combining mark stays whole across a break.
    pieces = breakable("e\u0301" * 20).split("<wbr>")
    assert len(pieces) > 1
    assert all(not piece.startswith("\u0301") for piece in pieces)
