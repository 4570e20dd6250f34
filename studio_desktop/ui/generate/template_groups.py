"""The Template picker's groups: image, edit, upscale, video, audio, imported, each with a
small icon drawn here (no image files), and the combo model with a header per group.

A template's group follows from what it is, so a new or imported one needs no field for it:
one the user imported (not shipped in resources/templates) is "imported"; then video or audio
by what it outputs; "upscale" when it takes an image and runs an upscale node; "edit" when it
takes an image; "image" otherwise.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QStandardItem,
    QStandardItemModel,
)

from studio_desktop.core.paths import resources_dir
from studio_desktop.core.workflows import Template

ICON_PX = 32  # drawn at this size; Qt scales it to the combo's icon size
HEADER_ROLE = Qt.ItemDataRole.UserRole + 1  # True on a group's header row


class TemplateGroup(enum.Enum):
    IMAGE = "image"
    EDIT = "edit"
    UPSCALE = "upscale"
    VIDEO = "video"
    AUDIO = "audio"
    IMPORTED = "imported"

    def label(self) -> str:
        names = {
            TemplateGroup.IMAGE: QCoreApplication.translate("TemplateGroup", "Image"),
            TemplateGroup.EDIT: QCoreApplication.translate("TemplateGroup", "Edit"),
            TemplateGroup.UPSCALE: QCoreApplication.translate("TemplateGroup", "Upscale"),
            TemplateGroup.VIDEO: QCoreApplication.translate("TemplateGroup", "Video"),
            TemplateGroup.AUDIO: QCoreApplication.translate("TemplateGroup", "Audio"),
            TemplateGroup.IMPORTED: QCoreApplication.translate("TemplateGroup", "Imported"),
        }
        return names[self]


def group_of(template: Template, builtin_dir: Path | None = None) -> TemplateGroup:
    """Where `template` is listed (see the module's docstring)."""
    shipped = (builtin_dir or resources_dir() / "templates").resolve()
    if template.source is not None and template.source.resolve().parent != shipped:
        return TemplateGroup.IMPORTED
    if template.output_kind == "video":
        return TemplateGroup.VIDEO
    if template.output_kind == "audio":
        return TemplateGroup.AUDIO
    if template.images:
        classes = (
            str(node.get("class_type", ""))
            for node in template.graph.values()
            if isinstance(node, dict)
        )
        if any("Upscale" in name for name in classes):
            return TemplateGroup.UPSCALE
        return TemplateGroup.EDIT
    return TemplateGroup.IMAGE


def group_icon(group: TemplateGroup, palette: QPalette) -> QIcon:
    """A simple line icon for `group`, in the palette's text colour."""
    pixmap = QPixmap(ICON_PX, ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    colour = palette.color(QPalette.ColorRole.Text)
    painter.setPen(QPen(colour, 2.4, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    _DRAW[group](painter, colour)
    painter.end()
    return QIcon(pixmap)


def _frame(p: QPainter) -> None:
    p.drawRoundedRect(QRectF(4, 6, 24, 20), 3, 3)


def _draw_image(p: QPainter, colour: QColor) -> None:
    _frame(p)
    p.drawPolyline(QPolygonF([QPointF(7, 23), QPointF(14, 15), QPointF(19, 20), QPointF(25, 13)]))
    p.setBrush(QBrush(colour))
    p.drawEllipse(QPointF(11, 11.5), 1.8, 1.8)


def _draw_edit(p: QPainter, colour: QColor) -> None:
    path = QPainterPath(QPointF(7, 25))
    path.lineTo(9, 19)
    path.lineTo(22, 6)
    path.lineTo(26, 10)
    path.lineTo(13, 23)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(9, 19), QPointF(13, 23))


def _draw_upscale(p: QPainter, colour: QColor) -> None:
    p.drawRect(QRectF(5, 15, 12, 12))
    p.drawPolyline(QPolygonF([QPointF(18, 6), QPointF(26, 6), QPointF(26, 14)]))
    p.drawLine(QPointF(26, 6), QPointF(16, 16))


def _draw_video(p: QPainter, colour: QColor) -> None:
    _frame(p)
    p.setBrush(QBrush(colour))
    p.drawPolygon(QPolygonF([QPointF(13, 11), QPointF(21, 16), QPointF(13, 21)]))


def _draw_audio(p: QPainter, colour: QColor) -> None:
    p.drawLine(QPointF(13, 23), QPointF(13, 7))
    p.drawLine(QPointF(13, 7), QPointF(24, 5))
    p.drawLine(QPointF(24, 5), QPointF(24, 21))
    p.setBrush(QBrush(colour))
    p.drawEllipse(QPointF(10, 23), 3, 2.5)
    p.drawEllipse(QPointF(21, 21), 3, 2.5)


def _draw_imported(p: QPainter, colour: QColor) -> None:
    p.drawPolyline(QPolygonF([QPointF(5, 18), QPointF(5, 26), QPointF(27, 26), QPointF(27, 18)]))
    p.drawLine(QPointF(16, 5), QPointF(16, 20))
    p.drawPolyline(QPolygonF([QPointF(10, 14), QPointF(16, 20), QPointF(22, 14)]))


_DRAW = {
    TemplateGroup.IMAGE: _draw_image,
    TemplateGroup.EDIT: _draw_edit,
    TemplateGroup.UPSCALE: _draw_upscale,
    TemplateGroup.VIDEO: _draw_video,
    TemplateGroup.AUDIO: _draw_audio,
    TemplateGroup.IMPORTED: _draw_imported,
}


def grouped_model(
    templates: Sequence[Template], language: str, palette: QPalette, font: QFont
) -> QStandardItemModel:
    """Rows for the Template combo: per group (in TemplateGroup order, empty ones left out) a
    header that cannot be picked, then its templates (their id as the item data, their
    description as the tooltip, the group's icon)."""
    model = QStandardItemModel()
    header_font = QFont(font)
    header_font.setBold(True)
    by_group: dict[TemplateGroup, list[Template]] = {}
    for template in templates:
        by_group.setdefault(group_of(template), []).append(template)
    for group in TemplateGroup:
        members = by_group.get(group)
        if not members:
            continue
        icon = group_icon(group, palette)
        header = QStandardItem(icon, group.label())
        header.setFlags(Qt.ItemFlag.NoItemFlags)  # not selectable: Up/Down and the wheel skip it
        header.setFont(header_font)
        # Readable, yet plainly not an entry (a disabled item's own grey is too faint).
        header.setForeground(palette.color(QPalette.ColorRole.PlaceholderText))
        header.setData(True, HEADER_ROLE)
        model.appendRow(header)
        for template in members:
            item = QStandardItem(icon, template.display_name(language))
            item.setData(template.id, Qt.ItemDataRole.UserRole)
            item.setToolTip(template.display_description(language))
            model.appendRow(item)
    return model
