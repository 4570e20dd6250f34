"""Problems shown under the Generate form's standard fields (prompt, model, size, ...): the
message row below each, which fields a template shows, and how problems are sorted to the field
they belong to. The check of the bound graph against the server is `core.workflows.preflight`,
shared with the CLI.

Template-specific editors and image slots show their own problems; whatever belongs to no
visible field is left to the message area above Queue.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from studio_desktop.core.workflows.validate import IssueKind, ValidationIssue
from studio_desktop.ui.generate.fields import FieldMessage, ListCombo, flag_widget
from studio_desktop.ui.texts import show_text

# Which standard field shows the problems of a slot.
FIELD_OF_SLOT = {"width": "size", "height": "size"}


class FieldMessages:
    """A message row under each standard field of `form`, hidden while it has nothing to say
    or while the template hides the field."""

    def __init__(self, form: QFormLayout) -> None:
        self._form = form
        self._fields: dict[str, tuple[QWidget, FieldMessage]] = {}
        self._shown: dict[str, bool] = {}

    def add(self, key: str, widget: QWidget, *, span: bool = False) -> None:
        """A message row for `widget`, added as the form's next row."""
        message = FieldMessage()
        message.setObjectName(f"message_{key}")
        if span:
            self._form.addRow(message)
        else:
            self._form.addRow("", message)
        self._form.setRowVisible(message, False)
        self._fields[key] = (widget, message)
        self._shown[key] = True

    def widget(self, key: str) -> QWidget:
        return self._fields[key][0]

    def set_shown(self, key: str, shown: bool) -> None:
        """Whether the template shows the field (its row is hidden by the form itself)."""
        self._shown[key] = shown

    def key_for(self, slot: str) -> str | None:
        """The shown field a slot's problems belong under, if any."""
        key = FIELD_OF_SLOT.get(slot, slot)
        if key in self._fields and self._shown.get(key, False):
            return key
        return None

    def text(self, key: str) -> str:
        return self._fields[key][1].text()

    def show(self, by_key: Mapping[str, list[str]]) -> None:
        """Tint each field that has problems and show them below it; clear the others."""
        for key, (widget, label) in self._fields.items():
            text = "\n".join(by_key.get(key, []))
            if isinstance(widget, ListCombo):
                widget.set_problem(text or None)
            else:
                flag_widget(widget, text or None)
            label.show_message(text)
            self._form.setRowVisible(label, bool(text) and self._shown[key])


def visible_issues(
    issues: Sequence[ValidationIssue], flagged: Collection[str]
) -> list[ValidationIssue]:
    """The issues, without those the list check already flags on the same field (`flagged`
    holds the slots it flags)."""
    return [
        issue
        for issue in issues
        if not (issue.kind is IssueKind.NOT_IN_LIST and issue.slot in flagged)
    ]


def messages_by_field(
    list_problems: Mapping[str, str],
    issues: Sequence[ValidationIssue],
    field_key: Callable[[str | None], str | None],
) -> dict[str, list[str]]:
    """Field key -> the messages to show under it: list mismatches first, then the issues
    `field_key` places (each message once per field)."""
    by_key: dict[str, list[str]] = {}
    for slot, message in list_problems.items():
        by_key.setdefault(slot, []).append(message)
    for issue in issues:
        key = field_key(issue.slot)
        if key is not None and show_text(issue.text) not in by_key.get(key, []):
            by_key.setdefault(key, []).append(show_text(issue.text))
    return by_key
