"""`python -m bench.cli_batch` runs (at small sizes) and prints its figures. No figure is
checked against its target here: speed is the benchmark's to print, not a test's to assert."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_cli_batch_bench_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench.cli_batch", "--sizes", "1", "2", "3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    figures = dict(
        line.split(": ", 1) for line in result.stdout.splitlines() if line.count(": ") == 1
    )
    for name in ("cli_ms_per_job_1_2", "cli_ms_per_job_2_3", "cli_ms_per_job_1", "cli_growth"):
        float(figures[name])
    assert figures["load"]
