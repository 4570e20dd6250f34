"""Throughput: does the GPU ever wait for us?

50 jobs against fake ComfyUI servers with a fixed run time per prompt and 1024x1024 PNG outputs,
compared in one run with the ideal (jobs x run time), with a naive client that submits, waits,
downloads and repeats (as ComfyUI's own websocket_api_example.py does), and with 3 servers.

    python -m bench.throughput [--jobs 50] [--run-time 0.3] [--size 1024]

Prints one figure per line, ending with `efficiency: X` (ideal / measured, one server).
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
import uuid
from pathlib import Path

import requests
import websocket

from bench._common import checkpoint, fake_servers, run_batch
from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import bind

STEPS = 3


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=50)
    parser.add_argument("--run-time", type=float, default=0.3, help="seconds per prompt")
    parser.add_argument("--size", type=int, default=1024)
    args = parser.parse_args()
    size = (args.size, args.size)
    step_seconds = args.run_time / STEPS
    ideal = args.jobs * args.run_time

    print(f"jobs: {args.jobs}")
    print(f"run time per prompt: {args.run_time:.3f} s")
    print(f"output size: {args.size}x{args.size}")
    print(f"ideal: {ideal:.2f} s")
    with fake_servers(1, steps=STEPS, step_seconds=step_seconds, size=size) as urls:
        naive = naive_batch(urls[0], args.jobs)
        one = run_batch(urls, args.jobs)
    print(f"naive client: {naive:.2f} s (efficiency {ideal / naive:.3f})")
    print(f"studio, 1 server: {one:.2f} s")
    with fake_servers(3, steps=STEPS, step_seconds=step_seconds, size=size) as urls:
        three = run_batch(urls, args.jobs)
    print(f"studio, 3 servers: {three:.2f} s")
    print(f"speed-up vs naive: {naive / one:.2f}x")
    print(f"3 servers vs 1: {one / three:.2f}x (target >= 2.7)")
    print(f"efficiency: {ideal / one:.3f} (target >= 0.95)")


if __name__ == "__main__":
    main()
