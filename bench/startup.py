"""Start-up: `studio-desktop --help`, `jobs` on a 100k-job database, and launch to window.

Each figure is the median of `--repeat` fresh processes:
- help_cpu_s: CPU (user + system) of `studio-desktop --help`; bare Python beside it.
- jobs_cpu_s: CPU of `studio-desktop jobs` on the database bench.search builds (cached).
- window_s: wall time from spawning `studio-desktop --self-test` (offscreen Qt, a fake ComfyUI)
  to its `startup:` line, which it prints on the first turn of the event loop after the main
  window is shown. With `--frozen PATH` the same for a PyInstaller build (frozen_window_s).

    python -m bench.startup [--repeat 5] [--jobs 100000] [--frozen dist/StudioDesktop/StudioDesktop]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from bench._common import REPO, fake_servers
from bench._machine import load
from bench.search import ensure_database

APP = [sys.executable, "-m", "studio_desktop"]
# The children run with their bytecode cached, as an installed app does (pip compiles at install,
# the frozen app ships .pyc). A machine with PYTHONDONTWRITEBYTECODE set (this CI image sets it)
# would otherwise count compiling our ~50 modules from source in every run: about 0.1 s.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def child_cpu_s(argv: Sequence[str], env: dict[str, str] | None = None) -> float:
    """CPU seconds (user + system) one run of `argv` took; it must exit 0."""
    before = os.times()
    subprocess.run(argv, cwd=REPO, env=env or CHILD_ENV, stdout=subprocess.DEVNULL, check=True)
    after = os.times()
    return (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )


def window_s(command: Sequence[str], server: str) -> float:
    """Wall seconds from spawning the app with --self-test to its `startup:` line."""
    env = dict(CHILD_ENV, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory(prefix="studio-bench-startup-") as data:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [*command, "--data-dir", data, "--server", server, "--self-test"],
            cwd=REPO,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        shown: float | None = None
        for line in proc.stdout:
            if shown is None and line.startswith("startup:"):
                shown = time.perf_counter() - started
        proc.wait(timeout=120)
    if shown is None or proc.returncode != 0:
        raise RuntimeError(f"the self-test did not show its window (exit {proc.returncode})")
    return shown


def median_of(repeat: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--frozen", type=Path, help="a PyInstaller build's executable")
    args = parser.parse_args()
    root, _ = ensure_database(args.jobs, rebuild=False)
    child_cpu_s([*APP, "--help"])  # warm the file cache and bytecode first
    child_cpu_s([*APP, "--data-dir", str(root), "jobs"])
    figures = {
        "python_cpu_s": median_of(args.repeat, lambda: child_cpu_s([sys.executable, "-c", ""])),
        "help_cpu_s": median_of(args.repeat, lambda: child_cpu_s([*APP, "--help"])),
        "jobs_cpu_s": median_of(
            args.repeat, lambda: child_cpu_s([*APP, "--data-dir", str(root), "jobs"])
        ),
    }
    with fake_servers(1, steps=2, step_seconds=0.01, size=(64, 64)) as (url,):
        window_s(APP, url)  # warm-up
        figures["window_s"] = median_of(args.repeat, lambda: window_s(APP, url))
        if args.frozen is not None:
            frozen = [str(args.frozen)]
            window_s(frozen, url)
            figures["frozen_window_s"] = median_of(args.repeat, lambda: window_s(frozen, url))
    print(f"median of {args.repeat} runs; jobs on {args.jobs} jobs; load {load()}")
    print("targets: help_cpu_s <= 0.15, jobs_cpu_s <= 0.4, window_s <= 1.5 (idle machine)")
    for name, value in figures.items():
        print(f"{name}: {value:.3f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
