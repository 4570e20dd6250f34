"""Context menus shown without blocking, and deleted once they close.

A menu made per right-click and parented to a long-lived widget (a tab, the queue panel) for
its style and translation context stays that widget's hidden child after it closes: one more
QMenu with its actions and their closures for every right-click of a session. `popup` ties the
menu's life to its showing instead.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu


def popup(menu: QMenu, pos: QPoint) -> None:
    """Show `menu` at the global `pos`, and delete it after it closes.

    Deleted later, not at once: a click hides the menu before it runs the action, so the menu
    (and a submenu's action) must outlive its own aboutToHide.
    """
    menu.aboutToHide.connect(menu.deleteLater)
    menu.popup(pos)
