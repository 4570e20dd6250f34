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
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.engine import (
    Dispatcher,
    EngineEvent,
    JobFinished,
    JobProgress,
    JobRetrying,
    JobStarted,
    Notice,
    ServerState,
)
from studio_desktop.core.jobs import GenerationParams, Job, JobStatus, NewJob
from studio_desktop.core.logs import setup_logging
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig, pool_servers, probe, record_capabilities
from studio_desktop.core.store import DuplicateServer, JobFilter, StoreError

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
    _server_args(gen)
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
    _server_args(resume)
    _common(resume)
    resume.set_defaults(handler=cmd_resume)

    servers = sub.add_parser("servers", help="manage the ComfyUI servers the app uses")
    actions = servers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a server")
    add.add_argument("url")
    add.add_argument("--name", default="")
    add.add_argument("--auth", default=None, help="Authorization header value")
    add.add_argument("--disabled", action="store_true", help="register it switched off")
    _common(add)
    listing = actions.add_parser("list", help="the registered servers")
    _common(listing)
    remove = actions.add_parser("remove", help="forget a server")
    remove.add_argument("url")
    _common(remove)
    check = actions.add_parser("check", help="connect to each server and show what it has")
    check.add_argument("url", nargs="?", help="only this one")
    _common(check)
    servers.set_defaults(handler=cmd_servers)


def _server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server",
        action="append",
        default=None,
        help="ComfyUI URL; repeat for several "
        f"(default: the registered servers, else {DEFAULT_SERVER})",
    )
    parser.add_argument("--auth", default=None, help="Authorization header value for --server")
    parser.add_argument(
        "--pipeline-depth", type=_positive, default=2, help="prompts kept queued per server"
    )


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
    ctx.log_start_problems()
    if ctx.output_folder_error is not None:  # the console shows errors only; this matters
        print(
            f"warning: the output folder {ctx.output_folder_error}; "
            f"saving to {ctx.library.output_folder}",
            file=sys.stderr,
        )
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
    servers = _servers(ctx, args)
    reachable = _reachable(servers)
    if not reachable:
        raise CliError(_down_message(servers))
    model = _choose_model(reachable, args.model)
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
        )
        for i in range(args.count)
    ]
    batch = {job.id for job in new_jobs}
    reporter = _Reporter(ctx, out, json_mode=args.json, total=len(new_jobs))
    order = [job.id for job in new_jobs]
    # Only this batch: jobs the window queued are the window's to run.
    with ProcessOwner(ctx.paths.root) as owner:
        _run_until_done(
            ctx,
            reachable,
            reporter,
            args,
            owner=owner,
            accept=lambda job: job.id in batch,
            new=new_jobs,
        )
    return reporter.summary([ctx.store.get_job(job_id) for job_id in order])


def _servers(ctx: AppContext, args: argparse.Namespace) -> list[ServerConfig]:
    """--server flags, else the enabled registered servers, else the local default."""
    depth = args.pipeline_depth
    if args.server:
        return [
            ServerConfig(url, auth_header=args.auth, pipeline_depth=depth) for url in args.server
        ]
    return list(pool_servers(ctx.store.list_servers(), depth).values())


def _reachable(servers: Sequence[ServerConfig]) -> list[ServerConfig]:
    """The servers that answer; a warning line for each that does not (if others do)."""
    answers: list[tuple[ServerConfig, ComfyError | None]] = []
    for server in servers:
        client = ComfyClient(server.url, auth_header=server.auth_header)
        try:
            client.system_stats()
            answers.append((server, None))
        except ComfyError as exc:
            answers.append((server, exc))
        finally:
            client.close()
    up = [server for server, error in answers if error is None]
    if up:
        for server, error in answers:
            if error is not None:
                print(f"warning: skipping {server.url}: {error}", file=sys.stderr)
    return up


def _down_message(servers: Sequence[ServerConfig]) -> str:
    if len(servers) == 1:
        client = ComfyClient(servers[0].url, auth_header=servers[0].auth_header)
        try:
            client.system_stats()
        except ComfyConnectionError as exc:
            return str(exc)
        except ComfyError as exc:
            return f"{client.base_url} does not answer like ComfyUI: {exc}"
        finally:
            client.close()
    urls = ", ".join(s.url for s in servers)
    return f"none of the servers answers ({urls}); start ComfyUI (python main.py) or check --server"


def _choose_model(servers: Sequence[ServerConfig], wanted: str | None) -> str:
    """The asked-for checkpoint if some server has it, else the first server's first one."""
    lists: list[tuple[str, list[str]]] = []
    for server in servers:
        client = ComfyClient(server.url, auth_header=server.auth_header)
        try:
            lists.append((client.base_url, client.object_info().checkpoints))
        except ComfyError as exc:
            raise CliError(f"cannot read the model list from {client.base_url}: {exc}") from exc
        finally:
            client.close()
    if wanted:
        if any(wanted in names for _, names in lists):
            return wanted
        url, names = lists[0]
        shown = ", ".join(names[:10]) + (" …" if len(names) > 10 else "")
        raise CliError(f"{url} has no checkpoint named {wanted!r} (it has: {shown or 'none'})")
    for _, names in lists:
        if names:
            return names[0]
    raise CliError(
        f"{lists[0][0]} lists no checkpoints: put a model file in "
        "ComfyUI/models/checkpoints, restart ComfyUI, or pass --model NAME"
    )


ALL_DOWN_GRACE_S = 15.0  # resume gives up when every server stays unreachable this long


def _run_until_done(
    ctx: AppContext,
    servers: Sequence[ServerConfig],
    reporter: _Reporter,
    args: argparse.Namespace,
    *,
    owner: ProcessOwner,
    accept: Callable[[Job], bool],
    adopt_orphans: bool = False,
    new: Sequence[NewJob] = (),
) -> bool:
    """Run the dispatcher until no job it may run is left; False if every server stayed down.

    Jobs belong to `owner` (this process) while it runs: a window open on the same data folder
    leaves them alone, and this process leaves the window's alone."""
    changed = threading.Event()

    def listener(event: EngineEvent) -> None:
        reporter.event(event)
        changed.set()

    dispatcher = Dispatcher(
        ctx.store,
        ctx.library,
        ctx.templates,
        servers,
        listener=listener,
        accept=accept,
        owner=owner,
        adopt_orphans=adopt_orphans,
    )
    dispatcher.start()
    try:
        if new:
            reporter.queued(dispatcher.enqueue(new))
        down_since: float | None = None
        while True:
            active = [
                job
                for job in ctx.store.jobs_with_status(
                    JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING
                )
                if accept(job)
            ]
            if not active:
                return True
            states = [status.state for status in dispatcher.statuses()]
            if all(state is ServerState.DOWN for state in states):
                down_since = down_since or time.monotonic()
                if time.monotonic() - down_since > ALL_DOWN_GRACE_S:
                    print(f"error: {_down_message(servers)}", file=sys.stderr)
                    return False
            else:
                down_since = None
            changed.wait(0.5)
            changed.clear()
    finally:
        dispatcher.shutdown()


# --- resume ---


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
        _say(out, args.json, {"event": "resume", "jobs": 0}, "nothing to resume")
        return EXIT_OK
    servers = {s.url.rstrip("/"): s for s in _servers(ctx, args)}
    for job in [*leftovers, *pending]:
        # Each loop reconciles the jobs recorded as running on it, so their servers come too.
        if job.server and job.server.rstrip("/") not in servers:
            servers[job.server.rstrip("/")] = ServerConfig(job.server, auth_header=args.auth)
    reporter = _Reporter(ctx, out, json_mode=args.json, total=len(touched))
    batch = set(touched)
    finished = _run_until_done(
        ctx,
        list(servers.values()),
        reporter,
        args,
        owner=owner,
        accept=lambda job: job.id in batch,
        adopt_orphans=True,
    )
    code = reporter.summary([ctx.store.get_job(job_id) for job_id in touched])
    return code if finished else EXIT_USAGE


# --- servers ---


def cmd_servers(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    store = ctx.store
    if args.action == "add":
        url = ComfyClient(args.url).base_url
        try:
            record = store.add_server(
                args.name or url, url, auth_header=args.auth, enabled=not args.disabled
            )
        except DuplicateServer as exc:
            raise CliError(f"{url} is already registered") from exc
        _say(out, args.json, {"added": record.url, "name": record.name}, f"added {record.name}")
        return EXIT_OK
    if args.action == "remove":
        found = store.get_server_by_url(ComfyClient(args.url).base_url)
        if found is None:
            raise CliError(f"{args.url} is not registered (see `studio-desktop servers list`)")
        store.remove_server(found.id)
        _say(out, args.json, {"removed": found.url}, f"removed {found.name}")
        return EXIT_OK
    records = store.list_servers()
    if args.action == "check":
        wanted = ComfyClient(args.url).base_url if args.url else None
        records = [r for r in records if wanted is None or r.url == wanted]
        if wanted is not None and not records:
            raise CliError(f"{args.url} is not registered")
        failures = 0
        for record in records:
            client = ComfyClient(record.url, auth_header=record.auth_header)
            try:
                caps = probe(client)
            except ComfyError as exc:
                failures += 1
                record_capabilities(store, record.url, None, ServerState.DOWN.value)
                _say(
                    out,
                    args.json,
                    {"url": record.url, "state": "down", "error": str(exc)},
                    f"{record.name}: down: {exc}",
                )
                continue
            finally:
                client.close()
            record_capabilities(store, record.url, caps, ServerState.IDLE.value)
            vram = (
                f", {caps.vram_free / 2**30:.1f} of {caps.vram_total / 2**30:.1f} GiB free"
                if caps.vram_total and caps.vram_free is not None
                else ""
            )
            _say(
                out,
                args.json,
                {
                    "url": record.url,
                    "state": "connected",
                    "gpu": caps.gpu_name,
                    "vram_total": caps.vram_total,
                    "vram_free": caps.vram_free,
                    "comfyui_version": caps.comfyui_version,
                    "checkpoints": list(caps.models.get("checkpoints", ())),
                    "node_classes": len(caps.node_classes),
                },
                f"{record.name}: connected, ComfyUI {caps.comfyui_version}, {caps.gpu_name}{vram}, "
                f"{len(caps.models.get('checkpoints', ()))} checkpoints, "
                f"{len(caps.node_classes)} node types",
            )
        return EXIT_OK if failures == 0 else EXIT_JOBS_FAILED
    if args.json:
        out.write(
            json.dumps(
                [
                    {
                        "name": r.name,
                        "url": r.url,
                        "enabled": r.enabled,
                        "state": r.last_state,
                        "gpu": r.gpu_name,
                    }
                    for r in records
                ]
            )
            + "\n"
        )
    elif not records:
        out.write(f"no servers registered; jobs use {DEFAULT_SERVER}\n")
    else:
        for r in records:
            flag = "" if r.enabled else " (disabled)"
            out.write(f"{r.name}  {r.url}  {r.last_state or 'unknown'}  {r.gpu_name or ''}{flag}\n")
    return EXIT_OK


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


_print_lock = threading.Lock()  # events arrive from several server threads


def _say(out: TextIO, json_mode: bool, payload: dict[str, Any], text: str) -> None:
    with _print_lock:
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

    def event(self, event: EngineEvent) -> None:
        if isinstance(event, Notice):
            _say(
                self._out,
                self._json,
                {"event": "notice", "message": event.message},
                f"  note: {event.message}",
            )
        elif isinstance(event, JobStarted):
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
                f"  {event.job_id[:8]} {event.node_type or 'step'} {event.value}/{event.max}{eta}",
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
                f"  {event.job_id[:8]} retrying in {event.delay_s:.0f}s: {event.reason}",
            )
        elif isinstance(event, JobFinished):
            self._done += 1
            job = event.job
            if job.status is JobStatus.COMPLETED:
                paths = [str(self._ctx.paths.resolve(i.path)) for i in event.images]
                text = "\n".join(f"  saved {p}" for p in paths) or "  completed (no files)"
            else:
                message = job.error.message if job.error else ""
                text = f"  {job.id[:8]} {job.status.value}: {message}".rstrip(": ")
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
