"""Logging: one logger per subsystem (`studio.store`, `studio.comfy`, `studio.runner`, ...),
a rotating file in the data folder's logs/, and only warnings on the console.

Every line, on the console and in the file, goes through `redact_secrets` (the formatter does
it): a server address with a password in it, or an Authorization value, never reaches a log.
The log file is private to the user (0600 on POSIX). When it cannot be written (a folder named
studio.log, a read-only or full disk) the log goes to the next free name or to the console only,
with one notice, never a "--- Logging error ---" traceback per record.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TextIO

from studio_desktop.core.paths import PRIVATE_FILE_MODE, tighten
from studio_desktop.core.urls import redact_url

_HANDLER_PREFIX = "studio-"  # ours, so a second setup replaces them
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"
LOG_NAMES: Final = ("studio.log", "studio-1.log", "studio-2.log")  # tried in this order
MAX_LOG_BYTES: Final = 2 * 1024 * 1024

# An Authorization value (or our own names for it) as it appears in a header dump, a repr or a
# command line: the value, quoted or up to the end of the line / the next comma or brace.
_AUTH_VALUE = re.compile(
    r"""(?ix)
    (   (?:\b(?:proxy-)?authorization|\bauth_header)["']?\s*[:=]\s*   # header, dict, repr
      | --auth(?:\s+|=)                                                # our command line
    )
    (?!None\b)
    (?:"[^"]*"|'[^']*'|[^\s,;}\]\)'"]+(?:[ ][^\s,;}\]\)'"]+)?)
    """
)


def redact_secrets(text: str) -> str:
    """`text` without URL passwords and Authorization values (each replaced by ***)."""
    return _AUTH_VALUE.sub(r"\1***", redact_url(text))


class RedactingFormatter(logging.Formatter):
    """A formatter whose whole output (message, arguments, traceback) is redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact_secrets(super().format(record))


class RedactingStream:
    """A text stream (sys.stdout, sys.stderr) that writes `redact_secrets` of what it is given.

    The commands print server addresses and server errors in many places; redacting where the
    text leaves the process covers every one of them, the argument errors too."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(redact_secrets(text))
        return len(text)

    def __getattr__(self, name: str) -> Any:  # flush, fileno, encoding, isatty, buffer...
        return getattr(self._stream, name)


def redact_console() -> None:
    """From here on, this process's stdout and stderr hide URL passwords and tokens."""
    if not isinstance(sys.stdout, RedactingStream):
        sys.stdout = RedactingStream(sys.stdout)
    if not isinstance(sys.stderr, RedactingStream):
        sys.stderr = RedactingStream(sys.stderr)


@dataclass(frozen=True)
class LogSetup:
    file: Path | None  # where the log is written; None: the console only
    problem: str | None = None  # why not logs/studio.log, for the user (one line)


class PrivateLogFile(logging.handlers.RotatingFileHandler):
    """A rotating log file created 0600, that gives up with one line when it cannot write."""

    def _open(self) -> io.TextIOWrapper:
        def private(path: str, flags: int) -> int:
            return os.open(path, flags, PRIVATE_FILE_MODE)

        stream = open(  # noqa: SIM115 - the handler owns the stream and closes it
            self.baseFilename, self.mode, encoding=self.encoding, errors=self.errors, opener=private
        )
        assert isinstance(stream, io.TextIOWrapper)  # mode "a": a text stream
        return stream

    def handleError(self, record: logging.LogRecord) -> None:
        # The default prints a traceback for every record. Say it once and stop writing: the
        # console handler (and the crash report) still get what matters.
        exc = sys.exc_info()[1]
        self.setLevel(logging.CRITICAL + 1)
        if sys.stderr is not None:
            print(
                f"warning: cannot write the log file {self.baseFilename} ({exc}); "
                "logging to the console only",
                file=sys.stderr,
            )


def setup_logging(log_dir: Path, *, console_level: int = logging.WARNING) -> LogSetup:
    """Route the `studio` loggers to `log_dir/studio.log` (rotated) and warnings to stderr."""
    root = logging.getLogger("studio")
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        if (handler.get_name() or "").startswith(_HANDLER_PREFIX):
            root.removeHandler(handler)
            handler.close()
    console = logging.StreamHandler()
    console.setLevel(console_level)
    console.setFormatter(RedactingFormatter("%(levelname)s: %(message)s"))
    console.set_name(f"{_HANDLER_PREFIX}console")
    root.addHandler(console)
    root.propagate = False
    log_file, failures = _usable_log_file(log_dir)
    problem: str | None = None
    if failures:
        first, reason = failures[0]
        instead = f"logging to {log_file}" if log_file else "logging to the console only"
        problem = f"the log file {first} cannot be written ({reason}); {instead}"
    if log_file is not None:
        file_handler = PrivateLogFile(
            log_file, maxBytes=MAX_LOG_BYTES, backupCount=3, encoding="utf-8", delay=True
        )
        file_handler.setLevel(logging.INFO)
        file_handler.setFormatter(RedactingFormatter(LOG_FORMAT))
        file_handler.set_name(f"{_HANDLER_PREFIX}file")
        root.addHandler(file_handler)
    return LogSetup(log_file, problem)


def _usable_log_file(log_dir: Path) -> tuple[Path | None, list[tuple[Path, str]]]:
    """The first of LOG_NAMES that opens for appending (made private), and those that did not."""
    failures: list[tuple[Path, str]] = []
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return None, [(log_dir / LOG_NAMES[0], exc.strerror or str(exc))]
    for name in LOG_NAMES:
        path = log_dir / name
        try:
            fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, PRIVATE_FILE_MODE)
            os.close(fd)
        except OSError as exc:
            failures.append((path, exc.strerror or str(exc)))
            continue
        tighten(path, PRIVATE_FILE_MODE)  # a log from before 0.x was 0644
        return path, failures
    return None, failures
