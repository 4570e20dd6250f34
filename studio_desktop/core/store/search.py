"""Prompt search: any text the user types becomes a safe match, never FTS5 syntax.

Each whitespace-separated term (or "quoted phrase") must occur somewhere in the prompt or the
negative prompt, without regard to case. Terms of 3+ characters use the FTS5 trigram index; shorter
ones (a single CJK character such as 猫 is a whole word) can't be matched by trigrams and fall back
to LIKE, as does everything when this SQLite has no trigram tokenizer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import (
    ColumnElement,
    Integer,
    TextClause,
    and_,
    column,
    or_,
    select,
    table,
    text,
    true,
)

from studio_desktop.core.store.models import JobRow

_TERMS = re.compile(r'"([^"]+)"|(\S+)')
_TRIGRAM = 3

# The index's rowid is the job's seq (content_rowid='seq'), so it can drive a newest-first list.
JOBS_FTS = table("jobs_fts", column("rowid", Integer))


def terms(query: str) -> list[str]:
    found = [quoted or bare for quoted, bare in _TERMS.findall(query)]
    return [term.strip() for term in found if term.strip()]


def fts_phrase(term: str) -> str:
    """An FTS5 string literal: inside double quotes every character is literal."""
    return '"' + term.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


@dataclass(frozen=True)
class PromptSearch:
    """A query split by how each term is found: `fts_query` (None when no term can use the
    index) must MATCH `jobs_fts`, and `others` must hold on the job row."""

    fts_query: str | None
    others: ColumnElement[bool]

    def match(self) -> ColumnElement[bool] | TextClause:
        """`jobs_fts MATCH ...`, for a statement that has `jobs_fts` in its FROM."""
        if self.fts_query is None:
            return true()
        return text("jobs_fts MATCH :fts_query").bindparams(fts_query=self.fts_query)


def split(query: str, *, fts: bool) -> PromptSearch:
    found = terms(query)
    long_terms = [t for t in found if fts and len(t) >= _TRIGRAM]
    others: list[ColumnElement[bool]] = []
    for term in found:
        if term in long_terms:
            continue
        pattern = like_pattern(term)
        others.append(
            or_(
                JobRow.prompt.like(pattern, escape="\\"),
                JobRow.negative.like(pattern, escape="\\"),
            )
        )
    fts_query = " AND ".join(fts_phrase(t) for t in long_terms) if long_terms else None
    return PromptSearch(fts_query, and_(true(), *others))


def prompt_matches(query: str, *, fts: bool) -> ColumnElement[bool]:
    """A condition on `jobs` that holds when every term of `query` occurs in the prompt texts.

    For use inside other queries (the gallery's); a newest-first job list should instead join
    `jobs_fts` and order by its rowid (`jobs_repo.newest_first`): `seq IN (MATCH ...)` makes
    SQLite find every match and sort them, where the index walked backwards stops at the page.
    """
    search = split(query, fts=fts)
    if search.fts_query is None:
        return search.others
    rows = select(JOBS_FTS.c.rowid).where(search.match())
    return and_(JobRow.seq.in_(rows), search.others)
