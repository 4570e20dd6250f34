"""A job's times and attempts as the History tab words them: queued, sampling and total apart,
and one line per take of the job ("Attempt 1 — failed on gpu-box: ...")."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import Attempt, AttemptStatus, Job
from studio_desktop.ui.history import formatting as fmt


def timing_text(job: Job) -> str:
    """ "Queued 0:12 · Sampling 0:30 · Total 0:44", with the parts that are known."""
    parts: list[str] = []
    if job.queued_s is not None:
        parts.append(
            QCoreApplication.translate("JobTiming", "Queued {time}").format(
                time=fmt.clock(job.queued_s)
            )
        )
    if job.sampling_s is not None:
        parts.append(
            QCoreApplication.translate("JobTiming", "Sampling {time}").format(
                time=fmt.clock(job.sampling_s)
            )
        )
    if job.duration_s is not None:
        parts.append(
            QCoreApplication.translate("JobTiming", "Total {time}").format(
                time=fmt.clock(job.duration_s)
            )
        )
    return " · ".join(parts)


def total_template() -> str:
    """ "{time} total", translated."""
    return QCoreApplication.translate("JobTiming", "{time} total")


def duration_cell(job: Job, total: str | None = None) -> str:
    """The Duration column: the sampling time; a job whose start on the server is not known
    (recorded before it was, or ended before it started) shows its total, marked as such.
    `total`: `total_template()` as translated before (off the GUI thread, no Qt is called)."""
    if job.sampling_s is not None:
        return fmt.clock(job.sampling_s)
    if job.duration_s is not None:
        return (total if total is not None else total_template()).format(
            time=fmt.clock(job.duration_s)
        )
    return ""


def duration_tooltip(job: Job) -> str | None:
    text = timing_text(job)
    return text or None


def attempt_text(attempt: Attempt, names: dict[str, str] | None = None) -> str:
    """One take of the job, e.g. "Attempt 1 — failed on gpu-box: CUDA out of memory"."""
    head = QCoreApplication.translate("JobTiming", "Attempt {n}").format(n=attempt.number)
    server = fmt.server_label(attempt.server, names) or QCoreApplication.translate(
        "JobTiming", "no server"
    )
    status = attempt.status
    message = fmt.one_line(attempt.error.message) if attempt.error is not None else ""
    if status is AttemptStatus.COMPLETED:
        body = QCoreApplication.translate("JobTiming", "completed on {server} in {time}").format(
            server=server, time=fmt.clock(attempt.total_s)
        )
    elif status is AttemptStatus.FAILED:
        body = QCoreApplication.translate("JobTiming", "failed on {server}: {error}").format(
            server=server, error=message
        )
    elif status is AttemptStatus.CANCELLED:
        body = QCoreApplication.translate("JobTiming", "cancelled on {server}").format(
            server=server
        )
    elif status is AttemptStatus.REQUEUED:
        body = QCoreApplication.translate(
            "JobTiming", "given back to the queue from {server}"
        ).format(server=server)
        if message:
            body += f": {message}"
    elif status is AttemptStatus.RETRYING:
        body = QCoreApplication.translate("JobTiming", "retrying on {server}: {error}").format(
            server=server, error=message
        )
    else:
        body = QCoreApplication.translate("JobTiming", "running on {server}").format(server=server)
    times = []
    if attempt.queued_s is not None:
        times.append(
            QCoreApplication.translate("JobTiming", "queued {time}").format(
                time=fmt.clock(attempt.queued_s)
            )
        )
    if attempt.sampling_s is not None:
        times.append(
            QCoreApplication.translate("JobTiming", "sampling {time}").format(
                time=fmt.clock(attempt.sampling_s)
            )
        )
    tail = f" ({', '.join(times)})" if times else ""
    return f"{head} — {body}{tail}"


def attempts_text(attempts: Sequence[Attempt], names: dict[str, str] | None = None) -> str:
    return "\n".join(attempt_text(a, names) for a in attempts)
