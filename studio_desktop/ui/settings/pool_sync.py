"""Keeping the running worker pool in step with the server registry."""

from __future__ import annotations

from studio_desktop.core.servers import ServerConfig
from studio_desktop.workers.pool import WorkerPool


def apply_to_pool(
    pool: WorkerPool, before: dict[str, ServerConfig], after: dict[str, ServerConfig]
) -> None:
    """Remove what went away or changed, then add what is new. Queue ops run in order."""

    def same(a: ServerConfig, b: ServerConfig) -> bool:
        return (a.name, a.auth_header) == (b.name, b.auth_header)

    for url, config in before.items():
        if url not in after or not same(config, after[url]):
            pool.remove_server(url)
    for url, config in after.items():
        if url not in before or not same(config, before[url]):
            pool.add_server(config)
