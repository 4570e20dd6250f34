"""`python -m bench.sweep_queue` runs (at a small size) and prints its figures. No figure is
checked against its target here: speed is the benchmark's to print, not a test's to assert."""

from __future__ import annotations

from tests.integration.bench_run import bench_figures


def test_the_sweep_queue_bench_prints_its_figures() -> None:
    figures = bench_figures("sweep_queue", "--size", "2", offscreen=True)
    assert figures["jobs"] == "8"
    for name in ("queue_s", "queue_dynamic_s", "gui_max_stall_ms", "queued_to_listed_s"):
        float(figures[name])
    assert figures["queue_target_met"] in ("yes", "no")
    assert figures["gui_stall_target_met"] in ("yes", "no")
    assert figures["loadavg_before"] and figures["loadavg_after"]
