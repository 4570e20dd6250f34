"""The managed ComfyUI's one entry in the server registry.

A managed server may come up on another port each start (8188 taken by something else: a free
one is picked). Registering each URL as a new server left one stale entry per port; instead the
entry named `MANAGED_NAME` is the managed server, and a start on another port moves its URL.
Called on the one write path: the CLI's command thread, the window's operations thread.
"""

from __future__ import annotations

from typing import Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP
from studio_desktop.core.store import ServerRecord, Store

# Stored and compared in English (an identifier); the window shows it translated.
MANAGED_NAME: Final = QT_TRANSLATE_NOOP("CoreMessages", "Local ComfyUI (managed)")


def register_managed(store: Store, url: str) -> ServerRecord:
    """The managed server's entry, at `url` and enabled: the one already at `url` (ours from an
    earlier start on this port, or one the user added), else ours moved to `url`, else new."""
    at_url = store.get_server_by_url(url)
    if at_url is not None:
        if not at_url.enabled:
            return store.update_server(at_url.id, enabled=True)
        return at_url
    ours = next((r for r in store.list_servers() if r.name == MANAGED_NAME), None)
    if ours is not None:
        return store.update_server(ours.id, url=url, enabled=True)
    return store.add_server(MANAGED_NAME, url)
