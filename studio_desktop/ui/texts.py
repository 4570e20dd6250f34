"""The core's messages in the UI's language.

The core speaks in `UserMessage`s (an English template and its arguments, see
core/messages.py). Here the template is translated in its context, then the arguments are filled
in, each argument that is a message of its own translated first. A stored job error written
before errors carried their template, or any plain text, is shown as it is.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from studio_desktop.core.engine import ServerStatus
from studio_desktop.core.jobs import JobError
from studio_desktop.core.managed.registry import MANAGED_NAME
from studio_desktop.core.messages import CONTEXT, UserMessage, fill, text_of
from studio_desktop.core.servers import DEFAULT_SERVER_NAME

# Names the app gives servers itself: stored in English (they identify the entry), shown in
# the UI's language. A name the user typed is shown as typed.
_OUR_SERVER_NAMES = frozenset({MANAGED_NAME, DEFAULT_SERVER_NAME})


def show_text(message: UserMessage | str) -> str:
    """`message` in the UI's language (plain text is returned unchanged)."""
    if isinstance(message, str):
        return message
    args: dict[str, Any] = {
        key: show_text(value) if isinstance(value, UserMessage) else value
        for key, value in message.args.items()
    }
    template = QCoreApplication.translate(message.context, message.template)
    # A translation that does not fit its arguments falls back to the English text.
    return fill(template, args, str(message))


def error_text(error: JobError) -> str:
    """What a job's error says, translated when it was stored with its template."""
    return show_text(error.text) if error.text is not None else error.message


def exception_text(exc: BaseException) -> str:
    """An error's message in the UI's language: translated when the core raised it with a
    `UserMessage` (`InvalidInput`, the ComfyUI client's errors), else its English text."""
    text = text_of(exc)
    return show_text(text) if text is not None else str(exc)


def status_text(status: ServerStatus) -> str:
    """Why a server is down (or what it last said), in the UI's language when the core gave a
    translatable message."""
    return show_text(status.text) if status.text is not None else status.message


def server_display_name(name: str) -> str:
    """A server's name as the window shows it: the names the app gives ("Local ComfyUI",
    "Local ComfyUI (managed)") translated, any other as it is."""
    if name in _OUR_SERVER_NAMES:
        return QCoreApplication.translate(CONTEXT, name)
    return name
