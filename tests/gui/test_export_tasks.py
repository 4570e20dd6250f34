"""Export on Tasks' "export" pool: progress per file, then the result; cancel stops it after the
file being written and reports nothing."""

from __future__ import annotations

from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from studio_desktop.ui.gallery.export import Exporter, ExportItem, ExportResult, export_images
from studio_desktop.workers.tasks import Tasks

WAIT_MS = 20_000


def items(folder: Path, count: int) -> list[ExportItem]:
    folder.mkdir(parents=True, exist_ok=True)
    made: list[ExportItem] = []
    for n in range(count):
        path = folder / f"{n}.png"
        Image.new("RGB", (8, 8), "teal").save(path)
        made.append(ExportItem(source=path, prompt=f"cat {n}", index=0))
    return made


def test_export_reports_each_file_then_the_result(
    qtbot: QtBot, tasks: Tasks, tmp_path: Path
) -> None:
    exporter = Exporter(tasks)
    steps: list[tuple[int, int]] = []
    results: list[ExportResult] = []
    exporter.progress.connect(lambda done, total: steps.append((done, total)))
    exporter.finished.connect(results.append)

    exporter.start(items(tmp_path / "in", 3), tmp_path / "out", as_zip=True, keep_metadata=False)
    qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)

    assert steps == [(1, 3), (2, 3), (3, 3)]
    assert len(results[0].names) == 3 and results[0].destination.suffix == ".zip"


def test_a_cancelled_export_stops_after_the_current_file(tmp_path: Path) -> None:
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2  # two files go out, then the user cancels

    result = export_images(
        items(tmp_path / "in", 5),
        tmp_path / "out",
        as_zip=False,
        keep_metadata=True,
        cancelled=cancelled,
    )
    assert len(result.names) == 2
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(result.names)


def test_cancel_drops_the_result_of_an_export_under_way(
    qtbot: QtBot, tasks: Tasks, tmp_path: Path
) -> None:
    exporter = Exporter(tasks)
    results: list[ExportResult] = []
    failures: list[str] = []
    exporter.finished.connect(results.append)
    exporter.failed.connect(failures.append)
    exporter.start(items(tmp_path / "in", 3), tmp_path / "out", as_zip=False, keep_metadata=True)
    exporter.cancel()
    assert exporter.wait(WAIT_MS)
    tasks.deliver()
    assert results == [] and failures == []
