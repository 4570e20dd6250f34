"""Throughput: does the GPU ever wait for us?

48 jobs against 1, 3 and 8 fake ComfyUI servers with a fixed run time per prompt and 1024x1024
PNG outputs (photo-like by default: as large and slow to decode as real ones). Each phase starts
its fakes, warms every one of them (a fresh fake's first prompts run slow), then measures the
fakes' own floor (every prompt queued at once, no client) and the client. Efficiency is printed
against the ideal (jobs / servers x run time) and against that floor (what the fakes manage on
this machine now); the naive client (submit, wait, download, repeat, as ComfyUI's
websocket_api_example.py does) runs on the one-server phase. The machine load is printed beside
each phase: on a shared machine the figures move with it.

    python -m bench.throughput [--jobs 48] [--run-time 0.3] [--size 1024] [--look photo]

Ends with `name: value` lines: `efficiency_1:` (one server, vs ideal), `speedup_3:`,
`speedup_8:` (vs one server), the floor efficiencies and the load.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import requests
import websocket

from bench._common import checkpoint, fake_servers, run_batch
from bench._machine import load
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import bind

STEPS = 3
# Seed ranges of the batches that share one set of fakes: the fake caches outputs by input
# signature like ComfyUI, so a repeated seed would finish at once and flatter the figure.
WARM_SEED = 100_000
FLOOR_SEED = 200_000


def naive_batch(url: str, jobs: int) -> float:
    """Submit one prompt, wait for its end on the websocket, download, save, repeat."""
    model = checkpoint(url)
    client_id = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(prefix="studio-naive-") as out_dir:
        ctx = AppContext.open(Path(out_dir) / "data")
        template = ctx.templates.get("txt2img")
        ctx.close()
        ws = websocket.create_connection(f"ws://{url.split('://', 1)[1]}/ws?clientId={client_id}")
        session = requests.Session()
        start = time.perf_counter()
        for i in range(jobs):
            params = GenerationParams(prompt=f"naive {i}", seed=10_000 + i, model=model)
            graph = bind(template, params, job_id=f"naive{i}")
            answer = session.post(f"{url}/prompt", json={"prompt": graph, "client_id": client_id})
            prompt_id = answer.json()["prompt_id"]
            while True:
                message = ws.recv()
                if isinstance(message, str):
                    data = json.loads(message)
                    if (
                        data["type"] == "executing"
                        and data["data"]["node"] is None
                        and data["data"]["prompt_id"] == prompt_id
                    ):
                        break
            history = session.get(f"{url}/history/{prompt_id}").json()[prompt_id]
            for output in history["outputs"].values():
                for image in output.get("images", []):
                    data_bytes = session.get(f"{url}/view", params=image).content
                    (Path(out_dir) / f"{prompt_id}_{image['filename']}").write_bytes(data_bytes)
        elapsed = time.perf_counter() - start
        ws.close()
        session.close()
        return elapsed


def queued_floor(urls: list[str], jobs: int, first_seed: int) -> float:
    """The fakes' own floor: every prompt queued at once straight to the servers (round robin),
    no client in between; wall time until every queue is empty. Whatever the client adds on top
    of this is client cost; what separates this from the ideal is the fakes on a busy machine."""
    model = checkpoint(urls[0])
    with tempfile.TemporaryDirectory(prefix="studio-floor-") as out_dir:
        ctx = AppContext.open(Path(out_dir) / "data")
        template = ctx.templates.get("txt2img")
        ctx.close()
    graphs = [
        bind(
            template,
            GenerationParams(prompt=f"floor {i}", seed=first_seed + i, model=model),
            job_id=f"floor{i}",
        )
        for i in range(jobs)
    ]
    sessions = [requests.Session() for _ in urls]
    client_id = uuid.uuid4().hex
    start = time.perf_counter()
    for i, graph in enumerate(graphs):
        k = i % len(urls)
        answer = sessions[k].post(
            f"{urls[k]}/prompt", json={"prompt": graph, "client_id": client_id}
        )
        answer.raise_for_status()
    busy = list(range(len(urls)))
    while busy:
        still = []
        for k in busy:
            queue = sessions[k].get(f"{urls[k]}/queue").json()
            if queue["queue_running"] or queue["queue_pending"]:
                still.append(k)
        busy = still
        if busy:
            # Polling granularity (10 ms) is small against the seconds a phase takes.
            time.sleep(0.01)
    elapsed = time.perf_counter() - start
    for session in sessions:
        session.close()
    return elapsed


@dataclass(frozen=True)
class Phase:
    servers: int
    seconds: float
    floor: float
    ideal: float
    load: str

    @property
    def vs_ideal(self) -> float:
        return self.ideal / self.seconds

    @property
    def vs_floor(self) -> float:
        return self.floor / self.seconds


def run_phase(
    servers: int, jobs: int, run_time: float, size: int, look: str
) -> tuple[Phase, float | None]:
    """Start `servers` fakes, warm each one, measure the all-queued floor, then the client.
    Returns the phase and, for one server, the naive client's time."""
    step_seconds = run_time / STEPS
    with fake_servers(
        servers, steps=STEPS, step_seconds=step_seconds, size=(size, size), look=look
    ) as urls:
        # Warm-up: a fresh fake runs its first prompts slowly (imports, first PNG encodes,
        # allocator growth); two jobs per server through the client reach every one of them.
        run_batch(urls, 2 * servers, first_seed=WARM_SEED)
        floor = queued_floor(urls, jobs, FLOOR_SEED)
        naive = naive_batch(urls[0], jobs) if servers == 1 else None
        seconds = run_batch(urls, jobs, first_seed=0)
    ideal = -(-jobs // servers) * run_time
    return Phase(servers, seconds, floor, ideal, load()), naive


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=48)
    parser.add_argument("--run-time", type=float, default=0.3, help="seconds per prompt")
    parser.add_argument("--size", type=int, default=1024)
    parser.add_argument(
        "--look",
        choices=("gradient", "photo"),
        default="photo",
        help="photo: outputs as large and slow to decode as real ones (~1.5 MiB at 1024²)",
    )
    args = parser.parse_args()

    print(
        f"jobs: {args.jobs}, run time per prompt: {args.run_time:.3f} s, "
        f"output {args.size}² ({args.look})"
    )
    print(f"cores: {os.cpu_count()}, load at start: {load()}")
    phases: dict[int, Phase] = {}
    naive: float | None = None
    for servers in (1, 3, 8):
        phase, naive_s = run_phase(servers, args.jobs, args.run_time, args.size, args.look)
        phases[servers] = phase
        naive = naive if naive_s is None else naive_s
        print(
            f"studio, {servers} server(s): {phase.seconds:.2f} s; ideal {phase.ideal:.2f} s "
            f"(efficiency {phase.vs_ideal:.3f}); all-queued floor {phase.floor:.2f} s "
            f"(efficiency {phase.vs_floor:.3f}); load {phase.load}"
        )
    one = phases[1]
    if naive is not None:
        print(f"naive client, 1 server: {naive:.2f} s (efficiency {one.ideal / naive:.3f})")
        print(f"speed-up vs naive: {naive / one.seconds:.2f}x")
    for servers in (3, 8):
        phase = phases[servers]
        print(
            f"{servers} servers vs 1: {one.seconds / phase.seconds:.2f}x "
            f"(floor's own: {one.floor / phase.floor:.2f}x, ideal {servers}x)"
        )
    print(f"efficiency_1: {one.vs_ideal:.3f}")
    print(f"efficiency_floor_1: {one.vs_floor:.3f}")
    print(f"speedup_3: {one.seconds / phases[3].seconds:.2f}")
    print(f"speedup_8: {one.seconds / phases[8].seconds:.2f}")
    print(f"efficiency_floor_3: {phases[3].vs_floor:.3f}")
    print(f"efficiency_floor_8: {phases[8].vs_floor:.3f}")
    print(f"load: {load()}")


if __name__ == "__main__":
    main()
