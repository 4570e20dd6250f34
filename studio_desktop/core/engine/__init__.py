"""The one engine: runs queued jobs on ComfyUI servers.

Per server, a pure state machine (`machine`: inputs in, commands out) driven by a thin I/O
driver (`driver`) behind a supervisor that restarts it if it fails; `server` is the seam to
ComfyUI (a protocol, and its HTTP implementation); `steps` submits prompts and collects outputs;
`failures` is the one error mapping and retry policy; `dispatcher` runs a driver per server and
carries out queue operations. Qt-free: the CLI runs drivers in plain threads, the window in
QThreads.
"""

from studio_desktop.core.engine.config import EngineConfig
from studio_desktop.core.engine.dispatcher import (
    Dispatcher,
    QueueError,
    ThreadStarter,
    start_python_thread,
)
from studio_desktop.core.engine.driver import ServerDriver, ServerFactory, http_server
from studio_desktop.core.engine.events import (
    EngineEvent,
    JobBlocked,
    JobEvent,
    JobFinished,
    JobPreview,
    JobProgress,
    JobRetrying,
    JobStarted,
    JobStateChanged,
    Listener,
    Notice,
    ServerChanged,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.engine.server import ComfyServer, HttpComfyServer

__all__ = [
    "ComfyServer",
    "Dispatcher",
    "EngineConfig",
    "EngineEvent",
    "HttpComfyServer",
    "JobBlocked",
    "JobEvent",
    "JobFinished",
    "JobPreview",
    "JobProgress",
    "JobRetrying",
    "JobStarted",
    "JobStateChanged",
    "Listener",
    "Notice",
    "QueueError",
    "ServerChanged",
    "ServerDriver",
    "ServerFactory",
    "ServerState",
    "ServerStatus",
    "ThreadStarter",
    "http_server",
    "start_python_thread",
]
