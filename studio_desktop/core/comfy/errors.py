"""Errors the ComfyUI client raises.

Every error carries a message a user can read: what happened and what to do. `transient` tells
the runner whether retrying with backoff can help (DESIGN §3): a refused connection, a timeout, a
5xx or a garbled answer may pass; a rejected prompt or a wrong token will not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import islice
from typing import Any

from studio_desktop.core.comfy.text import server_text
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

# A rejection lists at most this many nodes, complaints per node and summary lines: a real
# graph has tens of nodes; a server listing thousands is not telling the user anything more.
_MAX_NODES = 200
_MAX_COMPLAINTS = 20
_MAX_SUMMARY_LINES = 30


class ComfyError(Exception):
    """Base of every ComfyUI client error. `str(err)` is the user-facing message in English,
    `text` the same as a translatable message (None where it is the server's own words)."""

    transient: bool = False

    def __init__(self, text: str | UserMessage, *, url: str = "") -> None:
        super().__init__(str(text))
        self.message = str(text)
        self.text = text if isinstance(text, UserMessage) else None
        self.url = url


class ComfyConnectionError(ComfyError):
    """The server could not be reached, or the connection broke (refused, reset, DNS)."""

    transient = True

    def __init__(self, url: str, reason: str = "", *, tried_for: float | None = None) -> None:
        if reason and tried_for is not None:  # the event stream gave up reconnecting
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "Could not reach ComfyUI at {url} for {seconds} s ({reason}). Start ComfyUI "
                    "(python main.py) or check the server address.",
                ),
                url=url,
                seconds=f"{tried_for:g}",
                reason=reason,
            )
        elif reason:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "Could not reach ComfyUI at {url} ({reason}). Start ComfyUI (python main.py) "
                    "or check the server address.",
                ),
                url=url,
                reason=reason,
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "Could not reach ComfyUI at {url}. Start ComfyUI (python main.py) or check "
                    "the server address.",
                ),
                url=url,
            )
        super().__init__(text, url=url)
        self.reason = reason


class ComfyTimeout(ComfyError):
    """The server took longer than the client's timeout to answer."""

    transient = True

    def __init__(self, url: str, seconds: float | None = None) -> None:
        if seconds is not None:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "ComfyUI at {url} did not answer within {seconds} s. It may be busy (loading "
                    "a model) or stuck; wait and try again, or restart ComfyUI.",
                ),
                url=url,
                seconds=f"{seconds:g}",
            )
        else:
            text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "ComfyUI at {url} did not answer in time. It may be busy (loading a model) "
                    "or stuck; wait and try again, or restart ComfyUI.",
                ),
                url=url,
            )
        super().__init__(text, url=url)
        self.seconds = seconds


class ComfyHTTPError(ComfyError):
    """The server answered with an HTTP error status. Transient for 5xx and 429."""

    def __init__(
        self, url: str, status: int, body: str = "", *, text: str | UserMessage | None = None
    ) -> None:
        snippet = server_text(" ".join(body[:4000].split()), 300)
        if text is None:
            text = _http_message(url, status, snippet)
        super().__init__(text, url=url)
        self.status = status
        self.body = body
        self.transient = status >= 500 or status == 429


def _http_message(url: str, status: int, snippet: str) -> UserMessage:
    if status >= 500 or status == 429:
        advice = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "This is usually temporary and will be retried. If it persists, check the "
                "ComfyUI console.",
            )
        )
    elif status == 404:
        advice = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "The file or route does not exist there; check that the address points at ComfyUI.",
            )
        )
    else:
        advice = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "Check the server address and that ComfyUI is up to date."
            )
        )
    if snippet:
        return message(
            QT_TRANSLATE_NOOP(
                "CoreMessages", "ComfyUI at {url} answered HTTP {status}: {said} {advice}"
            ),
            url=url,
            status=status,
            said=snippet,
            advice=advice,
        )
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "ComfyUI at {url} answered HTTP {status}. {advice}"),
        url=url,
        status=status,
        advice=advice,
    )


class RedirectRefused(ComfyError):
    """The server redirected us to another origin. Never followed, never transient.

    Following would send the request, and the access token with it, to a server the user never
    named (docs/ARCHITECTURE.md, "Limits and origin policy").
    """

    def __init__(self, url: str, target: str) -> None:
        target = server_text(target, 200)
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "ComfyUI at {url} redirected to another address ({target}); Studio does not "
                "follow redirects to other servers. If ComfyUI really lives there, use that "
                "address.",
            ),
            url=url,
            target=target,
        )
        super().__init__(text, url=url)
        self.target = target


class ComfyAuthError(ComfyHTTPError):
    """401/403: the server (or a proxy in front of it) wants credentials we did not have."""

    def __init__(self, url: str, status: int, body: str = "") -> None:
        super().__init__(
            url,
            status,
            body,
            text=message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "ComfyUI at {url} refused access (HTTP {status}). Check the access token "
                    "(authorization header) set for this server.",
                ),
                url=url,
                status=status,
            ),
        )
        self.transient = False


class BadResponse(ComfyError):
    """The server answered 200 with something that is not what ComfyUI sends.

    Transient: in practice this is a proxy or a half-started server returning an HTML page or a
    truncated body, which a retry usually fixes. Callers bound the retries, so a server that never
    answers sensibly still fails the job.
    """

    transient = True

    def __init__(self, url: str, reason: str) -> None:
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "ComfyUI at {url} sent an answer that could not be understood ({reason}). Check "
                "that the address points at ComfyUI and not at another web page or proxy.",
            ),
            url=url,
            reason=reason,
        )
        super().__init__(text, url=url)
        self.reason = reason


class ResponseTooLarge(BadResponse):
    """An answer or file larger than we accept. Not transient: asking again gets the same size."""

    transient = False

    def __init__(self, url: str, what: str, limit: int) -> None:
        what = server_text(what, 200)
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "ComfyUI at {url} sent {what} larger than {limit} bytes, more than Studio "
                "accepts. Check the workflow's output size, or that the address points at "
                "ComfyUI.",
            ),
            url=url,
            what=what,
            limit=f"{limit:,}",
        )
        ComfyError.__init__(self, text, url=url)
        self.reason = f"{what} is larger than {limit:,} bytes"
        self.limit = limit


class ComfyProtocolError(ComfyError):
    """Data from the server that does not have the shape ComfyUI sends.

    Raised by the parsers of server data (models.py), which do not know the server's address;
    the client turns it into BadResponse. Transient for the same reason BadResponse is.
    """

    transient = True

    def __init__(self, reason: str) -> None:
        reason = server_text(reason, 300)
        super().__init__(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "ComfyUI sent data that could not be understood ({reason})."
                ),
                reason=reason,
            )
        )
        self.reason = reason


@dataclass(frozen=True)
class NodeErrorDetail:
    """One complaint about one node, in the server's words."""

    type: str
    message: str
    details: str
    input_name: str | None


@dataclass(frozen=True)
class NodeError:
    """All complaints about one node of a rejected prompt."""

    node_id: str
    class_type: str
    errors: tuple[NodeErrorDetail, ...]


class PromptRejected(ComfyError):
    """The server refused the prompt (HTTP 400 from POST /prompt). Never transient.

    `str()` is a multi-line summary: the server's message, then one line per node complaint,
    e.g. ``KSampler (node 3): Value not in list: sampler_name: 'foo' not in [...]``.
    """

    transient = False

    def __init__(
        self,
        url: str,
        error_type: str,
        error_message: str,
        details: str = "",
        node_errors: Sequence[NodeError] = (),
    ) -> None:
        self.error_type = error_type
        self.error_message = error_message
        self.details = details
        self.node_errors = tuple(node_errors)
        super().__init__(self._summary(), url=url)

    def _summary(self) -> str:
        head = self.error_message or self.error_type or "The server rejected the prompt"
        lines: list[str] = []
        for node in self.node_errors:
            who = (
                f"{node.class_type} (node {node.node_id})"
                if node.class_type
                else f"node {node.node_id}"
            )
            for err in node.errors:
                text = f"{err.message}: {err.details}" if err.details else err.message
                lines.append(f"{who}: {text}")
        colon = "" if head.endswith((".", ":", "!", "?")) else ":"
        if len(lines) > _MAX_SUMMARY_LINES:
            more = len(lines) - _MAX_SUMMARY_LINES
            lines = [*lines[:_MAX_SUMMARY_LINES], f"… ({more} more problems)"]
        if not lines:
            return f"{head}{colon} {self.details}" if self.details else head
        return f"{head}{colon}\n" + "\n".join(lines)

    @classmethod
    def from_body(cls, url: str, body: Any) -> PromptRejected | None:
        """From a 400 body `{error:{type,message,details}, node_errors:{...}}`; None if not one."""
        if not isinstance(body, Mapping):
            return None
        error = body.get("error")
        if isinstance(error, str):  # some older servers and proxies send a bare string
            error = {"type": "error", "message": error}
        if not isinstance(error, Mapping):
            return None
        return cls(
            url,
            error_type=_text(error.get("type")),
            error_message=_text(error.get("message")),
            details=_text(error.get("details")),
            node_errors=_node_errors(body.get("node_errors")),
        )


def _text(value: Any, limit: int = 2_000) -> str:
    return server_text(value, limit)


def _node_errors(raw: Any) -> tuple[NodeError, ...]:
    if not isinstance(raw, Mapping):
        return ()
    result: list[NodeError] = []
    for node_id, node in islice(raw.items(), _MAX_NODES):
        if not isinstance(node, Mapping):
            continue
        details: list[NodeErrorDetail] = []
        errors = node.get("errors")
        for err in islice(errors, _MAX_COMPLAINTS) if isinstance(errors, list) else ():
            if not isinstance(err, Mapping):
                continue
            extra = err.get("extra_info")
            input_name = extra.get("input_name") if isinstance(extra, Mapping) else None
            details.append(
                NodeErrorDetail(
                    type=_text(err.get("type")),
                    message=_text(err.get("message")),
                    details=_text(err.get("details")),
                    input_name=None if input_name is None else _text(input_name, 200),
                )
            )
        result.append(
            NodeError(_text(node_id, 200), _text(node.get("class_type"), 200), tuple(details))
        )
    return tuple(result)
