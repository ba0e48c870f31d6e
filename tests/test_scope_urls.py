"""Every URL that takes an id answers 404 for a record outside the caller's scope.

The endpoints are read from the URL conf, so a new page or API endpoint is checked as soon as it
exists: if it exposes a regional model it must go through the scoped mixins (org.views,
org.api.viewsets) and have an out-of-scope maker in tests/scope_registry.py; if it takes an id
of something that has no region, it must be named in GLOBAL below.
"""

from dataclasses import dataclass
from io import BytesIO

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from org.api.viewsets import ScopedViewSetMixin
from org.models import InboxItem
from org.spreadsheets import XLSX
from org.views import ScopedObjectMixin
from plan.models import MonthlyWorkbook, RankingRow, SnapshotRun, Target
from tests.scope_registry import OUT_OF_SCOPE, OUT_OF_SCOPE_BY_URL

# URL names whose parameters are not record ids of regional data.
# plan:map-layer takes a layer key; each layer reads its rows through visible_to (tests/plan/test_layers.py).
# plan:snapshot-withdraw is for county administrators only (tests/plan/test_snapshot_withdrawal.py).
GLOBAL_URL_NAMES = {
    "plan:plan",
    "plan:part",
    "plan:monthly-workbook",
    "plan:monthly-report",
    "plan:map-layer",
    "plan:snapshot-withdraw",
}
# Models without a region: the plan and the published ranking are the same for every user;
# snapshot and workbook jobs are county-level only (checked by their own tests).
GLOBAL_MODELS = {Target, RankingRow, SnapshotRun, MonthlyWorkbook}
# One person's own rows, by how to make one for an owner: another person's id is a 404 as well.
PERSONAL_MODELS = {
    InboxItem: lambda owner: InboxItem.objects.create(recipient=owner, kind="tip", key="scope", title="待核实"),
}
SKIPPED_NAMESPACES = {"admin"}  # the admin site is for county administrators only


@dataclass(frozen=True)
class Endpoint:
    name: str
    view: type
    model: type | None
    kwarg: str | None
    methods: tuple[str, ...]
    is_api: bool

    @property
    def is_regional(self) -> bool:
        return self.model is not None and hasattr(self.model, "scope_region_field")


def _walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, inner.strip(":"))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def _params(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.regex.groupindex) - {"format"}


def _endpoint(name: str, pattern: URLPattern) -> Endpoint | None:
    callback = pattern.callback
    view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    params = _params(pattern)
    if view is None or not (getattr(view, "queryset", None) is not None or getattr(view, "model", None)):
        return Endpoint(name, view or callback, None, None, ("get",), False) if params else None
    model = view.queryset.model if getattr(view, "queryset", None) is not None else view.model
    is_api = hasattr(callback, "cls")
    kwarg = (getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")) if is_api else "pk"
    if is_api:
        methods = tuple(callback.actions or {"get": "get"})
    else:
        methods = tuple(m for m in ("get", "post") if hasattr(view, m))
    return Endpoint(name, view, model, kwarg if kwarg in params else None, methods, is_api)


ENDPOINTS = [
    endpoint
    for name, pattern in _walk(get_resolver().url_patterns)
    if name.split(":")[0] not in SKIPPED_NAMESPACES and not name.endswith("-root")
    if (endpoint := _endpoint(name, pattern)) is not None
]
DETAIL = [e for e in ENDPOINTS if e.kwarg or (e.model is None)]
LIST = [e for e in ENDPOINTS if e.is_api and e.kwarg is None and e.is_regional and "get" in e.methods]


def _client(user, is_api: bool):
    if is_api:
        client = APIClient()
        client.force_authenticate(user)
        return client
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _request(client, method: str, url: str):
    if method == "get":
        return client.get(url)
    return getattr(client, method)(url, {}, format="json") if isinstance(client, APIClient) else client.post(url, {})


def test_the_url_conf_was_walked():
    names = {e.name for e in ENDPOINTS}
    assert {"region-detail", "region-list", "target-detail", "plan:part"} <= names


@pytest.mark.parametrize("endpoint", DETAIL, ids=lambda e: e.name)
def test_every_id_taking_url_is_scoped_or_declared_global(endpoint):
    if endpoint.model is None:
        assert endpoint.name in GLOBAL_URL_NAMES, f"{endpoint.name} takes parameters but shows no scoped model"
    elif endpoint.is_regional:
        mixin = ScopedViewSetMixin if endpoint.is_api else ScopedObjectMixin
        assert issubclass(endpoint.view, mixin), f"{endpoint.name} must use {mixin.__name__}"
        assert endpoint.model in OUT_OF_SCOPE, f"add {endpoint.model.__name__} to tests/scope_registry.py"
    elif endpoint.model in PERSONAL_MODELS:
        mixin = ScopedViewSetMixin if endpoint.is_api else ScopedObjectMixin
        assert issubclass(endpoint.view, mixin), f"{endpoint.name} must use {mixin.__name__}"
    else:
        assert endpoint.model in GLOBAL_MODELS, f"{endpoint.name}: {endpoint.model.__name__} has no region"


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", [e for e in DETAIL if e.is_regional], ids=lambda e: e.name)
def test_a_record_outside_the_scope_is_404(endpoint, lingxi_staff, county_admin):
    record = OUT_OF_SCOPE_BY_URL.get(endpoint.name, OUT_OF_SCOPE[endpoint.model])()
    url = reverse(endpoint.name, kwargs={endpoint.kwarg: record.pk})
    method = "get" if "get" in endpoint.methods else endpoint.methods[0]
    assert _request(_client(lingxi_staff, endpoint.is_api), method, url).status_code == 404
    assert _request(_client(county_admin, endpoint.is_api), method, url).status_code != 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", [e for e in DETAIL if e.model in PERSONAL_MODELS], ids=lambda e: e.name)
def test_another_persons_record_is_404(endpoint, lingxi_staff, fanshan_staff):
    record = PERSONAL_MODELS[endpoint.model](fanshan_staff)
    url = reverse(endpoint.name, kwargs={endpoint.kwarg: record.pk})
    method = "get" if "get" in endpoint.methods else endpoint.methods[0]
    assert _request(_client(lingxi_staff, endpoint.is_api), method, url).status_code == 404
    assert _request(_client(fanshan_staff, endpoint.is_api), method, url).status_code != 404


@pytest.mark.django_db
@pytest.mark.parametrize("endpoint", LIST, ids=lambda e: e.name)
def test_a_list_leaves_out_records_outside_the_scope(endpoint, lingxi_staff, county_admin):
    record = OUT_OF_SCOPE_BY_URL.get(endpoint.name, OUT_OF_SCOPE[endpoint.model])()
    url = reverse(endpoint.name) + "?page_size=500"

    def ids(user):
        response = _client(user, True).get(url)
        if response["Content-Type"].startswith(XLSX):  # an export: the ledger's 编号 column
            return _ledger_ids(b"".join(response.streaming_content))
        body = response.json()
        return {row["id"] for row in body.get("results", body)}

    assert record.pk not in ids(lingxi_staff)
    assert record.pk in ids(county_admin)


def _ledger_ids(content: bytes) -> set[int]:
    rows = list(load_workbook(BytesIO(content), read_only=True).active.iter_rows(values_only=True))
    header = next(number for number, row in enumerate(rows) if row and row[0] == "编号")
    return {row[0] for row in rows[header + 1 :] if isinstance(row[0], int)}
