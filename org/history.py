"""Change history (django-simple-history) for rows written in bulk by imports.

Writing one history row per record through the ORM costs as much as the import itself; this
copies the freshly inserted rows into their history table with one INSERT … SELECT per chunk,
recording who created them, when, and why — the same rows simple-history would have written.
"""

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone

CHUNK = 5_000


def record_creations(model: type[models.Model], pks: Sequence[int], *, user, reason: str) -> None:
    history = model.history.model
    history_columns = {field.column for field in history._meta.concrete_fields}
    columns = [f.column for f in model._meta.concrete_fields if f.column in history_columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    now = timezone.now()
    for start in range(0, len(pks), CHUNK):
        chunk = list(pks[start : start + CHUNK])
        marks = ", ".join(["%s"] * len(chunk))
        sql = (
            f"INSERT INTO {quote(history._meta.db_table)} ({names}, history_date, history_type, "  # noqa: S608 -- names come from model meta
            f"history_user_id, history_change_reason) SELECT {names}, %s, '+', %s, %s "
            f"FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)} IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [now, user.pk if user else None, reason, *chunk])
