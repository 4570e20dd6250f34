"""The Generate parameter form: template, prompts, server lists, size, sampling, image slots,
and an editor for each template-specific slot.

It knows nothing about the pool: it turns its fields into NewJobs, says what stops them from
being queued (`problems()`), and saves/restores itself as a JSON-able dict. With a server's
/object_info it checks the bound graph shortly after every edit (`validated` fires) and shows each
problem under the field it belongs to.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Mapping, Sequence
from typing import Any, TypeGuard

from PySide6.QtCore import Qt, QTimer, Signal
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

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.files import OutputLibrary
from studio_desktop.core.jobs import GenerationParams, InputImage, Job, NewJob
from studio_desktop.core.workflows import Template, TemplateError, TemplateRegistry, bind
from studio_desktop.core.workflows.template import PARAM_SLOTS
from studio_desktop.core.workflows.validate import IssueKind, ValidationIssue, validate_graph
from studio_desktop.ui.generate.background import BackgroundTasks
from studio_desktop.ui.generate.fields import (
    FieldMessage,
    ListCombo,
    SeedField,
    SizeField,
    WrapLabel,
    flag_widget,
)
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.generate.server_lists import ServerLists
from studio_desktop.ui.generate.slot_editor import (
    EditorSpec,
    SlotEditor,
    editor_spec,
    initial_value,
)

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
VALIDATE_DELAY_MS = 200  # edits in a burst (typing) are checked once, when they pause
# Which standard field shows the problems of a slot.
FIELD_OF_SLOT = {"width": "size", "height": "size"}
LIST_SLOTS = ("model", "sampler", "scheduler")


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
    validated = Signal()  # the validation issues were (re)computed

    def __init__(
        self,
        templates: TemplateRegistry,
        library: OutputLibrary,
        tasks: BackgroundTasks,
        parent: QWidget | None = None,
        *,
        language: str = "en",
    ) -> None:
        super().__init__(parent)
        self._templates = templates
        self._language = language  # for the templates' own text: "en", "zh_CN" or "zh_TW"
        self._library = library
        self._tasks = tasks
        self._template: Template | None = None
        self._lists: ServerLists | None = None  # from a connected server; None while offline
        self._images: dict[str, str] = {}  # slot name -> rel path, kept across template switches
        self._slots: dict[str, ImageSlotWidget] = {}
        self._batch_size = 1  # a remixed job's own latent batch, passed through unchanged
        self._extra: dict[str, Any] = {}  # extra values no editor of this template holds
        self._restoring = False
        self._flagging = False
        self._info: ObjectInfo | None = None
        self._issues: list[ValidationIssue] = []
        self._editors: dict[str, SlotEditor] = {}
        self._editor_specs: dict[str, EditorSpec] = {}
        self._editor_messages: dict[str, FieldMessage] = {}
        self._fields: dict[str, tuple[QWidget, FieldMessage]] = {}
        self._shown_rows: dict[str, bool] = {}
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)

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
        # Short forms (a template without prompts) must not stretch the slots: spare height
        # stays below the last field.
        self.images_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.images_box = QVBoxLayout(self.images_widget)
        self.images_box.setContentsMargins(0, 0, 0, 0)
        self.images_box.setSpacing(12)
        form.addRow(self.images_heading)
        form.addRow(self.images_widget)

        self.prompt_label = _heading(self.tr("Prompt"))
        self.prompt_label.setBuddy(self.prompt_edit)
        form.addRow(self.prompt_label)
        form.addRow(self.prompt_edit)
        self._message_row("prompt", self.prompt_edit, span=True)
        self.negative_label = _heading(self.tr("Negative prompt"))
        self.negative_label.setBuddy(self.negative_edit)
        form.addRow(self.negative_label)
        form.addRow(self.negative_edit)
        self._message_row("negative", self.negative_edit, span=True)
        form.addRow(_gap())

        model_row = QHBoxLayout()
        model_row.setContentsMargins(0, 0, 0, 0)
        model_row.setSpacing(6)
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.refresh_button)
        self._model_row = QWidget()
        self._model_row.setLayout(model_row)
        form.addRow(self.tr("Model"), self._model_row)
        self._message_row("model", self.model_combo)
        form.addRow(self.tr("Sampler"), self.sampler_combo)
        self._message_row("sampler", self.sampler_combo)
        form.addRow(self.tr("Scheduler"), self.scheduler_combo)
        self._message_row("scheduler", self.scheduler_combo)
        form.addRow("", self.server_hint)
        form.addRow(_gap())

        for key, label, widget in (
            ("size", self.tr("Size"), self.size_field),
            ("steps", self.tr("Steps"), self.steps_spin),
            ("cfg", self.tr("CFG"), self.cfg_spin),
            ("denoise", self.tr("Denoise"), self.denoise_spin),
            ("seed", self.tr("Seed"), self.seed_field),
        ):
            form.addRow(label, widget)
            self._message_row(key, widget)
        # The template's own settings go between Seed and Batch (see _build_editors).
        self.settings_heading = _heading(self.tr("Template settings"))
        form.addRow(self.settings_heading)
        form.setRowVisible(self.settings_heading, False)
        form.addRow(self.tr("Batch"), self.batch_spin)

    def _message_row(self, key: str, widget: QWidget, *, span: bool = False) -> None:
        message = FieldMessage()
        message.setObjectName(f"message_{key}")
        if span:
            self.fields_form.addRow(message)
        else:
            self.fields_form.addRow("", message)
        self.fields_form.setRowVisible(message, False)
        self._fields[key] = (widget, message)
        self._shown_rows[key] = True

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
            self.template_combo.addItem(template.display_name(self._language), template.id)
            self.template_combo.setItemData(
                self.template_combo.count() - 1,
                template.display_description(self._language),
                Qt.ItemDataRole.ToolTipRole,
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
            self._validate_timer.start()
            self.changed.emit()

    def _combo_changed(self) -> None:
        if self._flagging:
            return  # a flag being drawn rebuilds the combo: not an edit
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

    def apply_template_defaults(self, template: Template) -> None:
        """The values a template works best with, as when the user picks it."""
        self._apply_defaults(template.defaults)
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
        for name, value in extra.items():
            if name in self._editors:
                self._editors[name].set_value(value)
            else:
                self._extra[name] = value

    def _apply_template(self, template_id: str) -> None:
        try:
            template = self._templates.get(template_id)
        except TemplateError:
            return
        if self._template is not None and self._template.id == template.id:
            return
        self._template = template
        description = template.display_description(self._language)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        has = template.has_slot
        self.fields_form.setRowVisible(self.prompt_label, has("prompt"))
        self.fields_form.setRowVisible(self.negative_label, has("negative"))
        shown = {
            "prompt": has("prompt"),
            "negative": has("negative"),
            "model": has("model"),
            "sampler": has("sampler"),
            "scheduler": has("scheduler"),
            "size": has("width") or has("height"),
            "steps": has("steps"),
            "cfg": has("cfg"),
            "seed": has("seed"),
            # With an empty latent, denoise below 1 only spoils the image: show it where an
            # input image is there to be kept.
            "denoise": has("denoise") and bool(template.images),
        }
        for key, visible in shown.items():
            widget = self._model_row if key == "model" else self._fields[key][0]
            self.fields_form.setRowVisible(widget, visible)
            self._shown_rows[key] = visible
        self._build_slots(template)
        self._build_editors(template, fresh=True)
        self._issues = []
        self._flag_lists()
        self._validate_timer.start()

    def _build_slots(self, template: Template) -> None:
        for widget in self._slots.values():
            self.images_box.removeWidget(widget)
            widget.hide()  # deleted later: it must not show until then
            widget.deleteLater()
        self._slots = {}
        for slot in template.images:
            label = template.image_label(slot.name, self._language)
            widget = ImageSlotWidget(
                dataclasses.replace(slot, label=label), self._library, self._tasks
            )
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

    # --- template-specific slots ---

    def editor(self, slot: str) -> SlotEditor | None:
        """The editor of a template-specific slot (e.g. "scale_by"), if the template has it."""
        return self._editors.get(slot)

    def editors(self) -> dict[str, SlotEditor]:
        return dict(self._editors)

    def _editor_slots(self, template: Template) -> list[str]:
        return [name for name in template.slots if name not in PARAM_SLOTS]

    def _build_editors(self, template: Template, *, fresh: bool) -> None:
        """An editor per slot the standard fields do not cover. `fresh`: start from the
        template's values; else keep what the old editors hold (new server lists)."""
        specs = {
            name: editor_spec(template, name, self._info) for name in self._editor_slots(template)
        }
        if not fresh and specs == self._editor_specs and set(specs) == set(self._editors):
            return
        kept = {} if fresh else {name: e.value() for name, e in self._editors.items()}
        for name, editor in self._editors.items():
            self.fields_form.removeRow(self._editor_messages[name])
            self.fields_form.removeRow(editor)
        self._editors, self._editor_messages, self._editor_specs = {}, {}, specs
        position = self.fields_form.getWidgetPosition(self.settings_heading)
        row = int(position[0])  # type: ignore[index]
        for name, spec in specs.items():
            editor = SlotEditor(spec, kept.get(name, initial_value(template, name)))
            editor.setObjectName(f"editor_{name}")
            editor.changed.connect(self._editor_changed)
            message = FieldMessage()
            row += 1
            self.fields_form.insertRow(row, self.slot_label(name), editor)
            row += 1
            self.fields_form.insertRow(row, "", message)
            self.fields_form.setRowVisible(message, False)
            self._editors[name] = editor
            self._editor_messages[name] = message
        self.fields_form.setRowVisible(self.settings_heading, bool(specs))

    def _editor_changed(self) -> None:
        if not self._flagging:
            self._emit_changed()

    def slot_label(self, name: str) -> str:
        """A readable label for a template-specific slot."""
        known = {
            "controlnet": self.tr("ControlNet model"),
            "control_strength": self.tr("Control strength"),
            "strength": self.tr("Strength"),
            "upscale_model": self.tr("Upscale model"),
            "scale_by": self.tr("Scale by"),
            "frames": self.tr("Frames"),
            "length": self.tr("Frames"),
            "fps": self.tr("Frames per second"),
            "seconds": self.tr("Seconds"),
            "diffusion_model": self.tr("Diffusion model"),
            "edge_grow": self.tr("Edge grow (px)"),
            "swap_model": self.tr("Swap model"),
            "face_restore_model": self.tr("Face restore model"),
        }
        if name in known:
            return known[name]
        if name.startswith("lora_"):
            number, _, rest = name[len("lora_") :].partition("_")
            if number.isdigit() and rest == "strength":
                return self.tr("LoRA {n} strength").format(n=number)
            if number.isdigit() and not rest:
                return self.tr("LoRA {n}").format(n=number)
        return name.replace("_", " ").capitalize()

    # --- validation ---

    def object_info(self) -> ObjectInfo | None:
        """The connected server's /object_info, when it was read."""
        return self._info

    def issues(self) -> list[ValidationIssue]:
        """What the server would refuse in the bound graph (empty without a server)."""
        return list(self._issues)

    def validate_now(self) -> list[ValidationIssue]:
        """Bind the form and check it against the server now (normally a timer does this)."""
        self._validate_timer.stop()
        template, info = self._template, self._info
        issues: list[ValidationIssue] = []
        if template is not None and info is not None:
            # The server names uploads itself; LoadImage checks them at run time, so any name
            # stands in for the images here.
            uploaded = {slot.name: f"studio_check_{slot.name}.png" for slot in template.images}
            try:
                graph = bind(template, self.params(), job_id="check", uploaded=uploaded)
            except (TemplateError, KeyError, TypeError, ValueError):
                graph = None  # a broken template: the form says so through problems()
            if graph is not None:
                issues = validate_graph(graph, info, template)
        self._issues = issues
        self._flag_lists()
        self.validated.emit()
        return issues

    def _field_key(self, slot: str | None) -> str | None:
        """Where a slot's problems show: a standard field, an editor, an image slot, or
        nowhere (the message area above Queue) when that field is hidden or absent."""
        if slot is None:
            return None
        if slot in self._editors or slot in self._slots:
            return slot
        key = FIELD_OF_SLOT.get(slot, slot)
        if key in self._fields and self._shown_rows.get(key, False):
            return key
        return None

    def _visible_issues(self) -> list[ValidationIssue]:
        """The issues, without those the list check already flags on the same field."""
        flagged = set(self._list_problems())
        return [
            issue
            for issue in self._issues
            if not (issue.kind is IssueKind.NOT_IN_LIST and issue.slot in flagged)
        ]

    def field_message(self, slot: str) -> str:
        """The problem text shown under a slot's field ("" when none)."""
        key = self._field_key(slot)
        if key is None:
            return ""
        if key in self._editors:
            label = self._editor_messages[key]
        elif key in self._slots:
            return self._slots[key].validation_message()
        else:
            label = self._fields[key][1]
        return label.text()

    # --- server lists ---

    def set_server_lists(self, lists: ServerLists | None) -> None:
        """Lists of a connected server (flagging names it lacks), or None while none is:
        the combos keep the last known names and nothing is flagged."""
        self._lists = lists
        info = lists.info if lists is not None else None
        if info is not self._info:
            self._info = info
            if self._template is not None:
                self._build_editors(self._template, fresh=False)
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

    def _list_problems(self) -> dict[str, str]:
        """Slot -> message for a model/sampler/scheduler name the connected server lacks."""
        lists, template = self._lists, self._template
        found: dict[str, str] = {}
        if lists is None or template is None:
            return found
        for combo, slot, names in (
            (self.model_combo, "model", lists.checkpoints),
            (self.sampler_combo, "sampler", lists.samplers),
            (self.scheduler_combo, "scheduler", lists.schedulers),
        ):
            value = combo.value()
            if template.has_slot(slot) and names and value and value not in names:
                found[slot] = self.tr("{name} is not on server {server}").format(
                    name=value, server=lists.label
                )
        return found

    def _flag_lists(self) -> None:
        """Show every problem where it belongs: list mismatches and validation issues under
        their fields (tinted, with the message), the rest is left to the message area."""
        by_key: dict[str, list[str]] = {}
        for slot, message in self._list_problems().items():
            by_key.setdefault(slot, []).append(message)
        for issue in self._visible_issues():
            key = self._field_key(issue.slot)
            if key is not None and issue.message not in by_key.get(key, []):
                by_key.setdefault(key, []).append(issue.message)
        self._flagging = True
        try:
            for key, (widget, label) in self._fields.items():
                text = "\n".join(by_key.get(key, []))
                if isinstance(widget, ListCombo):
                    widget.set_problem(text or None)
                else:
                    flag_widget(widget, text or None)
                label.show_message(text)
                self.fields_form.setRowVisible(label, bool(text) and self._shown_rows[key])
            for name, editor in self._editors.items():
                text = "\n".join(by_key.get(name, []))
                editor.set_problem(text or None)
                self._editor_messages[name].show_message(text)
                self.fields_form.setRowVisible(self._editor_messages[name], bool(text))
            for name, slot_widget in self._slots.items():
                slot_widget.set_validation_message("\n".join(by_key.get(name, [])))
        finally:
            self._flagging = False

    # --- what is queued ---

    def problems(self) -> list[str]:
        """Why the form cannot be queued right now; empty when it can."""
        if self._template is None:
            return [self.tr("No template is installed.")]
        found = self._form_problems()
        found += [i.message for i in self._visible_issues() if i.message not in found]
        return found

    def general_problems(self) -> list[str]:
        """The problems that are not shown under a field (for the area above Queue)."""
        if self._template is None:
            return [self.tr("No template is installed.")]
        found = self._form_problems()
        for issue in self._visible_issues():
            if self._field_key(issue.slot) is None and issue.message not in found:
                found.append(issue.message)
        return found

    def _form_problems(self) -> list[str]:
        found = list(self._list_problems().values())
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
            extra={**self._extra, **{n: e.value() for n, e in self._editors.items()}},
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
        warnings = self._load(job.template, job.params)
        self._images = {image.slot: image.path for image in job.inputs}
        for name, widget in self._slots.items():
            widget.set_value(self._images.get(name))
        self._emit_changed()
        return warnings

    def load_params(self, template_id: str | None, params: GenerationParams) -> list[str]:
        """Fill every field from parameters read back from an image (the input images stay as
        they are). Returns warnings, like load_job."""
        warnings = self._load(template_id, params)
        self._emit_changed()
        return warnings

    def _load(self, template_id: str | None, params: GenerationParams) -> list[str]:
        warnings: list[str] = []
        if template_id is not None and not self.set_template(template_id):
            warnings.append(
                self.tr("The template {name} is not installed; kept {current}.").format(
                    name=template_id,
                    current=self._template.display_name(self._language) if self._template else "-",
                )
            )
        self._apply_params(params)
        self.seed_field.set_locked(True)
        self.batch_spin.setValue(1)
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
            self._extra = {}
            for name, value in params.extra.items():
                if name in self._editors:
                    self._editors[name].set_value(value)
                else:
                    self._extra[name] = value
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
