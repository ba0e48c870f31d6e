"""A per-address request limit for the public pages, kept in Django's cache.

The portal's only limiter so far is django-axes, which counts failed logins, not page views, so
the public QR pages count their own: one cache key per client address and minute, incremented
atomically (cache.add then cache.incr, both atomic in Redis and in local memory).
"""

import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


def client_address(request) -> str:
    """The address the request came from; the proxy in front of the portal sets REMOTE_ADDR."""
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(request, *, scope: str = "public") -> bool:
    """Counts this request; True once the address has made more than the limit this minute."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"campaigns:rate:{scope}:{client_address(request)}:{window}"
    if cache.add(key, 1, timeout=WINDOW_SECONDS * 2):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=WINDOW_SECONDS * 2)
            count = 1
    return count > settings.CAMPAIGNS_PUBLIC_RATE_PER_MINUTE
