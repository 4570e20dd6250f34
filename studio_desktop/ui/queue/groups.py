"""Batch groups in the queue panel: one expandable row per group (its label, n of m done, the
ETA), its jobs as children; Pause, Cancel, Retry failed and Pin act on the whole group.

The rows are built from what the panel read off the GUI thread (`GroupProgress`) and the queue
model's rows of each group; nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtWidgets import QMenu, QTreeWidget, QTreeWidgetItem, QWidget

from studio_desktop.core.groups import GroupKind, GroupProgress
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.popup_menu import popup

GroupIdRole = Qt.ItemDataRole.UserRole + 1
_RowIdRole = Qt.ItemDataRole.UserRole + 2  # a group's id on its row, a job's on its row
MAX_HEIGHT = 180  # pixels; more groups scroll


def shown_as_group(progress: GroupProgress) -> bool:
    """A group gets its own row when it is more than one job, or a forever group."""
    return progress.group.kind is not GroupKind.BATCH or progress.total > 1


class GroupRows(QTreeWidget):
    """The active groups, each expandable to its jobs."""

    cancel_requested = Signal(str)  # group id
    retry_requested = Signal(str)
    pause_requested = Signal(str, bool)  # group id, paused
    pin_requested = Signal(str, object)  # group id, server URL or None
    grid_requested = Signal(str)  # a sweep's group id: open its grid view

    def __init__(
        self, servers: Callable[[], Sequence[tuple[str, str]]], parent: QWidget | None = None
    ) -> None:
        """`servers`: (url, name) of the servers a group may be pinned to."""
        super().__init__(parent)
        self._servers = servers
        self._progress: dict[str, GroupProgress] = {}
        self.setHeaderHidden(True)
        self.setRootIsDecorated(True)
        self.setUniformRowHeights(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)
        self.itemExpanded.connect(lambda _item: self.fit_height())
        self.itemCollapsed.connect(lambda _item: self.fit_height())

    def group_ids(self) -> list[str]:
        return list(self._progress)

    def progress(self, group_id: str) -> GroupProgress | None:
        return self._progress.get(group_id)

    def show_groups(
        self, groups: Sequence[GroupProgress], jobs: dict[str, list[Job]], servers: int
    ) -> None:
        """Show `groups` (each with its jobs), updating the rows there are in place: a rebuild
        on every change lost the selection, the scroll position and which groups were open."""
        self._progress = {p.group.id: p for p in groups}
        rows = [
            (
                progress.group.id,
                self.group_text(progress, servers),
                [
                    (job.id, self._job_text(job), job.params.prompt)
                    for job in jobs.get(progress.group.id, [])
                ],
            )
            for progress in groups
        ]
        sync_children(self.invisibleRootItem(), [(gid, text, text) for gid, text, _ in rows])
        for i, (group_id, _text, children) in enumerate(rows):
            item = self.topLevelItem(i)
            if item is not None:
                item.setData(0, GroupIdRole, group_id)
                sync_children(item, children)
        self.setVisible(bool(groups))
        self.fit_height()

    def fit_height(self) -> None:
        """As tall as its rows (open groups' jobs included), at most MAX_HEIGHT: the job list
        below keeps the room."""
        rows = sum(
            1 + (item.childCount() if item.isExpanded() else 0)
            for item in (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
            if item is not None
        )
        row_height = max(self.sizeHintForRow(0), self.fontMetrics().height() + 4)
        self.setFixedHeight(min(MAX_HEIGHT, rows * row_height + 2 * self.frameWidth() + 2))

    def group_text(self, progress: GroupProgress, servers: int) -> str:
        group = progress.group
        label = fmt.one_line(group.label) or self.tr("(no prompt)")
        if group.kind is GroupKind.FOREVER:
            parts = [self.tr("forever: %n done", "", progress.done)]
        else:
            parts = [
                self.tr("{done} of {total} done").format(done=progress.done, total=progress.total)
            ]
            eta = progress.eta_s(servers)
            if eta is not None and progress.active and eta >= 1.0:
                parts.append(self.tr("about {time} left").format(time=fmt.duration(eta)))
        failed = progress.counts.get(JobStatus.FAILED, 0)
        if failed:
            parts.append(self.tr("%n failed", "", failed))
        if group.paused:
            parts.append(self.tr("paused"))
        if group.server:
            parts.append(self.tr("on {server}").format(server=fmt.server_label(group.server)))
        # The progress first: the label (usually the prompt) is what a narrow dock cuts off.
        return " · ".join([*parts, label])

    def _job_text(self, job: Job) -> str:
        status = {
            JobStatus.PENDING: self.tr("waiting"),
            JobStatus.RUNNING: self.tr("running"),
            JobStatus.RETRYING: self.tr("retrying"),
            JobStatus.FAILED: self.tr("failed"),
        }.get(job.status, job.status.value)
        # The state and seed first: the prompt, the same for the whole group, is what gets cut.
        return self.tr("{status} · seed {seed} · {prompt}").format(
            status=status, seed=job.params.seed, prompt=fmt.one_line(job.params.prompt)
        )

    def _context_menu(self, pos: QPoint) -> None:
        item = self.itemAt(pos)
        if item is None:
            return
        top = item.parent() or item  # a job's row: its group
        group_id = str(top.data(0, GroupIdRole))
        menu = self.group_menu(group_id)
        if menu is not None:
            popup(menu, self.viewport().mapToGlobal(pos))

    def _pin(self, group_id: str, url: str) -> Callable[[], None]:
        return lambda: self.pin_requested.emit(group_id, url)

    def group_menu(self, group_id: str) -> QMenu | None:
        progress = self._progress.get(group_id)
        if progress is None:
            return None
        group = progress.group
        menu = QMenu(self)
        if group.kind is GroupKind.SWEEP:
            menu.addAction(self.tr("Open grid"), lambda: self.grid_requested.emit(group_id))
            menu.addSeparator()
        if group.paused:
            menu.addAction(
                self.tr("Resume group"), lambda: self.pause_requested.emit(group_id, False)
            )
        else:
            menu.addAction(
                self.tr("Pause group"), lambda: self.pause_requested.emit(group_id, True)
            )
        retry = menu.addAction(self.tr("Retry failed"), lambda: self.retry_requested.emit(group_id))
        retry.setEnabled(progress.counts.get(JobStatus.FAILED, 0) > 0)
        pin = menu.addMenu(self.tr("Run on"))
        anywhere = pin.addAction(
            self.tr("Any server"), lambda: self.pin_requested.emit(group_id, None)
        )
        anywhere.setCheckable(True)
        anywhere.setChecked(group.server is None)
        for url, name in self._servers():
            action = pin.addAction(name or url, self._pin(group_id, url))
            action.setCheckable(True)
            action.setChecked(group.server == url)
        menu.addSeparator()
        cancel = menu.addAction(
            self.tr("Cancel group"), lambda: self.cancel_requested.emit(group_id)
        )
        cancel.setEnabled(progress.active > 0)
        return menu


def sync_children(parent: QTreeWidgetItem, rows: Sequence[tuple[str, str, str]]) -> None:
    """Make `parent`'s children the `rows` (id, text, tooltip) in order, keeping the item of
    every id already there (with its selection and open state) and touching only what changed."""
    wanted = [row_id for row_id, _text, _tip in rows]
    children = [c for c in (parent.child(i) for i in range(parent.childCount())) if c is not None]
    items = {str(child.data(0, _RowIdRole)): child for child in children}
    for row_id, child in items.items():
        if row_id not in wanted:
            parent.removeChild(child)
    present = [row_id for row_id in items if row_id in wanted]
    if present != [row_id for row_id in wanted if row_id in items]:
        # Reordered (rare: a group moved to the front): the same items, in the new order (a
        # taken item forgets that it was open).
        opened = {row_id for row_id, child in items.items() if child.isExpanded()}
        parent.takeChildren()
        parent.addChildren([items[row_id] for row_id in wanted if row_id in items])
        for row_id in opened & set(wanted):
            items[row_id].setExpanded(True)
    for i, (row_id, text, tip) in enumerate(rows):
        at = parent.child(i)
        child = at if at is not None and at.data(0, _RowIdRole) == row_id else QTreeWidgetItem()
        if child is not at:
            child.setData(0, _RowIdRole, row_id)
            parent.insertChild(i, child)
        if child.text(0) != text:
            child.setText(0, text)
        if child.toolTip(0) != tip:
            child.setToolTip(0, tip)
