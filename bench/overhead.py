"""Overhead: CPU time the app spends per job (events, download, verify, store, thumbnail, DB).

The fake ComfyUI runs in its own process, so only our process's CPU time is counted. Fixed costs
(start-up, connecting) cancel out: the figure is the difference between a large and a small batch,
divided by the difference in jobs.

    python -m bench.overhead [--small 10] [--large 40]
"""

from __future__ import annotations

import argparse

from bench._common import fake_servers, run_batch_measured


def per_job_cpu_ms(size: int, small: int, large: int) -> float:
    with fake_servers(1, steps=2, step_seconds=0.01, size=(size, size)) as urls:
        run_batch_measured(urls, 3)  # warm-up: imports, first encodes in the fake
        _, cpu_small = run_batch_measured(urls, small)
        _, cpu_large = run_batch_measured(urls, large)
    return (cpu_large - cpu_small) / (large - small) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=40)
    args = parser.parse_args()
    for size in (512, 1024):
        ms = per_job_cpu_ms(size, args.small, args.large)
        target = " (target < 25)" if size == 1024 else ""
        print(f"cpu per job {size}x{size}: {ms:.1f} ms{target}")


if __name__ == "__main__":
    main()
