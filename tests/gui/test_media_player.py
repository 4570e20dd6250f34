"""The media player on a real WebM and FLAC written by the app's own media helpers.

Where QtMultimedia has a backend the player must learn each file's duration; where it has none
(some CI machines) it must say so in words instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio_desktop.core.library.media import audio_waveform, video_thumbnail
from studio_desktop.ui import media_player
from studio_desktop.ui.media_player import MediaPlayer, format_time
from tests.fakes.comfy_images import Look
from tests.fakes.comfy_media import encoded_audio, encoded_video

# Where QtMultimedia cannot load (Debian without libpulse0) these tests cannot run; the app itself
# goes on without playback (media_player.HAVE_MULTIMEDIA).
QMediaPlayer = pytest.importorskip(
    "PySide6.QtMultimedia",
    reason="QtMultimedia cannot load here (on Debian: apt-get install libpulse0)",
    exc_type=ImportError,  # a library missing is a reason to skip, not an error (pytest 9)
).QMediaPlayer

WAIT_MS = 15_000


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("media")
    clip = folder / "clip.webm"
    clip.write_bytes(encoded_video("webm", (64, 48), Look(palette=2), 24, 12.0))
    sound = folder / "sound.flac"
    sound.write_bytes(encoded_audio("flac", Look(palette=5)))
    video_thumbnail(clip, folder / "clip.jpg")
    audio_waveform(sound, folder / "sound.jpg")
    return {"video": clip, "audio": sound, "waveform": folder / "sound.jpg"}


@pytest.fixture
def player(qtbot: QtBot) -> Iterator[MediaPlayer]:
    widget = MediaPlayer()
    qtbot.addWidget(widget)
    widget.resize(480, 320)
    widget.show()
    yield widget
    widget.shutdown()


def settled(widget: MediaPlayer) -> bool:
    return widget.duration_ms > 0 or bool(widget.message)


@pytest.mark.parametrize("kind", ["video", "audio"])
def test_player_learns_the_duration_or_says_why_not(
    qtbot: QtBot, player: MediaPlayer, files: dict[str, Path], kind: str
) -> None:
    player.load(files[kind], kind=kind, waveform=files["waveform"])
    qtbot.waitUntil(lambda: settled(player), timeout=WAIT_MS)
    if not player.available:
        assert "not available" in player.message
        assert not player.play_button.isEnabled()
        return
    assert player.message == ""
    expected = 2000 if kind == "video" else 1000
    assert abs(player.duration_ms - expected) < 150
    assert player.position.maximum() == player.duration_ms
    assert player.time_label.text().endswith(f"/ {format_time(player.duration_ms)}")


def test_controls_drive_the_player(
    qtbot: QtBot, player: MediaPlayer, files: dict[str, Path]
) -> None:
    player.load(files["video"], kind="video")
    qtbot.waitUntil(lambda: settled(player), timeout=WAIT_MS)
    if player.player is None:
        pytest.skip("no multimedia backend here")
    backend = player.player
    player.loop_button.click()
    assert backend.loops() == backend.Loops.Infinite
    player.set_loop(False)
    assert not player.loop_button.isChecked() and backend.loops() == backend.Loops.Once
    player.volume.setValue(25)
    audio = backend.audioOutput()
    assert audio is not None and abs(audio.volume() - 0.25) < 0.01
    player.toggle()
    qtbot.waitUntil(
        lambda: (
            backend.playbackState() == backend.PlaybackState.PlayingState or bool(player.message)
        ),
        timeout=WAIT_MS,
    )
    player.toggle()
    qtbot.waitUntil(
        lambda: backend.playbackState() != backend.PlaybackState.PlayingState,
        timeout=WAIT_MS,
    )


def test_a_damaged_or_missing_file_shows_a_message(
    qtbot: QtBot, player: MediaPlayer, tmp_path: Path
) -> None:
    if not player.available:
        pytest.skip("no multimedia backend here")
    player.load(tmp_path / "gone.webm", kind="video")
    assert "gone.webm" in player.message and "missing" in player.message
    junk = tmp_path / "junk.webm"
    junk.write_bytes(b"\x1a\x45\xdf\xa3" + b"\x00" * 200)
    with qtbot.waitSignal(player.failed, timeout=WAIT_MS):
        player.load(junk, kind="video")
    assert "junk.webm" in player.message


def test_without_qtmultimedia_the_player_explains(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, files: dict[str, Path]
) -> None:
    monkeypatch.setattr(media_player, "HAVE_MULTIMEDIA", False)
    widget = MediaPlayer()
    qtbot.addWidget(widget)
    widget.load(files["audio"], kind="audio", waveform=files["waveform"])
    widget.play()
    widget.toggle()
    assert not widget.available and "not installed" in widget.message
    assert not widget.play_button.isEnabled()


@pytest.mark.parametrize(
    ("ms", "text"), [(0, "0:00"), (61_999, "1:01"), (3_600_000, "1:00:00"), (-5, "0:00")]
)
def test_format_time(ms: int, text: str) -> None:
    assert format_time(ms) == text


def test_without_a_backend_the_player_explains(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, files: dict[str, Path]
) -> None:
    monkeypatch.setattr(QMediaPlayer, "isAvailable", lambda self: False)
    widget = MediaPlayer()
    qtbot.addWidget(widget)
    widget.load(files["video"], kind="video")
    widget.toggle()
    assert not widget.available and "no multimedia backend" in widget.message
