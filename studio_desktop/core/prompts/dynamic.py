"""Dynamic prompts in the syntax of the sd-dynamic-prompts extension, through its own library
(`dynamicprompts`), so `{a|b|c}`, `{2::a|b}`, `{2-3$$a|b|c}`, nesting and `__name__` wildcards
mean here what users already know.

Two things the library does not do as we need, handled here:
- escaping: it drops the braces of `\\{x\\}` and keeps the backslashes; `\\{`, `\\}` and `\\|`
  are swapped for private-use characters before parsing and put back (without the backslash)
  after, as ComfyUI's front end treats them;
- a wildcard with no file: the library logs a warning and leaves `__name__` in the prompt; we
  refuse it, naming the wildcard.

The library (and pyparsing) are imported only when a text holds dynamic syntax, so `--help`,
`jobs` and plain prompts never load them.
"""

from __future__ import annotations

import enum
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from studio_desktop.core.messages import QT_TRANSLATE_NOOP, InvalidInput, message

if TYPE_CHECKING:
    from dynamicprompts.wildcards import WildcardManager

# Past this many combinations a combinatorial expansion is refused rather than queued.
MAX_COMBINATIONS: Final = 10_000
_ESCAPES: Final = {"\\{": "\ue000", "\\}": "\ue001", "\\|": "\ue002"}
_UNESCAPE: Final = {v: k[1] for k, v in _ESCAPES.items()}
_WILDCARD = re.compile(r"__([A-Za-z0-9_\-./*]+?)__")
_MAX_WILDCARD_DEPTH: Final = 20


class Mode(enum.Enum):
    RANDOM = "random"  # one prompt per job, picked with the job's seed
    COMBINATORIAL = "combinatorial"  # every combination, one job each


class PromptSyntaxError(InvalidInput):
    """A text that is not a valid dynamic prompt; the message (`text`, translatable) names the
    place."""


@dataclass(frozen=True)
class Expansion:
    """What a text expands to: `count` combinations (None: more than `MAX_COMBINATIONS`) and
    the first few of them."""

    count: int | None
    preview: tuple[str, ...]


def is_dynamic(text: str) -> bool:
    """Whether `text` holds any dynamic syntax (a brace or a wildcard) outside escapes."""
    plain = _escape(text)
    return "{" in plain or _WILDCARD.search(plain) is not None


def expand(
    text: str,
    *,
    mode: Mode = Mode.RANDOM,
    seed: int = 0,
    count: int = 1,
    seeds: Sequence[int] | None = None,
    wildcards_dir: Path | None = None,
) -> list[str]:
    """The prompts `text` expands to.

    Random: `count` prompts, the first picked with `seed`, the next with `seed + 1`..., so a
    job's prompt is the one `expand(text, seed=job.seed)` gives again; with `seeds`, one
    prompt picked with each of them (the text parsed once: a thousand jobs' prompts cost one
    parse, not a thousand). Combinatorial: every
    combination in order (`count` is ignored); PromptSyntaxError past `MAX_COMBINATIONS`.
    A text with no dynamic syntax is itself (with its escapes resolved).
    """
    if seeds is not None:
        count = len(seeds)
    if not is_dynamic(text):
        plain = _unescape(_escape(text))
        return [plain] if mode is Mode.COMBINATORIAL else [plain] * count
    manager = _manager(text, wildcards_dir)
    escaped = _escape(text)
    if mode is Mode.COMBINATORIAL:
        prompts = _combinations(escaped, manager, MAX_COMBINATIONS + 1)
        if len(prompts) > MAX_COMBINATIONS:
            raise PromptSyntaxError(
                message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages",
                        "The prompt has more than {limit} combinations; use random mode or "
                        "fewer choices.",
                    ),
                    limit=f"{MAX_COMBINATIONS:,}",
                )
            )
        return [_unescape(p) for p in prompts]
    from dynamicprompts.generators import RandomPromptGenerator

    if count == 0:
        return []
    generator = RandomPromptGenerator(manager)
    # Each prompt is drawn right after the generator's random source is set to its seed, so
    # it depends on its seed only, not on its place in the list.
    picks = list(seeds) if seeds is not None else [seed + i for i in range(count)]
    return [_unescape(p) for p in _parsing(lambda: generator.generate(escaped, count, seeds=picks))]


def preview(text: str, *, wildcards_dir: Path | None = None, shown: int = 5) -> Expansion:
    """How many combinations `text` has and the first `shown` of them (for the form)."""
    if not is_dynamic(text):
        return Expansion(1, (_unescape(_escape(text)),))
    manager = _manager(text, wildcards_dir)
    prompts = _combinations(_escape(text), manager, MAX_COMBINATIONS + 1)
    count = len(prompts) if len(prompts) <= MAX_COMBINATIONS else None
    return Expansion(count, tuple(_unescape(p) for p in prompts[:shown]))


def _combinations(escaped: str, manager: WildcardManager, limit: int) -> list[str]:
    from dynamicprompts.generators import CombinatorialPromptGenerator

    generator = CombinatorialPromptGenerator(manager)
    return _parsing(lambda: generator.generate(escaped, max_prompts=limit))


def _parsing(run: Any) -> list[str]:
    """Run a generator; the library's parse errors become one message naming the place."""
    from pyparsing import ParseBaseException

    try:
        return list(run())
    except ParseBaseException as exc:
        found = _unescape(str(exc.line)[exc.col - 1 : exc.col + 19]).strip()
        raise PromptSyntaxError(
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "The prompt cannot be read at line {line}, column {column} (near "
                    "'{found}'): check that each {open} has its {close} and that $$ and :: "
                    "are inside braces.",
                ),
                open="{",
                close="}",
                line=exc.lineno,
                column=exc.col,
                found=found,
            )
        ) from None


def _manager(text: str, wildcards_dir: Path | None) -> WildcardManager:
    """The library's wildcard reader for `wildcards_dir`; PromptSyntaxError naming the first
    wildcard the text (or a wildcard file it uses) refers to that has no file."""
    from dynamicprompts.wildcards import WildcardManager

    # dynamicprompts 0.31 calls pyparsing 3.3's old names, which warn on every parse: noise
    # for the user, nothing to act on. Set each time (cheap): pytest resets filters per test.
    warnings.filterwarnings(
        "ignore", category=DeprecationWarning, module=r"(pyparsing|dynamicprompts)"
    )

    manager = WildcardManager(wildcards_dir)
    seen: set[str] = set()

    def check(body: str, depth: int) -> None:
        for name in _WILDCARD.findall(_escape(body)):
            if name in seen:
                continue
            seen.add(name)
            values = manager.get_values(name) if wildcards_dir is not None else None
            if not values:
                where = wildcards_dir if wildcards_dir is not None else "the wildcards folder"
                raise PromptSyntaxError(
                    message(
                        QT_TRANSLATE_NOOP(
                            "CoreMessages",
                            "The wildcard __{name}__ has no file: add {name}.txt to {folder}.",
                        ),
                        name=name,
                        folder=str(where),
                    )
                )
            if depth < _MAX_WILDCARD_DEPTH:
                for value in _strings(values):
                    check(value, depth + 1)

    check(text, 0)
    return manager


def _strings(values: Any) -> Iterator[str]:
    for value in values:
        yield str(value)


def _escape(text: str) -> str:
    for typed, mark in _ESCAPES.items():
        text = text.replace(typed, mark)
    return text


def _unescape(text: str) -> str:
    for mark, char in _UNESCAPE.items():
        text = text.replace(mark, char)
    return text
