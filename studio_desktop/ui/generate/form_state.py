"""What the Generate form saves between runs (settings.last_form), as JSON-able data.

Reading is forgiving: the settings file may be old or hand-edited, so a missing or malformed
entry reads as None (the form keeps its current value there) rather than failing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeGuard


@dataclass(frozen=True)
class SweepState:
    """The X/Y/Z sweep section: ticked or not, and each row's field ("" for Off) and values as
    typed (kept while the sweep is off, as the rows keep them on screen)."""

    on: bool
    rows: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"on": self.on, "rows": [{"field": f, "values": v} for f, v in self.rows]}

    @classmethod
    def from_dict(cls, data: object) -> SweepState | None:
        """None for anything `to_dict` did not write (the rows then stay as they are)."""
        if not isinstance(data, Mapping) or not isinstance(data.get("on"), bool):
            return None
        raw = data.get("rows")
        if not isinstance(raw, Sequence) or isinstance(raw, str):
            return None
        rows: list[tuple[str, str]] = []
        for row in raw:
            if not isinstance(row, Mapping):
                return None
            name, values = row.get("field"), row.get("values")
            if not isinstance(name, str) or not isinstance(values, str):
                return None
            rows.append((name, values))
        return cls(on=data["on"], rows=tuple(rows))


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
    sweep: SweepState | None = None

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
            "sweep": self.sweep.to_dict() if self.sweep is not None else None,
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
            sweep=SweepState.from_dict(state.get("sweep")),
        )


def _is_names(value: object) -> TypeGuard[Sequence[str]]:
    return (
        isinstance(value, Sequence)
        and not isinstance(value, str)
        and all(isinstance(v, str) for v in value)
    )
