"""The site's manifest is read as untrusted input: it never names a file outside the site to
remove, and a damaged record costs a full build, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cjmctl.site import build, manifest
from tests.site.test_build import OPTIONS, TODAY, project

Cli = Callable[..., tuple[int, str]]


def tamper(out: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = out / manifest.NAME
    data = json.loads(path.read_bytes())
    change(data)
    path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "name",
    [
        "../victim.txt",
        "../victim.html",
        "{tmp}/victim.html",
        "../maps/bank-branch.yaml",
        "sub/../../victim.html",
        "notes.txt",
        "sub\\..\\..\\victim.html",
    ],
)
def test_a_manifest_naming_files_outside_the_site_removes_nothing(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    victims = [tmp_path / "victim.txt", tmp_path / "victim.html", out / "notes.txt"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("keep me")
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    name = name.format(tmp=tmp_path)
    tamper(out, lambda data: data["files"].update({name: "0" * 64}))
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert "no longer part of the site" not in output
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 0, output
    assert "removed" not in output
    assert all(victim.read_text() == "keep me" for victim in victims)
    assert (folder / "bank-branch.yaml").is_file()


def test_a_link_inside_the_site_is_not_followed_to_remove_its_target(
    cli: Cli, tmp_path: Path
) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    victim, elsewhere = tmp_path / "victim.html", tmp_path / "elsewhere"
    victim.write_text("keep me")
    (elsewhere / "inner").mkdir(parents=True)
    (elsewhere / "inner" / "victim.html").write_text("keep me")
    (out / "old.html").symlink_to(victim)
    (out / "old").symlink_to(elsewhere)
    old = {"old.html": "0" * 64, "old/inner/victim.html": "0" * 64}
    tamper(out, lambda data: data["files"].update(old))
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert "no longer part of the site" not in output
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 0, output
    assert "removed" not in output
    assert victim.read_text() == "keep me"
    assert (elsewhere / "inner" / "victim.html").read_text() == "keep me"


def test_a_site_file_left_over_in_a_sub_folder_is_still_removed(tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    (folder / "retail").mkdir()
    (folder / "bank-branch.yaml").replace(folder / "retail" / "bank-branch.yaml")
    (folder / "brand").replace(folder / "retail" / "brand")  # its logo, beside it
    build.build(folder, out, OPTIONS)
    (folder / "retail" / "bank-branch.yaml").replace(folder / "bank-branch.yaml")
    (folder / "retail" / "brand").replace(folder / "brand")
    report = build.build(folder, out, OPTIONS)
    assert sorted(p.relative_to(out).as_posix() for p in report.removed) == [
        "retail/bank-branch.html",
        "retail/bank-branch.svg",
    ]


def _curve(data: dict[str, Any]) -> None:
    data["journeys"]["bank-branch"]["summary"]["curve"] = ["x"]


def _missing(data: dict[str, Any]) -> None:
    del data["journeys"]["bank-branch"]["summary"]["title"]


def _extra(data: dict[str, Any]) -> None:
    data["journeys"]["bank-branch"]["summary"]["personas"].append({"id": "a", "name": "A", "x": 1})


def _not_a_dict(data: dict[str, Any]) -> None:
    data["journeys"]["bank-branch"]["summary"] = ["not", "a", "summary"]


def _status(data: dict[str, Any]) -> None:
    data["journeys"]["bank-branch"]["summary"]["review"] = "maybe"


def _count(data: dict[str, Any]) -> None:
    data["journeys"]["bank-branch"]["summary"]["stages"] = "3"


def _files(data: dict[str, Any]) -> None:
    data["files"] = ["index.html"]


@pytest.mark.parametrize("change", [_curve, _missing, _extra, _not_a_dict, _status, _count, _files])
def test_a_damaged_summary_in_the_manifest_costs_a_full_build(
    cli: Cli, tmp_path: Path, change: Callable[[dict[str, Any]], None]
) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    index = (out / "index.html").read_bytes()
    tamper(out, change)
    assert manifest.load(out).journeys == {}
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 0, output
    assert "Traceback" not in output
    assert (out / "index.html").read_bytes() == index
    assert build.build(folder, out, OPTIONS).rendered == 0  # the manifest is whole again


@pytest.mark.parametrize(
    "data",
    [b"{not json", b"[1, 2]", b"\xff\xfe", b"[" * 100_000 + b"]" * 100_000, b'{"cjmctl-site": 1}'],
)
def test_an_unreadable_manifest_is_an_empty_one(tmp_path: Path, data: bytes) -> None:
    (tmp_path / manifest.NAME).write_bytes(data)
    assert manifest.load(tmp_path) == manifest.Manifest()


def test_a_manifest_over_the_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build.build(project(tmp_path), tmp_path / "public", OPTIONS)
    size = (tmp_path / "public" / manifest.NAME).stat().st_size
    assert manifest.load(tmp_path / "public").journeys
    monkeypatch.setattr(manifest, "MAX_BYTES", size - 1)
    assert manifest.load(tmp_path / "public") == manifest.Manifest()
