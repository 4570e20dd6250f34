"""Qt adapters around the Qt-free core: the worker pool and its signals."""

from studio_desktop.workers.pool import WorkerPool
from studio_desktop.workers.threads import running_threads

__all__ = ["WorkerPool", "running_threads"]
