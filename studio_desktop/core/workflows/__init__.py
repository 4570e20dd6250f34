"""Workflow templates: load, bind parameters, find slots."""

from studio_desktop.core.workflows.bind import bind, param_values
from studio_desktop.core.workflows.defaults import SERVER_DEFAULT_MODEL, resolve_defaults
from studio_desktop.core.workflows.registry import TemplateRegistry
from studio_desktop.core.workflows.template import (
    ImageSlot,
    ModelFile,
    NodePack,
    SlotTarget,
    Template,
    TemplateError,
    TemplateText,
    load_template,
    parse_template,
    shown_fields,
)

__all__ = [
    "SERVER_DEFAULT_MODEL",
    "ImageSlot",
    "ModelFile",
    "NodePack",
    "SlotTarget",
    "Template",
    "TemplateError",
    "TemplateRegistry",
    "TemplateText",
    "bind",
    "load_template",
    "param_values",
    "parse_template",
    "resolve_defaults",
    "shown_fields",
]
