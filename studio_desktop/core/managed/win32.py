"""Windows: what keeps a managed ComfyUI from outliving the app, and process checks, through
kernel32 (ctypes) and `taskkill`.

- `Job`: a job object with `JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE`. When our process ends, however
  it ends, the system closes our handle and kills every process in the job (ComfyUI and what it
  started, which inherits the job).
- `alive(pid)`: OpenProcess + GetExitCodeProcess (no `tasklist` run, no parsing of its output).
- `kill_tree(pid)`: `taskkill /F /T /PID`, for when no job could be made.

Every kernel32 function used gets its argtypes and restype: ctypes' default is a C int, which
truncates a 64-bit HANDLE. Written to the Win32 documentation; the tests that exercise it run on
Windows only.
"""

from __future__ import annotations

import ctypes
import logging
import subprocess
import sys
from typing import Final

log = logging.getLogger("studio.managed")

KILL_ON_JOB_CLOSE: Final = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
EXTENDED_LIMIT_INFORMATION: Final = 9  # JobObjectExtendedLimitInformation
QUERY_LIMITED_INFORMATION: Final = 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION
STILL_ACTIVE: Final = 259
ERROR_ACCESS_DENIED: Final = 5


def kill_tree(pid: int, *, force: bool = True) -> None:
    """`taskkill /T`: the process and its descendants (`/F`: without asking them first)."""
    args = ["taskkill", "/PID", str(pid), "/T"] + (["/F"] if force else [])
    subprocess.run(args, capture_output=True, check=False)


if sys.platform == "win32":
    from ctypes import wintypes

    class _JobLimits(ctypes.Structure):
        _fields_ = (
            ("PerProcessUserTimeLimit", ctypes.c_int64),
            ("PerJobUserTimeLimit", ctypes.c_int64),
            ("LimitFlags", wintypes.DWORD),
            ("MinimumWorkingSetSize", ctypes.c_size_t),
            ("MaximumWorkingSetSize", ctypes.c_size_t),
            ("ActiveProcessLimit", wintypes.DWORD),
            ("Affinity", ctypes.c_size_t),
            ("PriorityClass", wintypes.DWORD),
            ("SchedulingClass", wintypes.DWORD),
        )

    class _IoCounters(ctypes.Structure):
        _fields_ = tuple((name, ctypes.c_uint64) for name in ("r", "w", "o", "rb", "wb", "ob"))

    class _ExtendedLimits(ctypes.Structure):
        _fields_ = (
            ("BasicLimitInformation", _JobLimits),
            ("IoInfo", _IoCounters),
            ("ProcessMemoryLimit", ctypes.c_size_t),
            ("JobMemoryLimit", ctypes.c_size_t),
            ("PeakProcessMemoryUsed", ctypes.c_size_t),
            ("PeakJobMemoryUsed", ctypes.c_size_t),
        )

    _kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)

    _CreateJobObjectW = _kernel32.CreateJobObjectW
    _CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    _CreateJobObjectW.restype = wintypes.HANDLE

    _SetInformationJobObject = _kernel32.SetInformationJobObject
    _SetInformationJobObject.argtypes = (
        wintypes.HANDLE,
        ctypes.c_int,  # JOBOBJECTINFOCLASS
        ctypes.c_void_p,
        wintypes.DWORD,
    )
    _SetInformationJobObject.restype = wintypes.BOOL

    _AssignProcessToJobObject = _kernel32.AssignProcessToJobObject
    _AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    _AssignProcessToJobObject.restype = wintypes.BOOL

    _OpenProcess = _kernel32.OpenProcess
    _OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    _OpenProcess.restype = wintypes.HANDLE

    _GetExitCodeProcess = _kernel32.GetExitCodeProcess
    _GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    _GetExitCodeProcess.restype = wintypes.BOOL

    _CloseHandle = _kernel32.CloseHandle
    _CloseHandle.argtypes = (wintypes.HANDLE,)
    _CloseHandle.restype = wintypes.BOOL

    def _create_job(process: int) -> int | None:
        handle: int | None = _CreateJobObjectW(None, None)
        if not handle:
            log.warning("no job object (error %d): ComfyUI may outlive us", ctypes.get_last_error())
            return None
        limits = _ExtendedLimits()
        limits.BasicLimitInformation.LimitFlags = KILL_ON_JOB_CLOSE
        ok = _SetInformationJobObject(
            handle, EXTENDED_LIMIT_INFORMATION, ctypes.byref(limits), ctypes.sizeof(limits)
        )
        if not ok or not _AssignProcessToJobObject(handle, process):
            log.warning("job object refused (error %d)", ctypes.get_last_error())
            _CloseHandle(handle)
            return None
        return handle

    def alive(pid: int) -> bool:
        """The process exists and has not exited."""
        handle = _OpenProcess(QUERY_LIMITED_INFORMATION, False, pid)
        if not handle:
            # Access denied: it exists (another user's); anything else: no such process.
            return ctypes.get_last_error() == ERROR_ACCESS_DENIED
        try:
            code = wintypes.DWORD()
            if not _GetExitCodeProcess(handle, ctypes.byref(code)):
                return True  # it exists; we may not read its state
            # A process that exits with 259 itself looks alive: Windows' own ambiguity.
            return code.value == STILL_ACTIVE
        finally:
            _CloseHandle(handle)

    def _close(handle: int) -> None:
        _CloseHandle(handle)

else:

    def alive(pid: int) -> bool:
        raise NotImplementedError("Windows only")

    def _create_job(process: int) -> int | None:
        return None

    def _close(handle: int) -> None:
        pass


class Job:
    """A job object that kills its processes when its last handle closes (our exit, however
    it happens)."""

    def __init__(self, handle: int) -> None:
        self._handle = handle

    @classmethod
    def holding(cls, popen: subprocess.Popen[bytes]) -> Job | None:
        """A job holding `popen`'s process (and what it starts from now on); None when the
        system refused (logged), and then only `kill_tree` ends its descendants."""
        handle = _create_job(int(popen._handle))  # type: ignore[attr-defined]
        return None if handle is None else cls(handle)

    def close(self) -> None:
        """Close our handle: the processes still in the job are killed."""
        if self._handle:
            _close(self._handle)
            self._handle = 0
