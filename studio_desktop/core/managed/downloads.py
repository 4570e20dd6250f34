"""Download a model file into a local ComfyUI's `models/<folder>` (issue 16: missing models).

`download(url, folder, name, ...)` writes `<name>.part` beside the target and renames it only
once it is complete and, when the template declares one, its SHA-256 matches. A cut leaves the
`.part` and a small `<name>.part.json` (the URL and the validator the server gave: ETag or
Last-Modified), so the next call asks for the rest with `Range` + `If-Range`; a server that
answers 200 instead of 206 (no ranges, or the file changed) is read again from byte 0.

Every failure is a `DownloadError` with one translatable line (HTTP status, timeout, dropped
connection, full disk, checksum); `DownloadCancelled` when `cancelled()` said so between
chunks (the `.part` stays, so a retry resumes). The file name is checked before anything is
written: never a path outside the target folder.

Qt-free and synchronous: the window runs it in a `Tasks` pool and reports progress through the
task's reporter; tests run it against a local HTTP server (`tests/fakes/file_server.py`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

if TYPE_CHECKING:  # requests loads only when a download runs
    import requests

CHUNK_BYTES: Final = 64 * 1024  # a cancel or a cut loses at most this much
CONNECT_TIMEOUT_S: Final = 15.0
READ_TIMEOUT_S: Final = 60.0  # between two reads of the body, not for the whole file
PROGRESS_EVERY_S: Final = 0.2  # at most this often, plus the first and the last report
PART_SUFFIX: Final = ".part"
META_SUFFIX: Final = ".part.json"
# A model folder is one plain name ("checkpoints", "insightface"); a file name may have
# subfolders ("SD1.5/x.safetensors", as ComfyUI lists them) of plain names.
_PLAIN: Final = re.compile(r"^[^\x00-\x1f<>:\"|?*\\/]+$")
_HASH: Final = re.compile(r"^[0-9a-f]{64}$")


class DownloadError(Exception):
    """A download that did not complete: `text` is the one line for the user."""

    def __init__(self, text: UserMessage) -> None:
        super().__init__(str(text))
        self.text = text


class DownloadCancelled(DownloadError):
    """Stopped because the caller asked; the `.part` is kept for a resume."""

    def __init__(self) -> None:
        super().__init__(message(QT_TRANSLATE_NOOP("CoreMessages", "The download was cancelled.")))


@dataclass(frozen=True)
class Progress:
    done: int  # bytes in the file so far (a resumed download starts above 0)
    total: int | None  # None when the server does not say
    bytes_per_s: float  # over this attempt

    @property
    def fraction(self) -> float | None:
        return None if not self.total else min(1.0, self.done / self.total)


def safe_relative(name: str) -> Path:
    """`name` as a path inside a folder: plain parts only (no `..`, no drive, no absolute
    path, no characters Windows refuses). Raises DownloadError."""
    parts = name.replace("\\", "/").split("/")
    if not name or len(name) > 1024 or not all(_plain_part(p) for p in parts):
        raise DownloadError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "'{name}' is not a file name that can be saved."),
                name=name,
            )
        )
    return Path(*parts)


def _plain_part(part: str) -> bool:
    # Windows drops trailing dots and spaces, so "x." would be another file than asked for.
    return part not in ("", ".", "..") and bool(_PLAIN.match(part)) and part == part.strip(" .")


def target_path(models_root: Path, folder: str, name: str) -> Path:
    """Where `name` goes: `models_root/folder/name`, checked to stay inside that folder."""
    if "/" in folder or "\\" in folder:
        raise DownloadError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "'{name}' is not a file name that can be saved."),
                name=folder,
            )
        )
    base = models_root / safe_relative(folder)
    path = base / safe_relative(name)
    # Belt and braces: a symlinked folder may point anywhere, but the name itself may not.
    if not path.resolve().is_relative_to(base.resolve()):
        raise DownloadError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "'{name}' is not a file name that can be saved."),
                name=name,
            )
        )
    return path


def normal_sha256(value: str) -> str:
    """A declared SHA-256 in lower case, or "" when none (or not 64 hex digits)."""
    text = value.strip().lower()
    return text if _HASH.match(text) else ""


def download(
    url: str,
    models_root: Path,
    folder: str,
    name: str,
    *,
    sha256: str = "",
    progress: Callable[[Progress], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    session: requests.Session | None = None,
    timeouts: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
    chunk_bytes: int = CHUNK_BYTES,
) -> Path:
    """Fetch `url` into `models_root/folder/name`; the final path. A file already there is
    taken as it is, unread: it may be the user's own, and hashing gigabytes to refuse it would
    only be in the way (the row shows because the server does not list it: a refresh does)."""
    import requests

    path = target_path(models_root, folder, name)
    expected = normal_sha256(sha256)
    if path.is_file():
        return path
    part = path.with_name(path.name + PART_SUFFIX)
    meta_path = path.with_name(path.name + META_SUFFIX)
    own = session if session is not None else requests.Session()
    try:
        _write_guard(lambda: path.parent.mkdir(parents=True, exist_ok=True), path.parent)
        _fetch(own, url, part, meta_path, progress, cancelled, timeouts, chunk_bytes)
        if expected:
            actual = _file_sha256(part)
            if actual != expected:
                _remove(part, meta_path)
                raise _mismatch(path, expected, actual)
        _write_guard(lambda: os.replace(part, path), path.parent)
        _remove(meta_path)
        return path
    finally:
        if session is None:
            own.close()


def _fetch(
    session: requests.Session,
    url: str,
    part: Path,
    meta_path: Path,
    progress: Callable[[Progress], None] | None,
    cancelled: Callable[[], bool] | None,
    timeouts: tuple[float, float],
    chunk_bytes: int,
) -> None:
    import requests

    have = part.stat().st_size if part.is_file() else 0
    meta = _read_meta(meta_path)
    headers = {"Accept-Encoding": "identity"}  # byte offsets are of the file, not of gzip
    if have and meta.get("url") == url:
        headers["Range"] = f"bytes={have}-"
        validator = meta.get("etag") or meta.get("last_modified")
        if isinstance(validator, str) and validator and not validator.startswith("W/"):
            headers["If-Range"] = validator
    else:
        have = 0
    try:
        response = session.get(url, headers=headers, stream=True, timeout=timeouts)
    except requests.Timeout as exc:
        raise _failure("timeout", url) from exc
    except requests.RequestException as exc:
        raise _failure("connect", url, reason=_short(exc)) from exc
    with response:
        if response.status_code == 416 and have:
            total = _range_total(response.headers.get("Content-Range", ""))
            if total == have:
                return  # the part was already complete (cut after its last byte)
            _remove(part, meta_path)
            raise _failure("changed", url)
        if response.status_code not in (200, 206):
            raise DownloadError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "The server answered {status} {reason} for {url}."
                    ),
                    status=response.status_code,
                    reason=response.reason or "",
                    url=url,
                )
            )
        length = _int(response.headers.get("Content-Length"))
        if response.status_code == 206:
            start, total = _content_range(response.headers.get("Content-Range", ""))
            if start != have:
                _remove(part, meta_path)
                raise _failure("changed", url)
            mode = "ab"
        else:  # 200: the whole file (ranges not supported, or If-Range said it changed)
            have, total, mode = 0, length, "wb"
        _write_meta(meta_path, url, response.headers, total)
        _stream(response, part, mode, have, total, progress, cancelled, url, chunk_bytes)


def _stream(
    response: requests.Response,
    part: Path,
    mode: str,
    have: int,
    total: int | None,
    progress: Callable[[Progress], None] | None,
    cancelled: Callable[[], bool] | None,
    url: str,
    chunk_bytes: int,
) -> None:
    import requests

    started = time.monotonic()
    last_report = 0.0
    fresh = 0
    done = have

    def report(force: bool) -> None:
        nonlocal last_report
        now = time.monotonic()
        if progress is None or (not force and now - last_report < PROGRESS_EVERY_S):
            return
        last_report = now
        elapsed = now - started
        progress(Progress(done, total, fresh / elapsed if elapsed > 0 else 0.0))

    report(True)
    try:
        with part.open(mode) as file:
            for chunk in response.iter_content(chunk_size=chunk_bytes):
                if cancelled is not None and cancelled():
                    raise DownloadCancelled()
                if not chunk:
                    continue
                file.write(chunk)
                done += len(chunk)
                fresh += len(chunk)
                report(False)
            file.flush()
            os.fsync(file.fileno())
    except requests.Timeout as exc:
        raise _failure("timeout", url) from exc
    except requests.RequestException as exc:  # before OSError: requests' errors are OSErrors
        raise _failure("dropped", url, done=done, total=total) from exc
    except OSError as exc:
        raise _write_failure(exc, part.parent) from exc
    if total is not None and done != total:
        raise _failure("dropped", url, done=done, total=total)
    report(True)


def _write_guard(action: Callable[[], Any], folder: Path) -> Any:
    """Run a write; a full disk or a refused write becomes one line naming the folder."""
    try:
        return action()
    except OSError as exc:
        raise _write_failure(exc, folder) from exc


def _write_failure(exc: OSError, folder: Path) -> DownloadError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DownloadError(
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "The disk is full: free some space in {folder}."),
                folder=str(folder),
            )
        )
    return DownloadError(
        message(
            QT_TRANSLATE_NOOP("CoreMessages", "Cannot write in {folder}: {reason}"),
            folder=str(folder),
            reason=exc.strerror or str(exc),
        )
    )


def _failure(kind: str, url: str, **args: Any) -> DownloadError:
    if kind == "timeout":
        text = message(
            QT_TRANSLATE_NOOP("CoreMessages", "{url} did not answer in time; try again."), url=url
        )
    elif kind == "connect":
        text = message(
            QT_TRANSLATE_NOOP("CoreMessages", "Could not connect to {url}: {reason}"),
            url=url,
            reason=args["reason"],
        )
    elif kind == "changed":
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "The file at {url} changed since the download began; it starts again from "
                "the beginning on the next try.",
            ),
            url=url,
        )
    else:
        total = args.get("total")
        text = message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "The connection dropped after {done} of {total} bytes; try again to resume.",
            ),
            done=args["done"],
            total=total if total is not None else "?",
        )
    return DownloadError(text)


def _mismatch(path: Path, expected: str, actual: str) -> DownloadError:
    return DownloadError(
        message(
            QT_TRANSLATE_NOOP(
                "CoreMessages",
                "{name} is damaged or not the expected file (SHA-256 {actual}, expected "
                "{expected}); it was deleted.",
            ),
            name=path.name,
            actual=actual[:16] + "…",
            expected=expected[:16] + "…",
        )
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(CHUNK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def _content_range(value: str) -> tuple[int | None, int | None]:
    """`bytes START-END/TOTAL` -> (START, TOTAL); TOTAL None for `*`."""
    found = re.match(r"^\s*bytes\s+(\d+)-(\d+)/(\d+|\*)\s*$", value)
    if found is None:
        return None, None
    total = None if found.group(3) == "*" else int(found.group(3))
    return int(found.group(1)), total


def _range_total(value: str) -> int | None:
    """The TOTAL of a 416's `bytes */TOTAL`."""
    found = re.match(r"^\s*bytes\s+\*/(\d+)\s*$", value)
    return int(found.group(1)) if found else None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _short(exc: BaseException) -> str:
    """The root of a connection failure in a few words: urllib3's reason ("Failed to resolve
    'huggingface.co' (...)", "... Connection refused") without the pool and object dumps."""
    inner = exc.args[0] if exc.args else None
    reason = getattr(inner, "reason", None)
    root = reason if isinstance(reason, BaseException) else exc
    text = str(root).splitlines()[0] if str(root) else type(root).__name__
    # "<...HTTPSConnection object at 0x..>: " or "HTTPSConnection(host=..., port=443): "
    text = re.sub(r"^(<[^>]*>|\w+\([^)]*\)):\s*", "", text)
    return text[:200]


def _read_meta(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_meta(path: Path, url: str, headers: Any, total: int | None) -> None:
    data = {
        "url": url,
        "etag": headers.get("ETag", ""),
        "last_modified": headers.get("Last-Modified", ""),
        "total": total,
    }
    _write_guard(lambda: path.write_text(json.dumps(data), encoding="utf-8"), path.parent)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


def models_root(main_py: Path, base_directory: Path | None = None) -> Path:
    """The `models/` folder a ComfyUI started from `main_py` reads: the base directory's when
    it runs with `--base-directory` (the desktop app), else the one beside its code."""
    return (base_directory if base_directory is not None else main_py.parent) / "models"


def managed_models_root(data_root: Path, server_url: str) -> Path | None:
    """The `models/` folder of the ComfyUI this app runs at `server_url` (recorded in
    `managed-server.json` and still alive), or None: a server we do not run, whose disk we
    cannot write to. Reads a small file and checks a pid: call it off the GUI thread."""
    from studio_desktop.core.managed.running import alive, read_record

    record = read_record(data_root)
    if record is None or not same_server(record.url, server_url) or not alive(record.pid):
        return None
    base = Path(record.base_directory) if record.base_directory else None
    return models_root(Path(record.main_py), base)


def same_server(a: str, b: str) -> bool:
    """Whether two addresses name the same local server (case, a trailing slash and
    localhost against 127.0.0.1 aside)."""
    return _url_key(a) == _url_key(b)


def _url_key(url: str) -> str:
    text = url.strip().rstrip("/").lower()
    return text.replace("://localhost:", "://127.0.0.1:")
