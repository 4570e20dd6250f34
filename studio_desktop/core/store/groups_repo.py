"""SQL for batch groups and the queue's pause state. Every function runs inside a session the
facade opened."""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Row, delete, func, select
from sqlalchemy.orm import Session

from studio_desktop.core.groups import GroupKind, NewGroup, QueuePause
from studio_desktop.core.jobs import SEED_MAX, GenerationParams, InputImage, JobStatus, NewJob
from studio_desktop.core.prompts.dynamic import PromptSyntaxError
from studio_desktop.core.prompts.jobs import DYNAMIC_KEY, dynamic_source, job_params
from studio_desktop.core.store import jobs_repo
from studio_desktop.core.store.models import GroupRow, JobRow, PauseRow

log = logging.getLogger(__name__)

# A new seed for each job of a forever group; SystemRandom so two windows never walk in step.
_SEEDS = random.SystemRandom()


def insert(session: Session, group: NewGroup, now: datetime) -> GroupRow:
    row = GroupRow(
        id=group.id,
        label=group.label,
        kind=group.kind.value,
        server=group.server,
        paused=False,
        stopped=False,
        created_at=now,
        sweep=dict(group.sweep) if group.sweep is not None else None,
    )
    session.add(row)
    session.flush()
    return row


def find(session: Session, group_id: str) -> GroupRow | None:
    return session.get(GroupRow, group_id)


def find_many(session: Session, group_ids: Sequence[str]) -> list[GroupRow]:
    if not group_ids:
        return []
    return list(session.scalars(select(GroupRow).where(GroupRow.id.in_(list(group_ids)))))


def starting_with(session: Session, prefix: str, limit: int) -> list[GroupRow]:
    """Groups whose id starts with `prefix` (ids are lowercase hex and dashes), newest first."""
    cleaned = "".join(c for c in prefix.lower() if c in "0123456789abcdef-")
    if not cleaned or cleaned != prefix.lower():
        return []
    stmt = (
        select(GroupRow)
        .where(GroupRow.id >= cleaned, GroupRow.id < cleaned + "~")
        .order_by(GroupRow.created_at.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def sweeps(session: Session, group_ids: Sequence[str] | None = None) -> list[GroupRow]:
    """Sweep groups (those of `group_ids`, or all) that recorded their axes, oldest first."""
    stmt = select(GroupRow).where(
        GroupRow.kind == GroupKind.SWEEP.value, GroupRow.sweep.is_not(None)
    )
    if group_ids is not None:
        stmt = stmt.where(GroupRow.id.in_(list(group_ids)))
    return list(session.scalars(stmt.order_by(GroupRow.created_at)))


def jobs(session: Session, group_id: str, statuses: Sequence[str] = ()) -> list[JobRow]:
    """The group's jobs (not deleted), in queue order; only those in `statuses` if given."""
    stmt = select(JobRow).where(JobRow.group_id == group_id, JobRow.deleted.is_(False))
    if statuses:
        stmt = stmt.where(JobRow.status.in_(list(statuses)))
    return list(session.scalars(stmt.order_by(JobRow.seq)))


def counts(
    session: Session, group_ids: Sequence[str]
) -> dict[str, tuple[dict[JobStatus, int], float, int]]:
    """Per group: jobs per state, and the seconds its completed jobs took (claim to end) with
    how many had both times."""
    out: dict[str, tuple[dict[JobStatus, int], float, int]] = {
        g: (dict.fromkeys(JobStatus, 0), 0.0, 0) for g in group_ids
    }
    if not group_ids:
        return out
    seconds = (func.julianday(JobRow.finished_at) - func.julianday(JobRow.started_at)) * 86400.0
    timed = (JobRow.status == JobStatus.COMPLETED.value) & JobRow.started_at.is_not(None)
    stmt = (
        select(
            JobRow.group_id,
            JobRow.status,
            func.count(),
            func.total(seconds).filter(timed),
            func.count().filter(timed),
        )
        .where(JobRow.group_id.in_(list(group_ids)), JobRow.deleted.is_(False))
        .group_by(JobRow.group_id, JobRow.status)
    )
    for group_id, status, count, total, n in session.execute(stmt):
        per_status, done_s, done_n = out[group_id]
        per_status[JobStatus(status)] = int(count)
        out[group_id] = (per_status, done_s + float(total or 0.0), done_n + int(n or 0))
    return out


def follow_up(
    session: Session, done: JobRow | Row[Any], wildcards_dir: Path | None = None
) -> NewJob | None:
    """The next job of a forever group that `done` (just completed) belongs to: the same
    request with a new seed, its dynamic prompt (if it had one) picked again from the text it
    was expanded from with that seed. None when it has no such group or the group was stopped."""
    if done.group_id is None:
        return None
    group = find(session, done.group_id)
    if group is None or group.kind != GroupKind.FOREVER.value or group.stopped:
        return None
    params = _next_params(GenerationParams.from_dict(done.params), wildcards_dir)
    return NewJob(
        template=done.template,
        params=params,
        inputs=tuple(InputImage(slot=i["slot"], path=i["path"]) for i in done.inputs),
        server=done.server if done.pinned else group.server,
        group_id=group.id,
    )


def _next_params(last: GenerationParams, wildcards_dir: Path | None) -> GenerationParams:
    """`last` with a new seed, re-expanded from its dynamic source: copying the resolved
    prompt would repeat the first pick forever. Always random mode (a forever chain has no
    "every combination"), recorded so, so the job's seed gives its prompt back on remix."""
    seed = _SEEDS.randint(0, SEED_MAX)
    source = dynamic_source(last)
    if source is None:
        return replace(last, seed=seed)
    template = replace(
        last,
        prompt=str(source.get("prompt", last.prompt)),
        negative=str(source.get("negative", last.negative)),
        extra={k: v for k, v in last.extra.items() if k != DYNAMIC_KEY},
    )
    try:
        return job_params(template, [seed], wildcards_dir=wildcards_dir)[0]
    except PromptSyntaxError as exc:
        # Runs inside the completion's transaction, which must not fail: a wildcard file
        # removed since the group started keeps the chain going with the last prompt.
        log.warning("forever group: the prompt could not be expanded again (%s); kept", exc)
        return replace(last, seed=seed)


def pause_state(session: Session) -> QueuePause:
    return pause_of(set(session.scalars(select(PauseRow.scope))))


def pause_of(scopes: set[str]) -> QueuePause:
    """What the paused scopes (rows of `queue_pauses`) hold."""
    return QueuePause(
        all_servers=jobs_repo.ALL_SERVERS in scopes,
        servers=frozenset(scopes - {jobs_repo.ALL_SERVERS}),
    )


def pause(session: Session, scope: str, now: datetime) -> None:
    if session.get(PauseRow, scope) is None:
        session.add(PauseRow(scope=scope, paused_at=now))
        session.flush()


def resume(session: Session, scope: str) -> None:
    """Lift the pause of one scope (the whole queue's, or one server's)."""
    session.execute(delete(PauseRow).where(PauseRow.scope == scope))
