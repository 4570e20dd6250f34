"""What a template needs that the server lacks, as things the user can act on: the model files
it declares (with where to download them and which `models/` folder they go in) and the custom
node packs (with their repository and the commands that install them).

The window's help under the problems (download, copy the URL and folder, copy a command) and
the messages of validation and of a blocked job read these, so they say the same.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from studio_desktop.core.workflows.packs import install_commands, install_how
from studio_desktop.core.workflows.template import ModelFile, NodePack, Template
from studio_desktop.core.workflows.validate import IssueKind, ValidationIssue

__all__ = ["MissingPack", "install_commands", "install_how", "missing_models", "missing_packs"]


@dataclass(frozen=True)
class MissingPack:
    pack: NodePack
    classes: tuple[str, ...]  # the node classes of it the template uses and the server lacks


def missing_packs(template: Template, issues: Sequence[ValidationIssue]) -> list[MissingPack]:
    """The declared packs whose node classes the server lacks, in the order first named."""
    found: dict[str, tuple[NodePack, list[str]]] = {}
    for issue in issues:
        if issue.kind is not IssueKind.MISSING_NODE_CLASS:
            continue
        pack = template.pack_for(issue.class_type)
        if pack is None:
            continue
        entry = found.setdefault(pack.name, (pack, []))
        if issue.class_type not in entry[1]:
            entry[1].append(issue.class_type)
    return [MissingPack(pack, tuple(classes)) for pack, classes in found.values()]


def missing_models(template: Template, issues: Sequence[ValidationIssue]) -> list[ModelFile]:
    """The declared model files the server does not list for the input that loads them (a
    "not on this server" issue there), and those of a node the server lacks altogether (its
    list is unknown; the pack will need them)."""
    lacking = {
        (issue.node_id, issue.input_name)
        for issue in issues
        if issue.kind is IssueKind.NOT_IN_LIST and issue.input_name is not None
    }
    no_class = {issue.node_id for issue in issues if issue.kind is IssueKind.MISSING_NODE_CLASS}
    found: list[ModelFile] = []
    for model in template.model_files:
        if not model.node:
            continue
        if ((model.node, model.input) in lacking or model.node in no_class) and model not in found:
            found.append(model)
    return found
