"""The details pane beside the history table: a job's parameters, its times (queued, sampling,
total), every attempt, its input images and outputs and, for a failed job, what the server said
per node and input. Remix, Retry, Delete, Copy error and the Workflow menu (export or copy, UI
or API format) act on the job shown."""

from __future__ import annotations

import html
import json
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QMouseEvent, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import Attempt, ImageRecord, Job, JobError, JobStatus
from studio_desktop.core.prompts.jobs import DYNAMIC_KEY
from studio_desktop.core.sweeps.axes import AXIS_NAMES, CELL_KEY, cell_of
from studio_desktop.core.workflows.defaults import default_model_words
from studio_desktop.ui.dynamic_prompt_texts import dynamic_rows
from studio_desktop.ui.field_labels import slot_label
from studio_desktop.ui.graph_option_texts import graph_option_rows
from studio_desktop.ui.history import formatting as fmt
from studio_desktop.ui.history.empty_state import EmptyState
from studio_desktop.ui.history.inputs import InputImages
from studio_desktop.ui.history.status import StatusIcons, status_text
from studio_desktop.ui.history.timing import attempt_text, timing_text
from studio_desktop.ui.send_to import DragSource
from studio_desktop.ui.texts import error_text, show_text
from studio_desktop.ui.thumbnails import ThumbnailLoader
from studio_desktop.ui.workflow_actions import WorkflowAction, add_workflow_actions

THUMB_SIZE = 96  # logical pixels of a thumbnail's long edge
MAX_DETAIL_CHARS = 400  # a server "details" string can list every model it has
MAX_TRACEBACK_LINES = 12


def _section(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def _text(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    return label


def _clip(text: str, limit: int = MAX_DETAIL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def source_of(record: ImageRecord) -> str | None:
    """What to show for an output: its thumbnail, else the image itself."""
    if record.thumb_path:
        return record.thumb_path
    return record.path if record.kind in ("image", "animated") else None


class OutputThumb(QLabel):
    """One output: a right click asks for its menu (use as source, compare with the source);
    a drag carries its file into an image slot or out to a file manager."""

    def __init__(
        self,
        record: ImageRecord,
        resolve: Callable[[str], Path] | None,
        menu_requested: Any,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.record = record
        self._menu_requested = menu_requested
        self.drag = DragSource(
            self,
            lambda: [resolve(record.path)] if resolve is not None else [],
            self.pixmap,
        )

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        self._menu_requested.emit(self.record, event.globalPos())

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.drag.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        self.drag.move(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.drag.release()


class _Thumbnails(QWidget):
    """One row of output thumbnails, scrolled sideways when a batch is large."""

    menu_requested = Signal(object, QPoint)  # ImageRecord, global position

    def __init__(self, loader: ThumbnailLoader, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._labels: dict[str, QLabel] = {}
        self.thumbs: list[OutputThumb] = []
        self.resolve: Callable[[str], Path] | None = None  # stored path → file (for drags)
        self._row = QHBoxLayout()
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(6)
        inner = QWidget(self)
        inner.setLayout(self._row)
        self._scroll = QScrollArea(self)
        self._scroll.setWidget(inner)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        bar = self._scroll.horizontalScrollBar().sizeHint().height()
        self._scroll.setFixedHeight(THUMB_SIZE + 4 + bar)
        self._empty = QLabel(self)
        self._empty.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._scroll)
        layout.addWidget(self._empty)
        loader.loaded.connect(self._loaded)

    def show_images(self, images: Sequence[ImageRecord], empty_text: str) -> None:
        while (item := self._row.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self._labels = {}
        self.thumbs = []
        visible = [i for i in images if not i.deleted]
        for record in visible:
            label = OutputThumb(record, self.resolve, self.menu_requested, self._row.parentWidget())
            self.thumbs.append(label)
            label.setFixedSize(THUMB_SIZE, THUMB_SIZE)
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setFrameShape(QFrame.Shape.StyledPanel)
            size = f"{record.width} × {record.height}" if record.width else record.kind
            label.setToolTip(
                f"{size}\n{record.path}\n"
                + self.tr("Right-click to use it as a source image or compare it; drag it out")
            )
            label.setAccessibleName(self.tr("Output {index}").format(index=record.index + 1))
            source = source_of(record)
            if source is not None:
                self._labels[source] = label
                self._paint(source, label)
            else:
                label.setText(record.kind)
            self._row.addWidget(label)
        self._row.addStretch(1)
        self._scroll.setVisible(bool(visible))
        self._empty.setText(empty_text)
        self._empty.setVisible(not visible)

    def sources(self) -> list[str]:
        return list(self._labels)

    def _loaded(self, rel: str) -> None:
        label = self._labels.get(rel)
        if label is not None:
            self._paint(rel, label)

    def _paint(self, rel: str, label: QLabel) -> None:
        ratio = self.devicePixelRatioF()
        device = round(THUMB_SIZE * ratio)
        pixmap = self._loader.pixmap(rel, device)
        if pixmap is None:
            label.setText(self.tr("Missing") if self._loader.failed(rel) else "…")
            return
        if max(pixmap.width(), pixmap.height()) != device:
            pixmap = pixmap.scaled(
                QSize(device, device),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        else:
            pixmap = QPixmap(pixmap)  # our own copy: the ratio below must not touch the cache
        pixmap.setDevicePixelRatio(ratio)
        label.setPixmap(pixmap)


class JobDetails(QWidget):
    """Everything about one job; `show_job(None)` shows the empty state."""

    remix_clicked = Signal(str)
    retry_clicked = Signal(str)
    delete_clicked = Signal(str)
    copy_error_clicked = Signal(str)
    workflow_requested = Signal(str, object)  # job id, WorkflowAction
    open_input_requested = Signal(str)  # an input image's stored path

    def __init__(
        self,
        thumbnails: ThumbnailLoader,
        parent: QWidget | None = None,
        *,
        template_name: Callable[[str], str] | None = None,
        template_fields: Callable[[str], Mapping[str, bool] | None] | None = None,
        default_model_used: Callable[[Job], str | None] | None = None,
    ) -> None:
        """`template_name` turns a template id into the name to show (the id when None);
        `default_model_used`, the file a job on the server's default model ran with."""
        super().__init__(parent)
        self._job: Job | None = None
        self._template_name = template_name or str
        # Which standard fields a template uses, as the Generate form shows them (None: unknown,
        # so all are listed).
        self._template_fields = template_fields or (lambda _template_id: None)
        self._default_model_used = default_model_used or (lambda _job: None)
        self._icons = StatusIcons()

        self._empty = EmptyState(
            self.tr("No job selected"),
            self.tr("Select a job to see its parameters, outputs and errors."),
            self,
        )

        body = QWidget(self)
        self.status_icon = QLabel(body)
        self.title = QLabel(body)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        self.subtitle = _text(body)
        self.subtitle.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.prompt = _text(body)
        self.negative_title = _section(self.tr("Negative prompt"), body)
        self.negative = _text(body)
        self.timing = _text(body)
        self.error_title = _section(self.tr("What went wrong"), body)
        self.copy_error_button = QPushButton(self.tr("Copy error"), body)
        self.copy_error_button.setToolTip(
            self.tr("Copy the error message and the server's details as text")
        )
        self.error = _text(body)
        self.error.setTextFormat(Qt.TextFormat.RichText)
        self.error.setContentsMargins(0, 0, 0, 6)
        self.attempts_title = _section(self.tr("Attempts"), body)
        self.attempts = _text(body)
        self.inputs_title = _section(self.tr("Input images"), body)
        self.inputs = InputImages(thumbnails, body)
        self.inputs.open_requested.connect(self.open_input_requested)
        self.outputs = _Thumbnails(thumbnails, body)
        self.parameters = _text(body)
        self.parameters.setTextFormat(Qt.TextFormat.RichText)
        self.export_button = QPushButton(self.tr("Workflow"), body)
        self.export_button.setToolTip(
            self.tr(
                "Save or copy this job's workflow: the UI format opens in ComfyUI, the API "
                "format is the exact graph sent to the server"
            )
        )
        self.workflow_menu = QMenu(self.export_button)
        add_workflow_actions(self.workflow_menu, self._workflow_requested)
        self.export_button.setMenu(self.workflow_menu)

        header = QHBoxLayout()
        header.setSpacing(6)
        header.addWidget(self.status_icon)
        header.addWidget(self.title, 1)
        content = QVBoxLayout(body)
        content.setContentsMargins(12, 12, 12, 12)
        content.setSpacing(6)
        content.addLayout(header)
        content.addWidget(self.subtitle)
        content.addWidget(self.timing)
        content.addSpacing(6)
        content.addWidget(_section(self.tr("Prompt"), body))
        content.addWidget(self.prompt)
        content.addWidget(self.negative_title)
        content.addWidget(self.negative)
        content.addSpacing(6)
        error_header = QHBoxLayout()
        error_header.addWidget(self.error_title, 1)
        error_header.addWidget(self.copy_error_button)
        content.addLayout(error_header)
        content.addWidget(self.error)
        content.addWidget(self.attempts_title)
        content.addWidget(self.attempts)
        content.addWidget(self.inputs_title)
        content.addWidget(self.inputs)
        content.addWidget(_section(self.tr("Outputs"), body))
        content.addWidget(self.outputs)
        content.addSpacing(6)
        parameters_header = QHBoxLayout()
        parameters_header.addWidget(_section(self.tr("Parameters"), body), 1)
        parameters_header.addWidget(self.export_button)
        content.addLayout(parameters_header)
        content.addWidget(self.parameters)
        content.addStretch(1)

        scroll = QScrollArea(self)
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        style = self.style()
        self.remix_button = QPushButton(self.tr("Remix"), self)
        self.remix_button.setToolTip(self.tr("Load these parameters into Generate"))
        self.retry_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload), self.tr("Retry"), self
        )
        self.retry_button.setToolTip(self.tr("Queue this failed or cancelled job again"))
        self.delete_button = QPushButton(
            style.standardIcon(QStyle.StandardPixmap.SP_TrashIcon), self.tr("Delete"), self
        )
        self.remix_button.clicked.connect(lambda: self._emit(self.remix_clicked))
        self.retry_button.clicked.connect(lambda: self._emit(self.retry_clicked))
        self.delete_button.clicked.connect(lambda: self._emit(self.delete_clicked))
        self.copy_error_button.clicked.connect(lambda: self._emit(self.copy_error_clicked))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(12, 6, 12, 12)
        buttons.setSpacing(6)
        buttons.addWidget(self.remix_button)
        buttons.addWidget(self.retry_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self._page = QWidget(self)
        page_layout = QVBoxLayout(self._page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.setSpacing(0)
        page_layout.addWidget(scroll, 1)
        page_layout.addLayout(buttons)

        self._stack = QStackedWidget(self)
        self._stack.addWidget(self._empty)
        self._stack.addWidget(self._page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack)
        self.setMinimumWidth(260)
        self._images: Sequence[ImageRecord] = ()
        self._attempts: Sequence[Attempt] = ()

    @property
    def job(self) -> Job | None:
        return self._job

    @property
    def shown_images(self) -> Sequence[ImageRecord]:
        return self._images

    @property
    def shown_attempts(self) -> Sequence[Attempt]:
        return self._attempts

    def show_job(
        self,
        job: Job | None,
        images: Sequence[ImageRecord] = (),
        attempts: Sequence[Attempt] = (),
    ) -> None:
        """Show `job` with its outputs and its attempts (oldest first) as read for it."""
        self._job = job
        self._images = images
        self._attempts = [a for a in attempts if job is not None and a.job_id == job.id]
        if job is None:
            self._stack.setCurrentWidget(self._empty)
            return
        self._stack.setCurrentWidget(self._page)
        self.status_icon.setPixmap(
            self._icons(job.status).pixmap(QSize(20, 20), self.devicePixelRatioF())
        )
        self.title.setText(status_text(job.status))
        self.subtitle.setText(self._subtitle(job))
        timing = timing_text(job)
        self.timing.setText(timing)
        self.timing.setVisible(bool(timing))
        self.prompt.setText(job.params.prompt or self.tr("(no prompt)"))
        has_negative = bool(job.params.negative)
        self.negative_title.setVisible(has_negative)
        self.negative.setVisible(has_negative)
        self.negative.setText(job.params.negative)
        failed = job.status is JobStatus.FAILED and job.error is not None
        self.error_title.setVisible(failed)
        self.error.setVisible(failed)
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        self.error.setText(error_html(job.error, muted) if failed and job.error else "")
        # A job retrying or given back to the queue keeps the reason too: it can be copied.
        self.copy_error_button.setVisible(job.error is not None)
        self.copy_error_button.setEnabled(job.error is not None)
        self.attempts_title.setVisible(bool(self._attempts))
        self.attempts.setVisible(bool(self._attempts))
        self.attempts.setText("\n".join(attempt_text(a) for a in self._attempts))
        self.inputs_title.setVisible(bool(job.inputs))
        self.inputs.show_inputs(job.inputs)
        self.outputs.show_images(images, self._no_outputs_text(job))
        self.parameters.setText(self._parameters_html(job))
        self.retry_button.setEnabled(job.status.can_retry)
        self.delete_button.setEnabled(job.status.is_final)
        self.delete_button.setToolTip(
            self.tr("Remove this job from History (Undo is offered)")
            if job.status.is_final
            else self.tr("Cancel the job in the queue before deleting it")
        )

    def changeEvent(self, event: QEvent) -> None:
        # The parameter table's colours come from the palette: redraw it when the theme flips.
        if event.type() == QEvent.Type.PaletteChange and self._job is not None:
            self.show_job(self._job, self._images, self._attempts)
        super().changeEvent(event)

    def _emit(self, signal: Any) -> None:
        if self._job is not None:
            signal.emit(self._job.id)

    def _workflow_requested(self, action: WorkflowAction) -> None:
        if self._job is not None:
            self.workflow_requested.emit(self._job.id, action)

    def _subtitle(self, job: Job) -> str:
        parts = [fmt.local_time(job.created_at)]
        if job.server:
            parts.append(fmt.server_label(job.server))
        if job.status is JobStatus.RUNNING and job.progress_text:
            parts.append(job.progress_text)
        return " · ".join(p for p in parts if p)

    def _no_outputs_text(self, job: Job) -> str:
        if job.status is JobStatus.COMPLETED:
            return self.tr("No outputs were recorded (or all of them are in the trash).")
        if job.status.is_active:
            return self.tr("Outputs appear here when the job finishes.")
        return self.tr("This job made no outputs.")

    def _extra_rows(self, key: str, value: Any) -> list[tuple[str, str]]:
        """A template's own setting, named as the Generate form names it; a sweep cell as its
        place on the grid's axes, counted from 1 (a first place on the last axes is left out:
        a sweep of two axes has no Z); the dynamic prompt a job was picked from as it was
        typed, with how its variations were taken."""
        place = cell_of({CELL_KEY: value}) if key == CELL_KEY else None
        if place is not None:
            shown = list(place)
            while len(shown) > 1 and shown[-1] == 0:
                shown.pop()
            where = " · ".join(
                f"{axis} {i + 1}" for axis, i in zip(AXIS_NAMES, shown, strict=False)
            )
            return [(self.tr("Sweep cell"), where)]
        if key == DYNAMIC_KEY and isinstance(value, Mapping):
            return [(row.name, row.text) for row in dynamic_rows(value)]
        return [(slot_label(key), _value_text(value))]

    def _parameters_html(self, job: Job) -> str:
        p = job.params
        fields = self._template_fields(job.template) or {}
        # (the Generate form's field, its name here, its value)
        known: list[tuple[str, str, str]] = [
            (
                "model",
                self.tr("Model"),
                p.model or show_text(default_model_words(self._default_model_used(job))),
            ),
            ("size", self.tr("Size"), fmt.size_text(job)),
            ("steps", self.tr("Steps"), str(p.steps)),
            ("cfg", self.tr("CFG"), f"{p.cfg:g}"),
            ("sampler", self.tr("Sampler"), p.sampler),
            ("scheduler", self.tr("Scheduler"), p.scheduler),
            ("seed", self.tr("Seed"), str(p.seed)),
            ("batch_size", self.tr("Batch size"), str(p.batch_size)),
            ("denoise", self.tr("Denoise"), f"{p.denoise:g}"),
        ]
        rows: list[tuple[str, str]] = [(self.tr("Template"), self._template_name(job.template))]
        rows.extend((name, value) for key, name, value in known if fields.get(key, True))
        rows.extend((row.name, row.text) for row in graph_option_rows(p))
        for key, value in sorted(p.extra.items()):
            rows.extend(self._extra_rows(str(key), value))
        rows.extend(
            [
                (self.tr("Server"), job.server or self.tr("any")),
                (self.tr("Attempts"), str(job.attempt)),
                (self.tr("Created"), fmt.local_time_seconds(job.created_at)),
                (self.tr("Started"), fmt.local_time_seconds(job.started_at) or "—"),
                (self.tr("Finished"), fmt.local_time_seconds(job.finished_at) or "—"),
            ]
        )
        muted = self.palette().color(QPalette.ColorRole.PlaceholderText).name()
        cells = "".join(
            f'<tr><td style="color:{muted}; padding-right:12px; white-space:nowrap">'
            f"{html.escape(k)}</td>"
            f"<td>{html.escape(v)}</td></tr>"
            for k, v in rows
        )
        # The id on its own line: a table cell would clip it instead of wrapping at its dashes.
        job_id = html.escape(self.tr("Job {id}").format(id=job.id))
        return (
            f'<table cellspacing="0" cellpadding="1">{cells}</table>'
            f'<p style="color:{muted}">{job_id}</p>'
        )


def _value_text(value: Any) -> str:
    if isinstance(value, Mapping | list | tuple):
        return _clip(json.dumps(value, ensure_ascii=False, default=str), 200)
    return str(value)


def error_report(error: JobError) -> str:
    """A failure as plain text for the clipboard: the message (in the UI's language), where,
    and the server's details (a traceback as it is, per-node errors as JSON)."""
    lines = [error_text(error), f"type: {error.type}"]
    if error.node_id:
        lines.append(f"node: {error.node_id}")
    if isinstance(error.details, str) and error.details.strip():
        lines += ["", error.details.strip()]
    elif error.details not in (None, "", [], {}):
        lines += ["", json.dumps(error.details, ensure_ascii=False, indent=2, default=str)]
    return "\n".join(lines)


def error_html(error: JobError, muted: str = "gray") -> str:
    """A failure as rich text: the server's message, then each node with its inputs' errors
    (`muted`: the colour of the server's longer explanations)."""
    parts = [f"<p>{html.escape(error_text(error))}</p>"]
    nodes = error.details if isinstance(error.details, list) else []
    for node in nodes:
        if not isinstance(node, Mapping):
            continue
        title = QCoreApplication.translate("JobDetails", "Node {node} · {class_type}").format(
            node=node.get("node_id", "?"), class_type=node.get("class_type", "?")
        )
        items = []
        for entry in node.get("errors") or []:
            if not isinstance(entry, Mapping):
                continue
            message = html.escape(str(entry.get("message", "")))
            name = entry.get("input_name")
            head = f"<b>{html.escape(str(name))}</b>: {message}" if name else message
            detail = str(entry.get("details") or "")
            tail = (
                f'<br/><span style="color:{muted}">{html.escape(_clip(detail))}</span>'
                if detail
                else ""
            )
            items.append(f'<p style="margin-left:12px; margin-top:2px">• {head}{tail}</p>')
        parts.append(f'<p style="margin-bottom:0"><b>{html.escape(title)}</b></p>')
        parts.extend(items)
    if isinstance(error.details, str) and error.details.strip():
        # A runtime failure's traceback: the last lines say where it broke.
        lines = error.details.strip().splitlines()[-MAX_TRACEBACK_LINES:]
        code = html.escape("\n".join(lines))
        parts.append(f"<pre style='font-size:small'>{code}</pre>")
    elif error.node_id and not nodes:
        parts.append(
            "<p>"
            + html.escape(
                QCoreApplication.translate("JobDetails", "Node {node}").format(node=error.node_id)
            )
            + "</p>"
        )
    return "".join(parts)
