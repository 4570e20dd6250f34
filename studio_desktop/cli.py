"""Headless entry points: `generate`, `jobs`, `resume`.

They use the same store, runner and templates as the window, so a job queued here shows up in the
app's history and gallery, and a batch killed halfway is finished by `studio-desktop resume`.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import sys
import threading
from collections.abc import Sequence
from typing import Any, TextIO

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.logs import setup_logging
from studio_desktop.core.runner import (
    JobFinished,
    JobProgress,
    JobRetrying,
    JobRunner,
    JobStarted,
    RunnerEvent,
)
from studio_desktop.core.store import JobFilter, StoreError

log = logging.getLogger("studio.cli")

EXIT_OK = 0
EXIT_JOBS_FAILED = 1
EXIT_USAGE = 2  # bad arguments, server down, unusable data folder

SEED_MAX = 2**32 - 1


class CliError(Exception):
    """A one-line message for the user; exit code 2."""


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gen = sub.add_parser("generate", help="queue and run text-to-image jobs without the window")
    gen.add_argument("prompt", help="what to make")
    gen.add_argument("--negative", default="", help="what to avoid")
    gen.add_argument(
        "--server", default=DEFAULT_SERVER, help=f"ComfyUI URL (default {DEFAULT_SERVER})"
    )
    gen.add_argument("--auth", default=None, help="Authorization header value for the server")
    gen.add_argument("--count", type=_positive, default=1, help="how many jobs (default 1)")
    gen.add_argument("--seed", type=int, default=None, help="first seed; later jobs add 1")
    gen.add_argument("--steps", type=_positive, default=20)
    gen.add_argument("--cfg", type=float, default=7.0)
    gen.add_argument("--sampler", default="euler")
    gen.add_argument("--scheduler", default="normal")
    gen.add_argument("--width", type=_positive, default=512)
    gen.add_argument("--height", type=_positive, default=512)
    gen.add_argument("--model", default=None, help="checkpoint name (default: the server's first)")
    gen.add_argument("--template", default="txt2img", help="template id (default txt2img)")
    _common(gen)
    gen.set_defaults(handler=cmd_generate)

    jobs = sub.add_parser("jobs", help="list the job history")
    jobs.add_argument("--status", choices=[s.value for s in JobStatus], action="append")
    jobs.add_argument("--search", default="", help="words in the prompt")
    jobs.add_argument("--limit", type=_positive, default=50)
    _common(jobs)
    jobs.set_defaults(handler=cmd_jobs)

    resume = sub.add_parser("resume", help="finish the jobs a closed or killed run left behind")
    resume.add_argument("--server", default=DEFAULT_SERVER, help="server for jobs not tied to one")
    resume.add_argument("--auth", default=None)
    _common(resume)
    resume.set_defaults(handler=cmd_resume)


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None, help="data folder (default: per-user)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the console too")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def run_command(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        ctx = AppContext.open(args.data_dir)
    except (StoreError, OSError) as exc:
        print(f"error: cannot open the data folder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(ctx.paths.logs, console_level=logging.INFO if args.verbose else logging.ERROR)
    try:
        code: int = args.handler(ctx, args, out)
        return code
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(
            "\nstopped; unfinished jobs stay queued: run `studio-desktop resume` to finish them",
            file=sys.stderr,
        )
        return 130
    finally:
        ctx.close()


# --- generate ---


def cmd_generate(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    client = ComfyClient(args.server, auth_header=args.auth)
    try:
        _check_server(client)
        model = args.model or _first_checkpoint(client)
        template = ctx.templates.get(args.template)
        first_seed = args.seed if args.seed is not None else random.randint(0, SEED_MAX)
        new_jobs = [
            NewJob(
                template=template.id,
                params=GenerationParams(
                    prompt=args.prompt,
                    negative=args.negative,
                    seed=(first_seed + i) % (SEED_MAX + 1),
                    steps=args.steps,
                    cfg=args.cfg,
                    sampler=args.sampler,
                    scheduler=args.scheduler,
                    model=model,
                    width=args.width,
                    height=args.height,
                ),
                server=client.base_url,
            )
            for i in range(args.count)
        ]
        jobs = ctx.store.add_jobs(new_jobs)
        reporter = _Reporter(ctx, out, json_mode=args.json, total=len(jobs))
        reporter.queued(jobs)
        batch = {job.id for job in jobs}
        _drain(ctx, client, reporter, only=batch)
        return reporter.summary([ctx.store.get_job(job_id) for job_id in _ordered(jobs)])
    finally:
        client.close()


def _ordered(jobs: Sequence[Job]) -> list[str]:
    return [job.id for job in jobs]


def _check_server(client: ComfyClient) -> None:
    try:
        client.system_stats()
    except ComfyConnectionError as exc:
        raise CliError(str(exc)) from exc
    except ComfyError as exc:
        raise CliError(f"{client.base_url} does not answer like ComfyUI: {exc}") from exc


def _first_checkpoint(client: ComfyClient) -> str:
    try:
        checkpoints = client.object_info().checkpoints
    except ComfyError as exc:
        raise CliError(f"cannot read the model list from {client.base_url}: {exc}") from exc
    if not checkpoints:
        raise CliError(
            f"{client.base_url} lists no checkpoints: put a model file in "
            "ComfyUI/models/checkpoints, restart ComfyUI, or pass --model NAME"
        )
    return checkpoints[0]


def _drain(
    ctx: AppContext, client: ComfyClient, reporter: _Reporter, *, only: set[str] | None = None
) -> None:
    """Claim and run jobs for this server until none is left (only those in `only`, if given)."""
    runner = JobRunner(ctx.store, ctx.library, ctx.templates, client, listener=reporter.event)
    cancel = threading.Event()
    try:
        while True:
            job = ctx.store.claim_next(
                client.base_url,
                can_run=(lambda j: j.id in only) if only is not None else None,
            )
            if job is None:
                return
            runner.run(job, cancel)
    finally:
        runner.close()


# --- resume ---


def cmd_resume(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    """Reconcile jobs left running with their servers, then run everything still pending."""
    leftovers = ctx.store.jobs_with_status(JobStatus.RUNNING, JobStatus.RETRYING)
    pending = ctx.store.jobs_with_status(JobStatus.PENDING)
    servers = {job.server or args.server for job in [*leftovers, *pending]}
    if not servers:
        _say(out, args.json, {"event": "resume", "jobs": 0}, "nothing to resume")
        return EXIT_OK
    touched = [job.id for job in [*leftovers, *pending]]
    reporter = _Reporter(ctx, out, json_mode=args.json, total=len(touched))
    unreachable: list[str] = []
    for url in sorted(servers):
        client = ComfyClient(url, auth_header=args.auth)
        try:
            try:
                client.system_stats()
            except ComfyError as exc:
                unreachable.append(url)
                print(f"error: {exc}", file=sys.stderr)
                continue
            runner = JobRunner(
                ctx.store, ctx.library, ctx.templates, client, listener=reporter.event
            )
            try:
                for job in leftovers:
                    if (job.server or args.server) == url:
                        _reconcile(ctx, runner, job)
            finally:
                runner.close()
            _drain(ctx, client, reporter, only=None)
        finally:
            client.close()
    code = reporter.summary([ctx.store.get_job(job_id) for job_id in touched])
    if unreachable:
        return EXIT_USAGE
    return code


def _reconcile(ctx: AppContext, runner: JobRunner, job: Job) -> None:
    """DESIGN §3: finished there -> fetch outputs; queued or running there -> follow;
    unknown -> back to pending (its next claim counts attempt+1)."""
    location, _entry = runner.locate(job.id)
    if location == "unknown":
        log.info("job %s unknown to %s: requeued", job.id, runner.server)
        ctx.store.requeue(job.id)
        return
    if job.status is JobStatus.RETRYING:
        job = ctx.store.move(job.id, JobStatus.RUNNING, expected=JobStatus.RETRYING)
    runner.run(job)


# --- jobs ---


def cmd_jobs(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    statuses = tuple(JobStatus(s) for s in args.status or ())
    if args.search:
        found = ctx.store.search_prompts(args.search, limit=args.limit)
        jobs = [j for j in found if not statuses or j.status in statuses]
    else:
        jobs = ctx.store.list_jobs(JobFilter(statuses=statuses), limit=args.limit).items
    if args.json:
        out.write(json.dumps([_job_json(ctx, job) for job in jobs], ensure_ascii=False) + "\n")
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


# --- output ---


def _job_json(ctx: AppContext, job: Job | None) -> dict[str, Any]:
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


def _say(out: TextIO, json_mode: bool, payload: dict[str, Any], text: str) -> None:
    out.write((json.dumps(payload, ensure_ascii=False) if json_mode else text) + "\n")
    out.flush()


class _Reporter:
    """Prints runner events as lines (or JSON lines) as they happen."""

    def __init__(self, ctx: AppContext, out: TextIO, *, json_mode: bool, total: int) -> None:
        self._ctx = ctx
        self._out = out
        self._json = json_mode
        self._total = total
        self._done = 0
        self._last_step: dict[str, int] = {}

    def queued(self, jobs: Sequence[Job]) -> None:
        _say(
            self._out,
            self._json,
            {"event": "queued", "jobs": [job.id for job in jobs]},
            f"queued {len(jobs)} job{'s' if len(jobs) != 1 else ''}",
        )

    def event(self, event: RunnerEvent) -> None:
        if isinstance(event, JobStarted):
            _say(
                self._out,
                self._json,
                {"event": "started", "job": event.job_id, "server": event.server},
                f"[{self._done + 1}/{self._total}] {event.job_id[:8]} running on {event.server}",
            )
        elif isinstance(event, JobProgress):
            if self._last_step.get(event.job_id) == event.value:
                return
            self._last_step[event.job_id] = event.value
            eta = f", about {event.eta_s:.0f}s left" if event.eta_s is not None else ""
            _say(
                self._out,
                self._json,
                {
                    "event": "progress",
                    "job": event.job_id,
                    "value": event.value,
                    "max": event.max,
                    "node": event.node_type,
                    "eta_s": event.eta_s,
                },
                f"  {event.node_type or 'step'} {event.value}/{event.max}{eta}",
            )
        elif isinstance(event, JobRetrying):
            _say(
                self._out,
                self._json,
                {
                    "event": "retrying",
                    "job": event.job_id,
                    "in_s": event.delay_s,
                    "reason": event.reason,
                },
                f"  retrying in {event.delay_s:.0f}s: {event.reason}",
            )
        elif isinstance(event, JobFinished):
            self._done += 1
            job = event.job
            if job.status is JobStatus.COMPLETED:
                paths = [str(self._ctx.paths.resolve(i.path)) for i in event.images]
                text = "\n".join(f"  saved {p}" for p in paths) or "  completed (no files)"
            else:
                message = job.error.message if job.error else ""
                text = f"  {job.status.value}: {message}".rstrip(": ")
            _say(self._out, self._json, {"event": "finished", **_job_json(self._ctx, job)}, text)

    def summary(self, jobs: Sequence[Job | None]) -> int:
        final = [job for job in jobs if job is not None]
        completed = sum(job.status is JobStatus.COMPLETED for job in final)
        _say(
            self._out,
            self._json,
            {"event": "summary", "completed": completed, "total": len(final)},
            f"{completed} of {len(final)} job{'s' if len(final) != 1 else ''} completed",
        )
        return EXIT_OK if completed == len(final) else EXIT_JOBS_FAILED
