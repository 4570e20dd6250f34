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
from studio_desktop.core.messages import UserMessage, fill, text_of


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
