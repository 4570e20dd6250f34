"""The LoRA stack of the Generate form: LoRAs picked from the server's list (with a search box),
in the order they are applied, each with its model and clip strength and an enable toggle, and
the trigger words its metadata names as chips that insert themselves into the prompt.

The words are not fetched here (no widget talks to a server): `words_wanted` asks for a LoRA's
words and `set_words` brings them (the tab fetches them on the network pool).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.core.jobs import LoraChoice
from studio_desktop.ui.flow_layout import FlowLayout
from studio_desktop.ui.generate.form_widgets import float_spin

STRENGTH_RANGE = (-10.0, 10.0)  # LoraLoader takes -100..100; past ±10 nothing is recognisable


class LoraRow(QFrame):
    """One LoRA of the stack."""

    changed = Signal()
    move_requested = Signal(object, int)  # row, -1 up / +1 down
    remove_requested = Signal(object)
    word_clicked = Signal(str)

    def __init__(self, choice: LoraChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = choice.name
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.enabled_box = QCheckBox(choice.name)
        self.enabled_box.setChecked(choice.enabled)
        self.enabled_box.setToolTip(self.tr("Apply this LoRA (unticked: kept in the list, unused)"))
        self.model_spin = self._strength(
            choice.model_strength, self.tr("How strongly the LoRA changes the model")
        )
        self.clip_spin = self._strength(
            choice.clip_strength, self.tr("How strongly the LoRA changes the text encoder (CLIP)")
        )
        style = self.style()
        self.up_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowUp), self.tr("Apply earlier")
        )
        self.down_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_ArrowDown), self.tr("Apply later")
        )
        self.remove_button = self._button(
            style.standardIcon(QStyle.StandardPixmap.SP_DialogCloseButton),
            self.tr("Remove this LoRA"),
        )
        self.up_button.clicked.connect(lambda: self.move_requested.emit(self, -1))
        self.down_button.clicked.connect(lambda: self.move_requested.emit(self, 1))
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self))
        self.enabled_box.toggled.connect(self.changed)
        self.model_spin.valueChanged.connect(self.changed)
        self.clip_spin.valueChanged.connect(self.changed)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.setSpacing(4)
        top.addWidget(self.enabled_box, 1)
        top.addWidget(self.up_button)
        top.addWidget(self.down_button)
        top.addWidget(self.remove_button)
        strengths = QHBoxLayout()
        strengths.setContentsMargins(0, 0, 0, 0)
        strengths.setSpacing(6)
        strengths.addWidget(QLabel(self.tr("Model")))
        strengths.addWidget(self.model_spin)
        strengths.addWidget(QLabel(self.tr("CLIP")))
        strengths.addWidget(self.clip_spin)
        strengths.addStretch(1)
        self.chips = QWidget()
        self.chips_layout = FlowLayout(self.chips)
        self.chips_layout.setContentsMargins(0, 0, 0, 0)
        self.chips.setVisible(False)
        column = QVBoxLayout(self)
        column.setContentsMargins(6, 4, 6, 4)
        column.setSpacing(4)
        column.addLayout(top)
        column.addLayout(strengths)
        column.addWidget(self.chips)

    def _strength(self, value: float, tip: str) -> QDoubleSpinBox:
        spin = float_spin(STRENGTH_RANGE, value, decimals=2, step=0.05, tip=tip)
        spin.setMinimumWidth(72)
        return spin

    def _button(self, icon: object, tip: str) -> QToolButton:
        button = QToolButton()
        button.setIcon(icon)  # type: ignore[arg-type]
        button.setToolTip(tip)
        button.setAutoRaise(True)
        return button

    def choice(self) -> LoraChoice:
        return LoraChoice(
            self.name,
            round(self.model_spin.value(), 2),
            round(self.clip_spin.value(), 2),
            self.enabled_box.isChecked(),
        )

    def set_words(self, words: Sequence[str]) -> None:
        while self.chips_layout.count():
            item = self.chips_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for word in words:
            chip = QToolButton()
            chip.setText(word)
            chip.setObjectName("trigger_chip")
            chip.setToolTip(self.tr("Insert “{word}” into the prompt").format(word=word))
            chip.clicked.connect(lambda _=False, w=word: self.word_clicked.emit(w))
            self.chips_layout.addWidget(chip)
        self.chips.setVisible(bool(words))

    def words(self) -> list[str]:
        found: list[str] = []
        for i in range(self.chips_layout.count()):
            item = self.chips_layout.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QToolButton):
                found.append(widget.text())
        return found


class LoraStack(QWidget):
    """Every LoRA of the next job, in the order they are applied."""

    changed = Signal()
    words_wanted = Signal(str)  # a LoRA whose trigger words are not known yet
    word_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words: dict[str, tuple[str, ...]] = {}  # LoRA name -> its words, once fetched
        self.picker = QComboBox()
        self.picker.setEditable(True)
        self.picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.picker.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.picker.setMinimumContentsLength(12)
        self.picker.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        line = self.picker.lineEdit()
        assert line is not None
        line.setPlaceholderText(self.tr("Search the server's LoRAs…"))
        line.setClearButtonEnabled(True)
        completer = QCompleter(self.picker.model(), self.picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.picker.setCompleter(completer)
        self.picker.setCurrentIndex(-1)
        self.add_button = QToolButton()
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("Add the LoRA named in the search box"))
        self.add_button.clicked.connect(self._add_picked)
        line.returnPressed.connect(self._add_picked)
        picker_row = QHBoxLayout()
        picker_row.setContentsMargins(0, 0, 0, 0)
        picker_row.setSpacing(6)
        picker_row.addWidget(self.picker, 1)
        picker_row.addWidget(self.add_button)
        self.rows_box = QVBoxLayout()
        self.rows_box.setContentsMargins(0, 0, 0, 0)
        self.rows_box.setSpacing(4)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addLayout(picker_row)
        column.addLayout(self.rows_box)

    # --- the server's list ---

    def set_names(self, names: Sequence[str]) -> None:
        line = self.picker.lineEdit()
        typed = line.text() if line is not None else ""
        blocked = self.picker.blockSignals(True)
        self.picker.clear()
        self.picker.addItems(list(dict.fromkeys(names)))
        self.picker.setCurrentIndex(-1)
        if line is not None:
            line.setText(typed)
        self.picker.blockSignals(blocked)

    def names(self) -> list[str]:
        return [self.picker.itemText(i) for i in range(self.picker.count())]

    def _add_picked(self) -> None:
        text = self.picker.currentText().strip()
        names = self.names()
        if text not in names:
            # The search text picks the one LoRA it matches, if only one does.
            matches = [n for n in names if text.lower() in n.lower()] if text else []
            if len(matches) != 1:
                return
            text = matches[0]
        self.add(LoraChoice(text))
        line = self.picker.lineEdit()
        if line is not None:
            line.clear()

    # --- the stack ---

    def rows(self) -> list[LoraRow]:
        found: list[LoraRow] = []
        for i in range(self.rows_box.count()):
            item = self.rows_box.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, LoraRow):
                found.append(widget)
        return found

    def add(self, choice: LoraChoice) -> LoraRow:
        row = LoraRow(choice)
        row.changed.connect(self.changed)
        row.move_requested.connect(self.move_row)
        row.remove_requested.connect(self.remove_row)
        row.word_clicked.connect(self.word_clicked)
        self.rows_box.addWidget(row)
        self._update_buttons()
        if choice.name in self._words:
            row.set_words(self._words[choice.name])
        else:
            self.words_wanted.emit(choice.name)
        self.changed.emit()
        return row

    def move_row(self, row: LoraRow, step: int) -> None:
        rows = self.rows()
        index = rows.index(row)
        target = index + step
        if not 0 <= target < len(rows):
            return
        self.rows_box.removeWidget(row)
        self.rows_box.insertWidget(target, row)
        self._update_buttons()
        self.changed.emit()

    def remove_row(self, row: LoraRow) -> None:
        self.rows_box.removeWidget(row)
        row.setParent(None)
        row.deleteLater()
        self._update_buttons()
        self.changed.emit()

    def _update_buttons(self) -> None:
        rows = self.rows()
        for i, row in enumerate(rows):
            row.up_button.setEnabled(i > 0)
            row.down_button.setEnabled(i < len(rows) - 1)

    def choices(self) -> tuple[LoraChoice, ...]:
        return tuple(row.choice() for row in self.rows())

    def set_choices(self, choices: Sequence[LoraChoice]) -> None:
        """Replace the stack (remix, a restored form); emits `changed` once."""
        blocked = self.blockSignals(True)
        try:
            for row in self.rows():
                self.remove_row(row)
            for choice in choices:
                self.add(choice)
        finally:
            self.blockSignals(blocked)
        for choice in choices:  # asked while signals were blocked: ask again
            if choice.name not in self._words:
                self.words_wanted.emit(choice.name)
        self.changed.emit()

    # --- trigger words ---

    def set_words(self, name: str, words: Sequence[str]) -> None:
        self._words[name] = tuple(words)
        for row in self.rows():
            if row.name == name:
                row.set_words(words)

    def forget_words(self) -> None:
        """Another server: its files may carry other metadata."""
        self._words.clear()
        for row in self.rows():
            self.words_wanted.emit(row.name)
