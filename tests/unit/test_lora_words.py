"""Trigger words from a LoRA's safetensors metadata, whatever the metadata holds."""

from __future__ import annotations

import json
from typing import Any

import pytest

from studio_desktop.core.lora_words import trigger_words
from tests.fakes.comfy_server import SAMPLE_LORA_METADATA


def test_tags_by_frequency_and_trigger_phrase_first() -> None:
    assert trigger_words(SAMPLE_LORA_METADATA["add_detail.safetensors"]) == (
        "detailed",
        "intricate details",
        "1girl",
    )
    assert trigger_words(SAMPLE_LORA_METADATA["style/watercolor_v2.safetensors"]) == (
        "watercolor",
        "wet paint",
    )
    both = {
        "modelspec.trigger_phrase": "zxc style",
        "ss_tag_frequency": json.dumps({"a": {"zxc style": 9, "b": 2}, "c": {"b": 8}}),
    }
    assert trigger_words(both) == ("zxc style", "b")  # counted across datasets, no repeats


@pytest.mark.parametrize(
    "junk",
    [
        None,
        {},
        {"ss_tag_frequency": "{not json"},
        {"ss_tag_frequency": json.dumps([1, 2])},
        {"ss_tag_frequency": json.dumps({"a": {"t": "many", "u": True, "": 3}})},
        {"ss_tag_frequency": json.dumps({"a": 5})},
        {"modelspec.trigger_phrase": 7},
    ],
)
def test_junk_gives_no_words(junk: Any) -> None:
    assert trigger_words(junk) == ()


def test_many_tags_are_cut_to_the_most_frequent() -> None:
    tags = {f"t{i}": i for i in range(500)}
    words = trigger_words({"ss_tag_frequency": json.dumps({"d": tags})}, limit=3)
    assert words == ("t499", "t498", "t497")
