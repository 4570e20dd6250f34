"""Loads the UI translation for the chosen language (or the system's).

The `.ts` files in resources/translations are the source; the `.qm` files Qt loads are build
outputs. The build compiles them (build/compile_translations.py); a source checkout compiles them
here at start-up when they are missing or older than their `.ts`, with the `lrelease` that ships
in the PySide6-Essentials wheel. Without it, the UI stays English.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6 import QtCore
from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from studio_desktop.core.paths import resources_dir

log = logging.getLogger("studio.ui")

# Our language codes; Qt's own translations use the same suffixes (qtbase_zh_CN.qm).
SUPPORTED = ("en", "zh_CN", "zh_TW")
TRANSLATED = ("zh_CN", "zh_TW")
# English needs a translation file too, holding only the plural forms: the source says
# "%n image(s)", the English file "1 image" / "%n images".
PLURALS_ONLY = ("en",)
TOOL_TIMEOUT_S = 60.0


def translations_dir() -> Path:
    return resources_dir() / "translations"


def ts_file(language: str, folder: Path | None = None) -> Path:
    return (folder or translations_dir()) / f"studio_{language}.ts"


def source_files() -> list[Path]:
    """The Python files lupdate reads: every UI module, the app module, and the workers and
    the core, whose user-facing messages are marked with QT_TRANSLATE_NOOP (core/messages.py)."""
    package = Path(__file__).resolve().parents[1]
    return [
        *sorted((package / "ui").rglob("*.py")),
        package / "app.py",
        *sorted((package / "workers").rglob("*.py")),
        *sorted((package / "core").rglob("*.py")),
    ]


def qt_tool(name: str) -> Path | None:
    """A Qt tool (lrelease, lupdate) from the PySide6 wheel, else from PATH; None if absent.

    The wheel's `pyside6-<tool>` wrappers are avoided: they need PySide6/__init__.py, which
    some installs lack, and cost a Python start-up.
    """
    exe = f"{name}.exe" if sys.platform == "win32" else name
    beside = Path(QtCore.__file__).resolve().parent
    for candidate in (beside / exe, beside / "Qt" / "bin" / exe):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    for command in (f"pyside6-{name}", name, f"{name}-qt6", f"{name}6"):
        found = shutil.which(command)
        if found:
            return Path(found)
    return None


def compile_ts(ts: Path, qm: Path, lrelease: Path | None = None) -> None:
    """Compile one `.ts` into `qm`; raises RuntimeError (tool missing or failing) or OSError.

    Written beside `qm` and renamed over it: a running window's QTranslator maps the `.qm` it
    loaded, and lrelease writing into that very file changed its texts under it (they fell
    back to English mid-session). On Windows a mapped `.qm` cannot be replaced: OSError, and
    the caller keeps the old one."""
    tool = lrelease or qt_tool("lrelease")
    if tool is None:
        raise RuntimeError("lrelease not found (it ships with PySide6-Essentials)")
    qm.parent.mkdir(parents=True, exist_ok=True)
    part = qm.with_name(f".{qm.name}.{os.getpid()}.part")
    try:
        done = subprocess.run(
            [str(tool), "-silent", str(ts), "-qm", str(part)],
            capture_output=True,
            text=True,
            timeout=TOOL_TIMEOUT_S,
            check=False,
        )
        if done.returncode != 0 or not part.is_file():
            output = (done.stderr or done.stdout).strip()
            raise RuntimeError(f"lrelease failed on {ts.name}: {output}")
        os.replace(part, qm)
    finally:
        part.unlink(missing_ok=True)


def is_stale(ts: Path, qm: Path) -> bool:
    return not qm.is_file() or qm.stat().st_mtime < ts.stat().st_mtime


def ensure_compiled(
    folder: Path | None = None, languages: tuple[str, ...] = TRANSLATED + PLURALS_ONLY
) -> None:
    """Compile each `.ts` whose `.qm` is missing or older, beside it; failures are logged.

    A frozen bundle ships compiled `.qm` files and no lrelease, so it is left alone. A stale
    `.qm` that cannot be rebuilt is still used: slightly old Chinese beats English.
    """
    if getattr(sys, "frozen", False):
        return
    folder = folder or translations_dir()
    for language in languages:
        ts = ts_file(language, folder)
        qm = ts.with_suffix(".qm")
        if not ts.is_file() or not is_stale(ts, qm):
            continue
        try:
            compile_ts(ts, qm)
            log.info("compiled %s", qm.name)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            log.warning("cannot compile %s: %s", ts.name, exc)


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


def install_translator(
    app: QApplication, setting: str, folder: Path | None = None
) -> list[QTranslator]:
    """Install our translation and Qt's own (dialog buttons); returns them to keep alive."""
    language = resolve_language(setting)
    installed: list[QTranslator] = []
    folder = folder or translations_dir()
    ensure_compiled(folder, (language,))
    ours = QTranslator(app)
    if ours.load(f"studio_{language}", str(folder)):
        app.installTranslator(ours)
        installed.append(ours)
    elif language in PLURALS_ONLY:
        log.warning("no plural forms for %s in %s; counts read '(s)'", language, folder)
    else:
        log.warning("no translation for %s in %s; the UI stays English", language, folder)
    if language == "en":
        return installed  # Qt's own strings are English already
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
