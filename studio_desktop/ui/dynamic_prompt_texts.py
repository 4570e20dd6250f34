"""The dynamic prompt a job was picked from (`core.prompts.jobs.DYNAMIC_KEY` in its extra
values), in words for the places that list a job's parameters: History's details and Compare.
The texts as typed, then how the variations were taken, instead of one row of JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final, NamedTuple

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.prompts.dynamic import Mode

DYNAMIC_KEYS: Final = ("dynamic.prompt", "dynamic.negative", "dynamic.mode")


class DynamicRow(NamedTuple):
    key: str  # one of DYNAMIC_KEYS
    name: str
    text: str


def dynamic_name(key: str) -> str:
    """The name of one of DYNAMIC_KEYS."""
    names = {
        "dynamic.prompt": QCoreApplication.translate("DynamicPromptTexts", "Prompt as typed"),
        "dynamic.negative": QCoreApplication.translate("DynamicPromptTexts", "Negative as typed"),
        "dynamic.mode": QCoreApplication.translate("DynamicPromptTexts", "Variations"),
    }
    return names[key]


def dynamic_rows(source: Mapping[str, Any]) -> list[DynamicRow]:
    """The prompt and negative as typed (left out when empty), and the mode in words."""
    every = source.get("mode") == Mode.COMBINATORIAL.value
    texts = {
        "dynamic.prompt": str(source.get("prompt") or ""),
        "dynamic.negative": str(source.get("negative") or ""),
        "dynamic.mode": (
            QCoreApplication.translate("DynamicPromptTexts", "Every combination")
            if every
            else QCoreApplication.translate("DynamicPromptTexts", "One pick per job")
        ),
    }
    return [DynamicRow(key, dynamic_name(key), texts[key]) for key in DYNAMIC_KEYS if texts[key]]
