"""`generate` with dynamic prompts and wildcards, as a subprocess on the fake ComfyUI."""

from __future__ import annotations

from pathlib import Path

from studio_desktop.core.context import AppContext
from studio_desktop.core.prompts.dynamic import expand
from tests.fakes.comfy_server import FakeComfyServer
from tests.integration.test_cli import studio


def _submitted_prompts(fake: FakeComfyServer) -> list[tuple[str, int]]:
    """(positive text, seed) of each graph the fake received (the txt2img template)."""
    graphs = [body["prompt"] for body in fake.submitted]
    return [(g["6"]["inputs"]["text"], g["3"]["inputs"]["seed"]) for g in graphs]


def test_random_mode_resolves_each_job_with_its_seed(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    text = "a {red|blue|green} __animal__"
    (tmp_path / "wildcards").mkdir(parents=True)
    (tmp_path / "wildcards" / "animal.txt").write_text("# pets\ncat\n\ndog\n", encoding="utf-8")
    result = studio(
        "generate", text, "--server", fake_comfy.url, "--count", "4", "--seed", "7",
        data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    got = sorted(_submitted_prompts(fake_comfy), key=lambda p: p[1])
    assert [seed for _, seed in got] == [7, 8, 9, 10]
    wildcards = tmp_path / "wildcards"
    assert [p for p, _ in got] == [
        expand(text, seed=s, wildcards_dir=wildcards)[0] for s in range(7, 11)
    ]
    with AppContext.open(tmp_path) as ctx:  # stored resolved, with the text for remix
        stored = ctx.store.list_jobs().items
    assert sorted(job.params.prompt for job in stored) == sorted(p for p, _ in got)
    assert all(job.params.extra["dynamic_prompt"]["prompt"] == text for job in stored)


def test_combinatorial_queues_every_combination(
    fake_comfy: FakeComfyServer, tmp_path: Path
) -> None:
    result = studio(
        "generate", "{a|b} {c|d|e}", "--combinatorial", "--server", fake_comfy.url,
        "--seed", "3", data_dir=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "6 of 6 jobs completed" in result.stdout
    assert sorted(p for p, _ in _submitted_prompts(fake_comfy)) == [
        "a c", "a d", "a e", "b c", "b d", "b e",
    ]  # fmt: skip


def test_bad_prompt_is_rc_2_naming_the_place(fake_comfy: FakeComfyServer, tmp_path: Path) -> None:
    result = studio("generate", "a {b|c", "--server", fake_comfy.url, data_dir=tmp_path)
    assert result.returncode == 2
    assert "line 1, column 3" in result.stderr
    missing = studio("generate", "__nope__ cat", "--server", fake_comfy.url, data_dir=tmp_path)
    assert missing.returncode == 2 and "__nope__" in missing.stderr
    assert fake_comfy.submitted == []
