"""The ComfyUI the window runs for the user: the install list ("Use this one"), the log panel,
the status bar's badge and its notices."""
