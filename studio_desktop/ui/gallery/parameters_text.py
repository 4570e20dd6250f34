"""An image's parameters as a block of text for the clipboard: the fields History's details
show, one "Name: value" a line, so it reads well pasted into a chat or a note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import GenerationParams


def _tr(text: str) -> str:
    return QCoreApplication.translate("ParametersText", text)


def parameters_text(params: GenerationParams, *, template: str | None = None) -> str:
    """Prompt, negative, model, seed, steps, CFG, sampler, scheduler and size (and the
    template's name, when known)."""
    rows: list[tuple[str, str]] = [
        (_tr("Prompt"), params.prompt),
        (_tr("Negative prompt"), params.negative),
    ]
    if template:
        rows.append((_tr("Template"), template))
    rows.extend(
        [
            (_tr("Model"), params.model or _tr("Server's default model")),
            (_tr("Seed"), str(params.seed)),
            (_tr("Steps"), str(params.steps)),
            (_tr("CFG"), f"{params.cfg:g}"),
            (_tr("Sampler"), params.sampler),
            (_tr("Scheduler"), params.scheduler),
            (_tr("Size"), f"{params.width} × {params.height}"),
        ]
    )
    return "\n".join(f"{name}: {value}" for name, value in rows)
