"""The Generate parameter form: template, prompts, server lists, size, sampling, image slots.

It knows nothing about the pool: it turns its fields into NewJobs, says what stops them from
being queued (`problems()`), and saves/restores itself as a JSON-able dict.
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.files import OutputLibrary
from studio_desktop.core.jobs import GenerationParams, InputImage, Job, NewJob
from studio_desktop.core.workflows import Template, TemplateError, TemplateRegistry
from studio_desktop.ui.generate.background import BackgroundTasks
from studio_desktop.ui.generate.fields import ListCombo, SeedField, SizeField, WrapLabel
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.generate.server_lists import ServerLists

# What ComfyUI 0.3.64 offers, so the combos are usable before any server was ever reached.
DEFAULT_SAMPLERS = (
    "euler",
    "euler_ancestral",
    "heun",
    "dpm_2",
    "lms",
    "dpmpp_2m",
    "dpmpp_sde",
    "dpmpp_2m_sde",
    "ddim",
    "uni_pc",
)
DEFAULT_SCHEDULERS = (
    "normal",
    "karras",
    "exponential",
    "sgm_uniform",
    "simple",
    "ddim_uniform",
    "beta",
)
MAX_BATCH = 100
DEFAULT_TEMPLATE = "txt2img"
PROMPT_LINES, NEGATIVE_LINES = 6, 3


def _prompt_edit(placeholder: str, lines: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setUndoRedoEnabled(True)
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    margins = edit.contentsMargins()
    frame = 2 * edit.frameWidth() + 2 * round(edit.document().documentMargin())
    height = edit.fontMetrics().lineSpacing() * lines + margins.top() + margins.bottom() + frame
    # Fixed: extra window height goes to the preview, not to empty prompt lines; long prompts
    # scroll inside the box.
    edit.setFixedHeight(height)
    edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return edit


def _gap() -> QWidget:
    gap = QWidget()
    gap.setFixedHeight(6)
    return gap


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setContentsMargins(0, 6, 0, 0)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class GenerateForm(QWidget):
    """Every parameter of the next job. `changed` fires on any edit."""

    changed = Signal()
    refresh_requested = Signal()

    def __init__(
        self,
        templates: TemplateRegistry,
        library: OutputLibrary,
        tasks: BackgroundTasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._templates = templates
        self._library = library
        self._tasks = tasks
        self._template: Template | None = None
        self._lists: ServerLists | None = None  # from a connected server; None while offline
        self._images: dict[str, str] = {}  # slot name -> rel path, kept across template switches
        self._slots: dict[str, ImageSlotWidget] = {}
        self._batch_size = 1  # a remixed job's own latent batch, passed through unchanged
        self._extra: dict[str, Any] = {}
        self._restoring = False

        self.template_combo = QComboBox()
        self.template_combo.setToolTip(self.tr("The workflow the job runs"))
        self.description = WrapLabel()
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.prompt_edit = _prompt_edit(
            self.tr("Describe the image: subject, style, lighting, composition…"), PROMPT_LINES
        )
        self.negative_edit = _prompt_edit(
            self.tr("What to avoid, e.g. blurry, low quality, text, watermark"), NEGATIVE_LINES
        )

        self.model_combo = ListCombo(self.tr("No models known yet"))
        self.sampler_combo = ListCombo(self.tr("No samplers known yet"))
        self.scheduler_combo = ListCombo(self.tr("No schedulers known yet"))
        self.sampler_combo.set_names(DEFAULT_SAMPLERS)
        self.scheduler_combo.set_names(DEFAULT_SCHEDULERS)
        self.sampler_combo.set_value("euler")
        self.scheduler_combo.set_value("normal")
        self.refresh_button = QToolButton()
        self.refresh_button.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        self.refresh_button.setToolTip(self.tr("Read the model, sampler and scheduler lists again"))
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.server_hint = WrapLabel()
        self.server_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.server_hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.size_field = SizeField()
        self.steps_spin = QSpinBox()
        self.steps_spin.setRange(1, 200)
        self.steps_spin.setValue(20)
        self.steps_spin.setToolTip(self.tr("Sampling steps: more is slower and often finer"))
        self.cfg_spin = QDoubleSpinBox()
        self.cfg_spin.setRange(0.0, 30.0)
        self.cfg_spin.setDecimals(1)
        self.cfg_spin.setSingleStep(0.5)
        self.cfg_spin.setValue(7.0)
        self.cfg_spin.setToolTip(self.tr("How closely the image follows the prompt"))
        self.denoise_spin = QDoubleSpinBox()
        self.denoise_spin.setRange(0.0, 1.0)
        self.denoise_spin.setDecimals(2)
        self.denoise_spin.setSingleStep(0.05)
        self.denoise_spin.setValue(1.0)
        self.denoise_spin.setToolTip(
            self.tr("How much of the reference image to repaint: 1.0 ignores it entirely")
        )
        self.seed_field = SeedField()
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(1, MAX_BATCH)
        self.batch_spin.setValue(1)
        self._batch_suffix(1)
        self.batch_spin.valueChanged.connect(self._batch_suffix)
        self.batch_spin.setToolTip(self.tr("How many jobs to queue, each with its own seed"))
        for spin in (self.steps_spin, self.cfg_spin, self.denoise_spin, self.batch_spin):
            spin.setMinimumWidth(96)

        self._build_layout()
        self._fill_templates()
        self._connect()

    # --- layout ---

    def _build_layout(self) -> None:
        # One form for everything, so every label column lines up; headings, prompts and image
        # slots span both columns.
        form = self._form()
        self.fields_form = form
        form.setContentsMargins(12, 12, 12, 12)
        self.setLayout(form)
        form.addRow(self.tr("Template"), self.template_combo)
        form.addRow("", self.description)

        self.images_heading = _heading(self.tr("Reference images"))
        self.images_widget = QWidget()
        self.images_box = QVBoxLayout(self.images_widget)
        self.images_box.setContentsMargins(0, 0, 0, 0)
        self.images_box.setSpacing(12)
        form.addRow(self.images_heading)
        form.addRow(self.images_widget)

        self.prompt_label = _heading(self.tr("Prompt"))
        self.prompt_label.setBuddy(self.prompt_edit)
        form.addRow(self.prompt_label)
        form.addRow(self.prompt_edit)
        self.negative_label = _heading(self.tr("Negative prompt"))
        self.negative_label.setBuddy(self.negative_edit)
        form.addRow(self.negative_label)
        form.addRow(self.negative_edit)
        form.addRow(_gap())

        model_row = QHBoxLayout()
        model_row.setContentsMargins(0, 0, 0, 0)
        model_row.setSpacing(6)
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.refresh_button)
        self._model_row = QWidget()
        self._model_row.setLayout(model_row)
        form.addRow(self.tr("Model"), self._model_row)
        form.addRow(self.tr("Sampler"), self.sampler_combo)
        form.addRow(self.tr("Scheduler"), self.scheduler_combo)
        form.addRow("", self.server_hint)
        form.addRow(_gap())

        form.addRow(self.tr("Size"), self.size_field)
        form.addRow(self.tr("Steps"), self.steps_spin)
        form.addRow(self.tr("CFG"), self.cfg_spin)
        form.addRow(self.tr("Denoise"), self.denoise_spin)
        form.addRow(self.tr("Seed"), self.seed_field)
        form.addRow(self.tr("Batch"), self.batch_spin)

    def _form(self) -> QFormLayout:
        form = QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(6)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return form

    def _fill_templates(self) -> None:
        blocked = self.template_combo.blockSignals(True)
        self.template_combo.clear()
        for template in self._templates.all():
            self.template_combo.addItem(template.name, template.id)
            self.template_combo.setItemData(
                self.template_combo.count() - 1, template.description, Qt.ItemDataRole.ToolTipRole
            )
        index = max(self.template_combo.findData(DEFAULT_TEMPLATE), 0)
        self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(blocked)
        if self.template_combo.count():
            self._apply_template(str(self.template_combo.itemData(index)))

    def _connect(self) -> None:
        self.template_combo.currentIndexChanged.connect(self._template_picked)
        for edit in (self.prompt_edit, self.negative_edit):
            edit.textChanged.connect(self._emit_changed)
        for combo in (self.model_combo, self.sampler_combo, self.scheduler_combo):
            combo.currentIndexChanged.connect(self._combo_changed)
        for spin in (self.steps_spin, self.batch_spin):
            spin.valueChanged.connect(self._emit_changed)
        for dspin in (self.cfg_spin, self.denoise_spin):
            dspin.valueChanged.connect(self._emit_changed)
        self.size_field.changed.connect(self._emit_changed)
        self.seed_field.changed.connect(self._emit_changed)

    def _batch_suffix(self, count: int) -> None:
        self.batch_spin.setSuffix(self.tr(" job") if count == 1 else self.tr(" jobs"))

    def _emit_changed(self) -> None:
        if not self._restoring:
            self.changed.emit()

    def _combo_changed(self) -> None:
        self._flag_lists()
        self._emit_changed()

    # --- templates ---

    def template(self) -> Template | None:
        return self._template

    def reload_templates(self) -> None:
        """Fill the picker again (after templates were added), keeping the current one."""
        current = self._template.id if self._template else None
        self._fill_templates()
        if current:
            self.set_template(current)

    def set_template(self, template_id: str) -> bool:
        index = self.template_combo.findData(template_id)
        if index < 0:
            return False
        self.template_combo.setCurrentIndex(index)
        self._apply_template(template_id)
        return True

    def _template_picked(self, index: int) -> None:
        data = self.template_combo.itemData(index)
        if isinstance(data, str):
            self._apply_template(data)
            if self._template is not None:
                self._apply_defaults(self._template.defaults)
            self._emit_changed()

    def _apply_defaults(self, defaults: Mapping[str, Any]) -> None:
        """A template's preferred values, applied when the user picks it (not on remix)."""
        if not defaults:
            return
        current = self.params().to_dict()
        known = set(current) - {"extra"}
        values = {k: v for k, v in defaults.items() if k in known}
        extra = {k: v for k, v in defaults.items() if k not in known}
        with contextlib.suppress(TypeError, ValueError):
            params = GenerationParams.from_dict({**current, **values})
            self._apply_params(params)
        self._extra.update(extra)

    def _apply_template(self, template_id: str) -> None:
        try:
            template = self._templates.get(template_id)
        except TemplateError:
            return
        if self._template is not None and self._template.id == template.id:
            return
        self._template = template
        self.description.setText(template.description)
        self.description.setVisible(bool(template.description))
        has = template.has_slot
        for widget, slot in (
            (self.prompt_label, "prompt"),
            (self.prompt_edit, "prompt"),
            (self.negative_label, "negative"),
            (self.negative_edit, "negative"),
        ):
            self.fields_form.setRowVisible(widget, has(slot))
        self.fields_form.setRowVisible(self._model_row, has("model"))
        self.fields_form.setRowVisible(self.sampler_combo, has("sampler"))
        self.fields_form.setRowVisible(self.scheduler_combo, has("scheduler"))
        self.fields_form.setRowVisible(self.size_field, has("width") or has("height"))
        self.fields_form.setRowVisible(self.steps_spin, has("steps"))
        self.fields_form.setRowVisible(self.cfg_spin, has("cfg"))
        self.fields_form.setRowVisible(self.seed_field, has("seed"))
        # With an empty latent, denoise below 1 only spoils the image: show it where an input
        # image is there to be kept.
        self.fields_form.setRowVisible(self.denoise_spin, has("denoise") and bool(template.images))
        self._build_slots(template)
        self._flag_lists()

    def _build_slots(self, template: Template) -> None:
        for widget in self._slots.values():
            self.images_box.removeWidget(widget)
            widget.deleteLater()
        self._slots = {}
        for slot in template.images:
            widget = ImageSlotWidget(slot, self._library, self._tasks)
            widget.setObjectName(f"slot_{slot.name}")
            self._slots[slot.name] = widget
            self.images_box.addWidget(widget)
            if slot.name in self._images:
                widget.set_value(self._images[slot.name])
            widget.changed.connect(lambda w=widget: self._slot_changed(w))
        self.fields_form.setRowVisible(self.images_heading, bool(template.images))
        self.fields_form.setRowVisible(self.images_widget, bool(template.images))

    def _slot_changed(self, widget: ImageSlotWidget) -> None:
        value = widget.value()
        if value is None:
            self._images.pop(widget.slot.name, None)
        else:
            self._images[widget.slot.name] = value
        self._emit_changed()

    def slot_widget(self, name: str) -> ImageSlotWidget | None:
        return self._slots.get(name)

    def slot_widgets(self) -> list[ImageSlotWidget]:
        return list(self._slots.values())

    # --- server lists ---

    def set_server_lists(self, lists: ServerLists | None) -> None:
        """Lists of a connected server (flagging names it lacks), or None while none is:
        the combos keep the last known names and nothing is flagged."""
        self._lists = lists
        if lists is not None:
            for combo, names in (
                (self.model_combo, lists.checkpoints),
                (self.sampler_combo, lists.samplers),
                (self.scheduler_combo, lists.schedulers),
            ):
                if names:
                    combo.set_names(names)
                    if not combo.value():
                        combo.set_value(names[0])
        self._flag_lists()
        self._emit_changed()

    def set_server_hint(self, text: str) -> None:
        self.server_hint.setText(text)
        self.server_hint.setVisible(bool(text))

    def _flag_lists(self) -> None:
        lists, has = self._lists, (self._template.has_slot if self._template else None)
        for combo, slot, names in (
            (self.model_combo, "model", lists.checkpoints if lists else ()),
            (self.sampler_combo, "sampler", lists.samplers if lists else ()),
            (self.scheduler_combo, "scheduler", lists.schedulers if lists else ()),
        ):
            value = combo.value()
            missing = (
                lists is not None
                and has is not None
                and has(slot)
                and bool(names)
                and bool(value)
                and value not in names
            )
            combo.set_problem(
                self.tr("{name} is not on server {server}").format(
                    name=value, server=lists.label if lists else ""
                )
                if missing
                else None
            )

    # --- what is queued ---

    def problems(self) -> list[str]:
        """Why the form cannot be queued right now; empty when it can."""
        found: list[str] = []
        template = self._template
        if template is None:
            return [self.tr("No template is installed.")]
        lists = self._lists
        if lists is not None:
            for combo, slot, names in (
                (self.model_combo, "model", lists.checkpoints),
                (self.sampler_combo, "sampler", lists.samplers),
                (self.scheduler_combo, "scheduler", lists.schedulers),
            ):
                value = combo.value()
                if template.has_slot(slot) and names and value and value not in names:
                    found.append(
                        self.tr("{name} is not on server {server}").format(
                            name=value, server=lists.label
                        )
                    )
        for widget in self._slots.values():
            if widget.busy:
                found.append(
                    self.tr("The image for {label} is still being copied.").format(
                        label=widget.slot.label
                    )
                )
            elif widget.slot.required and widget.value() is None:
                found.append(self.tr("Add an image for {label}.").format(label=widget.slot.label))
        return found

    def params(self, seed: int | None = None) -> GenerationParams:
        width, height = self.size_field.dimensions()
        return GenerationParams(
            prompt=self.prompt_edit.toPlainText(),
            negative=self.negative_edit.toPlainText(),
            seed=self.seed_field.seed() if seed is None else seed,
            steps=self.steps_spin.value(),
            cfg=round(self.cfg_spin.value(), 2),
            sampler=self.sampler_combo.value(),
            scheduler=self.scheduler_combo.value(),
            model=self.model_combo.value(),
            width=width,
            height=height,
            batch_size=self._batch_size,
            denoise=round(self.denoise_spin.value(), 2),
            extra=dict(self._extra),
        )

    def inputs(self) -> tuple[InputImage, ...]:
        return tuple(
            InputImage(name, value)
            for name, widget in self._slots.items()
            if (value := widget.value()) is not None
        )

    def new_jobs(self) -> list[NewJob]:
        """One job per batch entry, each with its seed (random, or counting up when locked)."""
        template = self._template
        if template is None:
            return []
        inputs = self.inputs()
        seeds = self.seed_field.seeds_for(self.batch_spin.value())
        return [
            NewJob(template=template.id, params=self.params(seed), inputs=inputs) for seed in seeds
        ]

    # --- remix ---

    def load_job(self, job: Job) -> list[str]:
        """Fill every field from a stored job; the seed is locked to the job's. Returns
        warnings (a template that is not installed)."""
        warnings: list[str] = []
        if not self.set_template(job.template):
            warnings.append(
                self.tr("The template {name} is not installed; kept {current}.").format(
                    name=job.template, current=self._template.name if self._template else "-"
                )
            )
        self._apply_params(job.params)
        self.seed_field.set_locked(True)
        self.batch_spin.setValue(1)
        self._images = {image.slot: image.path for image in job.inputs}
        for name, widget in self._slots.items():
            widget.set_value(self._images.get(name))
        self._emit_changed()
        return warnings

    def _apply_params(self, params: GenerationParams) -> None:
        self._restoring = True
        try:
            self.prompt_edit.setPlainText(params.prompt)
            self.negative_edit.setPlainText(params.negative)
            self.model_combo.set_value(params.model)
            self.sampler_combo.set_value(params.sampler)
            self.scheduler_combo.set_value(params.scheduler)
            self.size_field.set_size(params.width, params.height)
            self.steps_spin.setValue(params.steps)
            self.cfg_spin.setValue(params.cfg)
            self.denoise_spin.setValue(params.denoise)
            self.seed_field.set_seed(params.seed)
            self._batch_size = max(1, int(params.batch_size))
            self._extra = dict(params.extra)
        finally:
            self._restoring = False
        self._flag_lists()

    # --- persistence ---

    def state(self) -> dict[str, Any]:
        """Everything needed to put the form back, JSON-able (settings.last_form)."""
        return {
            "template": self._template.id if self._template else None,
            "params": self.params().to_dict(),
            "seed_locked": self.seed_field.locked(),
            "batch_count": self.batch_spin.value(),
            "aspect_lock": self.size_field.locked(),
            "images": dict(self._images),
            "lists": {
                "checkpoints": self.model_combo.names(),
                "samplers": self.sampler_combo.names(),
                "schedulers": self.scheduler_combo.names(),
            },
        }

    def restore(self, state: Mapping[str, Any]) -> None:
        """Put back what `state()` gave; anything missing or malformed keeps its current value."""
        lists = state.get("lists")
        if isinstance(lists, Mapping):
            for combo, key in (
                (self.model_combo, "checkpoints"),
                (self.sampler_combo, "samplers"),
                (self.scheduler_combo, "schedulers"),
            ):
                names = lists.get(key)
                if _is_names(names):
                    combo.set_names(names)
        template = state.get("template")
        if isinstance(template, str):
            self.set_template(template)
        images = state.get("images")
        if isinstance(images, Mapping):
            self._images = {str(k): str(v) for k, v in images.items() if isinstance(v, str)}
            for name, widget in self._slots.items():
                widget.set_value(self._images.get(name))
        params = state.get("params")
        if isinstance(params, Mapping):
            # A hand-edited settings file with bad values: keep the defaults.
            with contextlib.suppress(TypeError, ValueError):
                merged = {**self.params().to_dict(), **params}
                self._apply_params(GenerationParams.from_dict(merged))
        self.seed_field.set_locked(bool(state.get("seed_locked", False)))
        count = state.get("batch_count")
        if isinstance(count, int):
            self.batch_spin.setValue(count)
        self.size_field.set_locked(bool(state.get("aspect_lock", False)))
        self._emit_changed()


def _is_names(value: object) -> TypeGuard[Sequence[str]]:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and all(isinstance(v, str) for v in value)
    )
