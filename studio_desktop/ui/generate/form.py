"""The Generate parameter form: template, prompts, server lists, size, sampling, image slots,
and an editor for each template-specific slot.

It knows nothing about the pool: it turns its fields into NewJobs, says what stops them from
being queued (`problems()`), and saves/restores itself as a JSON-able dict. With a server's
/object_info it checks the bound graph shortly after every edit (`validated` fires) and shows each
problem under the field it belongs to.

The form composes helpers with one job each: ServerCombos (the list combos), ReferenceImages
(the image slots), TemplateEditors (template-specific slots), FieldMessages (problems under the
standard fields) and FormState (the saved state).
"""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams, InputImage, Job, NewJob
from studio_desktop.core.library.files import OutputLibrary
from studio_desktop.core.prompts.dynamic import Mode
from studio_desktop.core.prompts.jobs import DYNAMIC_KEY, dynamic_source, job_params
from studio_desktop.core.workflows import Template, TemplateError, TemplateRegistry, shown_fields
from studio_desktop.core.workflows.graph_options import options_for
from studio_desktop.core.workflows.preflight import graph_issues
from studio_desktop.core.workflows.validate import ValidationIssue
from studio_desktop.ui import field_labels
from studio_desktop.ui.field_labels import field_label
from studio_desktop.ui.generate.embedding_completion import EmbeddingCompleter
from studio_desktop.ui.generate.field_problems import (
    FieldMessages,
    messages_by_field,
    visible_issues,
)
from studio_desktop.ui.generate.fields import SeedField, SizeField, WrapLabel, fit_size
from studio_desktop.ui.generate.form_state import FormState
from studio_desktop.ui.generate.form_widgets import (
    float_spin,
    form_layout,
    gap,
    heading,
    int_spin,
    prompt_edit,
)
from studio_desktop.ui.generate.graph_option_fields import (
    HiresGroup,
    batch_size_spin,
    clip_skip_spin,
    vae_combo,
)
from studio_desktop.ui.generate.image_slot import ImageSlotWidget
from studio_desktop.ui.generate.lora_stack import LoraStack
from studio_desktop.ui.generate.problem_list import Problem
from studio_desktop.ui.generate.prompt_expansion import PromptExpansion
from studio_desktop.ui.generate.reference_images import ReferenceImages
from studio_desktop.ui.generate.server_combos import ServerCombos
from studio_desktop.ui.generate.server_lists import ServerLists
from studio_desktop.ui.generate.slot_editor import SlotEditor
from studio_desktop.ui.generate.sweep_form import SweepGroup, sweep_jobs_builder
from studio_desktop.ui.generate.template_editors import TemplateEditors
from studio_desktop.ui.generate.template_groups import grouped_model
from studio_desktop.ui.generate.template_values import merged, own_values, starting_values
from studio_desktop.ui.texts import show_text
from studio_desktop.workers.tasks import Tasks

MAX_BATCH = 100
DEFAULT_TEMPLATE = "txt2img"
PROMPT_LINES, NEGATIVE_LINES = 6, 3
VALIDATE_DELAY_MS = 200  # edits in a burst (typing) are checked once, when they pause


class GenerateForm(QWidget):
    """Every parameter of the next job. `changed` fires on any edit."""

    changed = Signal()
    refresh_requested = Signal()
    validated = Signal()  # the validation issues were (re)computed
    lora_words_wanted = Signal(str)  # a LoRA of the stack whose trigger words are not known

    def __init__(
        self,
        templates: TemplateRegistry,
        library: OutputLibrary,
        tasks: Tasks,
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
        self._options: frozenset[str] = frozenset()  # the graph options the template takes
        self._extra: dict[str, Any] = {}  # extra values no editor of this template holds
        # Template id -> the values it had when the user left it (see template_values).
        self._own: dict[str, dict[str, Any]] = {}
        self._restoring = False
        self._flagging = False
        self._info: ObjectInfo | None = None
        self._issues: list[ValidationIssue] = []
        self._validate_timer = QTimer(self)
        self._validate_timer.setSingleShot(True)
        self._validate_timer.setInterval(VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self.validate_now)

        self.template_combo = QComboBox()
        self.template_combo.setToolTip(self.tr("The workflow the job runs"))
        self.description = WrapLabel()
        self.description.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.prompt_edit = prompt_edit(
            self.tr("Describe the image: subject, style, lighting, composition…"), PROMPT_LINES
        )
        self.negative_edit = prompt_edit(
            self.tr("What to avoid, e.g. blurry, low quality, text, watermark"), NEGATIVE_LINES
        )

        self._combos = ServerCombos()
        self.model_combo = self._combos.model
        self.sampler_combo = self._combos.sampler
        self.scheduler_combo = self._combos.scheduler
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
        self.steps_spin = int_spin(
            1, 200, 20, self.tr("Sampling steps: more is slower and often finer")
        )
        self.cfg_spin = float_spin(
            (0.0, 30.0),
            7.0,
            decimals=1,
            step=0.5,
            tip=self.tr("How closely the image follows the prompt"),
        )
        self.denoise_spin = float_spin(
            (0.0, 1.0),
            1.0,
            decimals=2,
            step=0.05,
            tip=self.tr("How much of the reference image to repaint: 1.0 ignores it entirely"),
        )
        self.seed_field = SeedField()
        self.expansion = PromptExpansion(tasks, library.paths.wildcards)
        self.batch_spin = int_spin(
            1, MAX_BATCH, 1, self.tr("How many jobs to queue, each with its own seed")
        )
        self._batch_suffix(1)
        self.batch_spin.valueChanged.connect(self._batch_suffix)
        self.batch_size_spin = batch_size_spin()

        # The graph options (core/workflows/graph_options.py), shown where the template's
        # graph can take them.
        self.lora_stack = LoraStack()
        self.lora_stack.words_wanted.connect(self.lora_words_wanted)
        self.lora_stack.word_clicked.connect(self.insert_into_prompt)
        self.vae_combo = vae_combo()
        self.clip_skip_spin = clip_skip_spin()
        self.hires_group = HiresGroup()
        self.sweep_group = SweepGroup()  # X/Y/Z sweep (sweep_form.py)
        self.prompt_completer = EmbeddingCompleter(self.prompt_edit)
        self.negative_completer = EmbeddingCompleter(self.negative_edit)

        self._build_layout()
        self._fill_templates()
        self._connect()

    # --- layout ---

    def _build_layout(self) -> None:
        # One form for everything, so every label column lines up; headings, prompts and image
        # slots span both columns.
        form = form_layout()
        self.fields_form = form
        self._messages = FieldMessages(form)
        form.setContentsMargins(12, 12, 12, 12)
        self.setLayout(form)
        form.addRow(self.tr("Template"), self.template_combo)
        form.addRow("", self.description)

        self.images_heading = heading(self.tr("Reference images"))
        self.images_widget = QWidget()
        # Short forms (a template without prompts) must not stretch the slots: spare height
        # stays below the last field.
        self.images_widget.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.images_box = QVBoxLayout(self.images_widget)
        self.images_box.setContentsMargins(0, 0, 0, 0)
        self.images_box.setSpacing(12)
        form.addRow(self.images_heading)
        form.addRow(self.images_widget)
        self._image_slots = ReferenceImages(
            self.images_box, self._library, self._tasks, self._emit_changed, self._use_size
        )

        self.prompt_label = heading(field_label("prompt"))
        self.prompt_label.setBuddy(self.prompt_edit)
        form.addRow(self.prompt_label)
        form.addRow(self.prompt_edit)
        self._messages.add("prompt", self.prompt_edit, span=True)
        self.negative_label = heading(field_label("negative"))
        self.negative_label.setBuddy(self.negative_edit)
        form.addRow(self.negative_label)
        form.addRow(self.negative_edit)
        self._messages.add("negative", self.negative_edit, span=True)
        form.addRow(self.expansion)
        form.addRow(gap())

        model_row = QHBoxLayout()
        model_row.setContentsMargins(0, 0, 0, 0)
        model_row.setSpacing(6)
        model_row.addWidget(self.model_combo, 1)
        model_row.addWidget(self.refresh_button)
        self._model_row = QWidget()
        self._model_row.setLayout(model_row)
        form.addRow(field_label("model"), self._model_row)
        self._messages.add("model", self.model_combo)
        form.addRow(field_label("sampler"), self.sampler_combo)
        self._messages.add("sampler", self.sampler_combo)
        form.addRow(field_label("scheduler"), self.scheduler_combo)
        self._messages.add("scheduler", self.scheduler_combo)
        form.addRow(field_label("vae"), self.vae_combo)
        self._messages.add("vae", self.vae_combo)
        form.addRow(field_label("clip_skip"), self.clip_skip_spin)
        self._messages.add("clip_skip", self.clip_skip_spin)
        form.addRow(field_label("loras"), self.lora_stack)
        self._messages.add("loras", self.lora_stack)
        form.addRow("", self.server_hint)
        form.addRow(gap())

        for key, widget in (
            ("size", self.size_field),
            ("steps", self.steps_spin),
            ("cfg", self.cfg_spin),
            ("denoise", self.denoise_spin),
            ("seed", self.seed_field),
        ):
            form.addRow(field_label(key), widget)
            self._messages.add(key, widget)
        # The template's own settings go between Seed and Batch (see TemplateEditors).
        self.settings_heading = heading(self.tr("Template settings"))
        form.addRow(self.settings_heading)
        form.setRowVisible(self.settings_heading, False)
        self._editors = TemplateEditors(form, self.settings_heading, self._editor_changed)
        form.addRow(self.hires_group)
        self._messages.add("hires", self.hires_group, span=True)
        form.addRow(self.sweep_group)
        batch_row = QHBoxLayout()
        batch_row.setContentsMargins(0, 0, 0, 0)
        batch_row.setSpacing(6)
        batch_row.addWidget(self.batch_spin, 1)
        batch_row.addWidget(self.batch_size_spin, 1)
        self._batch_row = QWidget()
        self._batch_row.setLayout(batch_row)
        form.addRow(self.tr("Batch"), self._batch_row)
        self._messages.add("batch_size", self._batch_row)

    def _fill_templates(self) -> None:
        """The picker, grouped (image, edit, upscale, video, audio, imported) under headers
        that cannot be picked (`template_groups`)."""
        blocked = self.template_combo.blockSignals(True)
        model = grouped_model(
            self._templates.all(), self._language, self.palette(), self.template_combo.font()
        )
        model.setParent(self.template_combo)  # setModel deletes the one it replaces then
        self.template_combo.setModel(model)
        index = self.template_combo.findData(DEFAULT_TEMPLATE)
        if index < 0:  # no Text to image: the first template listed
            index = next(
                (i for i in range(model.rowCount()) if self.template_combo.itemData(i)), -1
            )
        self.template_combo.setCurrentIndex(index)
        self.template_combo.blockSignals(blocked)
        if index >= 0:
            self._apply_template(str(self.template_combo.itemData(index)))

    def _connect(self) -> None:
        self.template_combo.currentIndexChanged.connect(self._template_picked)
        for edit in (self.prompt_edit, self.negative_edit):
            edit.textChanged.connect(self._emit_changed)
        self.prompt_edit.textChanged.connect(
            lambda: self.expansion.set_text(self.prompt_edit.toPlainText())
        )
        self.expansion.updated.connect(self.changed)
        for combo in self._combos.by_slot().values():
            combo.currentIndexChanged.connect(self._combo_changed)
        for spin in (self.steps_spin, self.batch_spin, self.batch_size_spin, self.clip_skip_spin):
            spin.valueChanged.connect(self._emit_changed)
        self.vae_combo.currentIndexChanged.connect(self._emit_changed)
        self.lora_stack.changed.connect(self._emit_changed)
        self.hires_group.changed.connect(self._emit_changed)
        self.sweep_group.changed.connect(self._emit_changed)
        self.lora_stack.changed.connect(self._sweep_fields)
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
        """The user picked a template: it gets its own values back, or its starting values the
        first time (the rule is in `template_values`); what the user wrote stays."""
        data = self.template_combo.itemData(index)
        if isinstance(data, str):
            self._apply_template(data)
            template = self._template
            if template is not None and template.id == data:
                self._apply_own(self._own.get(template.id) or starting_values(template))
            self._emit_changed()

    def apply_template_defaults(self, template: Template) -> None:
        """The values a template starts with, as when the user picks it for the first time."""
        self._apply_own(starting_values(template))
        self._emit_changed()

    def _apply_own(self, values: Mapping[str, Any]) -> None:
        """Put a template's own values (size, sampling, its settings) into the form."""
        with contextlib.suppress(TypeError, ValueError):
            self._apply_params(GenerationParams.from_dict(merged(self._every_param(), values)))

    def _apply_template(self, template_id: str) -> None:
        try:
            template = self._templates.get(template_id)
        except TemplateError:
            return
        if self._template is not None and self._template.id == template.id:
            return
        if self._template is not None:
            self._own[self._template.id] = own_values(self.params(), self._editors.values())
        self._template = template
        description = template.display_description(self._language)
        self.description.setText(description)
        self.description.setVisible(bool(description))
        has = template.has_slot
        self.fields_form.setRowVisible(self.prompt_label, has("prompt"))
        self.fields_form.setRowVisible(self.negative_label, has("negative"))
        for key, visible in shown_fields(template).items():
            widget = self._model_row if key == "model" else self._messages.widget(key)
            self.fields_form.setRowVisible(widget, visible)
            self._messages.set_shown(key, visible)
        self._show_options(options_for(template.graph))
        self._image_slots.build(template, self._language)
        self._image_slots.set_size_wanted(shown_fields(template).get("size", False))
        self.fields_form.setRowVisible(self.images_heading, bool(template.images))
        self.fields_form.setRowVisible(self.images_widget, bool(template.images))
        self._editors.build(template, self._info, fresh=True)
        self._sweep_fields()
        self._order_tabs()
        self._issues = []
        self._flag_lists()
        self._validate_timer.start()

    def _show_options(self, options: frozenset[str]) -> None:
        """Show the graph options the template's graph can take (their values stay while
        hidden, for the next template that takes them)."""
        self._options = options
        for key, widget in (
            ("vae", self.vae_combo),
            ("clip_skip", self.clip_skip_spin),
            ("loras", self.lora_stack),
            ("hires", self.hires_group),
        ):
            self.fields_form.setRowVisible(widget, key in options)
            self._messages.set_shown(key, key in options)
        self.batch_size_spin.setVisible("batch_size" in options)
        self._messages.set_shown("batch_size", "batch_size" in options)

    def insert_into_prompt(self, words: str) -> None:
        """A trigger word chip was clicked: the words go in at the cursor, set off by commas."""
        edit = self.prompt_edit
        cursor = edit.textCursor()
        raw = edit.toPlainText()[: cursor.position()]
        if not raw.strip():
            text = words
        elif raw.rstrip().endswith(","):
            text = words if raw.endswith((" ", "\n")) else " " + words
        else:
            text = ", " + words
        after = edit.toPlainText()[cursor.position() :]
        if after.strip() and not after.lstrip().startswith(","):
            text += ", "
        cursor.insertText(text)
        edit.setTextCursor(cursor)
        edit.setFocus()

    def set_lora_words(self, name: str, words: tuple[str, ...]) -> None:
        """Trigger words fetched for a LoRA of the stack."""
        self.lora_stack.set_words(name, words)

    def _order_tabs(self) -> None:
        """Tab follows the form from top to bottom. Qt's order is the order widgets were made,
        which puts a template's image slots and settings (made when it is picked) last."""
        form = self.fields_form
        chain: list[QWidget] = []
        for row in range(form.rowCount()):
            for role in _ROW_ROLES:
                item = form.itemAt(row, role)
                widget = item.widget() if item is not None else None
                if widget is not None:
                    chain.extend(w for w in _tab_stops(widget) if w not in chain)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _use_size(self, width: int, height: int) -> None:
        """A slot image's size becomes the job's ("Use source size"), within the sizes and the
        multiple of 8 the size field keeps (`fit_size`)."""
        self.size_field.set_size(*fit_size(width, height))

    def slot_widget(self, name: str) -> ImageSlotWidget | None:
        return self._image_slots.widget(name)

    def slot_widgets(self) -> list[ImageSlotWidget]:
        return self._image_slots.widgets()

    def template_image_label(self, slot: str) -> str:
        """An image slot's label in the UI language (its name when the template lacks it)."""
        template = self._template
        return template.image_label(slot, self._language) if template is not None else slot

    # --- template-specific slots ---

    def editor(self, slot: str) -> SlotEditor | None:
        """The editor of a template-specific slot (e.g. "scale_by"), if the template has it."""
        return self._editors.get(slot)

    def editors(self) -> dict[str, SlotEditor]:
        return self._editors.all()

    def _editor_changed(self) -> None:
        if not self._flagging:
            self._emit_changed()

    def slot_label(self, name: str) -> str:
        """A readable label for a template-specific slot."""
        return field_labels.slot_label(name)

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
            issues = graph_issues(template, self.params(), info)
        self._issues = issues
        self._flag_lists()
        self.validated.emit()
        return issues

    def _field_key(self, slot: str | None) -> str | None:
        """Where a slot's problems show: a standard field, an editor, an image slot, or
        nowhere (the message area above Queue) when that field is hidden or absent."""
        if slot is None:
            return None
        if slot in self._editors or slot in self._image_slots:
            return slot
        return self._messages.key_for(slot)

    def _visible_issues(self) -> list[ValidationIssue]:
        return visible_issues(self._issues, set(self._list_problems()))

    def field_message(self, slot: str) -> str:
        """The problem text shown under a slot's field ("" when none)."""
        key = self._field_key(slot)
        if key is None:
            return ""
        if key in self._editors:
            return self._editors.message(key)
        if key in self._image_slots:
            return self._image_slots.message(key)
        return self._messages.text(key)

    # --- server lists ---

    def set_server_lists(self, lists: ServerLists | None) -> None:
        """Lists of a connected server (flagging names it lacks), or None while none is:
        the combos keep the last known names and nothing is flagged."""
        self._lists = lists
        info = lists.info if lists is not None else None
        if info is not self._info:
            self._info = info
            if self._template is not None:
                self._editors.build(self._template, self._info, fresh=False)
        if lists is not None:
            self._combos.fill(lists)
            self.lora_stack.set_names(lists.loras)
            self.vae_combo.set_names(lists.vaes)
            self.hires_group.upscaler_combo.set_names(lists.upscale_models)
            self.sweep_group.set_lists(lists)
            for completer in (self.prompt_completer, self.negative_completer):
                completer.set_names(lists.embeddings)
        self._flag_lists()
        self._emit_changed()

    def set_server_hint(self, text: str) -> None:
        self.server_hint.setText(text)
        self.server_hint.setVisible(bool(text))

    def _list_problems(self) -> dict[str, str]:
        """Slot -> message for a model/sampler/scheduler name the connected server lacks."""
        return self._combos.problems(self._lists, self._template)

    def _flag_lists(self) -> None:
        """Show every problem where it belongs: list mismatches and validation issues under
        their fields (tinted, with the message), the rest is left to the message area."""
        by_key = messages_by_field(self._list_problems(), self._visible_issues(), self._field_key)
        self._flagging = True
        try:
            self._messages.show(by_key)
            self._editors.show(by_key)
            self._image_slots.show(by_key)
        finally:
            self._flagging = False

    # --- what is queued ---

    def problems(self) -> list[str]:
        """Why the form cannot be queued right now; empty when it can."""
        if self._template is None:
            return [self.tr("No template is installed.")]
        found = self._form_problems()
        found += [t for t in (show_text(i.text) for i in self._visible_issues()) if t not in found]
        return found

    def problem_list(self) -> list[Problem]:
        """Every problem with the field that shows it too (None: no field does): those that
        belong to no field first, then the others in the order of `problems()`."""
        if self._template is None:
            return [Problem(self.tr("No template is installed."))]
        found: list[Problem] = []
        for slot, message in self._list_problems().items():
            found.append(Problem(message, self._messages.key_for(slot)))
        for slot, message in self._image_slots.problems_by_slot():
            found.append(Problem(message, slot))
        if self.expansion.error():
            found.append(Problem(str(self.expansion.error()), "prompt"))
        found += [Problem(text, "sweep") for text in self._sweep_problems()]
        known = {p.message for p in found}
        for issue in self._visible_issues():
            shown = show_text(issue.text)
            if shown not in known:
                known.add(shown)
                found.append(Problem(shown, self._field_key(issue.slot)))
        return sorted(found, key=lambda p: p.field is not None)

    def field_widget(self, key: str) -> QWidget | None:
        """The widget of a field key from `problem_list` (standard field, editor, image slot)."""
        if key in self._editors:
            return self._editors.get(key)
        if key in self._image_slots:
            return self._image_slots.widget(key)
        if key == "sweep":
            return self.sweep_group
        return self._messages.widget(key) if self._messages.key_for(key) == key else None

    def _form_problems(self) -> list[str]:
        expansion = [self.expansion.error() or ""] if self.expansion.error() else []
        found = list(self._list_problems().values()) + self._image_slots.problems() + expansion
        return found + self._sweep_problems()

    def _sweep_problems(self) -> list[str]:
        return self.sweep_group.problems(self.params(), self.expansion.combinatorial())

    def _sweep_fields(self) -> None:
        """The fields of this template a sweep axis may vary beyond the standard ones: the
        strength of each LoRA of the stack, the template's own settings."""
        loras = [c.name for c in self.lora_stack.choices()] if "loras" in self._options else []
        extras = [(name, field_labels.slot_label(name)) for name in self._editors.all()]
        self.sweep_group.set_dynamic_fields(loras, extras)

    def params(self, seed: int | None = None) -> GenerationParams:
        """What the next job runs with: the graph options the template cannot take left out."""
        every = self._every_param(seed)
        options = self._options
        return replace(
            every,
            batch_size=every.batch_size if "batch_size" in options else 1,
            loras=every.loras if "loras" in options else (),
            vae=every.vae if "vae" in options else None,
            clip_skip=every.clip_skip if "clip_skip" in options else None,
            hires=every.hires if "hires" in options else None,
        )

    def _every_param(self, seed: int | None = None) -> GenerationParams:
        """Every field as the form holds it, hidden graph options too: what a template switch
        and the saved state keep for the next template that takes them."""
        width, height = self.size_field.dimensions()
        skip = self.clip_skip_spin.value()
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
            batch_size=self.batch_size_spin.value(),
            denoise=round(self.denoise_spin.value(), 2),
            extra={**self._extra, **self._editors.values()},
            loras=self.lora_stack.choices(),
            vae=self.vae_combo.value() or None,
            clip_skip=skip if skip > 1 else None,
            hires=self.hires_group.value(),
        )

    def inputs(self) -> tuple[InputImage, ...]:
        return self._image_slots.inputs()

    def new_jobs(self) -> list[NewJob]:
        """One job per batch entry, each with its seed (random, or counting up when locked);
        a dynamic prompt resolved per job, or every combination (`core/prompts`).
        PromptSyntaxError when the prompt cannot be expanded."""
        build = self.jobs_builder()
        return build() if build is not None else []

    def jobs_builder(self) -> Callable[[], list[NewJob]] | None:
        """What `new_jobs` does, read from the widgets now and runnable on any thread (a
        combinatorial prompt may expand to thousands of jobs). None without a template."""
        template = self._template
        if template is None:
            return None
        inputs = self.inputs()
        axes = self.sweep_group.axes()
        if axes:  # one job per cell, each with the one seed unless seed is an axis
            base = self.params(self.seed_field.seeds_for(1)[0])
            folder = self._library.paths.wildcards
            return sweep_jobs_builder(template.id, base, axes, inputs, folder)
        seeds = self.seed_field.seeds_for(self.batch_spin.value())
        base = self.params()
        mode = Mode.COMBINATORIAL if self.expansion.combinatorial() else Mode.RANDOM
        folder = self._library.paths.wildcards

        def build() -> list[NewJob]:
            values = job_params(base, seeds, mode=mode, wildcards_dir=folder)
            return [NewJob(template=template.id, params=p, inputs=inputs) for p in values]

        return build

    def job_count(self) -> int | None:
        """How many jobs Queue makes (None: a combinatorial count not known yet)."""
        if self.sweep_group.active():
            return self.sweep_group.count()
        batch = self.batch_spin.value()
        if not self.expansion.combinatorial():
            return batch
        count = self.expansion.count()
        return None if count is None else count * batch

    # --- remix ---

    def load_job(self, job: Job) -> list[str]:
        """Fill every field from a stored job; the seed is locked to the job's. Returns
        warnings (a template that is not installed)."""
        warnings = self._load(job.template, job.params)
        self._image_slots.set_images({image.slot: image.path for image in job.inputs})
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
            # A job whose prompt was picked at random shows the text it came from: with its
            # (locked) seed that text picks the same prompt again.
            source = dynamic_source(params)
            picked = source is not None and source.get("mode") == Mode.RANDOM.value
            prompt = source.get("prompt") if source is not None and picked else None
            negative = source.get("negative") if source is not None and picked else None
            self.prompt_edit.setPlainText(prompt if isinstance(prompt, str) else params.prompt)
            self.negative_edit.setPlainText(
                negative if isinstance(negative, str) else params.negative
            )
            self.model_combo.set_value(params.model)
            self.sampler_combo.set_value(params.sampler)
            self.scheduler_combo.set_value(params.scheduler)
            self.size_field.set_size(params.width, params.height)
            self.steps_spin.setValue(params.steps)
            self.cfg_spin.setValue(params.cfg)
            self.denoise_spin.setValue(params.denoise)
            self.seed_field.set_seed(params.seed)
            self.batch_size_spin.setValue(max(1, int(params.batch_size)))
            self.lora_stack.set_choices(params.loras)
            self.vae_combo.set_value(params.vae or "")
            self.clip_skip_spin.setValue(params.clip_skip or 1)
            self.hires_group.set_value(params.hires)
            self._extra = self._editors.set_values(params.extra)
            self._extra.pop(DYNAMIC_KEY, None)  # each queue writes its own
        finally:
            self._restoring = False
        self._flag_lists()

    # --- persistence ---

    def state(self) -> dict[str, Any]:
        """Everything needed to put the form back, JSON-able (settings.last_form)."""
        return FormState(
            template=self._template.id if self._template else None,
            params=self._every_param().to_dict(),
            seed_locked=self.seed_field.locked(),
            batch_count=self.batch_spin.value(),
            aspect_lock=self.size_field.locked(),
            images=self._image_slots.images(),
            lists=self._combos.saved_names(),
            templates=self._own,
            sweep=self.sweep_group.state(),
        ).to_dict()

    def restore(self, state: Mapping[str, Any]) -> None:
        """Put back what `state()` gave; anything missing or malformed keeps its current value."""
        saved = FormState.from_dict(state)
        self._combos.restore_names(saved.lists)
        if saved.template is not None:
            self.set_template(saved.template)
        self._own.update({k: dict(v) for k, v in saved.templates.items()})
        if saved.images is not None:
            self._image_slots.set_images(saved.images)
        if saved.params is not None:
            # A hand-edited settings file with bad values: keep the defaults.
            with contextlib.suppress(TypeError, ValueError):
                merged = {**self._every_param().to_dict(), **saved.params}
                self._apply_params(GenerationParams.from_dict(merged))
        self.seed_field.set_locked(saved.seed_locked)
        if saved.batch_count is not None:
            self.batch_spin.setValue(saved.batch_count)
        self.size_field.set_locked(saved.aspect_lock)
        if saved.sweep is not None:
            # After the template and its LoRAs: the fields its axes may vary are offered now.
            self.sweep_group.restore(saved.sweep)
        self._emit_changed()


_ROW_ROLES = (
    QFormLayout.ItemRole.LabelRole,
    QFormLayout.ItemRole.FieldRole,
    QFormLayout.ItemRole.SpanningRole,
)


def _tab_stops(widget: QWidget) -> list[QWidget]:
    """`widget` and the widgets inside it that Tab stops at, in the order they were made (a
    compound field such as Size lays its parts out in that order). A widget that hands its
    focus to another is left to that one. (A row that spans the form is listed under two roles:
    the caller drops the repeat.)"""
    window = widget.window()
    candidates = [widget, *widget.findChildren(QWidget)]
    return [
        w
        for w in candidates
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
        and w.window() is window  # not a combo box's list, which pops up in a window of its own
    ]
