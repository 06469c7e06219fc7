"""Starting the programs renderers run (`dot`, Chromium) so that none outlives cjmctl.

`start` holds Ctrl-C and SIGTERM while the program starts, so that no signal falls between
"started" and "the caller can end it", and turns a program that cannot run into one
RenderError line. `guarded` is for a program that starts helpers of its own (Chromium): it runs
as the leader of a process group whose first member is a small shell, told by Linux when the
thread that started it ends (the parent-death signal); the shell then kills the whole group,
the program and its helpers, even if cjmctl or its worker was killed with SIGKILL.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cjmctl.i18n import _, reason
from cjmctl.renderers import RenderError

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
GUARD = r"""work=$1
shift
trap 'setsid sh -c "kill -KILL -- -$$; rm -rf -- \"\$0\"" "$work"; kill -KILL 0' TERM
"$@" &
wait $!
"""  # i18n: not shown
"""The shell that leads a guarded program's group: on SIGTERM it kills the group, itself too.

The killing is done by a shell of a session of its own (`setsid`), so that it outlives the group
and then removes the program's work folder: cjmctl's worker, killed, could not. Without
`setsid`, the guard kills the group itself and the folder stays. It waits for the program and
exits with its status; its `wait` is interrupted by the signal.
"""


def scratch(what: str) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder for `what`, named after this process, removed when done.

    A worker of a batch killed in it, before the guard of the program it runs is there to
    remove it (`--jobs` ends every worker when one dies), leaves it behind: `remove_scratch` of
    the worker's pid, called by whoever killed it, removes it then.
    """
    prefix = f"cjmctl-{os.getpid()}-{what}-"
    return tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True)


def remove_scratch(pid: int) -> None:
    """Remove the `scratch` folders that the killed process `pid` left."""
    for left in Path(tempfile.gettempdir()).glob(f"cjmctl-{pid}-*"):
        shutil.rmtree(left, ignore_errors=True)


def start(
    argv: list[str], end: Callable[[subprocess.Popen[bytes]], None] | None = None, **popen: Any
) -> subprocess.Popen[bytes]:
    """Start `argv[0]`; if a held signal arrives as it starts, end it with `end` and re-raise.

    `end` defaults to killing the program and waiting for it.
    """
    # Ctrl-C or SIGTERM while Popen is still returning would leave a started program that nobody
    # kills: they wait until the process exists and can be ended. The child inherits the block,
    # which is harmless: cjmctl ends it with SIGKILL whichever way it stops.
    held = hold_signals()
    try:
        process = subprocess.Popen(argv, **popen)
    except OSError as error:
        release_signals(held)
        said = _("cannot run {program}: {reason}").format(program=argv[0], reason=reason(error))
        raise RenderError(said) from None
    except BaseException:
        release_signals(held)
        raise
    try:
        release_signals(held)  # a signal that came meanwhile is raised here
    except BaseException:
        (end or _kill)(process)
        raise
    return process


def guarded(argv: list[str], work: str) -> tuple[list[str], dict[str, Any]]:
    """The command line and Popen options that run `argv` in a group that dies with cjmctl.

    `work` is the program's private folder, removed with the group when cjmctl dies; when
    cjmctl ends the group itself (`os.killpg(process.pid, SIGKILL)`), it removes the folder.
    Where Linux's parent-death signal is not available, the program leads a group of its own.
    """
    tell = _parent_death_signal()
    if tell is None:
        return argv, {"start_new_session": True}
    command = ["/bin/sh", "-c", GUARD, "sh", work, *argv]
    return command, {"start_new_session": True, "preexec_fn": tell}


def hold_signals() -> set[int] | None:
    """Block Ctrl-C and SIGTERM for this thread; return the mask to restore (None: not here)."""
    if not hasattr(signal, "pthread_sigmask"):
        return None
    return set(signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM}))


def release_signals(mask: set[int] | None) -> None:
    """Restore the signal mask that `hold_signals` returned."""
    if mask is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, mask)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with process:  # closes its pipes and waits for it
        process.kill()


def _parent_death_signal() -> Callable[[], None] | None:
    """A function for the child, between fork and exec, asking SIGTERM when its parent ends.

    None where Linux's prctl cannot be had. libc is loaded here, in the parent: the child only
    calls into it.
    """
    if not sys.platform.startswith("linux"):
        return None
    import ctypes  # only Linux needs it

    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def tell() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the child could ask to be told
            with contextlib.suppress(OSError):
                os.kill(os.getpid(), signal.SIGKILL)
        # The child inherits `start`'s held signals and cjmctl's handlers; the guard's trap
        # needs SIGTERM, and one that comes before the exec must end the child, not a handler.
        # Nothing it starts may inherit a blocked Ctrl-C either: that would make it deaf to it.
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

    return tell
