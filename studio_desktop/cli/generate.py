"""`generate`: queue text-to-image jobs and run them."""

from __future__ import annotations

import argparse
import random
from typing import TextIO

from studio_desktop.cli.common import (
    SEED_MAX,
    CliError,
    choose_model,
    chosen_servers,
    down_message,
    reachable_servers,
)
from studio_desktop.cli.output import Reporter
from studio_desktop.cli.run import finish, run_until_done
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, NewJob
from studio_desktop.core.owners import ProcessOwner


def cmd_generate(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    servers = chosen_servers(ctx, args)
    reachable = reachable_servers(servers)
    if not reachable:
        raise CliError(down_message(servers))
    model = choose_model(reachable, args.model)
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
    reporter = Reporter(ctx, out, json_mode=args.json, total=len(new_jobs))
    order = [job.id for job in new_jobs]
    # Only this batch: jobs the window queued are the window's to run.
    with ProcessOwner(ctx.paths.root) as owner:
        outcome = run_until_done(
            ctx,
            reachable,
            reporter,
            args,
            owner=owner,
            accept=lambda job: job.id in batch,
            new=new_jobs,
        )
    return finish(ctx, reporter, outcome, order)
