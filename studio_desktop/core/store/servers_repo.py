"""SQL for the servers table. Every function runs inside a session the facade opened."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio_desktop.core.store.errors import ServerNotFound
from studio_desktop.core.store.models import ServerRow


def insert(
    session: Session, name: str, url: str, auth_header: str | None, enabled: bool
) -> ServerRow:
    row = ServerRow(
        name=name,
        url=url,
        auth_header=auth_header,
        enabled=enabled,
        last_state="unknown",
        node_classes=[],
        models={},
    )
    session.add(row)
    session.flush()
    return row


def find(session: Session, server_id: int) -> ServerRow | None:
    return session.get(ServerRow, server_id)


def require(session: Session, server_id: int) -> ServerRow:
    row = session.get(ServerRow, server_id)
    if row is None:
        raise ServerNotFound(server_id)
    return row


def by_url(session: Session, url: str) -> ServerRow | None:
    return session.scalars(select(ServerRow).where(ServerRow.url == url)).one_or_none()


def all_servers(session: Session) -> list[ServerRow]:
    return list(session.scalars(select(ServerRow).order_by(ServerRow.id)))
