"""`cjmctl site` given the wrong folder or output: one usage error (exit 2) before any work."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.site import build
from tests.site.test_build import OPTIONS, TODAY, contents, project
from tests.site.test_site_links import linked_project

Cli = Callable[..., tuple[int, str]]


def test_a_folder_inside_a_project_is_refused_naming_the_projects_root(
    cli: Cli, tmp_path: Path
) -> None:
    folder = linked_project(tmp_path)
    # A shared file below the folder given: never to be taken for a journey.
    (folder / "cjmctl.yaml").write_text("project: 1\ntitle: Shop\nshared: [retail/people.yaml]\n")
    (folder / "retail" / "people.yaml").write_text("personas:\n  - id: anna\n    name: Anna\n")
    out = tmp_path / "public"
    code, output = cli("site", str(folder / "retail"), "-o", str(out), "--today", TODAY)
    assert code == 2
    assert (
        f"{folder / 'retail'} is inside the project {folder}/ (its cjmctl.yaml): a site is "
        f"built of a whole project; build it with `cjmctl site {folder}`"
    ) in " ".join(output.replace("│", " ").split())
    assert not out.exists()
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0


def test_a_folder_holding_a_project_names_its_journeys_and_links_alike(tmp_path: Path) -> None:
    folder = linked_project(tmp_path)
    (folder / "cjmctl.yaml").write_text("project: 1\ntitle: Shop\nshared: [shared/people.yaml]\n")
    (folder / "shared").mkdir()
    (folder / "shared" / "people.yaml").write_text("personas:\n  - id: anna\n    name: Anna\n")
    report = build.build(tmp_path, tmp_path / "public", OPTIONS)
    assert sorted(s.id for s in report.summaries) == [
        "maps/delivery",
        "maps/retail/checkout",
        "maps/retail/returns",
    ]
    assert report.invalid == 0
    checkout = next(s for s in report.summaries if s.id == "maps/retail/checkout")
    assert sorted({link.target for link in checkout.links}) == [
        "maps/delivery",
        "maps/retail/returns",
    ]
    graph = (tmp_path / "public" / "journeys.html").read_text(encoding="utf-8")
    assert '<a href="maps/delivery.html">Sofa delivery</a>' in graph
    assert '<a href="maps/retail/returns.html">Returns</a>' in graph
    assert build.build(tmp_path, tmp_path / "public", OPTIONS).rendered == 0


@pytest.mark.parametrize("where", ["site.txt", "site.txt/public"])
def test_an_output_that_is_a_file_is_one_usage_error(cli: Cli, tmp_path: Path, where: str) -> None:
    folder = project(tmp_path)
    (tmp_path / "site.txt").write_text("mine")
    code, output = cli("site", str(folder), "-o", str(tmp_path / where), "--today", TODAY)
    assert code == 2
    assert "is a file: the site is written to a folder (made if missing)" in output
    assert "cannot write" not in output
    assert (tmp_path / "site.txt").read_text() == "mine"


def test_a_site_built_into_the_projects_own_folder_takes_none_of_its_pages_for_inputs(
    cli: Cli, tmp_path: Path
) -> None:
    folder = project(tmp_path)
    before = contents(folder)
    assert cli("site", str(folder), "-o", str(folder), "--today", TODAY)[0] == 0
    code, output = cli("site", str(folder), "-o", str(folder), "--today", TODAY)
    assert code == 0, output
    assert "built site of 4 journeys" in output
    assert "0 files written, 15 unchanged" in output
    after = contents(folder)
    assert {name: after[name] for name in before} == before
    assert cli("site", str(folder), "-o", str(folder), "--today", TODAY, "--check")[0] == 0


@pytest.mark.parametrize("name", ["index", "journeys", "plan", "personas"])
def test_a_journey_named_like_a_site_page_is_told_to_be_renamed(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    folder = tmp_path / "maps"
    folder.mkdir()
    shutil.copy(linked_project(tmp_path / "x") / "delivery.yaml", folder / f"{name}.yaml")
    out = tmp_path / "public"
    code, output = cli("site", str(folder), "-o", str(out))
    assert code == 2
    text = " ".join(output.replace("│", " ").split())
    assert (
        "a journey would be rendered to one of the site's own pages; rename it: "
        f"{out / name}.html is the site's page, not {folder / name}.yaml's"
    ) in text
    assert "cjmctl.yaml" not in text
