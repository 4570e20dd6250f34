"""The managed ComfyUI's messages (core/managed/messages.py): each one's English with its
arguments filled in, and what `StartFailed`, `Notice`, `AlreadyRunning` and the window's
`InvalidChoice` carry: a translatable text, the cause apart, `str()` the English line."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from studio_desktop.core.managed import messages as says
from studio_desktop.core.managed.process import AlreadyRunning, Notice, ServerState, StartFailed
from studio_desktop.core.messages import CONTEXT, UserMessage, text_of
from studio_desktop.workers.managed import (
    InvalidChoice,
    ManagedChoice,
    launch_spec,
    preset_named,
    split_args,
    start_failure,
)
from tests.fakes.comfy_layouts import code_dir

FOLDER = Path("/home/ann/ComfyUI")

ENGLISH = [
    (says.could_not_run(Path("/venv/bin/python")), "could not run /venv/bin/python"),
    (says.exited_while_starting(1), "ComfyUI exited while starting (exit code 1)"),
    (
        says.no_answer("http://127.0.0.1:8188", 300.0),
        "ComfyUI did not answer on http://127.0.0.1:8188 within 300 s",
    ),
    (says.stopped_while_starting(), "stopped while starting"),
    (
        says.already_running("http://127.0.0.1:8188"),
        "a ComfyUI already answers at http://127.0.0.1:8188",
    ),
    (
        says.port_taken(8188, 40123),
        "port 8188 is taken by something that is not ComfyUI: using 40123",
    ),
    (says.crashed(3), "ComfyUI stopped unexpectedly (exit code 3)"),
    (
        says.restarting(says.crashed(3), 0.05),
        "ComfyUI stopped unexpectedly (exit code 3); restarting in 0.05 s",
    ),
    (
        says.gave_up(says.crashed(-9), 5),
        "ComfyUI stopped unexpectedly (exit code -9); gave up after 5 restarts",
    ),
    (says.back("http://127.0.0.1:8188"), "ComfyUI is back at http://127.0.0.1:8188"),
    (says.not_comfyui(FOLDER), f"{FOLDER} is not a ComfyUI folder"),
    (says.code_not_found(FOLDER), f"ComfyUI's code was not found for {FOLDER}"),
    (says.no_python(FOLDER), f"no python was found beside {FOLDER}; name one"),
    (says.unknown_preset("tpu"), "tpu is not a way to run ComfyUI (gpu, lowvram or cpu)"),
    (says.bad_arguments("No closing quotation"), "the extra arguments have an unclosed quote"),
    (says.bad_arguments("No escaped character"), "the extra arguments end with a lone backslash"),
    (says.bad_arguments("odd"), "the extra arguments cannot be read: odd"),
]


@pytest.mark.parametrize(("text", "english"), ENGLISH, ids=[e for _, e in ENGLISH])
def test_each_message_reads_in_english_with_its_arguments(text: UserMessage, english: str) -> None:
    assert str(text) == english
    assert text.context == CONTEXT
    assert "{" not in str(text)  # every field filled
    assert UserMessage.from_dict(text.to_dict()) == text  # plain values: it can be stored


def test_a_restart_notice_keeps_the_crash_as_a_message_of_its_own() -> None:
    # The crash is translated on its own, then put into the restart sentence.
    text = says.restarting(says.crashed(3), 2.0)
    assert text.args["problem"] == says.crashed(3)
    assert text.args["seconds"] == "2"


def test_a_start_failure_carries_its_text_and_the_log_as_its_cause() -> None:
    failed = StartFailed(says.exited_while_starting(1), ["Traceback", "RuntimeError: no GPU"])
    assert failed.text == says.exited_while_starting(1)
    assert failed.reason == "ComfyUI exited while starting (exit code 1)"
    assert failed.cause == ("Traceback", "RuntimeError: no GPU")
    assert str(failed) == (
        "ComfyUI exited while starting (exit code 1)\nTraceback\nRuntimeError: no GPU"
    )
    assert text_of(failed) == failed.text


def test_a_python_that_cannot_run_has_the_system_error_as_its_cause() -> None:
    failed = StartFailed(says.could_not_run(Path("/x/python")), error="[Errno 2] No such file")
    assert failed.cause == ("[Errno 2] No such file",) and failed.last_lines == ()
    assert str(failed) == "could not run /x/python\n[Errno 2] No such file"
    assert start_failure(failed) == (failed.text, ["[Errno 2] No such file"])


def test_a_notice_is_its_english_sentence_with_the_last_lines_apart() -> None:
    notice = Notice(
        ServerState.RESTARTING,
        says.restarting(says.crashed(3), 2.0),
        ("crashing as asked",),
        exit_code=3,
        restart_in_s=2.0,
    )
    assert str(notice) == "ComfyUI stopped unexpectedly (exit code 3); restarting in 2 s"
    assert notice.last_lines == ("crashing as asked",)
    assert f"warning: {notice.text}" == f"warning: {notice}"  # what the command line prints


def test_already_running_says_where() -> None:
    exc = AlreadyRunning("http://127.0.0.1:8188")
    assert str(exc) == "a ComfyUI already answers at http://127.0.0.1:8188"
    assert start_failure(exc) == (says.already_running("http://127.0.0.1:8188"), [])


def test_any_other_error_is_shown_in_its_own_words() -> None:
    text, cause = start_failure(PermissionError("permission denied: /mnt/comfy"))
    assert str(text) == "permission denied: /mnt/comfy" and cause == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX shell quoting")
def test_extra_arguments_that_cannot_be_split_are_an_invalid_choice_with_a_message() -> None:
    with pytest.raises(InvalidChoice) as unclosed:
        split_args('--preview-method "auto')
    assert unclosed.value.text == says.bad_arguments("No closing quotation")
    with pytest.raises(InvalidChoice) as escape:
        split_args("--x \\")
    assert escape.value.text == says.bad_arguments("No escaped character")
    assert split_args("--preview-method auto") == ("--preview-method", "auto")


def test_an_unknown_preset_is_an_invalid_choice_with_a_message() -> None:
    with pytest.raises(InvalidChoice) as refused:
        preset_named("tpu")
    assert refused.value.text == says.unknown_preset("tpu")
    assert isinstance(refused.value, ValueError)  # callers catching ValueError still do


def test_a_folder_that_cannot_be_started_says_why(tmp_path: Path) -> None:
    empty = tmp_path / "photos"
    empty.mkdir()
    with pytest.raises(InvalidChoice) as not_comfy:
        launch_spec(ManagedChoice(empty))
    assert not_comfy.value.text == says.not_comfyui(empty)
    bare = code_dir(tmp_path / "ComfyUI")  # no venv, no python named
    with pytest.raises(InvalidChoice) as no_python:
        launch_spec(ManagedChoice(bare))
    assert no_python.value.text == says.no_python(bare)
    assert str(no_python.value) == f"no python was found beside {bare}; name one"
