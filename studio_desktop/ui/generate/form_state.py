"""What the Generate form saves between runs (settings.last_form), as JSON-able data.

Reading is forgiving: the settings file may be old or hand-edited, so a missing or malformed
entry reads as None (the form keeps its current value there) rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard


@dataclass(frozen=True)
class FormState:
    """`params` is a GenerationParams dict; `lists` maps "checkpoints", "samplers" and
    "schedulers" to the names the combos offered; `templates` maps a template id to the values
    it had when the user last left it (`template_values.own_values`)."""

    template: str | None = None
    params: Mapping[str, Any] | None = None
    seed_locked: bool = False
    batch_count: int | None = None
    aspect_lock: bool = False
    images: Mapping[str, str] | None = None  # slot name -> rel path
    lists: Mapping[str, Sequence[str]] = field(default_factory=dict)
    templates: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "template": self.template,
            "params": self.params,
            "seed_locked": self.seed_locked,
            "batch_count": self.batch_count,
            "aspect_lock": self.aspect_lock,
            "images": self.images,
            "lists": self.lists,
            "templates": {k: dict(v) for k, v in self.templates.items()},
        }

    @classmethod
    def from_dict(cls, state: Mapping[str, Any]) -> FormState:
        template, params = state.get("template"), state.get("params")
        count, images, lists = state.get("batch_count"), state.get("images"), state.get("lists")
        templates = state.get("templates")
        return cls(
            template=template if isinstance(template, str) else None,
            params=params if isinstance(params, Mapping) else None,
            seed_locked=bool(state.get("seed_locked", False)),
            batch_count=count if isinstance(count, int) else None,
            aspect_lock=bool(state.get("aspect_lock", False)),
            images=(
                {str(k): str(v) for k, v in images.items() if isinstance(v, str)}
                if isinstance(images, Mapping)
                else None
            ),
            lists=(
                {k: v for k, v in lists.items() if isinstance(k, str) and _is_names(v)}
                if isinstance(lists, Mapping)
                else {}
            ),
            templates=(
                {
                    k: v
                    for k, v in templates.items()
                    if isinstance(k, str) and isinstance(v, Mapping)
                }
                if isinstance(templates, Mapping)
                else {}
            ),
        )


def _is_names(value: object) -> TypeGuard[Sequence[str]]:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and all(isinstance(v, str) for v in value)
    )
