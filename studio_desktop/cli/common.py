"""What every command shares: exit codes, the one-line error, common options, servers."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.servers import ServerConfig, pool_servers

log = logging.getLogger("studio.cli")

EXIT_OK = 0
EXIT_JOBS_FAILED = 1
EXIT_USAGE = 2  # bad arguments, server down, unusable data folder

SEED_MAX = 2**32 - 1


class CliError(Exception):
    """A one-line message for the user; exit code 2."""


def server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server",
        action="append",
        default=None,
        help="ComfyUI URL; repeat for several "
        f"(default: the registered servers, else {DEFAULT_SERVER})",
    )
    parser.add_argument("--auth", default=None, help="Authorization header value for --server")
    parser.add_argument(
        "--pipeline-depth", type=positive, default=2, help="prompts kept queued per server"
    )


def common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None, help="data folder (default: per-user)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the console too")


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


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


def choose_model(servers: Sequence[ServerConfig], wanted: str | None) -> str:
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
