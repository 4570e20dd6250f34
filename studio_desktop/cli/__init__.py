"""Headless entry points: `generate`, `jobs`, `resume`, `cancel`, `retry`, `queue`, `pin`, `export`,
`servers`, `server`, `import`, `workflow convert`.

They use the same store, runner and templates as the window, so a job queued here shows up in the
app's history and gallery, and a batch killed halfway is finished by `studio-desktop resume`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from studio_desktop.cli.arguments import (
    MAX_BATCH_SIZE,
    MAX_COUNT,
    MAX_JOBS_LIMIT,
    RANDOM_SEED,
    auth_header,
    bounded,
    clip_skip,
    common_args,
    finite,
    hires,
    lora,
    positive,
    seed,
    server_args,
    server_url,
    slot_image,
    wait_arg,
)
from studio_desktop.core.jobs import SEED_MAX, JobStatus

if TYPE_CHECKING:
    from studio_desktop.core.context import AppContext

# Each command's module, loaded only when that command runs: `--help` and a mistyped option
# never import the store, SQLAlchemy or the HTTP client.
HANDLERS: dict[str, tuple[str, str]] = {
    "generate": ("studio_desktop.cli.generate", "cmd_generate"),
    "jobs": ("studio_desktop.cli.jobs", "cmd_jobs"),
    "resume": ("studio_desktop.cli.resume", "cmd_resume"),
    "cancel": ("studio_desktop.cli.control", "cmd_cancel"),
    "retry": ("studio_desktop.cli.control", "cmd_retry"),
    "queue": ("studio_desktop.cli.control", "cmd_queue"),
    "pin": ("studio_desktop.cli.control", "cmd_pin"),
    "export": ("studio_desktop.cli.export", "cmd_export"),
    "servers": ("studio_desktop.cli.servers", "cmd_servers"),
    "server": ("studio_desktop.cli.server", "cmd_server"),
    "workflow": ("studio_desktop.cli.workflow", "cmd_workflow"),
    "import": ("studio_desktop.cli.workflow", "cmd_import"),
}

log = logging.getLogger("studio.cli")

Handler = Callable[["AppContext", argparse.Namespace, TextIO], int]


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    gen = sub.add_parser("generate", help="queue and run jobs of any template without the window")
    gen.add_argument(
        "prompt",
        help="what to make; {a|b}, {2::a|b}, {1-2$$a|b} and __name__ (wildcards/name.txt in "
        "the data folder) pick a prompt per job with its seed",
    )
    gen.add_argument("--negative", default="", help="what to avoid")
    gen.add_argument(
        "--combinatorial",
        action="store_true",
        help="queue every combination of the prompt's choices (each --count times) instead of "
        "one random pick per job",
    )
    gen.add_argument(
        "--sweep",
        action="append",
        default=[],
        metavar="FIELD=VALUES",
        help="an X/Y/Z axis, up to 3 (one job per cell, one labelled grid at the end): "
        "steps=10,20,30; steps=1-10 [5] (5 values); seed=1-4 (every integer); "
        "cfg=4-8 (+2) (a step); prompt=red,blue (replace the first in the prompt); "
        "size=512x768,768x512; lora:NAME=0.5,0.8; extra.NAME=...; also sampler, scheduler, "
        "model, denoise, width, height",
    )
    server_args(gen)
    gen.add_argument(
        "--count",
        type=bounded(1, MAX_COUNT),
        default=1,
        help=f"how many jobs, 1 to {MAX_COUNT} (default 1)",
    )
    gen.add_argument(
        "--seed",
        type=seed,
        default=RANDOM_SEED,
        help=f"first seed, 0 to {SEED_MAX}; later jobs add 1. {RANDOM_SEED} (the default): "
        "a random one, printed",
    )
    # No default here: the template's own (e.g. img2img's denoise), else the window's.
    gen.add_argument("--steps", type=positive, default=None, help="(default: template's, or 20)")
    gen.add_argument("--cfg", type=finite, default=None, help="(default: template's, or 7)")
    gen.add_argument("--sampler", default=None, help="(default: template's, or euler)")
    gen.add_argument("--scheduler", default=None, help="(default: template's, or normal)")
    gen.add_argument("--width", type=positive, default=None, help="(default: template's, or 512)")
    gen.add_argument("--height", type=positive, default=None, help="(default: template's, or 512)")
    gen.add_argument("--denoise", type=finite, default=None, help="(default: template's, or 1.0)")
    gen.add_argument("--model", default=None, help="model file (default: the server's first)")
    gen.add_argument("--template", default="txt2img", help="template id (default txt2img)")
    gen.add_argument(
        "--image",
        action="append",
        default=[],
        type=slot_image,
        metavar="SLOT=PATH",
        help="an image for the template's slot SLOT (its id or label); repeat for several",
    )
    gen.add_argument(
        "--input", default=None, metavar="PATH", help="the image for the template's first slot"
    )
    gen.add_argument(
        "--mask",
        default=None,
        metavar="PATH",
        help="an inpainting mask for the image the template masks (white = repaint, black = "
        "keep; the image's size), e.g. with --template inpaint",
    )
    gen.add_argument(
        "--batch-size",
        type=bounded(1, MAX_BATCH_SIZE),
        default=None,
        help=f"images per job (one latent batch), 1 to {MAX_BATCH_SIZE} (default 1)",
    )
    gen.add_argument(
        "--lora",
        action="append",
        default=[],
        type=lora,
        metavar="NAME[:MODEL[:CLIP]]",
        help="a LoRA and its model and clip strengths (default 1; clip: the model's); "
        "repeat for a stack, applied in order",
    )
    gen.add_argument("--vae", default=None, metavar="NAME", help="a VAE instead of the model's")
    gen.add_argument(
        "--clip-skip",
        type=clip_skip,
        default=None,
        metavar="N",
        help="stop the text encoder N layers from the end, 1 to 24 (2 for many anime models)",
    )
    gen.add_argument(
        "--hires",
        type=hires,
        default=None,
        metavar="SCALE[:DENOISE]",
        help="a second pass: upscale the latent by SCALE (1 to 8) and sample it again at DENOISE "
        "(default 0.5)",
    )
    gen.add_argument(
        "--hires-upscaler",
        default=None,
        metavar="MODEL",
        help="with --hires: upscale with this upscale model instead of the latent",
    )
    gen.add_argument(
        "--pin",
        type=server_url,
        default=None,
        metavar="URL",
        help="run the jobs on this server only (one of --server, or a registered one)",
    )
    wait_arg(gen)
    common_args(gen)
    gen.set_defaults(handler="generate")

    jobs = sub.add_parser("jobs", help="list the job history")
    jobs.add_argument("--status", choices=[s.value for s in JobStatus], action="append")
    jobs.add_argument("--search", default="", help="words in the prompt")
    jobs.add_argument(
        "--limit",
        type=bounded(1, MAX_JOBS_LIMIT),
        default=50,
        help=f"at most this many, 1 to {MAX_JOBS_LIMIT} (default 50)",
    )
    common_args(jobs)
    jobs.set_defaults(handler="jobs")

    resume = sub.add_parser("resume", help="finish the jobs a closed or killed run left behind")
    server_args(resume)
    wait_arg(resume)
    common_args(resume)
    resume.set_defaults(handler="resume")

    cancel = sub.add_parser(
        "cancel", help="cancel waiting or running jobs or a batch group, whoever runs them"
    )
    cancel.add_argument("job", nargs="*", help="job or group id, or its first characters")
    cancel.add_argument(
        "--all", dest="every", action="store_true", help="every waiting and running job"
    )
    cancel.add_argument(
        "--auth", default=None, help="Authorization header value for an unregistered server"
    )
    common_args(cancel)
    cancel.set_defaults(handler="cancel", server=None, pipeline_depth=1)

    retry = sub.add_parser(
        "retry", help="queue failed or cancelled jobs (or a group's failed ones) again and run them"
    )
    retry.add_argument("job", nargs="*", help="job or group id, or its first characters")
    retry.add_argument("--failed", dest="every", action="store_true", help="every failed job")
    server_args(retry)
    wait_arg(retry)
    common_args(retry)
    retry.set_defaults(handler="retry")

    queue = sub.add_parser("queue", help="pause or resume taking new jobs (all servers or one)")
    queue.add_argument("action", choices=["pause", "resume", "status"])
    queue.add_argument(
        "--server",
        type=server_url,
        default=None,
        help="only this server (its own pause; the whole queue's is separate)",
    )
    common_args(queue)
    queue.set_defaults(handler="queue")

    pin = sub.add_parser(
        "pin", help="run waiting jobs or a batch group on one server only, or on any again"
    )
    pin.add_argument("job", nargs="*", help="job or group id, or its first characters")
    where = pin.add_mutually_exclusive_group()
    where.add_argument(
        "--server",
        action="append",
        type=server_url,
        default=None,
        help="a registered server's URL: only it runs them (a group: its later jobs too)",
    )
    where.add_argument("--any", action="store_true", help="any server may run them again")
    common_args(pin)
    pin.set_defaults(handler="pin")

    export = sub.add_parser("export", help="copy the outputs of a batch group into a folder")
    export.add_argument("--group", required=True, help="group id or its first characters")
    export.add_argument("folder", help="where to copy them (made if missing)")
    common_args(export)
    export.set_defaults(handler="export")

    servers = sub.add_parser("servers", help="manage the ComfyUI servers the app uses")
    actions = servers.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="register a server")
    add.add_argument("url", type=server_url)
    add.add_argument("--name", default="")
    add.add_argument("--auth", type=auth_header, default=None, help="Authorization header value")
    add.add_argument("--disabled", action="store_true", help="register it switched off")
    common_args(add)
    listing = actions.add_parser("list", help="the registered servers")
    common_args(listing)
    remove = actions.add_parser("remove", help="forget a server")
    remove.add_argument("url", type=server_url)
    common_args(remove)
    check = actions.add_parser("check", help="connect to each server and show what it has")
    check.add_argument("url", nargs="?", type=server_url, help="only this one")
    common_args(check)
    servers.set_defaults(handler="servers")
    managed_server_args(sub)
    workflow = sub.add_parser("workflow", help="work with ComfyUI workflow files")
    workflow_actions = workflow.add_subparsers(dest="action", required=True)
    convert = workflow_actions.add_parser(
        "convert", help="print the API-format graph of a UI/API JSON or PNG workflow"
    )
    convert.add_argument("file", help=WORKFLOW_FILES)
    node_list_args(convert, "(needed for a UI-format file)")
    common_args(convert)
    workflow.set_defaults(handler="workflow")

    imports = sub.add_parser("import", help="add a ComfyUI workflow file as a template")
    imports.add_argument("file", help=WORKFLOW_FILES)
    imports.add_argument("--name", default=None, help="the template's name (default: from FILE)")
    node_list_args(imports, "(default: the registered servers, for a UI-format file)")
    common_args(imports)
    imports.set_defaults(handler="import")


def managed_server_args(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`server start|stop|status|log`: a local ComfyUI the app runs."""
    server = sub.add_parser("server", help="start, stop and watch a local ComfyUI")
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)
    find = actions.add_parser("find", help="list the ComfyUI installs found on this computer")
    find.add_argument(
        "--path", action="append", default=[], metavar="DIR", help="look here too; repeat"
    )
    common_args(find)
    start = actions.add_parser(
        "start",
        help="start a local ComfyUI, print its URL once it answers and register it",
        description="Extra ComfyUI arguments go after `--`, e.g. `server start -- --fast`.",
    )
    start.add_argument(
        "--path", default=None, metavar="DIR", help="the ComfyUI folder (default: the first found)"
    )
    start.add_argument(
        "--python", default=None, metavar="EXE", help="the python to run it (default: its own)"
    )
    start.add_argument(
        "--port", type=bounded(1, 65535), default=8188, help="(default 8188, or a free one)"
    )
    start.add_argument(
        "--preset",
        choices=["gpu", "lowvram", "cpu"],
        default="gpu",
        help="gpu: as is; lowvram: --lowvram; cpu: --cpu (default gpu)",
    )
    start.add_argument(
        "--detach",
        action="store_true",
        help="leave it running when this command ends (stop it with `server stop`)",
    )
    start.add_argument(
        "--timeout",
        type=positive,
        default=300,
        metavar="SECONDS",
        help="how long to wait for it to answer (default 300)",
    )
    start.add_argument("extra", nargs="*", metavar="-- EXTRA", help="arguments for ComfyUI")
    common_args(start)
    stop = actions.add_parser("stop", help="stop the ComfyUI `server start` started")
    common_args(stop)
    status = actions.add_parser("status", help="whether the started ComfyUI runs and answers")
    common_args(status)
    logs = actions.add_parser("log", help="print its log")
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing new lines")
    logs.add_argument(
        "-n", "--lines", type=bounded(0, 100_000), default=50, help="last lines (default 50)"
    )
    common_args(logs)
    server.set_defaults(handler="server")


WORKFLOW_FILES = (
    "UI- or API-format JSON, or a PNG/WebP/video with ComfyUI's prompt or workflow metadata"
)


def node_list_args(parser: argparse.ArgumentParser, when: str) -> None:
    """Where a UI-format workflow's node definitions (/object_info) come from."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--server",
        action="append",
        type=server_url,
        default=None,
        help=f"read /object_info from this ComfyUI {when}; repeat to try several",
    )
    source.add_argument("--object-info", default=None, help="a saved /object_info JSON file")
    parser.add_argument(
        "--auth", type=auth_header, default=None, help="Authorization header value for --server"
    )


# What a program killed by SIGPIPE reports to its shell (128 + 13), so `set -o pipefail` sees it.
EXIT_BROKEN_PIPE = 141


def _reader_went_away() -> int:
    """`studio-desktop jobs | head`: head has what it wanted and closed the pipe. Say nothing.

    Python's exit flushes stdout once more; pointing the descriptor at the null device keeps
    that flush from printing a second BrokenPipeError (the recipe in Python's signal docs).
    Jobs a `generate` had queued stay queued, as after Ctrl-C."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
    return EXIT_BROKEN_PIPE


def run_command(args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    from studio_desktop.cli.common import EXIT_USAGE, CliError
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.store import StoreError

    module_name, function_name = HANDLERS[args.handler]
    handler: Handler = getattr(importlib.import_module(module_name), function_name)
    try:
        ctx = AppContext.open(args.data_dir)
    except (StoreError, OSError) as exc:
        print(f"error: cannot open the data folder: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ctx.start_logging(console_level=logging.INFO if args.verbose else logging.ERROR)
    for problem in ctx.start_problems:  # the console shows errors only; these matter
        print(f"warning: {problem}", file=sys.stderr)
    try:
        code: int = handler(ctx, args, out)
        out.flush()  # a reader that went away shows here, not as noise at interpreter exit
        return code
    except BrokenPipeError:
        return _reader_went_away()
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
