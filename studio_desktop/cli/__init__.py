"""Headless entry points: `generate`, `jobs`, `resume`, `cancel`, `retry`, `servers`.

They use the same store, runner and templates as the window, so a job queued here shows up in the
app's history and gallery, and a batch killed halfway is finished by `studio-desktop resume`.
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TextIO

from studio_desktop.cli.common import EXIT_USAGE, CliError, common_args, positive, server_args
from studio_desktop.cli.control import cmd_cancel, cmd_retry
from studio_desktop.cli.generate import cmd_generate
from studio_desktop.cli.jobs import cmd_jobs
from studio_desktop.cli.resume import cmd_resume
from studio_desktop.cli.servers import cmd_servers
from studio_desktop.cli.waiting import DEFAULT_WAIT_S
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import JobStatus
from studio_desktop.core.store import StoreError

log = logging.getLogger("studio.cli")


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gen = sub.add_parser("generate", help="queue and run text-to-image jobs without the window")
    gen.add_argument("prompt", help="what to make")
    gen.add_argument("--negative", default="", help="what to avoid")
    server_args(gen)
    gen.add_argument("--count", type=positive, default=1, help="how many jobs (default 1)")
    gen.add_argument("--seed", type=int, default=None, help="first seed; later jobs add 1")
    gen.add_argument("--steps", type=positive, default=20)
    gen.add_argument("--cfg", type=float, default=7.0)
    gen.add_argument("--sampler", default="euler")
    gen.add_argument("--scheduler", default="normal")
    gen.add_argument("--width", type=positive, default=512)
    gen.add_argument("--height", type=positive, default=512)
    gen.add_argument("--model", default=None, help="checkpoint name (default: the server's first)")
    gen.add_argument("--template", default="txt2img", help="template id (default txt2img)")
    wait_arg(gen)
    common_args(gen)
    gen.set_defaults(handler=cmd_generate)

    jobs = sub.add_parser("jobs", help="list the job history")
    jobs.add_argument("--status", choices=[s.value for s in JobStatus], action="append")
    jobs.add_argument("--search", default="", help="words in the prompt")
    jobs.add_argument("--limit", type=positive, default=50)
    common_args(jobs)
    jobs.set_defaults(handler=cmd_jobs)

    resume = sub.add_parser("resume", help="finish the jobs a closed or killed run left behind")
    server_args(resume)
    wait_arg(resume)
    common_args(resume)
    resume.set_defaults(handler=cmd_resume)

    cancel = sub.add_parser("cancel", help="cancel waiting or running jobs, whoever runs them")
    cancel.add_argument("job", nargs="*", help="job id or its first characters")
    cancel.add_argument(
        "--all", dest="every", action="store_true", help="every waiting and running job"
    )
    cancel.add_argument(
        "--auth", default=None, help="Authorization header value for an unregistered server"
    )
    common_args(cancel)
    cancel.set_defaults(handler=cmd_cancel, server=None, pipeline_depth=1)

    retry = sub.add_parser("retry", help="queue failed or cancelled jobs again and run them")
    retry.add_argument("job", nargs="*", help="job id or its first characters")
    retry.add_argument("--failed", dest="every", action="store_true", help="every failed job")
    server_args(retry)
    wait_arg(retry)
    common_args(retry)
    retry.set_defaults(handler=cmd_retry)

    servers = sub.add_parser("servers", help="manage the ComfyUI servers the app uses")
    actions = servers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a server")
    add.add_argument("url")
    add.add_argument("--name", default="")
    add.add_argument("--auth", default=None, help="Authorization header value")
    add.add_argument("--disabled", action="store_true", help="register it switched off")
    common_args(add)
    listing = actions.add_parser("list", help="the registered servers")
    common_args(listing)
    remove = actions.add_parser("remove", help="forget a server")
    remove.add_argument("url")
    common_args(remove)
    check = actions.add_parser("check", help="connect to each server and show what it has")
    check.add_argument("url", nargs="?", help="only this one")
    common_args(check)
    servers.set_defaults(handler=cmd_servers)


def wait_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--wait",
        type=seconds,
        default=DEFAULT_WAIT_S,
        metavar="SECONDS",
        help="how long to wait for a server that went away to come back before giving up, "
        f"keeping the jobs for `resume` (default {DEFAULT_WAIT_S:.0f}; 0: give up at once)",
    )


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be 0 or more seconds")
    return value


def run_command(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    try:
        ctx = AppContext.open(args.data_dir)
    except (StoreError, OSError) as exc:
        print(f"error: cannot open the data folder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ctx.start_logging(console_level=logging.INFO if args.verbose else logging.ERROR)
    for problem in ctx.start_problems:  # the console shows errors only; these matter
        print(f"warning: {problem}", file=sys.stderr)
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
