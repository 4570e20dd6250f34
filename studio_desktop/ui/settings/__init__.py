"""Servers and settings: register ComfyUI servers (with a Test button) and the general options.

One model on both pages: changes are shown until OK or Apply writes them, Cancel discards them.
Server changes are then written to the store and applied to the running worker pool, so that the
pool always runs what `pool_servers` computes from the registry (the rule the app starts with);
the General page is saved to settings.json.
"""

from studio_desktop.ui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
