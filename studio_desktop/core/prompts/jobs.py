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
    else:
        pairs = [(_one(base.prompt, seed, wildcards_dir), seed) for seed in seeds]
    return [
        dataclasses.replace(
            base,
            prompt=prompt,
            negative=_one(base.negative, seed, wildcards_dir),
            seed=seed,
            extra=extra,
        )
        for prompt, seed in pairs
    ]


def dynamic_source(params: GenerationParams) -> Mapping[str, Any] | None:
    """The texts a job's prompts were expanded from (None: typed as they ran)."""
    source = params.extra.get(DYNAMIC_KEY)
    return source if isinstance(source, Mapping) else None


def _one(text: str, seed: int, wildcards_dir: Path | None) -> str:
    return expand(text, seed=seed, wildcards_dir=wildcards_dir)[0] if is_dynamic(text) else text
