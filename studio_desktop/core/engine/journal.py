"""The log lines every job failure and retry writes (one WARNING each, to studio.log).

One place, so the driver, the coordinator and the user's retry say the same things the same
way: the job id, its template, the server and the error message. The `studio` loggers go through
`core.logs` (the file in logs/, redaction of URL passwords and tokens).
"""

from __future__ import annotations

import logging

from studio_desktop.core.jobs import Job, JobError

log = logging.getLogger("studio.engine.jobs")


def _server(job: Job, server: str | None) -> str:
    return server or job.server or "no server"


def failed(job: Job, error: JobError, server: str | None = None) -> None:
    log.warning(
        "job %s (template %s) failed on %s: [%s] %s",
        job.id,
        job.template,
        _server(job, server),
        error.type,
        error.message,
    )


def retrying(
    job: Job, error: JobError, try_number: int, delay_s: float, server: str | None = None
) -> None:
    log.warning(
        "job %s (template %s) on %s: retrying in %.1f s (failure %d of this attempt): [%s] %s",
        job.id,
        job.template,
        _server(job, server),
        delay_s,
        try_number,
        error.type,
        error.message,
    )


def requeued(job: Job, reason: JobError, server: str | None = None) -> None:
    log.warning(
        "job %s (template %s) given back to the queue from %s, to run again: [%s] %s",
        job.id,
        job.template,
        _server(job, server),
        reason.type,
        reason.message,
    )


def retried_by_user(job: Job) -> None:
    log.info("job %s (template %s) queued again by the user", job.id, job.template)
