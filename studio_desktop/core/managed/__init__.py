"""A ComfyUI on this computer that the app finds (`discover`) and runs for the user (`process`).

Plain Python, no Qt: the window and `studio-desktop server` use the same pieces.
"""
