"""Explicit writes: services name every field they take, and save only what was given.

A service's field parameters default to ``UNSET`` ("not given"), so one signature serves a whole
record (a page's form) and a partial one (an API PATCH): ``assign`` sets what was given and
returns those names for ``save(update_fields=…)``.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"

    def __bool__(self) -> bool:
        return False


UNSET: Any = _Unset()


def assign(instance, **values) -> list[str]:
    """Sets each given value on ``instance``; returns the names set, in order."""
    given = [name for name, value in values.items() if value is not UNSET]
    for name in given:
        setattr(instance, name, values[name])
    return given


def already_read(instance, *names: str) -> list[str]:
    """Of the foreign keys ``names`` (by default all of the model's), those whose row the instance
    already holds, read from the database (and, where the field limits its choices by plain
    values such as a township's level, within them): ``full_clean(exclude=already_read(...))``
    need not look each up again. Any other (not given, unsaved, or limited some other way) is
    still checked by full_clean."""
    names = names or tuple(field.name for field in instance._meta.concrete_fields if field.many_to_one)
    held = []
    for name in names:
        field = instance._meta.get_field(name)
        row = getattr(instance, name) if field.is_cached(instance) else None
        if row is None or row._state.adding:
            continue
        limit = field.get_limit_choices_to()
        if isinstance(limit, dict) and all(getattr(row, key, UNSET) == value for key, value in limit.items()):
            held.append(name)
    return held


def save(instance, changed: list[str]) -> None:
    """Inserts a new row whole; an existing one saves only ``changed`` (nothing if empty).

    Two requests saving the same ID number or credit code at once both pass ``full_clean``; the
    database refuses the second, which is answered as the field's own message (400), not a 500."""
    try:
        with transaction.atomic():
            if instance._state.adding:
                instance.save()
            elif changed:
                instance.save(update_fields=changed)
    except IntegrityError:
        refused_as_duplicate(instance)
        raise


def refused_as_duplicate(instance) -> None:
    """Raises the ValidationError a unique field or constraint gives, now that the other row is
    committed and visible; returns if the integrity error was something else."""
    try:
        instance.validate_unique()
        instance.validate_constraints()
    except ValidationError:
        raise
    except Exception:
        return
