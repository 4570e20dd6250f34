"""Tells the user when a batch they queued has ended ("4 images ready", "3 done, 1 failed"):
a system tray message where the platform has a tray, else the taskbar alert on the window.
Only while the "Notify me when a batch is done" setting is on.

A batch is what one `WorkerPool.enqueue` wrote (`batch_queued`); its jobs' ends arrive as job
states (failed, cancelled) and as `outputs_ready` (completed, with its images).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle, QSystemTrayIcon, QWidget

from studio_desktop.core.engine import JobFinished
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.ui.one_window import bring_forward
from studio_desktop.ui.services import Services

TRAY_MESSAGE_MS: Final = 10_000
# Ends of jobs whose batch has not been named yet (a fast job can end before its enqueue
# returns): kept for this many jobs at most.
UNCLAIMED_ENDS: Final = 10_000


@dataclass(frozen=True)
class BatchOutcome:
    """How a batch ended: jobs per final state, and the images the completed ones made."""

    completed: int = 0
    failed: int = 0
    cancelled: int = 0
    images: int = 0

    @property
    def worth_telling(self) -> bool:
        """A batch the user cancelled entirely needs no message: they know."""
        return bool(self.completed or self.failed)


@dataclass
class _Batch:
    ids: frozenset[str]
    ends: dict[str, tuple[JobStatus, int]] = field(default_factory=dict)  # id -> state, images

    def outcome(self) -> BatchOutcome:
        states = [state for state, _ in self.ends.values()]
        return BatchOutcome(
            completed=states.count(JobStatus.COMPLETED),
            failed=states.count(JobStatus.FAILED),
            cancelled=states.count(JobStatus.CANCELLED),
            images=sum(images for _, images in self.ends.values()),
        )


class BatchNotifier(QObject):
    """Follows the batches this window queues and says when each has ended."""

    batch_ended = Signal(object)  # BatchOutcome, whatever the setting
    notified = Signal(str, str)  # the message, and how: "tray" or "alert"

    def __init__(self, services: Services, window: QWidget) -> None:
        super().__init__(window)
        self._services = services
        self._window = window
        self._batches: list[_Batch] = []
        self._unclaimed: OrderedDict[str, tuple[JobStatus, int]] = OrderedDict()
        self._tray: QSystemTrayIcon | None = None
        pool = services.pool
        pool.batch_queued.connect(self.track)
        pool.job_changed.connect(self._job_changed)
        pool.outputs_ready.connect(self._outputs_ready)

    def track(self, job_ids: Iterable[str]) -> None:
        batch = _Batch(frozenset(job_ids))
        if not batch.ids:
            return
        for job_id in batch.ids:
            end = self._unclaimed.pop(job_id, None)
            if end is not None:
                batch.ends[job_id] = end
        self._batches.append(batch)
        self._check(batch)

    def _job_changed(self, job: Job) -> None:
        if job.status is JobStatus.COMPLETED:
            return  # its end, with the images, comes as outputs_ready
        if job.status in (JobStatus.FAILED, JobStatus.CANCELLED):
            self._ended(job.id, job.status, 0)
            return
        for batch in self._batches:  # retried: it has not ended after all
            batch.ends.pop(job.id, None)
        self._unclaimed.pop(job.id, None)

    def _outputs_ready(self, finished: JobFinished) -> None:
        self._ended(finished.job.id, JobStatus.COMPLETED, len(finished.images))

    def _ended(self, job_id: str, status: JobStatus, images: int) -> None:
        for batch in self._batches:
            if job_id in batch.ids:
                batch.ends[job_id] = (status, images)
                self._check(batch)
                return
        self._unclaimed[job_id] = (status, images)
        while len(self._unclaimed) > UNCLAIMED_ENDS:
            self._unclaimed.popitem(last=False)

    def _check(self, batch: _Batch) -> None:
        if len(batch.ends) < len(batch.ids):
            return
        self._batches.remove(batch)
        outcome = batch.outcome()
        self.batch_ended.emit(outcome)
        if outcome.worth_telling and self._services.settings.notify_when_batch_done:
            self._tell(outcome)

    def message(self, outcome: BatchOutcome) -> str:
        """ "4 images ready", or "3 done, 1 failed" (self.tr: lupdate gives these plural forms)."""
        if not outcome.failed and not outcome.cancelled:
            return self.tr("%n image(s) ready", "", outcome.images)
        parts = [self.tr("%n done", "", outcome.completed)]
        if outcome.failed:
            parts.append(self.tr("%n failed", "", outcome.failed))
        if outcome.cancelled:
            parts.append(self.tr("%n cancelled", "", outcome.cancelled))
        return self.tr(", ").join(parts)

    def _tell(self, outcome: BatchOutcome) -> None:
        text = self.message(outcome)
        if QSystemTrayIcon.isSystemTrayAvailable():
            tray = self._tray_icon()
            icon = (
                QSystemTrayIcon.MessageIcon.Warning
                if outcome.failed
                else QSystemTrayIcon.MessageIcon.Information
            )
            tray.showMessage(self.tr("Studio Desktop"), text, icon, TRAY_MESSAGE_MS)
            self.notified.emit(text, "tray")
        else:
            # No tray (some Wayland desktops, offscreen): the taskbar entry asks for attention.
            QApplication.alert(self._window)
            self.notified.emit(text, "alert")

    def _bring_window_up(self) -> None:
        bring_forward(self._window)

    def _tray_icon(self) -> QSystemTrayIcon:
        if self._tray is None:
            icon = self._window.windowIcon()
            if icon.isNull():
                icon = QApplication.windowIcon()
            if icon.isNull():  # a tray entry without an icon is not shown at all
                style = self._window.style()
                icon = QIcon(style.standardIcon(QStyle.StandardPixmap.SP_ComputerIcon))
            self._tray = QSystemTrayIcon(icon, self)
            self._tray.setToolTip(self.tr("Studio Desktop"))
            self._tray.messageClicked.connect(self._bring_window_up)
        self._tray.show()
        return self._tray
