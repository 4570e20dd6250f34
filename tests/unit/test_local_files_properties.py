"""Property tests: whatever bytes or JSON sit in settings.json or a user template, reading them
gives settings (with notices) or one TemplateError, never another exception, and returns.

"Returns" is bounded by the test timeout (a generous ceiling, not a measurement): every input
here is small, so a reader that loops or recurses without end is what would trip it.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio_desktop.core.settings import Settings, read_settings, save_settings
from studio_desktop.core.workflows import TemplateError, load_template
from studio_desktop.core.workflows.template import Template

pytestmark = pytest.mark.timeout(600)

SETTINGS_KEYS = [
    "schema_version",
    "language",
    "thumbnail_size",
    "pipeline_depth",
    "trash_retention_days",
    "temp_retention_hours",
    "notify_when_batch_done",
    "first_run_done",
    "output_folder",
    "last_form",
    "ui_state",
    "thumbnails",
]
TEMPLATE_KEYS = ["format", "id", "name", "graph", "slots", "images", "requires", "defaults"]

# Text with NULs, lone surrogates and the characters JSON and paths care about.
nasty_text = st.text(
    alphabet=st.one_of(
        st.sampled_from(["\0", "\ud800", "\udfff", "/", "\\", "~", '"', " ", "\n", "é", "猫"]),
        st.characters(),
    ),
    max_size=20,
)
numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([10**4000, -(10**4000), 0, 1, -1, 2**63]),
)
leaves = st.one_of(st.none(), st.booleans(), numbers, nasty_text)


def json_values(keys: list[str]) -> st.SearchStrategy[Any]:
    keyed = st.one_of(st.sampled_from(keys), nasty_text, st.sampled_from(["1", "2", "node"]))
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4), st.dictionaries(keyed, inner, max_size=5)
        ),
        max_leaves=30,
    )


def documents(keys: list[str]) -> st.SearchStrategy[bytes]:
    """Raw bytes, JSON text of arbitrary values, and deeply nested or huge-number documents."""
    value = json_values(keys)
    as_json = value.map(lambda v: _dumps(v).encode("utf-8", "surrogatepass"))
    deep = st.integers(min_value=1, max_value=200_000).map(
        lambda n: b'{"last_form": ' + b"[" * n + b"]" * n + b"}"
    )
    huge = st.sampled_from([b'{"thumbnail_size": 1e999}', b"9" * 5000, b'{"format": -1e999}'])
    return st.one_of(st.binary(max_size=200), as_json, deep, huge)


def _dumps(value: Any) -> str:
    try:
        return json.dumps(value, allow_nan=True)
    except (ValueError, OverflowError):  # an int too long to write: use a short stand-in
        return json.dumps(str(value)[:10])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=documents(SETTINGS_KEYS))
def test_reading_any_settings_file_gives_settings_that_save_again(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "settings.json"
        path.write_bytes(content)
        loaded = read_settings(path)
        assert isinstance(loaded.settings, Settings)
        assert all(isinstance(n, str) and n for n in loaded.notices)
        save_settings(loaded.settings, path)  # whatever was read can be written back
        assert read_settings(path).settings == loaded.settings


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    content=st.one_of(
        documents(TEMPLATE_KEYS),
        st.fixed_dictionaries(
            {"id": st.just("x"), "graph": st.just({"1": {"class_type": "A", "inputs": {}}})},
            optional={
                k: json_values(TEMPLATE_KEYS) for k in TEMPLATE_KEYS if k not in ("id", "graph")
            },
        ).map(lambda d: _dumps(d).encode("utf-8", "surrogatepass")),
    )
)
def test_reading_any_template_file_gives_a_template_or_a_template_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.json"
        path.write_bytes(content)
        try:
            assert isinstance(load_template(path), Template)
        except TemplateError as exc:
            assert str(exc).strip()
