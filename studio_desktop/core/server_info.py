"""What the window asks a ComfyUI server itself, outside the job engine: the lists the Generate
form offers and the capabilities a Test button shows.

Blocking and Qt-free: the UI runs these on Tasks' "network" pool (no module under ui/ talks to
ComfyClient). A registered server is asked with its own Authorization header.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from studio_desktop.core.comfy.client import ComfyClient
from studio_desktop.core.comfy.errors import ComfyError
from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.lora_words import trigger_words
from studio_desktop.core.servers import ServerCapabilities, ServerConfig, probe
from studio_desktop.core.store import Store

FETCH_TIMEOUT_S = 15.0
PROBE_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class ServerLists:
    """What one server offers; `server` is its URL, `label` what to call it in messages.

    `info` is the whole /object_info the lists came from (for validation and the editors of
    template-specific inputs); None for lists that were not fetched (tests, a restored state).
    """

    server: str
    label: str
    checkpoints: tuple[str, ...]
    samplers: tuple[str, ...]
    schedulers: tuple[str, ...]
    info: ObjectInfo | None = field(default=None, compare=False, repr=False)
    # For the graph options (LoRA stack, VAE, hires upscaler, prompt completion).
    loras: tuple[str, ...] = ()
    vaes: tuple[str, ...] = ()
    upscale_models: tuple[str, ...] = ()
    embeddings: tuple[str, ...] = ()


def registered_config(store: Store, url: str, name: str = "") -> ServerConfig:
    """The server at `url` as the user registered it (name, auth header); a server that is not
    registered (the implicit local default) is asked without a header."""
    record = store.get_server_by_url(url)
    if record is None:
        return ServerConfig(url, name)
    return ServerConfig(record.url, record.name or name, record.auth_header)


def fetch_lists(server: ServerConfig, timeout: float = FETCH_TIMEOUT_S) -> ServerLists:
    """GET /object_info and pick out the lists. Raises ComfyError (or ValueError for a bad URL)."""
    with ComfyClient(server.url, auth_header=server.auth_header, timeout=timeout) as client:
        info = client.object_info()
        base_url = client.base_url
        try:
            embeddings = tuple(client.embeddings())
        except ComfyError:  # completion is a convenience: the lists stand without it
            embeddings = ()
    return ServerLists(
        server=base_url,
        label=server.label,
        checkpoints=tuple(info.checkpoints),
        samplers=tuple(info.samplers),
        schedulers=tuple(info.schedulers),
        info=info,
        loras=tuple(info.loras),
        # "pixel_space" and the approximations are not VAEs a user picks for a checkpoint.
        vaes=tuple(v for v in info.vaes if v != "pixel_space" and not v.startswith("taesd")),
        upscale_models=tuple(info.upscale_models),
        embeddings=embeddings,
    )


def fetch_trigger_words(server: ServerConfig, lora: str) -> tuple[str, ...]:
    """The trigger words of LoRA `lora` from its metadata on `server` (empty when it has
    none). Raises ComfyError when the server cannot be asked."""
    with ComfyClient(server.url, auth_header=server.auth_header, timeout=FETCH_TIMEOUT_S) as c:
        return trigger_words(c.model_metadata("loras", lora))


def fetch_registered_lists(
    store: Store, url: str, name: str = "", timeout: float = FETCH_TIMEOUT_S
) -> ServerLists:
    """`fetch_lists` for a server the pool runs, with the header it was registered with."""
    return fetch_lists(registered_config(store, url, name), timeout)


def probe_server(
    url: str, auth_header: str | None, timeout: float = PROBE_TIMEOUT_S
) -> ServerCapabilities:
    """Connect and read what the server offers (GPU, VRAM, node classes, models). Raises
    ComfyError when it cannot be reached or answers wrongly, ValueError for a bad address."""
    with ComfyClient(url, auth_header=auth_header or None, timeout=timeout) as client:
        return probe(client)


def failure_reason(exc: Exception) -> str:
    """What to tell the user about a failed fetch or probe: our own message for the errors we
    expect, the exception's repr for a bug (so the report says what it was)."""
    if isinstance(exc, ComfyError | ValueError):
        return str(exc)
    return repr(exc)
