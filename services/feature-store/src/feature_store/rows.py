"""The feature store's rows, each declared once: a dataclass whose fields are its table's columns.

Everything else is derived from the fields, by name and type: the SQL column lists and the arrays
a batch sends to `unnest` (`columns`, `arrays`, `values`), and the reading of a bus message into a
row (`row_of`: each field from the message's field of the same name).
"""

from __future__ import annotations

import functools
import json
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from datetime import datetime
from types import NoneType, UnionType
from typing import Any, TypeVar

from google.protobuf.message import Message

from civicpulse.runtime.agreements import kind_name
from civicpulse.runtime.clock import to_datetime

# The PostgreSQL type of each type a row's column holds.
SQL_TYPES = {str: "text", int: "int", datetime: "timestamptz", dict: "jsonb"}
# A field that is no column of the row's table (the keys an event had under older keys).
NOT_A_COLUMN = {"column": False}


@dataclass(frozen=True)
class EventRow:
    event_key: str
    partner: str
    kind: str
    category: str
    cell: str
    occurred_at: datetime
    count: int
    received_at: datetime
    attributes: dict[str, str]
    key_id: str = ""
    # What its free text showed, as the city declares signals: signal -> count.
    signals: dict[str, int] = field(default_factory=dict)
    # The event's keys under older keys still held: a resend after a rotation is still a duplicate.
    also_known_as: tuple[str, ...] = field(default=(), metadata=NOT_A_COLUMN)
    area: str = ""
    # The end of the period a record covers (from occurred_at), and a forecast's issue time.
    ends_at: datetime | None = None
    issued_at: datetime | None = None


@dataclass(frozen=True)
class TextRow:
    """A free-form text kept, strictly scrubbed, for its agreement's declared purpose."""

    event_key: str
    partner: str
    kind: str
    category: str
    received_at: datetime
    key_id: str
    policy_version: str
    text: str
    attributes: dict[str, str]


@dataclass(frozen=True)
class ScheduledRow:
    event_key: str
    partner: str
    category: str
    cell: str
    starts_at: datetime
    ends_at: datetime
    expected_attendance: int
    received_at: datetime
    attributes: dict[str, str]
    key_id: str = ""
    also_known_as: tuple[str, ...] = field(default=(), metadata=NOT_A_COLUMN)
    area: str = ""
    organiser_type: str = ""
    announced_at: datetime | None = None


Row = EventRow | TextRow | ScheduledRow
R = TypeVar("R", EventRow, TextRow, ScheduledRow)


@dataclass(frozen=True)
class Column:
    name: str
    sql_type: str


def _kind(hint: Any) -> tuple[type, bool]:
    """The type a field holds (its container's, for a dict or a tuple) and whether it may be None."""
    optional = False
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        arguments = [a for a in typing.get_args(hint) if a is not NoneType]
        optional, hint = len(arguments) < len(typing.get_args(hint)), arguments[0]
    return typing.get_origin(hint) or hint, optional


@functools.cache
def columns(row_class: type[Row]) -> tuple[Column, ...]:
    """The columns of a row's table, in the order of its fields."""
    hints = typing.get_type_hints(row_class)
    return tuple(Column(f.name, SQL_TYPES[_kind(hints[f.name])[0]]) for f in fields(row_class) if f.metadata.get("column", True))


def _stored(value: Any, column: Column) -> Any:
    return (json.dumps(value) if value else "{}") if column.sql_type == "jsonb" else value


def values(row: Row) -> tuple:
    """A row's values for its table, column by column."""
    return tuple(_stored(getattr(row, c.name), c) for c in columns(type(row)))


def arrays(rows: Sequence[Row]) -> list[list]:
    """Rows of one class as one array per column (what `unnest` takes)."""
    return [[_stored(getattr(row, c.name), c) for row in rows] for c in columns(type(rows[0]))] if rows else []


@functools.cache
def _readers(row_class: type[Row]) -> tuple[tuple[str, Callable[[Message], Any]], ...]:
    hints = typing.get_type_hints(row_class)

    def reader(name: str) -> Callable[[Message], Any]:
        kind, optional = _kind(hints[name])
        if name == "kind":  # the event kind's name, not its number
            return lambda message: kind_name(message.kind)
        if kind is datetime and optional:
            return lambda message: to_datetime(getattr(message, name)) if message.HasField(name) else None
        if kind is datetime:
            return lambda message: to_datetime(getattr(message, name))
        if kind in (dict, tuple):
            return lambda message: kind(getattr(message, name))
        return lambda message: getattr(message, name)

    return tuple((f.name, reader(f.name)) for f in fields(row_class))


def row_of(row_class: type[R], message: Message) -> R:
    """The row of a bus message: each field from the message's field of the same name."""
    return row_class(**{name: read(message) for name, read in _readers(row_class)})
