"""The current job (the one started most recently, from anywhere): progress, preview, result."""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPalette, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.engine import (
    JobFinished,
    JobPreview,
    JobProgress,
    JobRetrying,
    ServerStatus,
)
from studio_desktop.core.jobs import Job, JobStatus
from studio_desktop.core.paths import DataPaths
from studio_desktop.ui.generate.image_slot import decode_thumbnail
from studio_desktop.ui.generate.result_strip import ResultStrip
from studio_desktop.ui.texts import error_text, server_display_name
from studio_desktop.workers.pool import WorkerPool
from studio_desktop.workers.read_view import ReadView
from studio_desktop.workers.tasks import Tasks

RESULT_BOX_MIN = 768  # device pixels: the result is decoded at least this large
TICK_MS = 500


class Shown(enum.Enum):
    NOTHING = "nothing"
    PREVIEW = "preview"
    RESULT = "result"


def format_duration(seconds: float) -> str:
    seconds = max(0, round(seconds))
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


def decode_bytes(data: bytes) -> QImage:
    """A preview frame (JPEG/PNG/WebP) as a QImage (worker threads only)."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ValueError("the preview frame could not be decoded")
    return image


class ImageView(QWidget):
    """Shows one image scaled to fit, keeping its aspect ratio, or a hint when there is none."""

    def __init__(self, hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint
        self._image: QPixmap | None = None
        self._scaled: QPixmap | None = None
        self.setMinimumSize(240, 240)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def pixmap(self) -> QPixmap | None:
        return self._image

    def set_image(self, image: QImage | None) -> None:
        self._image = QPixmap.fromImage(image) if image is not None else None
        self._scaled = None
        self.update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scaled = None
        super().resizeEvent(event)

    def _fitted(self, box: QSize) -> QPixmap | None:
        if self._image is None or self._image.isNull():
            return None
        ratio = self.devicePixelRatioF()
        device_box = QSize(round(box.width() * ratio), round(box.height() * ratio))
        target = self._image.size().scaled(device_box, Qt.AspectRatioMode.KeepAspectRatio)
        if self._scaled is None or self._scaled.size() != target:
            # Scaled once per size, not per paint; smooth both ways.
            self._scaled = self._image.scaled(
                target,
                Qt.AspectRatioMode.IgnoreAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled.setDevicePixelRatio(ratio)
        return self._scaled

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 6, 6)
        inner = self.rect().adjusted(8, 8, -8, -8)
        fitted = self._fitted(inner.size())
        if fitted is not None:
            ratio = fitted.devicePixelRatio()
            w, h = round(fitted.width() / ratio), round(fitted.height() / ratio)
            x = inner.x() + (inner.width() - w) // 2
            y = inner.y() + (inner.height() - h) // 2
            painter.drawPixmap(x, y, fitted)
        else:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(
                inner.adjusted(24, 0, -24, 0),
                Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                self.hint,
            )
        painter.end()


class ProgressPanel(QWidget):
    """Follows the most recently started job: bar, step, node, elapsed/ETA, preview, result."""

    status_message = Signal(str, int)
    shown_changed = Signal(object)  # Shown: a preview frame or the result is now on screen

    def __init__(
        self,
        pool: WorkerPool,
        reads: ReadView,
        paths: DataPaths,
        tasks: Tasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = pool
        self._reads = reads
        self._paths = paths
        self._tasks = tasks
        self._job_id: str | None = None
        self._active = False
        self._shown = Shown.NOTHING
        self._eta_s: float | None = None
        self._eta_mark_ms = 0  # elapsed time when the ETA was reported; it counts down from there
        self._elapsed = QElapsedTimer()
        self._decoding = False  # one preview decode at a time; the newest waiting frame next
        self._waiting_frame: JobPreview | None = None
        self._generation = 0
        self._server = ""  # the URL of the server running the job being followed
        self._server_names: dict[str, str] = {}  # url -> the name the user gave it
        self._step = ""  # "7/20": the last step reported, for "lost the server at step 7/20"
        self._waiting = False  # the job went back to the queue; the panel waits with it

        self._idle_hint = self.tr(
            "The live preview of a running job appears here, then its result."
        )
        self.view = ImageView(self._idle_hint)
        self.strip = ResultStrip(paths, tasks, lambda: pool.operations)
        self.strip.chosen.connect(lambda record: self._load_result(paths.resolve(record.path)))
        self.strip.status_message.connect(self.status_message)
        self.caption = QLabel()
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.setTextVisible(False)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton)
        )
        self._cancel_tip = self.tr("Cancel the current job (Esc)")
        self.cancel_button.setToolTip(self._cancel_tip)
        self.cancel_button.clicked.connect(self.cancel_current)
        self.step_label = QLabel(self.tr("No job running"))
        # A long server error must not widen the panel (the form beside it shrank) or run into
        # the time on its right: the label keeps its share and clips; the tooltip has it all.
        self.step_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.time_label = QLabel()
        self.time_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for label in (self.step_label, self.time_label, self.caption):
            label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        bar_row = QHBoxLayout()
        bar_row.setSpacing(6)
        bar_row.addWidget(self.bar, 1)
        bar_row.addWidget(self.cancel_button)
        info_row = QHBoxLayout()
        info_row.setSpacing(12)
        info_row.addWidget(self.step_label, 1)
        info_row.addWidget(self.time_label)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 12, 12, 12)
        column.setSpacing(6)
        column.addWidget(self.view, 1)
        column.addWidget(self.strip)
        column.addWidget(self.caption)
        column.addLayout(bar_row)
        column.addLayout(info_row)

        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self._update_time)
        pool.job_started.connect(self._on_started)
        pool.progress.connect(self._on_progress)
        pool.preview.connect(self._on_preview)
        pool.outputs_ready.connect(self._on_outputs)
        pool.job_changed.connect(self._on_changed)
        pool.retrying.connect(self._on_retrying)
        pool.server_changed.connect(self._on_server_changed)
        self._update_buttons()

    # --- public ---

    @property
    def current_job(self) -> str | None:
        return self._job_id

    @property
    def shown(self) -> Shown:
        """What the view shows: nothing yet, a live preview, or the finished job's result."""
        return self._shown

    @property
    def waiting_for_server(self) -> bool:
        """The job being followed lost its server and waits in the queue to run again."""
        return self._waiting

    @property
    def clock_running(self) -> bool:
        """Whether the elapsed time (and ETA) shown still counts on."""
        return self._ticker.isActive()

    def cancel_current(self) -> bool:
        """Cancel the job being followed; False if none is running."""
        if self._job_id is None or not self._active:
            return False
        self._pool.cancel(self._job_id)
        self.step_label.setText(self.tr("Cancelling…"))
        self.cancel_button.setEnabled(False)
        return True

    # --- pool signals ---

    def _on_started(self, job_id: str, server: str) -> None:
        self._job_id = job_id
        self._active = True
        self._server = server
        self._step = ""
        self._set_waiting(False)
        self._generation += 1
        self._shown = Shown.NOTHING  # the last result stays on screen until the first frame
        self.view.hint = self._idle_hint
        self.step_label.setToolTip("")
        self._eta_s = None
        self._waiting_frame = None
        self._elapsed.start()
        self._ticker.start()
        self.bar.setRange(0, 0)  # busy until the first step arrives
        self.step_label.setText(self.tr("Starting on {server}…").format(server=server))
        self.caption.setToolTip("")
        self._set_caption("")
        reads = self._reads

        def prompt_of() -> str:
            job = reads.get_job(job_id)
            return job.params.prompt if job is not None else ""

        def show_prompt(prompt: str) -> None:
            if job_id == self._job_id:
                self.caption.setToolTip(prompt)
                self._set_caption(prompt)

        self._tasks.run("read", prompt_of, show_prompt, owner=self, key="caption")
        self._update_time()
        self._update_buttons()

    def _on_progress(self, progress: JobProgress) -> None:
        if progress.job_id != self._job_id or not self._active or self._waiting:
            return  # (a late step from the server that went away says nothing now)
        self.bar.setRange(0, max(progress.max, 1))
        self.bar.setValue(min(progress.value, progress.max))
        self._step = f"{progress.value}/{progress.max}"
        step = self.tr("Step {value}/{max}").format(value=progress.value, max=progress.max)
        node = progress.node_type or ""
        self.step_label.setText(f"{step} · {node}" if node else step)
        self._eta_s = progress.eta_s
        self._eta_mark_ms = self._elapsed.elapsed()
        self._update_time()

    def _on_preview(self, frame: JobPreview) -> None:
        if frame.job_id != self._job_id or not self._active:
            return
        if self._decoding:
            self._waiting_frame = frame
            return
        self._decode(frame)

    def _decode(self, frame: JobPreview) -> None:
        self._decoding = True
        generation, data = self._generation, frame.image

        def done(image: QImage) -> None:
            self._frame_done()
            if generation == self._generation and self._shown is not Shown.RESULT:
                self.view.set_image(image)
                self._shown = Shown.PREVIEW
                self.shown_changed.emit(Shown.PREVIEW)

        def failed(_exc: Exception) -> None:
            self._frame_done()  # a bad frame is skipped; the next one will do

        # One frame decodes at a time (see `_frame_done`), so no key: `done` must always run.
        self._tasks.run("decode", lambda: decode_bytes(data), done, owner=self, failed=failed)

    def _frame_done(self) -> None:
        self._decoding = False
        frame, self._waiting_frame = self._waiting_frame, None
        if frame is not None and frame.job_id == self._job_id and self._active:
            self._decode(frame)

    def _on_outputs(self, finished: JobFinished) -> None:
        images = [r for r in finished.images if r.kind in ("image", "animated")]
        shown = [r for r in finished.images if r.kind in ("image", "animated") or r.thumb_path]
        # Every job of the batch, also one that finished while the panel followed the next.
        self.strip.offer(finished.job.id, shown, followed=finished.job.id == self._job_id)
        if finished.job.id != self._job_id:
            return
        self._finish(finished.job)
        if not images:
            return
        source = self._paths.resolve(images[0].path)
        self._load_result(source)

    def _load_result(self, source: Path) -> None:
        generation = self._generation
        ratio = self.devicePixelRatioF()
        box = max(RESULT_BOX_MIN, round(max(self.view.width(), self.view.height()) * ratio))

        def done(image: QImage) -> None:
            if generation == self._generation:
                self.view.set_image(image)
                self._shown = Shown.RESULT
                self.shown_changed.emit(Shown.RESULT)

        def failed(exc: Exception) -> None:
            self.status_message.emit(
                self.tr("Could not show the result: {reason}").format(reason=exc), 8000
            )

        self._tasks.run(
            "decode",
            lambda: decode_thumbnail(source, box),
            done,
            owner=self,
            key="result",
            failed=failed,
        )

    def _on_changed(self, job: Job) -> None:
        if job.id == self._job_id and job.status.is_final:
            self._finish(job)
        elif job.id == self._job_id and self._active and job.status is JobStatus.PENDING:
            self._back_in_queue(job)
        elif job.status is JobStatus.FAILED and not self._active:
            # Failed without the panel seeing it start (ComfyUI refused the prompt at once):
            # it is the news, and the panel must not go on saying "Finished" for the job before.
            self._follow_failed(job)

    def _follow_failed(self, job: Job) -> None:
        self._job_id = job.id
        self._active = True
        self._generation += 1
        self._shown = Shown.NOTHING
        self._elapsed.invalidate()
        self.caption.setToolTip(job.params.prompt)
        self._set_caption(job.params.prompt)
        self._finish(job)

    def _on_retrying(self, retrying: JobRetrying) -> None:
        if retrying.job_id == self._job_id:
            self._eta_s = None  # nothing runs during the backoff: no countdown to show
            self.step_label.setText(
                self.tr("Retrying in {delay:.0f} s: {reason}").format(
                    delay=retrying.delay_s, reason=retrying.reason
                )
            )
            self._update_time()

    def _on_server_changed(self, status: ServerStatus) -> None:
        if status.name:
            self._server_names[status.url] = server_display_name(status.name)

    def _back_in_queue(self, job: Job) -> None:
        """The engine gave the running job back to the queue: its server went away (error type
        "server_down"), or the server was removed or handed the prompt to another. Nothing runs
        now, so the clock stops; it starts again (a new `job_started`) when a server takes it.
        Cancel stays: it takes the waiting job out of the queue."""
        self._set_waiting(True)
        self._ticker.stop()
        self._eta_s = None
        self._waiting_frame = None
        server = self._server_names.get(self._server) or self._server
        lost = job.error is not None and job.error.type == "server_down"
        if lost and self._step:
            text = self.tr("Lost the server at step {step} — waiting for it to come back").format(
                step=self._step
            )
        elif lost:
            text = self.tr("Lost the server before the first step — waiting for it to come back")
        else:
            text = self.tr("Waiting for a server to take the job again")
        self.step_label.setText(text)
        # The line has room for the news only; which server and why go in the tooltip.
        why = error_text(job.error) if job.error is not None else ""
        self.step_label.setToolTip(
            "\n".join(filter(None, [text, self.tr("Server: {server}").format(server=server), why]))
        )
        seconds = self._elapsed.elapsed() / 1000 if self._elapsed.isValid() else 0.0
        self.time_label.setText(
            self.tr("Stopped after {time}").format(time=format_duration(seconds))
        )
        if self._shown is Shown.NOTHING:
            self.view.hint = text
            self.view.update()

    def _set_waiting(self, waiting: bool) -> None:
        self._waiting = waiting
        # A greyed bar that says where the job is: the last step stays, plainly not moving.
        self.bar.setEnabled(not waiting)
        self.bar.setTextVisible(waiting)
        self.bar.setFormat(self.tr("The job is back in the queue") if waiting else "%p%")
        self.cancel_button.setToolTip(
            self.tr("Take the waiting job out of the queue (Esc)") if waiting else self._cancel_tip
        )

    # --- display ---

    def _finish(self, job: Job) -> None:
        if not self._active:
            return
        self._active = False
        self._set_waiting(False)
        self._ticker.stop()
        self._waiting_frame = None
        seconds = self._elapsed.elapsed() / 1000 if self._elapsed.isValid() else 0.0
        if job.status is JobStatus.COMPLETED:
            if self.bar.maximum() == 0:  # finished before any step was reported
                self.bar.setRange(0, 1)
            self.bar.setValue(self.bar.maximum())
            self.step_label.setText(self.tr("Finished"))
        elif job.status is JobStatus.CANCELLED:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            self.step_label.setText(self.tr("Cancelled"))
            self._clear_unless_shown(self.tr("The job was cancelled."))
        else:
            self.bar.setRange(0, 1)
            self.bar.setValue(0)
            reason = error_text(job.error) if job.error is not None else ""
            self.step_label.setText(self.tr("Failed: {reason}").format(reason=reason))
            self.step_label.setToolTip(reason)
            self._clear_unless_shown(self.tr("This job failed: {reason}").format(reason=reason))
        took = self.tr("Took {time}").format(time=format_duration(seconds))
        self.time_label.setText(took if self._elapsed.isValid() else "")  # never ran: no time
        self._update_buttons()

    def _clear_unless_shown(self, hint: str) -> None:
        """A job that ended without a frame of its own: take the job before's picture away and
        say what happened there, in full (wrapped), instead."""
        if self._shown is Shown.NOTHING:
            self.view.set_image(None)
            self.view.hint = hint
            self.view.update()

    def _update_time(self) -> None:
        if not self._active or self._waiting or not self._elapsed.isValid():
            return
        elapsed = self.tr("Elapsed {time}").format(
            time=format_duration(self._elapsed.elapsed() / 1000)
        )
        if self._eta_s is not None:
            since = (self._elapsed.elapsed() - self._eta_mark_ms) / 1000
            eta = self.tr("ETA {time}").format(time=format_duration(self._eta_s - since))
            self.time_label.setText(f"{elapsed} · {eta}")
        else:
            self.time_label.setText(elapsed)

    def _set_caption(self, prompt: str) -> None:
        line = " ".join(prompt.split())
        width = max(self.caption.width(), 200)
        self.caption.setText(
            self.caption.fontMetrics().elidedText(line, Qt.TextElideMode.ElideRight, width)
        )
        self.caption.setProperty("full_text", line)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        full = self.caption.property("full_text")
        if isinstance(full, str):
            self._set_caption(full)

    def _update_buttons(self) -> None:
        self.cancel_button.setEnabled(self._active)
