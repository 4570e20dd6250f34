"""The CLI with broken local files: one warning line, the bad file kept aside, the command runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.test_cli import studio


@pytest.mark.parametrize(
    "content",
    [
        b'{"thumbnail_size": 1e999}',
        b"[" * 100_000,
        b'{"output_folder": "/tmp/a\\u0000b"}',
        b'{"language": "\xff"}',
    ],
    ids=["infinite-number", "deep-nesting", "nul-in-output-folder", "invalid-utf8"],
)
def test_jobs_with_a_bad_settings_file_warns_and_runs(tmp_path: Path, content: bytes) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_bytes(content)
    result = studio("jobs", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == "no jobs\n"
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1 and "settings.json" in warnings[0], result.stderr
    again = studio("jobs", data_dir=data)  # the next run is quiet: nothing left to report
    assert again.returncode == 0 and again.stderr == "", again.stderr


def test_a_bad_settings_file_is_kept_aside(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "settings.json").write_bytes(b"[" * 100_000)
    result = studio("jobs", data_dir=data)
    aside = sorted(data.glob("settings.json.bad-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"[" * 100_000
    assert aside[0].name in result.stderr


def test_a_broken_user_template_and_a_log_folder_do_not_stop_a_command(tmp_path: Path) -> None:
    data = tmp_path / "data"
    (data / "templates").mkdir(parents=True)
    (data / "templates" / "mine.json").write_bytes(b'{"id": "\xff' + b"[" * 50_000)
    (data / "logs" / "studio.log").mkdir(parents=True)
    result = studio("jobs", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr
    assert "studio.log" in result.stderr  # one line says where the log went instead
    assert (data / "logs" / "studio-1.log").is_file()
