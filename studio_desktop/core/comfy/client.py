"""Blocking HTTP client for one ComfyUI server (kept-alive connections, see transport.py).

Every failure comes out as a `ComfyError` subclass (see errors.py); nothing from the transport
leaks. Thread-safe for concurrent calls: the transport's pool is shared across threads.

Bounded (limits.py): every call has an overall deadline besides the per-read `timeout`, every
body a size cap, and redirects are followed only within the server's own origin, so neither a
request nor the access token ever goes to a server the user did not name.
"""

from __future__ import annotations

import json
import ntpath
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote, urlencode, urljoin, urlsplit

from urllib3.filepost import encode_multipart_formdata

from studio_desktop.core.comfy import limits
from studio_desktop.core.comfy.deadline import Deadline
from studio_desktop.core.comfy.errors import (
    BadResponse,
    ComfyAuthError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyProtocolError,
    ComfyTimeout,
    PromptRejected,
    RedirectRefused,
    ResponseTooLarge,
)
from studio_desktop.core.comfy.models import (
    HistoryEntry,
    OutputFile,
    QueueState,
    SubmitResult,
    SystemStats,
    UploadedFile,
    history_entry_from_json,
    queue_state_from_json,
    submit_result_from_json,
    system_stats_from_json,
    uploaded_file_from_json,
)
from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.comfy.text import server_text
from studio_desktop.core.comfy.transport import (
    BodyTooLarge,
    Reply,
    TransportError,
    TransportTimeout,
    for_server,
)

# Re-exported: callers outside the UI still import it from here.
from studio_desktop.core.urls import normalize_base_url as normalize_base_url

T = TypeVar("T")

_CHUNK = 64 * 1024
_BODY_SNIPPET = 4000
_DEFAULT_PORTS = {"http": 80, "https": 443}
_REDIRECT_STATUSES = frozenset((301, 302, 303, 307, 308))
# A header value one line of visible text (or empty), as requests checked it before sending.
_SENDABLE_HEADER_VALUE = re.compile(r"^\S[^\r\n]*$|^$")


class _Unsendable(Exception):
    """The request cannot be sent as it is; `what` names the part at fault, for the message."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _safe_filename(filename: str) -> str:
    # The server only ever sees a bare name: never a local path (DESIGN §6).
    name = ntpath.basename(posixpath.basename(filename))
    return name or "upload.png"


def _origin(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of `url`; None if it has none we could compare."""
    try:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        port = parts.port or _DEFAULT_PORTS.get(scheme)
    except ValueError:
        return None
    if not parts.hostname or port is None:
        return None
    return scheme, parts.hostname.lower(), port


class ComfyClient:
    """Typed access to ComfyUI's HTTP routes. Close it (or use `with`) to release the pool.

    `timeout` bounds each read; `deadline` a whole API call and `transfer_deadline` a download
    or upload, from connecting to the last byte.
    """

    def __init__(
        self,
        base_url: str,
        *,
        auth_header: str | None = None,
        timeout: float = 30.0,
        deadline: float = limits.REQUEST_DEADLINE_SECONDS,
        transfer_deadline: float = limits.TRANSFER_DEADLINE_SECONDS,
        max_json_bytes: int = limits.MAX_JSON_BYTES,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.timeout = timeout
        self.deadline = deadline
        self.transfer_deadline = transfer_deadline
        self.max_json_bytes = max_json_bytes
        self._origin = _origin(self.base_url)
        self._transport = for_server(self.base_url, timeout)
        self._auth_header = auth_header or None
        self._headers: dict[str, str] = {"Accept": "application/json"}
        if auth_header:
            self._headers["Authorization"] = auth_header
        self._header_sendable = all(_sendable_header(v) for v in self._headers.values())

    @property
    def auth_header(self) -> str | None:
        """The `Authorization` value sent; give it to EventStream for the same server."""
        return self._auth_header

    def __enter__(self) -> ComfyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections."""
        self._transport.close()

    # --- plumbing -------------------------------------------------------------------------

    def _call(
        self,
        method: str,
        route: str,
        read: Callable[[Reply], T],
        *,
        seconds: float | None = None,
        params: Mapping[str, str] | None = None,
        json_body: Any = None,
        form: tuple[Mapping[str, str], tuple[str, bytes, str]] | None = None,
    ) -> T:
        """Send, check the status, and `read` the body, all within one deadline.

        The body is `json_body` (sent as JSON) or `form` (fields, and one file as (name, bytes,
        content type), sent as multipart/form-data)."""
        seconds = self.deadline if seconds is None else seconds
        try:
            headers, body = self._request_parts(json_body, form)
        except _Unsendable as exc:
            # Refused before anything was sent: the same request would be refused again, and
            # the server is not to blame. (No exception text: it would repeat the token.)
            raise ComfyError(
                f"The request to ComfyUI at {self.base_url} could not be sent: "
                f"it holds {exc.what}.",
                url=self.base_url,
            ) from None
        url = f"{self.base_url}{route}"
        if params:
            url = f"{url}?{urlencode(params)}"
        with Deadline(seconds) as deadline:
            try:
                reply = self._send(method, url, route, headers, body)
                try:
                    result = read(reply)
                finally:
                    reply.close()
            except TransportTimeout as exc:
                if deadline.expired:
                    raise ComfyTimeout(self.base_url, seconds) from exc
                raise ComfyTimeout(self.base_url, self.timeout) from exc
            except TransportError as exc:
                if deadline.expired:
                    raise ComfyTimeout(self.base_url, seconds) from exc
                raise ComfyConnectionError(self.base_url, exc.reason) from exc
            except ComfyError as exc:
                # A body cut by the deadline reads as truncated or unparseable: say what it was.
                if deadline.expired and not isinstance(exc, ComfyTimeout):
                    raise ComfyTimeout(self.base_url, seconds) from exc
                raise
            if deadline.expired:  # cut at a point that looked like the end of the body
                raise ComfyTimeout(self.base_url, seconds)
            return result

    def _request_parts(
        self, json_body: Any, form: tuple[Mapping[str, str], tuple[str, bytes, str]] | None
    ) -> tuple[Mapping[str, str], bytes | None]:
        """The headers and the encoded body of one request; _Unsendable if it cannot be sent."""
        if not self._header_sendable:
            raise _Unsendable("an access token that is not one line of plain text")
        if form is not None:
            fields, (name, data, content_type) = form
            body, form_type = encode_multipart_formdata(
                [*fields.items(), ("image", (name, data, content_type))]
            )
            return {**self._headers, "Content-Type": form_type}, body
        if json_body is None:
            return self._headers, None
        try:
            encoded = json.dumps(json_body, allow_nan=False).encode("utf-8")
        except ValueError:
            raise _Unsendable("a number that is not finite (NaN or infinity)") from None
        return {**self._headers, "Content-Type": "application/json"}, encoded

    def _send(
        self, method: str, url: str, route: str, headers: Mapping[str, str], body: bytes | None
    ) -> Reply:
        """The final answer to `method url`, after same-origin redirects; 4xx/5xx raise."""
        for _ in range(limits.MAX_REDIRECTS + 1):
            reply = self._transport.send(method, url, headers, body)
            location = reply.header("location")
            if reply.status not in _REDIRECT_STATUSES or location is None:
                break
            target = urljoin(url, location)
            status = reply.status
            reply.close()
            if self._origin is None or _origin(target) != self._origin:
                raise RedirectRefused(self.base_url, target)
            if method not in ("GET", "HEAD") and status not in (307, 308):
                # 301-303 would turn the POST into a GET and drop what we sent.
                raise ComfyHTTPError(self.base_url, status, f"redirected {route} to {target}")
            url = target  # the redirect target carries its own query
        else:
            reply.close()
            raise ComfyHTTPError(self.base_url, reply.status, "too many redirects")
        if reply.status >= 400:
            try:
                self._raise_for_status(reply, route)
            finally:
                reply.close()
        return reply

    def _raise_for_status(self, reply: Reply, route: str) -> None:
        status = reply.status
        rejection = status == 400 and route == "/prompt"  # JSON worth reading whole
        limit = self.max_json_bytes if rejection else limits.MAX_ERROR_BODY_BYTES
        try:
            raw = _read_prefix(reply, limit)
        except (TransportError, TransportTimeout):
            raw = b""
        # Not response.encoding: the server names the charset, and a made-up one would raise.
        body = raw.decode("utf-8", errors="replace")
        if status in (401, 403):
            raise ComfyAuthError(self.base_url, status, body[:_BODY_SNIPPET])
        if rejection:
            try:
                rejected = PromptRejected.from_body(self.base_url, json.loads(body))
            except (ValueError, RecursionError):
                rejected = None
            if rejected is not None:
                raise rejected
        raise ComfyHTTPError(self.base_url, status, body[:_BODY_SNIPPET])

    def _json(self, method: str, route: str, parse: Callable[[Any], T], **kwargs: Any) -> T:
        def read(reply: Reply) -> T:
            raw = _read_capped(reply, self.max_json_bytes, self.base_url, f"the {route} answer")
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError) as exc:
                raise BadResponse(self.base_url, f"{route} did not return JSON") from exc
            try:
                return parse(body)
            except ComfyProtocolError as exc:
                raise BadResponse(
                    self.base_url, f"unexpected {route} answer: {exc.reason}"
                ) from exc

        return self._call(method, route, read, **kwargs)

    def _post_json(self, route: str, payload: Mapping[str, Any]) -> None:
        # Read the (empty) answer so the connection goes back to the pool.
        self._call(
            "POST",
            route,
            lambda reply: _read_prefix(reply, limits.MAX_ERROR_BODY_BYTES),
            json_body=payload,
        )

    # --- routes ---------------------------------------------------------------------------

    def system_stats(self) -> SystemStats:
        return self._json("GET", "/system_stats", lambda b: system_stats_from_json(_obj(b)))

    def object_info(self) -> ObjectInfo:
        return self._json("GET", "/object_info", lambda b: ObjectInfo(_obj(b)))

    def embeddings(self) -> list[str]:
        """The embedding names `GET /embeddings` lists (what `embedding:NAME` may name)."""
        return self._json("GET", "/embeddings", _names)

    def model_metadata(self, folder: str, filename: str) -> dict[str, str] | None:
        """A model file's safetensors header metadata (`GET /view_metadata/{folder}`), e.g. a
        LoRA's `ss_tag_frequency`; None when the server has none (404: no such file, not a
        .safetensors, or no metadata)."""
        route = f"/view_metadata/{quote(folder, safe='')}"
        try:
            return self._json("GET", route, _metadata, params={"filename": filename})
        except ComfyHTTPError as exc:
            if exc.status == 404:
                return None
            raise

    def queue(self) -> QueueState:
        return self._json("GET", "/queue", lambda b: queue_state_from_json(_obj(b)))

    def submit(
        self,
        prompt: Mapping[str, Any],
        *,
        client_id: str,
        prompt_id: str | None = None,
        extra_data: Mapping[str, Any] | None = None,
        front: bool = False,
    ) -> SubmitResult:
        """Queue a prompt (API format). Raises PromptRejected when the server refuses it."""
        payload: dict[str, Any] = {"prompt": dict(prompt), "client_id": client_id}
        if prompt_id is not None:
            payload["prompt_id"] = prompt_id
        if extra_data:
            payload["extra_data"] = dict(extra_data)
        if front:
            payload["front"] = True
        return self._json(
            "POST", "/prompt", lambda b: submit_result_from_json(_obj(b)), json_body=payload
        )

    def delete_from_queue(self, prompt_ids: Sequence[str]) -> None:
        """Drop waiting prompts. A running prompt is not stopped: use interrupt()."""
        self._post_json("/queue", {"delete": list(prompt_ids)})

    def delete_history(self, prompt_ids: Sequence[str]) -> None:
        """Drop finished runs from the server's history (POST /history {"delete": [...]})."""
        self._post_json("/history", {"delete": list(prompt_ids)})

    def clear_queue(self) -> None:
        self._post_json("/queue", {"clear": True})

    def interrupt(self, prompt_id: str | None = None) -> None:
        """Stop the running prompt; with `prompt_id`, only if that one is running."""
        self._post_json("/interrupt", {"prompt_id": prompt_id} if prompt_id else {})

    def history(self, prompt_id: str) -> HistoryEntry | None:
        """The finished run of `prompt_id`; None while it is queued, running or unknown."""

        def parse(body: Any) -> HistoryEntry | None:
            entry = _obj(body).get(prompt_id)
            return None if entry is None else history_entry_from_json(prompt_id, _obj(entry))

        return self._json("GET", f"/history/{quote(prompt_id, safe='')}", parse)

    def view(
        self,
        file: OutputFile | str,
        *,
        subfolder: str = "",
        type: str = "output",
        max_bytes: int = limits.MAX_VIEW_BYTES,
    ) -> bytes:
        """Download a file the server made. ResponseTooLarge (permanent) past `max_bytes`."""
        if isinstance(file, OutputFile):
            filename, subfolder, type = file.filename, file.subfolder, file.type
        else:
            filename = file
        params = {"filename": filename, "subfolder": subfolder, "type": type}
        return self._call(
            "GET",
            "/view",
            lambda reply: _read_capped(reply, max_bytes, self.base_url, filename),
            seconds=self.transfer_deadline,
            params=params,
        )

    def upload_image(
        self,
        data: bytes,
        filename: str,
        *,
        subfolder: str = "",
        type: str = "input",
        overwrite: bool = False,
    ) -> UploadedFile:
        """Upload image bytes. Use the returned name: the server may rename clashing files."""
        name = _safe_filename(filename)
        fields = {
            "type": type,
            "subfolder": subfolder,
            "overwrite": "true" if overwrite else "false",
        }
        return self._json(
            "POST",
            "/upload/image",
            lambda b: uploaded_file_from_json(_obj(b)),
            seconds=self.transfer_deadline,
            form=(fields, (name, data, "application/octet-stream")),
        )


def _names(body: Any) -> list[str]:
    if not isinstance(body, list):
        raise ComfyProtocolError(f"expected a JSON list, got {type(body).__name__}")
    return [server_text(x, 500) for x in body[: limits.MAX_LISTED_NAMES] if isinstance(x, str)]


def _metadata(body: Any) -> dict[str, str]:
    """Header metadata: every value a string (safetensors), others skipped; each cut short."""
    return {
        server_text(k, 200): v[: limits.MAX_METADATA_VALUE_CHARS]
        for k, v in list(_obj(body).items())[: limits.MAX_LISTED_NAMES]
        if isinstance(v, str)
    }


def _obj(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise ComfyProtocolError(f"expected a JSON object, got {type(body).__name__}")
    return body


def _read_capped(reply: Reply, limit: int, url: str, what: str) -> bytes:
    """The whole body; ResponseTooLarge as soon as it (or its declared length) passes `limit`."""
    try:
        return reply.body(limit)
    except BodyTooLarge:
        raise ResponseTooLarge(url, what, limit) from None


def _read_prefix(reply: Reply, limit: int) -> bytes:
    """At most `limit` bytes of the body; the rest is left unread (the connection is dropped)."""
    body = bytearray()
    for chunk in reply.chunks(_CHUNK):
        body += chunk[: limit - len(body)]
        if len(body) >= limit:
            break
    return bytes(body)


def _sendable_header(value: str) -> bool:
    if not _SENDABLE_HEADER_VALUE.match(value):
        return False
    try:
        value.encode("latin-1")  # what HTTP/1.1 headers are sent in
    except UnicodeEncodeError:
        return False
    return True
