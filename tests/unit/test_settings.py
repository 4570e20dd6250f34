"""Settings: defaults, round trip, upgrades, broken files."""

from __future__ import annotations

import json
from pathlib import Path

from studio_desktop.core.settings import SCHEMA_VERSION, Settings, load_settings, save_settings


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "settings.json") == Settings()


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(
        language="zh_CN",
        thumbnail_size=240,
        pipeline_depth=3,
        last_form={"prompt": "一只猫", "steps": 12},
        ui_state={"geometry": "AAAA"},
    )
    save_settings(settings, path)
    assert load_settings(path) == settings
    assert not list(tmp_path.glob("*.part"))


def test_upgrade_from_version_1(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "thumbnails": "large", "x": 1}), "utf-8")
    settings = load_settings(path)
    assert settings.thumbnail_size == 240
    assert settings.schema_version == SCHEMA_VERSION


def test_broken_file_is_kept_aside(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", "utf-8")
    assert load_settings(path) == Settings()
    [aside] = tmp_path.glob("settings.json.bad-*")
    assert aside.read_text("utf-8") == "{not json"


def test_out_of_range_values_are_clamped(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(
        json.dumps({"schema_version": 2, "pipeline_depth": 99, "language": "xx"}), "utf-8"
    )
    settings = load_settings(path)
    assert settings.pipeline_depth == 8 and settings.language == "system"


def test_output_folder_defaults_to_empty_and_survives_bad_values(tmp_path: Path) -> None:
    assert Settings().output_folder == ""
    path = tmp_path / "settings.json"
    # A file written before the setting existed: no key, same schema version, default kept.
    path.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "language": "en"}), "utf-8")
    assert load_settings(path).output_folder == ""
    path.write_text(json.dumps({"schema_version": 2, "output_folder": 42}), "utf-8")
    assert load_settings(path).output_folder == ""
    path.write_text(json.dumps({"schema_version": 2, "output_folder": " /mnt/x "}), "utf-8")
    assert load_settings(path).output_folder == "/mnt/x"


def test_peek_leaves_a_broken_file_where_it_is(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", "utf-8")
    assert load_settings(path, peek=True) == Settings()
    assert path.exists() and not list(tmp_path.glob("settings.json.bad-*"))
    path.write_text(json.dumps({"schema_version": "two"}), "utf-8")
    assert load_settings(path) == Settings()  # a bad version number is a bad value, not a crash
