"""`studio-desktop`: the window with no command, headless commands otherwise."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from typing import NoReturn, cast

from studio_desktop import __version__


class OneLineParser(argparse.ArgumentParser):
    """A bad argument ends with one line, `error: ...`, and exit code 2 (not the usage dump).
    Subcommand parsers are made of the same class, so every command behaves alike."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    from studio_desktop.cli import add_commands
    from studio_desktop.cli.arguments import positive_seconds

    parser = OneLineParser(
        prog="studio-desktop",
        description="Make images with ComfyUI on your own GPU.",
    )
    parser.add_argument("--version", action="version", version=f"studio-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        dest="global_data_dir",
        default=None,
        metavar="DIR",
        help="data folder, for the window and every command (default: per-user)",
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="log unexpected errors without showing a dialog (tests, automation)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window with a temporary data folder, run one job on --server, close, "
        "and exit 0 if everything worked (checks an install or a build)",
    )
    parser.add_argument(
        "--server",
        dest="global_servers",
        action="append",
        default=None,
        metavar="URL",
        help="ComfyUI to use; repeat for several. The window registers it (see Settings ▸ "
        "Servers); a command uses it for this run (default: the registered servers, else "
        "http://127.0.0.1:8188)",
    )
    parser.add_argument(
        "--self-test-timeout",
        dest="self_test_timeout",
        type=positive_seconds,
        default=None,
        metavar="SECONDS",
        help="seconds --self-test waits for the job's first sampling step (queue and model "
        "load; default 300); after it the limit follows the measured step time",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Sub-parsers are OneLineParsers too (argparse makes them of the parent's class).
    add_commands(cast("argparse._SubParsersAction[argparse.ArgumentParser]", sub))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    started_at = time.perf_counter()  # --self-test reports its start-up time from here
    args_list = list(sys.argv[1:] if argv is None else argv)
    from studio_desktop.core.logs import redact_console

    redact_console()  # an address with a password, echoed in any message, never shows whole
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.self_test:
        if args.command is not None:
            parser.error("--self-test takes no command")
        from studio_desktop.core.urls import DEFAULT_SERVER
        from studio_desktop.selftest import DEFAULT_TIMEOUT_S, SelfTestOptions, run_self_test

        return run_self_test(
            SelfTestOptions(
                server=(args.global_servers or [DEFAULT_SERVER])[0],
                data_dir=args.global_data_dir,
                timeout_s=args.self_test_timeout or DEFAULT_TIMEOUT_S,
                started_at=started_at,
            )
        )
    if args.self_test_timeout is not None:
        parser.error("--self-test-timeout goes with --self-test")
    if args.command is None:
        from studio_desktop.app import GuiOptions, run_gui
        from studio_desktop.core.urls import normalize_base_url

        for url in args.global_servers or ():
            try:
                normalize_base_url(url)
            except ValueError as exc:
                parser.error(str(exc))

        return run_gui(
            GuiOptions(
                data_dir=args.global_data_dir,
                crash_dialog=not args.no_crash_dialog,
                servers=tuple(args.global_servers or ()),
            )
        )
    _apply_global_options(parser, args)
    from studio_desktop.cli import run_command

    return run_command(args)


def _apply_global_options(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """`--data-dir` and `--server` before the command mean the same as after it.

    argparse gives a subcommand's own defaults precedence over the main parser's values, so the
    two spellings have different names and meet here; given both ways, they must agree."""
    if args.global_data_dir is not None:
        if args.data_dir is not None and args.data_dir != args.global_data_dir:
            parser.error("--data-dir is given twice with different folders")
        args.data_dir = args.global_data_dir
    if args.global_servers:
        if not hasattr(args, "server"):
            parser.error(f"--server does not apply to `{args.command}`")
        if args.server and args.server != args.global_servers:
            parser.error("--server is given both before and after the command")
        args.server = args.global_servers


if __name__ == "__main__":
    sys.exit(main())
