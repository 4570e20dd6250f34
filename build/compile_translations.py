"""Compile the UI translations (.ts → .qm) for a build, or refresh the .ts files from the code.

    python build/compile_translations.py [--dest DIR]   # compile; DIR defaults to beside the .ts
    python build/compile_translations.py --update       # lupdate: add new strings to the .ts

studio_en.ts holds only the plural forms of English (lupdate -pluralonly): `--update` fills the
new ones from the source's "(s)" ("%n image(s)": "%n image" / "%n images"); check them there.

The packaging build calls `compile_all(dest_dir)`. A failure raises: a bundle must not ship
without its translations. After `--update`, translate the new (unfinished) messages with Qt
Linguist or a text editor; tests/unit/test_translations.py fails until every one is done.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from a checkout that is not pip-installed
    sys.path.insert(0, str(ROOT))

from studio_desktop.ui.translations import (  # noqa: E402
    PLURALS_ONLY,
    TOOL_TIMEOUT_S,
    TRANSLATED,
    compile_ts,
    qt_tool,
    source_files,
    translations_dir,
    ts_file,
)


def compile_all(dest_dir: Path | None = None) -> list[Path]:
    """Compile every studio_*.ts into `dest_dir` (default: beside them); returns the .qm paths."""
    folder = translations_dir()
    lrelease = qt_tool("lrelease")
    if lrelease is None:
        raise RuntimeError("lrelease not found; install PySide6-Essentials")
    written = []
    for ts in sorted(folder.glob("studio_*.ts")):
        qm = (dest_dir or folder) / ts.with_suffix(".qm").name
        compile_ts(ts, qm, lrelease)
        written.append(qm)
    if not written:
        raise RuntimeError(f"no .ts files in {folder}")
    return written


def update_sources() -> None:
    """Run lupdate over the UI code into every .ts, dropping strings the code no longer has."""
    lupdate = qt_tool("lupdate")
    if lupdate is None:
        raise RuntimeError("lupdate not found; install PySide6-Essentials")
    for language in TRANSLATED + PLURALS_ONLY:
        plurals_only = ["-pluralonly"] if language in PLURALS_ONLY else []
        subprocess.run(
            [
                str(lupdate),
                *map(str, source_files()),
                "-no-obsolete",
                *plurals_only,
                "-locations",
                "relative",
                "-target-language",
                language,
                "-ts",
                str(ts_file(language)),
            ],
            check=True,
            timeout=TOOL_TIMEOUT_S,
        )
        if plurals_only:
            fill_english_plurals(ts_file(language))


def english_forms(source: str) -> tuple[str, str]:
    """(singular, plural) of an English source with "(s)": "%n image(s)" gives "%n image" and
    "%n images"; a verb after it agrees ("%n more problem(s) are ..." : "is")."""
    singular = source.replace("(s) are ", " is ").replace("(s) were ", " was ")
    singular = singular.replace("(s)", "")
    return singular, source.replace("(s)", "s")


def fill_english_plurals(ts: Path) -> int:
    """Fill the unfinished plural forms of an English .ts from their sources; returns how many.
    Finished ones (checked or corrected by hand) are left as they are."""
    tree = ElementTree.parse(ts)
    filled = 0
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        source = message.findtext("source")
        if message.get("numerus") != "yes" or translation is None or source is None:
            continue
        if translation.get("type") != "unfinished":
            continue
        forms = translation.findall("numerusform")
        if len(forms) != 2:
            continue
        forms[0].text, forms[1].text = english_forms(source)
        del translation.attrib["type"]
        filled += 1
    body = ElementTree.tostring(tree.getroot(), encoding="unicode")
    ts.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n', "utf-8")
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Compile or update the UI translations.")
    parser.add_argument("--dest", type=Path, help="folder for the .qm files")
    parser.add_argument("--update", action="store_true", help="refresh the .ts files (lupdate)")
    args = parser.parse_args(argv)
    if args.update:
        update_sources()
        return 0
    for qm in compile_all(args.dest):
        print(qm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
