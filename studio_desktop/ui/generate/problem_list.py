"""What stops the form from being queued, above the Queue button: compact, with links.

Collapsed it shows the first problem and a button naming how many more there are; expanded it
lists every one in a scroll area of bounded height, so a template missing three model files
never pushes the form out of sight. Web addresses in a message (a template's download hint)
are links showing only their host (the full address is the link's tooltip and "Copy link
location"); a problem that belongs to a field ends with "Show the field", which scrolls the form
there.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final
from urllib.parse import urlsplit

from PySide6.QtCore import QRect, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

COLLAPSED: Final = 1  # problems shown before "show all"
MAX_LIST_HEIGHT: Final = 180  # logical pixels of the expanded list; it scrolls past that
FIELD_LINK: Final = "field:"
# An address is ASCII: a translated message's full-width "），" right after one is not part of it.
_URL = re.compile(r"https?://[^\s<>\"'\x80-\U0010ffff]+[^\s<>\"'.,;:)\x80-\U0010ffff]")


@dataclass(frozen=True)
class Problem:
    """One reason the form cannot be queued; `field` is where the form shows it too (a
    standard field, an editor or an image slot), None when it belongs to no field."""

    message: str
    field: str | None = None


def linked(message: str) -> str:
    """`message` as rich text with each http(s) address a link that shows its host."""
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(message):
        parts.append(html.escape(message[last : match.start()]))
        url = match.group(0)
        host = urlsplit(url).hostname or url
        parts.append(f'<a href="{html.escape(url, quote=True)}">{html.escape(host)}</a>')
        last = match.end()
    parts.append(html.escape(message[last:]))
    return "".join(parts).replace("\n", "<br>")


class RichWrapLabel(QLabel):
    """A word-wrapped rich-text label whose fixed height follows its text at its width (the
    same reason as `fields.WrapLabel`, measured as rich text)."""

    height_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.setOpenExternalLinks(False)
        self.linkHovered.connect(self._show_address)

    def setText(self, text: str) -> None:
        super().setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.width() if self.width() > 50 else 300
        document = QTextDocument()
        document.setDefaultFont(self.font())
        document.setDocumentMargin(0)
        document.setHtml(self.text())
        document.setTextWidth(max(1, width - 2 * self.margin()))
        needed = max(round(document.size().height()), self.fontMetrics().height())
        needed += 2 * self.margin()
        if needed != self.height() or needed != self.minimumHeight():
            self.setFixedHeight(needed)
            self.height_changed.emit()

    def _show_address(self, link: str) -> None:
        if link and not link.startswith(FIELD_LINK):
            QToolTip.showText(self.cursor().pos(), link, self, QRect())


class ProblemList(QWidget):
    """The problems above Queue. `field_requested(key)` when "Show the field" is clicked."""

    field_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._problems: list[Problem] = []
        self._expanded = False
        self.rows: list[RichWrapLabel] = []

        self._icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self._icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        self._list = QWidget()
        self._list_box = QVBoxLayout(self._list)
        self._list_box.setContentsMargins(0, 0, 0, 0)
        self._list_box.setSpacing(4)
        self.scroller = QScrollArea()
        self.scroller.setWidget(self._list)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.toggle_button = QPushButton()
        self.toggle_button.setFlat(True)
        self.toggle_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.toggle_button.clicked.connect(lambda: self.set_expanded(not self._expanded))
        link_colour = self.palette().color(QPalette.ColorRole.Link)
        self.toggle_button.setStyleSheet(
            f"QPushButton {{ color: {link_colour.name()}; text-align: left; padding: 0 2px; }}"
        )

        right = QVBoxLayout()
        right.setContentsMargins(0, 0, 0, 0)
        right.setSpacing(2)
        right.addWidget(self.scroller)
        right.addWidget(self.toggle_button, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self._icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addLayout(right, 1)

    @property
    def expanded(self) -> bool:
        return self._expanded

    def problems(self) -> list[Problem]:
        return list(self._problems)

    def plain_text(self) -> str:
        """Every problem's message, one a line (shown or folded away)."""
        return "\n".join(problem.message for problem in self._problems)

    def set_problems(self, problems: Sequence[Problem]) -> None:
        if list(problems) == self._problems:
            return
        self._problems = list(problems)
        if len(self._problems) <= COLLAPSED:
            self._expanded = False
        self._rebuild()

    def set_expanded(self, expanded: bool) -> None:
        self._expanded = expanded
        self._rebuild()

    def _rebuild(self) -> None:
        for label in self.rows:
            self._list_box.removeWidget(label)
            label.deleteLater()
        self.rows = []
        shown = self._problems if self._expanded else self._problems[:COLLAPSED]
        for problem in shown:
            label = RichWrapLabel()
            label.setText(self._rich(problem))
            label.linkActivated.connect(self._link)
            label.height_changed.connect(self._fit_height)
            self._list_box.addWidget(label)
            self.rows.append(label)
        self._list_box.activate()
        self._fit_height()
        rest = len(self._problems) - COLLAPSED
        self.toggle_button.setVisible(rest > 0)
        self.toggle_button.setText(
            self.tr("Show fewer")
            if self._expanded
            else self.tr("%n more problem(s): show all", "", rest)
        )

    def _fit_height(self) -> None:
        spacing = self._list_box.spacing()
        height = sum(label.height() for label in self.rows) + spacing * max(0, len(self.rows) - 1)
        self.scroller.setFixedHeight(min(height, MAX_LIST_HEIGHT))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_height()

    def _rich(self, problem: Problem) -> str:
        text = linked(problem.message)
        if problem.field is not None:
            show = html.escape(self.tr("Show the field"))
            text += f' <a href="{FIELD_LINK}{html.escape(problem.field, quote=True)}">{show}</a>'
        return text

    def _link(self, link: str) -> None:
        if link.startswith(FIELD_LINK):
            self.field_requested.emit(link.removeprefix(FIELD_LINK))
        else:
            QDesktopServices.openUrl(QUrl(link))
