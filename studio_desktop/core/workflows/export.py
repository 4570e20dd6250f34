"""A job's workflow for export: the API graph that ran and the UI-format workflow ComfyUI opens.

History and Gallery offer both, as a file or on the clipboard. The API graph is `job.workflow`
(recorded when the job was sent), or an output's `prompt` chunk when the job has none. The UI
format is, first, the output's own `workflow` chunk: ComfyUI's saver wrote exactly that into the
file, so an export and the file agree (and a graph the user drew in ComfyUI keeps its layout).
An output without one (a video container that kept no tags, a job with no output yet) gets a
UI-format graph written from the API graph with a server's /object_info (ui_graph/emit.py); with
no /object_info at hand the UI format is refused with a message saying why, and the API format
still works.

Plain Python and file reads: the window runs it in a Tasks pool, never on the GUI thread.
"""

from __future__ import annotations

import enum
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.library.atomic import atomic_write_bytes
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.workflows.sources import metadata_texts
from studio_desktop.core.workflows.template import TemplateError
from studio_desktop.core.workflows.ui_format import is_ui_format
from studio_desktop.core.workflows.ui_graph.emit import api_to_ui

__all__ = [
    "ExportedWorkflow",
    "UiOrigin",
    "WorkflowExportError",
    "WorkflowFormat",
    "export_file_name",
    "export_workflow",
    "write_workflow",
]

log = logging.getLogger("studio.workflows")

NO_GRAPH: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "This job has no workflow yet: it is recorded when the job is sent to a server.",
)
NO_OBJECT_INFO: Final = QT_TRANSLATE_NOOP(
    "CoreMessages",
    "The UI format needs a connected ComfyUI server's node list (its output file carries no "
    "'workflow' to copy). Connect a server and try again, or export the API format.",
)
EMIT_FAILED: Final = QT_TRANSLATE_NOOP(
    "CoreMessages", "Could not write the UI-format workflow: {reason}"
)
_NAME_JUNK: Final = re.compile(r"[^\w\-]+")  # \w is Unicode: a Chinese template name is kept


class WorkflowFormat(enum.StrEnum):
    UI = "ui"  # ComfyUI's Save format: opens by drop, Load or paste in ComfyUI
    API = "api"  # the prompt graph: ComfyUI's "Export (API)", what /prompt takes


class UiOrigin(enum.StrEnum):
    FILE = "file"  # the output's own `workflow` chunk
    EMITTED = "emitted"  # written here from the API graph and /object_info


class WorkflowExportError(ValueError):
    """A format that cannot be exported; `text` says why, translatable."""

    def __init__(self, text: UserMessage) -> None:
        super().__init__(str(text))
        self.text = text


@dataclass(frozen=True)
class ExportedWorkflow:
    """Both formats of one job's workflow, each with the reason when it is missing."""

    api: Mapping[str, Any] | None
    ui: Mapping[str, Any] | None
    ui_origin: UiOrigin | None = None
    api_problem: UserMessage | None = None
    ui_problem: UserMessage | None = None

    def data(self, fmt: WorkflowFormat) -> Mapping[str, Any]:
        """The workflow in `fmt`; WorkflowExportError saying why when there is none."""
        data = self.ui if fmt is WorkflowFormat.UI else self.api
        if data is None:
            problem = self.ui_problem if fmt is WorkflowFormat.UI else self.api_problem
            raise WorkflowExportError(problem or message(NO_GRAPH))
        return data

    def text(self, fmt: WorkflowFormat) -> str:
        """As a ComfyUI-readable JSON file (or clipboard text) holds it."""
        return json.dumps(self.data(fmt), ensure_ascii=False, indent=2) + "\n"


def export_workflow(
    api: Mapping[str, Any] | None,
    *,
    file: Path | None = None,
    info: ObjectInfo | None = None,
) -> ExportedWorkflow:
    """The API graph (`api`: the job's recorded graph) and the UI-format workflow of a job.

    `file` is one of its outputs: its `workflow` chunk is the UI format when present, and its
    `prompt` chunk the API graph when the job recorded none. `info` (a server's /object_info)
    writes the UI format from the API graph when the file offers none.
    """
    texts = _file_texts(file)
    if api is None:
        api = _api_graph(texts.get("prompt"))
    ui = _ui_workflow(texts.get("workflow"))
    if ui is not None:
        return ExportedWorkflow(
            api, ui, UiOrigin.FILE, None if api is not None else message(NO_GRAPH)
        )
    if api is None:
        return ExportedWorkflow(None, None, None, message(NO_GRAPH), message(NO_GRAPH))
    if info is None:
        return ExportedWorkflow(api, None, ui_problem=message(NO_OBJECT_INFO))
    try:
        emitted = api_to_ui(api, info)
    except Exception as exc:  # a graph the emitter cannot draw; the API format still exports
        log.exception("could not write a UI-format workflow for export")
        return ExportedWorkflow(api, None, ui_problem=message(EMIT_FAILED, reason=str(exc)))
    return ExportedWorkflow(api, emitted, UiOrigin.EMITTED)


def export_file_name(template: str | None, job_id: str, fmt: WorkflowFormat) -> str:
    """A default file name: the template's name and the job's short id ("SDXL-1a2b3c4d.json",
    "…-api.json" for the API format, so the two never overwrite each other)."""
    stem = _NAME_JUNK.sub("-", template or "").strip("-")[:60] or "workflow"
    suffix = "-api" if fmt is WorkflowFormat.API else ""
    return f"{stem}-{job_id[:8]}{suffix}.json"


def write_workflow(target: Path, exported: ExportedWorkflow, fmt: WorkflowFormat) -> None:
    """Write `fmt` to `target` atomically; WorkflowExportError or OSError."""
    atomic_write_bytes(target, exported.text(fmt).encode("utf-8"))


def _file_texts(file: Path | None) -> dict[str, str]:
    if file is None:
        return {}
    try:
        return metadata_texts(file)
    except TemplateError as exc:  # gone or unreadable: the job's own graph still exports
        log.info("no workflow metadata read from %s: %s", file, exc)
        return {}


def _parsed(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _api_graph(text: str | None) -> Mapping[str, Any] | None:
    data = _parsed(text)
    if not isinstance(data, Mapping) or not data:
        return None
    nodes = all(isinstance(v, Mapping) and "class_type" in v for v in data.values())
    return data if nodes else None


def _ui_workflow(text: str | None) -> Mapping[str, Any] | None:
    data = _parsed(text)
    return data if is_ui_format(data) else None
