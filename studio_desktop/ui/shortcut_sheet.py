"""Help ▸ Keyboard shortcuts: every menu command that has a key, read from the menus themselves
(so the sheet can never disagree with them), and the viewer's keys."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio_desktop.ui.gallery.viewer import (
    DELETE_KEYS,
    FAVOURITE_KEYS,
    NEXT_KEYS,
    PREVIOUS_KEYS,
    TAGS_KEYS,
)


def _plain(text: str) -> str:
    """A menu text without its mnemonic and trailing ellipsis: '&Undo' -> 'Undo', and
    '撤销(&U)' -> '撤销' (Chinese menus put the mnemonic in brackets after the text)."""
    text = _BRACKETED_MNEMONIC.sub("", text)
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").removesuffix("…")


_BRACKETED_MNEMONIC = re.compile(r"\(&[^)]\)")


def _keys(keys: tuple[Qt.Key | QKeySequence.StandardKey, ...]) -> str:
    return ", ".join(
        QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText) for key in keys
    )


def menu_shortcuts(bar: QMenuBar) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu, [(command, keys)]) for every menu command with a shortcut, in menu order."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for menu_action in bar.actions():
        menu = menu_action.menu()
        if not isinstance(menu, QMenu):
            continue
        rows = [
            (
                _plain(action.text()),
                action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
            )
            for action in menu.actions()
            if not action.shortcut().isEmpty()
        ]
        if rows:
            sections.append((_plain(menu_action.text()), rows))
    return sections


def viewer_shortcuts() -> list[tuple[str, str]]:
    return [
        (QCoreApplication.translate("ShortcutSheet", "Next image"), _keys(NEXT_KEYS)),
        (QCoreApplication.translate("ShortcutSheet", "Previous image"), _keys(PREVIOUS_KEYS)),
        (QCoreApplication.translate("ShortcutSheet", "Fit to the window"), "F"),
        (QCoreApplication.translate("ShortcutSheet", "Actual size (100 %)"), "1"),
        (
            QCoreApplication.translate("ShortcutSheet", "Zoom in, zoom out"),
            _keys((QKeySequence.StandardKey.ZoomIn, QKeySequence.StandardKey.ZoomOut))
            + QCoreApplication.translate("ShortcutSheet", ", or the mouse wheel"),
        ),
        *(
            (name, keys.toString(QKeySequence.SequenceFormat.NativeText))
            for name, keys in (
                (QCoreApplication.translate("ShortcutSheet", "Favourite or not"), FAVOURITE_KEYS),
                (QCoreApplication.translate("ShortcutSheet", "Edit tags"), TAGS_KEYS),
                (QCoreApplication.translate("ShortcutSheet", "Move to trash"), DELETE_KEYS),
            )
        ),
    ]


class ShortcutSheet(QDialog):
    def __init__(self, bar: QMenuBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Command"), self.tr("Keys")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSelectionMode(QTreeWidget.SelectionMode.NoSelection)
        for title, rows in [*menu_shortcuts(bar), (self.tr("Image viewer"), viewer_shortcuts())]:
            section = QTreeWidgetItem(self.tree, [title])
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setFirstColumnSpanned(True)
            for command, keys in rows:
                QTreeWidgetItem(section, [command, keys])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addWidget(buttons)
        self.resize(480, 560)

    def rows(self) -> list[tuple[str, str, str]]:
        """(section, command, keys) as shown, for tests."""
        shown: list[tuple[str, str, str]] = []
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            assert section is not None
            for child in range(section.childCount()):
                item = section.child(child)
                assert item is not None
                shown.append((section.text(0), item.text(0), item.text(1)))
        return shown
