"""`studio-desktop workflow convert FILE`: the API-format graph of a workflow file, on stdout.

Takes UI JSON (ComfyUI's Save, converted with a server's /object_info), API JSON (printed back
normalised) and PNGs carrying a `prompt` or `workflow` text chunk. The `prompt` chunk is the API
graph that actually ran, so it wins over the `workflow` chunk when a PNG has both. A failure is
one line on stderr, `error: node N (Type): reason` when a node is at fault, and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from studio_desktop.cli.common import EXIT_OK, EXIT_USAGE, CliError

if TYPE_CHECKING:
    from studio_desktop.core.comfy.object_info import ObjectInfo
    from studio_desktop.core.context import AppContext

MAX_FILE_BYTES = 64 * 1024 * 1024  # a PNG with a workflow chunk; JSON is far smaller
PNG_KEYS = ("prompt", "workflow")


def cmd_workflow(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    del ctx  # converting reads no data folder
    return convert_command(args, out, sys.stderr)


def convert_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio_desktop.core.comfy.errors import ComfyError
    from studio_desktop.core.workflows.importer import check_workflow
    from studio_desktop.core.workflows.template import TemplateError
    from studio_desktop.core.workflows.ui_format import is_ui_format
    from studio_desktop.core.workflows.ui_graph.errors import ConversionError

    path = Path(args.file)
    try:
        data = _read(path)
        info = _object_info(args) if is_ui_format(data) else None
        graph = check_workflow(data, path.name, info)
    except ConversionError as exc:
        if exc.node:
            print(f"error: node {exc.node} ({exc.node_type}): {exc.reason}", file=err)
        else:
            print(f"error: {exc}", file=err)
        return EXIT_USAGE
    except (TemplateError, CliError, ComfyError) as exc:
        print(f"error: {_one_line(str(exc))}", file=err)
        return EXIT_USAGE
    json.dump(graph, out, indent=2, sort_keys=True, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK


def _read(path: Path) -> Any:
    from studio_desktop.core.library.imaging import PNG_SIGNATURE, read_png_text

    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise CliError(f"{path.name} is too large to be a workflow")
    if raw.startswith(PNG_SIGNATURE):
        chunks = read_png_text(raw, keys=PNG_KEYS)
        for key in PNG_KEYS:
            if key in chunks:
                return _parse(chunks[key], f"{path.name} ({key} chunk)")
        raise CliError(f"{path.name} is a PNG without a ComfyUI 'prompt' or 'workflow' chunk")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CliError(f"{path.name} is neither JSON nor a PNG") from exc
    return _parse(text, path.name)


def _parse(text: str, what: str) -> Any:
    try:
        return json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise CliError(f"{what} is not valid JSON") from exc


def _object_info(args: argparse.Namespace) -> ObjectInfo:
    """The node definitions to convert a UI-format file with."""
    from studio_desktop.core.comfy.client import ComfyClient
    from studio_desktop.core.comfy.object_info import ObjectInfo

    if args.object_info is not None:
        try:
            raw = json.loads(Path(args.object_info).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CliError(f"cannot read the object_info file {args.object_info}: {exc}") from exc
        if not isinstance(raw, dict):
            raise CliError(f"{args.object_info} is not an /object_info answer (not an object)")
        return ObjectInfo(raw)
    if args.server is not None:
        with ComfyClient(args.server, auth_header=args.auth) as client:
            return client.object_info()
    raise CliError(
        "this is a UI-format workflow (ComfyUI's Save); converting it needs the server's node "
        "list: pass --server URL or --object-info FILE"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
