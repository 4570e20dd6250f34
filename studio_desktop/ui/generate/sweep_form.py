"""The X/Y/Z sweep section of the Generate form: up to three axes, each a field and its values.

The values are read by the CLI's own parser (`core/sweeps/axes.py`: lists, `1-10 [5]`,
`0.5-1.0 (+0.1)`), so a spec typed here means what it means after `generate --sweep`; the
count ("3 × 3 × 2 = 18 jobs") and the first problem (the parser's own text, naming the axis and
the character) show under the axes as they are typed. Queueing expands the cells with
`axes.expand` off the GUI thread (`sweep_jobs_builder`), and the tab writes them as one sweep
group through the pool, the path `generate --sweep` takes through the dispatcher.

The texts are in the "GenerateForm" translation context, like the rest of the form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QWidget,
)

from studio_desktop.core.jobs import GenerationParams, InputImage, NewJob
from studio_desktop.core.prompts.dynamic import Mode
from studio_desktop.core.prompts.jobs import job_params
from studio_desktop.core.server_info import ServerLists
from studio_desktop.core.sweeps.axes import (
    AXIS_NAMES,
    EXTRA_PREFIX,
    LORA_PREFIX,
    MAX_CELLS,
    Axis,
    Kind,
    SweepSpecError,
    cell_count,
    expand,
    parse_axes,
    parse_axis,
)
from studio_desktop.ui.field_labels import field_label
from studio_desktop.ui.generate.collapsible_group import CollapsibleGroup
from studio_desktop.ui.generate.fields import FieldMessage, flag_widget
from studio_desktop.ui.generate.form_state import SweepState
from studio_desktop.ui.menu_button import MenuButton
from studio_desktop.ui.texts import show_text

# The fields of the chooser, in the order shown, with their example values (placeholder).
_CHOICE_FIELDS: Final = ("sampler", "scheduler", "model")


# Every standard field a sweep may vary, with its example values (the placeholder).
_EXAMPLES: Final = (
    ("seed", "1-4"),
    ("steps", "10, 20, 30"),
    ("cfg", "4-8 (+2)"),
    ("sampler", "euler, dpmpp_2m"),
    ("scheduler", "normal, karras"),
    ("model", "a.safetensors, b.safetensors"),
    ("denoise", "0.5-1.0 (+0.1)"),
    ("size", "512x512, 768x512"),
    ("width", "512, 768"),
    ("height", "512, 768"),
)


def standard_fields() -> list[tuple[str, str, str]]:
    """(field, label, example values) of every standard field a sweep may vary: labelled as
    the form labels them, the prompts as what a prompt axis does (search and replace)."""
    return [
        ("prompt", QCoreApplication.translate("GenerateForm", "Prompt S/R"), "red, blue, green"),
        ("negative", QCoreApplication.translate("GenerateForm", "Negative S/R"), "blurry, noisy"),
        *((field, field_label(field), example) for field, example in _EXAMPLES),
    ]


def quoted(name: str) -> str:
    """A value as the parser reads it back: quoted when it holds a comma or a quote."""
    if "," in name or '"' in name or name != name.strip():
        return '"' + name.replace('"', '""') + '"'
    return name


@dataclass(frozen=True)
class SweepProblem:
    """Why the sweep cannot be queued: the row it belongs to (0-2, None: the whole sweep)."""

    row: int | None
    text: str


def problem_text(exc: SweepSpecError) -> str:
    """The parser's problem, with its axis and place: "Y, character 7: 'a' is not a number"."""
    problem = show_text(exc.problem)
    if exc.where is None:
        return QCoreApplication.translate("GenerateForm", "Axis {axis}: {problem}").format(
            axis=exc.axis, problem=problem
        )
    return QCoreApplication.translate(
        "GenerateForm", "Axis {axis}, character {where}: {problem}"
    ).format(axis=exc.axis, where=exc.where, problem=problem)


class AxisRow(QWidget):
    """One axis: the field chooser, the values, and for a list field a menu of the names the
    server has ("All" of them, or one at a time)."""

    changed = Signal()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.field_combo = QComboBox()
        self.field_combo.setToolTip(
            QCoreApplication.translate("GenerateForm", "The field this axis varies")
        )
        self.values_edit = QLineEdit()
        self.values_edit.setClearButtonEnabled(True)
        self.values_edit.setToolTip(
            QCoreApplication.translate(
                "GenerateForm",
                "A list (10, 20, 30), every whole number of a range (1-10), N values of a range "
                "(1-10 [5]) or a range with a step (0.5-1.0 (+0.1)). Prompt S/R: the text to "
                "replace, then what replaces it.",
            )
        )
        self.names_button = MenuButton()
        self.names_button.setText(QCoreApplication.translate("GenerateForm", "Names"))
        self.names_button.setToolTip(
            QCoreApplication.translate("GenerateForm", "Add the server's names: all of them or one")
        )
        self.names_menu = QMenu(self.names_button)
        self.names_menu.aboutToShow.connect(self._fill_menu)
        self.names_button.setMenu(self.names_menu)
        self._names: dict[str, tuple[str, ...]] = {}
        self._examples: dict[str, str] = {}
        # A field the user chose that this template does not offer (a setting of another
        # template, a LoRA no longer in the stack): the row shows Off and keeps it, with its
        # values, for when the field is offered again.
        self._resting = ""
        self.field_combo.currentIndexChanged.connect(self._picked)
        self.values_edit.textChanged.connect(self.changed)

    def field(self) -> str:
        data = self.field_combo.currentData()
        return data if isinstance(data, str) else ""

    def chosen_field(self) -> str:
        """The field shown, or the one resting while this template does not offer it."""
        return self.field() or self._resting

    def spec(self) -> str | None:
        """`FIELD=VALUES`, or None while the axis is off or has no values."""
        field, values = self.field(), self.values_edit.text()
        if not field or not values.strip():
            return None
        return f"{field}={values}"

    def set_fields(self, fields: Sequence[tuple[str, str, str]]) -> None:
        """(field, label, example) to choose from; the current field is kept if still there."""
        shown, wanted = self.field(), self.chosen_field()
        blocked = self.field_combo.blockSignals(True)
        self.field_combo.clear()
        self.field_combo.addItem(QCoreApplication.translate("GenerateForm", "Off"), "")
        for field, label, example in fields:
            self.field_combo.addItem(label, field)
            self._examples[field] = example
        self._show_field(wanted)
        self.field_combo.blockSignals(blocked)
        if self.field() != shown:
            self._field_changed()
        else:
            self._update_field()

    def set_field(self, field: str, values: str = "") -> None:
        """Choose `field` ("" for Off) and its values, as the user would; a field this template
        does not offer rests until it is offered."""
        blocked = self.field_combo.blockSignals(True)
        self._show_field(field)
        self.field_combo.blockSignals(blocked)
        self._update_field()
        self.values_edit.setText(values)
        self.changed.emit()

    def _show_field(self, field: str) -> None:
        index = self.field_combo.findData(field)
        self.field_combo.setCurrentIndex(max(0, index))
        self._resting = field if index < 0 else ""

    def _picked(self) -> None:
        self._resting = ""  # the user's own choice replaces the resting one
        self._field_changed()

    def set_names(self, names: dict[str, tuple[str, ...]]) -> None:
        self._names = names
        self._update_field()

    def _field_changed(self) -> None:
        self._update_field()
        self.changed.emit()

    def _update_field(self) -> None:
        field = self.field()
        self.values_edit.setEnabled(bool(field))
        self.values_edit.setPlaceholderText(
            QCoreApplication.translate("GenerateForm", "e.g. {example}").format(
                example=self._examples.get(field, "")
            )
            if field
            else ""
        )
        self.names_button.setVisible(field in _CHOICE_FIELDS)
        self.names_button.setEnabled(bool(self._names.get(field)))

    def _fill_menu(self) -> None:
        self.names_menu.clear()
        names = self._names.get(self.field(), ())
        every = self.names_menu.addAction(self.tr("All (%n)", "", len(names)))
        every.triggered.connect(lambda: self.values_edit.setText(", ".join(map(quoted, names))))
        self.names_menu.addSeparator()
        for name in names:
            self.names_menu.addAction(name).triggered.connect(
                lambda _checked=False, n=name: self._add(n)
            )

    def _add(self, name: str) -> None:
        text = self.values_edit.text().rstrip()
        self.values_edit.setText(f"{text}, {quoted(name)}" if text else quoted(name))


class SweepGroup(CollapsibleGroup):
    """Off until ticked (its axes show only while it is on), like the Hires fix group."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            QCoreApplication.translate("GenerateForm", "X/Y/Z sweep"), QWidget(), parent
        )
        self.setToolTip(
            QCoreApplication.translate(
                "GenerateForm",
                "One job per combination of up to three axes; when they end, a grid of the "
                "results opens and is kept in the gallery",
            )
        )
        self.rows = [AxisRow(name) for name in AXIS_NAMES]
        grid = QGridLayout(self.body)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(6)
        for i, row in enumerate(self.rows):
            grid.addWidget(QLabel(row.name), i, 0)
            grid.addWidget(row.field_combo, i, 1)
            grid.addWidget(row.values_edit, i, 2)
            grid.addWidget(row.names_button, i, 3)
            row.changed.connect(self._edited)
        grid.setColumnStretch(2, 1)
        self.count_label = QLabel()
        self.count_label.setWordWrap(True)
        self.count_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.problem_label = FieldMessage()
        self.problem_label.setObjectName("message_sweep")
        grid.addWidget(self.count_label, 3, 0, 1, 4)
        grid.addWidget(self.problem_label, 4, 0, 1, 4)
        self._loras: tuple[str, ...] = ()
        self._extras: tuple[tuple[str, str], ...] = ()
        self._axes: list[Axis] = []
        self._problem: SweepProblem | None = None
        self._base: GenerationParams | None = None
        self._names: dict[str, tuple[str, ...]] = {}  # the connected server's lists
        self.toggled.connect(self._edited)
        self._set_fields()
        self._edited()

    # --- what the form tells it ---

    def set_lists(self, lists: ServerLists) -> None:
        """The connected server's names, offered for sampler, scheduler and model axes."""
        names = {
            "sampler": lists.samplers,
            "scheduler": lists.schedulers,
            "model": lists.checkpoints,
        }
        for row in self.rows:
            row.set_names(names)
        self._names = names
        self._edited()

    def set_dynamic_fields(self, loras: Sequence[str], extras: Sequence[tuple[str, str]]) -> None:
        """The LoRAs of the stack (their strength) and the template's own settings (name,
        label): fields of this template that an axis may vary too."""
        loras_t, extras_t = tuple(loras), tuple(extras)
        if (loras_t, extras_t) == (self._loras, self._extras):
            return
        self._loras, self._extras = loras_t, extras_t
        self._set_fields()
        self._edited()

    def set_base(self, base: GenerationParams) -> None:
        """The form's values: a prompt axis's text must be in the prompt."""
        self._base = base
        self._check()

    def _set_fields(self) -> None:
        fields = standard_fields()
        for lora in self._loras:
            fields.append((LORA_PREFIX + lora, field_label(LORA_PREFIX + lora), "0.4-1.0 (+0.2)"))
        for name, label in self._extras:
            fields.append((EXTRA_PREFIX + name, label, "1, 2, 3"))
        for row in self.rows:
            row.set_fields(fields)

    # --- what the form asks ---

    def active(self) -> bool:
        """On, with at least one axis set."""
        return self.isChecked() and any(row.spec() is not None for row in self.rows)

    def axes(self) -> list[Axis] | None:
        """The axes to queue, or None when it is off or has a problem."""
        if not self.active() or self._problem is not None:
            return None
        return list(self._axes)

    def count(self) -> int | None:
        axes = self.axes()
        return cell_count(axes) if axes else None

    def problem(self) -> SweepProblem | None:
        return self._problem if self.isChecked() else None

    def problems(self, base: GenerationParams, combinatorial: bool) -> list[str]:
        """What stops the sweep from being queued with the form's values `base`."""
        if not self.isChecked():
            return []
        self.set_base(base)
        found = [self._problem.text] if self._problem is not None else []
        if combinatorial and self.active():
            found.append(
                QCoreApplication.translate(
                    "GenerateForm",
                    "A sweep makes one job per cell: untick “every combination” of the prompt",
                )
            )
        return found

    def specs(self) -> list[str]:
        return [spec for row in self.rows if (spec := row.spec()) is not None]

    # --- saved with the form ---

    def state(self) -> SweepState:
        rows = tuple((row.chosen_field(), row.values_edit.text()) for row in self.rows)
        return SweepState(on=self.isChecked(), rows=rows)

    def restore(self, state: SweepState) -> None:
        """Put back what `state()` gave: the tick and each row (rows it lacks are turned off)."""
        saved = list(state.rows[: len(self.rows)])
        saved += [("", "")] * (len(self.rows) - len(saved))
        for row, (field, values) in zip(self.rows, saved, strict=True):
            row.set_field(field, values)
        self.setChecked(state.on)
        self._edited()

    # --- checking ---

    def _edited(self) -> None:
        self._check()
        self.changed.emit()

    def _check(self) -> None:
        self._axes, self._problem = self._parse()
        self._show()

    def _parse(self) -> tuple[list[Axis], SweepProblem | None]:
        """The axes of the rows that are set, each named by its own row (X, Y, Z) in a
        problem; then the checks of the whole (one field on two axes, too many cells, a
        prompt axis's text missing from the prompt)."""
        used = [(i, spec) for i, row in enumerate(self.rows) if (spec := row.spec()) is not None]
        if not used:
            return [], None
        axes: list[Axis] = []
        for i, spec in used:
            try:
                axis = parse_axis(spec, AXIS_NAMES[i])
            except SweepSpecError as exc:
                return [], SweepProblem(i, problem_text(exc))
            # The grid image is made later, on a worker: it gets the window's name for the
            # field, in the user's language, from here.
            axes.append(replace(axis, title=field_label(axis.field)))
        try:
            parse_axes([spec for _i, spec in used])
        except SweepSpecError as exc:
            row = used[AXIS_NAMES.index(exc.axis)][0]
            renamed = SweepSpecError(AXIS_NAMES[row], exc.spec, exc.where, exc.problem)
            return [], SweepProblem(row, problem_text(renamed))
        total = cell_count(axes)
        if total > MAX_CELLS:
            text = QCoreApplication.translate(
                "GenerateForm", "{count} jobs; a sweep makes at most {most}"
            ).format(count=total, most=MAX_CELLS)
            return [], SweepProblem(None, text)
        base = self._base
        for (i, _spec), axis in zip(used, axes, strict=True):
            if base is not None and axis.kind is Kind.PROMPT:
                text = base.prompt if axis.field == "prompt" else base.negative
                if str(axis.values[0]) not in text:
                    problem = (
                        QCoreApplication.translate(
                            "GenerateForm",
                            "Axis {axis}: the negative prompt does not hold “{text}”",
                        )
                        if axis.field == "negative"
                        else QCoreApplication.translate(
                            "GenerateForm", "Axis {axis}: the prompt does not hold “{text}”"
                        )
                    )
                    return [], SweepProblem(
                        i, problem.format(axis=AXIS_NAMES[i], text=axis.values[0])
                    )
        for (i, _spec), axis in zip(used, axes, strict=True):
            # A name the server lacks would be a failed cell: said now, as `generate --sweep`
            # does before queueing.
            known = self._names.get(axis.field)
            unknown = [v for v in axis.values if known and v not in known]
            if unknown:
                problem = QCoreApplication.translate(
                    "GenerateForm", "Axis {axis}: the server has no {field} {name}"
                ).format(axis=AXIS_NAMES[i], field=axis.title or axis.field, name=unknown[0])
                return [], SweepProblem(i, problem)
        return axes, None

    def _show(self) -> None:
        problem = self._problem
        if problem is not None:
            self.problem_label.show_message(problem.text)
        self.problem_label.setVisible(problem is not None)
        for i, row in enumerate(self.rows):
            bad = problem is not None and problem.row in (i, None) and row.spec() is not None
            flag_widget(row.values_edit, problem.text if bad and problem is not None else None)
        if self._axes:
            sizes = " × ".join(str(len(a.values)) for a in self._axes)
            total = cell_count(self._axes)
            self.count_label.setText(self.tr("{sizes} = %n job(s)", "", total).format(sizes=sizes))
        else:
            self.count_label.setText(
                QCoreApplication.translate(
                    "GenerateForm", "Pick a field and type its values on one axis or more"
                )
                if problem is None
                else ""
            )
        self.count_label.setVisible(bool(self.count_label.text()))


def sweep_jobs_builder(
    template_id: str,
    base: GenerationParams,
    axes: Sequence[Axis],
    inputs: tuple[InputImage, ...],
    wildcards_dir: Path,
) -> Callable[[], list[NewJob]]:
    """One job per cell, as `generate --sweep` makes them: every cell keeps the base seed
    unless seed is an axis, and a dynamic prompt is picked with the cell's own seed. Runs on
    any thread (a sweep may be thousands of cells)."""
    axes = list(axes)

    def build() -> list[NewJob]:
        jobs: list[NewJob] = []
        for cell in expand(base, axes):
            (params,) = job_params(
                cell.params, [cell.params.seed], mode=Mode.RANDOM, wildcards_dir=wildcards_dir
            )
            jobs.append(NewJob(template=template_id, params=params, inputs=inputs))
        return jobs

    return build
