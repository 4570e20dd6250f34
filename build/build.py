"""Build the one-folder app with studio.spec, report its size, and optionally smoke-test it.

    python build/build.py               # dist/StudioDesktop/ (+ dist/StudioDesktop.app on macOS)
    python build/build.py --smoke       # ... then run its --self-test against the fake ComfyUI
    python build/build.py --smoke-only  # smoke-test an existing build

The smoke test starts `tests/fakes/comfy_server.py` from the checkout, runs the frozen binary
and then `python -m studio_desktop` with `--self-test` against it, and prints both start-up
times (process start to main window, and the whole run) so they can be compared; then the
frozen command line (`generate` one image, `jobs`) against the same fake. On macOS the
.app is signed after the build (build/macos/sign.sh: ad-hoc unless STUDIO_CODESIGN_IDENTITY).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"  # git-ignored
APP_NAME = "StudioDesktop"
SMOKE_TIMEOUT_S = 180


def frozen_binary() -> Path:
    if sys.platform == "darwin":
        return DIST / f"{APP_NAME}.app" / "Contents" / "MacOS" / APP_NAME
    suffix = ".exe" if sys.platform == "win32" else ""
    return DIST / APP_NAME / f"{APP_NAME}{suffix}"


def bundle_root() -> Path:
    """What a user gets: the .app on macOS, else the one-folder."""
    return DIST / f"{APP_NAME}.app" if sys.platform == "darwin" else DIST / APP_NAME


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def compile_translations() -> None:
    """resources/translations/*.ts -> .qm (git-ignored) with build/compile_translations.py; a
    bundle must not ship without them, so a failure stops the build."""
    script = ROOT / "build" / "compile_translations.py"
    if not script.exists():
        return
    subprocess.run([sys.executable, str(script)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print("== translations compiled")


def build(*, clean: bool) -> None:
    compile_translations()
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level=WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(ROOT / "studio.spec"),
    ]
    if clean:
        command.insert(3, "--clean")
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True)
    print(f"== built {bundle_root().relative_to(ROOT)} in {time.perf_counter() - started:.0f} s")
    if sys.platform == "darwin":
        subprocess.run(
            ["bash", str(ROOT / "build" / "macos" / "sign.sh"), str(bundle_root())], check=True
        )


def report_size() -> int:
    size = folder_size(bundle_root())
    print(f"== bundle size: {size / 1e6:.1f} MB ({bundle_root().relative_to(ROOT)})")
    return size


# --- smoke test ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SelfTestRun:
    label: str
    ok: bool
    startup_s: float | None  # main() began -> main window shown, as the app measured it
    window_s: float | None  # process launch -> the app's "startup:" line read here
    wall_s: float  # process launch -> process exit (start, one job, shutdown)
    output: str


@contextmanager
def fake_comfy() -> Iterator[str]:
    """The fake ComfyUI from the checkout, on a free port; yields its URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.comfy_server", "--port", "0", "--steps", "4"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        if not url.startswith("http://"):
            raise SystemExit(f"error: the fake ComfyUI did not start (said {url!r})")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout is not None:
            process.stdout.close()


def self_test(label: str, command: list[str], url: str) -> SelfTestRun:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if sys.platform.startswith("linux"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--self-test", "--server", url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
    )
    # The app has its own 120 s watchdog; this one only guards against a hung process.
    killer = threading.Timer(SMOKE_TIMEOUT_S, process.kill)
    killer.start()
    lines: list[str] = []
    window_at: float | None = None
    try:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.rstrip())
            if window_at is None and line.startswith("startup: "):
                window_at = time.perf_counter() - started
        returncode = process.wait()
    finally:
        killer.cancel()
        if process.stdout is not None:
            process.stdout.close()
    wall = time.perf_counter() - started
    output = "\n".join(lines)
    match = re.search(r"^startup: ([0-9.]+) s$", output, re.MULTILINE)
    ok = returncode == 0 and "self-test: ok" in output
    startup = float(match.group(1)) if match else None
    return SelfTestRun(label, ok, startup, window_at, wall, output)


def frozen_cli(binary: Path, url: str) -> list[str]:
    """Run the bundle's command line as a user would (`generate` one image, then `jobs`); the
    problems found, none when both exit 0. Each command's module is imported by name, which
    PyInstaller's analysis cannot see: a bundle without them fails only here."""
    problems = []
    with tempfile.TemporaryDirectory(prefix="studio-smoke-") as data_dir:
        for args in (
            ["generate", "smoke test", "--server", url, "--count", "1", "--steps", "2"],
            ["jobs"],
        ):
            command = [str(binary), *args, "--data-dir", data_dir]
            try:
                done = subprocess.run(
                    command, cwd=ROOT, capture_output=True, text=True, timeout=SMOKE_TIMEOUT_S
                )
            except subprocess.TimeoutExpired:
                problems.append(f"{' '.join(args[:1])}: no answer in {SMOKE_TIMEOUT_S} s")
                continue
            if done.returncode != 0:
                problems.append(
                    f"{args[0]}: exit {done.returncode}\n{done.stdout}{done.stderr}".rstrip()
                )
    return problems


def smoke() -> bool:
    binary = frozen_binary()
    if not binary.exists():
        sys.exit(f"error: {binary} does not exist; build first")
    with fake_comfy() as url:
        runs = [
            self_test("frozen", [str(binary)], url),
            self_test("python -m studio_desktop", [sys.executable, "-m", "studio_desktop"], url),
        ]
        cli_problems = frozen_cli(binary, url)
    print(f"== frozen command line (generate, jobs): {'FAILED' if cli_problems else 'ok'}")
    for problem in cli_problems:
        print(problem)
    for run in runs:
        status = "ok" if run.ok else "FAILED"
        print(
            f"== self-test {run.label}: {status}; start-up to main window: "
            f"{_seconds(run.window_s)} from launch ({_seconds(run.startup_s)} from main()), "
            f"whole run {run.wall_s:.2f} s"
        )
        if not run.ok:
            print(run.output)
    return all(run.ok for run in runs) and not cli_problems


def _seconds(value: float | None) -> str:
    return f"{value:.2f} s" if value is not None else "n/a"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="smoke-test the build afterwards")
    parser.add_argument("--smoke-only", action="store_true", help="only smoke-test dist/")
    parser.add_argument("--clean", action="store_true", help="drop PyInstaller's cache first")
    args = parser.parse_args(argv)
    if not args.smoke_only:
        build(clean=args.clean)
    report_size()
    if args.smoke or args.smoke_only:
        return 0 if smoke() else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
