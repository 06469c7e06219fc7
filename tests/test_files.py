"""Finding journey files: folder walks and globs that stay inside the tree they search."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from cjmctl import files
from tests.conftest import ROOT

GOOD = "cjm: 1\ntitle: T\nstages: [{name: S}]\n"


@pytest.fixture
def linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """maps/ with a real file, links that stay inside and links that lead elsewhere."""
    (tmp_path / "maps" / "sub").mkdir(parents=True)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "maps" / "sub" / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "elsewhere" / "secret.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "maps" / "link.yaml").symlink_to("../elsewhere/secret.yaml")
    (tmp_path / "maps" / "ext").symlink_to("../elsewhere", target_is_directory=True)
    (tmp_path / "maps" / "inner.yaml").symlink_to("sub/a.yaml")
    (tmp_path / "maps" / "sub" / "up").symlink_to("..", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


OUTSIDE = [
    "skipping maps/ext: a link that leads outside maps/",
    "skipping maps/link.yaml: a link that leads outside maps/",
]


def test_a_folder_walk_takes_links_inside_and_skips_links_out(linked: Path) -> None:
    found = files.discover([Path("maps")])
    assert [t.path.as_posix() for t in found.targets] == ["maps/inner.yaml", "maps/sub/a.yaml"]
    assert sorted(found.skipped) == OUTSIDE


def test_a_glob_takes_links_inside_and_skips_links_out(linked: Path) -> None:
    found = files.discover([Path("maps/**/*.yaml")])
    assert [t.path.as_posix() for t in found.targets] == ["maps/inner.yaml", "maps/sub/a.yaml"]
    assert sorted(found.skipped) == OUTSIDE


def test_a_glob_keeps_glob_rules_for_hidden_names(tmp_path: Path) -> None:
    for name in ("a.yaml", ".hidden.yaml", ".git/c.yaml", "x/b.yml", "x/y/c.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(GOOD, encoding="utf-8")
    found = files.discover([tmp_path / "**" / "*.y*ml"])
    assert [t.path.relative_to(tmp_path).as_posix() for t in found.targets] == [
        "a.yaml",
        "x/b.yml",
        "x/y/c.yaml",
    ]
    found = files.discover([tmp_path / ".*.yaml", tmp_path / "x" / "*"])
    assert [t.path.name for t in found.targets] == [".hidden.yaml", "b.yml"]


def test_only_skipped_links_is_still_no_match(linked: Path) -> None:
    with pytest.raises(files.MissingPathError) as error:
        files.discover([Path("maps/l*.yaml")])
    assert str(error.value) == (
        "no journey file matches maps/l*.yaml; "
        "skipping maps/link.yaml: a link that leads outside maps/"
    )


@pytest.mark.parametrize("pattern", ["m", "m/**/*.yaml"])
def test_link_loops_do_not_make_a_search_endless(tmp_path: Path, pattern: str) -> None:
    (tmp_path / "m").mkdir()
    for name in "abc":
        (tmp_path / "m" / name).mkdir()
        (tmp_path / "m" / name / "up").symlink_to("..", target_is_directory=True)
    (tmp_path / "m" / "a" / "j.yaml").write_text(GOOD, encoding="utf-8")
    # glob.glob takes hours here; the bound only catches that, it measures nothing.
    result = subprocess.run(
        [sys.executable, "-m", "cjmctl", "validate", str(tmp_path / pattern)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "1 file checked: all valid\n",
        "",
    )


@pytest.mark.parametrize(
    ("given", "relative"),
    [
        ("../src/j.yaml", "src/j.yaml"),
        ("../../j.yaml", "j.yaml"),
        ("a/../../b/j.yaml", "b/j.yaml"),
        ("./maps/j.yaml", "maps/j.yaml"),
    ],
)
def test_a_named_file_mirrors_no_climbing_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, given: str, relative: str
) -> None:
    work = tmp_path / "one" / "two"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    Path(given).parent.mkdir(parents=True, exist_ok=True)
    Path(given).write_text(GOOD, encoding="utf-8")
    (target,) = files.discover([Path(given)]).targets
    assert target.relative == Path(relative)
    assert files.discover([work / given]).targets[0].relative == Path("j.yaml")


def test_check_outputs_lists_every_clash(tmp_path: Path) -> None:
    a, b, c = (tmp_path / name for name in ("a.yaml", "b.yaml", "c.yaml"))
    out = tmp_path / "out"
    plan = [(a, out / "x.html"), (b, out / "x.html"), (c, c), (a, out / "sub" / ".." / "x.html")]
    with pytest.raises(files.OutputError) as error:
        files.check_outputs(plan)
    assert str(error.value).splitlines() == [
        "an output would overwrite a journey; write it somewhere else:",
        f"  {c} is the input {c}",
        "several inputs would be rendered to one file; rename all but one:",
        f"  {out / 'x.html'} <- {a}, {b}",
    ]
    files.check_outputs([(a, out / "a.html"), (a, out / "a.dot"), (b, out / "b.html")], out)


def test_check_outputs_follows_links_out_of_out_dir(tmp_path: Path) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "src").symlink_to(tmp_path, target_is_directory=True)
    plan = [(tmp_path / "j.yaml", tmp_path / "site" / "src" / "j.html")]
    with pytest.raises(files.OutputError) as error:
        files.check_outputs(plan, tmp_path / "site")
    assert str(error.value).splitlines() == [
        f"a link inside {tmp_path / 'site'} would take these outputs out of it:",
        f"  {tmp_path / 'site' / 'src' / 'j.html'}",
    ]
    assert os.path.realpath(tmp_path / "site" / "src" / "j.html") == str(tmp_path / "j.html")


class _DiskFull:
    """A file that takes half of what is written, then fails as a full disk does."""

    def __init__(self, stream: object) -> None:
        self.stream = stream

    def __enter__(self) -> _DiskFull:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stream.close()  # type: ignore[attr-defined]

    def write(self, data: bytes) -> int:
        self.stream.write(data[: len(data) // 2])  # type: ignore[attr-defined]
        raise OSError(28, "No space left on device")


def test_a_write_that_fails_half_way_leaves_the_old_output_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_bytes(b"the previous render")
    real_fdopen = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, mode: _DiskFull(real_fdopen(fd, mode)))
    with pytest.raises(OSError, match="No space left"):
        files.write_atomic(target, b"x" * 100_000)
    assert target.read_bytes() == b"the previous render"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_a_replace_that_fails_leaves_the_old_output_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "map.html"
    target.write_bytes(b"the previous render")

    def refuse(self: Path, other: Path) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "replace", refuse)
    with pytest.raises(PermissionError):
        files.write_atomic(target, b"new")
    assert target.read_bytes() == b"the previous render"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]


def test_a_new_output_keeps_the_mode_of_the_one_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_bytes(b"old")
    target.chmod(0o640)
    files.write_atomic(target, b"new")
    assert (target.read_bytes(), target.stat().st_mode & 0o777) == (b"new", 0o640)


def test_a_link_or_a_pipe_is_never_replaced_by_an_output(tmp_path: Path) -> None:
    """Renaming over them would destroy them: `-o /dev/null` as root made /dev/null a file."""
    real = tmp_path / "real.html"
    real.write_bytes(b"kept")
    link = tmp_path / "link.html"
    link.symlink_to(real)
    pipe = tmp_path / "pipe.html"
    os.mkfifo(pipe)
    for path, what in ((link, "a link"), (pipe, "not a regular file")):
        with pytest.raises(OSError, match=f"it is {what}; cjmctl replaces only regular files"):
            files.write_atomic(path, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"kept"
    assert stat.S_ISFIFO(pipe.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.html", "pipe.html", "real.html"]
