"""`studio-desktop`: the window with no arguments, headless commands otherwise."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from studio_desktop import __version__


def build_parser() -> argparse.ArgumentParser:
    from studio_desktop.cli import add_commands

    parser = argparse.ArgumentParser(
        prog="studio-desktop",
        description="Make images with ComfyUI on your own GPU.",
    )
    parser.add_argument("--version", action="version", version=f"studio-desktop {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 0
    from studio_desktop.cli import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
