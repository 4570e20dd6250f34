"""Loads the UI translation for the chosen language (or the system's)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studio_desktop.core.paths import resources_dir

log = logging.getLogger("studio.ui")

# Our language codes -> Qt's own translation suffixes.
SUPPORTED = ("en", "zh_CN", "zh_TW")


def resolve_language(setting: str) -> str:
    """'system' becomes the closest supported language; anything unknown is English."""
    if setting != "system":
        return setting if setting in SUPPORTED else "en"
    locale = QLocale.system()
    if locale.language() == QLocale.Language.Chinese:
        traditional = (
            locale.script() == QLocale.Script.TraditionalChineseScript
            or locale.territory()
            in (
                QLocale.Country.Taiwan,
                QLocale.Country.HongKong,
                QLocale.Country.Macau,
            )
        )
        return "zh_TW" if traditional else "zh_CN"
    return "en"


def install_translator(app: QApplication, setting: str) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons); returns them to keep alive."""
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    if language == "en":
        return installed
    ours = QTranslator(app)
    folder = resources_dir() / "translations"
    if ours.load(f"studio_{language}", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no translation for %s in %s", language, folder)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
