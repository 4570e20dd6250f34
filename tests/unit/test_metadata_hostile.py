"""Restoring parameters from a hostile image: dropping any file onto Generate never breaks the
window. Deep or wrongly typed JSON, huge numbers, oversized chunks and pathological A1111 text
all read as "nothing (or less) restored", never as an exception or a frozen window."""

from __future__ import annotations

import io
import json
import math
import struct
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.library.imaging import add_png_text, read_png_text
from studio_desktop.core.library.metadata import (
    METADATA_TEXT_BYTES,
    RestoredParams,
    parse_a1111,
    parse_studio,
    read_generation_info,
)

WORKFLOWS = Path(__file__).resolve().parents[1] / "data" / "workflows"
# What each restored value must be for the Generate form to take it.
TYPES: Mapping[str, type] = {
    "prompt": str,
    "negative": str,
    "sampler": str,
    "scheduler": str,
    "model": str,
    "seed": int,
    "steps": int,
    "width": int,
    "height": int,
    "batch_size": int,
    "cfg": float,
    "denoise": float,
}
PROPERTY = settings(
    deadline=None,  # no timing: the bounds are on input size, the CI machine is slow and busy
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def png(texts: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    data = buffer.getvalue()
    for key, value in (texts or {}).items():
        data = add_png_text(data, key, value)
    return data


def png_with_chunk(ctype: bytes, body: bytes) -> bytes:
    """An 8x8 PNG with one raw chunk inserted before IEND (any bytes, valid CRC)."""
    data = png()
    crc = zlib.crc32(body, zlib.crc32(ctype)) & 0xFFFFFFFF
    chunk = struct.pack(">I", len(body)) + ctype + body + struct.pack(">I", crc)
    return data[:-12] + chunk + data[-12:]


def assert_usable(restored: RestoredParams) -> None:
    """Every value has the type the form needs, is finite, and applying them works."""
    assert isinstance(restored, RestoredParams)
    for name, value in restored.values.items():
        if name == "extra":
            assert isinstance(value, Mapping)
            assert all(isinstance(key, str) for key in value)
            assert all(isinstance(v, str | int | float | bool) for v in value.values())
            continue
        assert name in TYPES, name
        assert type(value) is TYPES[name], (name, value)
        if isinstance(value, float):
            assert math.isfinite(value)
    assert all(isinstance(item, str) for item in restored.not_restored)
    restored.apply(GenerationParams(prompt=""))


def deep(depth: int) -> str:
    return "[" * depth + "]" * depth


# --- what a user dropping a file saw ------------------------------------------------------------


def test_dropping_an_image_with_a_deeply_nested_prompt_chunk_reads_as_nothing_found() -> None:
    restored = read_generation_info(png({"prompt": deep(100_000)}))
    assert not restored.found


def test_dropping_an_image_with_a_deeply_nested_studio_chunk_reads_as_nothing_found() -> None:
    chunk = '{"params": {"prompt": "x", "extra": {"a": ' + deep(100_000) + "}}}"
    restored = read_generation_info(png({"studio": chunk}))
    assert_usable(restored)
    assert restored.values.get("extra", {}) == {}


def test_studio_chunk_with_wrong_typed_fields_restores_the_rest() -> None:
    chunk = '{"template": "txt2img", "params": {"prompt": 5, "seed": "abc", "cfg": Infinity, '
    chunk += '"steps": 31, "width": 1e999, "negative": "blurry", "extra": [1, 2]}}'
    restored = read_generation_info(png({"studio": chunk}))
    assert restored.source == "studio"
    assert dict(restored.values) == {"steps": 31, "negative": "blurry"}
    dropped = " ".join(restored.not_restored)
    for name in ("prompt", "seed", "cfg", "width", "extra"):
        assert name in dropped
    assert_usable(restored)


def test_studio_chunk_with_an_infinite_or_huge_seed_drops_the_seed() -> None:
    for seed in ("Infinity", "NaN", "-1", "1" + "0" * 5000, str(2**64)):
        chunk = '{"params": {"prompt": "a cat", "seed": ' + seed + "}}"
        restored = parse_studio(chunk)
        assert restored.values == {"prompt": "a cat"}, seed
        assert any("seed" in item for item in restored.not_restored)


def test_comfy_prompt_with_an_infinite_seed_restores_the_rest() -> None:
    graph = json.loads((WORKFLOWS / "sd15_basic.json").read_text())
    sampler = next(n for n in graph.values() if n["class_type"] == "KSampler")
    sampler["inputs"]["seed"] = math.inf
    sampler["inputs"]["steps"] = "9" * 5000
    restored = read_generation_info(png({"prompt": json.dumps(graph)}))
    assert restored.source == "comfyui"
    assert "seed" not in restored.values and "steps" not in restored.values
    assert restored.values["cfg"] == sampler["inputs"]["cfg"]
    assert_usable(restored)


def test_a_60_mb_text_chunk_is_not_inflated() -> None:
    huge = zlib.compress(b"a" * (60 * 1024 * 1024), 9)  # 60 MB of prompt in a small zTXt chunk
    data = png_with_chunk(b"zTXt", b"parameters\0\0" + huge)
    assert read_png_text(data, max_bytes=METADATA_TEXT_BYTES) == {}
    restored = read_generation_info(data)
    assert not restored.found


def test_an_oversized_text_chunk_is_skipped_before_it_is_copied() -> None:
    body = b"parameters\0" + b"a" * (METADATA_TEXT_BYTES + 1)
    data = png_with_chunk(b"tEXt", body)
    assert read_png_text(data, max_bytes=METADATA_TEXT_BYTES) == {}
    assert read_png_text(data)["parameters"] == "a" * (METADATA_TEXT_BYTES + 1)  # saving: kept


def test_a1111_settings_line_of_200_kb_without_a_colon_completes() -> None:
    # This took minutes in a quadratic regex (holding the GIL: the window froze). The pytest
    # timeout is the only clock here; the parser now scans the line once.
    restored = parse_a1111("a cat\nSteps: 20, " + "a" * 200_000)
    assert restored.values["steps"] == 20
    restored = parse_a1111("a" * 200_000)
    assert restored.values["prompt"] == "a" * 200_000
    restored = parse_a1111('Steps: 5, Lora: "' + "\\a" * 100_000)
    assert restored.values["steps"] == 5
    restored = parse_a1111("Steps: 6, " + "a," * 100_000 + "Seed: 7")
    assert restored.values["steps"] == 6 and restored.values["seed"] == 7
    restored = parse_a1111("Steps: 8, " + 'k: "a"b, ' * 20_000)
    assert restored.values["steps"] == 8


def test_a1111_huge_or_foreign_digits_in_seed_and_steps_are_dropped() -> None:
    text = "a cat\nSteps: ²³, Seed: " + "9" * 5000 + ", CFG scale: 1e999, Size: 99999999999x2"
    restored = parse_a1111(text)
    assert restored.values == {"prompt": "a cat"}
    assert_usable(restored)


def test_a1111_quoted_values_and_colons_in_values_still_parse() -> None:
    text = (
        'a cat\nSteps: 20, Sampler: Euler a, Lora hashes: "a: 1, b: 2", '
        "Model: sd:xl, Seed: 7, Size: 64x32"
    )
    restored = parse_a1111(text)
    assert restored.values["steps"] == 20 and restored.values["seed"] == 7
    assert restored.values["model"] == "sd:xl"
    assert (restored.values["width"], restored.values["height"]) == (64, 32)
    assert any(item == "lora hashes (a: 1, b: 2)" for item in restored.not_restored)


# --- properties ---------------------------------------------------------------------------------

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**30, max_value=10**60)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)
param_names = st.sampled_from([*TYPES, "extra", "template", "params", "inputs", "class_type"])
studio_documents = st.fixed_dictionaries(
    {"params": st.dictionaries(param_names, json_values, max_size=14)},
    optional={"template": json_values},
)


def as_json(value: Any) -> str:
    return json.dumps(value)  # allow_nan: NaN and Infinity, as Python writes them


@st.composite
def nested_text(draw: st.DrawFn) -> str:
    depth = draw(st.integers(min_value=0, max_value=5000))
    opener = draw(st.sampled_from(["[", '{"a":', '{"params":']))
    closer = {"[": "]", '{"a":': "}", '{"params":': "}"}[opener]
    return opener * depth + draw(st.sampled_from(["1", '""', "[]"])) + closer * depth


chunk_texts = (
    st.text(max_size=300) | json_values.map(as_json) | studio_documents.map(as_json) | nested_text()
)


@PROPERTY
@given(st.dictionaries(st.sampled_from(["studio", "prompt", "parameters", "other"]), chunk_texts))
def test_any_text_chunk_gives_usable_parameters(texts: dict[str, str]) -> None:
    assert_usable(read_generation_info(png(texts)))


@PROPERTY
@given(
    st.sampled_from([b"tEXt", b"zTXt", b"iTXt"]),
    st.sampled_from([b"studio", b"prompt", b"parameters"]),
    st.binary(max_size=2000),
    st.booleans(),
)
def test_any_chunk_bytes_give_usable_parameters(
    ctype: bytes, key: bytes, body: bytes, compress: bool
) -> None:
    payload = zlib.compress(body) if compress else body
    if ctype == b"zTXt":
        payload = b"\0" + payload
    elif ctype == b"iTXt":
        payload = (b"\1\0" if compress else b"\0\0") + b"\0\0" + payload
    assert_usable(read_generation_info(png_with_chunk(ctype, key + b"\0" + payload)))


@PROPERTY
@given(st.text(max_size=3000))
def test_any_a1111_text_gives_usable_parameters(text: str) -> None:
    restored = parse_a1111(text)
    assert restored.source == "a1111"
    assert_usable(restored)


@PROPERTY
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Steps", "Seed", "CFG scale", "Size", "Sampler", "Model", "x y"]),
            st.text(max_size=30) | st.integers().map(str) | st.floats().map(str),
        ),
        max_size=8,
    )
)
def test_any_a1111_settings_line_gives_usable_parameters(pairs: list[tuple[str, str]]) -> None:
    line = ", ".join(f"{key}: {value}" for key, value in pairs)
    assert_usable(parse_a1111(f"a cat\nSteps: 3, {line}"))


@PROPERTY
@given(chunk_texts)
def test_any_studio_text_gives_usable_parameters(text: str) -> None:
    assert_usable(parse_studio(text))


GRAPHS = [
    json.loads((WORKFLOWS / f"{name}.json").read_text())
    for name in ("sd15_basic", "img2img", "lora_chain", "sdxl_refiner", "controlnet")
]
links = st.tuples(st.text(max_size=3) | st.integers(), st.integers()).map(list)


@st.composite
def damaged_graphs(draw: st.DrawFn) -> dict[str, Any]:
    """A real ComfyUI prompt graph with some inputs, nodes or fields replaced by junk."""
    graph: dict[str, Any] = json.loads(json.dumps(draw(st.sampled_from(GRAPHS))))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        node_id = draw(st.sampled_from(sorted(graph)))
        node = graph[node_id]
        what = draw(st.sampled_from(["input", "node", "inputs", "class_type"]))
        if what == "node":
            graph[node_id] = draw(json_values)
        elif not isinstance(node, dict):
            continue
        elif what == "inputs":
            node["inputs"] = draw(json_values)
        elif what == "class_type":
            node["class_type"] = draw(json_values)
        elif isinstance(node.get("inputs"), dict) and node["inputs"]:
            name = draw(st.sampled_from(sorted(node["inputs"])))
            node["inputs"][name] = draw(json_values | links)
    return graph


@PROPERTY
@given(damaged_graphs())
def test_any_damaged_comfy_prompt_gives_usable_parameters(graph: dict[str, Any]) -> None:
    assert_usable(read_generation_info(png({"prompt": as_json(graph)})))
