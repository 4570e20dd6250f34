"""Compare names the server's default model as History and the viewer do.

Found by using the app: two pictures made on the server's default model showed an empty Model
row in Compare, as if the model had not been recorded, while History said which file the
default had become.
"""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from studio_desktop.core.context import AppContext
from studio_desktop.core.jobs import GenerationParams, Job, NewJob
from studio_desktop.ui.gallery.compare import CompareDialog, CompareItem
from studio_desktop.workers.tasks import Tasks
from tests.gui.conftest import db

WAIT_MS = 20_000


def test_compare_names_the_default_model_and_the_file_it_became(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks, tmp_path: Path
) -> None:
    on_default = GenerationParams(prompt="a fox")  # model "": the server's default
    sent, waiting = db(ctx).add_jobs([NewJob("txt2img", on_default), NewJob("txt2img", on_default)])
    files = {sent.id: "dreamshaper_8.safetensors"}  # the other was never sent

    def reads(job: Job) -> CompareItem:
        return CompareItem(tmp_path / f"{job.id}.png", job.id, lambda: (on_default, job))

    dialog = CompareDialog(
        (reads(sent), reads(waiting)), tasks, model_used=lambda job: files.get(job.id)
    )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.parameters_known, timeout=WAIT_MS)
    [model] = [row for row in dialog.parameters.rows if row.key == "model"]
    assert (model.first, model.second) == (
        "dreamshaper_8.safetensors (the server's default)",
        "Server's default model",
    )
    assert model.differs  # one ran on a known file, the other not yet


def test_a_model_named_by_the_job_is_shown_as_it_is(
    qtbot: QtBot, ctx: AppContext, tasks: Tasks, tmp_path: Path
) -> None:
    named = GenerationParams(prompt="a fox", model="sd_xl_base_1.0.safetensors")
    [job] = db(ctx).add_jobs([NewJob("txt2img", named)])
    item = CompareItem(tmp_path / "a.png", "A", lambda: (named, job))
    dialog = CompareDialog((item, item), tasks, model_used=lambda _job: "not asked")
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.parameters_known, timeout=WAIT_MS)
    [model] = [row for row in dialog.parameters.rows if row.key == "model"]
    assert (model.first, model.second) == ("sd_xl_base_1.0.safetensors",) * 2
