"""Links between journeys on the site: pages link where `render` links, and a change to a
linked journey renders the journeys that link to it again."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmctl.site import build
from tests.site.test_build import OPTIONS, TODAY

Cli = Callable[..., tuple[int, str]]

DELIVERY = """\
cjm: 1
title: Sofa delivery
stages:
  - id: book
    name: Book a slot
  - id: drive
    name: Drive
    touchpoints:
      - id: arrive
        name: Van arrives
"""
CHECKOUT = """\
cjm: 1
title: Checkout
stages:
  - id: pay
    name: Pay
    link: delivery
    touchpoints:
      - id: card
        name: Card payment
        link: delivery#drive
      - id: back
        name: Back to returns
        link: retail/returns#ask
"""
RETURNS = """\
cjm: 1
title: Returns
stages:
  - id: ask
    name: Ask
    touchpoints:
      - id: form
        name: Form
        link: retail/checkout#card
"""


def linked_project(tmp_path: Path) -> Path:
    """A project whose sub-folder journeys link up (with a stage), across and back down."""
    folder = tmp_path / "maps"
    (folder / "retail").mkdir(parents=True)
    (folder / "cjmctl.yaml").write_text("project: 1\ntitle: Shop\n")
    (folder / "delivery.yaml").write_text(DELIVERY)
    (folder / "retail" / "checkout.yaml").write_text(CHECKOUT)
    (folder / "retail" / "returns.yaml").write_text(RETURNS)
    return folder


def links(page: Path) -> list[tuple[str, str]]:
    """The journey links of an HTML map: (href, title)."""
    text = page.read_text(encoding="utf-8")
    pattern = r'class="journey-link" href="([^"]*)" title="Another journey of the project: ([^"]*)"'
    return sorted(set(re.findall(pattern, text)))


def svg_links(page: Path) -> list[str]:
    return sorted(set(re.findall(r'href="([^"]*)"', page.read_text(encoding="utf-8"))))


def test_a_sub_folder_journeys_pages_link_up_and_across_with_fragments(tmp_path: Path) -> None:
    folder, out = linked_project(tmp_path), tmp_path / "public"
    assert not build.build(folder, out, OPTIONS).diagnostics
    assert links(out / "retail" / "checkout.html") == [
        ("../delivery.html", "Sofa delivery"),
        ("../delivery.html#stage-drive", "Sofa delivery"),
        ("returns.html#stage-ask", "Returns"),
    ]
    assert svg_links(out / "retail" / "checkout.svg") == ["../delivery.svg", "returns.svg"]
    assert links(out / "retail" / "returns.html") == [("checkout.html#tp-card", "Checkout")]


def _delete(folder: Path) -> None:
    (folder / "delivery.yaml").unlink()


def _rename(folder: Path) -> None:
    (folder / "delivery.yaml").rename(folder / "shipping.yaml")


def _retitle(folder: Path) -> None:
    path = folder / "delivery.yaml"
    path.write_text(path.read_text().replace("title: Sofa delivery", "title: Home delivery"))


def _drop_stage(folder: Path) -> None:
    path = folder / "delivery.yaml"
    path.write_text(path.read_text().replace("id: drive", "id: ride"))


def _break(folder: Path) -> None:
    (folder / "delivery.yaml").write_text("cjm: 1\ntitle: Sofa delivery\nstages: 3\n")


@pytest.mark.parametrize(
    ("change", "errors", "shown"),
    [
        (_delete, 2, "delivery"),
        (_rename, 2, "delivery"),
        (_retitle, 0, "Home delivery"),
        (_drop_stage, 1, "Sofa delivery"),
        (_break, 2, "delivery"),
    ],
)
def test_a_change_to_a_linked_journey_renders_the_linking_journey_again(
    cli: Cli, tmp_path: Path, change: Callable[[Path], None], errors: int, shown: str
) -> None:
    folder, out = linked_project(tmp_path), tmp_path / "public"
    assert cli("site", str(folder), "-o", str(out), "--today", TODAY)[0] == 0
    change(folder)
    code, output = cli("site", str(folder), "-o", str(out), "--today", TODAY, "--check")
    assert code == 1
    assert f"{out / 'retail' / 'checkout.html'}: out of date" in output
    report = build.build(folder, out, OPTIONS)
    checkout = next(s for s in report.summaries if s.id == "retail/checkout")
    assert checkout.findings["error"] == errors
    assert {title for _, title in links(out / "retail" / "checkout.html")} == {shown, "Returns"}
    # An invalid journey is never cached: it is loaded again on every build, alone.
    assert build.build(folder, out, OPTIONS).rendered == (1 if change is _break else 0)


def test_a_journey_that_links_nowhere_is_rendered_again_when_its_target_appears(
    tmp_path: Path,
) -> None:
    folder, out = linked_project(tmp_path), tmp_path / "public"
    delivery = (folder / "delivery.yaml").read_text()
    (folder / "delivery.yaml").unlink()
    report = build.build(folder, out, OPTIONS)
    assert next(s for s in report.summaries if s.id == "retail/checkout").findings["error"] == 2
    (folder / "delivery.yaml").write_text(delivery)
    report = build.build(folder, out, OPTIONS)
    assert report.rendered == 2  # delivery itself, and checkout that links to it
    assert next(s for s in report.summaries if s.id == "retail/checkout").findings["error"] == 0
