"""What the history, gallery and server views ask the store for, and what they get back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Generic, NamedTuple, TypeVar

from studio_desktop.core.jobs import JobStatus

T = TypeVar("T")


@dataclass(frozen=True)
class JobFilter:
    """History filters; all given ones must hold. `created_to` is exclusive."""

    statuses: tuple[JobStatus, ...] = ()
    text: str = ""  # substring(s) of the prompt or negative prompt
    template: str | None = None
    model: str | None = None
    server: str | None = None
    include_deleted: bool = False
    created_from: datetime | None = None
    created_to: datetime | None = None

    def __post_init__(self) -> None:
        _require_aware(self.created_from, self.created_to)


@dataclass(frozen=True)
class ImageFilter:
    """Gallery filters; all given ones must hold. `deleted=True` is the Trash view."""

    text: str = ""  # searched in the prompt of the job that made the image
    favourites_only: bool = False
    tag: str | None = None  # matched without regard to case
    tags: tuple[str, ...] = ()  # the image has every one of these (without regard to case)
    board: int | None = None  # the image is in this board (its id)
    template: str | None = None
    model: str | None = None
    kind: str | None = None
    deleted: bool = False
    created_from: datetime | None = None
    created_to: datetime | None = None
    job_id: str | None = None

    def __post_init__(self) -> None:
        _require_aware(self.created_from, self.created_to)


def _require_aware(*moments: datetime | None) -> None:
    if any(m is not None and m.tzinfo is None for m in moments):
        raise ValueError("filter times must be timezone-aware (use UTC)")


ALL_JOBS = JobFilter()
ALL_IMAGES = ImageFilter()


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page, newest first. Pass `next_cursor` back as `after_*`; None means no more."""

    items: list[T]
    next_cursor: int | None


class ImageSummary(NamedTuple):
    """What a grid of images shows of each (no metadata, tags or size): a list view's row.

    A tuple of plain values, so a page of them is cheap to read (no JSON decoded) and to keep
    (Python's garbage collector stops tracking it); the full `ImageRecord` is read by id when
    a detail needs it."""

    id: int
    path: str
    thumb_path: str | None
    kind: str
    favourite: bool
    created_at: datetime


@dataclass(frozen=True)
class TagCount:
    """A tag as the user spelled it (first spelling found) and how many images not in the trash
    carry it."""

    tag: str
    count: int


@dataclass(frozen=True)
class BoardRecord:
    """A board and how many images not in the trash it holds."""

    id: int
    name: str
    created_at: datetime
    count: int = 0


@dataclass(frozen=True)
class ServerRecord:
    """A ComfyUI server the user added, with what we last learned from it."""

    id: int
    name: str
    url: str
    auth_header: str | None
    enabled: bool
    last_state: str
    gpu_name: str | None
    vram_total: int | None
    vram_free: int | None
    node_classes: tuple[str, ...]
    models: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    last_seen_at: datetime | None = None
