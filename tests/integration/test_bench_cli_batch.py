"""`python -m bench.cli_batch` runs (at small sizes) and prints its figures. No figure is
checked against its target here: speed is the benchmark's to print, not a test's to assert."""

from __future__ import annotations

from tests.integration.bench_run import bench_figures


def test_the_cli_batch_bench_prints_its_figures() -> None:
    figures = bench_figures("cli_batch", "--sizes", "1", "2", "3")
    for name in ("cli_ms_per_job_1_2", "cli_ms_per_job_2_3", "cli_ms_per_job_1", "cli_growth"):
        float(figures[name])
    assert figures["load"]
