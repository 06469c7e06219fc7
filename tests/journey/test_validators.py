"""The cached validators: the same journeys and errors as pydantic's own, and safe to lose."""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from cjmctl import __version__
from cjmctl.journey import loader, validators
from cjmctl.journey.diagnostics import Diagnostic
from cjmctl.journey.evidence import Claim, Claims
from cjmctl.journey.model import Empathy, Journey, LintSettings
from cjmctl.journey.scale import DEFAULT_SCALE, EmotionScale, default_scale
from cjmctl.journey.shared import Project, Shared
from cjmctl.journey.states import FutureState
from cjmctl.journey.theme import Fonts, Palette, Theme
from tests.conftest import ROOT

EXAMPLES = sorted((ROOT / "examples").rglob("*.yaml"))
MODELS: list[type[BaseModel]] = [
    Journey,
    Shared,
    Project,
    Claims,
    Claim,
    EmotionScale,
    FutureState,
    Theme,
    Empathy,
    LintSettings,
    Palette,
    Fonts,
]
"""Every model cjmctl validates on its own, or makes as a default."""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty $XDG_CACHE_HOME, no validator read yet: the folder the files go to."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("CJMCTL_NO_CACHE", raising=False)
    monkeypatch.setattr(validators, "_loaded", {})
    return tmp_path / "home" / "cjmctl" / "validators"


def _file(model: type[BaseModel]) -> Path:
    path = validators.cache_file(model)
    assert path is not None
    return path


def _read_all() -> list[tuple[str, object, list[Diagnostic]]]:
    """Every example as the loader reads it: its journey as JSON data, or its problems."""
    out: list[tuple[str, object, list[Diagnostic]]] = []
    for path in EXAMPLES:
        document, problems = loader.read_checked(path)
        journey = document.journey.model_dump(mode="json") if document else None
        out.append((str(path), journey, problems))
    return out


def test_examples_read_the_same_through_the_cache(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CJMCTL_NO_CACHE", "1")
    built = _read_all()
    monkeypatch.delenv("CJMCTL_NO_CACHE")
    validators._loaded.clear()
    for model in MODELS:
        validators.validator(model)  # written
    validators._loaded.clear()
    read = {model: validators.validator(model) for model in MODELS}
    assert all(read[m] is not m.__pydantic_validator__ for m in MODELS)  # from the files
    assert _read_all() == built
    assert any(problems for _, _, problems in built)  # the invalid examples took part
    assert sum(journey is not None for _, journey, _ in built) >= 4


def test_a_file_is_written_once_per_model_private_to_the_user(cache: Path) -> None:
    validators.validator(Journey)
    validators.validator(Journey)
    assert [p.name for p in cache.iterdir()] == [_file(Journey).name]
    assert _file(Journey).stat().st_mode & 0o777 == 0o600
    assert cache.stat().st_mode & 0o777 == 0o700


def test_nothing_is_cached_when_asked_not_to(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CJMCTL_NO_CACHE", "1")
    assert validators.validator(Journey) is Journey.__pydantic_validator__
    assert not cache.exists()


class _Payload:
    """Unpickling this makes the folder `marker`: proof that a planted file was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, int, bool]]:
        return os.makedirs, (str(self.marker), 0o700, True)


@pytest.mark.parametrize("mode", [0o620, 0o602])
def test_a_file_others_could_have_written_is_never_loaded(
    cache: Path, tmp_path: Path, mode: int
) -> None:
    validators.validator(Journey)
    marker = tmp_path / "loaded"
    planted = _file(Journey)
    planted.write_bytes(pickle.dumps(_Payload(marker)) + pickle.dumps(_Payload(marker)))
    planted.chmod(mode)
    validators._loaded.clear()
    assert validators.validator(Journey) is Journey.__pydantic_validator__
    assert not marker.exists()


def test_a_link_is_never_followed(cache: Path, tmp_path: Path) -> None:
    validators.validator(Journey)
    marker = tmp_path / "loaded"
    elsewhere = tmp_path / "elsewhere.pickle"
    elsewhere.write_bytes(pickle.dumps(_Payload(marker)) + pickle.dumps(_Payload(marker)))
    _file(Journey).unlink()
    _file(Journey).symlink_to(elsewhere)
    validators._loaded.clear()
    assert validators.validator(Journey) is Journey.__pydantic_validator__
    assert not marker.exists()


def test_a_stale_file_is_rebuilt_and_replaced(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    validators.validator(Journey)
    first = _file(Journey).read_bytes()
    stamp = validators._stamp()
    monkeypatch.setattr(validators, "_stamp", lambda: (*stamp, "a source changed"))
    validators._loaded.clear()
    assert validators.validator(Journey) is Journey.__pydantic_validator__  # built, not read
    assert _file(Journey).read_bytes() != first
    validators._loaded.clear()
    assert validators.validator(Journey) is not Journey.__pydantic_validator__  # read


@pytest.mark.parametrize("data", [b"", b"garbage", b"\x80\x05K\x01.", b"\x80\x05" + b"x" * 99])
def test_a_broken_file_costs_only_the_build(cache: Path, data: bytes) -> None:
    validators.validator(Journey)
    _file(Journey).write_bytes(data)
    validators._loaded.clear()
    assert validators.validator(Journey) is Journey.__pydantic_validator__
    validators._loaded.clear()
    assert validators.validator(Journey) is not Journey.__pydantic_validator__  # rewritten


def test_a_cache_folder_that_cannot_be_made_costs_only_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder\n")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.delenv("CJMCTL_NO_CACHE", raising=False)
    monkeypatch.setattr(validators, "_loaded", {})
    assert validators.validator(Journey) is Journey.__pydantic_validator__


def test_the_stamp_names_every_source_of_the_format() -> None:
    _, versions, sources = validators._stamp()
    names = {name for name, _, _ in sources}  # type: ignore[attr-defined]
    assert {"model.py", "fieldtypes.py", "parts.py", "shared.py", "evidence.py"} <= names
    assert versions[0] == __version__  # type: ignore[index]
    assert len(versions) == 4  # type: ignore[arg-type]


def test_each_installation_and_model_has_its_own_file(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = {_file(model).name for model in MODELS}
    assert len(names) == len(MODELS)
    monkeypatch.setattr(validators, "_SOURCES", Path("/elsewhere/cjmctl/journey"))
    assert _file(Journey).name not in names
    assert _file(Journey).parent == cache


_SPY = """
import sys
import pydantic._internal._model_construction as construction
built = []
original = construction.complete_model_class
def spy(cls, *args, **kwargs):
    built.append(cls.__name__)
    return original(cls, *args, **kwargs)
construction.complete_model_class = spy
from cjmctl.cli import main
sys.argv = ["cjmctl", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(" ".join(built), file=sys.stderr)
"""


def test_a_second_run_builds_no_model(tmp_path: Path) -> None:
    """End to end, as users run it."""
    env = {k: v for k, v in os.environ.items() if k != "CJMCTL_NO_CACHE"}
    env["XDG_CACHE_HOME"] = str(tmp_path)
    argv = [sys.executable, "-c", _SPY, "validate", "examples/furniture-store.yaml"]
    runs = [
        subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
        for _ in range(2)
    ]
    said = "1 journey, 1 project file, 3 shared files checked: all valid\n"
    assert [r.stdout for r in runs] == [said, said]
    assert runs[0].stderr.split() == ["Project", "Shared", "Journey", "Claims"]
    assert runs[1].stderr.split() == []
    assert len(list((tmp_path / "cjmctl" / "validators").iterdir())) == 4


class _Names(pickle.Unpickler):
    """Reads a pickle, noting the module of every class and function it names."""

    modules: set[str]

    def find_class(self, module: str, name: str) -> object:
        self.modules.add(module)
        return super().find_class(module, name)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__qualname__)
def test_a_validator_names_only_what_the_stamp_covers(cache: Path, model: type[BaseModel]) -> None:
    """A change to a module the stamp does not cover would leave a stale validator in use."""
    validators.validator(model)
    with _file(model).open("rb") as file:
        pickle.load(file)  # the stamp
        names = _Names(file)
        names.modules = set()
        names.load()
    ours = {m for m in names.modules if m.split(".")[0] == "cjmctl"}
    assert ours, "the validator names the model's classes"
    assert all(m.startswith("cjmctl.journey.") for m in ours), ours


@pytest.mark.parametrize("model", [Empathy, Claims, LintSettings, Palette, Fonts, FutureState])
def test_a_default_is_what_the_model_makes_of_nothing(model: type[BaseModel]) -> None:
    made, expected = validators.Default(model)(), model()
    assert (made, made.model_fields_set) == (expected, expected.model_fields_set)


def test_the_default_scale_is_the_scale_of_nothing() -> None:
    expected = EmotionScale()
    assert (DEFAULT_SCALE, DEFAULT_SCALE.model_fields_set) == (expected, set())
    assert default_scale() is DEFAULT_SCALE


_EDITED_MEANWHILE = """
import sys
from pathlib import Path
from cjmctl.journey import validators
from cjmctl.journey.model import Journey
model = Path(sys.argv[1])
model.write_text(model.read_text() + "# edited while cjmctl ran\\n")
validators.validator(Journey)  # built from the code read before the edit, and cached
"""


def test_a_source_edited_while_a_run_builds_is_never_taken_as_what_was_built(
    tmp_path: Path,
) -> None:
    """The stamp is taken before the code is read: an edit meanwhile costs a build, no more."""
    shutil.copytree(ROOT / "cjmctl", tmp_path / "package" / "cjmctl")
    model = tmp_path / "package" / "cjmctl" / "journey" / "model.py"
    env = {k: v for k, v in os.environ.items() if k != "CJMCTL_NO_CACHE"}
    env |= {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(tmp_path / "package")}
    run = functools.partial(subprocess.run, cwd=tmp_path, env=env, capture_output=True, text=True)
    run([sys.executable, "-c", _EDITED_MEANWHILE, str(model)], check=True)
    argv = [sys.executable, "-c", _SPY, "validate", str(ROOT / "examples/sofa-delivery.yaml")]
    after = run(argv, check=False)
    assert after.stdout.startswith("1 journey")
    assert "Journey" in after.stderr.split()  # the cached one was of the code before the edit
    again = run(argv, check=False)
    assert "Journey" not in again.stderr.split()  # and this one is of the code as it is
