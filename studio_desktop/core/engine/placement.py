"""Where a job may run, decided across servers: pure functions, no I/O, no clock.

- `blocked`: a waiting job no connected server can run, with the reason per server, and whether
  that is final (every server it may run on is connected and lacks something) or may change (a
  server is not connected yet).
- `pick_move`: an idle server asks for a prompt that waits behind others on a busy server.

The coordinator (coordinator.py) feeds them what the drivers report and acts on the answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studio_desktop.core.engine.events import ServerState
from studio_desktop.core.jobs import Job
from studio_desktop.core.servers import ServerCapabilities
from studio_desktop.core.workflows import Template, TemplateError, TemplateRegistry


@dataclass(frozen=True)
class ServerView:
    """A server as the coordinator sees it: its capabilities only while connected."""

    url: str
    label: str
    state: ServerState
    capabilities: ServerCapabilities | None


@dataclass(frozen=True)
class Blocked:
    reasons: tuple[tuple[str, str], ...]  # (server name, why it cannot run the job)
    final: bool  # every server the job may run on is connected: waiting cannot help

    @property
    def message(self) -> str:
        return "; ".join(f"{server}: {why}" for server, why in self.reasons)


def blocked(job: Job, servers: Sequence[ServerView], templates: TemplateRegistry) -> Blocked | None:
    """None if a connected server can run `job`; otherwise why not, per server."""
    reasons: list[tuple[str, str]] = []
    final = True
    considered = [s for s in servers if not job.pinned or s.url == job.server]
    for server in considered:
        caps = server.capabilities
        if caps is None or server.state not in (ServerState.IDLE, ServerState.BUSY):
            final = False
            why = "connecting" if server.state is ServerState.CONNECTING else "not reachable"
            reasons.append((server.label, why))
            continue
        missing = caps.missing_for(job, templates)
        if not missing:
            return None
        reasons.append((server.label, describe_missing(missing, _template(job, templates))))
    if not considered:
        # Pinned to a server that is not running here (removed, disabled): it may come back.
        reasons.append((job.server or "?", "this server is not in use"))
        final = False
    return Blocked(tuple(reasons), final)


def _template(job: Job, templates: TemplateRegistry) -> Template | None:
    try:
        return templates.get(job.template)
    except TemplateError:
        return None


def describe_missing(missing: Sequence[str], template: Template | None) -> str:
    """`ServerCapabilities.missing_for`'s list as a sentence, with where to get what lacks."""
    parts: list[str] = []
    nodes = [m for m in missing if not m.startswith(("model ", "template "))]
    for item in missing:
        if item.startswith("template "):
            parts.append(f"the template {item.removeprefix('template ')} is not installed here")
    by_pack: dict[str, list[str]] = {}
    help_of: dict[str, str] = {}
    for node in nodes:
        pack = template.pack_for(node) if template is not None else None
        key = pack.name if pack is not None else ""
        by_pack.setdefault(key, []).append(node)
        if pack is not None:
            where = f" ({pack.url})" if pack.url else ""
            help_of[key] = pack.hint or f"install {pack.name}{where} and restart ComfyUI."
    for name, classes in by_pack.items():
        listed = ", ".join(classes)
        if name:
            parts.append(f"lacks the nodes {listed} ({name}). {help_of[name]}")
        else:
            parts.append(f"lacks the nodes {listed}")
    for item in missing:
        if item.startswith("model "):
            model = item.removeprefix("model ")
            parts.append(f"lacks the model {model}{_download_hint(model, template)}")
    return "; ".join(parts)


def _download_hint(model: str, template: Template | None) -> str:
    if template is None:
        return ""
    for file in template.model_files:
        if file.name == model:
            where = f" from {file.url}" if file.url else ""
            return f" (download it{where} into ComfyUI's models/{file.folder} folder)"
    return ""


def pick_move(
    candidates: Sequence[tuple[str, Job, int]], can_run: Callable[[Job], bool]
) -> tuple[str, str] | None:
    """For an idle server (nothing runs or waits on it): which waiting prompt to take over.

    `candidates`: (server url, job, prompts ahead of it there) for our prompts other servers
    list as waiting, not started. Moving wins whenever something is ahead of it there (here it
    starts at once); the one with the most ahead waits longest, so it goes first. A job pinned
    to its server, or one this server cannot run, stays. Returns (server url, job id)."""
    best: tuple[str, Job, int] | None = None
    for url, job, ahead in candidates:
        if ahead < 1 or job.pinned or not can_run(job):
            continue
        if best is None or ahead > best[2] or (ahead == best[2] and job.seq < best[1].seq):
            best = (url, job, ahead)
    return (best[0], best[1].id) if best is not None else None
