"""Which values belong to the template and which travel with the user when templates switch.

The rule, as the user sees it:

- What you write and choose for the picture travels from template to template: the prompt, the
  negative prompt, the seed, the checkpoint model and the batch count.
- How a template renders belongs to that template: size, steps, CFG, sampler, scheduler,
  denoise and the template's own settings (frames, upscale model, ...). A template picked for the
  first time starts from its preferred values (`Template.defaults`) and the standard values for
  the rest (512x512, 20 steps, CFG 7, euler/normal, denoise 1.0); a template you come back to has
  the values you left it with, also after a restart (saved with the form).

So the video template's 832x480 / uni_pc / 30 steps never reach Text to image, and a value you
changed is never lost by looking at another template.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows import Template

# GenerationParams fields that belong to the template (the rest travel with the user).
TEMPLATE_FIELDS: Final = ("width", "height", "steps", "cfg", "sampler", "scheduler", "denoise")
EXTRA: Final = "extra"  # the template's own settings, by slot name


def own_values(params: GenerationParams, settings: Mapping[str, Any]) -> dict[str, Any]:
    """What the template being left keeps: its rendering fields and its own settings."""
    data = params.to_dict()
    values = {name: data[name] for name in TEMPLATE_FIELDS}
    values[EXTRA] = dict(settings)
    return values


def starting_values(template: Template) -> dict[str, Any]:
    """What a template starts with the first time it is picked."""
    standard = GenerationParams(prompt="").to_dict()
    values = {name: standard[name] for name in TEMPLATE_FIELDS}
    values.update({k: v for k, v in template.defaults.items() if k in TEMPLATE_FIELDS})
    known = set(standard)
    values[EXTRA] = {k: v for k, v in template.defaults.items() if k not in known}
    return values


def merged(current: GenerationParams, values: Mapping[str, Any]) -> dict[str, Any]:
    """`current` (the user's values) with a template's own `values` put in: a GenerationParams
    dict. Unknown or malformed entries (a hand-edited settings file) are left out."""
    data = current.to_dict()
    data.update({k: v for k, v in values.items() if k in TEMPLATE_FIELDS})
    extra = values.get(EXTRA)
    if isinstance(extra, Mapping):
        data[EXTRA] = {**data.get(EXTRA, {}), **extra}
    return data
