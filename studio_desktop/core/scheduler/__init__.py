"""One scheduling loop per ComfyUI server, and the dispatcher that runs them.

Qt-free, so the CLI and the window share it: the CLI runs each loop in a plain thread, the Qt
`WorkerPool` runs the very same loop in a QThread and turns the listener's events into signals.

`loop` drives one server and hands finished prompts to its `output` stage; `dispatcher` runs a
loop per server and carries out queue operations; `events` and `config` hold what they share.
"""

from studio_desktop.core.scheduler.config import SchedulerConfig
from studio_desktop.core.scheduler.dispatcher import (
    Dispatcher,
    QueueError,
    ThreadStarter,
    start_python_thread,
)
from studio_desktop.core.scheduler.events import (
    JobStateChanged,
    Notice,
    SchedulerEvent,
    SchedulerListener,
    ServerChanged,
    ServerState,
    ServerStatus,
)
from studio_desktop.core.scheduler.loop import ServerLoop

__all__ = [
    "Dispatcher",
    "JobStateChanged",
    "Notice",
    "QueueError",
    "SchedulerConfig",
    "SchedulerEvent",
    "SchedulerListener",
    "ServerChanged",
    "ServerLoop",
    "ServerState",
    "ServerStatus",
    "ThreadStarter",
    "start_python_thread",
]
