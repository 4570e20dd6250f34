"""A hostile world: broken, hand-edited or unwritable local files never stop the app.

One bad settings file or user template is kept aside (or skipped) with a notice and the app goes
on with defaults; a log path that is a folder falls back with one notice; a failed save names the
folder and what to do; the data folder and its secrets are private; credentials never reach a log.
"""

from __future__ import annotations

import errno
import io
import json
import logging
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from studio_desktop.core.context import AppContext
from studio_desktop.core.engine.failures import is_transient, job_error
from studio_desktop.core.library import files as files_module
from studio_desktop.core.library.files import OutputLibrary, SaveError
from studio_desktop.core.logs import setup_logging
from studio_desktop.core.paths import DataPaths
from studio_desktop.core.settings import Settings, load_settings, read_settings
from studio_desktop.core.urls import redact_url
from studio_desktop.core.workflows import TemplateError, TemplateRegistry, load_template

JOB = "3f2b8c1e-0d4a-4e8b-9c1f-2a6d7e8f9a0b"
POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "PNG")
    return buffer.getvalue()


def kept_aside(folder: Path, name: str = "settings.json") -> list[Path]:
    return sorted(folder.glob(f"{name}.bad-*"))


# --- 1. settings.json -----------------------------------------------------------------------


def test_settings_with_an_infinite_number_fall_back_for_that_key_only(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 2, "thumbnail_size": 1e999, "language": "en"}', "utf-8")
    loaded = read_settings(path)
    assert loaded.settings.thumbnail_size == Settings().thumbnail_size
    assert loaded.settings.language == "en"  # the good key survives
    assert any("thumbnail_size" in notice for notice in loaded.notices)
    # The file as it was is kept aside; the settings used are written in its place.
    [aside] = kept_aside(tmp_path)
    assert "1e999" in aside.read_text("utf-8") and loaded.kept_aside == aside
    again = read_settings(path)
    assert again.settings == loaded.settings and not again.notices


def test_settings_nested_too_deep_are_kept_aside_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("[" * 100_000, "utf-8")
    loaded = read_settings(path)
    assert loaded.settings == Settings()
    [aside] = kept_aside(tmp_path)
    assert loaded.kept_aside == aside and aside.read_text("utf-8") == "[" * 100_000
    assert not path.exists()
    assert any(aside.name in notice for notice in loaded.notices)


def test_settings_of_invalid_utf8_are_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(b'{"language": "\xff\xfe"}')
    loaded = read_settings(path)
    assert loaded.settings == Settings() and len(kept_aside(tmp_path)) == 1 and loaded.notices


def test_output_folder_holding_a_nul_falls_back_with_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"output_folder": "/tmp/a\0b", "pipeline_depth": 3}), "utf-8")
    loaded = read_settings(path)
    assert loaded.settings.output_folder == "" and loaded.settings.pipeline_depth == 3
    assert any("output_folder" in notice for notice in loaded.notices)


@pytest.mark.parametrize(
    "values",
    [
        {"pipeline_depth": "three"},
        {"pipeline_depth": True},
        {"first_run_done": "yes"},
        {"last_form": [1, 2]},
        {"ui_state": {"geometry": 5}},
        {"language": "\ud800"},
        {"last_form": {"prompt": "\udc00"}},  # cannot be saved back as UTF-8
        {"schema_version": "two"},
        {"trash_retention_days": -1e308},
    ],
)
def test_a_wrong_value_falls_back_per_key(tmp_path: Path, values: dict[str, Any]) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 2, "language": "zh_TW", **values}), "utf-8")
    loaded = read_settings(path)
    assert loaded.notices, values
    for key in values:
        if key != "schema_version":
            assert getattr(loaded.settings, key) == getattr(Settings(), key)
    if "language" not in values:
        assert loaded.settings.language == "zh_TW"


def test_bad_settings_do_not_stop_the_context_and_are_a_start_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_text("[" * 5000, "utf-8")
    with AppContext.open(data) as ctx:
        assert ctx.settings == Settings()
        assert any("settings.json" in str(problem) for problem in ctx.start_problems)
    assert len(kept_aside(data)) == 1
    assert load_settings(data / "settings.json") == Settings()  # the next start is clean


# --- 1b. user templates ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b'{"id": "x", "name": "\xff"}',
        b"[" * 100_000,
        b'{"id": "x", "graph": {"1": {"class_type": "A"}}, "slots": [1, 2]}',
        b'{"id": "x", "graph": {"1": {"class_type": "A"}}, "requires": {"nodes": 5}}',
        b'{"format": ' + b"9" * 5000 + b"}",
        b'{"id": "x", "graph": {"1": {"class_type": "A", "inputs": {"a": '
        + b"[" * 500
        + b"]" * 500
        + b"}}}}",
    ],
)
def test_a_broken_user_template_is_skipped_with_a_problem(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "broken.json").write_bytes(content)
    with pytest.raises(TemplateError):
        load_template(tmp_path / "broken.json")
    registry = TemplateRegistry(user_dir=tmp_path)
    assert registry.problems and "txt2img" in {t.id for t in registry.all()}


# --- 2. the log file ------------------------------------------------------------------------


def test_a_folder_named_studio_log_falls_back_with_one_notice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs"
    (logs / "studio.log").mkdir(parents=True)
    setup = setup_logging(logs)
    try:
        for n in range(5):
            logging.getLogger("studio.test").warning("record %d", n)
        captured = capsys.readouterr()
        assert "Logging error" not in captured.err
        assert setup.problem is not None and "studio.log" in setup.problem
        assert setup.file is not None and setup.file != logs / "studio.log"
        assert "record 4" in setup.file.read_text("utf-8")
    finally:
        _reset_logging()


def test_a_log_file_that_fails_later_reports_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    logs = tmp_path / "logs"
    setup = setup_logging(logs)
    try:
        logging.getLogger("studio.test").warning("first")
        assert setup.file is not None
        handler = next(h for h in logging.getLogger("studio").handlers if h.name == "studio-file")
        assert isinstance(handler, logging.FileHandler)
        handler.stream = FullDisk()  # as if the disk filled up under it
        for n in range(5):
            logging.getLogger("studio.test").warning("later %d", n)
        err = capsys.readouterr().err
        assert "Logging error" not in err and err.count("cannot write the log file") == 1
    finally:
        _reset_logging()


class FullDisk(io.StringIO):
    def write(self, text: str) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def _reset_logging() -> None:
    root = logging.getLogger("studio")
    for handler in list(root.handlers):
        root.removeHandler(handler)
        handler.close()
    root.propagate = True  # as before setup_logging: pytest's caplog listens at the root


# --- 3. saving outputs ----------------------------------------------------------------------


def test_a_date_folder_replaced_by_a_file_names_the_file(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    date_folder = library.output_path(JOB, 0, "png").parent
    date_folder.write_text("not a folder")
    with pytest.raises(SaveError) as caught:
        library.save_output(JOB, 0, png_bytes(), staging=library.staging(JOB))
    message = str(caught.value)
    assert str(date_folder) in message and "folder" in message
    error = job_error(caught.value)
    assert error.type == "save_failed" and error.message == message
    assert not is_transient(caught.value)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "read-only"),
        (errno.EROFS, "read-only"),
        (errno.ENOSPC, "free space"),
    ],
)
def test_a_failed_save_says_which_folder_and_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str
) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)

    def refuse(dest: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(dest))

    monkeypatch.setattr(files_module, "atomic_write_bytes", refuse)
    with pytest.raises(SaveError) as caught:
        library.save_output(JOB, 0, png_bytes())
    message = str(caught.value)
    assert expected in message and str(paths.outputs) in message, message
    if code != errno.ENOSPC:
        assert "Settings" in message  # where to choose another folder


@POSIX_ONLY
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_output_folder_is_named(tmp_path: Path) -> None:
    paths = DataPaths(tmp_path / "data").ensure()
    library = OutputLibrary(paths)
    paths.outputs.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="read-only"):
            library.save_output(JOB, 0, png_bytes(), staging=library.staging(JOB))
    finally:
        paths.outputs.chmod(0o700)


# --- 4. permissions -------------------------------------------------------------------------


@POSIX_ONLY
def test_the_data_folder_and_its_secrets_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data) as ctx:
        ctx.start_logging()
        logging.getLogger("studio.test").warning("hello")
        ctx.store.list_servers()
        from studio_desktop.core.settings import save_settings

        save_settings(Settings(), ctx.paths.settings)
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        for path in [ctx.paths.database, ctx.paths.settings, ctx.paths.logs / "studio.log"]:
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        for suffix in ("-wal", "-shm"):
            side = ctx.paths.database.with_name(ctx.paths.database.name + suffix)
            if side.exists():
                assert stat.S_IMODE(side.stat().st_mode) == 0o600, side
    _reset_logging()


@POSIX_ONLY
def test_existing_loose_permissions_are_tightened_at_start(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with AppContext.open(data):
        pass
    (data / "settings.json").write_text("{}", "utf-8")
    data.chmod(0o755)
    for path in (data / "studio.sqlite3", data / "settings.json"):
        path.chmod(0o644)
    with AppContext.open(data):
        assert stat.S_IMODE(data.stat().st_mode) == 0o700
        assert stat.S_IMODE((data / "studio.sqlite3").stat().st_mode) == 0o600
        assert stat.S_IMODE((data / "settings.json").stat().st_mode) == 0o600


# --- 5. credentials in logs -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("http://user:s3cret@host:8188/x", "http://***@host:8188/x"),
        ("see https://tok3n@example.com, then", "see https://***@example.com, then"),
        ("http://127.0.0.1:8188/prompt", "http://127.0.0.1:8188/prompt"),
        ("mail me at a@b.c", "mail me at a@b.c"),
    ],
)
def test_redact_url_hides_userinfo(text: str, shown: str) -> None:
    assert redact_url(text) == shown


def test_a_log_record_with_credentials_is_written_redacted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = setup_logging(tmp_path / "logs", console_level=logging.INFO)
    try:
        log = logging.getLogger("studio.test")
        log.warning("cannot reach %s", "http://alice:hunter2@gpu.lan:8188")
        log.warning("headers %r", {"Authorization": "Bearer abc.def-123"})
        log.warning("server %s", "ServerConfig(url='x', auth_header='Basic dXNlcjpwdw==')")
        log.warning("raw Authorization: Bearer zzz-token")
        try:
            raise ValueError("bad http://bob:pw0rd@h/")
        except ValueError:
            log.exception("failed")
        assert setup.file is not None
        written = setup.file.read_text("utf-8") + capsys.readouterr().err
        for secret in ("hunter2", "abc.def-123", "dXNlcjpwdw==", "zzz-token", "pw0rd"):
            assert secret not in written, secret
        assert "gpu.lan:8188" in written and "Authorization" in written
    finally:
        _reset_logging()
