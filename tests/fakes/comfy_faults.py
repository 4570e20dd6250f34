"""Fault switches of the fake ComfyUI server (re-exported by ``comfy_server``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Faults:
    """Mutable switches; the server reads them live, so tests may flip them at any time."""

    # POST /prompt -> 400 prompt_outputs_failed_validation with per-node errors (traces 07/11).
    reject_prompt: bool = False
    # The run starts, then execution_error at the sampler (or first output) node (traces 17/41).
    runtime_error: bool = False
    # Close every websocket once per run, after the first progress event (after the first
    # executing one when the run has no sampler); the run goes on server side.
    drop_websocket_mid_run: bool = False
    # Delay before every HTTP response (not the websocket stream).
    slow_seconds: float = 0.0
    # JSON routes answer 200 with a body that is not JSON (and do nothing else).
    junk_json: bool = False
    # Every HTTP route (and the /ws handshake) answers ComfyUI's aiohttp 500 page (trace 16).
    server_error: bool = False
    # None | "dotdot" ('../../evil.png' in '../..') | "absolute" ('/etc/evil.png').
    hostile_filenames: str | None = None
    # /view of output/temp files returns bytes that are not an image.
    non_image_output: bool = False
    # /view of output/temp files returns a tiny PNG claiming 40000x40000 (decompression bomb).
    huge_image_output: bool = False
    # Prompts of other clients (queued without a client id, e.g. by tests' submit_blocker) do
    # not advance while this is on: the server is busy for minutes with work that is not ours.
    busy_with_others: bool = False
    # Node classes the server lacks (a node pack not installed): left out of /object_info, and
    # a prompt using one is rejected like ComfyUI does (missing_node_type).
    missing_nodes: frozenset[str] = field(default_factory=frozenset)
    # POST /prompt answers 200 with the prompt id, then drops the prompt: it is in neither
    # /queue nor /history (a server that forgets what it accepted).
    forget_prompts: bool = False
    # POST /prompt ignores the client's prompt_id: the prompt runs under a new id, answered.
    wrong_prompt_id: bool = False
    # GET /history/{id} answers other prompts' entries instead of the one asked for.
    history_of_others: bool = False
    # No execution_success at the end of a run (ComfyUI before it had one): the end marker
    # (executing, node None) is the only sign that a run is over.
    no_execution_success: bool = False
    # A run's `executed` frames (of nodes that ran) lack their "node": frames a client cannot
    # read, whose files only /history still names.
    unreadable_executed: bool = False
    # Accepted prompts go straight to "running" in /queue and stay there for ever, with no
    # events at all (a wedged server).
    silent_after_submit: bool = False
