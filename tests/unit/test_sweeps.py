"""Sweep specs and their expansion (issue 15): counts, order, reproducible seeds, bad specs."""

from __future__ import annotations

import pytest

from studio_desktop.core.jobs import GenerationParams, LoraChoice
from studio_desktop.core.messages import CONTEXT, UserMessage, text_of
from studio_desktop.core.sweeps.axes import (
    CELL_KEY,
    SweepSpecError,
    axes_from_json,
    cell_of,
    expand,
    parse_axes,
    parse_axis,
    sweep_json,
)

BASE = GenerationParams(prompt="a red ball", seed=1234)


def values(spec: str) -> list[object]:
    return list(parse_axis(spec).values)


def test_lists_and_ranges() -> None:
    assert values("steps=10,20,30") == [10, 20, 30]
    assert values("steps=1-10 [5]") == [1, 3, 6, 8, 10]
    assert values("seed=1-5") == [1, 2, 3, 4, 5]
    assert values("steps=5-3") == [5, 4, 3]
    assert values("cfg=4-8 (+2)") == [4.0, 6.0, 8.0]
    assert values("denoise=0.5-1.0 (+0.1)") == [0.5, 0.6, 0.7, 0.8, 0.9, 1.0]
    assert values("cfg=1.0-0.5 (-0.25)") == [1.0, 0.75, 0.5]
    assert values("cfg=2-3 [3]") == [2.0, 2.5, 3.0]
    assert values("size=512x768, 768x512") == [(512, 768), (768, 512)]
    assert values('sampler=euler, "dpm, 2m" ,ddim') == ["euler", "dpm, 2m", "ddim"]
    # A name with a dash is a name, not a range.
    assert values("model=sd-1.5.safetensors,xl-base") == ["sd-1.5.safetensors", "xl-base"]
    assert values("extra.upscale_by=1-3") == [1, 2, 3]
    assert values("extra.mode=fast,1.5,2") == ["fast", 1.5, 2]
    assert values("lora:detail=0.5,0.8") == [0.5, 0.8]
    assert values("Steps=10") == [10]


def test_counts_and_order() -> None:
    axes = parse_axes(["steps=10,20,30", "cfg=4-8 (+2)", "sampler=euler,ddim"])
    cells = expand(BASE, axes)
    assert len(cells) == 18
    # Z, then Y, then X: X changes fastest, in the order the values were written.
    assert [c.place for c in cells[:4]] == [(0, 0, 0), (1, 0, 0), (2, 0, 0), (0, 1, 0)]
    assert cells[-1].place == (2, 2, 1)
    first, last = cells[0].params, cells[-1].params
    assert (first.steps, first.cfg, first.sampler) == (10, 4.0, "euler")
    assert (last.steps, last.cfg, last.sampler) == (30, 8.0, "ddim")
    assert len({(c.params.steps, c.params.cfg, c.params.sampler) for c in cells}) == 18
    assert all(cell_of(c.params.extra) == c.place for c in cells)


def test_seeds_are_fixed_unless_an_axis() -> None:
    cells = expand(BASE, parse_axes(["steps=10,20", "cfg=5,6"]))
    assert {c.params.seed for c in cells} == {1234}
    again = expand(BASE, parse_axes(["steps=10,20", "cfg=5,6"]))
    assert [c.params for c in again] == [c.params for c in cells]
    seeded = expand(BASE, parse_axes(["seed=1,2,3"]))
    assert [c.params.seed for c in seeded] == [1, 2, 3]


def test_prompt_search_replace() -> None:
    cells = expand(BASE, parse_axes(["prompt=red,blue,green"]))
    assert [c.params.prompt for c in cells] == ["a red ball", "a blue ball", "a green ball"]
    with pytest.raises(SweepSpecError, match="does not hold 'purple'"):
        expand(BASE, parse_axes(["prompt=purple,blue"]))


def test_size_lora_and_extra() -> None:
    base = GenerationParams(prompt="x", loras=(LoraChoice("styles/detail.safetensors", 1.0, 0.7),))
    cells = expand(base, parse_axes(["size=512x768,768x512", "lora:detail=0.5,0.8", "extra.k=3"]))
    assert (cells[0].params.width, cells[0].params.height) == (512, 768)
    assert cells[2].params.loras == (LoraChoice("styles/detail.safetensors", 0.8, 0.8),)
    assert cells[0].params.extra == {"k": 3, CELL_KEY: [0, 0, 0]}
    added = expand(GenerationParams(prompt="x"), parse_axes(["lora:new.safetensors=0.3"]))
    assert added[0].params.loras == (LoraChoice("new.safetensors", 0.3, 0.3),)


def test_axes_round_trip_through_json() -> None:
    axes = parse_axes(["size=512x768", "cfg=4-8 (+2)", "prompt=red,blue"])
    assert axes_from_json(sweep_json(axes)) == axes


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["steps"], "axis X ('steps'): expected FIELD=VALUES"),
        (["colour=1,2"], "axis X ('colour=1,2') at character 1: unknown field 'colour'"),
        (["steps="], "at character 7: no values after '='"),
        (["steps=10,2x,30"], "axis X ('steps=10,2x,30') at character 10: '2x' is not a whole"),
        (["steps=10,,30"], "at character 10: empty value"),
        (["cfg=4,seven"], "at character 7: 'seven' is not a number"),
        (["cfg=4-8 (+0)"], "at character 10: the step is 0"),
        (["cfg=4-8 (-1)"], "never gets from 4 to 8"),
        (["cfg=0.5-1.0"], "needs a step"),
        (["steps=1.5-3"], "needs whole ends"),
        (["steps=1-9 (+0.5)"], "needs a whole step"),
        (["size=512"], "'512' is not WIDTHxHEIGHT"),
        (['sampler="euler'], "at character 9: a quote that is never closed"),
        (["prompt=red"], "needs the text to replace"),
        (["steps=0,10"], "at least 1"),
        (["seed=1-2", "steps=1", "cfg=1", "denoise=1"], "at most 3 axes"),
        (["steps=1,2", "steps=3"], "axis Y ('steps=3'): steps is already axis X"),
        (["width=512", "size=512x512"], "axis Y"),
        (["steps=1-2000"], "2000 values; at most 1000"),
        (["seed=1-100", "steps=1-100", "cfg=1-2 [2]"], "axis Z ('cfg=1-2 [2]'): 20000 cells"),
    ],
)
def test_malformed_specs_name_the_axis_and_place(specs: list[str], message: str) -> None:
    with pytest.raises(SweepSpecError) as caught:
        expand(BASE, parse_axes(specs))
    assert message in str(caught.value)
    # The window shows it in the user's language: the same line as a translatable message.
    text = text_of(caught.value)
    assert text is not None and str(text) == str(caught.value)
    problem = caught.value.problem
    assert isinstance(problem, UserMessage) and problem.context == CONTEXT
    assert str(problem) in str(caught.value)
