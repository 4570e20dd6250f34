"""Blocking HTTP client for one ComfyUI server (requests, keep-alive connection pool).

Every failure comes out as a `ComfyError` subclass (see errors.py); nothing from requests leaks.
Thread-safe for concurrent calls: a requests.Session shares its pool across threads.
"""

from __future__ import annotations

import json
import ntpath
import posixpath
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter

from studio_desktop.core.comfy.errors import (
    BadResponse,
    ComfyAuthError,
    ComfyConnectionError,
    ComfyError,
    ComfyHTTPError,
    ComfyTimeout,
    PromptRejected,
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

# Re-exported: callers outside the UI still import it from here.
from studio_desktop.core.urls import normalize_base_url as normalize_base_url

T = TypeVar("T")

_CHUNK = 64 * 1024
_BODY_SNIPPET = 4000


def _safe_filename(filename: str) -> str:
    # The server only ever sees a bare name: never a local path (DESIGN §6).
    name = ntpath.basename(posixpath.basename(filename))
    return name or "upload.png"


class ComfyClient:
    """Typed access to ComfyUI's HTTP routes. Close it (or use `with`) to release the pool."""

    def __init__(
        self,
        base_url: str,
        *,
        auth_header: str | None = None,
        timeout: float = 30.0,
        session: requests.Session | None = None,
    ) -> None:
        self.base_url = normalize_base_url(base_url)
        self.timeout = timeout
        self._owns_session = session is None
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(pool_connections=4, pool_maxsize=8, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
        self._session = session
        self._auth_header = auth_header or None
        self._headers: dict[str, str] = {"Accept": "application/json"}
        if auth_header:
            self._headers["Authorization"] = auth_header

    @property
    def auth_header(self) -> str | None:
        """The `Authorization` value sent; give it to EventStream for the same server."""
        return self._auth_header

    def __enter__(self) -> ComfyClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Release pooled connections (only of a session this client created)."""
        if self._owns_session:
            self._session.close()

    # --- plumbing -------------------------------------------------------------------------

    def _send(
        self, method: str, route: str, *, stream: bool = False, **kwargs: Any
    ) -> requests.Response:
        url = f"{self.base_url}{route}"
        try:
            response = self._session.request(
                method, url, headers=self._headers, timeout=self.timeout, stream=stream, **kwargs
            )
        except requests.Timeout as exc:
            raise ComfyTimeout(self.base_url, self.timeout) from exc
        except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
            raise ComfyConnectionError(self.base_url, _reason(exc)) from exc
        except (requests.exceptions.InvalidJSONError, requests.exceptions.InvalidHeader) as exc:
            # Refused before anything was sent: the same request would be refused again, and
            # the server is not to blame. (No exception text: it would repeat the token.)
            what = "a number that is not finite (NaN or infinity)"
            if isinstance(exc, requests.exceptions.InvalidHeader):
                what = "an access token that is not one line of plain text"
            raise ComfyError(
                f"The request to ComfyUI at {self.base_url} could not be sent: it holds {what}.",
                url=self.base_url,
            ) from exc
        except requests.RequestException as exc:
            raise ComfyConnectionError(self.base_url, _reason(exc)) from exc
        if response.status_code >= 400:
            try:
                self._raise_for_status(response, route)
            finally:
                response.close()
        return response

    def _raise_for_status(self, response: requests.Response, route: str) -> None:
        status = response.status_code
        try:
            body = response.text[:_BODY_SNIPPET]
        except requests.RequestException:
            body = ""
        if status in (401, 403):
            raise ComfyAuthError(self.base_url, status, body)
        if status == 400 and route == "/prompt":
            try:
                rejected = PromptRejected.from_body(self.base_url, json.loads(body))
            except ValueError:
                rejected = None
            if rejected is not None:
                raise rejected
        raise ComfyHTTPError(self.base_url, status, body)

    def _json(self, method: str, route: str, parse: Callable[[Any], T], **kwargs: Any) -> T:
        response = self._send(method, route, **kwargs)
        try:
            body = response.json()
        except requests.exceptions.ChunkedEncodingError as exc:
            raise ComfyConnectionError(self.base_url, _reason(exc)) from exc
        except ValueError as exc:
            raise BadResponse(self.base_url, f"{route} did not return JSON") from exc
        finally:
            response.close()
        try:
            return parse(body)
        except ComfyError:
            raise
        except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
            raise BadResponse(self.base_url, f"unexpected {route} answer: {exc!r}") from exc

    def _post_json(self, route: str, payload: Mapping[str, Any]) -> None:
        self._send("POST", route, json=payload).close()

    # --- routes ---------------------------------------------------------------------------

    def system_stats(self) -> SystemStats:
        return self._json("GET", "/system_stats", lambda b: system_stats_from_json(_obj(b)))

    def object_info(self) -> ObjectInfo:
        return self._json("GET", "/object_info", lambda b: ObjectInfo(_obj(b)))

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
            "POST", "/prompt", lambda b: submit_result_from_json(_obj(b)), json=payload
        )

    def delete_from_queue(self, prompt_ids: Sequence[str]) -> None:
        """Drop waiting prompts. A running prompt is not stopped: use interrupt()."""
        self._post_json("/queue", {"delete": list(prompt_ids)})

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
        max_bytes: int = 256 * 1024 * 1024,
    ) -> bytes:
        """Download a file the server made. BadResponse if it is larger than `max_bytes`."""
        if isinstance(file, OutputFile):
            filename, subfolder, type = file.filename, file.subfolder, file.type
        else:
            filename = file
        params = {"filename": filename, "subfolder": subfolder, "type": type}
        response = self._send("GET", "/view", params=params, stream=True)
        try:
            declared = response.headers.get("Content-Length")
            if declared is not None and declared.isdigit() and int(declared) > max_bytes:
                raise BadResponse(self.base_url, f"{filename} is larger than {max_bytes} bytes")
            chunks: list[bytes] = []
            total = 0
            for chunk in response.iter_content(_CHUNK):
                total += len(chunk)
                if total > max_bytes:
                    raise BadResponse(self.base_url, f"{filename} is larger than {max_bytes} bytes")
                chunks.append(chunk)
            return b"".join(chunks)
        except requests.Timeout as exc:
            raise ComfyTimeout(self.base_url, self.timeout) from exc
        except requests.RequestException as exc:
            raise ComfyConnectionError(self.base_url, _reason(exc)) from exc
        finally:
            response.close()

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
        files = {"image": (name, data, "application/octet-stream")}
        return self._json(
            "POST",
            "/upload/image",
            lambda b: uploaded_file_from_json(_obj(b)),
            data=fields,
            files=files,
        )


def _obj(body: Any) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise TypeError(f"expected a JSON object, got {type(body).__name__}")
    return body


_REASONS = (
    ("refused", "connection refused"),
    ("Name or service not known", "server name not found"),
    ("nodename nor servname", "server name not found"),
    ("getaddrinfo failed", "server name not found"),
    ("No route to host", "no route to host"),
    ("Connection reset", "connection reset"),
    ("RemoteDisconnected", "connection closed by the server"),
    ("Connection aborted", "connection closed by the server"),
    ("IncompleteRead", "connection dropped mid-answer"),
    ("CERTIFICATE_VERIFY_FAILED", "TLS certificate not trusted"),
)


def _reason(exc: BaseException) -> str:
    # requests buries the useful part ("Connection refused") inside nested urllib3 messages.
    text = str(exc)
    for needle, reason in _REASONS:
        if needle in text:
            return reason
    return type(exc).__name__
