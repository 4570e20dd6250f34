"""What a sweep's cell without an image says ("failed", "cancelled"...), in the user's language.

Shown by the sweep grid view, and recorded with a sweep when the window queues it: its grid image
is drawn later on a worker, which has no translator (core/sweeps/assemble.py reads them back).
The texts keep the "SweepGridView" translation context they were first written in.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import JobStatus


def missing_notes() -> dict[str, str]:
    """What a cell without an image says, by its job's status, in the user's language: in this
    view, and recorded with a sweep when it is queued for its grid image (drawn on a worker,
    with no translator)."""
    # Spelled out with their context for lupdate, which reads these calls from the source.
    return {
        JobStatus.PENDING.value: QCoreApplication.translate("SweepGridView", "waiting"),
        JobStatus.RUNNING.value: QCoreApplication.translate("SweepGridView", "running"),
        JobStatus.RETRYING.value: QCoreApplication.translate("SweepGridView", "retrying"),
        JobStatus.FAILED.value: QCoreApplication.translate("SweepGridView", "failed"),
        JobStatus.CANCELLED.value: QCoreApplication.translate("SweepGridView", "cancelled"),
        JobStatus.COMPLETED.value: QCoreApplication.translate("SweepGridView", "no image"),
    }
