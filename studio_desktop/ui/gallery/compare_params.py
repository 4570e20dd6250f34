"""The parameters of two images side by side, with the ones that differ marked.

Every field of `GenerationParams` is listed, including ones added later (LoRAs, hires fix...),
so a new option shows up in Compare without a change here; `extra` (template-specific values)
is spread into one row per key, and the dynamic prompt a job was picked from into its texts as
typed and its mode (dynamic_prompt_texts). The graph options (LoRAs, VAE, CLIP skip, hires
pass) are in words, and only where used: a side without one reads empty, not "null" or "[]".
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, fields
from typing import Any, Final

from studio_desktop.core.jobs import GenerationParams, ImageRecord, Job
from studio_desktop.core.prompts.jobs import DYNAMIC_KEY
from studio_desktop.ui.dynamic_prompt_texts import dynamic_rows
from studio_desktop.ui.graph_option_texts import graph_option_rows

# The order the rows appear in; fields not named here follow in their declared order.
FIRST: Final = (
    "prompt",
    "negative",
    "template",
    "model",
    "sampler",
    "scheduler",
    "steps",
    "cfg",
    "seed",
    "denoise",
    "size",
)
# Shown as "size" / one row per key / in words (graph_option_texts), only when used.
SKIPPED: Final = frozenset({"width", "height", "extra", "loras", "vae", "clip_skip", "hires"})


@dataclass(frozen=True)
class ParamRow:
    key: str
    first: str | None  # None: that side's parameters are not known (an input file)
    second: str | None
    differs: bool


def value_text(value: Any) -> str:
    """One value as the panel shows it: numbers without trailing zeros, lists and mappings as
    compact JSON (a LoRA stack reads `[{"name": ..., "strength": 0.8}]`)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, str | int):
        return str(value)
    try:
        return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, default=str)
    except (TypeError, ValueError):
        return str(value)


def _plain(value: Any) -> Any:
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def describe(
    params: GenerationParams | None,
    job: Job | None,
    record: ImageRecord | None = None,
    template_name: Any = str,
) -> dict[str, str] | None:
    """The "name → text" of one image: its parameters, template, server and size. None when
    nothing is known (a file that is not a job's output)."""
    if params is None and job is None:
        return None
    values: dict[str, str] = {}
    if job is not None:
        values["template"] = str(template_name(job.template))
        if job.server:
            values["server"] = job.server
    if params is not None:
        for f in fields(params):
            if f.name not in SKIPPED:
                values[f.name] = value_text(getattr(params, f.name))
        for key, value in sorted(params.extra.items()):
            if key == DYNAMIC_KEY and isinstance(value, Mapping):
                values.update((row.key, row.text) for row in dynamic_rows(value))
            else:
                values[f"extra.{key}"] = value_text(value)
        values.update((row.key, row.text) for row in graph_option_rows(params))
        values["size"] = f"{params.width} × {params.height}"
    if record is not None and record.width:
        values["size"] = f"{record.width} × {record.height}"
    order = {key: n for n, key in enumerate(FIRST)}
    return dict(sorted(values.items(), key=lambda kv: order.get(kv[0], len(FIRST))))


def compare_rows(
    first: Mapping[str, str] | None, second: Mapping[str, str] | None
) -> list[ParamRow]:
    """One row per parameter either side has, in the first side's order. A row differs only
    when both sides are known and their texts are not the same (a parameter one side lacks
    counts as empty there)."""
    keys = list(dict.fromkeys([*(first or {}), *(second or {})]))
    rows: list[ParamRow] = []
    for key in keys:
        a = None if first is None else first.get(key, "")
        b = None if second is None else second.get(key, "")
        rows.append(ParamRow(key, a, b, a is not None and b is not None and a != b))
    return rows
