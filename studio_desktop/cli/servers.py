"""`servers`: register, list, remove and check ComfyUI servers."""

from __future__ import annotations

import argparse
import json
from typing import TextIO

from studio_desktop.cli.common import EXIT_JOBS_FAILED, EXIT_OK, CliError
from studio_desktop.cli.output import say
from studio_desktop.core.comfy import ComfyClient, ComfyError
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.engine import (
    ServerState,
)
from studio_desktop.core.servers import probe, record_capabilities
from studio_desktop.core.store import DuplicateServer


def cmd_servers(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    store = ctx.store
    if args.action == "add":
        url = args.url  # checked and normalised by argparse (common.server_url)
        try:
            record = store.add_server(
                args.name or url, url, auth_header=args.auth, enabled=not args.disabled
            )
        except DuplicateServer as exc:
            raise CliError(f"{url} is already registered") from exc
        say(out, args.json, {"added": record.url, "name": record.name}, f"added {record.name}")
        return EXIT_OK
    if args.action == "remove":
        found = store.get_server_by_url(args.url)
        if found is None:
            raise CliError(f"{args.url} is not registered (see `studio-desktop servers list`)")
        store.remove_server(found.id)
        say(out, args.json, {"removed": found.url}, f"removed {found.name}")
        return EXIT_OK
    records = store.list_servers()
    if args.action == "check":
        wanted = args.url
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
                say(
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
            say(
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
