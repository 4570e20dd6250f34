"""The history filter bar (status and prompt search) and the same filter applied to one job,
so a job that changes while the table is open lands in (or leaves) it without a re-query."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.store.filters import JobFilter
from studio_desktop.core.store.search import terms

SEARCH_DELAY_MS = 250  # typing pauses this long before the table is re-queried

ACTIVE = (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)


def job_matches(flt: JobFilter, job: Job) -> bool:
    """What the store's query would say about this one job (search: every term occurs in the
    prompt or negative prompt, ignoring case)."""
    if job.deleted and not flt.include_deleted:
        return False
    if flt.statuses and job.status not in flt.statuses:
        return False
    if flt.template is not None and job.template != flt.template:
        return False
    if flt.model is not None and job.params.model != flt.model:
        return False
    if flt.server is not None and job.server != flt.server:
        return False
    if flt.created_from is not None and job.created_at < flt.created_from:
        return False
    if flt.created_to is not None and job.created_at >= flt.created_to:
        return False
    haystack = (job.params.prompt + "\n" + job.params.negative).casefold()
    return all(term.casefold() in haystack for term in terms(flt.text))


class HistoryFilterBar(QWidget):
    """A status combo and a search box; `changed` carries the new JobFilter."""

    changed = Signal(object)  # JobFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status = QComboBox(self)
        # () = every state.
        self.status.addItem(self.tr("All jobs"), ())
        self.status.addItem(self.tr("Completed"), (JobStatus.COMPLETED,))
        self.status.addItem(self.tr("Failed"), (JobStatus.FAILED,))
        self.status.addItem(self.tr("Cancelled"), (JobStatus.CANCELLED,))
        self.status.addItem(self.tr("Waiting or running"), ACTIVE)
        self.status.setAccessibleName(self.tr("Status filter"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search prompts"))

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.status)
        layout.addWidget(self.search, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._emit)
        self.status.currentIndexChanged.connect(lambda _index: self._emit())

    def job_filter(self) -> JobFilter:
        statuses = self.status.currentData()
        return JobFilter(statuses=tuple(statuses or ()), text=self.search.text().strip())

    def set_status(self, statuses: tuple[JobStatus, ...]) -> None:
        """Pick the combo entry with exactly these states (tests, restored state)."""
        for index in range(self.status.count()):
            if tuple(self.status.itemData(index) or ()) == statuses:
                self.status.setCurrentIndex(index)
                return
        raise ValueError(f"no status entry for {statuses}")

    def is_filtered(self) -> bool:
        flt = self.job_filter()
        return bool(flt.statuses or flt.text)

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.job_filter())
