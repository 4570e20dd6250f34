"""Workflow templates: load, bind parameters, find slots."""

from studio_desktop.core.workflows.bind import bind, param_values
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
)

__all__ = [
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
]
