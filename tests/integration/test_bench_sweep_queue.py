"""`python -m bench.sweep_queue` runs (at a small size) and prints its figures. No figure is
checked against its target here: speed is the benchmark's to print, not a test's to assert."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_sweep_queue_bench_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.sweep_queue", "--size", "2"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = dict(
        line.split(": ", 1) for line in result.stdout.splitlines() if line.count(": ") == 1
    )
    assert figures["jobs"] == "8"
    for name in ("queue_s", "queue_dynamic_s", "gui_max_stall_ms", "queued_to_listed_s"):
        float(figures[name])
    assert figures["queue_target_met"] in ("yes", "no")
    assert figures["gui_stall_target_met"] in ("yes", "no")
    assert figures["loadavg_before"] and figures["loadavg_after"]
