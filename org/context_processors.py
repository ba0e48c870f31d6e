from django.utils.functional import SimpleLazyObject

from org.inbox import unread_count


def inbox(request) -> dict:
    """The unread count for the header: one query when a page shows it, none for a visitor."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_unread": SimpleLazyObject(lambda: unread_count(user))}
