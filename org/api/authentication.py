"""How API clients authenticate (the DEFAULT_AUTHENTICATION_CLASSES of the portal). Kept apart
from the views: DRF imports it while loading its settings."""

from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


class PortalTokenAuthentication(TokenAuthentication):
    """``Authorization: Token …`` for API clients, loading the user's region with the token: every
    scoped query starts from it, so this saves a query on every API request."""

    def authenticate_credentials(self, key):
        try:  # by its unique key: no ordering, no LIMIT
            token = Token.objects.select_related("user__region").get(key=key)
        except Token.DoesNotExist:
            token = None
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # refuses with DRF's own message
        return token.user, token
