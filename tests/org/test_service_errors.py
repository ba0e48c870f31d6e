"""Every refusal a service raises becomes a clear answer on a page and in the API, never a 500."""

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from org.api.exceptions import portal_exception_handler
from org.errors import Conflict, PortalError
from org.views import call_service


class StationNotBuilt(PortalError):
    """A new app's own refusal, unknown to the pages and the API when they were written."""


def refuse(error: Exception):
    def service(**arguments):
        raise error

    return service


def page_request():
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


@pytest.mark.parametrize(
    "error",
    [
        StationNotBuilt("应急站尚未建成。"),
        Conflict("应急站尚未建成。"),
        PermissionDenied("应急站尚未建成。"),
        ValidationError({"status": "应急站尚未建成。"}),
    ],
)
def test_a_page_shows_any_service_refusal_as_a_message(error):
    request = page_request()
    assert call_service(request, refuse(error), success="已保存。") is None
    assert [str(m) for m in get_messages(request)] == ["应急站尚未建成。"]


def test_a_page_says_what_was_done_when_the_service_succeeds():
    request = page_request()
    assert call_service(request, lambda **kw: kw["n"], n=3, success="已保存。") == 3
    assert [str(m) for m in get_messages(request)] == ["已保存。"]


def test_the_api_answers_a_new_error_type_with_its_status_and_text():
    response = portal_exception_handler(StationNotBuilt("应急站尚未建成。"), {})
    assert response.status_code == 400 and response.data == {"detail": "应急站尚未建成。"}
    assert portal_exception_handler(Conflict("已办理。"), {}).status_code == 409
