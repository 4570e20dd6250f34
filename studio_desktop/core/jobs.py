"""Jobs as the domain sees them: states, legal moves, parameters, errors and outputs.

Plain frozen dataclasses, no SQL and no Qt. The store converts rows to these and back.
"""

from __future__ import annotations

import enum
import math
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Any, Final

from studio_desktop.core.messages import UserMessage


class JobStatus(enum.StrEnum):
    PENDING = "pending"
    RUNNING = "running"
    RETRYING = "retrying"
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"

    @property
    def is_final(self) -> bool:
        return self in _FINAL

    @property
    def is_active(self) -> bool:
        """Waiting or running: what the queue panel shows."""
        return self in (JobStatus.PENDING, JobStatus.RUNNING, JobStatus.RETRYING)

    @property
    def can_retry(self) -> bool:
        """A job the user may queue again (the window's Retry, `studio-desktop retry`)."""
        return self in (JobStatus.FAILED, JobStatus.CANCELLED)


_FINAL = frozenset({JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED})

# DESIGN §3. RUNNING|RETRYING -> PENDING is the reconciliation/requeue move: a server went away or
# the app was killed before the run could be recognised, so the job goes back to the queue and its
# next claim counts attempt+1. FAILED|CANCELLED -> PENDING is the user's retry.
LEGAL_MOVES: Mapping[JobStatus, frozenset[JobStatus]] = {
    JobStatus.PENDING: frozenset({JobStatus.RUNNING, JobStatus.CANCELLED}),
    JobStatus.RUNNING: frozenset(
        {
            JobStatus.COMPLETED,
            JobStatus.FAILED,
            JobStatus.RETRYING,
            JobStatus.CANCELLED,
            JobStatus.PENDING,
        }
    ),
    JobStatus.RETRYING: frozenset(
        {JobStatus.RUNNING, JobStatus.CANCELLED, JobStatus.FAILED, JobStatus.PENDING}
    ),
    JobStatus.COMPLETED: frozenset(),
    JobStatus.FAILED: frozenset({JobStatus.PENDING}),
    JobStatus.CANCELLED: frozenset({JobStatus.PENDING}),  # the user's retry
}


class IllegalTransition(ValueError):
    """A state move that DESIGN §3 does not allow."""

    def __init__(self, job_id: str, old: JobStatus, new: JobStatus) -> None:
        super().__init__(f"job {job_id}: cannot move from {old.value} to {new.value}")
        self.job_id = job_id
        self.old = old
        self.new = new


def check_move(job_id: str, old: JobStatus, new: JobStatus) -> None:
    if new not in LEGAL_MOVES[old]:
        raise IllegalTransition(job_id, old, new)


def new_job_id() -> str:
    """A lowercase UUID4: ComfyUI accepts it as `prompt_id`, so a resubmit is recognised."""
    return str(uuid.uuid4())


# The seeds a job can have: 0 .. 2**32-1, the window's seed field and the CLI's --seed alike.
# ComfyUI's KSampler takes up to 2**64-1, but SQLite and JSON readers round-trip every value of
# this range exactly, and a batch that counts up wraps within it.
SEED_MAX = 2**32 - 1


@dataclass(frozen=True)
class LoraChoice:
    """One LoRA of the stack: loaded in order between the checkpoint and its consumers."""

    name: str
    model_strength: float = 1.0
    clip_strength: float = 1.0
    enabled: bool = True

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> LoraChoice | None:
        """None for an entry that is not a LoRA (a hand-edited or foreign chunk)."""
        if isinstance(data, str) and data:
            return cls(data)
        if not isinstance(data, Mapping) or not isinstance(data.get("name"), str):
            return None
        return cls(
            name=data["name"],
            model_strength=_number(data.get("model_strength"), 1.0),
            clip_strength=_number(data.get("clip_strength"), 1.0),
            enabled=bool(data.get("enabled", True)),
        )


# What the hires fix upscales with when no upscale model is named: the latent itself.
LATENT_UPSCALE = "latent"


@dataclass(frozen=True)
class HiresFix:
    """A second pass: upscale the first sampler's result and sample it again at `denoise`.

    `upscaler` is LATENT_UPSCALE or the name of an upscale model on the server; `steps` 0
    means the first pass's steps."""

    scale: float = 1.5
    denoise: float = 0.5
    steps: int = 0
    upscaler: str = LATENT_UPSCALE

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Any) -> HiresFix | None:
        # None first: most jobs have no second pass, and isinstance of the Mapping ABC costs a
        # Python call (every job the store reads comes through here, several times per job).
        if data is None or not isinstance(data, Mapping):
            return None
        steps = data.get("steps", 0)
        upscaler = data.get("upscaler", LATENT_UPSCALE)
        return cls(
            scale=_number(data.get("scale"), 1.5),
            denoise=_number(data.get("denoise"), 0.5),
            steps=steps if isinstance(steps, int) and not isinstance(steps, bool) else 0,
            upscaler=upscaler if isinstance(upscaler, str) and upscaler else LATENT_UPSCALE,
        )


def _number(value: Any, default: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return default
    return float(value)


@dataclass(frozen=True)
class GenerationParams:
    """What the user asked for. Templates map these onto node inputs."""

    prompt: str
    negative: str = ""
    seed: int = 0
    steps: int = 20
    cfg: float = 7.0
    sampler: str = "euler"
    scheduler: str = "normal"
    model: str = ""
    width: int = 512
    height: int = 512
    batch_size: int = 1
    denoise: float = 1.0
    # Template-specific values (e.g. an upscale model name), kept as given.
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Graph options every SD-style graph takes (core/workflows/graph_options.py): the LoRA
    # stack, a VAE instead of the checkpoint's, CLIP skip (layers from the end), a second pass.
    loras: tuple[LoraChoice, ...] = ()
    vae: str | None = None
    clip_skip: int | None = None
    hires: HiresFix | None = None

    @property
    def has_graph_options(self) -> bool:
        return bool(
            any(lora.enabled for lora in self.loras)
            or self.vae
            or self.clip_skip
            or self.hires is not None
        )

    def to_dict(self) -> dict[str, Any]:
        # Field by field rather than asdict(), which deep-copies every value only for the
        # containers to be replaced below: every job's output metadata is written from this.
        data = {name: getattr(self, name) for name in _PARAM_FIELDS}
        data["extra"] = dict(self.extra)
        data["loras"] = [lora.to_dict() for lora in self.loras]
        data["hires"] = self.hires.to_dict() if self.hires is not None else None
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> GenerationParams:
        """Jobs and pictures written before a field existed load with its default."""
        values = {k: v for k, v in data.items() if k in _PARAM_NAMES}
        raw_loras = values.get("loras")
        loras = (LoraChoice.from_dict(x) for x in raw_loras) if isinstance(raw_loras, list) else ()
        values["loras"] = tuple(lora for lora in loras if lora is not None)
        values["hires"] = HiresFix.from_dict(values.get("hires"))
        vae = values.get("vae")
        values["vae"] = vae if isinstance(vae, str) and vae else None
        skip = values.get("clip_skip")
        values["clip_skip"] = (
            skip if isinstance(skip, int) and not isinstance(skip, bool) and skip > 0 else None
        )
        return cls(**values)


# Looked up once: every row the store turns into a job reads its parameters with them.
_PARAM_FIELDS: Final = tuple(f.name for f in fields(GenerationParams))
_PARAM_NAMES: Final = frozenset(_PARAM_FIELDS)


def not_finite(values: Mapping[str, Any]) -> dict[str, float]:
    """The numbers among `values` that are NaN or infinite: JSON cannot carry them, so no
    server would ever receive a graph holding one."""
    return {
        name: value
        for name, value in values.items()
        if isinstance(value, float) and not math.isfinite(value)
    }


def params_problems(params: GenerationParams) -> list[str]:
    """Why `params` could never run, whatever the server: one sentence per problem."""
    numbers: dict[str, Any] = {"cfg": params.cfg, "denoise": params.denoise, **params.extra}
    for i, lora in enumerate(params.loras):
        numbers[f"LoRA {i + 1} model strength"] = lora.model_strength
        numbers[f"LoRA {i + 1} clip strength"] = lora.clip_strength
    if params.hires is not None:
        numbers["hires scale"] = params.hires.scale
        numbers["hires denoise"] = params.hires.denoise
    problems = [
        f"{name} must be a finite number, not {value}."
        for name, value in not_finite(numbers).items()
    ]
    if isinstance(params.seed, int) and not 0 <= params.seed <= SEED_MAX:
        problems.append(f"The seed must be 0 to {SEED_MAX}, not {params.seed}.")
    return problems


@dataclass(frozen=True)
class JobError:
    """Why a job failed, in the server's own words where it gave them."""

    type: str
    message: str  # in English: the log, the command line, and rows written before `text`
    node_id: str | None = None
    details: Any = None
    # The message as template and arguments, for the window to translate (None: show `message`).
    text: UserMessage | None = None

    @classmethod
    def of(
        cls,
        type: str,
        text: UserMessage,
        node_id: str | None = None,
        details: Any = None,
    ) -> JobError:
        return cls(type, str(text), node_id, details, text)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "type": self.type,
            "message": self.message,
            "node_id": self.node_id,
            "details": self.details,
        }
        if self.text is not None:
            data["text"] = self.text.to_dict()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> JobError:
        return cls(
            type=str(data.get("type", "error")),
            message=str(data.get("message", "")),
            node_id=data.get("node_id"),
            details=data.get("details"),
            text=UserMessage.from_dict(data.get("text")),
        )


@dataclass(frozen=True)
class InputImage:
    """A local file the job uploads into a template's image slot before it runs."""

    slot: str
    path: str


@dataclass(frozen=True)
class NewJob:
    """What it takes to queue a job."""

    template: str
    params: GenerationParams
    workflow: Mapping[str, Any] | None = None
    inputs: tuple[InputImage, ...] = ()
    server: str | None = None  # pin to one server URL; None = any
    id: str = field(default_factory=new_job_id)
    group_id: str | None = None  # the batch group it belongs to (written with the group)

    def __post_init__(self) -> None:
        # Checked when a job is made rather than in GenerationParams, so a job stored before
        # this check still loads (binding refuses its values then).
        problems = params_problems(self.params)
        if problems:
            raise ValueError(" ".join(problems))


@dataclass(frozen=True)
class Job:
    id: str
    seq: int  # insertion order; the keyset for paging
    template: str
    params: GenerationParams
    workflow: Mapping[str, Any] | None
    inputs: tuple[InputImage, ...]
    status: JobStatus
    server: str | None  # the pinned server, or the one that claimed it
    pinned: bool
    attempt: int
    priority: int
    progress: float  # 0..1
    progress_text: str
    error: JobError | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    deleted: bool
    revision: int = 0  # the store's commit-ordered stamp of the write that produced this state
    owner: str | None = None  # the process token that may run it (None: any process)
    # The current take (attempt): when its prompt reached the server, and when the server began
    # executing it (its first event about the prompt). The gap is time spent in ComfyUI's queue.
    sent_at: datetime | None = None
    sampling_at: datetime | None = None
    group_id: str | None = None  # its batch group (core.groups), if any

    @property
    def duration_s(self) -> float | None:
        """Claim to end: uploads, the wait in the server's queue, sampling and saving."""
        return _seconds(self.started_at, self.finished_at)

    @property
    def queued_s(self) -> float | None:
        """Time the prompt waited in the server's queue before it started."""
        return _seconds(self.sent_at, self.sampling_at)

    @property
    def sampling_s(self) -> float | None:
        """Time the server spent executing the prompt (to the end of the job)."""
        return _seconds(self.sampling_at, self.finished_at)

    @property
    def sampling(self) -> bool:
        """Running, and the server is executing its prompt now."""
        return self.status is JobStatus.RUNNING and self.sampling_at is not None

    @property
    def waiting_on_server(self) -> bool:
        """Running for us, but only sent: it waits in the server's queue behind other prompts."""
        return (
            self.status is JobStatus.RUNNING
            and self.sent_at is not None
            and self.sampling_at is None
        )


def _seconds(start: datetime | None, end: datetime | None) -> float | None:
    if start is None or end is None:
        return None
    return max(0.0, (end - start).total_seconds())


class AttemptStatus(enum.StrEnum):
    """How one take of a job from the queue went (or goes)."""

    RUNNING = "running"
    RETRYING = "retrying"  # a step failed; it is tried again within the same take
    COMPLETED = "completed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    REQUEUED = "requeued"  # given back to the queue (server gone, moved to an idle server)

    @property
    def is_open(self) -> bool:
        return self in (AttemptStatus.RUNNING, AttemptStatus.RETRYING)


@dataclass(frozen=True)
class Attempt:
    """One take of a job from the queue: where it ran, how it ended and its times."""

    job_id: str
    number: int  # 1, 2, ... as `Job.attempt` counted it
    server: str | None
    status: AttemptStatus
    error: JobError | None
    started_at: datetime | None  # claimed
    sent_at: datetime | None  # the prompt reached the server
    sampling_at: datetime | None  # the server began executing it
    finished_at: datetime | None

    @property
    def queued_s(self) -> float | None:
        return _seconds(self.sent_at, self.sampling_at)

    @property
    def sampling_s(self) -> float | None:
        return _seconds(self.sampling_at, self.finished_at)

    @property
    def total_s(self) -> float | None:
        return _seconds(self.started_at, self.finished_at)


@dataclass(frozen=True)
class NewImage:
    """An output file already written under the data folder, ready to be recorded."""

    index: int
    path: str  # relative to the data folder
    thumb_path: str | None
    width: int
    height: int
    bytes: int
    kind: str = "image"  # image | video | audio | animated
    metadata: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ImageRecord:
    id: int
    job_id: str
    index: int
    path: str
    thumb_path: str | None
    width: int
    height: int
    bytes: int
    kind: str
    metadata: Mapping[str, Any]
    favourite: bool
    tags: tuple[str, ...]
    deleted: bool
    created_at: datetime


@dataclass(frozen=True)
class Completed:
    """A job as its completion left it, with the outputs recorded in the same transaction."""

    job: Job
    images: list[ImageRecord]
    follow_up: Job | None = None  # the next job a forever group queued in the same commit
