"""How API clients authenticate (the DEFAULT_AUTHENTICATION_CLASSES of the portal). Kept apart
from the views: DRF imports it while loading its settings."""

from functools import cache

from django.db import connection
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token

from org import prepared


class PortalTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …`` for API clients, loading the user's region with the token: every
    scoped query starts from it. Every API request runs this lookup, so it is one prepared
    statement (org/prepared.py) rather than a query built anew each time."""

    def authenticate_credentials(self, key):
        token = token_with_user(key)
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # refuses with DRF's own message
        return token.user, token


def token_with_user(key: str) -> Token | None:
    """The token with its user and the user's region, or ``None``."""
    from org.models import Region, User

    with connection.cursor() as cursor:
        prepared.execute(cursor, _token_statement(), [key])
        row = cursor.fetchone()
    if row is None:
        return None
    sizes = [len(model._meta.concrete_fields) for model in (Token, User, Region)]
    token = prepared.instance(Token, row[: sizes[0]])
    user = prepared.instance(User, row[sizes[0] : sizes[0] + sizes[1]])
    if user.region_id is not None:
        user.region = prepared.instance(Region, row[sizes[0] + sizes[1] :])
    token.user = user
    return token


@cache
def _token_statement() -> str:
    from org.models import Region, User

    qn = connection.ops.quote_name
    token, user, region = Token._meta, User._meta, Region._meta
    # Names from the models' meta; the key is a parameter.
    return (
        f"SELECT {prepared.columns(Token, 't')}, {prepared.columns(User, 'u')}, {prepared.columns(Region, 'r')}"  # noqa: S608
        f" FROM {qn(token.db_table)} t"
        f" INNER JOIN {qn(user.db_table)} u ON u.{qn(user.pk.column)} = t.{qn(token.get_field('user').column)}"
        f" LEFT OUTER JOIN {qn(region.db_table)} r ON r.{qn(region.pk.column)} = u.{qn(user.get_field('region').column)}"
        f" WHERE t.{qn(token.pk.column)} = %s"
    )
