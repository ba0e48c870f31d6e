"""Change history (django-simple-history): why a change was made, and rows written in bulk.

``changes_because(reason, user=…)`` makes every history entry written inside it say why (and by
whom, when no request says so), as the entries are written: an import's rows say 台账导入 without
being read back and updated one by one.

``record_creations`` is for rows inserted in bulk: writing one history row per record through the
ORM costs as much as the insert itself, so it copies the fresh rows into their history table with
one INSERT … SELECT per chunk, recording who created them, when, and why — the same rows
simple-history would have written.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, models
from django.dispatch import receiver
from django.utils import timezone
from simple_history.signals import pre_create_historical_record

_because: ContextVar[tuple[str, int | None] | None] = ContextVar("history_reason", default=None)


@contextmanager
def changes_because(reason: str, *, user=None) -> Iterator[None]:
    """Every history entry written inside says ``reason``, and ``user`` made it unless the request
    already names who did."""
    token = _because.set((reason, getattr(user, "pk", None)))
    try:
        yield
    finally:
        _because.reset(token)


@receiver(pre_create_historical_record, dispatch_uid="org.history.changes_because")
def _say_why(sender, history_instance, **kwargs) -> None:
    current = _because.get()
    if current is None:
        return
    reason, user_id = current
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
    if history_instance.history_user_id is None and user_id is not None:
        history_instance.history_user_id = user_id


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
