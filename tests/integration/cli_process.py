"""A CLI run as a live subprocess that a test can watch line by line and send Ctrl-C to."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from tests.integration.helpers import wait_until

LONG_WAIT_S = 60.0  # a generous ceiling: the CI machine is small and busy


class LiveCli:
    """`studio-desktop ARGS --data-dir DIR` in its own session (a SIGINT reaches only it)."""

    def __init__(self, *args: str, data_dir: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "studio_desktop", *args, "--data-dir", str(data_dir)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            # faulthandler: a run that hangs is made to print every thread's stack (finish()).
            env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONFAULTHANDLER": "1"},
            start_new_session=True,
        )
        self._lines: list[str] = []
        self._errors: list[str] = []
        self._lock = threading.Lock()
        assert self.process.stdout is not None and self.process.stderr is not None
        self._readers = [
            threading.Thread(target=self._read, args=(self.process.stdout, self._lines)),
            threading.Thread(target=self._read, args=(self.process.stderr, self._errors)),
        ]
        for reader in self._readers:
            reader.start()

    def _read(self, stream: object, into: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            with self._lock:
                into.append(line.rstrip("\n"))

    @property
    def stdout(self) -> str:
        with self._lock:
            return "\n".join(self._lines)

    @property
    def stderr(self) -> str:
        with self._lock:
            return "\n".join(self._errors)

    def wait_for_line(self, text: str, timeout: float = LONG_WAIT_S) -> None:
        wait_until(
            lambda: text in self.stdout or self.process.poll() is not None,
            timeout,
            f"a line with {text!r}",
        )
        assert text in self.stdout, f"exited first:\n{self.stdout}\n{self.stderr}"

    def interrupt(self) -> None:
        """What Ctrl-C in a terminal does: SIGINT to the process."""
        os.kill(self.process.pid, signal.SIGINT)

    def finish(self, timeout: float = LONG_WAIT_S) -> int:
        """Wait for the exit; the exit code. A run still going after `timeout` is made to print
        its threads' stacks (SIGABRT with faulthandler on) and the test fails with them."""
        try:
            code = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            if os.name != "nt":
                os.kill(self.process.pid, signal.SIGABRT)
            self.process.wait(LONG_WAIT_S)
            for reader in self._readers:
                reader.join(LONG_WAIT_S)
            raise AssertionError(
                f"still running after {timeout:g} s; its stacks:\n{self.stderr}\n{self.stdout}"
            ) from None
        for reader in self._readers:
            reader.join(timeout)
        return code

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.finish()
