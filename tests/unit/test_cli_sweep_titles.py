"""Seen in review: a sweep queued with `generate --sweep` drew its grid with the fields' keys
("cfg", "extra.scale_by") where a sweep queued from the window says "CFG", "Scale by"."""

from __future__ import annotations

from studio_desktop.cli.sweeps import sweep_axes
from studio_desktop.core.fields import field_title, slot_title


def test_a_command_line_sweep_names_its_axes_as_the_window_does() -> None:
    axes = sweep_axes(
        ["cfg=5,7", "extra.scale_by=1,2", "lora:styles/detail.safetensors=0.5,1"], max_cells=64
    )
    assert [a.title for a in axes] == ["CFG", "Scale by", "LoRA strength: detail"]


def test_field_titles_are_english_messages_the_window_translates() -> None:
    assert str(field_title("steps")) == "Steps"
    assert field_title("steps").context == "GenerateForm"  # the form's translations apply
    assert str(slot_title("lora_2_strength")) == "LoRA 2 strength"
    assert str(slot_title("my_custom_knob")) == "My custom knob"
    assert str(slot_title("odd {brace}")) == "Odd {brace}"  # a name is never a template
