"""The queue row's words for a running job: sampling on a server, or only waiting there."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import Job


def running_text(job: Job, executing: bool, server: str, node: str = "") -> str:
    """What a running job is doing: being sent, waiting in the server's queue (sent, not
    started: other prompts run first) or sampling there (the server executes it)."""
    if executing:
        text = QCoreApplication.translate("QueueRow", "Sampling on {server}").format(server=server)
        return f"{text} · {node}" if node else text
    if job.sent_at is None:
        return QCoreApplication.translate("QueueRow", "Sending to {server}…").format(server=server)
    return QCoreApplication.translate(
        "QueueRow", "Waiting on server · {server} (in its queue)"
    ).format(server=server)
