"""Every user-visible string is translated into both Chinese variants, and stays usable there.

When a test here fails after you added or changed a UI string: run
`python build/compile_translations.py --update`, then translate the messages it marks
unfinished in resources/translations/studio_zh_CN.ts and studio_zh_TW.ts.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import re
import subprocess
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

from studio_desktop.ui import translations
from studio_desktop.ui.translations import (
    TRANSLATED,
    compile_ts,
    ensure_compiled,
    qt_tool,
    source_files,
    ts_file,
)

ROOT = Path(__file__).resolve().parents[2]
TR_CALLS = {"tr": 0, "translate": 1, "QT_TR_NOOP": 0, "QT_TRANSLATE_NOOP": 1}
FIELD = re.compile(r"\{[^{}]*\}")  # str.format fields, with their format specs
QT_ARG = re.compile(r"%(?:n|L?\d)")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
ACCELERATOR = re.compile(r"&([^&\s])")


@dataclass(frozen=True)
class Key:
    context: str
    source: str
    comment: str
    numerus: bool

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def _messages(path: Path) -> dict[Key, ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            key = Key(
                name,
                message.findtext("source") or "",
                message.findtext("comment") or "",
                message.get("numerus") == "yes",
            )
            found[key] = message
    return found


def _texts(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    if translation is None:
        return []
    forms = translation.findall("numerusform")
    return [form.text or "" for form in forms] if forms else [translation.text or ""]


@pytest.fixture(scope="module")
def in_code(tmp_path_factory: pytest.TempPathFactory) -> set[Key]:
    """What lupdate finds in the code right now."""
    lupdate = qt_tool("lupdate")
    assert lupdate is not None, "lupdate not found; it ships with PySide6-Essentials"
    out = tmp_path_factory.mktemp("lupdate") / "current.ts"
    sources = [str(p) for p in source_files()]
    subprocess.run(
        [str(lupdate), "-silent", "-locations", "none", *sources, "-ts", str(out)],
        check=True,
        timeout=60,
    )
    keys = set(_messages(out))
    assert len(keys) > 100, "lupdate found almost nothing: is it reading the Python files?"
    return keys


@pytest.fixture(scope="module", params=TRANSLATED)
def committed(request: pytest.FixtureRequest) -> tuple[str, dict[Key, ET.Element]]:
    language = str(request.param)
    path = ts_file(language)
    assert path.is_file(), f"{path} is missing"
    root = ET.parse(path).getroot()
    assert root.get("language") == language
    return language, _messages(path)


def test_every_string_in_the_code_is_translated(
    in_code: set[Key], committed: tuple[str, dict[Key, ET.Element]]
) -> None:
    language, messages = committed
    problems = []
    for key in sorted(in_code, key=str):
        message = messages.get(key)
        if message is None:
            problems.append(f"not in the .ts: {key}")
            continue
        kind = message.find("translation")
        state = None if kind is None else kind.get("type")
        texts = _texts(message)
        if state in ("unfinished", "obsolete", "vanished") or not all(t.strip() for t in texts):
            problems.append(f"{state or 'empty'}: {key}")
    assert not problems, (
        f"{len(problems)} untranslated {language} messages (run "
        "`python build/compile_translations.py --update`, then translate them):\n"
        + "\n".join(problems)
    )


def test_every_translation_call_is_visible_to_lupdate() -> None:
    """lupdate reads literals only: `tr(variable)` or `window.tr(...)` would escape the check
    above (and `other.tr` would be looked up under the wrong context at run time).
    ui/texts.py is the one exception: it translates the core's messages, whose literals lupdate
    finds where the core marks them (QT_TRANSLATE_NOOP, checked here like any other call)."""
    problems = []
    for path in source_files():
        if path == ROOT / "studio_desktop" / "ui" / "texts.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name not in TR_CALLS:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:90]}"
            index = TR_CALLS[name]
            arg = node.args[index] if len(node.args) > index else None
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                problems.append(f"not a literal: {where}")
            if (
                name == "tr"
                and isinstance(func, ast.Attribute)
                and not (isinstance(func.value, ast.Name) and func.value.id == "self")
            ):
                problems.append(f"tr on another object: {where}")
    assert not problems, "\n".join(problems)


def _shape(text: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    return Counter(FIELD.findall(text)), Counter(QT_ARG.findall(text)), Counter(TAG.findall(text))


def test_placeholders_tags_and_accelerators_survive(
    committed: tuple[str, dict[Key, ET.Element]],
) -> None:
    language, messages = committed
    problems = []
    for key, message in messages.items():
        for text in _texts(message):
            if not text:
                continue
            if _shape(text) != _shape(key.source):
                problems.append(f"placeholders or tags differ: {key} -> {text!r}")
            wanted = [c.lower() for c in ACCELERATOR.findall(key.source)]
            got = [c.lower() for c in ACCELERATOR.findall(text)]
            if wanted != got:
                problems.append(f"accelerator {wanted} became {got}: {key} -> {text!r}")
            if key.numerus and "%n" not in text:
                problems.append(f"plural form without %n: {key} -> {text!r}")
    assert not problems, f"{language}:\n" + "\n".join(problems)


def test_chinese_plurals_have_one_form(committed: tuple[str, dict[Key, ET.Element]]) -> None:
    _, messages = committed
    plural = {key: _texts(m) for key, m in messages.items() if key.numerus}
    assert plural, "expected %n messages"
    assert all(len(forms) == 1 for forms in plural.values()), plural


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "compile_translations", ROOT / "build" / "compile_translations.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_build_compiles_both_languages_into_working_qm_files(tmp_path: Path) -> None:
    written = _build_script().compile_all(tmp_path)
    # English holds only the plural forms ("%n image(s)": "1 image", "2 images").
    assert sorted(p.name for p in written) == ["studio_en.qm", "studio_zh_CN.qm", "studio_zh_TW.qm"]
    expected = {
        "zh_CN": ("文件(&F)", "已选择 %n 张"),
        "zh_TW": ("檔案(&F)", "已選取 %n 張"),
    }
    for language, (menu, plural) in expected.items():
        translator = QTranslator()
        assert translator.load(str(tmp_path / f"studio_{language}.qm"))
        assert translator.translate("MainWindow", "&File") == menu
        assert translator.translate("GalleryTab", "%n selected", "", 3) == plural


def test_runtime_compiles_missing_or_stale_qm_files(tmp_path: Path) -> None:
    ts = tmp_path / "studio_zh_TW.ts"
    ts.write_bytes(ts_file("zh_TW").read_bytes())
    qm = tmp_path / "studio_zh_TW.qm"
    ensure_compiled(tmp_path, ("zh_TW", "zh_CN"))  # zh_CN has no .ts here: skipped
    assert qm.is_file() and not (tmp_path / "studio_zh_CN.qm").exists()

    qm.write_bytes(b"stale")
    ensure_compiled(tmp_path, ("zh_TW",))
    assert qm.read_bytes() == b"stale", "an up-to-date .qm is left alone"

    old = ts.stat().st_mtime - 60
    os.utime(qm, (old, old))
    ensure_compiled(tmp_path, ("zh_TW",))
    assert qm.read_bytes() != b"stale", "a .qm older than its .ts is rebuilt"


def test_recompiling_leaves_a_running_windows_chinese_alone(tmp_path: Path) -> None:
    """Seen by trying the app: the queue panel read "0 waiting · 0 sampling" and "Pause" in
    English halfway through a Chinese session, after the .qm was compiled again (a source
    checkout updated while the window ran, then another start). Qt maps the .qm it loaded, and
    lrelease rewrote that very file. Now the new .qm is written beside it and renamed over it:
    the running window keeps its file; the next start reads the new one."""
    ts = tmp_path / "studio_zh_CN.ts"
    ts.write_bytes(ts_file("zh_CN").read_bytes())
    qm = tmp_path / "studio_zh_CN.qm"
    ensure_compiled(tmp_path, ("zh_CN",))
    running = QTranslator()
    assert running.load(str(qm))
    assert running.translate("MainWindow", "&File") == "文件(&F)"

    # The checkout is updated: the same source with another translation, and newer.
    ts.write_text(ts_file("zh_TW").read_text(encoding="utf-8"), encoding="utf-8")
    newer = qm.stat().st_mtime + 60
    os.utime(ts, (newer, newer))
    ensure_compiled(tmp_path, ("zh_CN",))

    assert running.translate("MainWindow", "&File") == "文件(&F)"
    started = QTranslator()
    assert started.load(str(qm))
    assert started.translate("MainWindow", "&File") == "檔案(&F)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["studio_zh_CN.qm", "studio_zh_CN.ts"]


def test_runtime_without_lrelease_logs_and_keeps_going(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "studio_zh_CN.ts").write_bytes(ts_file("zh_CN").read_bytes())
    monkeypatch.setattr(translations, "qt_tool", lambda name: None)
    ensure_compiled(tmp_path, ("zh_CN",))
    assert not (tmp_path / "studio_zh_CN.qm").exists()
    assert "lrelease not found" in caplog.text
    with pytest.raises(RuntimeError):
        compile_ts(tmp_path / "studio_zh_CN.ts", tmp_path / "x.qm")
