"""`python -m bench.overhead` runs (at a small size) and prints its figures, and its in-situ
timing of the library's image work saw every output of the measured batches (else
fixed_ms_per_job would count image work as fixed cost, or leave some out). No figure is checked
against its target here: speed is the benchmark's to print, not a test's to assert."""

from __future__ import annotations

from tests.integration.bench_run import bench_figures


def test_the_overhead_bench_times_the_image_work_of_every_output() -> None:
    small, large, pairs = 1, 2, 1
    figures = bench_figures(
        "overhead",
        *("--small", str(small), "--large", str(large), "--pairs", str(pairs), "--size", "64"),
    )
    for look in ("gradient", "photo"):
        assert int(figures[f"images_timed_{look}"]) == pairs * (small + large)
        for name in ("client_ms_per_job", "image_work_in_situ_ms", "fixed_ms", "fixed_vs_loop_ms"):
            float(figures[f"{name}_{look}"])
    float(figures["fixed_ms_per_job"])
    float(figures["total_vs_floor"])
    assert figures["load"]
