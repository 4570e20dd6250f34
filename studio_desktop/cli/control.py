"""`cancel` and `retry`: act on queued jobs by id (or its first characters), whoever runs them.

A job belongs to the process that queued it while that process lives (`core/owners.py`). The
store is where a cancel is asked for: the owning process's engine looks at the jobs it holds
about once a second (`EngineConfig.held_check_s`) and takes a cancelled one off its server. A
job whose process is gone has nobody to do that, so `cancel` takes it off the server itself.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TextIO

from studio_desktop.cli.common import EXIT_JOBS_FAILED, EXIT_OK, CliError, chosen_servers
from studio_desktop.cli.output import Reporter, say
from studio_desktop.cli.run import finish, run_until_done, take_off_server
from studio_desktop.core.comfy import ComfyError
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import IllegalTransition, Job, JobStatus
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store import JobFilter

_PAGE = 1000
_SHOWN_MATCHES = 5

CANCELLABLE = (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)
RETRYABLE = tuple(status for status in JobStatus if status.can_retry)


def _all_jobs(ctx: AppContext) -> Iterator[Job]:
    cursor: int | None = None
    while True:
        page = ctx.store.list_jobs(JobFilter(), after_seq=cursor, limit=_PAGE)
        yield from page.items
        if page.next_cursor is None:
            return
        cursor = page.next_cursor


def resolve(
    ctx: AppContext, prefixes: Sequence[str], allowed: Sequence[JobStatus], verb: str
) -> list[Job]:
    """The job each prefix names, in the order given; CliError (nothing done) if a prefix names
    none, several, or a job that cannot be `verb`ed."""
    jobs = list(_all_jobs(ctx))
    found: dict[str, Job] = {}
    for prefix in prefixes:
        wanted = prefix.strip().lower()
        matches = [job for job in jobs if wanted and job.id.startswith(wanted)]
        if not matches:
            raise CliError(f"no job id starts with {prefix!r}; `studio-desktop jobs` lists them")
        if len(matches) > 1:
            shown = ", ".join(job.id[:12] for job in matches[:_SHOWN_MATCHES])
            more = " …" if len(matches) > _SHOWN_MATCHES else ""
            raise CliError(
                f"{prefix!r} is the start of {len(matches)} job ids ({shown}{more}); "
                "give more of the id"
            )
        job = matches[0]
        if job.status not in allowed:
            raise CliError(f"job {job.id[:8]} is {job.status.value}; it cannot be {verb}")
        found[job.id] = job
    return list(found.values())


def chosen_jobs(
    ctx: AppContext,
    args: argparse.Namespace,
    allowed: Sequence[JobStatus],
    verb: str,
    every: Callable[[], list[Job]],
    every_flag: str,
) -> list[Job]:
    if args.job and args.every:
        raise CliError(f"name jobs or pass {every_flag}, not both")
    if args.every:
        return every()
    if not args.job:
        raise CliError(
            f"name the jobs to be {verb} (an id or its first characters) or pass {every_flag}"
        )
    return resolve(ctx, args.job, allowed, verb)


# --- cancel ---


def cmd_cancel(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    jobs = chosen_jobs(
        ctx,
        args,
        CANCELLABLE,
        "cancelled",
        lambda: ctx.store.jobs_with_status(*CANCELLABLE),
        "--all",
    )
    if not jobs:
        say(out, args.json, {"event": "cancelled", "jobs": []}, "nothing to cancel")
        return EXIT_OK
    configs = {normalize_base_url(s.url): s for s in chosen_servers(ctx, args)}
    code = EXIT_OK
    with ProcessOwner(ctx.paths.root) as me:
        for job in jobs:
            if not _cancel_one(ctx, args, out, me, configs, job):
                code = EXIT_JOBS_FAILED
    return code


def _cancel_one(
    ctx: AppContext,
    args: argparse.Namespace,
    out: TextIO,
    me: ProcessOwner,
    configs: dict[str, ServerConfig],
    job: Job,
) -> bool:
    """Cancel one job; False if its server did not take the cancel."""
    short = job.id[:8]
    try:
        cancelled = ctx.store.cancel(job.id)
    except IllegalTransition as exc:
        say(
            out,
            args.json,
            {"event": "ended", "job": job.id, "status": exc.old.value},
            f"{short} is already {exc.old.value}",
        )
        return True
    server = cancelled.server
    owner = cancelled.owner
    if owner is not None and owner != me.token and me.alive(owner):
        # Its process runs it: that process stops the prompt on its server (held_check_s).
        text = f"cancelled {short}; the process running it takes it off {server or 'the queue'}"
    elif (
        server is not None
        and cancelled.status is JobStatus.CANCELLED
        and job.status
        in (
            JobStatus.RUNNING,
            JobStatus.RETRYING,
        )
    ):
        try:
            take_off_server(
                configs.get(server, ServerConfig(server, auth_header=args.auth)), [job.id]
            )
        except ComfyError as exc:
            print(
                f"warning: cancelled {short}, but {server} did not take it off: {exc}",
                file=sys.stderr,
            )
            return False
        text = f"cancelled {short} and took it off {server}"
    else:
        text = f"cancelled {short}"
    say(out, args.json, {"event": "cancelled", "job": job.id, "server": server}, text)
    return True


# --- retry ---


def cmd_retry(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    jobs = chosen_jobs(
        ctx,
        args,
        RETRYABLE,
        "retried",
        lambda: ctx.store.jobs_with_status(JobStatus.FAILED),
        "--failed",
    )
    if not jobs:
        say(out, args.json, {"event": "queued", "jobs": []}, "nothing to retry")
        return EXIT_OK
    order = [job.id for job in jobs]
    batch = set(order)
    reporter = Reporter(ctx, out, json_mode=args.json, order=order)
    with ProcessOwner(ctx.paths.root) as owner:
        outcome = run_until_done(
            ctx,
            chosen_servers(ctx, args),
            reporter,
            args,
            owner=owner,
            accept=lambda job: job.id in batch,
            retry=order,
        )
    return finish(ctx, reporter, outcome, order)
