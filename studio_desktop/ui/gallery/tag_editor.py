"""The tag editor: an image's tags (or the tags of a selection) as removable chips, and an
input that completes from the tags already in the library. Enter adds; OK applies."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.ui.flow_layout import FlowLayout


def fold(tag: str) -> str:
    """Tags are one tag whatever their case (the store folds them the same way)."""
    return tag.strip().casefold()


def split_tags(text: str) -> list[str]:
    """What the user typed, as tags: separated by commas, trimmed, no empties."""
    return [t.strip() for t in text.split(",") if t.strip()]


def tag_completer(parent: QObject, names: Sequence[str] = ()) -> QCompleter:
    """Completes a tag from `names`, ignoring case, matching anywhere in the name."""
    completer = QCompleter(QStringListModel(list(names), parent), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return completer


def set_completions(completer: QCompleter, names: Sequence[str]) -> None:
    model = completer.model()
    if isinstance(model, QStringListModel) and model.stringList() != list(names):
        model.setStringList(list(names))


class Chip(QFrame):
    """One tag: its name and a button that takes it away."""

    def __init__(self, tag: str, editor: TagEditor) -> None:
        super().__init__(editor.chip_area)
        self.tag = tag
        self.setObjectName("tagChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 1, 2, 1)
        layout.setSpacing(2)
        label = QLabel(tag, self)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        self.remove_button = QToolButton(self)
        self.remove_button.setText("✕")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove the tag {tag}").format(tag=tag))
        self.remove_button.clicked.connect(lambda: editor.remove_chip(tag))
        layout.addWidget(self.remove_button)


class TagEditor(QDialog):
    """Edits the tags of `images` images; `added()` and `removed()` say what to change on each
    (adding to several images adds to each, it does not replace their tags)."""

    def __init__(
        self,
        current: Sequence[str],
        known: Sequence[str],
        *,
        images: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tags"))
        self.setMinimumWidth(420)
        self._initial = _unique(current)
        self._chips: list[Chip] = []

        intro = QLabel(self)
        intro.setWordWrap(True)
        intro.setText(
            self.tr("Tags of this image.")
            if images == 1
            else self.tr(
                "Tags of %n images: a tag added is added to each; a tag removed is taken off "
                "every one.",
                "",
                images,
            )
        )

        self.chip_area = QWidget(self)
        self.chip_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._flow = FlowLayout(self.chip_area)
        self.empty_label = QLabel(self.tr("No tags yet."), self.chip_area)
        self.empty_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self._flow.addWidget(self.empty_label)
        scroll = QScrollArea(self)
        scroll.setWidget(self.chip_area)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setMinimumHeight(64)

        self.input = QLineEdit(self)
        self.input.setPlaceholderText(self.tr("Add a tag and press Enter (commas separate tags)"))
        self.input.setCompleter(tag_completer(self.input, _unique(known)))
        self.input.installEventFilter(self)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        for button in buttons.buttons():
            # Enter in the input adds a tag; it must not also press OK.
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.input)
        layout.addWidget(buttons)
        for tag in self._initial:
            self._add_chip(tag)

    def chips(self) -> list[str]:
        return [chip.tag for chip in self._chips]

    def added(self) -> list[str]:
        before = {fold(t) for t in self._initial}
        return [t for t in self.chips() if fold(t) not in before]

    def removed(self) -> list[str]:
        now = {fold(t) for t in self.chips()}
        return [t for t in self._initial if fold(t) not in now]

    def add_tags(self, text: str) -> None:
        """Add the tags in `text` (commas separate them) that are not chips yet."""
        for tag in split_tags(text):
            if fold(tag) not in {fold(t) for t in self.chips()}:
                self._add_chip(tag)

    def remove_chip(self, tag: str) -> None:
        for chip in list(self._chips):
            if chip.tag == tag:
                self._chips.remove(chip)
                self._flow.removeWidget(chip)
                chip.deleteLater()
        self.empty_label.setVisible(not self._chips)
        self.input.setFocus()

    def accept(self) -> None:
        self.add_tags(self.input.text())  # typed but not yet entered: meant, too
        self.input.clear()
        super().accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.input.text().strip():
                    self.add_tags(self.input.text())
                    self.input.clear()
                else:
                    self.accept()  # Enter on an empty input: done
                return True
            if event.key() == Qt.Key.Key_Backspace and not self.input.text() and self._chips:
                self.remove_chip(self._chips[-1].tag)
                return True
        return super().eventFilter(watched, event)

    def _add_chip(self, tag: str) -> None:
        chip = Chip(tag, self)
        self._chips.append(chip)
        self._flow.insert_widget(len(self._chips) - 1, chip)
        chip.show()
        self.empty_label.setVisible(False)


def _unique(tags: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    kept: list[str] = []
    for tag in tags:
        if tag.strip() and fold(tag) not in seen:
            seen.add(fold(tag))
            kept.append(tag.strip())
    return kept
