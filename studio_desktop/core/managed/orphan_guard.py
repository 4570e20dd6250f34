"""The orphan guard: a tiny process between the app and ComfyUI that ends ComfyUI, and all it
started, when the app goes, however it goes (`kill -9` included). POSIX only (Linux, macOS).

    python -I orphan_guard.py -- python -u main.py --listen ... (ComfyUI's own command)

The app runs this file as a script with ComfyUI's python (so it is shipped as a data file in
the frozen build, and must stay standard-library only and run on any Python 3.8+). It:

- starts the command as its child in a new session, so ComfyUI leads a process group of its
  own, with stdin from /dev/null and stdout/stderr inherited: ComfyUI's output goes where the
  guard's goes (the app's pipe, or the log file of a detached server), untouched;
- writes `pid N` (ComfyUI's pid, which is its group's id) back on its stdin, which the app
  makes one end of a socket pair: the app signals that group itself to stop ComfyUI;
- blocks reading its stdin. Only the app holds the other end, so the kernel closes it when
  the app dies, and the read returns end-of-file: the guard then stops the whole group
  (SIGTERM, `GRACE_S`, SIGKILL). A `RELEASE` byte instead means "outlive me"
  (`server start --detach`): it stops watching, logs "released", and only waits;
- forwards SIGTERM and SIGINT to the group;
- when ComfyUI exits, kills what is left of its group and exits the same way (the same code,
  or killed by the same signal), so the app's restart logic sees ComfyUI's own exit.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from types import FrameType

RELEASE = b"R"  # from the app: ComfyUI may outlive it now
PID_PREFIX = b"pid "  # to the app: `pid N\n`, ComfyUI's pid
GRACE_S = 5.0  # after the app is gone: SIGTERM to the group, this long, then SIGKILL
EXIT_NOT_STARTED = 127  # the command could not be run (as a shell says)
FORWARDED = (signal.SIGTERM, signal.SIGINT)


def say(text: str) -> None:
    """One line on stderr, which the app merges into ComfyUI's log. Unbuffered, and silent
    when nobody reads any more (the app died with its end of the log pipe)."""
    with contextlib.suppress(OSError):
        os.write(2, f"[studio guard] {text}\n".encode())


class Group:
    """ComfyUI (the leader) and everything it started."""

    def __init__(self) -> None:
        self.child: subprocess.Popen[bytes] | None = None
        self.exited = threading.Event()  # the leader has exited (not yet reaped)
        self._pending: int | None = None  # a signal that came before the child existed

    def adopt(self, child: subprocess.Popen[bytes]) -> None:
        self.child = child
        if self._pending is not None:
            self.signal(self._pending)

    def signal(self, signum: int) -> None:
        if self.child is None:
            self._pending = signum
            return
        with contextlib.suppress(ProcessLookupError, PermissionError):  # the group is gone
            os.killpg(self.child.pid, signum)

    def stop(self, grace_s: float) -> None:
        self.signal(signal.SIGTERM)
        if not self.exited.wait(grace_s):
            say(f"ComfyUI did not stop in {grace_s:g} s: killing it")
        self.signal(signal.SIGKILL)


def watch_owner(group: Group) -> None:
    """Read stdin until the app releases us or goes (end of file, or a read error)."""
    while True:
        try:
            data = os.read(0, 64)
        except OSError:
            data = b""
        if RELEASE in data:
            say("released: ComfyUI runs on its own now")
            return
        if not data:
            if not group.exited.is_set():
                say("the app is gone: stopping ComfyUI and what it started")
                group.stop(GRACE_S)
            return


def report_pid(pid: int) -> None:
    """Tell the app ComfyUI's pid, on stdin when it is a socket; a plain pipe or /dev/null
    refuses the write, and nobody asked."""
    with contextlib.suppress(OSError):
        os.write(0, PID_PREFIX + str(pid).encode() + b"\n")


def wait_exit(group: Group, child: subprocess.Popen[bytes]) -> int:
    """Wait for ComfyUI to exit, kill what is left of its group, then reap it: its exit code
    (negative: the signal that killed it). Reaped last, so that its pid, the group's id, is
    not free for another process while we signal the group."""
    if hasattr(os, "waitid"):
        os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)
    else:  # macOS before Python 3.13: reaped first, a negligible risk (as the app's own stop)
        child.wait()
    group.exited.set()
    group.signal(signal.SIGKILL)
    return child.wait()


def exit_like(code: int) -> int:
    """Exit as ComfyUI did: its code, or killed by the same signal."""
    if code >= 0:
        return code
    signum = -code
    if signum in FORWARDED:  # our handler would only forward it (SIGKILL has none to reset)
        signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)
    return 128 + signum  # a signal that does not end a process (none ends ComfyUI that way)


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") == len(argv) - 1:
        say("usage: orphan_guard.py -- COMMAND [ARG...]")
        return 2
    command = argv[argv.index("--") + 1 :]
    group = Group()

    def forward(signum: int, frame: FrameType | None) -> None:
        group.signal(signum)

    for signum in FORWARDED:
        signal.signal(signum, forward)
    try:
        child = subprocess.Popen(command, stdin=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        say(f"could not start {command[0]}: {exc}")
        return EXIT_NOT_STARTED
    group.adopt(child)
    report_pid(child.pid)
    threading.Thread(target=watch_owner, args=(group,), name="owner", daemon=True).start()
    return exit_like(wait_exit(group, child))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
