"""`server start|stop|status|log`: a local ComfyUI that Studio Desktop runs for the user.

`start` finds the install (`--path`, else the first startable one found), starts it on
127.0.0.1, prints the URL once `/system_stats` answers and registers it through the store's
one write path (`Store.add_server`), so `servers check` and `generate` use it. Without
`--detach` this command supervises it (restarts after a crash) until Ctrl-C or `server stop`,
then stops it, and a kill of this command (even `kill -9`) stops it too (the orphan guard,
core/managed/orphan_guard.py). With `--detach` it leaves ComfyUI running and returns: the guard is
released once ComfyUI answers, so a command killed before that still takes ComfyUI with it.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import time
from pathlib import Path
from types import FrameType
from typing import TextIO

from studio_desktop.cli.common import EXIT_JOBS_FAILED, EXIT_OK, CliError
from studio_desktop.cli.output import say
from studio_desktop.core.context import AppContext
from studio_desktop.core.managed.discover import ComfyInstall, find_installs, inspect_folder
from studio_desktop.core.managed.process import (
    AlreadyRunning,
    LaunchSpec,
    ManagedServer,
    Notice,
    PortUse,
    Preset,
    ServerState,
    StartFailed,
    choose_port,
    probe_system_stats,
)
from studio_desktop.core.managed.registry import register_managed
from studio_desktop.core.managed.running import (
    RunningRecord,
    alive,
    log_path,
    read_record,
    remove_record,
    start_detached,
    stop_tree,
    tail,
    wait_gone,
    write_record,
)

FOLLOW_POLL_S = 0.2


def cmd_server(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "find":
        return _find(args, out)
    if args.action == "start":
        return _start(ctx, args, out)
    if args.action == "stop":
        return _stop(ctx, args, out)
    if args.action == "status":
        return _status(ctx, args, out)
    return _log(ctx, args, out)


def _find(args: argparse.Namespace, out: TextIO) -> int:
    extra = [Path(p).expanduser() for p in args.path]
    installs = find_installs(
        home=Path.home(), platform=sys.platform, env=os.environ, extra_folders=extra
    )
    if not installs and not args.json:
        out.write("no ComfyUI found; name its folder: `studio-desktop server start --path DIR`\n")
    for install in installs:
        say(
            out,
            args.json,
            {
                "kind": install.kind.value,
                "path": str(install.path),
                "python": None if install.python is None else str(install.python),
                "main_py": None if install.main_py is None else str(install.main_py),
                "version": install.version,
                "startable": install.startable,
            },
            f"{install.kind.value}  {install.path}  ComfyUI {install.version or '?'}  "
            + (f"python {install.python}" if install.python else "no python (use --python)")
            + ("" if install.main_py else "  (code not found)"),
        )
    return EXIT_OK


def _install(args: argparse.Namespace) -> ComfyInstall:
    python = Path(args.python) if args.python else None
    if args.path:
        found = inspect_folder(Path(args.path).expanduser().resolve(), python=python)
        if found is None:
            raise CliError(
                f"{args.path} is not a ComfyUI folder (no main.py and comfy/, nor a portable "
                "build or the desktop app's folder)"
            )
    else:
        installs = find_installs(home=Path.home(), platform=sys.platform, env=os.environ)
        startable = [i for i in installs if i.startable or (python and i.main_py)]
        if not startable:
            raise CliError("no ComfyUI found; name its folder with --path DIR")
        found = startable[0]
    if python is not None:
        found = ComfyInstall(
            found.kind, found.path, found.main_py, python, found.version, found.base_directory
        )
    if found.main_py is None:
        raise CliError(f"ComfyUI's code was not found for {found.path}; name it with --path")
    if found.python is None:
        raise CliError(f"no python beside {found.path}; name one with --python EXE")
    return found


def _register(ctx: AppContext, url: str) -> None:
    # One entry for the managed server: a start on another port moves its URL.
    register_managed(ctx.store, url)


def _start(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    root = ctx.paths.root
    running = read_record(root)
    if running is not None and alive(running.supervisor_pid or running.pid):
        raise CliError(
            f"a managed ComfyUI already runs at {running.url} (pid {running.pid}); "
            "`studio-desktop server stop` first"
        )
    install = _install(args)
    assert install.main_py is not None and install.python is not None
    spec = LaunchSpec(
        python=install.python,
        main_py=install.main_py,
        port=args.port,
        preset=Preset(args.preset),
        extra_args=tuple(args.extra),
        base_directory=install.base_directory,
    )
    if args.detach:
        return _start_detached(ctx, args, out, spec)
    return _run_foreground(ctx, args, out, spec)


def _start_detached(
    ctx: AppContext, args: argparse.Namespace, out: TextIO, spec: LaunchSpec
) -> int:
    port, use = choose_port(spec.host, spec.port)
    if use is PortUse.COMFYUI:
        raise CliError(f"a ComfyUI already answers at {spec.url(port)}")
    try:
        pid = start_detached(spec, port, ctx.paths.logs, float(args.timeout))
    except StartFailed as exc:
        raise CliError(str(exc)) from exc
    url = spec.url(port)
    write_record(
        ctx.paths.root,
        RunningRecord(
            pid,
            url,
            port,
            True,
            None,
            str(spec.main_py),
            time.time(),
            _base_directory(spec),
        ),
    )
    _register(ctx, url)
    say(out, args.json, {"url": url, "pid": pid, "detached": True}, url)
    return EXIT_OK


def _run_foreground(
    ctx: AppContext, args: argparse.Namespace, out: TextIO, spec: LaunchSpec
) -> int:
    def notice(n: Notice) -> None:
        print(f"warning: {n.text}", file=sys.stderr)
        for line in n.last_lines:
            print(f"  | {line}", file=sys.stderr)

    done = threading.Event()

    def on_state(state: ServerState) -> None:
        if state is ServerState.FAILED:
            done.set()

    server = ManagedServer(
        spec,
        ctx.paths.logs,
        ready_timeout_s=float(args.timeout),
        on_notice=notice,
        on_state=on_state,
    )
    if args.verbose:
        server.subscribe(lambda line: print(line, file=sys.stderr, flush=True))

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt  # `server stop` asks this command to stop, as Ctrl-C does

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        try:
            url = server.start()
        except AlreadyRunning as exc:
            raise CliError(f"{exc}; use it, or pick another --port") from exc
        except StartFailed as exc:
            raise CliError(str(exc)) from exc
        write_record(
            ctx.paths.root,
            RunningRecord(
                server.pid or 0,
                url,
                server.port,
                False,
                os.getpid(),
                str(spec.main_py),
                time.time(),
                _base_directory(spec),
            ),
        )
        _register(ctx, url)
        say(out, args.json, {"url": url, "pid": server.pid, "detached": False}, url)
        while not done.wait(1.0):
            pass
        return EXIT_JOBS_FAILED  # gave up restarting (the notice said why)
    except KeyboardInterrupt:
        return EXIT_OK
    finally:
        was_up = server.pid is not None
        server.stop()
        record = read_record(ctx.paths.root)
        if record is not None and record.supervisor_pid == os.getpid():
            remove_record(ctx.paths.root)
        signal.signal(signal.SIGTERM, previous)
        if was_up:
            print("stopped ComfyUI", file=sys.stderr)


def _stop(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    record = read_record(ctx.paths.root)
    if record is None:
        say(out, args.json, {"stopped": None}, "no managed ComfyUI is running")
        return EXIT_OK
    if record.supervisor_pid is not None and alive(record.supervisor_pid):
        os.kill(record.supervisor_pid, signal.SIGTERM)  # it stops ComfyUI and removes the record
        if not wait_gone(record.supervisor_pid, 30.0):
            raise CliError(f"the command running ComfyUI (pid {record.supervisor_pid}) went on")
        if alive(record.pid):
            stop_tree(record.pid)
    elif alive(record.pid):
        stop_tree(record.pid)
    remove_record(ctx.paths.root)
    say(out, args.json, {"stopped": record.url, "pid": record.pid}, f"stopped {record.url}")
    return EXIT_OK


def _status(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    record = read_record(ctx.paths.root)
    running = record is not None and alive(record.pid)
    if record is None or not running:
        if record is not None:
            remove_record(ctx.paths.root)  # it ended without us (a crash, a reboot)
        say(out, args.json, {"running": False}, "no managed ComfyUI is running")
        return EXIT_JOBS_FAILED
    answers = probe_system_stats("127.0.0.1", record.port)
    how = "detached" if record.detached else f"run by pid {record.supervisor_pid}"
    say(
        out,
        args.json,
        {
            "running": True,
            "url": record.url,
            "pid": record.pid,
            "detached": record.detached,
            "answers": answers,
        },
        f"running at {record.url} (pid {record.pid}, {how}), "
        + ("answering" if answers else "not answering"),
    )
    return EXIT_OK


def _log(ctx: AppContext, args: argparse.Namespace, out: TextIO) -> int:
    path = log_path(ctx.paths.logs)
    if not path.exists() and not args.follow:
        raise CliError(f"no log yet ({path}): start ComfyUI with `studio-desktop server start`")
    position = path.stat().st_size if path.exists() else 0  # the tail ends here: no line
    for line in tail(path, args.lines, max_bytes=max(256 * 1024, args.lines * 400), end=position):
        out.write(line + "\n")
    out.flush()
    if not args.follow:
        return EXIT_OK
    try:
        while True:
            try:
                size = path.stat().st_size
            except FileNotFoundError:
                size = 0
            if size < position:  # rolled over: start from the new file's beginning
                position = 0
            if size > position:
                with path.open("rb") as file:
                    file.seek(position)
                    data = file.read(size - position)
                position += len(data)
                out.write(data.decode("utf-8", errors="replace"))
                out.flush()
            time.sleep(FOLLOW_POLL_S)
    except KeyboardInterrupt:
        return EXIT_OK


def _base_directory(spec: LaunchSpec) -> str | None:
    return str(spec.base_directory) if spec.base_directory is not None else None
