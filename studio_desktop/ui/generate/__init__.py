"""The Generate tab: parameter form, reference-image slots, queueing, and the current job."""

from studio_desktop.ui.generate.server_lists import ServerLists
from studio_desktop.ui.generate.tab import GenerateTab

__all__ = ["GenerateTab", "ServerLists"]
