"""The reads widgets may do, and nothing else: a view of the store without its writes.

Call these only off the GUI thread, from a `Tasks` "read" task (the store refuses sessions on
the GUI thread while the window runs); apply the result in the task's `done` callback.
"""

from __future__ import annotations

from collections.abc import Sequence

from studio_desktop.core.groups import GroupProgress, JobGroup, QueuePause
from studio_desktop.core.jobs import Attempt, ImageRecord, Job, JobStatus
from studio_desktop.core.server_info import registered_config
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.store import Store
from studio_desktop.core.store.filters import (
    ALL_IMAGES,
    ALL_JOBS,
    BoardRecord,
    ImageFilter,
    ImageSummary,
    JobFilter,
    Page,
    ServerRecord,
    TagCount,
)


class ReadView:
    """Read-only access to jobs, images and servers (each call one short read session)."""

    def __init__(self, store: Store) -> None:
        self._store = store

    # --- jobs ---

    def get_job(self, job_id: str) -> Job | None:
        return self._store.get_job(job_id)

    def list_jobs(
        self, flt: JobFilter = ALL_JOBS, *, after_seq: int | None = None, limit: int = 100
    ) -> Page[Job]:
        return self._store.list_jobs(flt, after_seq=after_seq, limit=limit)

    def jobs_with_status(self, *statuses: JobStatus) -> list[Job]:
        return self._store.jobs_with_status(*statuses)

    def count_by_status(self) -> dict[JobStatus, int]:
        return self._store.count_by_status()

    def group_progress(self, group_ids: Sequence[str]) -> list[GroupProgress]:
        return self._store.group_progress(group_ids)

    def get_group(self, group_id: str) -> JobGroup | None:
        return self._store.get_group(group_id)

    def group_jobs(self, group_id: str) -> list[Job]:
        return self._store.group_jobs(group_id)

    def queue_pause(self) -> QueuePause:
        return self._store.queue_pause()

    def attempts(self, job_id: str) -> list[Attempt]:
        return self._store.attempts(job_id)

    # --- images ---

    def images_for_job(self, job_id: str) -> list[ImageRecord]:
        return self._store.images_for_job(job_id)

    def first_outputs(self, job_ids: Sequence[str]) -> dict[str, ImageRecord]:
        return self._store.first_outputs(job_ids)

    def list_images(
        self, flt: ImageFilter = ALL_IMAGES, *, after_id: int | None = None, limit: int = 200
    ) -> Page[ImageRecord]:
        return self._store.list_images(flt, after_id=after_id, limit=limit)

    def list_image_summaries(
        self, flt: ImageFilter = ALL_IMAGES, *, after_id: int | None = None, limit: int = 200
    ) -> Page[ImageSummary]:
        return self._store.list_image_summaries(flt, after_id=after_id, limit=limit)

    def count_images(self, flt: ImageFilter = ALL_IMAGES) -> int:
        return self._store.count_images(flt)

    def get_image(self, image_id: int) -> ImageRecord | None:
        return self._store.get_image(image_id)

    def tag_counts(self) -> list[TagCount]:
        return self._store.tag_counts()

    def image_ids_for_paths(self, stored_paths: list[str]) -> list[int]:
        return self._store.image_ids_for_paths(stored_paths)

    # --- boards ---

    def list_boards(self) -> list[BoardRecord]:
        return self._store.list_boards()

    # --- servers ---

    def list_servers(self) -> list[ServerRecord]:
        return self._store.list_servers()

    def registered_config(self, url: str, name: str = "") -> ServerConfig:
        """The server at `url` as registered (its auth header), to fetch its lists with."""
        return registered_config(self._store, url, name)
