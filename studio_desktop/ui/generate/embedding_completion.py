"""`embedding:NAME` completion in a prompt box, from the server's `GET /embeddings` list.

Typing "emb…" (or "embedding:…") pops up the matching embeddings; Enter or Tab (or a click)
replaces the word with `embedding:NAME`. Names match anywhere ("hands" finds bad-hands-5).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QStringListModel, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

PREFIX = "embedding:"
# The word being typed: everything since the last space, comma or bracket.
_WORD = re.compile(r"[^\s,()\[\]{}<>]*$")
_MIN_TYPED = 3  # "emb" starts completing


class EmbeddingCompleter(QObject):
    """Completes `embedding:` names in `edit`."""

    def __init__(self, edit: QPlainTextEdit) -> None:
        super().__init__(edit)
        self._edit = edit
        self._model = QStringListModel(self)
        self.completer = QCompleter(self._model, self)
        self.completer.setWidget(edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated.connect(self.insert)
        edit.textChanged.connect(self._typed)
        edit.installEventFilter(self)

    def set_names(self, names: Sequence[str]) -> None:
        self._model.setStringList([PREFIX + name for name in dict.fromkeys(names)])

    def names(self) -> list[str]:
        return self._model.stringList()

    def word(self) -> str:
        """The word before the cursor."""
        cursor = self._edit.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        found = _WORD.search(block)
        return found.group(0) if found else ""

    def _typed(self) -> None:
        popup = self.completer.popup()
        word = self.word()
        wanted = (
            bool(self._model.rowCount())
            and len(word) >= _MIN_TYPED
            and (word.lower().startswith(PREFIX) or PREFIX.startswith(word.lower()))
        )
        if not wanted or self._edit.textCursor().hasSelection():
            if popup is not None:
                popup.hide()
            return
        # Filter on what follows the prefix; "emb" alone lists them all.
        typed = word[len(PREFIX) :] if word.lower().startswith(PREFIX) else ""
        self.completer.setCompletionPrefix(typed or PREFIX)
        if self.completer.completionCount() == 0:
            if popup is not None:
                popup.hide()
            return
        rect = self._edit.cursorRect()
        if popup is not None:
            rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        self.completer.complete(rect)

    def insert(self, completion: str) -> None:
        """Replace the word before the cursor with `completion`."""
        word = self.word()
        cursor = self._edit.textCursor()
        cursor.movePosition(
            QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(word)
        )
        cursor.insertText(completion)
        self._edit.setTextCursor(cursor)
        popup = self.completer.popup()
        if popup is not None:
            popup.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # While the list is up, these keys are the popup's (pick, close), not the text's.
        popup = self.completer.popup()
        if (
            watched is self._edit
            and event.type() == QEvent.Type.KeyPress
            and popup is not None
            and popup.isVisible()
            and isinstance(event, QKeyEvent)
            and event.key()
            in (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_Tab)
        ):
            event.ignore()
            return True
        return False
