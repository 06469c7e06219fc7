"""Worker processes for batches that never outlive cjmctl, nor leave a `dot` of theirs behind.

Each worker leads its own process group, so the `dot` it runs belongs to that group and one
`killpg` ends both. A worker ends its group when cjmctl goes: Linux tells it (the parent-death
signal), elsewhere a thread notices that its parent changed. cjmctl, when it stops early
(Ctrl-C, SIGTERM, an error), kills every worker's group instead of waiting for their jobs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def cpus() -> int:
    """The CPUs this process may use: fewer than the machine has in a container or under taskset."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def pool(workers: int) -> ProcessPoolExecutor:
    """Start `workers` processes, forked where the platform allows, each tied to this process."""
    # Here, not at the top: a run of one file, the most common, never starts a process.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_start, initargs=(os.getpid(),)
    )


def groups(executor: ProcessPoolExecutor) -> list[int]:
    """The process groups of the executor's workers: each worker leads its own."""
    # Only reachable through this private attribute before Python 3.14's kill_workers().
    return [p.pid for p in list((executor._processes or {}).values()) if p.pid is not None]


def end(groups: list[int]) -> None:
    """Kill these workers' groups: each worker and the `dot` it may be running.

    Also for a worker that is already dead: its `dot` lives on in its group until killed.
    """
    from cjmctl.renderers.processes import remove_scratch

    for group in groups:
        with contextlib.suppress(OSError):  # gone, or a platform without groups
            os.killpg(group, signal.SIGKILL)
    for group in groups:  # what a worker killed before its program's guard began, left
        remove_scratch(group)


def stop(executor: ProcessPoolExecutor) -> None:
    """End every worker and what it runs now, without waiting for their jobs."""
    # The executor's own shutdown waits for running jobs (a long layout).
    processes = list((executor._processes or {}).values())
    end(groups(executor))
    if not hasattr(os, "killpg"):
        for process in processes:
            with contextlib.suppress(OSError):
                process.kill()
    executor.shutdown(wait=True, cancel_futures=True)


def _start(parent: int) -> None:
    """Initialise a worker: its own process group, ended with it, and ended when `parent` ends."""
    if hasattr(os, "setpgid"):
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, _end)
    else:
        # No groups: Ctrl-C reaches every process of the console; the parent handles it.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent():
        threading.Thread(target=_watch, args=(parent,), name="watch-parent", daemon=True).start()
    if os.getppid() != parent:  # it died before the worker could ask to be told
        _end()


def _end(signum: int | None = None, frame: FrameType | None = None) -> None:
    """Kill this worker's process group: the worker and the `dot` it may be running."""
    if hasattr(os, "killpg") and os.getpgrp() == os.getpid():  # never the user's shell's group
        os.killpg(0, signal.SIGKILL)
    os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux for SIGTERM when the parent dies; False where that cannot be asked.

    Linux sends it when the thread that forked the worker ends: cjmctl's main thread does.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes  # only workers on Linux need it

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, every: float = 0.5) -> None:
    """The portable fallback: end the worker once its parent is gone (it is re-parented)."""
    while os.getppid() == parent:
        time.sleep(every)
    _end()
