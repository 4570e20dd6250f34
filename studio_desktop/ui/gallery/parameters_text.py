"""An image's parameters as a block of text for the clipboard: the fields History's details
show, one "Name: value" a line, so it reads well pasted into a chat or a note."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.workflows.defaults import default_model_words
from studio_desktop.ui.graph_option_texts import graph_option_rows
from studio_desktop.ui.texts import show_text


def parameters_text(
    params: GenerationParams, *, template: str | None = None, model_used: str | None = None
) -> str:
    """Prompt, negative, model, seed, steps, CFG, sampler, scheduler and size (and the
    template's name, when known), then the LoRAs, VAE, CLIP skip and hires pass it used.
    `model_used`: the file the server's default model became."""
    rows: list[tuple[str, str]] = [
        (QCoreApplication.translate("ParametersText", "Prompt"), params.prompt),
        (QCoreApplication.translate("ParametersText", "Negative prompt"), params.negative),
    ]
    if template:
        rows.append((QCoreApplication.translate("ParametersText", "Template"), template))
    rows.extend(
        [
            (
                QCoreApplication.translate("ParametersText", "Model"),
                params.model or show_text(default_model_words(model_used)),
            ),
            (QCoreApplication.translate("ParametersText", "Seed"), str(params.seed)),
            (QCoreApplication.translate("ParametersText", "Steps"), str(params.steps)),
            (QCoreApplication.translate("ParametersText", "CFG"), f"{params.cfg:g}"),
            (QCoreApplication.translate("ParametersText", "Sampler"), params.sampler),
            (QCoreApplication.translate("ParametersText", "Scheduler"), params.scheduler),
            (
                QCoreApplication.translate("ParametersText", "Size"),
                f"{params.width} × {params.height}",
            ),
        ]
    )
    rows.extend((row.name, row.text) for row in graph_option_rows(params))
    return "\n".join(f"{name}: {value}" for name, value in rows)
