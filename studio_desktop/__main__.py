"""`studio-desktop`: the window with no command, headless commands otherwise."""

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
    parser.add_argument(
        "--data-dir", dest="gui_data_dir", default=None, help="data folder (default: per-user)"
    )
    parser.add_argument(
        "--no-crash-dialog",
        action="store_true",
        help="log unexpected errors without showing a dialog (tests, automation)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    add_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        from studio_desktop.app import GuiOptions, run_gui

        return run_gui(
            GuiOptions(data_dir=args.gui_data_dir, crash_dialog=not args.no_crash_dialog)
        )
    from studio_desktop.cli import run_command

    return run_command(args)


if __name__ == "__main__":
    sys.exit(main())
