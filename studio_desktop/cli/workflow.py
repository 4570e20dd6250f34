"""`studio-desktop workflow convert FILE` and `studio-desktop import FILE`.

Both read a file the way the window's import does (core.workflows.sources: UI or API JSON, the
`prompt`/`workflow` metadata of a PNG, WebP, video or audio file, Civitai's JSON) and check it
with the same `check_workflow`. `workflow convert` prints the API-format graph on stdout;
`import` saves it as a template through `save_as_template`, the import dialog's write path. A
failure is one line on stderr, `error: node N (Type): reason` when a node is at fault, and exit
code 2.

A UI-format file needs a server's node list (/object_info). `convert` takes it only from
--object-info or --server, so its output never depends on which servers are registered;
`import`, like the window, also asks the registered servers (else the local default) when given
neither.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from studio_desktop.cli.common import EXIT_OK, EXIT_USAGE, CliError

if TYPE_CHECKING:
    from studio_desktop.core.comfy.object_info import ObjectInfo
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.servers import ServerConfig
    from studio_desktop.core.workflows.template import TemplateError

NEEDS_NODE_LIST = (
    "this is a UI-format workflow (ComfyUI's Save); converting it needs the server's node "
    "list: pass --server URL or --object-info FILE"
)


def cmd_workflow(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    del ctx  # converting reads no data folder
    return convert_command(args, out, sys.stderr)


def cmd_import(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    return import_command(ctx, args, out, sys.stderr)


def convert_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio_desktop.core.comfy.errors import ComfyError
    from studio_desktop.core.workflows.template import TemplateError

    try:
        graph = _read_graph(args, None)
    except TemplateError as exc:
        return _refused(exc, err)
    except (CliError, ComfyError) as exc:
        print(f"error: {_one_line(str(exc))}", file=err)
        return EXIT_USAGE
    json.dump(graph, out, indent=2, sort_keys=True, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK


def import_command(ctx: AppContext, args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from studio_desktop.core.comfy.errors import ComfyError
    from studio_desktop.core.workflows.detect import detect_slots
    from studio_desktop.core.workflows.importer import default_name, save_as_template
    from studio_desktop.core.workflows.template import TemplateError

    path = Path(args.file)
    name = (args.name or "").strip() or default_name(path)
    try:
        info: list[ObjectInfo] = []  # the node list, when one was read
        graph = _read_graph(args, ctx, info)
        node_list = info[0] if info else None
        template = save_as_template(
            graph, detect_slots(graph, node_list), name, ctx.paths.templates
        )
    except TemplateError as exc:
        return _refused(exc, err)
    except (CliError, ComfyError) as exc:
        print(f"error: {_one_line(str(exc))}", file=err)
        return EXIT_USAGE
    slots = [*template.slots, *(image.name for image in template.images)]
    if args.json:
        record = {"id": template.id, "name": template.name, "slots": slots}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        listed = ", ".join(slots) if slots else "none"
        out.write(f"imported {path.name} as template {template.id} ({template.name}); ")
        out.write(f"slots: {listed}\n")
    return EXIT_OK


def _read_graph(
    args: argparse.Namespace, ctx: AppContext | None, info_out: list[ObjectInfo] | None = None
) -> dict[str, Any]:
    """The checked API graph of args.file. A node list is read from --object-info or --server
    whenever given (so node classes are checked too), and for a UI-format file also from the
    registered servers when `ctx` is given; `info_out` receives it."""
    from studio_desktop.core.workflows.importer import check_workflow
    from studio_desktop.core.workflows.sources import load_workflow_source
    from studio_desktop.core.workflows.ui_format import is_ui_format

    source = load_workflow_source(Path(args.file))
    explicit = args.object_info is not None or bool(args.server)
    info = None
    if explicit or is_ui_format(source.data):
        info = _object_info(args, ctx)
        if info_out is not None:
            info_out.append(info)
    return check_workflow(source.data, source.what, info)


def _refused(exc: TemplateError, err: TextIO) -> int:
    from studio_desktop.core.workflows.ui_graph.errors import ConversionError

    if isinstance(exc, ConversionError) and exc.node:
        print(f"error: node {exc.node} ({exc.node_type}): {_one_line(str(exc.reason))}", file=err)
    else:
        print(f"error: {_one_line(str(exc))}", file=err)
    return EXIT_USAGE


def _object_info(args: argparse.Namespace, ctx: AppContext | None) -> ObjectInfo:
    """The node definitions to convert or check a workflow with."""
    from studio_desktop.core.comfy.object_info import ObjectInfo
    from studio_desktop.core.servers import ServerConfig, pool_servers

    if args.object_info is not None:
        try:
            raw = json.loads(Path(args.object_info).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            raise CliError(f"cannot read the object_info file {args.object_info}: {exc}") from exc
        if not isinstance(raw, dict):
            raise CliError(f"{args.object_info} is not an /object_info answer (not an object)")
        return ObjectInfo(raw)
    if args.server:
        return _first_answer([ServerConfig(url, auth_header=args.auth) for url in args.server])
    if ctx is None:
        raise CliError(NEEDS_NODE_LIST)
    return _first_answer(list(pool_servers(ctx.store.list_servers(), 1).values()))


def _first_answer(servers: Sequence[ServerConfig]) -> ObjectInfo:
    """/object_info of the first server that gives it; CliError naming each one that did not."""
    from studio_desktop.core.comfy.client import ComfyClient
    from studio_desktop.core.comfy.errors import ComfyError

    failures: list[str] = []
    for server in servers:
        try:
            with ComfyClient(server.url, auth_header=server.auth_header) as client:
                return client.object_info()
        except ComfyError as exc:
            failures.append(f"{server.url}: {exc}")
    raise CliError(
        "cannot read the server's node list ("
        + "; ".join(failures)
        + "); start ComfyUI, or pass --server URL or --object-info FILE"
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())
