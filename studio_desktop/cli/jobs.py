"""`jobs`: list the job history."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from studio_desktop.cli.common import EXIT_OK
from studio_desktop.cli.job_json import job_json
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.store import JobFilter


def cmd_jobs(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    statuses = tuple(JobStatus(s) for s in args.status or ())
    if args.search:
        found = ctx.store.search_prompts(args.search, limit=args.limit)
        jobs = [j for j in found if not statuses or j.status in statuses]
    else:
        jobs = ctx.store.list_jobs(JobFilter(statuses=statuses), limit=args.limit).items
    if args.json:
        out.write(json.dumps([job_json(ctx, job) for job in jobs], ensure_ascii=False) + "\n")
        return EXIT_OK
    if not jobs:
        out.write("no jobs\n")
        return EXIT_OK
    for job in jobs:
        duration = f"{job.duration_s:6.1f}s" if job.duration_s is not None else "      -"
        created = job.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        prompt = job.params.prompt.replace("\n", " ")
        prompt = prompt if len(prompt) <= 60 else prompt[:59] + "…"
        out.write(f"{job.id[:8]}  {job.status.value:<9}  {created}  {duration}  {prompt}\n")
    return EXIT_OK
