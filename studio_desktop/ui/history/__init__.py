"""The History tab: a paged table of every job, filters, and a details pane."""

from studio_desktop.ui.history.tab import HistoryTab

__all__ = ["HistoryTab"]
