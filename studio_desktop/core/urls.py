"""Server addresses as the user types them and as we store them (no network, no Qt)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def normalize_base_url(base_url: str) -> str:
    """`http(s)://host[:port][/prefix]` without a trailing slash; ValueError if not one."""
    url = base_url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"{base_url!r} is not a server address. Use one like http://127.0.0.1:8188."
        )
    if parts.query or parts.fragment:
        raise ValueError(f"{base_url!r}: a server address cannot have a query or fragment.")
    return url


# scheme://userinfo@ : the userinfo (a user name, a password, a token) is what gets hidden.
_URL_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s@?#]+@")


def redact_url(text: str) -> str:
    """`text` with the user name and password of every URL in it replaced by `***`.

    For logs and messages: `http://user:pass@host:8188/x` becomes `http://***@host:8188/x`.
    Works on a bare URL or on any text quoting URLs; text without one is returned unchanged.
    """
    return _URL_USERINFO.sub(r"\1***@", text)
