"""What every command shares: exit codes, the one-line error, common options, servers."""

from __future__ import annotations

import argparse
import logging
import math
import sys
from collections.abc import Callable, Sequence

from studio_desktop.core.comfy import ComfyClient, ComfyConnectionError, ComfyError
from studio_desktop.core.context import DEFAULT_SERVER, AppContext
from studio_desktop.core.jobs import SEED_MAX
from studio_desktop.core.servers import ServerConfig, pool_servers
from studio_desktop.core.settings import MAX_PIPELINE_DEPTH
from studio_desktop.core.urls import check_auth_header, normalize_base_url

log = logging.getLogger("studio.cli")

EXIT_OK = 0
EXIT_JOBS_FAILED = 1
EXIT_USAGE = 2  # bad arguments, server down, unusable data folder

MAX_COUNT = 1000  # jobs one `generate` queues (run it again for more)
MAX_JOBS_LIMIT = 100_000  # rows `jobs` lists at most
RANDOM_SEED = -1  # `--seed -1`: pick one at random, as with no --seed


class CliError(Exception):
    """A one-line message for the user; exit code 2."""


def server_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--server",
        action="append",
        type=server_url,
        default=None,
        help="ComfyUI URL; repeat for several "
        f"(default: the registered servers, else {DEFAULT_SERVER})",
    )
    parser.add_argument(
        "--auth", type=auth_header, default=None, help="Authorization header value for --server"
    )
    parser.add_argument(
        "--pipeline-depth",
        type=bounded(1, MAX_PIPELINE_DEPTH),
        default=2,
        help=f"prompts kept queued per server (1 to {MAX_PIPELINE_DEPTH}, default 2)",
    )


def common_args(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", default=None, help="data folder (default: per-user)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="log to the console too")


# Argument types: each turns what was typed into a value or says, in one line, what is wrong
# (argparse prints it as `error: argument --x: ...` and exits with 2).


def positive(text: str) -> int:
    value = _whole_number(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def bounded(low: int, high: int) -> Callable[[str], int]:
    """A whole number from `low` to `high`."""

    def parse(text: str) -> int:
        value = _whole_number(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low} to {high}, not {_shown(text)}")
        return value

    return parse


def seed(text: str) -> int:
    """0 to SEED_MAX, or RANDOM_SEED."""
    value = _whole_number(text)
    if value != RANDOM_SEED and not 0 <= value <= SEED_MAX:
        raise argparse.ArgumentTypeError(
            f"must be 0 to {SEED_MAX}, or {RANDOM_SEED} for a random seed, not {_shown(text)}"
        )
    return value


def seconds(text: str) -> float:
    """A wait: 0 or more seconds (0: do not wait)."""
    value = _seconds(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, not {_shown(text)}")
    return value


def positive_seconds(text: str) -> float:
    """A time limit: more than 0 seconds."""
    value = _seconds(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, not {_shown(text)}")
    return value


def _seconds(text: str) -> float:
    try:
        return finite(text)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {_shown(text)}") from None


def finite(text: str) -> float:
    """A number that JSON (so ComfyUI) can carry: not NaN, not infinite."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number, not {_shown(text)!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"must be a finite number, not {_shown(text)}")
    return value


def server_url(text: str) -> str:
    try:
        return normalize_base_url(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def auth_header(text: str) -> str | None:
    try:
        return check_auth_header(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {_shown(text)!r}") from None


def _shown(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


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
