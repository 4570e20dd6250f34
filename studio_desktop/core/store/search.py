"""Prompt search: any text the user types becomes a safe match, never FTS5 syntax.

Each whitespace-separated term (or "quoted phrase") must occur somewhere in the prompt or the
negative prompt, without regard to case. Terms of 3+ characters use the FTS5 trigram index; shorter
ones (a single CJK character such as 猫 is a whole word) can't be matched by trigrams and fall back
to LIKE, as does everything when this SQLite has no trigram tokenizer.
"""

from __future__ import annotations

import re

from sqlalchemy import ColumnElement, and_, or_, select, text, true

from studio_desktop.core.store.models import JobRow

_TERMS = re.compile(r'"([^"]+)"|(\S+)')
_TRIGRAM = 3


def terms(query: str) -> list[str]:
    found = [quoted or bare for quoted, bare in _TERMS.findall(query)]
    return [term.strip() for term in found if term.strip()]


def fts_phrase(term: str) -> str:
    """An FTS5 string literal: inside double quotes every character is literal."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def prompt_matches(query: str, *, fts: bool) -> ColumnElement[bool]:
    """A condition on `jobs` that holds when every term of `query` occurs in the prompt texts."""
    conditions: list[ColumnElement[bool]] = []
    long_terms = [t for t in terms(query) if fts and len(t) >= _TRIGRAM]
    if long_terms:
        match = " AND ".join(fts_phrase(t) for t in long_terms)
        rows = (
            select(text("rowid"))
            .select_from(text("jobs_fts"))
            .where(text("jobs_fts MATCH :fts_query").bindparams(fts_query=match))
        )
        conditions.append(JobRow.seq.in_(rows))
    for term in terms(query):
        if term in long_terms:
            continue
        pattern = like_pattern(term)
        conditions.append(
            or_(
                JobRow.prompt.like(pattern, escape="\\"),
                JobRow.negative.like(pattern, escape="\\"),
            )
        )
    return and_(true(), *conditions)
