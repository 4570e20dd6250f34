"""`generate`: queue jobs of any template and run them.

Everything that can be checked is checked before anything is queued, cheapest first: the
template and the image files (local), then which servers answer, then what each of them would
refuse in the bound graph (the window's check).
"""

from __future__ import annotations

import argparse
import dataclasses
import random
from pathlib import Path
from typing import Any, TextIO

from studio_desktop.cli.arguments import MAX_COUNT
from studio_desktop.cli.common import (
    RANDOM_SEED,
    CliError,
    chosen_servers,
    down_message,
    reachable_servers,
)
from studio_desktop.cli.images import chosen_images, copy_inputs, masked_slot
from studio_desktop.cli.output import Reporter, say
from studio_desktop.cli.preflight import servers_that_accept
from studio_desktop.cli.run import finish, run_until_done
from studio_desktop.cli.sweeps import (
    axis_variants,
    report_grids,
    shape,
    sweep_axes,
    sweep_params,
)
from studio_desktop.core.comfy.client import normalize_base_url
from studio_desktop.core.context import AppContext
from studio_desktop.core.groups import GroupKind, NewGroup
from studio_desktop.core.jobs import SEED_MAX, GenerationParams, HiresFix, NewJob
from studio_desktop.core.owners import ProcessOwner
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.sweeps.axes import Axis, sweep_json
from studio_desktop.core.workflows import SERVER_DEFAULT_MODEL, Template, TemplateError

# Options whose value, when not given, comes from the template's defaults (else the window's).
TEMPLATE_DEFAULTED = ("steps", "cfg", "sampler", "scheduler", "width", "height", "denoise")


def cmd_generate(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    try:
        template = ctx.templates.get(args.template)
    except TemplateError as exc:
        raise CliError(str(exc)) from exc
    images = chosen_images(template, args.image, args.input)
    masked = masked_slot(template, args.mask)
    params = generation_params(args, template)
    first_seed = args.seed
    if first_seed == RANDOM_SEED:
        first_seed = random.randint(0, SEED_MAX)
    seeds = [(first_seed + i) % (SEED_MAX + 1) for i in range(args.count)]
    sweep = None
    if args.sweep:
        sweep = sweep_axes_for(args)
        # One job per cell; every cell keeps the first seed unless seed is an axis, and its
        # dynamic prompt is picked with its own seed, so a cell is the same on every run.
        cells = sweep_params(dataclasses.replace(params, seed=first_seed), sweep)
        job_values = expanded_cells(ctx, cells)
    else:
        job_values = expanded(ctx, params, seeds, combinatorial=args.combinatorial)
    mask = (masked, Path(args.mask).expanduser()) if masked is not None else None
    inputs = copy_inputs(ctx.library, images, mask)
    servers = pinned_server(chosen_servers(ctx, args), args.pin)
    reachable = reachable_servers(servers)
    if not reachable:
        raise CliError(down_message(servers))
    # A sweep's values are checked too (one axis at a time): a sampler a server lacks is one
    # line now rather than a failed cell.
    variants = axis_variants(params, sweep) if sweep is not None else []
    accepting = servers_that_accept(reachable, template, params, variants)

    if args.seed == RANDOM_SEED and not args.json:  # JSON readers find seeds in the events
        out.write(seed_line(first_seed, args.count) + "\n")
    new_jobs = [NewJob(template=template.id, params=p, inputs=inputs) for p in job_values]
    batch = {job.id for job in new_jobs}
    # One batch group, as one press of Queue makes: `cancel`, `retry` and `export --group`
    # take its id, and the window shows it as one row.
    # With --pin the group carries the server, so every job (later chunks too) is pinned to it.
    group = NewGroup(group_label(args.prompt), server=args.pin)
    if sweep is not None:
        group = NewGroup(
            group_label(args.prompt),
            kind=GroupKind.SWEEP,
            sweep=sweep_json(sweep),
            server=args.pin,
        )
        say(
            out,
            args.json,
            {"event": "sweep", "cells": len(new_jobs), "axes": [a.to_dict() for a in sweep]},
            f"sweep of {len(new_jobs)} cells: {shape(sweep)}",
        )
    if not args.json:  # JSON readers find it in the "queued" event
        out.write(f"group {group.id}\n")
    paused = ctx.store.queue_pause()
    if all(paused.blocks(normalize_base_url(s.url)) for s in accepting):
        say(
            out,
            args.json,
            {"event": "notice", "message": "queue paused"},
            "the queue is paused: the jobs wait until `studio-desktop queue resume`",
        )
    reporter = Reporter(ctx, out, json_mode=args.json, total=len(new_jobs))
    order = [job.id for job in new_jobs]
    # Only this batch: jobs the window queued are the window's to run.
    with ProcessOwner(ctx.paths.root) as owner:
        outcome = run_until_done(
            ctx,
            accepting,
            reporter,
            args,
            owner=owner,
            accept=lambda job: job.id in batch,
            new=new_jobs,
            group=group,
        )
    code = finish(ctx, reporter, outcome, order)
    if sweep is not None:
        # The engine made the grid when the last cell ended; this makes it if it could not
        # (and is a no-op otherwise), then prints where it is.
        report_grids(ctx, out, args.json, [group.id])
    return code


def pinned_server(servers: list[ServerConfig], pin: str | None) -> list[ServerConfig]:
    """The one server `--pin` names, out of those this run would use (given with --server, else
    the registered ones); CliError if it is none of them: nothing would ever run the jobs."""
    if pin is None:
        return servers
    chosen = [s for s in servers if normalize_base_url(s.url) == pin]
    if not chosen:
        raise CliError(
            f"--pin {pin} is not a server of this run; give it with --server or register it "
            "with `studio-desktop servers add`"
        )
    return chosen


def sweep_axes_for(args: argparse.Namespace) -> list[Axis]:
    if args.count != 1:
        raise CliError("--sweep makes one job per cell: leave out --count (sweep seed= instead)")
    if args.combinatorial:
        raise CliError("--sweep and --combinatorial cannot be used together")
    return sweep_axes(args.sweep, max_cells=MAX_COUNT)


def expanded(
    ctx: AppContext, params: GenerationParams, seeds: list[int], *, combinatorial: bool
) -> list[GenerationParams]:
    """Each job's parameters, its dynamic prompt resolved (see core/prompts); a malformed
    prompt or a missing wildcard is a CliError naming it. The library loads only for a
    prompt that needs it."""
    from studio_desktop.core.prompts.dynamic import Mode, PromptSyntaxError
    from studio_desktop.core.prompts.jobs import job_params

    mode = Mode.COMBINATORIAL if combinatorial else Mode.RANDOM
    try:
        return job_params(params, seeds, mode=mode, wildcards_dir=ctx.paths.wildcards)
    except PromptSyntaxError as exc:
        raise CliError(str(exc)) from exc


def expanded_cells(ctx: AppContext, cells: list[GenerationParams]) -> list[GenerationParams]:
    """Each sweep cell's dynamic prompt picked with the cell's seed (`core.prompts.jobs.
    cell_params`: cells sharing a text share one parse); CliError as `expanded`."""
    from studio_desktop.core.prompts.dynamic import PromptSyntaxError
    from studio_desktop.core.prompts.jobs import cell_params

    try:
        return cell_params(cells, wildcards_dir=ctx.paths.wildcards)
    except PromptSyntaxError as exc:
        raise CliError(str(exc)) from exc


def generation_params(args: argparse.Namespace, template: Template) -> GenerationParams:
    """The parameters of the batch: each option given, else the template's default, else the
    window's. The seed is set per job. CliError if they could never run (a template default
    that is not a finite number)."""
    values: dict[str, Any] = GenerationParams(prompt=args.prompt).to_dict()
    known = set(values) - {"extra", "prompt", "negative", "seed", "model"}
    extra = {k: v for k, v in template.defaults.items() if k not in values}
    values.update({k: v for k, v in template.defaults.items() if k in known})
    values.update({k: getattr(args, k) for k in TEMPLATE_DEFAULTED if getattr(args, k) is not None})
    values.update(negative=args.negative, model=args.model or SERVER_DEFAULT_MODEL, extra=extra)
    params = dataclasses.replace(GenerationParams.from_dict(values), **graph_options(args))
    try:
        NewJob(template=template.id, params=params)  # the checks every new job passes
    except ValueError as exc:
        raise CliError(f"template {template.id}: {exc}") from exc
    return params


def graph_options(args: argparse.Namespace) -> dict[str, Any]:
    """The LoRA stack, VAE, CLIP skip, hires fix and batch size the options ask for."""
    options: dict[str, Any] = {"loras": tuple(args.lora)}
    if args.batch_size is not None:
        options["batch_size"] = args.batch_size
    if args.vae:
        options["vae"] = args.vae
    if args.clip_skip is not None:
        options["clip_skip"] = args.clip_skip
    if args.hires_upscaler and args.hires is None:
        raise CliError("--hires-upscaler needs --hires SCALE[:DENOISE]")
    if args.hires is not None:
        hires: HiresFix = args.hires
        if args.hires_upscaler:
            hires = dataclasses.replace(hires, upscaler=args.hires_upscaler)
        options["hires"] = hires
    return options


def group_label(prompt: str, limit: int = 60) -> str:
    """A group's label: its prompt on one line, cut to `limit` characters."""
    line = " ".join(prompt.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


def seed_line(first: int, count: int) -> str:
    if count == 1:
        return f"random seed {first}"
    last = (first + count - 1) % (SEED_MAX + 1)
    return f"random seeds {first} to {last} (one per job, counting up)"
