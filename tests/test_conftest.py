"""The shared fixtures leave no state behind: these two tests run in this order, one by one."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from cjmctl.journey.reading import DATA_ROOT_VARIABLE


def test_data_root_is_set_for_the_command_that_gives_it(
    cli: Callable[..., tuple[int, str]], tmp_path: Path
) -> None:
    code, _ = cli("--data-root", str(tmp_path), "schema")
    assert code == 0
    assert os.environ[DATA_ROOT_VARIABLE] == str(tmp_path.resolve())


def test_data_root_of_an_earlier_test_does_not_leak_into_the_next() -> None:
    assert DATA_ROOT_VARIABLE not in os.environ
