"""Studio Desktop: a desktop app for making images with ComfyUI on your own GPU."""

__version__ = "0.1.0"
