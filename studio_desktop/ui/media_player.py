"""A player for video and audio outputs: play/pause, seek, time, loop and volume (QtMultimedia).

Audio shows its waveform picture where a video shows its pictures. When QtMultimedia is missing
(no pyside6-addons) or has no backend (some CI and remote sessions), or a file cannot be played,
the player shows a message saying so instead of failing: the gallery works without sound.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QCloseEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

try:  # QtMultimedia comes with pyside6-addons, which a trimmed install may lack
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget
except ImportError:  # pragma: no cover - depends on the installation
    HAVE_MULTIMEDIA = False
else:
    HAVE_MULTIMEDIA = True

DEFAULT_VOLUME: Final = 80  # percent


def format_time(ms: int) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    seconds = max(0, ms) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02}:{secs:02}" if hours else f"{minutes}:{secs:02}"


class _Waveform(QLabel):
    """The waveform picture, scaled to the space it gets with its aspect ratio kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._pixmap = QPixmap()
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumSize(64, 32)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_picture(self, path: Path | None) -> None:
        self._pixmap = QPixmap(str(path)) if path is not None else QPixmap()
        self._rescale()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._rescale()

    def _rescale(self) -> None:
        if self._pixmap.isNull():
            self.clear()
            return
        self.setPixmap(
            self._pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )


class MediaPlayer(QWidget):
    """Plays one video or audio file at a time. `load` it; `shutdown` before throwing it away
    (closing the widget does that too)."""

    duration_known = Signal(int)  # milliseconds, once the file is open
    failed = Signal(str)  # the message now shown instead of the media

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._duration = 0
        self._path: Path | None = None
        self._player: QMediaPlayer | None = None
        self._audio: QAudioOutput | None = None
        self._video: QVideoWidget | None = None

        self._stack = QStackedWidget(self)
        self._waveform = _Waveform(self._stack)
        self._message = QLabel(self._stack)
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._stack.addWidget(self._waveform)
        self._stack.addWidget(self._message)

        style = self.style()
        self.play_button = QToolButton(self)
        self.play_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.setToolTip(self.tr("Play (Space)"))
        self.play_button.setShortcut(Qt.Key.Key_Space)
        self.play_button.clicked.connect(self.toggle)
        self.position = QSlider(Qt.Orientation.Horizontal, self)
        self.position.setToolTip(self.tr("Position"))
        self.position.setRange(0, 0)
        self.position.sliderMoved.connect(self._seek)
        self.time_label = QLabel(format_time(0) + " / " + format_time(0), self)
        self.loop_button = QToolButton(self)
        self.loop_button.setText(self.tr("Loop"))
        self.loop_button.setToolTip(self.tr("Play again from the start when it ends"))
        self.loop_button.setCheckable(True)
        self.loop_button.toggled.connect(self.set_loop)
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setToolTip(self.tr("Volume"))
        self.volume.setRange(0, 100)
        self.volume.setValue(DEFAULT_VOLUME)
        self.volume.setMaximumWidth(120)
        self.volume.valueChanged.connect(self._set_volume)

        controls = QHBoxLayout()
        controls.addWidget(self.play_button)
        controls.addWidget(self.position, 1)
        controls.addWidget(self.time_label)
        controls.addWidget(self.loop_button)
        volume_icon = QLabel(self)
        volume_icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume).pixmap(16, 16)
        )
        controls.addWidget(volume_icon)
        controls.addWidget(self.volume)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._stack, 1)
        layout.addLayout(controls)

        self._create_player()

    # --- setup ---

    def _create_player(self) -> None:
        if not HAVE_MULTIMEDIA:
            self._unavailable(
                self.tr("Playback is not available: Qt's multimedia module is not installed.")
            )
            return
        player = QMediaPlayer(self)
        if not player.isAvailable():
            player.deleteLater()
            self._unavailable(
                self.tr("Playback is not available: Qt found no multimedia backend on this system.")
            )
            return
        self._audio = QAudioOutput(self)
        self._audio.setVolume(DEFAULT_VOLUME / 100)
        player.setAudioOutput(self._audio)
        self._video = QVideoWidget(self._stack)
        self._stack.insertWidget(0, self._video)
        player.setVideoOutput(self._video)
        player.durationChanged.connect(self._on_duration)
        player.positionChanged.connect(self._on_position)
        player.playbackStateChanged.connect(self._on_state)
        player.errorOccurred.connect(self._on_error)
        self._player = player

    def _unavailable(self, why: str) -> None:
        self._show_message(why)
        for control in (self.play_button, self.position, self.loop_button, self.volume):
            control.setEnabled(False)

    # --- public API ---

    @property
    def available(self) -> bool:
        """Whether this system can play media at all."""
        return self._player is not None

    @property
    def duration_ms(self) -> int:
        return self._duration

    @property
    def message(self) -> str:
        """The message shown instead of the media ("" while media is shown)."""
        return self._message.text() if self._stack.currentWidget() is self._message else ""

    @property
    def player(self) -> QMediaPlayer | None:
        return self._player

    def load(self, path: Path, *, kind: str, waveform: Path | None = None) -> None:
        """Open a video or audio file (kind "video" or "audio"); `waveform` is the picture to
        show for audio. Does not start playing."""
        self._path = path
        self._duration = 0
        self.position.setRange(0, 0)
        self._update_time(0)
        self._waveform.set_picture(waveform if kind == "audio" else None)
        if self._player is None:
            return  # the "not available" message stays
        if not path.is_file():
            self._show_message(self.tr("The file {0} is missing.").format(path.name))
            self._player.setSource(QUrl())
            return
        if kind == "audio" or self._video is None:
            self._stack.setCurrentWidget(self._waveform)
        else:
            self._stack.setCurrentWidget(self._video)
        self._player.setSource(QUrl.fromLocalFile(str(path)))

    def play(self) -> None:
        if self._player is not None and self._path is not None:
            self._player.play()

    def pause(self) -> None:
        if self._player is not None:
            self._player.pause()

    def toggle(self) -> None:
        if self._player is None:
            return
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.pause()
        else:
            self.play()

    def set_loop(self, loop: bool) -> None:
        if self.loop_button.isChecked() != loop:
            self.loop_button.setChecked(loop)  # comes back here through toggled
            return
        if self._player is not None:
            self._player.setLoops(QMediaPlayer.Loops.Infinite if loop else QMediaPlayer.Loops.Once)

    def shutdown(self) -> None:
        """Stop and let go of the file (Windows keeps an open file from being deleted)."""
        if self._player is not None:
            self._player.stop()
            self._player.setSource(QUrl())
        self._path = None

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)

    # --- slots ---

    def _show_message(self, text: str) -> None:
        self._message.setText(text)
        self._stack.setCurrentWidget(self._message)
        self.failed.emit(text)

    def _seek(self, ms: int) -> None:
        if self._player is not None:
            self._player.setPosition(ms)

    def _set_volume(self, percent: int) -> None:
        if self._audio is not None:
            self._audio.setVolume(percent / 100)

    def _on_duration(self, ms: int) -> None:
        self._duration = max(0, int(ms))
        self.position.setRange(0, self._duration)
        self._update_time(self.position.value())
        if self._duration > 0:
            self.duration_known.emit(self._duration)

    def _on_position(self, ms: int) -> None:
        if not self.position.isSliderDown():  # the user's drag wins over playback
            self.position.setValue(int(ms))
        self._update_time(int(ms))

    def _on_state(self, state: QMediaPlayer.PlaybackState) -> None:
        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icon = (
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        )
        self.play_button.setIcon(self.style().standardIcon(icon))
        self.play_button.setToolTip(
            self.tr("Pause (Space)") if playing else self.tr("Play (Space)")
        )

    def _on_error(self, error: QMediaPlayer.Error, detail: str) -> None:
        if error == QMediaPlayer.Error.NoError:
            return
        name = self._path.name if self._path is not None else ""
        self._show_message(self.tr("{0} cannot be played: {1}").format(name, detail or error.name))

    def _update_time(self, ms: int) -> None:
        self.time_label.setText(f"{format_time(ms)} / {format_time(self._duration)}")
