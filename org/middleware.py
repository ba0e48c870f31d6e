"""Request guards every page and API answer passes through.

* A NUL byte (in the query string, a JSON body or a posted form) can never be stored by
  PostgreSQL in a text column and is never sent by an honest browser: it is answered 400, in
  Chinese, before any view runs (instead of a 500 from the database).
* Answers to a signed-in user (people's phones, ID numbers …) are ``Cache-Control: no-store``,
  so no shared computer's browser or proxy keeps them.
"""

from urllib.parse import unquote_to_bytes

from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext as _

TEXT_BODIES = ("application/json", "text/")
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
MAX_CHECKED_BODY = 2 * 1024 * 1024  # larger bodies are uploads (multipart), which are checked by type


def has_nul(request) -> bool:
    if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
        return True
    content_type = request.META.get("CONTENT_TYPE", "")
    if request.method == "POST" and content_type.startswith(FORMS):
        # Django parses a posted form once (the CSRF check reads it too); DRF reuses that parse.
        return any("\x00" in value for values in request.POST.lists() for value in values[1])
    length = int(request.META.get("CONTENT_LENGTH") or 0)
    if not content_type.startswith(TEXT_BODIES) or not 0 < length <= MAX_CHECKED_BODY:
        return False
    body = request.body
    return b"\x00" in body or (content_type.startswith("application/json") and b"\\u0000" in body)


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if has_nul(request):
            message = _("请求中含有不允许的空字符(NUL),已拒绝。")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message}, status=400)
            return HttpResponse(message, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class PrivateAnswersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.META.get("HTTP_AUTHORIZATION"):
            add_never_cache_headers(response)
            patch_cache_control(response, no_store=True, private=True)
        return response
