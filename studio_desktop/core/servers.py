"""What a ComfyUI server can do: GPU, node classes and model lists, read once per connection."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Final

from studio_desktop.core.jobs import Job
from studio_desktop.core.messages import QT_TRANSLATE_NOOP
from studio_desktop.core.store import ServerRecord, Store
from studio_desktop.core.urls import DEFAULT_SERVER, normalize_base_url
from studio_desktop.core.workflows import TemplateError, TemplateRegistry
from studio_desktop.core.workflows.defaults import server_models

if TYPE_CHECKING:  # the HTTP client is loaded by who probes, not by `jobs`
    from studio_desktop.core.comfy import ComfyClient, ObjectInfo

log = logging.getLogger("studio.servers")


@dataclass(frozen=True)
class ServerConfig:
    url: str
    name: str = ""
    auth_header: str | None = None
    pipeline_depth: int = 2  # prompts kept on the server so the GPU never waits for us

    @property
    def label(self) -> str:
        return self.name or self.url


# Stored and compared in English (an identifier); the window shows it translated.
DEFAULT_SERVER_NAME: Final = QT_TRANSLATE_NOOP("CoreMessages", "Local ComfyUI")


def pool_servers(records: list[ServerRecord], depth: int) -> dict[str, ServerConfig]:
    """The servers to run for a registry: the enabled ones, or the local default when none is
    registered at all (a user who registered servers and disabled them all wants none)."""
    if not records:
        return {
            DEFAULT_SERVER: ServerConfig(DEFAULT_SERVER, DEFAULT_SERVER_NAME, pipeline_depth=depth)
        }
    return {
        r.url: ServerConfig(r.url, r.name, r.auth_header, pipeline_depth=depth)
        for r in records
        if r.enabled
    }


def register_servers(store: Store, urls: Sequence[str]) -> None:
    """Make the window use the `--server` URLs: registered if new, switched on if disabled.

    Registered rather than used for this session only, so that Settings shows what the window
    runs and the next start finds the same servers."""
    for url in urls:
        address = normalize_base_url(url)
        found = store.get_server_by_url(address)
        if found is None:
            store.add_server(address, address)
            log.info("registered %s (--server)", address)
        elif not found.enabled:
            store.update_server(found.id, enabled=True)
            log.info("switched %s on (--server)", address)


def gpu_label(name: str | None) -> str:
    """'cuda:0 NVIDIA GeForce RTX 4090 : cudaMallocAsync' -> 'NVIDIA GeForce RTX 4090'."""
    if not name:
        return ""
    text = name.split(" : ")[0].strip()
    first, _, rest = text.partition(" ")
    if ":" in first and rest:  # a torch device prefix such as "cuda:0"
        text = rest.strip()
    return text


@dataclass(frozen=True)
class ServerCapabilities:
    gpu_name: str | None
    vram_total: int | None
    vram_free: int | None
    comfyui_version: str
    node_classes: frozenset[str]
    models: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # The whole /object_info these came from: the engine writes each prompt's UI-format
    # workflow from it (ui_graph.emit). None when not read from a server (tests).
    info: ObjectInfo | None = field(default=None, compare=False, repr=False)

    def missing_for(self, job: Job, templates: TemplateRegistry) -> list[str]:
        """What this server lacks to run the job (node classes, the model): empty if it can."""
        try:
            template = templates.get(job.template)
        except TemplateError:
            return [f"template {job.template}"]
        missing = [n for n in template.required_nodes if n not in self.node_classes]
        model = job.params.model
        checkpoints = self.models.get("checkpoints", ())
        if model and template.has_slot("model") and checkpoints and model not in checkpoints:
            missing.append(f"model {model}")
        return missing


def probe(client: ComfyClient) -> ServerCapabilities:
    """Read /system_stats and /object_info. Raises ComfyError like any client call."""
    stats = client.system_stats()
    info: ObjectInfo = client.object_info()
    device = stats.devices[0] if stats.devices else None
    return ServerCapabilities(
        gpu_name=device.name if device else None,
        vram_total=device.vram_total if device else None,
        vram_free=device.vram_free if device else None,
        comfyui_version=stats.comfyui_version,
        node_classes=frozenset(info.node_classes),
        # Every folder a template's model input may read (diffusion models, text encoders...),
        # so "the server's default model" resolves for any of them.
        models=server_models(info),
        info=info,
    )


def record_capabilities(
    store: Store, url: str, caps: ServerCapabilities | None, state: str
) -> None:
    """Keep the registry row (if the user registered this server) up to date."""
    record = store.get_server_by_url(url)
    if record is None:
        return
    if caps is None:
        store.update_server(record.id, last_state=state)
        return
    store.update_server(
        record.id,
        last_state=state,
        gpu_name=caps.gpu_name,
        vram_total=caps.vram_total,
        vram_free=caps.vram_free,
        node_classes=sorted(caps.node_classes),
        models=caps.models,
        last_seen_at=datetime.now(UTC),
    )
