"""`resume`: finish what a closed or killed run left behind."""

from __future__ import annotations

import argparse
from typing import TextIO

from studio_desktop.cli.common import EXIT_OK, chosen_servers
from studio_desktop.cli.output import Reporter, say
from studio_desktop.cli.run import finish, run_until_done
from studio_desktop.cli.sweeps import report_grids, unmade_grids
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig


def cmd_resume(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Reconcile jobs left running with their servers, then run everything still pending:
    every unfinished job no live process holds (a window or another CLI runs its own)."""
    with ProcessOwner(ctx.paths.root) as owner:
        return _resume(ctx, args, out, owner)


def _resume(ctx: AppContext, args: argparse.Namespace, out: TextIO, owner: ProcessOwner) -> int:
    ctx.store.adopt_orphans(owner.token, owner.alive)
    mine = [
        job
        for job in ctx.store.jobs_with_status(
            JobStatus.RUNNING, JobStatus.RETRYING, JobStatus.PENDING
        )
        if job.owner == owner.token
    ]
    leftovers = [job for job in mine if job.status is not JobStatus.PENDING]
    pending = [job for job in mine if job.status is JobStatus.PENDING]
    touched = [job.id for job in [*leftovers, *pending]]
    if not touched:
        say(out, args.json, {"event": "resume", "jobs": 0}, "nothing to resume")
        # A run killed after a sweep's last cell but before its grid: the grid is made now.
        report_grids(ctx, out, args.json, [g.id for g in unmade_grids(ctx)])
        return EXIT_OK
    servers = {s.url.rstrip("/"): s for s in chosen_servers(ctx, args)}
    for job in [*leftovers, *pending]:
        # Each loop reconciles the jobs recorded as running on it, so their servers come too.
        if job.server and job.server.rstrip("/") not in servers:
            servers[job.server.rstrip("/")] = ServerConfig(job.server, auth_header=args.auth)
    reporter = Reporter(ctx, out, json_mode=args.json, order=touched)
    batch = set(touched)
    outcome = run_until_done(
        ctx,
        list(servers.values()),
        reporter,
        args,
        owner=owner,
        accept=lambda job: job.id in batch,
        adopt_orphans=True,
    )
    code = finish(ctx, reporter, outcome, touched)
    sweeps = {job.group_id for job in [*leftovers, *pending] if job.group_id is not None}
    sweeps |= {g.id for g in unmade_grids(ctx)}
    report_grids(ctx, out, args.json, sorted(sweeps))
    return code
