"""Axis specs and their expansion into one `GenerationParams` per cell.

A spec is `FIELD=VALUES`. VALUES is a list (`10,20,30`; a value holding a comma is quoted:
`"a, b",c`), a range of every integer (`1-10`), a range of N evenly spaced values (`1-10 [5]`)
or a range with a step (`0.5-1.0 (+0.1)`). Ranges are for number fields only: a model or a
sampler name may hold a dash. `prompt=red,blue,green` is A1111's Prompt S/R: the first value
is the text the prompt holds, each value replaces it (the first leaves the prompt as is).

Cells are ordered Z, then Y, then X (X fastest), so a job's place in its group's queue is the
reading order of the grids. Every cell keeps the base seed unless seed is an axis, so a sweep
compares settings, not luck, and running it again gives the same pictures.
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final

from studio_desktop.core.jobs import SEED_MAX, GenerationParams, LoraChoice
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, message

AXIS_NAMES: Final = ("X", "Y", "Z")
MAX_AXES: Final = 3
MAX_VALUES: Final = 1000  # per axis
MAX_CELLS: Final = 10_000  # as many jobs as a combinatorial prompt may make
# Where a sweep cell's place is kept in each job's `extra` (and so in its outputs' metadata):
# the grid is assembled from these, whatever order the jobs ran or were retried in.
CELL_KEY: Final = "sweep_cell"


class SweepSpecError(ValueError):
    """A spec that cannot be read: the message names the axis, the spec and the place."""

    def __init__(self, axis: str, spec: str, where: int | None, problem: UserMessage) -> None:
        self.axis = axis
        self.spec = spec
        self.where = where  # 1-based character of the spec, None for the spec as a whole
        self.problem = problem  # what is wrong, without the axis and place (the form adds its own)
        if where is None:
            self.text = message(
                QT_TRANSLATE_NOOP("CoreMessages", "sweep axis {axis} ({spec}): {problem}"),
                axis=axis,
                spec=repr(spec),
                problem=problem,
            )
        else:
            self.text = message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "sweep axis {axis} ({spec}) at character {where}: {problem}"
                ),
                axis=axis,
                spec=repr(spec),
                where=where,
                problem=problem,
            )
        super().__init__(str(self.text))


def too_many_values(count: int) -> UserMessage:
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "{count} values; at most {most}"),
        count=count,
        most=MAX_VALUES,
    )


class Kind(enum.Enum):
    INT = "int"
    FLOAT = "float"
    TEXT = "text"
    SIZE = "size"
    PROMPT = "prompt"
    ANY = "any"  # an extra field: numbers where they read as numbers, text otherwise


_FIELDS: Final[Mapping[str, Kind]] = {
    "seed": Kind.INT,
    "steps": Kind.INT,
    "cfg": Kind.FLOAT,
    "sampler": Kind.TEXT,
    "scheduler": Kind.TEXT,
    "model": Kind.TEXT,
    "denoise": Kind.FLOAT,
    "width": Kind.INT,
    "height": Kind.INT,
    "size": Kind.SIZE,
    "prompt": Kind.PROMPT,
    "negative": Kind.PROMPT,
}
LORA_PREFIX: Final = "lora:"
EXTRA_PREFIX: Final = "extra."

_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_RANGE = re.compile(
    rf"^\s*(?P<start>{_NUMBER})\s*-\s*(?P<end>{_NUMBER})\s*"
    rf"(?:\[\s*(?P<count>\d+)\s*\]|\(\s*(?P<step>{_NUMBER})\s*\))?\s*$"
)
_SIZE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")


@dataclass(frozen=True)
class Axis:
    """One axis: the field it sets and its values, typed; `title`, what the grid image calls
    the field (the window's name for it, in the user's language when queued from the window;
    empty: the field itself)."""

    field: str  # "steps", "size", "prompt", "lora:NAME", "extra.NAME" ...
    values: tuple[Any, ...]
    spec: str
    title: str = ""

    @property
    def kind(self) -> Kind:
        return field_kind(self.field) or Kind.ANY

    def label(self, index: int) -> str:
        """How value `index` is written on the grid."""
        return value_label(self.values[index])

    def to_dict(self) -> dict[str, Any]:
        values = [list(v) if isinstance(v, tuple) else v for v in self.values]
        data: dict[str, Any] = {"field": self.field, "values": values, "spec": self.spec}
        if self.title:
            data["title"] = self.title
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Axis:
        values = tuple(tuple(v) if isinstance(v, list) else v for v in data["values"])
        return cls(
            field=str(data["field"]),
            values=values,
            spec=str(data.get("spec", "")),
            title=str(data.get("title") or ""),
        )


def value_label(value: Any) -> str:
    if isinstance(value, tuple):
        return f"{value[0]}x{value[1]}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def field_kind(name: str) -> Kind | None:
    if name in _FIELDS:
        return _FIELDS[name]
    if name.startswith(LORA_PREFIX) and len(name) > len(LORA_PREFIX):
        return Kind.FLOAT
    if name.startswith(EXTRA_PREFIX) and len(name) > len(EXTRA_PREFIX):
        return Kind.ANY
    return None


def parse_axis(spec: str, axis: str = "X") -> Axis:
    """`FIELD=VALUES` as an `Axis`; SweepSpecError naming `axis` and the place otherwise."""
    if "=" not in spec:
        raise SweepSpecError(
            axis,
            spec,
            None,
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "expected FIELD=VALUES, e.g. steps=10,20,30")
            ),
        )
    name_part, _, values_part = spec.partition("=")
    name = name_part.strip()
    kind = field_kind(name.lower() if name.lower() in _FIELDS else name)
    if kind is None:
        known = ", ".join([*_FIELDS, "lora:NAME", "extra.NAME"])
        raise SweepSpecError(
            axis,
            spec,
            1,
            message(
                QT_TRANSLATE_NOOP("CoreMessages", "unknown field {name}; one of {known}"),
                name=repr(name),
                known=known,
            ),
        )
    if name.lower() in _FIELDS:
        name = name.lower()
    offset = len(name_part) + 1  # values_part starts here (0-based)
    if not values_part.strip():
        raise SweepSpecError(
            axis,
            spec,
            offset + 1,
            message(QT_TRANSLATE_NOOP("CoreMessages", "no values after '='")),
        )
    values = _values(kind, values_part, offset, axis, spec)
    if kind is Kind.PROMPT and len(values) < 2:
        raise SweepSpecError(
            axis,
            spec,
            offset + 1,
            message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages", "a prompt axis needs the text to replace and what replaces it"
                )
            ),
        )
    if len(values) > MAX_VALUES:
        raise SweepSpecError(axis, spec, offset + 1, too_many_values(len(values)))
    if name == "seed":
        for v in values:
            if not 0 <= v <= SEED_MAX:
                problem = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "seed {seed} is not 0 to {most}"),
                    seed=v,
                    most=SEED_MAX,
                )
                raise SweepSpecError(axis, spec, None, problem)
    if name in ("steps", "width", "height") or kind is Kind.SIZE:
        flat = [n for v in values for n in (v if isinstance(v, tuple) else (v,))]
        if any(n < 1 for n in flat):
            problem = message(
                QT_TRANSLATE_NOOP("CoreMessages", "{field} must be at least 1"), field=name
            )
            raise SweepSpecError(axis, spec, None, problem)
    return Axis(field=name, values=tuple(values), spec=spec.strip())


def _values(kind: Kind, text: str, offset: int, axis: str, spec: str) -> list[Any]:
    if kind in (Kind.INT, Kind.FLOAT, Kind.ANY):
        match = _RANGE.match(text)
        if match is not None:
            return _range(kind, match, offset, axis, spec)
    out: list[Any] = []
    for item, at in _split(text, offset, axis, spec):
        where = at + 1
        if not item:
            raise SweepSpecError(
                axis,
                spec,
                where,
                message(QT_TRANSLATE_NOOP("CoreMessages", "empty value (two commas in a row?)")),
            )
        out.append(_one(kind, item, where, axis, spec))
    return out


def _one(kind: Kind, item: str, where: int, axis: str, spec: str) -> Any:
    if kind is Kind.INT:
        try:
            return int(item)
        except ValueError:
            problem = message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a whole number"), value=repr(item)
            )
            raise SweepSpecError(axis, spec, where, problem) from None
    if kind is Kind.FLOAT:
        try:
            value = float(item)
        except ValueError:
            problem = message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a number"), value=repr(item)
            )
            raise SweepSpecError(axis, spec, where, problem) from None
        if not math.isfinite(value):
            problem = message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not a finite number"),
                value=repr(item),
            )
            raise SweepSpecError(axis, spec, where, problem)
        return value
    if kind is Kind.SIZE:
        match = _SIZE.match(item)
        if match is None:
            problem = message(
                QT_TRANSLATE_NOOP("CoreMessages", "{value} is not WIDTHxHEIGHT, e.g. 512x768"),
                value=repr(item),
            )
            raise SweepSpecError(axis, spec, where, problem)
        return (int(match.group(1)), int(match.group(2)))
    if kind is Kind.ANY:
        for convert in (int, float):
            try:
                number = convert(item)
            except ValueError:
                continue
            if isinstance(number, float) and not math.isfinite(number):
                break
            return number
    return item


def _range(kind: Kind, match: re.Match[str], offset: int, axis: str, spec: str) -> list[Any]:
    where = offset + match.start("start") + 1
    start_text, end_text = match.group("start"), match.group("end")
    count, step = match.group("count"), match.group("step")
    whole = all(re.fullmatch(r"[+-]?\d+", t) for t in (start_text, end_text))
    as_int = kind is Kind.INT or (kind is Kind.ANY and whole and (step is None or "." not in step))
    if kind is Kind.INT and not whole:
        raise SweepSpecError(
            axis,
            spec,
            where,
            message(QT_TRANSLATE_NOOP("CoreMessages", "a range of whole numbers needs whole ends")),
        )
    start, end = float(start_text), float(end_text)
    if count is not None:
        n = int(count)
        if n < 1:
            problem = message(QT_TRANSLATE_NOOP("CoreMessages", "[0] values"))
            raise SweepSpecError(axis, spec, offset + match.start("count") + 1, problem)
        if n > MAX_VALUES:
            raise SweepSpecError(axis, spec, where, too_many_values(n))
        points = [start] if n == 1 else [start + (end - start) * i / (n - 1) for i in range(n)]
    else:
        if step is None:
            if not whole:
                problem = message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "a range of decimals needs a step (+0.1) or a count [5]"
                    )
                )
                raise SweepSpecError(axis, spec, where, problem)
            delta = 1.0 if end >= start else -1.0
        else:
            delta = float(step)
            step_at = offset + match.start("step") + 1
            if delta == 0:
                raise SweepSpecError(
                    axis, spec, step_at, message(QT_TRANSLATE_NOOP("CoreMessages", "the step is 0"))
                )
            if (end - start) * delta < 0:
                problem = message(
                    QT_TRANSLATE_NOOP(
                        "CoreMessages", "a step of {step} never gets from {start} to {end}"
                    ),
                    step=step,
                    start=start_text,
                    end=end_text,
                )
                raise SweepSpecError(axis, spec, step_at, problem)
            if kind is Kind.INT and not delta.is_integer():
                problem = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "a whole-number field needs a whole step")
                )
                raise SweepSpecError(axis, spec, step_at, problem)
        n = math.floor((end - start) / delta + 1e-9) + 1
        if n > MAX_VALUES:
            raise SweepSpecError(axis, spec, where, too_many_values(n))
        points = [start + delta * i for i in range(n)]
    if as_int:
        return [round(p) for p in points]
    # Rounded so 0.5 + 3 * 0.1 is written 0.8, not 0.8000000000000002.
    return [round(p, 10) for p in points]


def _split(text: str, offset: int, axis: str, spec: str) -> list[tuple[str, int]]:
    """Comma-separated values with their 0-based place in the spec; double quotes hold a
    value with commas ("a, b"); "" is a quote inside one."""
    items: list[tuple[str, int]] = []
    i, n = 0, len(text)
    while True:
        while i < n and text[i] == " ":
            i += 1
        at = offset + i
        if i < n and text[i] == '"':
            i += 1
            chars: list[str] = []
            while True:
                if i >= n:
                    problem = message(
                        QT_TRANSLATE_NOOP("CoreMessages", "a quote that is never closed")
                    )
                    raise SweepSpecError(axis, spec, at + 1, problem)
                if text[i] == '"':
                    if i + 1 < n and text[i + 1] == '"':
                        chars.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                chars.append(text[i])
                i += 1
            while i < n and text[i] == " ":
                i += 1
            if i < n and text[i] != ",":
                problem = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "expected ',' after a quoted value")
                )
                raise SweepSpecError(axis, spec, offset + i + 1, problem)
            items.append(("".join(chars), at))
        else:
            end = text.find(",", i)
            end = n if end < 0 else end
            items.append((text[i:end].strip(), at))
            i = end
        if i >= n:
            return items
        i += 1  # the comma


@dataclass(frozen=True)
class Cell:
    """One cell: its place (x, y, z; 0 on an axis the sweep does not have) and parameters."""

    x: int
    y: int
    z: int
    params: GenerationParams

    @property
    def place(self) -> tuple[int, int, int]:
        return (self.x, self.y, self.z)


def parse_axes(specs: Sequence[str]) -> list[Axis]:
    if len(specs) > MAX_AXES:
        problem = message(QT_TRANSLATE_NOOP("CoreMessages", "at most 3 axes (X, Y, Z)"))
        raise SweepSpecError(AXIS_NAMES[-1], specs[MAX_AXES], None, problem)
    axes = [parse_axis(spec, AXIS_NAMES[i]) for i, spec in enumerate(specs)]
    seen: dict[str, str] = {}
    for name, axis in zip(AXIS_NAMES, axes, strict=False):
        # size sets width and height: it cannot share a sweep with either
        keys = ("width", "height") if axis.field == "size" else (axis.field,)
        for key in keys:
            if key in seen:
                problem = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "{field} is already axis {axis}"),
                    field=key,
                    axis=seen[key],
                )
                raise SweepSpecError(name, axis.spec, None, problem)
            seen[key] = name
    return axes


def cell_count(axes: Sequence[Axis]) -> int:
    return math.prod(len(a.values) for a in axes)


def expand(base: GenerationParams, axes: Sequence[Axis]) -> list[Cell]:
    """Every cell's parameters, Z then Y then X (X fastest); SweepSpecError when there are
    too many or a prompt axis's text is not in the prompt."""
    if not axes or len(axes) > MAX_AXES:
        raise ValueError(f"a sweep has 1 to {MAX_AXES} axes, not {len(axes)}")
    total = cell_count(axes)
    if total > MAX_CELLS:
        name = AXIS_NAMES[len(axes) - 1]
        problem = message(
            QT_TRANSLATE_NOOP("CoreMessages", "{count} cells; at most {most}"),
            count=total,
            most=MAX_CELLS,
        )
        raise SweepSpecError(name, axes[-1].spec, None, problem)
    for name, axis in zip(AXIS_NAMES, axes, strict=False):
        if axis.kind is Kind.PROMPT:
            text = base.prompt if axis.field == "prompt" else base.negative
            if axis.values[0] not in text:
                problem = message(
                    QT_TRANSLATE_NOOP("CoreMessages", "the prompt does not hold {text}")
                    if axis.field == "prompt"
                    else QT_TRANSLATE_NOOP("CoreMessages", "the negative does not hold {text}"),
                    text=repr(axis.values[0]),
                )
                raise SweepSpecError(name, axis.spec, None, problem)
    sizes = [len(a.values) for a in axes] + [1] * (MAX_AXES - len(axes))
    cells: list[Cell] = []
    for z in range(sizes[2]):
        for y in range(sizes[1]):
            for x in range(sizes[0]):
                place = (x, y, z)
                params = base
                for i, axis in enumerate(axes):
                    params = apply(params, axis, axis.values[place[i]])
                extra = {**params.extra, CELL_KEY: [x, y, z]}
                cells.append(Cell(x, y, z, replace(params, extra=extra)))
    return cells


def apply(params: GenerationParams, axis: Axis, value: Any) -> GenerationParams:
    """`params` with `axis` set to `value`."""
    name = axis.field
    if axis.kind is Kind.PROMPT:
        old = str(axis.values[0])
        if name == "prompt":
            return replace(params, prompt=params.prompt.replace(old, str(value)))
        return replace(params, negative=params.negative.replace(old, str(value)))
    if name == "size":
        width, height = value
        return replace(params, width=width, height=height)
    if name.startswith(LORA_PREFIX):
        return _with_lora(params, name[len(LORA_PREFIX) :], float(value))
    if name.startswith(EXTRA_PREFIX):
        return replace(params, extra={**params.extra, name[len(EXTRA_PREFIX) :]: value})
    return replace(params, **{name: value})


def _with_lora(params: GenerationParams, name: str, strength: float) -> GenerationParams:
    """The LoRA `name` (matched as given, or by its file name without folder or extension) at
    `strength` for both model and CLIP; added to the end of the stack if it is not there."""

    def matches(lora: LoraChoice) -> bool:
        stem = lora.name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        return name in (lora.name, stem)

    if any(matches(lora) for lora in params.loras):
        loras = tuple(
            replace(lora, model_strength=strength, clip_strength=strength, enabled=True)
            if matches(lora)
            else lora
            for lora in params.loras
        )
    else:
        loras = (*params.loras, LoraChoice(name, strength, strength))
    return replace(params, loras=loras)


def sweep_json(axes: Sequence[Axis], notes: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What a sweep group records, so the grid can be assembled later (after a restart too).

    `notes`: what the grid image writes on a cell without an image, by its job's status value
    ("failed": the user's word for it); the window gives them in the user's language."""
    data: dict[str, Any] = {"axes": [a.to_dict() for a in axes]}
    if notes:
        data["notes"] = dict(notes)
    return data


def missing_notes_of(data: Mapping[str, Any]) -> dict[str, str]:
    """The `notes` a sweep recorded (strings only; none from an older sweep)."""
    notes = data.get("notes")
    if not isinstance(notes, Mapping):
        return {}
    return {str(k): v for k, v in notes.items() if isinstance(v, str) and v}


def axes_from_json(data: Mapping[str, Any]) -> list[Axis]:
    return [Axis.from_dict(a) for a in data.get("axes", [])]


def cell_of(extra: Mapping[str, Any]) -> tuple[int, int, int] | None:
    """A job's cell, from its parameters' extra; None if it has none (or a malformed one)."""
    raw = extra.get(CELL_KEY)
    if (
        isinstance(raw, list)
        and len(raw) == 3
        and all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in raw)
    ):
        return (raw[0], raw[1], raw[2])
    return None
