"""Trigger words of a LoRA, read from its safetensors header metadata (what ComfyUI's
`GET /view_metadata/loras?filename=...` returns): the trainer's `modelspec.trigger_phrase`
first, then the tags of kohya's `ss_tag_frequency`, most frequent first.

Whatever the metadata holds (it comes from any file a user downloaded): junk JSON, wrong
types and huge tag lists give fewer words, never an error.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from typing import Any, Final

MAX_WORDS: Final = 12  # chips shown per LoRA: the most frequent tags
MAX_WORD_CHARS: Final = 80


def trigger_words(metadata: Mapping[str, Any] | None, limit: int = MAX_WORDS) -> tuple[str, ...]:
    if not metadata:
        return ()
    words: list[str] = []
    for key in ("modelspec.trigger_phrase", "ss_trigger_words", "trigger_phrase"):
        phrase = metadata.get(key)
        if isinstance(phrase, str):
            words += [w.strip() for w in phrase.split(",")]
    counts: Counter[str] = Counter()
    raw = metadata.get("ss_tag_frequency")
    try:
        datasets = json.loads(raw) if isinstance(raw, str) else raw
    except (ValueError, RecursionError):
        datasets = None
    if isinstance(datasets, Mapping):
        for tags in datasets.values():
            if not isinstance(tags, Mapping):
                continue
            for tag, count in tags.items():
                if isinstance(tag, str) and isinstance(count, int) and not isinstance(count, bool):
                    counts[tag.strip()] += count
    words += [tag for tag, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    unique: list[str] = []
    for word in words:
        if word and len(word) <= MAX_WORD_CHARS and word not in unique:
            unique.append(word)
        if len(unique) >= limit:
            break
    return tuple(unique)
