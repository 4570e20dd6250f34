"""The parameters of each job a form or `generate` queues from one (maybe dynamic) prompt."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, message
from studio_desktop.core.prompts.dynamic import (
    MAX_COMBINATIONS,
    Mode,
    PromptSyntaxError,
    expand,
    is_dynamic,
)

# Where a job keeps the texts its prompts were expanded from (in `GenerationParams.extra`; no
# template has a slot of that name), so remix puts the template back and, with the job's seed,
# re-expands it to the very prompt that ran.
DYNAMIC_KEY: Final = "dynamic_prompt"


def is_dynamic_params(params: GenerationParams) -> bool:
    return is_dynamic(params.prompt) or is_dynamic(params.negative)


def job_params(
    base: GenerationParams,
    seeds: Sequence[int],
    *,
    mode: Mode = Mode.RANDOM,
    wildcards_dir: Path | None = None,
) -> list[GenerationParams]:
    """One GenerationParams per job, prompts resolved.

    Random: one job per seed, its prompt (and negative) picked with that seed. Combinatorial:
    every combination of the prompt, each with every seed (the same seeds across combinations,
    so they compare); the negative is picked with the job's seed. A prompt with no dynamic
    syntax gives `base` with each seed, unchanged. PromptSyntaxError for a malformed prompt, a
    missing wildcard, or more than MAX_COMBINATIONS jobs.
    """
    if not is_dynamic_params(base):
        return [dataclasses.replace(base, seed=seed) for seed in seeds]
    source = {"prompt": base.prompt, "negative": base.negative, "mode": mode.value}
    extra = {**base.extra, DYNAMIC_KEY: source}
    if mode is Mode.COMBINATORIAL:
        prompts = expand(base.prompt, mode=mode, wildcards_dir=wildcards_dir)
        if len(prompts) * len(seeds) > MAX_COMBINATIONS:
            raise PromptSyntaxError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages",
                        "{combinations} combinations × {jobs} jobs each is more than {limit} jobs.",
                    ),
                    combinations=f"{len(prompts):,}",
                    jobs=len(seeds),
                    limit=f"{MAX_COMBINATIONS:,}",
                )
            )
        pairs = [(prompt, seed) for prompt in prompts for seed in seeds]
        by_seed = dict(zip(seeds, _picks(base.negative, seeds, wildcards_dir), strict=True))
        return [
            dataclasses.replace(base, prompt=p, negative=by_seed[s], seed=s, extra=extra)
            for p, s in pairs
        ]
    prompts = _picks(base.prompt, seeds, wildcards_dir)
    negatives = _picks(base.negative, seeds, wildcards_dir)
    return [
        dataclasses.replace(base, prompt=prompt, negative=negative, seed=seed, extra=extra)
        for prompt, negative, seed in zip(prompts, negatives, seeds, strict=True)
    ]


def cell_params(
    cells: Sequence[GenerationParams], *, wildcards_dir: Path | None = None
) -> list[GenerationParams]:
    """Each sweep cell with its prompts picked with its own seed: `job_params(cell,
    [cell.seed])[0]` for each, but the cells that share their texts are expanded together
    (one parse per text, not per cell: a 1,000-cell sweep of a dynamic prompt took seconds).
    PromptSyntaxError as job_params."""
    out: list[GenerationParams | None] = [None] * len(cells)
    by_text: dict[tuple[str, str], list[int]] = {}
    for index, cell in enumerate(cells):
        by_text.setdefault((cell.prompt, cell.negative), []).append(index)
    for (prompt, negative), indexes in by_text.items():
        if not (is_dynamic(prompt) or is_dynamic(negative)):
            for i in indexes:
                out[i] = cells[i]
            continue
        seeds = [cells[i].seed for i in indexes]
        prompts = _picks(prompt, seeds, wildcards_dir)
        negatives = _picks(negative, seeds, wildcards_dir)
        source = {"prompt": prompt, "negative": negative, "mode": Mode.RANDOM.value}
        for i, p, n in zip(indexes, prompts, negatives, strict=True):
            extra = {**cells[i].extra, DYNAMIC_KEY: source}
            out[i] = dataclasses.replace(cells[i], prompt=p, negative=n, extra=extra)
    return [cell for cell in out if cell is not None]


def dynamic_source(params: GenerationParams) -> Mapping[str, Any] | None:
    """The texts a job's prompts were expanded from (None: typed as they ran)."""
    source = params.extra.get(DYNAMIC_KEY)
    return source if isinstance(source, Mapping) else None


def _picks(text: str, seeds: Sequence[int], wildcards_dir: Path | None) -> list[str]:
    """`text` picked with each seed (one parse); a plain text is itself for each."""
    if not is_dynamic(text):
        return [text] * len(seeds)
    return expand(text, seeds=seeds, wildcards_dir=wildcards_dir)
