"""Request limits for the public pages (no login), kept in Django's cache.

The portal's login limiter (django-axes) counts failed logins, not page views or posted forms, so
the public pages count their own: one cache key per counted thing (a client address, a QR code)
and time window, incremented atomically (cache.add then cache.incr, both atomic in Redis and in
local memory). Over the limit the answer is 429 with a short Chinese page.
"""

import time

from django.shortcuts import render

MINUTE = 60
HOUR = 3600


def client_address(request) -> str:
    """The address the request came from. Behind ``TRUSTED_PROXY_COUNT`` proxies (nginx in the
    compose file: 1) REMOTE_ADDR is the nearest proxy's, the same for every citizen, so the address
    is read from X-Forwarded-For, counting that many entries from the right: each proxy appends
    the address it saw, and only what a client sends itself (on the left) can be forged."""
    from django.conf import settings

    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:64]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def over_limit(key: str, *, limit: int, window: int = MINUTE) -> bool:
    """Counts one hit on ``key``; True once it has had more than ``limit`` hits this window."""
    from django.core.cache import cache

    slot = f"rate:{key}:{window}:{int(time.time() // window)}"
    count = 1
    if not cache.add(slot, 1, timeout=window * 2):
        try:
            count = cache.incr(slot)
        except ValueError:  # expired between add and incr
            cache.add(slot, 1, timeout=window * 2)
    return count > limit


def address_over_limit(request, *, scope: str, limit: int, window: int = MINUTE) -> bool:
    """Counts this request against its client address within ``scope`` (one public page family)."""
    return over_limit(f"{scope}:{client_address(request)}", limit=limit, window=window)


def too_many_requests(request, *, retry_after: int = MINUTE):
    """429 with a Chinese page saying to try again later."""
    response = render(request, "org/too_many_requests.html", {"retry_minutes": max(1, retry_after // 60)}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
