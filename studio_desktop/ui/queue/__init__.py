"""The queue panel: waiting, running and recently failed jobs across servers, in a dock."""

from studio_desktop.ui.queue.panel import QueuePanel

__all__ = ["QueuePanel"]
