"""Journey links: a journey's id in its project, and the relative URL a link leads to."""

from __future__ import annotations

from pathlib import Path

import pytest

from cjmctl.journey import links, loader
from tests.conftest import EXAMPLES, STANDALONE

PROJECT = "project: 1\ntitle: P\n"


def journey(title: str, *, link: str | None = None) -> str:
    extra = f"    link: {link}\n" if link else ""
    return (
        f"cjm: 1\ntitle: {title}\nstages:\n  - id: s\n    name: S\n{extra}"
        "    touchpoints:\n      - {id: t, name: T}\n"
    )


def test_the_id_of_a_nested_journey_is_its_path_from_the_project_root(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # a work tree: retail/shop/ finds the project above it
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    (tmp_path / "retail" / "shop").mkdir(parents=True)
    nested = tmp_path / "retail" / "shop" / "checkout.yml"
    nested.write_text(journey("C"))
    assert links.place(nested) == links.Place(tmp_path.resolve(), "retail/shop/checkout")
    assert links.place(tmp_path / "retail/../retail/shop/checkout.yml").id == "retail/shop/checkout"


def test_without_a_project_the_root_is_the_journeys_own_folder(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / ".git").mkdir()  # the work tree's top bounds the search for cjmctl.yaml
    path = tmp_path / "maps" / "checkout.yaml"
    path.write_text(journey("C"))
    assert links.place(path) == links.Place((tmp_path / "maps").resolve(), "checkout")


def test_a_journey_read_from_disk_knows_its_file_and_one_from_bytes_does_not() -> None:
    assert loader.read(EXAMPLES / "sofa-delivery.yaml").path == EXAMPLES / "sofa-delivery.yaml"
    assert loader.read_bytes(STANDALONE.read_bytes(), "x.yaml").path is None


def test_the_bundled_examples_are_one_project() -> None:
    place = links.place(EXAMPLES / "sofa-delivery.yaml")
    assert place == links.Place(EXAMPLES.resolve(), "sofa-delivery")
    assert links.target_file(place.root, "furniture-store") == place.root / "furniture-store.yaml"


@pytest.mark.parametrize(
    ("from_id", "link", "suffix", "anchor", "expected"),
    [
        (
            "furniture-store",
            "sofa-delivery",
            ".html",
            "stage-delivery",
            "sofa-delivery.html#stage-delivery",
        ),
        ("a", "retail/x#y", ".html", "tp-y", "retail/x.html#tp-y"),
        ("retail/a", "retail/x", ".md", None, "x.md"),
        ("shop/a", "retail/x#y", ".html", "tp-y", "../retail/x.html#tp-y"),
        ("retail/shop/a", "home", ".html", None, "../../home.html"),
        ("retail/shop/a", "retail/home", ".html", None, "../home.html"),
        ("retail/shop/a", "retail/shop2/b", ".html", None, "../shop2/b.html"),
        ("retail", "retail/x", ".html", None, "retail/x.html"),
        (None, "retail/x#y", ".html", None, "retail/x.html"),
    ],
)
def test_href_is_relative_to_the_linking_journeys_output(
    from_id: str | None, link: str, suffix: str, anchor: str | None, expected: str
) -> None:
    assert links.href(from_id, link, suffix, anchor) == expected


def test_split_keeps_the_part_apart() -> None:
    assert links.split("retail/x#slot") == ("retail/x", "slot")
    assert links.split("retail/x") == ("retail/x", None)


def test_a_target_file_never_leaves_the_root(tmp_path: Path) -> None:
    root = tmp_path / "root"
    root.mkdir()
    (tmp_path / "outside.yaml").write_text(journey("O"))
    (root / "inside.yaml").symlink_to(tmp_path / "outside.yaml")
    (root / "real.yml").write_text(journey("R"))
    assert links.target_file(root.resolve(), "inside") is None
    assert links.target_file(root.resolve(), "real") == root.resolve() / "real.yml"
    assert links.target_file(root.resolve(), "none") is None


def test_targets_give_titles_and_anchors_of_valid_targets_only(tmp_path: Path) -> None:
    (tmp_path / "cjmctl.yaml").write_text(PROJECT)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.yaml").write_text(journey("Bee <b>"))
    (tmp_path / "broken.yaml").write_text("cjm: 1\ntitle: Broken\n")
    text = journey("A", link="sub/b#t").replace(
        "{id: t, name: T}", "{id: t, name: T, link: broken}\n      - {id: u, name: U, link: a#s}"
    )
    path = tmp_path / "a.yaml"
    path.write_text(text)
    assert links.targets(path, loader.load(path)) == (
        "a",
        {"sub/b#t": links.Target("Bee <b>", "tp-t"), "a#s": links.Target("A", "stage-s")},
    )


def test_a_changed_target_is_read_again(tmp_path: Path) -> None:
    path = tmp_path / "b.yaml"
    path.write_text(journey("First"))
    assert links.follow(path).title == "First"
    path.write_text(journey("Second, longer"))
    assert links.follow(path).title == "Second, longer"
