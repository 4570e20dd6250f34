"""The check before queueing: what a server would refuse in the graph a template and parameters
bind to. The window's Generate form and the CLI's `generate` both ask this, so they refuse the
same things with the same messages."""

from __future__ import annotations

from collections.abc import Mapping

from studio_desktop.core.comfy.object_info import ObjectInfo
from studio_desktop.core.jobs import GenerationParams
from studio_desktop.core.messages import verbatim
from studio_desktop.core.workflows.bind import bind
from studio_desktop.core.workflows.defaults import resolve_defaults, server_models
from studio_desktop.core.workflows.graph_options import GraphOptionError
from studio_desktop.core.workflows.template import Template, TemplateError
from studio_desktop.core.workflows.validate import IssueKind, ValidationIssue, validate_graph


def graph_issues(
    template: Template, params: GenerationParams, info: ObjectInfo
) -> list[ValidationIssue]:
    """What the server whose /object_info is `info` would refuse in the graph `params` bind to
    (empty when it should accept it)."""
    # The server names uploads itself; LoadImage checks them at run time, so any name
    # stands in for the images here.
    uploaded = {slot.name: f"studio_check_{slot.name}.png" for slot in template.images}
    no_default: ValidationIssue | None = None
    try:
        # The server's default model is checked as the one this server would pick.
        params = resolve_defaults(params, template, server_models(info))
    except TemplateError as exc:
        no_default = _model_issue(template, str(exc))
    try:
        graph = bind(template, params, job_id="check", uploaded=uploaded)
    except GraphOptionError as exc:
        # The graph cannot take an option the user set: say so under that option.
        text = exc.text or verbatim(str(exc))
        return [ValidationIssue("", "", None, exc.option, text, IssueKind.INVALID_NODE)]
    except (TemplateError, KeyError, TypeError, ValueError):
        return []  # a broken template: the form says so through problems()
    issues = validate_graph(graph, info, template)
    if no_default is None:
        return issues
    # The graph still names the template's placeholder there: say why instead.
    return [no_default, *(i for i in issues if i.slot != "model")]


def _model_issue(template: Template, message: str) -> ValidationIssue:
    """Why the server has no model to stand in for its default, under the model field."""
    target = template.slots["model"][0]
    node = template.graph.get(target.node)
    class_type = str(node.get("class_type", "")) if isinstance(node, Mapping) else ""
    return ValidationIssue(
        target.node, class_type, target.input, "model", verbatim(message), IssueKind.NOT_IN_LIST
    )
