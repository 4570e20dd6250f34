"""Prompt search: how long `Store.search_prompts` (the History search, `studio-desktop jobs
--search`) takes for the first page of 100 results on a large database.

Builds a database of N finished jobs outside the repo, cached in the temp folder between runs and
keyed on N. Rows go in through the store's own tables in bulk (one executemany per 10k rows; the
FTS triggers index them as they land). Prompts are drawn from a small vocabulary so that common
terms match a large share of the jobs, as real prompts do ("masterpiece, best quality, ...").
A few jobs are in the trash, so the "not deleted" filter has rows to drop.

Then, for each query: one warm-up call, then the median (and min/max) of `--repeat` calls.

    python -m bench.search [--jobs 100000] [--repeat 21] [--rebuild]
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

BATCH = 10_000
PAGE = 100
TARGET_MS = 5.0
TARGET_3_TERMS_MS = 20.0

COMMON = ("masterpiece", "best quality", "portrait", "detailed", "lighting", "landscape")
SUBJECTS = (
    "red cat",
    "blue lake",
    "old sailor",
    "一只猫",
    "mountain village",
    "neon city",
    "forest path",
    "castle ruins",
    "robot",
    "astronaut",
    "桜の木",
    "desert caravan",
)
STYLES = ("oil painting", "watercolor", "photo", "anime style", "ink sketch", "3d render")

# (label, query): the figure named `search_ms_median` is the 2-term one.
QUERIES = (
    ("1 term", "sailor"),
    ("2 terms", "portrait sailor"),
    ("3 common terms", "masterpiece detailed lighting"),
    ("CJK term", "一只猫"),
    ("CJK 1 char", "猫"),
    ("no match", "zeppelin"),
)


def database_dir(count: int) -> Path:
    return Path(tempfile.gettempdir()) / f"studio-bench-search-{count}"


def _prompt(rng: random.Random, n: int) -> str:
    parts = [c for c in COMMON if rng.random() < 0.4]
    parts.append(rng.choice(SUBJECTS))
    parts.append(rng.choice(STYLES))
    rng.shuffle(parts)
    return ", ".join(parts) + f", seed {n}"


def build(root: Path, count: int) -> None:
    """Bulk insert into the store's jobs table (the same columns `jobs_repo.insert` fills)."""
    from sqlalchemy import insert

    from studio_desktop.core.context import AppContext
    from studio_desktop.core.jobs import JobStatus
    from studio_desktop.core.store.models import JobRow

    if root.exists():
        shutil.rmtree(root)
    rng = random.Random(12)
    start = datetime.now(UTC) - timedelta(days=365)
    with AppContext.open(root) as ctx:
        for first in range(0, count, BATCH):
            rows: list[dict[str, Any]] = []
            for n in range(first, min(first + BATCH, count)):
                prompt = _prompt(rng, n)
                negative = "blurry, lowres" if n % 3 else ""
                now = start + timedelta(seconds=n * 30)
                rows.append(
                    {
                        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                        "template": "txt2img",
                        "params": {"prompt": prompt, "negative": negative, "seed": n},
                        "prompt": prompt,
                        "negative": negative,
                        "model": "bench.ckpt",
                        "workflow": None,
                        "inputs": [],
                        "status": JobStatus.COMPLETED.value,
                        "server": "http://127.0.0.1:8188",
                        "pinned": False,
                        "attempt": 1,
                        "priority": 0,
                        "progress": 1.0,
                        "progress_text": "",
                        "error": None,
                        "created_at": now,
                        "started_at": now,
                        "finished_at": now,
                        "updated_at": now,
                        "deleted": n % 50 == 7,
                        "revision": n + 1,
                        "owner": None,
                    }
                )
            with ctx.store._db.write() as session:  # one transaction per batch
                session.execute(insert(JobRow), rows)
    (root / ".complete").write_text(str(count))


def ensure_database(count: int, rebuild: bool) -> tuple[Path, float | None]:
    root = database_dir(count)
    marker = root / ".complete"
    if not rebuild and marker.exists() and marker.read_text() == str(count):
        return root, None
    started = time.perf_counter()
    build(root, count)
    return root, time.perf_counter() - started


def measure(root: Path, repeat: int) -> dict[str, tuple[float, float, float, int]]:
    """label -> (median ms, min ms, max ms, rows found)."""
    from studio_desktop.core.context import AppContext

    figures: dict[str, tuple[float, float, float, int]] = {}
    with AppContext.open(root) as ctx:
        store = ctx.store
        for label, query in QUERIES:
            found = len(store.search_prompts(query, limit=PAGE))  # warm-up (page cache, plans)
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                store.search_prompts(query, limit=PAGE)
                times.append((time.perf_counter() - started) * 1000)
            figures[label] = (statistics.median(times), min(times), max(times), found)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--rebuild", action="store_true", help="build the database again")
    args = parser.parse_args()
    root, build_s = ensure_database(args.jobs, args.rebuild)
    load_before = os.getloadavg()
    figures = measure(root, args.repeat)
    load_after = os.getloadavg()
    print(f"jobs: {args.jobs}")
    print(f"database: {root}")
    print(f"database build: {build_s:.1f} s" if build_s is not None else "database build: reused")
    print("load average (1/5/15 min) before: {:.2f} {:.2f} {:.2f}".format(*load_before))
    print("load average (1/5/15 min) after:  {:.2f} {:.2f} {:.2f}".format(*load_after))
    print(f"first page of {PAGE}, {args.repeat} runs each:")
    for label, query in QUERIES:
        median, low, high, found = figures[label]
        print(
            f"  {label:<15} {query!r:<34} median {median:7.2f} ms  "
            f"(min {low:.2f}, max {high:.2f})  rows {found}"
        )
    print(f"targets: median <= {TARGET_MS:g} ms, 3 common terms <= {TARGET_3_TERMS_MS:g} ms")
    print(f"jobs: {args.jobs}")
    print(f"loadavg_1m: {load_after[0]:.2f}")
    print(f"search_ms_median: {figures['2 terms'][0]:.2f}")
    print(f"search_1_term_ms_median: {figures['1 term'][0]:.2f}")
    print(f"search_3_terms_ms_median: {figures['3 common terms'][0]:.2f}")
    print(f"search_cjk_ms_median: {figures['CJK term'][0]:.2f}")
    print(f"search_cjk_1_char_ms_median: {figures['CJK 1 char'][0]:.2f}")
    print(f"search_no_match_ms_median: {figures['no match'][0]:.2f}")


if __name__ == "__main__":
    main()
