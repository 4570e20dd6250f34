"""File > Import workflow: a ComfyUI workflow becomes a user template.

The file (API or UI JSON, or a picture, video or audio file carrying ComfyUI's metadata: see
core.workflows.sources) is read and checked off the GUI thread; a UI-format workflow is
converted with the connected server's /object_info. A file that cannot be used gets one message
that says why (for the editor's own format with no server, how to export the API format). A
good one shows the slots detection found: the user can rename or drop each one and name the
template; Save writes it into the data folder's templates (importer.save_as_template).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.workflows import Template, TemplateError
from studio_desktop.core.workflows.detect import DetectedSlots, detect_slots
from studio_desktop.core.workflows.importer import default_name, read_workflow, save_as_template
from studio_desktop.ui.generate.fields import WrapLabel, error_colour
from studio_desktop.ui.texts import exception_text
from studio_desktop.workers.tasks import Task, Tasks

SLOT_NAME: Final = re.compile(r"[a-z][a-z0-9_]*")
LOW_CONFIDENCE: Final = 0.8
COLUMNS: Final = 4  # use, slot, goes to, value
_VALUE_CHARS: Final = 60


@dataclass(frozen=True)
class _Loaded:
    graph: dict[str, Any]
    detected: DetectedSlots


def _load(path: Path, info: ObjectInfo | None) -> _Loaded:
    graph = read_workflow(path, info)
    return _Loaded(graph, detect_slots(graph, info))


def _save(graph: Mapping[str, Any], slots: DetectedSlots, name: str, user_dir: Path) -> Template:
    return save_as_template(graph, slots, name, user_dir)


class ImportDialog(QDialog):
    """Import one workflow file. `imported(template_id)` fires once it is saved."""

    imported = Signal(str)

    def __init__(
        self,
        path: Path,
        user_dir: Path,
        object_info: ObjectInfo | None = None,
        parent: QWidget | None = None,
        *,
        tasks: Tasks,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import workflow"))
        self.resize(720, 520)
        self._path = path
        self._user_dir = user_dir
        self._info = object_info
        self._tasks = tasks
        self._work: list[Task] = []  # dropped when the dialog closes
        self._loaded: _Loaded | None = None
        self._rows: list[str] = []  # the detected name of each table row
        self._error = ""
        self._saving = False

        self.file_label = QLabel(self.tr("Workflow: {name}").format(name=path.name))
        self.file_label.setToolTip(str(path))
        font = self.file_label.font()
        font.setBold(True)
        self.file_label.setFont(font)
        self.message = WrapLabel(self.tr("Reading {name}…").format(name=path.name))
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.name_edit = QLineEdit(default_name(path))
        self.name_edit.setPlaceholderText(self.tr("A name for the template"))
        self.name_edit.textChanged.connect(self._update_state)
        self.table = QTableWidget(0, COLUMNS)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Use"), self.tr("Slot"), self.tr("Goes to"), self.tr("Current value")]
        )
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.setColumnWidth(1, 150)
        self.table.setColumnWidth(2, 220)
        self.table.itemChanged.connect(lambda _item: self._update_state())
        self.notes = WrapLabel()
        self.notes.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem = WrapLabel()
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.save_button = QPushButton(self.tr("Save template"))
        self.save_button.setDefault(True)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        form.setSpacing(6)
        form.addRow(self.tr("Template name"), self.name_edit)
        hint = WrapLabel(
            self.tr(
                "These inputs of the workflow become fields of the Generate form. Double-click "
                "a slot to rename it, untick what should keep the workflow's own value."
            )
        )
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.message_icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        self.message_icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical).pixmap(size)
        )
        self.message_icon.hide()
        message_row = QHBoxLayout()
        message_row.setSpacing(12)
        message_row.addWidget(self.message_icon, 0, Qt.AlignmentFlag.AlignTop)
        message_row.addWidget(self.message, 1)
        # Takes the table's room while there is no table, so an error sits at the top.
        self.filler = QWidget()
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(6)
        layout.addWidget(self.file_label)
        layout.addLayout(message_row)
        layout.addWidget(self.details)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.filler, 1)
        layout.addWidget(self.notes)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self._hint = hint
        self._show_parts(False)
        self._update_state()
        self._work.append(
            tasks.run(
                "read",
                lambda: _load(path, object_info),
                self._on_loaded,
                owner=self,
                failed=self._on_failed,
            )
        )

    # --- public API ---

    @property
    def loading(self) -> bool:
        return self._loaded is None and not self._error

    def error(self) -> str:
        """The message for a file that cannot be imported ("" otherwise)."""
        return self._error

    def detected(self) -> DetectedSlots | None:
        return self._loaded.detected if self._loaded else None

    def slot_names(self) -> list[str]:
        """The detected slot names, in table order."""
        return list(self._rows)

    def rename(self, slot: str, new_name: str) -> None:
        item = self.table.item(self._rows.index(slot), 1)
        if item is not None:
            item.setText(new_name)

    def set_used(self, slot: str, used: bool) -> None:
        item = self.table.item(self._rows.index(slot), 0)
        if item is not None:
            item.setCheckState(Qt.CheckState.Checked if used else Qt.CheckState.Unchecked)

    def renames(self) -> dict[str, str | None]:
        """Detected name -> the name the user gave it, or None for a dropped slot."""
        result: dict[str, str | None] = {}
        for row, name in enumerate(self._rows):
            use, slot = self.table.item(row, 0), self.table.item(row, 1)
            checked = use is not None and use.checkState() == Qt.CheckState.Checked
            result[name] = slot.text().strip() if checked and slot is not None else None
        return result

    def problems(self) -> list[str]:
        """Why Save is disabled right now."""
        if self._loaded is None:
            return [self._error] if self._error else [self.tr("The file is still being read.")]
        found: list[str] = []
        if not self.name_edit.text().strip():
            found.append(self.tr("Give the template a name."))
        seen: set[str] = set()
        for name in self.renames().values():
            if name is None:
                continue
            if not SLOT_NAME.fullmatch(name):
                found.append(
                    self.tr(
                        "Slot name '{name}' is not valid: use lower-case letters, digits and _, "
                        "starting with a letter."
                    ).format(name=name)
                )
            elif name in seen:
                found.append(self.tr("Two slots are both named '{name}'.").format(name=name))
            seen.add(name)
        return found

    def save(self) -> None:
        """Save the template (off the GUI thread); `imported` fires when it is written."""
        loaded = self._loaded
        if loaded is None or self.problems() or self._saving:
            return
        slots = loaded.detected.renamed(self.renames())
        name = self.name_edit.text().strip()
        self._saving = True
        self._update_state()
        self.message.setText(self.tr("Saving {name}…").format(name=name))

        def done(template: Template) -> None:
            self._saving = False
            self.imported.emit(template.id)
            self.accept()

        def failed(exc: Exception) -> None:
            self._saving = False
            self._show_error(self._reason(exc))
            self._update_state()

        user_dir = self._user_dir
        self._work.append(
            self._tasks.run(
                "read",
                lambda: _save(loaded.graph, slots, name, user_dir),
                done,
                owner=self,
                failed=failed,
            )
        )

    def shutdown(self) -> None:
        """Drop what is still being read or saved: a closed dialog shows nothing more (a save
        under way still finishes writing; the app's Tasks waits for it at exit)."""
        work, self._work = self._work, []
        for task in work:
            task.cancel()

    def done(self, result: int) -> None:
        self.shutdown()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- internals ---

    def _reason(self, exc: Exception) -> str:
        if isinstance(exc, TemplateError):
            return exception_text(exc)
        if isinstance(exc, OSError):
            return self.tr("Could not read or write the file: {reason}").format(
                reason=exc.strerror or exc
            )
        # Detection on a graph of an unexpected shape: say so in one line, never a traceback.
        return self.tr("{name} could not be read as a ComfyUI workflow ({reason}).").format(
            name=self._path.name, reason=type(exc).__name__
        )

    def _on_loaded(self, loaded: _Loaded) -> None:
        self._loaded = loaded
        detected = loaded.detected
        count = len(detected.slots) + len(detected.images)
        self.message.setText(
            self.tr("Found %n input(s) the form can fill.", "", count)
            if count
            else self.tr("No inputs were recognised: the template will always run as saved.")
        )
        self._fill_table(loaded)
        self.notes.setText("\n".join(detected.notes))
        self.notes.setVisible(bool(detected.notes))
        self._show_parts(True)
        self._update_state()
        self.name_edit.setFocus()
        self.name_edit.selectAll()

    def _on_failed(self, exc: Exception) -> None:
        self._show_error(self._reason(exc))
        self._update_state()

    def _show_error(self, text: str) -> None:
        self._error = text
        self.message.setText(text)
        if self._loaded is None:
            # Nothing to import: the message is the whole dialog, and Close the only way on.
            self.message_icon.show()
            self._show_parts(False)
            self.save_button.hide()
            cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
            cancel.setText(self.tr("Close"))
            cancel.setDefault(True)
            self.resize(self.width(), self.minimumSizeHint().height() + 24)
        else:
            palette = self.message.palette()
            palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
            self.message.setPalette(palette)

    def _show_parts(self, visible: bool) -> None:
        for widget in (self.details, self._hint, self.table):
            widget.setVisible(visible)
        self.filler.setVisible(not visible)
        self.notes.setVisible(visible and bool(self.notes.text()))

    def _fill_table(self, loaded: _Loaded) -> None:
        detected, graph = loaded.detected, loaded.graph
        rows: list[tuple[str, str, str, float]] = []
        for name, targets in detected.slots.items():
            where = ", ".join(f"{_node(graph, t.node)} · {t.input}" for t in targets)
            value = _value(graph, targets[0].node, targets[0].input) if targets else ""
            rows.append((name, where, value, detected.confidence.get(name, 1.0)))
        for image in detected.images:
            where = f"{_node(graph, image.node)} · {image.input}"
            rows.append((image.name, where, self.tr("an image you add"), 1.0))
        blocked = self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        self._rows = [row[0] for row in rows]
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        for index, (name, where, value, confidence) in enumerate(rows):
            use = QTableWidgetItem()
            use.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            use.setCheckState(Qt.CheckState.Checked)
            use.setToolTip(self.tr("Untick to keep the workflow's own value"))
            slot = QTableWidgetItem(name)
            slot.setFlags(
                Qt.ItemFlag.ItemIsEditable
                | Qt.ItemFlag.ItemIsEnabled
                | Qt.ItemFlag.ItemIsSelectable
            )
            if confidence < LOW_CONFIDENCE:
                slot.setIcon(warning)
                slot.setToolTip(
                    self.tr("A guess: check that this input is what the name says (see below).")
                )
            else:
                slot.setToolTip(self.tr("Double-click to rename"))
            target = QTableWidgetItem(where)
            target.setToolTip(where)
            shown = QTableWidgetItem(value if len(value) <= _VALUE_CHARS else value[:59] + "…")
            shown.setToolTip(value)
            for item in (target, shown):
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            for column, item in enumerate((use, slot, target, shown)):
                self.table.setItem(index, column, item)
        self.table.blockSignals(blocked)

    def _update_state(self) -> None:
        problems = self.problems() if self._loaded is not None else []
        self.save_button.setEnabled(self._loaded is not None and not problems and not self._saving)
        self.save_button.setToolTip("\n".join(problems))
        self.problem.setText(problems[0] if problems else "")
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, error_colour(self.palette()))
        self.problem.setPalette(palette)
        self.problem.setVisible(bool(problems))


def _node(graph: Mapping[str, Any], node_id: str) -> str:
    node = graph.get(node_id)
    class_type = node.get("class_type", "?") if isinstance(node, Mapping) else "?"
    return f"{class_type} #{node_id}"


def _value(graph: Mapping[str, Any], node_id: str, input_name: str) -> str:
    node = graph.get(node_id)
    inputs = node.get("inputs", {}) if isinstance(node, Mapping) else {}
    value = inputs.get(input_name) if isinstance(inputs, Mapping) else None
    if value is None or isinstance(value, list):
        return ""
    return " ".join(str(value).split())
