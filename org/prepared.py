"""Server-side prepared statements on PostgreSQL, for the few statements run thousands of times a
minute (the transfer confirmation in a typhoon).

PostgreSQL plans every statement it is sent; for a lookup by primary key with a few subqueries,
planning costs several times the execution. A prepared statement is planned once per database
connection and then only executed. Each statement is prepared the first time a connection runs
it, under a name derived from its text; a new connection starts with none (``connection_created``).
PREPARE is not undone by a rollback, so a statement stays prepared for the connection's life.
Other databases simply execute the SQL.
"""

import hashlib
import re

from django.db import connections
from django.db.backends.signals import connection_created
from django.dispatch import receiver

texts: dict[str, str] = {}  # name -> the SQL it stands for (what EXECUTE <name> runs)
PLACEHOLDER = re.compile(r"%[s%]")


@receiver(connection_created)
def _new_connection(sender, connection, **kwargs) -> None:
    connection.prepared_statements = set()  # the names prepared on this connection (each thread has its own)


def execute(cursor, sql: str, params=(), *, using: str = "default") -> None:
    """``cursor.execute(sql, params)``, prepared once per connection on PostgreSQL. ``sql`` uses
    Django's placeholders (``%s``, and ``%%`` for a literal %)."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        cursor.execute(sql, params)
        return
    name = "p_" + hashlib.blake2s(sql.encode(), digest_size=10).hexdigest()
    texts.setdefault(name, sql)
    prepared = getattr(connection, "prepared_statements", None)
    if prepared is None:
        prepared = connection.prepared_statements = set()
    if name not in prepared:
        cursor.execute(f"PREPARE {name} AS {_numbered(sql)}")
        prepared.add(name)
    if params:
        cursor.execute(f"EXECUTE {name} ({', '.join(['%s'] * len(params))})", params)
    else:
        cursor.execute(f"EXECUTE {name}")


def _numbered(sql: str) -> str:
    """Django's ``%s`` placeholders as PostgreSQL's ``$1``, ``$2`` …"""
    numbers = iter(range(1, sql.count("%s") + 1))
    return PLACEHOLDER.sub(lambda m: f"${next(numbers)}" if m.group() == "%s" else "%", sql)


def columns(model, alias: str) -> str:
    """The model's columns for a SELECT list, in the order ``instance`` takes them."""
    qn = connections["default"].ops.quote_name
    return ", ".join(f"{qn(alias)}.{qn(f.column)}" for f in model._meta.concrete_fields)


def instance(model, values, *, using: str = "default"):
    """A model instance from a row of ``columns(model, …)``, converted as the ORM converts it."""
    values = [
        converted(field, value, using=using) for field, value in zip(model._meta.concrete_fields, values, strict=True)
    ]
    return model.from_db(using, None, values)


def converted(field, value, *, using: str = "default"):
    """One column's value read with a plain cursor, as the ORM would give it (SQLite hands back
    text for dates and numbers for booleans)."""
    connection = connections[using]
    col = field.get_col(field.model._meta.db_table)
    for converter in connection.ops.get_db_converters(col) + field.get_db_converters(connection):
        value = converter(value, col, connection)
    return value
