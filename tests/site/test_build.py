"""`cjmctl site`: the index pages against golden files, determinism, --check, incremental builds."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import tostring

import pytest

from cjmctl.journey.labels import LABELS
from cjmctl.renderers import RenderOptions
from cjmctl.site import build, manifest
from cjmctl.site.index import NAMES, NAV
from cjmctl.site.pages import NAMES as CROSS_NAMES
from tests.conftest import EXAMPLES, ROOT
from tests.htmlpage import parse

EXPECTED = ROOT / "tests" / "expected" / "site"
TODAY = "2026-10-01"
OPTIONS = RenderOptions(today=date(2026, 10, 1))
Cli = Callable[..., tuple[int, str]]


def project(tmp_path: Path) -> Path:
    """A copy of the examples project, without its broken-on-purpose files.

    Without what the quick start renders into examples/ too (maps, a site): the copy is what a
    clone holds.
    """
    folder = tmp_path / "maps"
    ignored = shutil.ignore_patterns("invalid", "*.html", "site")
    shutil.copytree(EXAMPLES, folder, ignore=ignored)
    (folder / ".git").mkdir()  # a work tree, as a project is: shared/ finds the project file
    return folder


def contents(folder: Path) -> dict[str, bytes]:
    found = (p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in found}


def test_the_index_pages_of_the_examples_match_their_golden_files(
    cli: Cli, tmp_path: Path, golden: Callable[[Path, str], None]
) -> None:
    code, output = cli("site", "examples", "-o", str(tmp_path / "public"), "--today", TODAY)
    assert code == 0, output
    assert f"built site of 4 journeys in {tmp_path / 'public'}: 15 files written" in output
    for name in ("index.html", "journeys.html"):
        text = (tmp_path / "public" / name).read_text(encoding="utf-8")
        assert "2026-" not in text.replace("2026-10-01", "")  # no build date sneaks in
        assert str(ROOT) not in text
        assert str(tmp_path) not in text
        golden(EXPECTED / name, text)


def test_the_site_holds_every_journey_map_and_flow_mirroring_the_tree(tmp_path: Path) -> None:
    folder = project(tmp_path)
    (folder / "retail").mkdir()
    shutil.move(folder / "bank-branch.yaml", folder / "retail" / "bank-branch.yaml")
    shutil.move(folder / "brand", folder / "retail" / "brand")  # its logo, beside it
    report = build.build(folder, tmp_path / "public", OPTIONS)
    made = sorted(contents(tmp_path / "public"))
    assert made == [
        ".cjmctl-site.json",
        "channels.html",
        "email-marketing-ru.html",
        "email-marketing-ru.svg",
        "furniture-store.html",
        "furniture-store.svg",
        "index.html",
        "journeys.html",
        "personas.html",
        "plan.html",
        "research.html",
        "retail/bank-branch.html",
        "retail/bank-branch.svg",
        "site.css",
        "sofa-delivery.html",
        "sofa-delivery.svg",
    ]
    assert report.rendered == 4
    assert not report.failures
    index = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert '<a href="retail/bank-branch.html">' in index


def test_two_builds_of_one_project_are_byte_identical(tmp_path: Path) -> None:
    folder = project(tmp_path)
    build.build(folder, tmp_path / "one", OPTIONS, workers=2)
    build.build(folder, tmp_path / "two", OPTIONS, workers=1)
    one, two = contents(tmp_path / "one"), contents(tmp_path / "two")
    assert one == two
    assert all(str(tmp_path).encode() not in data for data in one.values())


def test_rebuilding_an_unchanged_project_touches_no_file(cli: Cli, tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 0
    assert f"built site of 4 journeys in {out}: 0 files written, 15 unchanged" in output
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before


def test_check_is_clean_after_a_build_and_lists_a_changed_journey(cli: Cli, tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert code == 0, output
    assert f"checked site of 4 journeys in {out}: all up to date" in output
    journey = folder / "bank-branch.yaml"
    journey.write_text(journey.read_text().replace("title: ", "title: Renamed ", 1))
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert code == 1
    assert f"{out / 'bank-branch.html'}: out of date" in output
    assert f"{out / 'index.html'}: out of date" in output
    assert f"{out / 'furniture-store.html'}" not in output
    assert not (out / "bank-branch.html").read_bytes().count(b"Renamed")  # nothing written


def test_a_removed_journeys_pages_are_reported_then_removed(cli: Cli, tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    (out / "notes.txt").write_text("mine")  # not the site's: never reported nor removed
    (folder / "bank-branch.yaml").unlink()
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert code == 1
    assert f"{out / 'bank-branch.html'}: no longer part of the site" in output
    assert f"{out / 'bank-branch.svg'}: no longer part of the site" in output
    assert "notes.txt" not in output
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 0
    assert "2 removed" in output
    assert not (out / "bank-branch.html").exists()
    assert (out / "notes.txt").exists()


def test_only_a_changed_journey_is_rendered_again(tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    assert build.build(folder, out, OPTIONS).rendered == 4
    before = {p.name: p.stat().st_mtime_ns for p in out.glob("*.svg")}
    journey = folder / "bank-branch.yaml"
    journey.write_text(journey.read_text().replace("title: ", "title: Renamed ", 1))
    report = build.build(folder, out, OPTIONS)
    assert report.rendered == 1
    written = sorted(p.name for p in report.written)
    # The journey's title shows on every page of the site that names the journey.
    assert written == [
        "bank-branch.html",
        "bank-branch.svg",
        "channels.html",
        "index.html",
        "journeys.html",
        "personas.html",
        "plan.html",
        "research.html",
    ]
    after = {p.name: p.stat().st_mtime_ns for p in out.glob("*.svg")}
    assert {k for k in before if before[k] != after[k]} == {"bank-branch.svg"}
    assert "Renamed" in (out / "index.html").read_text(encoding="utf-8")


def test_a_changed_shared_file_renders_every_journey_that_uses_it(tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    build.build(folder, out, OPTIONS)
    record = manifest.load(out)
    users = {key for key, c in record.journeys.items() if "shared/research.yaml" in c.inputs}
    assert users == {"furniture-store", "sofa-delivery"}
    research = folder / "shared" / "research.yaml"
    research.write_text(research.read_text().replace("sample: 412", "sample: 413"))
    assert build.build(folder, out, OPTIONS).rendered == 2
    assert build.build(folder, out, OPTIONS).rendered == 0


def test_a_page_edited_by_hand_is_rendered_again(tmp_path: Path) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    build.build(folder, out, OPTIONS)
    (out / "bank-branch.svg").write_text("<svg/>")
    report = build.build(folder, out, OPTIONS)
    assert report.rendered == 1
    assert [p.name for p in report.written] == ["bank-branch.svg"]


def test_an_invalid_journey_gets_a_card_with_its_problems_and_fails_the_build(
    cli: Cli, tmp_path: Path
) -> None:
    folder, out = project(tmp_path), tmp_path / "public"
    (folder / "broken.yaml").write_text("cjm: 1\ntitle: Broken\nstages: 3\n")
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY)
    assert code == 1
    assert f"{folder / 'broken.yaml'}:3:9: error:" in output
    assert "; 1 invalid journey (" in output
    index = (out / "index.html").read_text(encoding="utf-8")
    card = index[index.index('id="journey-broken"') :]
    assert "does not validate" in card[:400]
    assert f"{folder / 'broken.yaml'}:3:9: " in card
    assert not (out / "broken.html").exists()


def test_a_missing_folder_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    code, output = cli("site", str(tmp_path / "nowhere"), "-o", str(tmp_path / "public"))
    assert code == 2
    assert "no such folder" in output
    assert "Traceback" not in output


def test_a_russian_project_gets_russian_labels(tmp_path: Path) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    for name in ("a", "b"):
        journey = f"cjm: 1\ntitle: Путь {name}\nlocale: ru\nstages:\n  - name: Поиск\n"
        (folder / f"{name}.yaml").write_text(journey, encoding="utf-8")
    (folder / "c.yaml").write_text("cjm: 1\ntitle: English\nstages:\n  - name: Search\n")
    assert build.build(folder, tmp_path / "public", OPTIONS).invalid == 0
    index = (tmp_path / "public" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in index
    assert "Связи карт" in index


@pytest.mark.parametrize("name", ["index.yaml", "journeys.yaml"])
def test_a_journey_named_like_a_site_page_is_refused(cli: Cli, tmp_path: Path, name: str) -> None:
    folder = project(tmp_path)
    shutil.copy(folder / "bank-branch.yaml", folder / name)
    code, output = cli("site", str(folder), "-o", str(tmp_path / "public"))
    assert code == 2
    assert "a journey would be rendered to one of the site's own pages; rename it:" in output


def test_every_page_of_the_site_has_one_header_navigation_and_footer(tmp_path: Path) -> None:
    out = tmp_path / "public"
    assert not build.build(project(tmp_path), out, OPTIONS).failures
    labels = LABELS["en"]
    wanted = [(name, labels[key]) for name, key in NAV]
    assert [name for name, _ in wanted] == [*NAMES[:2], *CROSS_NAMES]
    layouts = set()
    for name, title in wanted:
        root = parse((out / name).read_bytes())
        nav = root.findall(".//nav")
        assert len(nav) == 1, name
        links = [(a.get("href"), "".join(a.itertext())) for a in nav[0].iter("a")]
        assert links == wanted, name
        current = [a.get("href") for a in nav[0].iter("a") if a.get("aria-current") == "page"]
        assert current == [name]
        assert [link.get("href") for link in root.iter("link")] == ["site.css"], name
        head, foot = root.find(".//header"), root.find(".//footer")
        assert head is not None, name
        assert foot is not None, name
        h1 = root.find(".//h1")
        assert h1 is not None, name
        assert "".join(h1.itertext()) == title, name
        for a in head.iter("a"):
            a.attrib.pop("aria-current", None)
        layouts.add(tostring(head) + tostring(foot))
    assert len(layouts) == 1  # the same header and footer, the current page aside
    header = next(iter(layouts)).decode()
    assert "Three companies' customer journeys" in header  # the project's description
    assert "Owner: cjmctl maintainers" in header
