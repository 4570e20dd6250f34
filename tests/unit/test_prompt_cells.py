"""Many jobs' dynamic prompts in one parse (`expand(seeds=)`, `job_params`, `cell_params`):
the same prompts, seed for seed, as one job at a time (a 1,000-cell sweep of a dynamic prompt
took seconds; bench.sweep_queue)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.prompts.dynamic import PromptSyntaxError, expand
from studio_desktop.core.prompts.jobs import cell_params, job_params

TEXTS = [
    "a {red|green|blue} fox",
    "{2::a|b|c} {2-3$$x|y|z|w} {__animal__|__sub/col__}",
    "n {a|{b|c}|d} __animal__",
]


@pytest.fixture
def wildcards(tmp_path: Path) -> Path:
    (tmp_path / "animal.txt").write_text("cat\ndog\n{tiny|huge} bird\n# a comment\nfox\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "col.txt").write_text("red\nblue\n__animal__ green\n")
    return tmp_path


@pytest.mark.parametrize("text", TEXTS)
def test_a_list_of_seeds_picks_what_each_seed_picks_alone(text: str, wildcards: Path) -> None:
    seeds = [7, 2**32 - 1, 0, 7, 123456789]
    together = expand(text, seeds=seeds, wildcards_dir=wildcards)
    assert together == [expand(text, seed=s, wildcards_dir=wildcards)[0] for s in seeds]
    assert expand(text, seeds=[], wildcards_dir=wildcards) == []


def test_job_params_is_the_same_whether_the_seeds_come_together_or_alone(
    wildcards: Path,
) -> None:
    base = GenerationParams(TEXTS[1], negative="{ugly|blurry}")
    seeds = list(range(40))
    together = job_params(base, seeds, wildcards_dir=wildcards)
    alone = [job_params(base, [s], wildcards_dir=wildcards)[0] for s in seeds]
    assert together == alone
    assert len({p.prompt for p in together}) > 1


def test_sweep_cells_are_each_picked_with_their_own_seed(wildcards: Path) -> None:
    cells = [
        GenerationParams(text, negative=neg, seed=seed, steps=steps)
        for text in (*TEXTS, "plain")
        for neg in ("", "{ugly|blurry}")
        for seed in (1, 2, 3)
        for steps in (10, 20)
    ]
    picked = cell_params(cells, wildcards_dir=wildcards)
    assert picked == [job_params(c, [c.seed], wildcards_dir=wildcards)[0] for c in cells]
    untouched = [c.prompt == "plain" and not c.negative for c in cells]
    assert [p for p, u in zip(picked, untouched, strict=True) if u] == [
        c for c, u in zip(cells, untouched, strict=True) if u
    ]


def test_a_cell_with_a_missing_wildcard_is_refused_by_name(wildcards: Path) -> None:
    cell = GenerationParams("a __nothing__", seed=1)
    with pytest.raises(PromptSyntaxError, match="nothing"):
        cell_params([dataclasses.replace(cell, steps=s) for s in (1, 2)], wildcards_dir=wildcards)
