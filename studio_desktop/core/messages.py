"""Messages from the core that the user reads, translatable without Qt.

A message is an English template with named arguments. `str()` of it is the English text (logs,
the command line, the database's `message` column); the window translates the template in its
context with Qt and then fills the arguments in (`ui.texts.show_text`). The templates are marked
with `QT_TRANSLATE_NOOP(context, text)`, a no-op here that Qt's lupdate recognises by name, so
the core's messages land in the same .ts files as the UI's (build/compile_translations.py scans
this package too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeAlias

CONTEXT: Final = "CoreMessages"

Argument: TypeAlias = "str | int | float | UserMessage"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Mark `text` for translation in `context` (lupdate extracts it); returns it unchanged."""
    return text


@dataclass(frozen=True)
class UserMessage:
    """An English template with `{name}` fields and their values (a value may be a message of
    its own, translated in its turn)."""

    template: str
    args: Mapping[str, Argument] = field(default_factory=dict)
    context: str = CONTEXT

    def __str__(self) -> str:
        args = {k: str(v) if isinstance(v, UserMessage) else v for k, v in self.args.items()}
        return fill(self.template, args, self.template)

    def to_dict(self) -> dict[str, Any]:
        args = {k: v.to_dict() if isinstance(v, UserMessage) else v for k, v in self.args.items()}
        return {"context": self.context, "template": self.template, "args": args}

    @classmethod
    def from_dict(cls, data: Any) -> UserMessage | None:
        """A message as `to_dict` wrote it; None for anything else (an older or foreign row)."""
        if not isinstance(data, Mapping):
            return None
        template, context, raw = data.get("template"), data.get("context"), data.get("args", {})
        if not isinstance(template, str) or not isinstance(context, str):
            return None
        if not isinstance(raw, Mapping):
            return None
        args: dict[str, Argument] = {}
        for key, value in raw.items():
            if isinstance(value, Mapping):
                nested = cls.from_dict(value)
                if nested is None:
                    return None
                args[str(key)] = nested
            elif isinstance(value, str | int | float) and not isinstance(value, bool):
                args[str(key)] = value
            else:
                return None
        return cls(template, args, context)


def message(template: str, **args: Argument) -> UserMessage:
    """`message(QT_TRANSLATE_NOOP("CoreMessages", "Node {node} failed."), node=node_id)`."""
    return UserMessage(template, args)


def joined(parts: Sequence[UserMessage]) -> UserMessage:
    """Messages in a row, separated as the language separates clauses ("; " in English)."""
    if not parts:
        return message("")
    text = parts[0]
    for part in parts[1:]:
        text = message(
            QT_TRANSLATE_NOOP("CoreMessages", "{first}; {second}"), first=text, second=part
        )
    return text


def fill(template: str, args: Mapping[str, object], fallback: str) -> str:
    """`template.format(**args)`, or `fallback` if the template does not fit the arguments (a
    translation with a misspelt field must not hide the message)."""
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError, AttributeError):
        return fallback


def verbatim(text: str) -> UserMessage:
    """Text that is not ours to translate (a server's words, a template's own hint), as a
    message: shown as it is in every language."""
    return UserMessage("{text}", {"text": text})


class InvalidInput(ValueError):
    """Input the user typed that cannot be used: `str()` is the English line, `text` the
    translatable message. A ValueError, so callers that catch those still do."""

    def __init__(self, text: UserMessage) -> None:
        super().__init__(str(text))
        self.text = text


def text_of(exc: BaseException) -> UserMessage | None:
    """The translatable message an error was raised with, if any (`ComfyError`,
    `TemplateError`, `InvalidInput` carry one as `text`)."""
    text = getattr(exc, "text", None)
    return text if isinstance(text, UserMessage) else None
