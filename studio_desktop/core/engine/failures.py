"""The one mapping from what went wrong to a job's error, and the one retry policy.

Everything that can end a job badly passes through here: a prompt ComfyUI rejected, a node that
failed while running, a run interrupted elsewhere, a history entry that says "error", a download
that failed, a template that cannot be bound, an output we refuse, and anything unexpected (a
bug, junk from the server). The engine never decides "retry or fail" anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio_desktop.core.comfy import ComfyError, HistoryEntry, PromptRejected
from studio_desktop.core.comfy import events as ev
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.jobs import JobError
from studio_desktop.core.library.files import OutputRejected, SaveError
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message
from studio_desktop.core.workflows import Template, TemplateError


class ExecutionFailed(Exception):
    """ComfyUI ran the prompt and it failed; running the same graph again would fail again."""

    def __init__(self, error: JobError) -> None:
        super().__init__(error.message)
        self.error = error


def rejection_error(exc: PromptRejected) -> JobError:
    """A rejected prompt, as a job error that keeps the server's per-node, per-input messages."""
    nodes = [
        {
            "node_id": node.node_id,
            "class_type": node.class_type,
            "errors": [
                {
                    "type": d.type,
                    "message": d.message,
                    "details": d.details,
                    "input_name": d.input_name,
                }
                for d in node.errors
            ],
        }
        for node in exc.node_errors
    ]
    first = exc.node_errors[0].node_id if exc.node_errors else None
    return JobError(type=exc.error_type, message=str(exc), node_id=first, details=nodes)


def node_failed(node_type: str, node_id: str, said: str) -> UserMessage:
    """ "KSampler (node 3) failed: <the server's words>"."""
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "{node_type} (node {node}) failed: {said}"),
        node_type=node_type,
        node=node_id,
        said=said,
    )


def execution_error(event: ev.ExecutionError) -> JobError:
    return JobError.of(
        event.exception_type or "execution_error",
        node_failed(str(event.node_type), str(event.node_id), event.exception_message.strip()),
        node_id=event.node_id,
        details=event.traceback,
    )


def interrupted_error(node_id: str | None = None) -> JobError:
    return JobError.of(
        "interrupted",
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "The run was interrupted on the server (from another client?). Retry the job "
                "to run it again.",
            )
        ),
        node_id=node_id,
    )


def history_error(entry: HistoryEntry) -> JobError:
    """The error of a finished history entry that did not succeed."""
    if entry.error is not None and entry.error.interrupted:
        # The same error as when the interrupt was seen live (the socket may have been down).
        return interrupted_error(entry.error.node_id)
    if entry.error is not None:
        info = entry.error
        return JobError.of(
            info.exception_type or entry.status_str or "error",
            node_failed(str(info.node_type), str(info.node_id), info.exception_message),
            node_id=info.node_id,
            details=info.traceback,
        )
    return JobError.of(
        entry.status_str or "error",
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "ComfyUI reports the run as '{status}' without outputs."
            ),
            status=entry.status_str or "",
        ),
    )


def job_error(exc: BaseException) -> JobError:
    """What to record on a job that failed with `exc`."""
    if isinstance(exc, ExecutionFailed):
        return exc.error
    if isinstance(exc, PromptRejected):
        return rejection_error(exc)
    if isinstance(exc, TemplateError):
        return JobError(type="template", message=str(exc), text=exc.text)
    if isinstance(exc, OutputRejected):
        return JobError(type="output_rejected", message=str(exc))
    if isinstance(exc, SaveError):  # the message names the folder and what to do
        return JobError(type="save_failed", message=str(exc))
    if isinstance(exc, ComfyError):
        return JobError(type=type(exc).__name__, message=str(exc), text=exc.text)
    return JobError.of(
        "internal",
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "Unexpected error ({kind}: {error}); the log has details."
            ),
            kind=type(exc).__name__,
            error=str(exc)[:200],
        ),
    )


def is_transient(exc: BaseException) -> bool:
    """Whether trying the same step again later may succeed."""
    # A read-only folder or a full disk stays so until the user acts: retry after that.
    if isinstance(exc, ExecutionFailed | TemplateError | OutputRejected | SaveError):
        return False
    if isinstance(exc, ComfyError):
        return exc.transient
    # Anything else is junk from the server or a bug of ours: a later try may pass, and the
    # attempt limit keeps a bug from looping.
    return True


@dataclass(frozen=True)
class Retry:
    delay_s: float
    error: JobError  # what the job shows while it waits


@dataclass(frozen=True)
class GiveUp:
    error: JobError


def decide(config: EngineConfig, attempts: int, exc: BaseException) -> Retry | GiveUp:
    """The retry policy: `attempts` is how many times this step has failed, this one included."""
    error = job_error(exc)
    if not is_transient(exc):
        return GiveUp(error)
    if attempts >= config.max_attempts:
        return GiveUp(
            JobError.of(
                error.type,
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "{error} (gave up after {attempts} attempts)"
                    ),
                    error=error.text or error.message,
                    attempts=attempts,
                ),
                node_id=error.node_id,
                details=error.details,
            )
        )
    return Retry(
        config.backoff(attempts), JobError(type="transient", message=error.message, text=error.text)
    )


def with_hints(error: JobError, template: Template) -> JobError:
    """The error with the template's download hint for each model-loading node it names.

    The server says "value not in list" for a model it lacks (a rejected prompt names the node
    and input) or fails in the loader node while running (an execution error names the node);
    the template knows which file that is and where to get it, as the validator does."""
    places: list[tuple[str, str | None]] = []
    if isinstance(error.details, list):
        for node in error.details:
            if not isinstance(node, dict) or node.get("node_id") is None:
                continue
            for complaint in node.get("errors") or [{}]:
                name = complaint.get("input_name") if isinstance(complaint, dict) else None
                places.append((str(node["node_id"]), name if isinstance(name, str) else None))
    if error.node_id is not None:
        places.append((str(error.node_id), None))
    hints: list[str] = []
    for node_id, input_name in places:
        hint = template.download_hint(node_id, input_name)
        if hint and hint not in hints and hint.strip() not in error.message:
            hints.append(hint)
    if not hints:
        return error
    # The hints are the template's own text; the error before them stays translatable.
    return JobError.of(
        error.type,
        message(
            QT_TRANSLATE_NOOP("CoreMessages", "{error}\n{hints}"),
            error=error.text or error.message.rstrip(),
            hints="\n".join(h.strip() for h in hints),
        ),
        node_id=error.node_id,
        details=error.details,
    )
