"""Servers and settings: register ComfyUI servers (with a Test button) and the general options.

Server changes take effect at once: they are written to the store and applied to the running
worker pool, so that the pool always runs what `pool_servers` computes from the registry (the
rule the app starts with). The General page is applied with OK/Apply and saved to settings.json.
"""

from studio_desktop.ui.settings.dialog import SettingsDialog

__all__ = ["SettingsDialog"]
