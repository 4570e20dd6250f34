"""Binding: a template plus a job's parameters gives the graph we submit."""

from __future__ import annotations

import pickle
from collections.abc import Mapping
from typing import Any

from studio_desktop.core.jobs import GenerationParams, not_finite
from studio_desktop.core.workflows.graph_options import apply_graph_options
from studio_desktop.core.workflows.template import Template, TemplateError


def param_values(params: GenerationParams, job_id: str) -> dict[str, Any]:
    """The value each named slot receives."""
    return {
        "prompt": params.prompt,
        "negative": params.negative,
        "seed": int(params.seed),
        "steps": int(params.steps),
        "cfg": float(params.cfg),
        "sampler": params.sampler,
        "scheduler": params.scheduler,
        "model": params.model,
        "width": int(params.width),
        "height": int(params.height),
        "batch_size": int(params.batch_size),
        "denoise": float(params.denoise),
        # One folder per app on the server, one name per job: outputs are easy to find there.
        "filename_prefix": f"studio/{job_id}",
        **dict(params.extra),
    }


def _deep_copy(graph: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the graph that shares nothing with it, as copy.deepcopy makes: through pickle,
    whose C code copies a graph's plain data (dicts, lists, strings, numbers) in a quarter of
    deepcopy's time and without its Python call per value (a hundred calls per job)."""
    copied: dict[str, Any] = pickle.loads(pickle.dumps(dict(graph), pickle.HIGHEST_PROTOCOL))
    return copied


def bind(
    template: Template,
    params: GenerationParams,
    *,
    job_id: str,
    uploaded: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """A new API-format graph with the parameters and uploaded image names filled in.

    `uploaded` maps an image slot name to the name the server gave the uploaded file.
    The template's own graph is not modified.
    """
    graph = _deep_copy(template.graph)
    values = param_values(params, job_id)
    # New jobs refuse these when they are made; this stops a job stored before that check,
    # whose graph no request could carry.
    bad = not_finite(values)
    if bad:
        which = ", ".join(f"{name} is {value}" for name, value in bad.items())
        raise TemplateError(f"The job cannot be sent: {which}, not a number ComfyUI can take.")
    for name, targets in template.slots.items():
        if name not in values:
            continue
        value = values[name]
        if name == "model" and not value:
            continue  # keep the template's own model when the user picked none
        for target in targets:
            graph[target.node]["inputs"][target.input] = value

    uploaded = uploaded or {}
    for slot in template.images:
        server_name = uploaded.get(slot.name)
        if server_name is None:
            if slot.required:
                raise TemplateError(f"The image '{slot.label}' is required by this template.")
            continue
        graph[slot.node]["inputs"][slot.input] = server_name
    # After the slots: the second pass copies the bound sampler's seed, steps and settings.
    return apply_graph_options(graph, params, batch_slot=template.has_slot("batch_size"))
