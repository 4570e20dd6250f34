"""SQLAlchemy statements compiled once and run straight on the sqlite3 connection.

`Connection.execute` costs ~60 µs of Python per statement before SQLite starts: cache-key
lookup, parameter construction, execution context, result metadata (issue 12: about half the
store's CPU on a job's path). A job's path runs the same dozen statements thousands of times,
so `Prepared` does that work once, when first run: the SQL text, the order of its
parameters with their defaults and bind processors, and the result columns with their result
processors, all taken from the statement SQLAlchemy compiled. A call then only binds values,
runs sqlite3 and converts the rows, with the same processors SQLAlchemy would apply (UTC
datetimes, JSON, booleans), so a row reads exactly like one `Connection.execute` returns.

The statements run inside the caller's transaction: on the thread's own sqlite3 connection
(`Sessions.hot_write`), or on the one behind an ORM session (`dbapi`), so that a transaction
may mix both (a forever group's completion queues its next job through the ORM).
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection
from sqlalchemy.dialects import sqlite
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql import ClauseElement
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.types import TypeEngine

_DIALECT = sqlite.dialect()  # pysqlite: qmark parameters, the processors `make_engine`'s has
_REQUIRED = object()

Processor = Callable[[Any], Any] | None
# A result row: a namedtuple of the statement's result columns (attribute access by key).
Record = Any


class _Slot(NamedTuple):
    """One `?` of the SQL text: the parameter's name, its value when the call gives none
    (`_REQUIRED`: the call must), its bind processor and whether it is an expanding IN list."""

    name: str
    default: Any
    process: Processor
    expanding: bool


def _bind_processor(type_: TypeEngine[Any]) -> Processor:
    # The dialect's own implementation (SQLite's DATETIME formats and parses text), as
    # SQLAlchemy's execution takes it.
    return type_.dialect_impl(_DIALECT).bind_processor(_DIALECT)


def _result_processor(type_: TypeEngine[Any]) -> Processor:
    return type_.dialect_impl(_DIALECT).result_processor(_DIALECT, None)


def dbapi(conn: Connection) -> sqlite3.Connection:
    """The sqlite3 connection behind `conn`, in `conn`'s transaction."""
    raw = conn.connection.dbapi_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw


class Prepared:
    """One statement, compiled for SQLite when first run; `rows`, `one`, `one_or_none` and
    `run` execute it. (Compiled lazily: a process that never runs it, such as the CLI listing
    jobs, does not pay for compiling it at import.)"""

    def __init__(self, statement: ClauseElement, *, column_keys: Sequence[str] = ()) -> None:
        self._statement = statement
        self._column_keys = tuple(column_keys)
        self._compiled: _Compiled | None = None

    @property
    def compiled(self) -> _Compiled:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile: the same result, either wins
            compiled = self._compiled = _Compiled(self._statement, self._column_keys)
        return compiled

    def run(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> sqlite3.Cursor:
        """Execute with `params` (by name, as for `Connection.execute`); the raw cursor."""
        return self.compiled.run(conn, params)

    def rows(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> list[Record]:
        """Every result row, converted, with attribute access by column key."""
        return self.compiled.rows(conn, params)

    def one(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> Record:
        """The one result row; LookupError if there is none or more than one."""
        return self.compiled.one(conn, params)

    def one_or_none(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> Record | None:
        """The one result row or None; LookupError if there are more."""
        return self.compiled.one_or_none(conn, params)


class _Compiled:
    """What `Prepared` runs: the SQL text, its parameters and the result's processors."""

    def __init__(self, statement: ClauseElement, column_keys: Sequence[str]) -> None:
        compiled = statement.compile(dialect=_DIALECT, column_keys=list(column_keys))
        assert isinstance(compiled, SQLCompiler)
        self.sql = compiled.string
        slots = []
        for name in compiled.positiontup or ():
            bind = compiled.binds[name]
            default = _REQUIRED if bind.required or bind.callable else bind.value
            slots.append(_Slot(name, default, _bind_processor(bind.type), bind.expanding))
        self._slots = tuple(slots)
        self._expanding = any(slot.expanding for slot in slots)
        self._texts: dict[tuple[int, ...], str] = {}  # SQL per length of the IN lists
        columns = [(entry.keyname, entry.type) for entry in compiled._result_columns or ()]
        self._row: Any = namedtuple("Record", [key for key, _ in columns])  # type: ignore[misc]
        processors = [_result_processor(type_) for _, type_ in columns]
        self._processors: tuple[tuple[int, Callable[[Any], Any]], ...] = tuple(
            (i, p) for i, p in enumerate(processors) if p is not None
        )

    def run(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> sqlite3.Cursor:
        """Execute with `params` (by name, as for `Connection.execute`); the raw cursor."""
        values: list[Any] = []
        lengths: list[int] = []
        for slot in self._slots:
            value = params.get(slot.name, slot.default)
            if value is _REQUIRED:
                raise KeyError(f"a value is required for the parameter {slot.name!r}")
            if slot.expanding:
                items = list(value)
                lengths.append(len(items))
                values.extend(items if slot.process is None else map(slot.process, items))
            else:
                values.append(value if slot.process is None else slot.process(value))
        sql = self._text(tuple(lengths)) if self._expanding else self.sql
        try:
            return conn.execute(sql, values)
        except sqlite3.Error as error:
            # As `Connection.execute` raises it (IntegrityError, OperationalError, ...), so
            # callers and `errors.translating` see what they always saw.
            raise DBAPIError.instance(sql, values, error, sqlite3.Error) from error

    def rows(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> list[Record]:
        """Every result row, converted, with attribute access by column key."""
        return [self._convert(raw) for raw in self.run(conn, params).fetchall()]

    def one(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> Record:
        row = self.one_or_none(conn, params)
        if row is None:
            raise LookupError(f"no row from {self.sql.split(None, 1)[0]}")
        return row

    def one_or_none(self, conn: sqlite3.Connection, params: Mapping[str, Any]) -> Record | None:
        cursor = self.run(conn, params)
        raw = cursor.fetchone()
        if raw is not None and cursor.fetchone() is not None:
            raise LookupError(f"more than one row from {self.sql.split(None, 1)[0]}")
        return None if raw is None else self._convert(raw)

    def _convert(self, raw: tuple[Any, ...]) -> Record:
        if not self._processors:
            return self._row._make(raw)
        values = list(raw)
        for i, process in self._processors:
            values[i] = process(values[i])
        return self._row._make(values)

    def _text(self, lengths: tuple[int, ...]) -> str:
        """The SQL text with each expanding IN list given as many `?` as it has values
        (SQLite accepts an empty `IN ()`)."""
        text = self._texts.get(lengths)
        if text is None:
            text = self.sql
            expanding = (slot.name for slot in self._slots if slot.expanding)
            for name, length in zip(expanding, lengths, strict=True):
                text = text.replace(f"__[POSTCOMPILE_{name}]", ", ".join("?" * length), 1)
            self._texts[lengths] = text
        return text
