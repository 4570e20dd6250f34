"""A 1,000-job X/Y/Z sweep: queued in under 1 s, and the window responsive while it lists it
(issue 15).

(a) `queue_s`: on a fresh data folder, the sweep `steps=1-N`, `cfg=1-N (+1)`, `seed=1-N`
    (N x N x N cells) parsed (`parse_axes`), expanded (`sweep_params`), each cell's prompt
    resolved (`cell_params`, as `generate --sweep` does) and written as one sweep group through
    `Dispatcher.enqueue` (what `generate` and the window's pool call; 100 jobs a transaction).
    Once with a plain prompt (the figure, target < 1 s) and once with a dynamic one
    (`a {red|green|blue} fox`: the library runs per cell), with the ratio of the two.
(b) `gui_max_stall_ms`: the app's main window (`StudioApp`, offscreen, gc frozen as
    `run_gui` does) on another fresh data folder, its one server an address nothing answers
    (the jobs wait). The same sweep is built in a `Tasks` pool (as the Generate tab builds a
    large batch) and queued through `WorkerPool.enqueue` (the Queue button's path); a 5 ms
    QTimer heartbeat records the longest gap between its ticks from the moment of queueing until
    the queue panel shows the group with all its jobs and History lists it as one row (target
    <= 50 ms).

The machine's load (`os.getloadavg()`) is printed beside the figures; the last lines are
`name: value` for tools.

    python -m bench.sweep_queue [--size 10]
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import time
from pathlib import Path

from bench._machine import load

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TARGET_QUEUE_S = 1.0
TARGET_STALL_MS = 50.0
HEARTBEAT_MS = 5
PLAIN = "a red fox in the snow, bench"
DYNAMIC = "a {red|green|blue} fox in the {snow|rain}, bench"
NO_SERVER = "http://127.0.0.1:9"  # the discard port: nothing answers, the jobs wait
WAIT_S = 120.0


def sweep_specs(size: int) -> list[str]:
    return [f"steps=1-{size}", f"cfg=1-{size} (+1)", f"seed=1-{size}"]


def sweep_jobs(size: int, prompt: str, wildcards: Path) -> tuple[list[object], object]:
    """The sweep's jobs and its group, built as `generate --sweep` builds them."""
    from studio_desktop.core.groups import GroupKind, NewGroup
    from studio_desktop.core.jobs import GenerationParams, NewJob
    from studio_desktop.core.prompts.jobs import cell_params
    from studio_desktop.core.sweeps.axes import expand, parse_axes, sweep_json

    axes = parse_axes(sweep_specs(size))
    base = GenerationParams(prompt=prompt, seed=1, model="bench.safetensors")
    cells = [cell.params for cell in expand(base, axes)]
    values = cell_params(cells, wildcards_dir=wildcards)
    jobs: list[object] = [NewJob(template="txt2img", params=p) for p in values]
    group = NewGroup(prompt[:60], kind=GroupKind.SWEEP, sweep=sweep_json(axes))
    return jobs, group


def measure_queue(size: int, prompt: str) -> dict[str, float]:
    """(a): build and queue the sweep on a fresh data folder; seconds for each half."""
    from studio_desktop.core.context import AppContext
    from studio_desktop.core.engine import Dispatcher
    from studio_desktop.core.jobs import JobStatus
    from studio_desktop.core.servers import ServerConfig

    with tempfile.TemporaryDirectory(prefix="studio-bench-sweep-") as data_dir:
        ctx = AppContext.open(data_dir)
        dispatcher = Dispatcher(ctx.store, ctx.library, ctx.templates, [ServerConfig(NO_SERVER)])
        try:
            start = time.perf_counter()
            jobs, group = sweep_jobs(size, prompt, ctx.paths.wildcards)
            built = time.perf_counter()
            queued = dispatcher.enqueue(jobs, group=group)  # type: ignore[arg-type]
            end = time.perf_counter()
            pending = ctx.store.count_by_status().get(JobStatus.PENDING, 0)
        finally:
            dispatcher.shutdown(5.0)
            ctx.close()
    if len(queued) != size**3 or pending != size**3:
        raise RuntimeError(f"queued {len(queued)}, pending {pending}, wanted {size**3}")
    return {"expand_s": built - start, "write_s": end - built, "queue_s": end - start}


def measure_window(size: int) -> dict[str, float]:
    """(b): the main window while the sweep is queued and listed."""

    from bench._window import Heartbeat, pump_until
    from studio_desktop.app import GuiOptions, StudioApp, qt_application
    from studio_desktop.core.context import AppContext

    total = size**3
    app = qt_application()
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="studio-bench-sweep-gui-") as data_dir:
        ctx = AppContext.open(data_dir)
        options = GuiOptions(
            data_dir=data_dir, crash_dialog=False, first_run=False, servers=(NO_SERVER,)
        )
        studio = StudioApp(app, ctx, options)
        window = studio.window
        panel, history = window.queue_panel, window.history

        try:
            studio.start()
            window.resize(1400, 900)
            window.tabs.setCurrentWidget(history)
            gc.freeze()  # as run_gui does once the window is up
            pump_until(lambda: panel.model.is_loaded and not history.model.loading, 30)
            pump_until(lambda: False, 0.5)  # start-up reads and first paints settle

            heartbeat = Heartbeat(HEARTBEAT_MS)
            box: dict[str, object] = {}

            def built(result: tuple[list[object], object]) -> None:
                jobs, group = result
                box["group"] = group
                box["queued_at"] = time.perf_counter()
                studio.pool.enqueue(jobs, group)  # type: ignore[arg-type]

            def in_panel() -> bool:
                group = box.get("group")
                progress = panel.groups.progress(group.id) if group is not None else None  # type: ignore[attr-defined]
                return progress is not None and progress.total == total

            def in_history() -> bool:
                group = box.get("group")
                if group is None:
                    return False
                progress = history.model.group_progress(group.id)  # type: ignore[attr-defined]
                # Newest first: the group's newest job is the top row, and it is the group's.
                return (
                    progress is not None
                    and progress.total == total
                    and history.model.rowCount() > 0
                    and history.model.group_head(0) == group.id  # type: ignore[attr-defined]
                )

            wildcards = ctx.paths.wildcards
            start = time.perf_counter()
            heartbeat.start()
            studio.tasks.run("read", lambda: sweep_jobs(size, PLAIN, wildcards), built)
            listed = pump_until(lambda: in_panel() and in_history(), WAIT_S)
            end = time.perf_counter()
            pump_until(lambda: False, 0.2)  # what the last change set off
            heartbeat.stop()
            if not listed:
                raise RuntimeError("the window did not list the sweep in time")
            figures["gui_max_stall_ms"] = heartbeat.longest_ms
            figures["gui_stalls_over_50ms"] = heartbeat.count_over(TARGET_STALL_MS)
            figures["heartbeats"] = len(heartbeat.gaps)
            figures["listed_s"] = end - start
            figures["queued_to_listed_s"] = end - float(box["queued_at"])  # type: ignore[arg-type]
            figures["panel_rows"] = panel.model.rowCount()
        finally:
            studio.shutdown()
            window.deleteLater()
            app.processEvents()
            ctx.close()
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--size", type=int, default=10, help="cells per axis (default 10)")
    parser.add_argument("--no-window", action="store_true", help="only (a), the queueing")
    args = parser.parse_args(argv)
    size = args.size
    load_before = load()
    plain = measure_queue(size, PLAIN)
    dynamic = measure_queue(size, DYNAMIC)
    window = measure_window(size) if not args.no_window else None
    load_after = load()
    met = plain["queue_s"] < TARGET_QUEUE_S
    print(f"sweep: {size} x {size} x {size} = {size**3} jobs ({', '.join(sweep_specs(size))})")
    print(
        f"queue (plain prompt): {plain['queue_s'] * 1000:.0f} ms = expand "
        f"{plain['expand_s'] * 1000:.0f} ms + write {plain['write_s'] * 1000:.0f} ms; "
        f"{plain['queue_s'] / size**3 * 1e6:.0f} us/job (target < {TARGET_QUEUE_S:.0f} s: "
        f"{'met' if met else 'missed'})"
    )
    print(
        f"queue (dynamic prompt): {dynamic['queue_s'] * 1000:.0f} ms = expand "
        f"{dynamic['expand_s'] * 1000:.0f} ms + write {dynamic['write_s'] * 1000:.0f} ms; "
        f"{dynamic['queue_s'] / plain['queue_s']:.1f}x the plain prompt's"
    )
    if window is not None:
        stall_met = window["gui_max_stall_ms"] <= TARGET_STALL_MS
        print(
            f"window: queued to listed (queue panel and History) in "
            f"{window['queued_to_listed_s'] * 1000:.0f} ms ({window['listed_s'] * 1000:.0f} ms "
            f"with building the jobs); longest gui stall {window['gui_max_stall_ms']:.1f} ms "
            f"(target <= {TARGET_STALL_MS:.0f}: {'met' if stall_met else 'missed'}; "
            f"{int(window['gui_stalls_over_50ms'])} over {TARGET_STALL_MS:.0f} ms in "
            f"{int(window['heartbeats'])} beats); queue panel rows {int(window['panel_rows'])}"
        )
    print(f"loadavg_before: {load_before}")
    print(f"loadavg_after: {load_after}")
    print(f"jobs: {size**3}")
    print(f"queue_s: {plain['queue_s']:.3f}")
    print(f"queue_target_met: {'yes' if met else 'no'}")
    print(f"queue_dynamic_s: {dynamic['queue_s']:.3f}")
    if window is not None:
        print(f"gui_max_stall_ms: {window['gui_max_stall_ms']:.1f}")
        print(f"gui_stall_target_met: {'yes' if stall_met else 'no'}")
        print(f"queued_to_listed_s: {window['queued_to_listed_s']:.3f}")


if __name__ == "__main__":
    main()
