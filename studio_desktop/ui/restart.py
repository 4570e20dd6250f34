"""Starting Studio Desktop again (after a language change): the same program, the same
arguments, from the same folder, once this process has shut down in its normal order."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QProcess

log = logging.getLogger("studio.ui")


@dataclass(frozen=True)
class RestartCommand:
    program: str
    arguments: list[str]
    folder: str  # the working directory: a relative --data-dir means the same folder


def restart_command(
    argv: Sequence[str] | None = None,
    *,
    executable: str | None = None,
    frozen: bool | None = None,
    folder: str | None = None,
) -> RestartCommand:
    """How this process was started: a bundle runs its executable with the arguments, a
    source install runs `python -m studio_desktop` with them (argv[0] may be a script, a
    console entry point or __main__.py: the module form works for all of them)."""
    argv = list(sys.argv if argv is None else argv)
    executable = executable or sys.executable
    frozen = getattr(sys, "frozen", False) if frozen is None else frozen
    arguments = argv[1:]
    if not frozen:
        arguments = ["-m", "studio_desktop", *arguments]
    return RestartCommand(executable, arguments, folder or os.getcwd())


def start_again(command: RestartCommand | None = None) -> bool:
    """Start a new, independent process; False (logged) if it could not be started."""
    command = command or restart_command()
    started = QProcess.startDetached(command.program, command.arguments, command.folder)
    ok = started[0] if isinstance(started, tuple) else bool(started)
    if not ok:
        log.warning("could not start Studio Desktop again: %s", command)
    else:
        log.info("starting Studio Desktop again: %s %s", command.program, command.arguments)
    return ok
