"""What the managed ComfyUI tells the user, as translatable messages (core/messages.py).

One place for them: the supervisor (process.py), the detached start (running.py) and the
window's controller (workers/managed.py) say the same things, and a translator finds them
together. Each is one sentence without its cause: the end of ComfyUI's log, or the system's
error, is shown under it as it is (it is not ours to translate). The English wording is the
one the command line printed before these were messages; `str()` of each still gives it.
"""

from __future__ import annotations

from pathlib import Path

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

# --- a start that failed ---


def could_not_run(python: Path) -> UserMessage:
    """The python could not be started at all (the system's error is the cause)."""
    return message(QT_TRANSLATE_NOOP("CoreMessages", "could not run {python}"), python=str(python))


def exited_while_starting(code: int) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI exited while starting (exit code {code})"),
        code=code,
    )


def no_answer(url: str, seconds: float) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI did not answer on {url} within {seconds} s"),
        url=url,
        seconds=f"{seconds:g}",
    )


def stopped_while_starting() -> UserMessage:
    return message(QT_TRANSLATE_NOOP("CoreMessages", "stopped while starting"))


def already_running(url: str) -> UserMessage:
    return message(QT_TRANSLATE_NOOP("CoreMessages", "a ComfyUI already answers at {url}"), url=url)


def port_taken(port: int, instead: int) -> UserMessage:
    """Not a failure: something that is not ComfyUI holds the port, so another one is used."""
    return message(
        QT_TRANSLATE_NOOP(
            "CoreMessages",
            "port {port} is taken by something that is not ComfyUI: using {instead}",
        ),
        port=port,
        instead=instead,
    )


# --- a crash while it ran ---


def crashed(code: int) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI stopped unexpectedly (exit code {code})"),
        code=code,
    )


def restarting(problem: UserMessage, seconds: float) -> UserMessage:
    """`problem` (a crash, or a restart that did not come up) and the restart to come."""
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "{problem}; restarting in {seconds} s"),
        problem=problem,
        seconds=f"{seconds:g}",
    )


def gave_up(problem: UserMessage, restarts: int) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "{problem}; gave up after {restarts} restarts"),
        problem=problem,
        restarts=restarts,
    )


def back(url: str) -> UserMessage:
    return message(QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI is back at {url}"), url=url)


# --- a choice that cannot be started ---


def not_comfyui(folder: Path) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "{folder} is not a ComfyUI folder"), folder=str(folder)
    )


def code_not_found(folder: Path) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI's code was not found for {folder}"),
        folder=str(folder),
    )


def no_python(folder: Path) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "no python was found beside {folder}; name one"),
        folder=str(folder),
    )


def unknown_preset(name: str) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "{name} is not a way to run ComfyUI (gpu, lowvram or cpu)"
        ),
        name=name,
    )


# shlex's two complaints (CPython's shlex.py); anything else is passed on as it is.
_SHLEX_UNCLOSED = "No closing quotation"
_SHLEX_ESCAPE = "No escaped character"


def bad_arguments(error: str) -> UserMessage:
    """The extra arguments cannot be split like a command line (`error`: shlex's words)."""
    if error == _SHLEX_UNCLOSED:
        return message(
            QT_TRANSLATE_NOOP("CoreMessages", "the extra arguments have an unclosed quote")
        )
    if error == _SHLEX_ESCAPE:
        return message(
            QT_TRANSLATE_NOOP("CoreMessages", "the extra arguments end with a lone backslash")
        )
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "the extra arguments cannot be read: {error}"),
        error=error,
    )
