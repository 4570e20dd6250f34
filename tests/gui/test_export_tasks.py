"""Export on Tasks' "export" pool: progress per file, then the result; cancel stops it after the
file being written and reports nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PIL import Image
from pytestqt.qtbot import QtBot

from studio_desktop.ui.gallery.export import (
    Exporter,
    ExportItem,
    ExportResult,
    export_images,
    export_name,
)
from studio_desktop.workers.tasks import Tasks

WAIT_MS = 20_000
MADE = datetime(2026, 12, 3, 15, 30, 5, tzinfo=UTC)


def items(folder: Path, count: int) -> list[ExportItem]:
    folder.mkdir(parents=True, exist_ok=True)
    made: list[ExportItem] = []
    for n in range(count):
        path = folder / f"{n}.png"
        Image.new("RGB", (8, 8), "teal").save(path)
        made.append(ExportItem(source=path, prompt=f"cat {n}", index=0, created=MADE, seed=n))
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


def test_a_batch_of_one_prompt_exports_under_names_that_tell_the_images_apart(
    tmp_path: Path,
) -> None:
    """Four images of one prompt were exported as 'a cat_00', 'a cat_00 (1)', ... (issue 11)."""
    source = tmp_path / "x.png"
    Image.new("RGB", (8, 8), "teal").save(source)
    batch = [
        ExportItem(source=source, prompt="a cat / on a roof", index=0, created=MADE, seed=seed)
        for seed in (41, 42, 43, 44)
    ]
    local = MADE.astimezone().strftime("%Y-%m-%d_%H%M%S")
    assert export_name(batch[1]) == f"{local}_seed42_00_a cat _ on a roof.png"
    result = export_images(batch, tmp_path / "out", as_zip=False, keep_metadata=False)
    assert not any("(" in name for name in result.names)
    assert len(set(result.names)) == 4


def test_an_image_without_seed_or_prompt_is_named_by_date_and_index(tmp_path: Path) -> None:
    item = ExportItem(source=tmp_path / "clip.WEBM", prompt="  ", index=3, created=MADE)
    local = MADE.astimezone().strftime("%Y-%m-%d_%H%M%S")
    assert export_name(item) == f"{local}_03.webm"
