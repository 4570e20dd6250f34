"""Logging: one logger per subsystem (`studio.store`, `studio.comfy`, `studio.runner`, ...),
a rotating file in the data folder's logs/, and only warnings on the console."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

_HANDLER_PREFIX = "studio-"  # ours, so a second setup replaces them
LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"


def setup_logging(log_dir: Path, *, console_level: int = logging.WARNING) -> Path:
    """Route the `studio` loggers to `log_dir/studio.log` (rotated) and warnings to stderr."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_file = log_dir / "studio.log"
    root = logging.getLogger("studio")
    root.setLevel(logging.DEBUG)
    for handler in list(root.handlers):
        if (handler.get_name() or "").startswith(_HANDLER_PREFIX):
            root.removeHandler(handler)
            handler.close()
    file_handler = logging.handlers.RotatingFileHandler(
        log_file, maxBytes=2 * 1024 * 1024, backupCount=3, encoding="utf-8", delay=True
    )
    file_handler.setLevel(logging.INFO)
    file_handler.setFormatter(logging.Formatter(LOG_FORMAT))
    console = logging.StreamHandler()
    console.setLevel(console_level)
    console.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    file_handler.set_name(f"{_HANDLER_PREFIX}file")
    console.set_name(f"{_HANDLER_PREFIX}console")
    root.addHandler(file_handler)
    root.addHandler(console)
    root.propagate = False
    return log_file
