"""Job fields as short, readable text for tables, the queue panel and the details pane."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import Job


def one_line(text: str) -> str:
    """A prompt on one line: newlines and runs of spaces become single spaces."""
    return " ".join(text.split())


def local_time(moment: datetime | None) -> str:
    """A stored (UTC) time in the user's time zone, to the minute; "" for None."""
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def local_time_seconds(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def duration(seconds: float | None) -> str:
    """12.3 s, 2 min 05 s, 1 h 02 min; "" when unknown."""
    if seconds is None:
        return ""
    seconds = max(0.0, seconds)
    if seconds < 60:
        return QCoreApplication.translate("JobText", "{s:.1f} s").format(s=seconds)
    whole = round(seconds)
    if whole < 3600:
        return QCoreApplication.translate("JobText", "{m} min {s:02d} s").format(
            m=whole // 60, s=whole % 60
        )
    return QCoreApplication.translate("JobText", "{h} h {m:02d} min").format(
        h=whole // 3600, m=(whole % 3600) // 60
    )


def clock(seconds: float | None) -> str:
    """0:42, 12:05, 1:02:03 (a stopwatch); "" when unknown."""
    if seconds is None:
        return ""
    whole = round(max(0.0, seconds))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def server_label(url: str | None, names: dict[str, str] | None = None) -> str:
    """A server as users know it: its name if we have one, else host:port."""
    if not url:
        return ""
    if names and url in names:
        return names[url]
    parts = urlsplit(url)
    return parts.netloc or url


MODEL_SUFFIXES = (".safetensors", ".ckpt", ".pt", ".pth", ".bin", ".gguf")


def model_label(name: str) -> str:
    """A model file as a short name: the folder and the usual extension add nothing."""
    short = name.replace("\\", "/").rsplit("/", 1)[-1]
    for suffix in MODEL_SUFFIXES:
        if short.lower().endswith(suffix) and len(short) > len(suffix):
            return short[: -len(suffix)]
    return short


def size_text(job: Job) -> str:
    return f"{job.params.width} × {job.params.height}"
