"""Before `generate` queues anything: the same check of the bound graph against each server's
/object_info as the window's Generate form (`core.workflows.preflight`), so a sampler, size,
step count or model a server would refuse is one line here, not a failed job."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from studio_desktop.cli.common import CliError
from studio_desktop.core.comfy import ComfyClient, ComfyError
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.servers import ServerConfig
from studio_desktop.core.workflows import Template
from studio_desktop.core.workflows.preflight import graph_issues


def servers_that_accept(
    servers: Sequence[ServerConfig],
    template: Template,
    params: GenerationParams,
    variants: Sequence[GenerationParams] = (),
) -> list[ServerConfig]:
    """The servers that would run `params` (and each of `variants`: a sweep's values) on
    `template`; a warning line for each that would not (if another would). CliError with the
    first server's reasons if none would."""
    refusals: list[tuple[ServerConfig, str]] = []
    accepting: list[ServerConfig] = []
    for server in servers:
        problem = _refusal(server, template, [params, *variants])
        if problem is None:
            accepting.append(server)
        else:
            refusals.append((server, problem))
    if not accepting:
        server, problem = refusals[0]
        if len(servers) == 1:
            raise CliError(problem)
        raise CliError(f"no server would run this; {server.url}: {problem}")
    for server, problem in refusals:
        print(f"warning: skipping {server.url}: {problem}", file=sys.stderr)
    return accepting


def _refusal(
    server: ServerConfig, template: Template, all_params: Sequence[GenerationParams]
) -> str | None:
    """Why `server` would refuse any of the graphs, as one line; None if it would run them.
    Its /object_info is read once."""
    client = ComfyClient(server.url, auth_header=server.auth_header)
    try:
        info = client.object_info()
    except ComfyError as exc:
        return f"cannot read what it offers: {exc}"
    finally:
        client.close()
    messages: list[str] = []
    for params in all_params:
        for issue in graph_issues(template, params, info):
            message = " ".join(issue.message.split())  # one line, whatever the message holds
            if message not in messages:
                messages.append(message)
    return " ".join(messages) or None
