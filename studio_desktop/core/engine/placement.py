"""Where a job may run, decided across servers: pure functions, no I/O, no clock.

- `blocked`: a waiting job no connected server can run, with the reason per server, and whether
  that is final (every server it may run on is connected and lacks something) or may change (a
  server is not connected yet).
- `pick_move`: an idle server asks for a prompt that waits behind others on a busy server.

The coordinator (coordinator.py) feeds them what the drivers report and acts on the answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from studio_desktop.core.engine.events import Reasons, ServerState, reasons_text
from studio_desktop.core.jobs import Job
from studio_desktop.core.messages import QT_TRANSLATE_NOOP, UserMessage, joined, message
from studio_desktop.core.servers import ServerCapabilities
from studio_desktop.core.workflows import Template, TemplateError, TemplateRegistry
from studio_desktop.core.workflows.packs import install_how
from studio_desktop.core.workflows.template import NodePack


@dataclass(frozen=True)
class ServerView:
    """A server as the coordinator sees it: its capabilities only while connected."""

    url: str
    label: str
    state: ServerState
    capabilities: ServerCapabilities | None


@dataclass(frozen=True)
class Blocked:
    reasons: Reasons
    final: bool  # every server the job may run on is connected: waiting cannot help

    @property
    def message(self) -> str:
        return str(self.text)

    @property
    def text(self) -> UserMessage:
        return reasons_text(self.reasons)


def blocked(job: Job, servers: Sequence[ServerView], templates: TemplateRegistry) -> Blocked | None:
    """None if a connected server can run `job`; otherwise why not, per server."""
    reasons: list[tuple[str, UserMessage]] = []
    final = True
    considered = [s for s in servers if not job.pinned or s.url == job.server]
    for server in considered:
        caps = server.capabilities
        if caps is None or server.state not in (ServerState.IDLE, ServerState.BUSY):
            final = False
            why = (
                message(QT_TRANSLATE_NOOP("CoreMessages", "connecting"))
                if server.state is ServerState.CONNECTING
                else message(QT_TRANSLATE_NOOP("CoreMessages", "not reachable"))
            )
            reasons.append((server.label, why))
            continue
        missing = caps.missing_for(job, templates)
        if not missing:
            return None
        reasons.append((server.label, describe_missing(missing, _template(job, templates))))
    if not considered:
        # Pinned to a server that is not running here (removed, disabled): it may come back.
        not_in_use = QT_TRANSLATE_NOOP("CoreMessages", "this server is not in use")
        reasons.append((job.server or "?", message(not_in_use)))
        final = False
    return Blocked(tuple(reasons), final)


def _template(job: Job, templates: TemplateRegistry) -> Template | None:
    try:
        return templates.get(job.template)
    except TemplateError:
        return None


def describe_missing(missing: Sequence[str], template: Template | None) -> UserMessage:
    """`ServerCapabilities.missing_for`'s list as a sentence, with where to get what lacks."""
    parts: list[UserMessage] = []
    nodes = [m for m in missing if not m.startswith(("model ", "template "))]
    for item in missing:
        if item.startswith("template "):
            not_here = QT_TRANSLATE_NOOP(
                "CoreMessages", "the template {name} is not installed here"
            )
            parts.append(message(not_here, name=item.removeprefix("template ")))
    by_pack: dict[str, list[str]] = {}
    help_of: dict[str, UserMessage] = {}
    for node in nodes:
        pack = template.pack_for(node) if template is not None else None
        key = pack.name if pack is not None else ""
        by_pack.setdefault(key, []).append(node)
        if pack is not None:
            help_of[key] = _install_hint(pack)
    for name, classes in by_pack.items():
        listed = ", ".join(classes)
        if name:
            lacks = QT_TRANSLATE_NOOP("CoreMessages", "lacks the nodes {nodes} ({pack}). {help}")
            parts.append(message(lacks, nodes=listed, pack=name, help=help_of[name]))
        else:
            lacks = QT_TRANSLATE_NOOP("CoreMessages", "lacks the nodes {nodes}")
            parts.append(message(lacks, nodes=listed))
    for item in missing:
        if item.startswith("model "):
            parts.append(_lacks_model(item.removeprefix("model "), template))
    return joined(parts)


def _install_hint(pack: NodePack) -> UserMessage:
    if pack.hint:  # the template's own words: not translated
        return message("{hint}", hint=pack.hint)
    if pack.url:
        return message(
            QT_TRANSLATE_NOOP("CoreMessages", "install {pack} ({url}) and restart ComfyUI.{how}"),
            pack=pack.name,
            url=pack.url,
            how=install_how(pack),
        )
    return message(
        QT_TRANSLATE_NOOP("CoreMessages", "install {pack} and restart ComfyUI.{how}"),
        pack=pack.name,
        how=install_how(pack),
    )


def _lacks_model(model: str, template: Template | None) -> UserMessage:
    for file in template.model_files if template is not None else ():
        if file.name == model and file.url:
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "lacks the model {model} (download it from {url} into ComfyUI's "
                    "models/{folder} folder)",
                ),
                model=model,
                url=file.url,
                folder=file.folder,
            )
        if file.name == model:
            return message(
                QT_TRANSLATE_NOOP(
                    "CoreMessages",
                    "lacks the model {model} (download it into ComfyUI's models/{folder} folder)",
                ),
                model=model,
                folder=file.folder,
            )
    return message(QT_TRANSLATE_NOOP("CoreMessages", "lacks the model {model}"), model=model)


def pick_move(
    candidates: Sequence[tuple[str, Job, int]], can_run: Callable[[Job], bool]
) -> tuple[str, str] | None:
    """For an idle server (nothing runs or waits on it): which waiting prompt to take over.

    `candidates`: (server url, job, prompts ahead of it there) for our prompts other servers
    list as waiting, not started. Moving wins whenever something is ahead of it there (here it
    starts at once); the one with the most ahead waits longest, so it goes first. A job pinned
    to its server, or one this server cannot run, stays. Returns (server url, job id)."""
    best: tuple[str, Job, int] | None = None
    for url, job, ahead in candidates:
        if ahead < 1 or job.pinned or not can_run(job):
            continue
        if best is None or ahead > best[2] or (ahead == best[2] and job.seq < best[1].seq):
            best = (url, job, ahead)
    return (best[0], best[1].id) if best is not None else None
