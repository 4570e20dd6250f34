"""Messages from the core (validation, server errors, stored job errors) reach the user in the
UI's language, and counts use Qt's plural forms in English too (issue 11)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio_desktop.core.comfy import ComfyConnectionError
from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.context import AppContext
from studio_desktop.core.engine import messages as m
from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.events import (
    JobBlocked,
    JobRetrying,
    Notice,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.engine.failures import decide, job_error
from studio_desktop.core.engine.machine import ServerMachine
from studio_desktop.core.engine.placement import describe_missing
from studio_desktop.core.jobs import GenerationParams, JobError, NewJob
from studio_desktop.core.messages import CONTEXT, QT_TRANSLATE_NOOP, UserMessage, message, text_of
from studio_desktop.core.settings import read_settings
from studio_desktop.core.urls import normalize_base_url
from studio_desktop.core.workflows import TemplateError
from studio_desktop.core.workflows.importer import check_workflow
from studio_desktop.core.workflows.validate import validate_graph
from studio_desktop.ui.queue.model import QueueModel
from studio_desktop.ui.status_bar import _ServerBadge
from studio_desktop.ui.texts import error_text, exception_text, show_text, status_text
from studio_desktop.ui.translations import install_translator
from tests.gui.conftest import PoolFactory, db

ROOT = Path(__file__).resolve().parents[2]
WAIT_MS = 20_000

# What the lead's Chinese file will say; here a stand-in translator answers for it.
CHINESE = {
    "The workflow has no output node (such as Save Image), so the server would not run it.": (
        "工作流没有输出节点（例如“保存图像”），服务器不会运行它。"
    ),
    "Could not reach ComfyUI at {url}. Start ComfyUI (python main.py) or check the server "
    "address.": "无法连接 {url} 上的 ComfyUI。请启动 ComfyUI 或检查服务器地址。",
    "Could not reach ComfyUI at {url} ({reason}). Start ComfyUI (python main.py) or check the "
    "server address.": "无法连接 {url} 上的 ComfyUI（{reason}）。请启动 ComfyUI 或检查服务器地址。",
    "{error} (gave up after {attempts} attempts)": "{error}（尝试 {attempts} 次后放弃）",
    "{address} is not a server address: {why}.": "{address} 不是服务器地址：{why}。",
    "it has no host name": "没有主机名",
    "the settings file {path}: {problem}": "设置文件 {path}：{problem}",
    "{value} is not a whole number; using {default}": "{value} 不是整数；改用 {default}",
    "{what}: {problem}": "{what}：{problem}",
    "{server} is not reachable: {reason}": "{server} 无法访问：{reason}",
    "The server has no '{class_type}' node. It may come from a custom node pack that is not "
    "installed there, or need a newer ComfyUI.": "服务器没有“{class_type}”节点。",
    "This job no longer exists.": "此任务已不存在。",
    "{url} is not in the list.": "{url} 不在列表中。",
    "{server}: {reason}": "{server}：{reason}",
    "{first}; {second}": "{first}；{second}",
    "lacks the nodes {nodes}": "缺少节点 {nodes}",
    "connecting": "正在连接",
}


class ChineseCore(QTranslator):
    """Answers for the core's context only, as a compiled zh_CN file would."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[tuple[str, str]] = []

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        self.asked.append((context, source))
        # An empty answer would count as a translation: what is not here stays as written.
        return CHINESE.get(source, source) if context == CONTEXT else source

    def isEmpty(self) -> bool:
        return False


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[ChineseCore]:
    translator = ChineseCore()
    qapp.installTranslator(translator)
    try:
        yield translator
    finally:
        qapp.removeTranslator(translator)


def test_validation_messages_from_the_core_show_in_chinese_in_the_chinese_ui(
    chinese: ChineseCore,
) -> None:
    [issue] = validate_graph({"1": {"class_type": "Note", "inputs": {}}}, _note_info())
    # The log and the command line keep English; the window shows the translation.
    assert issue.message.startswith("The workflow has no output node")
    assert show_text(issue.text) == CHINESE[issue.text.template]
    assert (CONTEXT, issue.text.template) in chinese.asked


def test_server_errors_and_typed_addresses_are_translated_with_their_arguments(
    chinese: ChineseCore,
) -> None:
    error = ComfyConnectionError("http://gpu:8188")
    assert str(error).startswith("Could not reach ComfyUI at http://gpu:8188.")
    assert exception_text(error) == (
        "无法连接 http://gpu:8188 上的 ComfyUI。请启动 ComfyUI 或检查服务器地址。"
    )
    with pytest.raises(ValueError) as refused:
        normalize_base_url("http://:8188")
    assert str(refused.value) == "'http://:8188' is not a server address: it has no host name."
    assert exception_text(refused.value) == "'http://:8188' 不是服务器地址：没有主机名。"


def test_a_stored_job_error_keeps_its_template_and_an_old_row_its_english(
    chinese: ChineseCore,
) -> None:
    outcome = decide(EngineConfig(max_attempts=2), 2, ComfyConnectionError("http://gpu:8188"))
    stored = JobError.from_dict(outcome.error.to_dict())  # through the database's JSON
    assert stored == outcome.error
    assert stored.message.endswith("(gave up after 2 attempts)")
    assert error_text(stored) == (
        "无法连接 http://gpu:8188 上的 ComfyUI。请启动 ComfyUI 或检查服务器地址。"
        "（尝试 2 次后放弃）"
    )
    old_row = {"type": "ComfyConnectionError", "message": "Could not reach ComfyUI (old)."}
    assert error_text(JobError.from_dict(old_row)) == "Could not reach ComfyUI (old)."
    junk = {**old_row, "text": {"template": 5}}
    assert error_text(JobError.from_dict(junk)) == "Could not reach ComfyUI (old)."
    assert job_error(RuntimeError("x")).text is not None  # even a bug's message is ours


def test_settings_file_and_import_problems_are_translated(
    chinese: ChineseCore, tmp_path: Path
) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 2, "thumbnail_size": "big"}', "utf-8")
    loaded = read_settings(path, repair=False)
    assert loaded.notices == (
        f"the settings file {path}: thumbnail_size 'big' is not a whole number; using 160",
    )
    assert show_text(loaded.texts[0]) == f"设置文件 {path}：thumbnail_size 'big' 不是整数；改用 160"
    with pytest.raises(TemplateError) as refused:
        check_workflow({"1": {"class_type": "Nope", "inputs": {}}}, "nope.json", _note_info())
    assert str(refused.value).startswith("nope.json: The server has no 'Nope' node.")
    assert exception_text(refused.value) == "nope.json：服务器没有“Nope”节点。"


def _note_info() -> ObjectInfo:
    return ObjectInfo({"Note": {"input": {"required": {}}, "output": [], "output_node": False}})


def test_a_server_that_went_away_is_announced_in_the_ui_language(chinese: ChineseCore) -> None:
    machine = ServerMachine("http://gpu:8188", "GPU", 2, EngineConfig())
    machine.handle(m.Connected(), 0.0)
    lost = ComfyConnectionError("http://gpu:8188")
    out = machine.handle(m.Disconnected(str(lost), text_of(lost)), 1.0)
    [notice] = [c.event for c in out if isinstance(c, m.Emit) and isinstance(c.event, Notice)]
    assert notice.message.startswith("GPU is not reachable: Could not reach ComfyUI")
    assert notice.text is not None
    assert show_text(notice.text) == (
        "GPU 无法访问：无法连接 http://gpu:8188 上的 ComfyUI。请启动 ComfyUI 或检查服务器地址。"
    )


def test_a_translation_that_does_not_fit_its_arguments_falls_back_to_english(
    qapp: QApplication,
) -> None:
    class Misspelt(QTranslator):
        def translate(
            self, context: str, source: str, disambiguation: str | None = None, n: int = -1
        ) -> str:
            return "{adress} 不是服务器地址" if context == CONTEXT else ""

        def isEmpty(self) -> bool:
            return False

    translator = Misspelt()
    qapp.installTranslator(translator)
    try:
        with pytest.raises(ValueError) as refused:
            normalize_base_url("http://:8188")
        assert exception_text(refused.value) == str(refused.value)
    finally:
        qapp.removeTranslator(translator)


def test_plurals_without_s_in_english_once_the_english_file_is_built(
    qapp: QApplication, tmp_path: Path
) -> None:
    """ "1 image(s)" becomes "1 image": the English file, compiled by the build script."""
    sys.path.insert(0, str(ROOT / "build"))
    try:
        import compile_translations
    finally:
        sys.path.remove(str(ROOT / "build"))
    compiled = compile_translations.compile_all(tmp_path)
    assert tmp_path / "studio_en.qm" in compiled
    installed = install_translator(qapp, "en", tmp_path)
    try:
        assert len(installed) == 1  # ours; Qt's own strings are English already
        count = QCoreApplication.translate
        assert count("GalleryTab", "%n image(s)", "", 1) == "1 image"
        assert count("GalleryTab", "%n image(s)", "", 2) == "2 images"
        assert count("GalleryTab", "%n image(s)", "", 0) == "0 images"
        # Text that is not a count is left to the source.
        assert count("MainWindow", "Generate") == "Generate"
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_every_english_count_has_its_singular_and_plural_filled() -> None:
    sys.path.insert(0, str(ROOT / "build"))
    try:
        import compile_translations
    finally:
        sys.path.remove(str(ROOT / "build"))
    assert compile_translations.english_forms("Queued %n job(s) again") == (
        "Queued %n job again",
        "Queued %n jobs again",
    )
    assert compile_translations.english_forms("%n more problem(s) are marked") == (
        "%n more problem is marked",
        "%n more problems are marked",
    )
    text = (ROOT / "resources" / "translations" / "studio_en.ts").read_text("utf-8")
    assert 'type="unfinished"' not in text
    assert "<numerusform>%n image</numerusform>" in text


def test_why_a_server_is_down_shows_in_chinese_in_the_status_bar_and_the_server_table(
    qtbot: QtBot, chinese: ChineseCore
) -> None:
    """The status bar's tooltip for a down server repeated the core's English reason."""
    reason = text_of(ComfyConnectionError("http://gpu-box:8188", "refused"))
    assert reason is not None
    status = ServerStatus(
        "http://gpu-box:8188", "gpu-box", ServerState.DOWN, message=str(reason), text=reason
    )
    badge = _ServerBadge()
    qtbot.addWidget(badge)
    badge.show_status(status)
    assert "无法连接 http://gpu-box:8188 上的 ComfyUI" in badge.toolTip()
    assert status_text(status) == show_text(reason) != str(reason)


def test_a_refused_queue_operation_is_explained_in_chinese_in_the_chinese_ui(
    qtbot: QtBot, chinese: ChineseCore, make_pool: PoolFactory
) -> None:
    """Cancelling a job another window had just deleted said "This job no longer exists." in
    English in the status bar of the Chinese UI."""
    pool = make_pool()
    told: list[UserMessage | str] = []
    pool.operation_failed.connect(told.append)
    pool.cancel("no-such-job")
    pool.remove_server("http://127.0.0.1:1")
    qtbot.waitUntil(lambda: len(told) == 2, timeout=WAIT_MS)
    assert sorted(show_text(m) for m in told) == [
        "http://127.0.0.1:1 不在列表中。",
        "此任务已不存在。",
    ]
    assert sorted(str(m) for m in told) == [
        "This job no longer exists.",
        "http://127.0.0.1:1 is not in the list.",
    ]


def test_why_no_server_can_run_a_waiting_job_is_told_in_chinese(chinese: ChineseCore) -> None:
    """The Chinese queue panel said "no server can run it: gpu-a: lacks the nodes ..." with the
    reasons in English."""
    event = JobBlocked(
        "job-1",
        (
            ("gpu-a", describe_missing(["EmptyLatentAudio"], None)),
            ("gpu-b", message(QT_TRANSLATE_NOOP("CoreMessages", "connecting"))),
        ),
    )
    assert show_text(event.text) == "gpu-a：缺少节点 EmptyLatentAudio；gpu-b：正在连接"
    assert event.message == "gpu-a: lacks the nodes EmptyLatentAudio; gpu-b: connecting"


def test_a_retrying_job_says_why_in_chinese_in_the_queue_panel(
    chinese: ChineseCore, ctx: AppContext
) -> None:
    """A job waiting to retry after its server went away showed the connection error in English
    in the Chinese queue panel."""
    job = db(ctx).add_job(NewJob("txt2img", GenerationParams(prompt="rain")))
    model = QueueModel()
    model.load([job])
    error = job_error(ComfyConnectionError("http://gpu-box:8188"))
    model.set_retrying(JobRetrying(job.id, 1, 5.0, error.message, error.text))
    row = model.row_of(job.id)
    assert row is not None
    assert model.entry(row).note.startswith("无法连接 http://gpu-box:8188 上的 ComfyUI")
