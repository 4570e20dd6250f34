"""The one name each generation field goes by in the window, in the user's language: the
titles of `core.fields` (English messages, "GenerateForm" context) translated through
`texts.show_text`. The Generate form's rows, the sweep's axis chooser and the sweep grid's
headers all ask here, so a field reads "CFG" (or its translation) everywhere.
"""

from __future__ import annotations

from studio_desktop.core.fields import field_title, slot_title
from studio_desktop.ui.texts import show_text


def field_label(key: str) -> str:
    """The label of a `GenerationParams` field, a sweep axis's field (`lora:NAME`: that LoRA's
    strength; `extra.NAME`: the template's own setting NAME) or a template slot's name."""
    return show_text(field_title(key))


def slot_label(name: str) -> str:
    """A readable label for a template slot: its field's, or one made from its name."""
    return show_text(slot_title(name))
