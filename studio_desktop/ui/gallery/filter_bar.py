"""The row above the grid that turns the user's choices into an ImageFilter."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from PySide6.QtCore import QDate, QEvent, QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLineEdit,
    QToolButton,
    QWidget,
)

from studio_desktop.core.store.filters import ImageFilter
from studio_desktop.ui.gallery.delegate import star_polygon
from studio_desktop.ui.gallery.tag_editor import set_completions, tag_completer

SEARCH_DELAY_MS: Final = 250
_KINDS: Final = ("image", "animated", "video", "audio")
_ANY: Final = ""  # item data of the "any" entry of every combo


class _Range:
    ANY, TODAY, WEEK, MONTH, YEAR, CUSTOM = range(6)


def star_icon(palette: QPalette, size: int = 16) -> QIcon:
    """A star: outlined in the text colour when off, filled gold when on."""
    icon = QIcon()
    for filled, mode in ((False, QIcon.State.Off), (True, QIcon.State.On)):
        pixmap = QPixmap(size * 2, size * 2)
        pixmap.setDevicePixelRatio(2.0)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        polygon = star_polygon(QPointF(size / 2, size / 2 + 0.5), size / 2 - 1)
        if filled:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(245, 190, 40))
        else:
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolygon(polygon)
        painter.end()
        icon.addPixmap(pixmap, QIcon.Mode.Normal, mode)
    return icon


class FilterBar(QWidget):
    """Emits `filter_changed(ImageFilter)` whenever a choice changes (search is debounced)."""

    filter_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Search prompts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(160)
        layout.addWidget(self.search, 3)

        self.favourites = QToolButton(self)
        self.favourites.setCheckable(True)
        self.favourites.setIcon(star_icon(self.palette()))
        self.favourites.setIconSize(QSize(16, 16))
        self.favourites.setText(self.tr("Favourites"))
        self.favourites.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.favourites.setToolTip(self.tr("Show only favourites"))
        layout.addWidget(self.favourites)

        self.tag = QLineEdit(self)
        self.tag.setPlaceholderText(self.tr("Tag"))
        self.tag.setClearButtonEnabled(True)
        self.tag.setMaximumWidth(160)
        self.tag.setToolTip(self.tr("Images with this tag (completes from the tags in use)"))
        self.tag.setCompleter(tag_completer(self.tag))
        layout.addWidget(self.tag, 1)

        self.template = QComboBox(self)
        self.template.setToolTip(self.tr("Workflow template"))
        self.template.setMaximumWidth(200)
        layout.addWidget(self.template)

        self.model = QComboBox(self)
        self.model.setToolTip(self.tr("Model"))
        self.model.setMaximumWidth(200)
        layout.addWidget(self.model)

        self.kind = QComboBox(self)
        self.kind.setToolTip(self.tr("Kind of output"))
        self.kind.addItem(self.tr("All kinds"), _ANY)
        for kind, label in zip(
            _KINDS,
            (self.tr("Images"), self.tr("Animations"), self.tr("Videos"), self.tr("Audio")),
            strict=True,
        ):
            self.kind.addItem(label, kind)
        layout.addWidget(self.kind)

        self.dates = QComboBox(self)
        self.dates.setToolTip(self.tr("When it was made"))
        for label, value in (
            (self.tr("Any time"), _Range.ANY),
            (self.tr("Today"), _Range.TODAY),
            (self.tr("Past 7 days"), _Range.WEEK),
            (self.tr("Past 30 days"), _Range.MONTH),
            (self.tr("Past year"), _Range.YEAR),
            (self.tr("Custom range…"), _Range.CUSTOM),
        ):
            self.dates.addItem(label, value)
        layout.addWidget(self.dates)

        today = QDate.currentDate()
        self.date_from = QDateEdit(today.addDays(-7), self)
        self.date_to = QDateEdit(today, self)
        for edit, tip in (
            (self.date_from, self.tr("From (inclusive)")),
            (self.date_to, self.tr("To (inclusive)")),
        ):
            edit.setCalendarPopup(True)
            edit.setToolTip(tip)
            edit.setVisible(False)
            layout.addWidget(edit)

        self.trash = QToolButton(self)
        self.trash.setCheckable(True)
        self.trash.setText(self.tr("Trash"))
        self.trash.setIcon(self.style().standardIcon(self.style().StandardPixmap.SP_TrashIcon))
        self.trash.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.trash.setToolTip(self.tr("Show deleted images, to restore them"))
        layout.addWidget(self.trash)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._emit)
        self.search.textChanged.connect(self._search_timer.start)
        self.tag.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self._emit_now)
        self.tag.returnPressed.connect(self._emit_now)
        self.favourites.toggled.connect(self._emit)
        self.trash.toggled.connect(self._emit)
        for combo in (self.template, self.model, self.kind):
            combo.currentIndexChanged.connect(self._emit)
        self.dates.currentIndexChanged.connect(self._dates_changed)
        self.date_from.dateChanged.connect(self._emit)
        self.date_to.dateChanged.connect(self._emit)
        self.set_choices([], [])
        self._last = self.current_filter()

    def set_choices(self, templates: Sequence[tuple[str, str]], models: Sequence[str]) -> None:
        """Fill the template (id, name) and model combos, keeping the current choice."""
        self.set_templates(templates)
        self.set_models(models)

    def set_tag_names(self, names: Sequence[str]) -> None:
        """The tags in use, for the tag box's completion."""
        completer = self.tag.completer()
        if completer is not None:
            set_completions(completer, names)

    def set_templates(self, templates: Sequence[tuple[str, str]]) -> None:
        self._refill(self.template, self.tr("All templates"), templates)

    def set_models(self, models: Sequence[str]) -> None:
        self._refill(self.model, self.tr("All models"), [(m, m) for m in models])

    def _refill(self, combo: QComboBox, any_label: str, items: Sequence[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(any_label, _ANY)
        for value, label in items:
            combo.addItem(label, value)
        found = combo.findData(current)
        combo.setCurrentIndex(max(0, found))
        combo.blockSignals(False)

    def current_filter(self) -> ImageFilter:
        created_from, created_to = self._date_range()
        return ImageFilter(
            text=self.search.text().strip(),
            favourites_only=self.favourites.isChecked(),
            tag=self.tag.text().strip() or None,
            template=self.template.currentData() or None,
            model=self.model.currentData() or None,
            kind=self.kind.currentData() or None,
            deleted=self.trash.isChecked(),
            created_from=created_from,
            created_to=created_to,
        )

    def is_filtered(self) -> bool:
        """Whether anything but the Trash switch narrows the view."""
        flt = self.current_filter()
        return flt != ImageFilter(deleted=flt.deleted)

    def clear(self) -> None:
        """Back to everything (the Trash switch stays as it is)."""
        for widget in (self.search, self.tag):
            widget.blockSignals(True)
            widget.clear()
            widget.blockSignals(False)
        for combo in (self.template, self.model, self.kind, self.dates):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.favourites.blockSignals(True)
        self.favourites.setChecked(False)
        self.favourites.blockSignals(False)
        self._show_custom(False)
        self._emit()

    def _date_range(self) -> tuple[datetime | None, datetime | None]:
        choice = self.dates.currentData()
        today = date.today()
        if choice == _Range.CUSTOM:
            start = self.date_from.date().toPython()
            end = self.date_to.date().toPython()
            assert isinstance(start, date) and isinstance(end, date)
            if end < start:
                start, end = end, start
            return _local_midnight(start), _local_midnight(end + timedelta(days=1))
        days = {_Range.TODAY: 0, _Range.WEEK: 6, _Range.MONTH: 29, _Range.YEAR: 364}.get(choice)
        if days is None:
            return None, None
        return _local_midnight(today - timedelta(days=days)), None

    def _dates_changed(self) -> None:
        self._show_custom(self.dates.currentData() == _Range.CUSTOM)
        self._emit()

    def _show_custom(self, shown: bool) -> None:
        self.date_from.setVisible(shown)
        self.date_to.setVisible(shown)

    def _emit_now(self) -> None:
        self._search_timer.stop()
        self._emit()

    def _emit(self) -> None:
        flt = self.current_filter()
        if flt != self._last:
            self._last = flt
            self.filter_changed.emit(flt)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.favourites.setIcon(star_icon(self.palette()))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone().astimezone(UTC)
