"""What every command shares: exit codes, the one-line error, common options, servers."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from studio_desktop.cli.arguments import (  # re-exported: the commands' one place to import from
    MAX_COUNT,
    MAX_JOBS_LIMIT,
    RANDOM_SEED,
    auth_header,
    bounded,
    common_args,
    finite,
    positive,
    positive_seconds,
    seconds,
    seed,
    server_args,
    server_url,
)
from studio_desktop.core.context import AppContext
from studio_desktop.core.servers import ServerConfig, pool_servers

if TYPE_CHECKING:
    from studio_desktop.core.comfy import ComfyError

log = logging.getLogger("studio.cli")

EXIT_OK = 0
EXIT_JOBS_FAILED = 1
EXIT_USAGE = 2  # bad arguments, server down, unusable data folder


class CliError(Exception):
    """A one-line message for the user; exit code 2."""


__all__ = [
    "EXIT_JOBS_FAILED",
    "EXIT_OK",
    "EXIT_USAGE",
    "MAX_COUNT",
    "MAX_JOBS_LIMIT",
    "RANDOM_SEED",
    "CliError",
    "auth_header",
    "bounded",
    "chosen_servers",
    "common_args",
    "down_message",
    "finite",
    "positive",
    "positive_seconds",
    "reachable_servers",
    "seconds",
    "seed",
    "server_args",
    "server_url",
]


def chosen_servers(ctx: AppContext, args: argparse.Namespace) -> list[ServerConfig]:
    """--server flags, else the enabled registered servers, else the local default."""
    depth = args.pipeline_depth
    if args.server:
        return [
            ServerConfig(url, auth_header=args.auth, pipeline_depth=depth) for url in args.server
        ]
    return list(pool_servers(ctx.store.list_servers(), depth).values())


def reachable_servers(servers: Sequence[ServerConfig]) -> list[ServerConfig]:
    """The servers that answer; a warning line for each that does not (if others do)."""
    # The HTTP client is loaded by the commands that talk to a server, not by `jobs`.
    from studio_desktop.core.comfy import ComfyClient, ComfyError

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


def down_message(servers: Sequence[ServerConfig]) -> str:
    from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError

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
