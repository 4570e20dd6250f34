"""UI-format (ComfyUI Save) workflow → API-format graph conversion."""
