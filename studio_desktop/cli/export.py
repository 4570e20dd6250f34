"""`export --group G DIR`: copy a batch group's outputs into a folder, in queue order."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import TextIO

from studio_desktop.cli.common import EXIT_OK, CliError
from studio_desktop.cli.output import say
from studio_desktop.core.context import AppContext


def cmd_export(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    wanted = args.group.strip().lower()
    found = ctx.store.groups_starting_with(wanted, 2) if wanted else []
    if not found:
        raise CliError(f"no group id starts with {args.group!r}; `generate` prints it")
    if len(found) > 1:
        raise CliError(f"{args.group!r} is the start of several group ids; give more of the id")
    group = found[0]
    folder = Path(args.folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CliError(f"cannot make {folder}: {exc}") from exc
    copied: list[str] = []
    missing: list[str] = []
    for number, job in enumerate(ctx.store.group_jobs(group.id), 1):
        for image in ctx.store.images_for_job(job.id):
            if image.deleted:
                continue
            source = ctx.paths.resolve(image.path)
            # Queue order first, so the folder sorts as the group ran; the job id keeps two
            # exports of different groups apart.
            name = f"{number:04d}_{job.id[:8]}_{image.index}{source.suffix.lower()}"
            try:
                shutil.copy2(source, folder / name)
            except OSError:
                missing.append(str(source))
                continue
            copied.append(str(folder / name))
    for path in missing:
        say(out, args.json, {"event": "missing", "path": path}, f"  missing: {path}")
    say(
        out,
        args.json,
        {"event": "exported", "group": group.id, "files": copied, "folder": str(folder)},
        f"copied {len(copied)} file{'s' if len(copied) != 1 else ''} of group "
        f"{group.id[:8]} to {folder}",
    )
    return EXIT_OK
