"""CLI batch: the CPU `studio-desktop generate --count N` takes per job, for a small and a
large N: it must stay flat as the batch grows (issue 12 measured 96 ms/job at 50 jobs rising to
119 at 500, when the command re-read every unfinished job on each engine event).

One fake ComfyUI in its own process; each batch is a fresh `generate` process on a fresh data
folder, its CPU (user + system) read when it exits. Start-up cancels out: the figure for a size
is the difference between that batch and the smallest one, over the difference in jobs.

    python -m bench.cli_batch [--sizes 50 250 500] [--look gradient]

Ends with `name: value` lines: cli_ms_per_job_<from>_<to> for each step, cli_growth (the last
step's figure over the first's: 1.0 is flat) and the load.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile

from bench._common import checkpoint, fake_servers
from bench._machine import load
from bench.startup import APP, child_cpu_s


def batch_cpu_s(url: str, model: str, jobs: int, first_seed: int) -> float:
    """CPU seconds of one `generate` of `jobs` jobs on a fresh data folder; it must exit 0."""
    with tempfile.TemporaryDirectory(prefix="studio-bench-cli-") as data:
        argv = [
            *APP,
            "--data-dir",
            data,
            "generate",
            "--server",
            url,
            "--count",
            str(jobs),
            "--seed",
            str(first_seed),  # apart from every other batch: the fake caches by input
            "--model",
            model,
            "--steps",
            "2",
            "bench",
        ]
        return child_cpu_s(argv)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 250, 500])
    parser.add_argument("--look", default="gradient", choices=("gradient", "photo"))
    args = parser.parse_args()
    sizes = sorted(args.sizes)
    if len(sizes) < 2:
        parser.error("give at least two sizes")
    cpu: dict[int, float] = {}
    with fake_servers(1, steps=2, step_seconds=0.01, size=(512, 512), look=args.look) as (url,):
        model = checkpoint(url)
        batch_cpu_s(url, model, 3, first_seed=90_000_000)  # warm-up: bytecode, file cache
        seed = 0
        for size in sizes:
            cpu[size] = batch_cpu_s(url, model, size, first_seed=seed)
            seed += size
            print(f"{size} jobs: {cpu[size]:.2f} s CPU (load {load()})")
    smallest = sizes[0]
    steps: list[float] = []
    print("target: flat in N (cli_growth close to 1.0)")
    for low, high in itertools.pairwise(sizes):
        per_job = (cpu[high] - cpu[low]) / (high - low) * 1000
        steps.append(per_job)
        print(f"cli_ms_per_job_{low}_{high}: {per_job:.1f}")
    print(f"cli_ms_per_job_{smallest}: {cpu[smallest] / smallest * 1000:.1f}")
    # nan when the first step measured no CPU at all (tiny sizes: timer resolution)
    growth = steps[-1] / steps[0] if steps[0] > 0 else float("nan")
    print(f"cli_growth: {growth:.2f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
