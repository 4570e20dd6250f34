"""The Qt-free error sink: crash logs and callbacks for errors in any thread, the CI switch,
and an uninstall that puts everything back."""

from __future__ import annotations

import faulthandler
import os
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest

from studio_desktop.core.errors import (
    ABORT_EXIT_CODE,
    RERAISE_ENV,
    install_excepthooks,
    short_message,
)

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class Calls:
    def __init__(self) -> None:
        self.items: list[tuple[str, Path]] = []
        self.threads: list[str] = []

    def __call__(self, message: str, path: Path) -> None:
        self.items.append((message, path))
        self.threads.append(threading.current_thread().name)


@pytest.fixture(autouse=True)
def _no_reraise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(RERAISE_ENV, raising=False)


@pytest.fixture
def logs(tmp_path: Path) -> Path:
    return tmp_path / "logs"


@pytest.fixture
def calls(logs: Path) -> Iterator[Calls]:
    """Hooks installed for the test (and uninstalled after it), reporting to a recorder."""
    recorder = Calls()
    uninstall = install_excepthooks(logs, recorder)
    yield recorder
    uninstall()


def raise_uncaught_in_main(exc: BaseException) -> None:
    # pytest catches everything a test raises, so deliver it the way the interpreter does.
    try:
        raise exc
    except BaseException:
        info = sys.exc_info()
        assert info[0] is not None and info[1] is not None
        sys.excepthook(info[0], info[1], info[2])


def run_thread(name: str = "worker-7") -> None:
    def boom() -> None:
        raise ValueError("worker exploded")

    thread = threading.Thread(target=boom, name=name)
    thread.start()
    thread.join(10)
    assert not thread.is_alive()


def crash_logs(logs: Path) -> list[Path]:
    return sorted(logs.glob("crash-*.log"))


def test_main_thread_error_writes_a_log_and_calls_back_once(logs: Path, calls: Calls) -> None:
    raise_uncaught_in_main(RuntimeError("main exploded"))

    assert len(calls.items) == 1
    message, path = calls.items[0]
    assert message == "RuntimeError: main exploded"
    assert path in crash_logs(logs) and len(crash_logs(logs)) == 1
    text = path.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "RuntimeError: main exploded" in text
    assert "Thread: MainThread" in text
    assert path.name.startswith("crash-") and len(path.stem) == len("crash-20250101-120000")


def test_a_crash_log_hides_the_password_the_traceback_quotes(logs: Path, calls: Calls) -> None:
    raise_uncaught_in_main(RuntimeError("no answer from http://artist:s3cret@gpu.lan:8188"))

    (path,) = crash_logs(logs)
    text = path.read_text(encoding="utf-8")
    assert "s3cret" not in text
    assert "http://***@gpu.lan:8188" in text


def test_worker_thread_error_writes_a_log_and_calls_back_once(logs: Path, calls: Calls) -> None:
    run_thread()

    assert len(calls.items) == 1
    message, path = calls.items[0]
    assert message == "ValueError: worker exploded (in thread worker-7)"
    assert calls.threads == ["worker-7"]  # the callback runs where the error happened
    text = path.read_text(encoding="utf-8")
    assert "worker exploded" in text and "Thread: worker-7" in text


def test_two_errors_in_the_same_second_get_two_files(logs: Path, calls: Calls) -> None:
    raise_uncaught_in_main(RuntimeError("one"))
    raise_uncaught_in_main(RuntimeError("two"))
    paths = [p for _, p in calls.items]
    assert len(set(paths)) == 2
    assert "one" in paths[0].read_text(encoding="utf-8")
    assert "two" in paths[1].read_text(encoding="utf-8")


def test_faulthandler_writes_to_the_logs_folder(logs: Path, calls: Calls) -> None:
    assert faulthandler.is_enabled()
    assert (logs / "faulthandler.log").exists()


def test_errors_are_also_logged(logs: Path, calls: Calls, caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level("ERROR", logger="studio.crash"):
        raise_uncaught_in_main(KeyError("k"))
    assert any("unhandled error in MainThread" in r.getMessage() for r in caplog.records)
    assert caplog.records[-1].exc_info is not None


def test_a_failing_callback_is_logged_not_raised(
    logs: Path, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(message: str, path: Path) -> None:
        raise OSError("dialog broke")

    uninstall = install_excepthooks(logs, broken)
    try:
        with caplog.at_level("ERROR", logger="studio.crash"):
            run_thread()
    finally:
        uninstall()
    assert len(crash_logs(logs)) == 1
    assert any("the error callback failed" in r.getMessage() for r in caplog.records)


def test_keyboard_interrupt_goes_to_the_previous_hook(
    logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: seen.append(t))
    recorder = Calls()
    uninstall = install_excepthooks(logs, recorder)
    try:
        raise_uncaught_in_main(KeyboardInterrupt())
    finally:
        uninstall()
    assert seen == [KeyboardInterrupt]
    assert recorder.items == [] and crash_logs(logs) == []


def test_reraise_passes_errors_on_instead_of_calling_back(
    logs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    main_seen: list[type[BaseException]] = []
    thread_seen: list[str] = []
    monkeypatch.setattr(sys, "excepthook", lambda t, v, tb: main_seen.append(t))
    monkeypatch.setattr(
        threading,
        "excepthook",
        lambda args: thread_seen.append(args.thread.name if args.thread else ""),
    )
    monkeypatch.setenv(RERAISE_ENV, "1")
    recorder = Calls()
    uninstall = install_excepthooks(logs, recorder)
    try:
        raise_uncaught_in_main(RuntimeError("main"))
        run_thread()
    finally:
        uninstall()
    assert recorder.items == []  # no dialog in CI
    assert main_seen == [RuntimeError]
    assert thread_seen == ["worker-7"]
    assert len(crash_logs(logs)) == 2  # the logs are still kept


def test_uninstall_restores_hooks_and_faulthandler(logs: Path) -> None:
    sys_before, thread_before = sys.excepthook, threading.excepthook
    fault_before = faulthandler.is_enabled()
    uninstall = install_excepthooks(logs, Calls())
    assert sys.excepthook is not sys_before
    assert threading.excepthook is not thread_before
    uninstall()
    assert sys.excepthook is sys_before
    assert threading.excepthook is thread_before
    assert faulthandler.is_enabled() == fault_before
    uninstall()  # twice is harmless
    assert sys.excepthook is sys_before


def test_uninstall_leaves_a_later_hook_alone(logs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    uninstall = install_excepthooks(logs, Calls())

    def later(t: type[BaseException], v: BaseException, tb: TracebackType | None) -> None:
        pass

    monkeypatch.setattr(sys, "excepthook", later)
    uninstall()
    assert sys.excepthook is later


def test_short_message_is_one_bounded_line() -> None:
    assert short_message(ValueError("a\nb   c")) == "ValueError: a b c"
    assert short_message(ValueError()) == "ValueError"
    assert len(short_message(ValueError("x" * 1000))) == 300
    assert short_message(ValueError("x"), "pool-1").endswith("(in thread pool-1)")


def _run_script(
    tmp_path: Path, body: str, env_value: str | None
) -> subprocess.CompletedProcess[str]:
    script = textwrap.dedent(
        f"""
        import sys, threading
        from pathlib import Path
        from studio_desktop.core.errors import install_excepthooks
        logs = Path({str(tmp_path / "logs")!r})
        install_excepthooks(logs, lambda m, p: print("CALLBACK", m, p.name, flush=True))
        """
    ) + textwrap.dedent(body)
    env = {k: v for k, v in os.environ.items() if k != RERAISE_ENV}
    if env_value is not None:
        env[RERAISE_ENV] = env_value
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )


def test_a_real_uncaught_error_is_caught_in_a_fresh_interpreter(tmp_path: Path) -> None:
    result = _run_script(tmp_path, "raise RuntimeError('real one')\n", None)
    assert "CALLBACK RuntimeError: real one crash-" in result.stdout
    assert len(crash_logs(tmp_path / "logs")) == 1


def test_abort_mode_ends_the_process_after_logging(tmp_path: Path) -> None:
    body = """
    def boom():
        raise ValueError("thread boom")
    t = threading.Thread(target=boom, name="w")
    t.start()
    t.join()
    print("STILL RUNNING", flush=True)
    """
    result = _run_script(tmp_path, body, "abort")
    assert result.returncode == ABORT_EXIT_CODE
    assert "STILL RUNNING" not in result.stdout
    assert "CALLBACK" not in result.stdout
    assert "thread boom" in result.stderr  # the previous hook printed it
    [log] = crash_logs(tmp_path / "logs")
    assert "thread boom" in log.read_text(encoding="utf-8")
