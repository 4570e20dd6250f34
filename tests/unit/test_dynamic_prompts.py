"""The dynamic-prompt grammar (core/prompts/dynamic.py) on the dynamicprompts library."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.prompts.dynamic import (
    MAX_COMBINATIONS,
    Mode,
    PromptSyntaxError,
    expand,
    is_dynamic,
    preview,
)
from studio_desktop.core.prompts.jobs import dynamic_source, job_params

COMBO = Mode.COMBINATORIAL


@pytest.fixture
def wildcards(tmp_path: Path) -> Path:
    folder = tmp_path / "wildcards"
    (folder / "sub").mkdir(parents=True)
    (folder / "colour.txt").write_text("# colours I like\nred\n\n  blue  \n", encoding="utf-8")
    (folder / "sub" / "animal.txt").write_text("cat\n# not this\ndog\n", encoding="utf-8")
    (folder / "pet.txt").write_text("__colour__ __sub/animal__\n", encoding="utf-8")
    return folder


def test_plain_text_is_itself() -> None:
    assert not is_dynamic("a cat, (masterpiece:1.2), <lora:x:0.5>")
    assert expand("a cat", count=3) == ["a cat"] * 3
    assert expand("a cat", mode=COMBO) == ["a cat"]


def test_choices_in_order() -> None:
    assert expand("a {red|blue|green} cat", mode=COMBO) == [
        "a red cat",
        "a blue cat",
        "a green cat",
    ]


def test_combinations_multiply_in_order() -> None:
    assert expand("{a|b} {c|d}", mode=COMBO) == ["a c", "a d", "b c", "b d"]
    assert preview("{a|b} {c|d|e}").count == 6


def test_nesting() -> None:
    assert expand("{a|{b|c}} x", mode=COMBO) == ["a x", "b x", "c x"]


def test_weights_favour_a_choice() -> None:
    picks = expand("{20::a|b}", count=200, seed=1)
    assert set(picks) <= {"a", "b"}
    assert picks.count("a") > 150
    assert sorted(expand("{2::a|b}", mode=COMBO)) == ["a", "b"]


def test_ranges_pick_several() -> None:
    picks = expand("{2-3$$a|b|c}", count=50, seed=4)
    assert all(2 <= len(p.split(",")) <= 3 for p in picks)
    assert all(len(set(p.split(","))) == len(p.split(",")) for p in picks)
    assert expand("{2$$ and $$a|b}", mode=COMBO) == ["a and b", "b and a"]


def test_escapes_are_literal() -> None:
    assert expand(r"a \{x\} \| {p|q}", mode=COMBO) == ["a {x} | p", "a {x} | q"]
    assert not is_dynamic(r"\{not a choice\}")
    assert expand(r"a \(x\)", count=1) == [r"a \(x\)"]  # other escapes stay as typed


def test_random_is_reproducible_with_the_seed() -> None:
    text = "a {red|blue|green|pink|teal} {cat|dog|fox|owl}"
    first = expand(text, count=8, seed=1234)
    assert expand(text, count=8, seed=1234) == first
    # Job k's prompt is the one its own seed gives alone.
    assert [expand(text, seed=1234 + k)[0] for k in range(8)] == first
    assert len(set(first)) > 1


def test_wildcard_files_comments_blank_lines_and_subfolders(wildcards: Path) -> None:
    got = expand("__colour__ __sub/animal__", mode=COMBO, wildcards_dir=wildcards)
    assert sorted(got) == ["blue cat", "blue dog", "red cat", "red dog"]
    assert all("#" not in p for p in got)
    nested = expand("__pet__", count=20, seed=0, wildcards_dir=wildcards)
    assert set(nested) <= {"red cat", "red dog", "blue cat", "blue dog"}


def test_missing_wildcard_is_named(wildcards: Path) -> None:
    with pytest.raises(PromptSyntaxError, match=r"__nope__ has no file: add nope.txt"):
        expand("a __nope__", wildcards_dir=wildcards)
    (wildcards / "bad.txt").write_text("__gone__\n", encoding="utf-8")
    with pytest.raises(PromptSyntaxError, match="__gone__"):
        expand("__bad__", wildcards_dir=wildcards)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("a {b|c", "line 1, column 3"),
        ("x\n{2::a|b", "line 2, column 1"),
        ("{a|b} {c", "line 1, column 7"),
    ],
)
def test_malformed_names_the_place(text: str, place: str) -> None:
    with pytest.raises(PromptSyntaxError, match=place):
        expand(text)
    with pytest.raises(PromptSyntaxError, match=place):
        preview(text)


def test_too_many_combinations_is_refused() -> None:
    choices = "{" + "|".join(str(i) for i in range(30)) + "}"
    text = " ".join([choices] * 3)  # 27,000
    with pytest.raises(PromptSyntaxError, match=f"more than {MAX_COMBINATIONS:,}"):
        expand(text, mode=COMBO)
    assert preview(text).count is None
    assert len(preview(text).preview) == 5


def test_job_params_random_one_per_seed_with_the_source() -> None:
    base = GenerationParams(prompt="a {red|blue|green} cat", negative="{blurry|dark}")
    jobs = job_params(base, [5, 6, 7])
    assert [j.seed for j in jobs] == [5, 6, 7]
    assert [j.prompt for j in jobs] == [expand(base.prompt, seed=s)[0] for s in (5, 6, 7)]
    assert [j.negative for j in jobs] == [expand(base.negative, seed=s)[0] for s in (5, 6, 7)]
    assert all(dynamic_source(j) == {**SOURCE, "prompt": base.prompt} for j in jobs)


SOURCE = {"negative": "{blurry|dark}", "mode": "random"}


def test_job_params_combinatorial_each_combination_with_each_seed() -> None:
    base = GenerationParams(prompt="{a|b} x")
    jobs = job_params(base, [1, 2], mode=COMBO)
    assert [(j.prompt, j.seed) for j in jobs] == [("a x", 1), ("a x", 2), ("b x", 1), ("b x", 2)]
    too_many = GenerationParams(prompt="{" + "|".join(str(i) for i in range(101)) + "}")
    with pytest.raises(PromptSyntaxError, match="more than 10,000 jobs"):
        job_params(too_many, list(range(100)), mode=COMBO)


def test_job_params_plain_prompt_unchanged() -> None:
    base = GenerationParams(prompt="a cat", extra={"k": 1})
    assert job_params(base, [3]) == [GenerationParams(prompt="a cat", seed=3, extra={"k": 1})]
