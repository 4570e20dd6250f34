"""Server addresses and access tokens as the user types them and as we store them (no network,
no Qt). The window's server dialogs and the CLI call these same checks, so both refuse the same
input with the same one-line message."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from studio_desktop.core.messages import (
    QT_TRANSLATE_NOOP,
    InvalidInput,
    UserMessage,
    message,
    verbatim,
)

EXAMPLE_ADDRESS = "http://127.0.0.1:8188"
DEFAULT_SERVER = "http://127.0.0.1:8188"  # where ComfyUI listens when started without arguments


def normalize_base_url(base_url: str) -> str:
    """`http(s)://host[:port][/prefix]` without a trailing slash.

    ValueError (a one-line message saying what is wrong) for anything else: no or another
    scheme, no host, a bad port, a query or fragment, spaces or control characters.
    """
    typed = base_url.strip()
    if not typed:
        raise InvalidInput(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "The server address is empty. Use one like {example}."
                ),
                example=EXAMPLE_ADDRESS,
            )
        )
    shown = _shown(typed)
    if any(ch.isspace() or not ch.isprintable() for ch in typed):
        # urlsplit would silently drop tabs and line breaks, and requests would then fail.
        raise _not_an_address(
            shown,
            message(QT_TRANSLATE_NOOP("CoreMessages", "it contains a space or a line break")),
        )
    if "://" not in typed:
        if not _looks_like_host(typed):
            raise _not_an_address(shown, _needs_scheme())
        # `127.0.0.1:8188` or `localhost:8188`, as ComfyUI's own start-up line and most
        # people write it: plain http is what a ComfyUI without a proxy speaks.
        typed = f"http://{typed}"
    url = typed.rstrip("/")
    try:
        parts = urlsplit(url)
        port = parts.port  # reading it checks it
    except ValueError as exc:
        raise _not_an_address(shown, _why(exc)) from None
    if parts.scheme.lower() not in ("http", "https"):
        raise _not_an_address(shown, _needs_scheme())
    if not parts.hostname:
        raise _not_an_address(
            shown, message(QT_TRANSLATE_NOOP("CoreMessages", "it has no host name"))
        )
    if port == 0:
        raise _not_an_address(shown, _why(ValueError("port")))
    if parts.query or parts.fragment:
        raise InvalidInput(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "{address}: a server address cannot have a query (?) or fragment (#).",
                ),
                address=shown,
            )
        )
    return url


# scheme://userinfo@ : the userinfo (a user name, a password, a token) is what gets hidden.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")


def redact_url(text: str) -> str:
    """`text` with the user name and password of every URL in it replaced by `***`.

    For logs and messages: `http://user:pass@host:8188/x` becomes `http://***@host:8188/x`.
    Works on a bare URL or on any text quoting URLs; text without one is returned unchanged.
    """
    return _URL_USERINFO.sub(r"\1***@", text)


def check_auth_header(value: str | None) -> str | None:
    """The `Authorization` value to send (trimmed), None when there is none.

    ValueError unless it is one line of printable ASCII: a line break would let it add headers
    of its own, and HTTP cannot carry other characters. The message never repeats the value
    (it is a secret).
    """
    if value is None or not value.strip():
        return None
    token = value.strip()
    if any(ch in "\r\n" for ch in token):
        problem = message(QT_TRANSLATE_NOOP("CoreMessages", "a line break"))
    elif any(not ch.isascii() for ch in token):
        problem = message(QT_TRANSLATE_NOOP("CoreMessages", "a character that is not ASCII"))
    elif any(not ch.isprintable() for ch in token):
        problem = message(QT_TRANSLATE_NOOP("CoreMessages", "a control character"))
    else:
        return token
    raise InvalidInput(
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "The access token (Authorization header) contains {problem}; it must be one "
                "line of plain ASCII text, such as Bearer <token>.",
            ),
            problem=problem,
        )
    )


def _looks_like_host(text: str) -> bool:
    """`host:port` or `host:port/prefix`: an address missing only its scheme. A bare word is
    not taken for a host name: it is more often a typo than a server."""
    host, colon, rest = text.partition(":")
    return bool(host) and bool(colon) and rest.split("/", 1)[0].isdigit()


def _shown(url: str) -> str:
    """The address as quoted in messages: repr escapes line breaks; long ones are cut."""
    text = repr(url)
    return text if len(text) <= 120 else text[:117] + "…'"


def _not_an_address(shown: str, why: UserMessage) -> InvalidInput:
    return InvalidInput(
        message(
            QT_TRANSLATE_NOOP("CoreMessages", "{address} is not a server address: {why}."),
            address=shown,
            why=why,
        )
    )


def _needs_scheme() -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP(
            "CoreMessages", "it must start with http:// or https:// (like {example})"
        ),
        example=EXAMPLE_ADDRESS,
    )


def _why(exc: ValueError) -> UserMessage:
    text = str(exc)
    if "IPv6" in text:
        return message(QT_TRANSLATE_NOOP("CoreMessages", "its IPv6 address is not closed with ]"))
    if "Port" in text or "port" in text:
        return message(
            QT_TRANSLATE_NOOP("CoreMessages", "the port must be a number from 1 to 65535")
        )
    if text.rstrip("."):
        return verbatim(text.rstrip("."))
    return message(QT_TRANSLATE_NOOP("CoreMessages", "it cannot be read"))
