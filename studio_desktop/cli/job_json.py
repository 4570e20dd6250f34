"""One job as the JSON every command prints (`jobs --json`, the run's `finished` lines).

Its own module so `jobs` can print it without loading the engine and the HTTP client.
"""

from __future__ import annotations

from typing import Any

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import Job


def job_json(ctx: AppContext, job: Job | None) -> dict[str, Any]:
    if job is None:
        return {}
    return {
        "id": job.id,
        "status": job.status.value,
        "prompt": job.params.prompt,
        "template": job.template,
        "server": job.server,
        "seed": job.params.seed,
        "attempt": job.attempt,
        "created_at": job.created_at.isoformat(),
        "duration_s": job.duration_s,
        "error": job.error.to_dict() if job.error else None,
        "images": [str(ctx.paths.resolve(i.path)) for i in ctx.store.images_for_job(job.id)],
    }
