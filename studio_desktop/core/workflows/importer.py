"""Import a ComfyUI workflow file (API format, or UI format converted) as a user template.

`read_workflow` checks the file, `detect_slots` proposes slots, the user confirms or renames them
(`DetectedSlots.renamed`), `build_template` makes the template document and `save_template`
writes it atomically. `import_workflow` does all of it with the proposed slots as they are.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = [
    "MAX_NESTING",
    "MAX_WORKFLOW_BYTES",
    "build_template",
    "check_workflow",
    "default_name",
    "free_id",
    "import_workflow",
    "read_workflow",
    "save_as_template",
    "save_template",
    "slugify",
]

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.library.files import atomic_write_bytes
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message
from studio_desktop.core.paths import resources_dir
from studio_desktop.core.workflows.detect import DetectedSlots, detect_slots
from studio_desktop.core.workflows.nesting import MAX_NESTING, nesting_message, too_deep
from studio_desktop.core.workflows.sources import MAX_WORKFLOW_BYTES, load_workflow_source
from studio_desktop.core.workflows.template import (
    TEMPLATE_FORMAT,
    Template,
    TemplateError,
    load_template,
    parse_template,
)
from studio_desktop.core.workflows.ui_format import (
    EXPORT_HELP,
    NEEDS_SERVER,
    convert_ui,
    is_ui_format,
)
from studio_desktop.core.workflows.validate import IssueKind, check_structure, validate_graph


def read_workflow(path: Path, object_info: ObjectInfo | None = None) -> dict[str, Any]:
    """The API-format graph in `path` (a JSON file, or the `prompt`/`workflow` metadata of a
    picture, video or audio file: sources.py); TemplateError with one clear message when
    unusable."""
    source = load_workflow_source(path)
    return check_workflow(source.data, source.what, object_info)


def check_workflow(data: Any, what: str, object_info: ObjectInfo | None = None) -> dict[str, Any]:
    """`data` as an API-format graph, or TemplateError naming the first thing that is wrong.

    Besides a bare graph it takes what ComfyUI hands out around one: a POST /prompt body, a
    /history answer with one entry, one history entry, or an entry's `prompt` list.
    """
    if too_deep(data):
        raise TemplateError(nesting_message(what))
    if is_ui_format(data):
        if object_info is None:
            raise TemplateError(
                message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{what}: {help}"),
                    what=what,
                    help=message(NEEDS_SERVER, help=message(EXPORT_HELP)),
                )
            )
        # A UI-format file (ComfyUI's Save) is converted the way ComfyUI's own front end does;
        # a ConversionError (a TemplateError) names the node and why.
        data = convert_ui(data, object_info, what)
    data = _graph_inside(data, what)
    if not isinstance(data, Mapping):
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{what} is not a ComfyUI API-format workflow (expected an object).",
                ),
                what=what,
            )
        )
    if not data:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "{what} is an empty workflow: it has no nodes."),
                what=what,
            )
        )
    issues = check_structure(data)
    if object_info is not None and not issues:
        issues = [
            i for i in validate_graph(data, object_info) if i.kind is IssueKind.MISSING_NODE_CLASS
        ]
    if issues:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "{what}: {problem}"),
                what=what,
                problem=issues[0].text,
            )
        )
    return {str(k): v for k, v in data.items()}


def _graph_inside(data: Any, what: str) -> Any:
    """The graph in a /prompt body or a /history answer, entry or `prompt` list; else `data`."""
    if _is_prompt_list(data):
        return data[2]
    if not isinstance(data, Mapping) or "class_type" in data:
        return data
    prompt: Any = data.get("prompt")
    if isinstance(prompt, Mapping):  # a saved POST /prompt body
        return prompt
    if _is_prompt_list(prompt):  # one history entry
        return prompt[2]
    # A whole /history answer: prompt id -> entry. Every value must be an entry, so a graph
    # (node id -> node) is never taken for one.
    entries = [
        v for v in data.values() if isinstance(v, Mapping) and _is_prompt_list(v.get("prompt"))
    ]
    if not entries or len(entries) != len(data):
        return data
    if len(entries) > 1:
        raise TemplateError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{what} is a ComfyUI history of {count} prompts, and a template is made of "
                    "one: ask ComfyUI for the one you want (/history/<prompt id>) and import "
                    "that.",
                ),
                what=what,
                count=len(entries),
            )
        )
    return entries[0]["prompt"][2]


def _is_prompt_list(value: Any) -> bool:
    """ComfyUI's queue/history item: [number, prompt id, graph, extra data, outputs]."""
    return (
        isinstance(value, list)
        and len(value) >= 3
        and isinstance(value[0], int | float)
        and not isinstance(value[0], bool)
        and isinstance(value[1], str)
        and isinstance(value[2], Mapping)
    )


def build_template(
    graph: Mapping[str, Any],
    slots: DetectedSlots,
    name: str,
    *,
    template_id: str | None = None,
    description: str = "",
) -> dict[str, Any]:
    """The template document (format 1) for `graph` with the confirmed `slots`."""
    ids = sorted({str(n["class_type"]) for n in graph.values() if isinstance(n, Mapping)})
    document: dict[str, Any] = {
        "format": TEMPLATE_FORMAT,
        "id": template_id or slugify(name),
        "name": name,
        "description": description or "Imported from a ComfyUI workflow.",
        "requires": {"nodes": ids},
        "slots": {
            slot: [{"node": t.node, "input": t.input} for t in targets]
            for slot, targets in slots.slots.items()
        },
        "images": [
            {
                "name": image.name,
                "label": image.label,
                "node": image.node,
                "input": image.input,
                "required": image.required,
                "mask_from_alpha": image.mask_from_alpha,
            }
            for image in slots.images
        ],
        "graph": dict(graph),
    }
    parse_template(document)  # the same checks a later load does: fail now, not at startup
    return document


def save_template(document: Mapping[str, Any], user_dir: Path) -> Template:
    """Write the document as `<id>.json` in `user_dir` (atomically) and load it back."""
    path = user_dir / f"{document['id']}.json"
    data = json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise TemplateError(f"Cannot save the template to {path}: {exc.strerror or exc}.") from exc
    return load_template(path)


def save_as_template(
    graph: Mapping[str, Any], slots: DetectedSlots, name: str, user_dir: Path
) -> Template:
    """The one way an imported workflow becomes a template, for the import dialog and the CLI
    alike: built, given an id no other template has, written atomically into `user_dir`."""
    user_dir.mkdir(parents=True, exist_ok=True)
    document = build_template(graph, slots, name, template_id=free_id(slugify(name), user_dir))
    return save_template(document, user_dir)


def import_workflow(
    path: Path,
    user_dir: Path,
    *,
    name: str | None = None,
    object_info: ObjectInfo | None = None,
) -> Template:
    """Read, detect, build and save in one go, with the slots detection proposes (what the
    import dialog saves when the user changes nothing)."""
    graph = read_workflow(path, object_info)
    title = (name or "").strip() or default_name(path)
    return save_as_template(graph, detect_slots(graph, object_info), title, user_dir)


def default_name(path: Path) -> str:
    """A readable template name from a file name: "sdxl_refiner-v2" → "Sdxl refiner v2"."""
    words = re.sub(r"[_\-.]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) or "Imported workflow"


def slugify(name: str) -> str:
    """A file-safe template id from a display name (non-Latin names keep their letters)."""
    text = unicodedata.normalize("NFKC", name).strip().lower()
    text = re.sub(r"[^\w-]+", "-", text, flags=re.UNICODE).strip("-_")
    return text[:60] or "workflow"


def free_id(base: str, user_dir: Path) -> str:
    """`base`, or `base-2`, `base-3`... so neither a built-in nor a user template is replaced."""
    builtin = resources_dir() / "templates"
    candidate, number = base, 1
    while (user_dir / f"{candidate}.json").exists() or (builtin / f"{candidate}.json").exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
