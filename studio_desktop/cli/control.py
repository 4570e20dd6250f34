"""`cancel` and `retry`: act on queued jobs by id (or its first characters), whoever runs them,
or on a whole batch group by its id (`generate` prints it), in one transaction; `queue pause`
and `queue resume`.

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
from studio_desktop.core.groups import JobGroup
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


def split_groups(ctx: AppContext, prefixes: Sequence[str]) -> tuple[list[JobGroup], list[str]]:
    """The batch groups named among `prefixes` (an id or its first characters that starts no
    job id), and the other prefixes. CliError if one starts both, or several groups."""
    jobs = [job.id for job in _all_jobs(ctx)]
    groups: dict[str, JobGroup] = {}
    rest: list[str] = []
    for prefix in prefixes:
        wanted = prefix.strip().lower()
        found = ctx.store.groups_starting_with(wanted, _SHOWN_MATCHES + 1) if wanted else []
        if not found:
            rest.append(prefix)
            continue
        if any(job.startswith(wanted) for job in jobs):
            raise CliError(f"{prefix!r} starts a job id and a group id; give more of the id")
        if len(found) > 1:
            shown = ", ".join(g.id[:12] for g in found[:_SHOWN_MATCHES])
            raise CliError(f"{prefix!r} is the start of several group ids ({shown}); give more")
        groups[found[0].id] = found[0]
    return list(groups.values()), rest


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
    groups, rest = split_groups(ctx, args.job) if args.job else ([], [])
    if groups:
        if rest:
            resolve(ctx, rest, CANCELLABLE, "cancelled")  # every name is checked before any cancel
        code = EXIT_OK
        for group in groups:
            code = max(code, _cancel_group(ctx, args, out, group))
        if not rest:
            return code
        args = argparse.Namespace(**{**vars(args), "job": rest})
        return max(code, _cancel_jobs(ctx, args, out))
    return _cancel_jobs(ctx, args, out)


def _cancel_group(ctx: AppContext, args: argparse.Namespace, out: TextIO, group: JobGroup) -> int:
    """Cancel a group's waiting and running jobs in one transaction (a forever group stops),
    then take the running ones off their servers as `cancel JOB` does."""
    before = {job.id: job for job in ctx.store.group_jobs(group.id, *CANCELLABLE)}
    cancelled = ctx.store.cancel_group(group.id)
    say(
        out,
        args.json,
        {"event": "group cancelled", "group": group.id, "jobs": [j.id for j in cancelled]},
        f"cancelled group {group.id[:8]} ({group.label}): {len(cancelled)} "
        f"job{'s' if len(cancelled) != 1 else ''}",
    )
    configs = {normalize_base_url(s.url): s for s in chosen_servers(ctx, args)}
    code = EXIT_OK
    with ProcessOwner(ctx.paths.root) as me:
        for job in cancelled:
            if not _after_cancel(args, out, me, configs, before.get(job.id, job), job):
                code = EXIT_JOBS_FAILED
    return code


def _cancel_jobs(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
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
    return _after_cancel(args, out, me, configs, job, cancelled)


def _after_cancel(
    args: argparse.Namespace,
    out: TextIO,
    me: ProcessOwner,
    configs: dict[str, ServerConfig],
    job: Job,
    cancelled: Job,
) -> bool:
    """Take a job just cancelled (`job`: as it was before) off its server when no live process
    will; False if its server did not take the cancel."""
    short = job.id[:8]
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
    groups, rest = split_groups(ctx, args.job) if args.job else ([], [])
    if groups:
        if rest:
            raise CliError("name groups or jobs to retry, not both")
        return _retry_groups(ctx, args, out, groups)
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


def _retry_groups(
    ctx: AppContext, args: argparse.Namespace, out: TextIO, groups: Sequence[JobGroup]
) -> int:
    """Queue each group's failed jobs again (one transaction per group) and run them."""
    order = [job.id for g in groups for job in ctx.store.group_jobs(g.id, JobStatus.FAILED)]
    if not order:
        say(out, args.json, {"event": "queued", "jobs": []}, "nothing to retry")
        return EXIT_OK
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
            retry_groups=[g.id for g in groups],
        )
    return finish(ctx, reporter, outcome, order)


# --- queue pause / resume ---


def cmd_queue(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Pause or resume taking new jobs, on every server or one; stored, so every process (the
    window too) and every later start sees it. What runs finishes."""
    server = normalize_base_url(args.server) if args.server else None
    if args.action == "pause":
        state = ctx.store.pause_queue(server)
    elif args.action == "resume":
        state = ctx.store.resume_queue(server)
    else:
        state = ctx.store.queue_pause()
    servers = sorted(state.servers)
    if state.all_servers:
        text = "the queue is paused: no server takes a new job"
    elif servers:
        text = "the queue runs"
    else:
        text = "the queue runs on every server"
    if servers:
        text += "; paused on its own: " + ", ".join(servers)
    say(
        out,
        args.json,
        {"event": "queue", "paused": state.all_servers, "paused_servers": servers},
        text,
    )
    return EXIT_OK


# --- pin ---


def cmd_pin(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Run waiting jobs, or a whole group (its waiting jobs and those it queues later), on one
    registered server only (`--server`), or on any again (`--any`): the same store writes as
    the window's "Run on" menu, so whichever process runs the queue follows them."""
    server = pin_target(ctx, args.server, args.any)
    if not args.job:
        raise CliError("name the jobs or groups to pin (an id or its first characters)")
    groups, rest = split_groups(ctx, args.job)
    jobs = resolve(ctx, rest, (JobStatus.PENDING,), "pinned (only a waiting job can)")
    where = server or "any server"
    for group in groups:
        changed = ctx.store.pin_group(group.id, server)
        say(
            out,
            args.json,
            {
                "event": "pinned",
                "group": group.id,
                "server": server,
                "jobs": [j.id for j in changed],
            },
            f"group {group.id[:8]} ({group.label}) runs on {where}: {len(changed)} waiting "
            f"job{'s' if len(changed) != 1 else ''}",
        )
    code = EXIT_OK
    for job in jobs:
        try:
            ctx.store.pin_job(job.id, server)
        except IllegalTransition as exc:  # a server took it since it was resolved
            print(f"warning: {job.id[:8]} is {exc.old.value} now; not pinned", file=sys.stderr)
            code = EXIT_JOBS_FAILED
            continue
        say(
            out,
            args.json,
            {"event": "pinned", "job": job.id, "server": server},
            f"{job.id[:8]} runs on {where}",
        )
    return code


def pin_target(ctx: AppContext, urls: Sequence[str] | None, anywhere: bool) -> str | None:
    """The server `pin --server` names (None for `--any`); CliError unless it is registered:
    a job pinned to a server no run knows of would wait forever."""
    if anywhere == bool(urls):
        raise CliError("pass --server URL (run only there) or --any (run on any server)")
    if anywhere:
        return None
    assert urls is not None
    if len(urls) > 1:
        raise CliError("a job runs on one server: give --server once")
    url = normalize_base_url(urls[0])
    if url not in {normalize_base_url(s.url) for s in ctx.store.list_servers()}:
        raise CliError(
            f"{url} is not a registered server; register it with `studio-desktop servers add "
            f"{url}` first"
        )
    return url
