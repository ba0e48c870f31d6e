"""站内通知: delivered on commit and once per person and key, handed to the sender once, read
and marked read on the page and the API, the unread count in every page's header."""

import logging

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from org import inbox
from org.models import InboxItem, User
from tests.conftest import api_as
from tests.factories import UserFactory, county, township

pytestmark = pytest.mark.django_db
SENDER_LOG = "org.senders"


def tell(*people, key="test:1", kind=InboxItem.Kind.TIP, title="举报待核实:配电房私拉乱接", url="/hazards/"):
    inbox.deliver(kind=kind, key=key, recipients=people, title=title, url=url)


def sent(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == SENDER_LOG]


def test_a_notice_is_written_on_commit_once_and_sent_once(committed, lingxi_staff, fanshan_staff, caplog):
    caplog.set_level(logging.INFO, logger=SENDER_LOG)
    committed(tell, lingxi_staff, fanshan_staff, lingxi_staff)
    committed(tell, lingxi_staff, fanshan_staff)  # a retried service, a job run twice
    items = InboxItem.objects.filter(key="test:1")
    assert sorted(items.values_list("recipient__username", flat=True)) == ["t_fanshan", "t_lingxi"]
    assert all(item.sent_at is not None for item in items)
    records = sent(caplog)
    assert len(records) == 2
    assert {r.inbox_item for r in records} == set(items.values_list("pk", flat=True))
    assert "举报待核实:配电房私拉乱接" in records[0].getMessage()


def test_nothing_is_written_or_sent_when_the_transaction_rolls_back(
    django_capture_on_commit_callbacks, lingxi_staff, caplog
):
    caplog.set_level(logging.INFO, logger=SENDER_LOG)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        tell(lingxi_staff)
        raise RuntimeError("the service refused after all")
    assert callbacks == []
    assert not InboxItem.objects.exists()
    assert sent(caplog) == []


def test_nothing_is_written_before_the_commit(lingxi_staff):
    with transaction.atomic():
        tell(lingxi_staff)
        assert not InboxItem.objects.exists()


def test_a_failing_sender_keeps_the_item_unsent(committed, settings, lingxi_staff, caplog):
    settings.PORTAL_NOTICE_SENDER = "org.senders.Sender"  # the interface itself: it cannot send
    committed(tell, lingxi_staff)
    item = InboxItem.objects.get()
    assert item.sent_at is None
    assert any("was not sent" in r.getMessage() for r in caplog.records)
    settings.PORTAL_NOTICE_SENDER = "org.senders.LoggingSender"
    caplog.set_level(logging.INFO, logger=SENDER_LOG)
    committed(tell, lingxi_staff)  # the same notice again: the same item, sent now
    item.refresh_from_db()
    assert item.sent_at is not None and InboxItem.objects.count() == 1
    assert len(sent(caplog)) == 1


def test_an_unknown_kind_is_refused(lingxi_staff):
    with pytest.raises(ValueError):
        inbox.deliver(kind="gossip", key="x", recipients=[lingxi_staff], title="?")


def test_withdrawn_items_leave_the_inbox_and_come_back_without_a_second_send(committed, lingxi_staff, caplog):
    caplog.set_level(logging.INFO, logger=SENDER_LOG)
    committed(tell, lingxi_staff, key="plan.listing:2024-05:1:0")
    committed(inbox.withdraw, keys=["plan.listing:2024-05:1:0"])
    assert inbox.unread_count(lingxi_staff) == 0
    assert not InboxItem.objects.visible_to(lingxi_staff).exists()
    committed(tell, lingxi_staff, key="plan.listing:2024-05:1:0", title="再次发布")
    item = InboxItem.objects.visible_to(lingxi_staff).get()
    assert item.title == "再次发布" and item.withdrawn_at is None
    assert len(sent(caplog)) == 1


def test_the_recipient_helpers(lingxi_staff, fanshan_staff, county_admin):
    UserFactory(username="t_lingxi_gone", is_active=False)
    assert inbox.township_staff(township("灵溪镇")) == [lingxi_staff.pk]
    assert inbox.staff_by_township([township("灵溪镇").pk, township("矾山镇").pk]) == {
        township("灵溪镇").pk: [lingxi_staff.pk],
        township("矾山镇").pk: [fanshan_staff.pk],
    }
    assert inbox.county_admins(township("灵溪镇")) == [county_admin.pk]
    assert inbox.unit_staff(region=county()) == [county_admin.pk]


# --- Pages -----------------------------------------------------------------------------------


def test_the_header_shows_the_unread_count_and_links_to_the_inbox(client, committed, lingxi_staff):
    committed(tell, lingxi_staff, key="a")
    committed(tell, lingxi_staff, key="b")
    client.force_login(lingxi_staff)
    html = client.get(reverse("hazards3030:hazards")).content.decode()
    assert f'href="{reverse("org:inbox")}"' in html
    assert '<span class="badge" aria-label="未读通知">2</span>' in html


def test_the_unread_count_costs_one_query_and_none_for_a_visitor(client, committed, lingxi_staff):
    committed(tell, lingxi_staff)
    client.force_login(lingxi_staff)
    with CaptureQueriesContext(connection) as queries:
        assert "未读通知" in client.get(reverse("hazards3030:hazards")).content.decode()
    counts = [q["sql"] for q in queries if 'FROM "org_inboxitem"' in q["sql"]]
    assert len(counts) == 1 and "COUNT(" in counts[0]
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        assert "未读通知" not in client.get(reverse("login")).content.decode()
    assert not [q for q in queries if "org_inboxitem" in q["sql"]]


def test_opening_an_item_marks_it_read_and_goes_to_its_object(client, committed, lingxi_staff):
    committed(tell, lingxi_staff, url="/governance/tasks/")
    item = InboxItem.objects.get()
    client.force_login(lingxi_staff)
    response = client.get(reverse("org:inbox-open", kwargs={"pk": item.pk}))
    assert response.status_code == 302 and response["Location"] == "/governance/tasks/"
    item.refresh_from_db()
    assert item.read_at is not None
    assert inbox.unread_count(lingxi_staff) == 0


def test_another_users_item_is_not_found(client, api, committed, lingxi_staff, fanshan_staff):
    committed(tell, fanshan_staff)
    item = InboxItem.objects.get()
    client.force_login(lingxi_staff)
    assert client.get(reverse("org:inbox-open", kwargs={"pk": item.pk})).status_code == 404
    assert api_as(lingxi_staff).get(f"/api/v1/inbox/{item.pk}/").status_code == 404
    assert api_as(lingxi_staff).post(f"/api/v1/inbox/{item.pk}/read/").status_code == 404
    assert item.title not in client.get(reverse("org:inbox")).content.decode()
    item.refresh_from_db()
    assert item.read_at is None


def test_the_inbox_lists_unread_first_and_filters(client, committed, lingxi_staff):
    committed(tell, lingxi_staff, key="old", title="旧的未读")
    committed(tell, lingxi_staff, key="read", title="已读的", kind=InboxItem.Kind.OVERDUE)
    inbox.mark_read(actor=lingxi_staff, item=InboxItem.objects.get(key="read"))
    client.force_login(lingxi_staff)
    html = client.get(reverse("org:inbox")).content.decode()
    assert html.index("旧的未读") < html.index("已读的")
    unread = client.get(reverse("org:inbox"), {"status": "unread"}).content.decode()
    assert "旧的未读" in unread and "已读的" not in unread
    overdue = client.get(reverse("org:inbox"), {"kind": "overdue"}).content.decode()
    assert "已读的" in overdue and "旧的未读" not in overdue


def test_mark_all_read(client, committed, lingxi_staff, fanshan_staff):
    for key in ("a", "b", "c"):
        committed(tell, lingxi_staff, key=key)
    committed(tell, fanshan_staff, key="a")
    client.force_login(lingxi_staff)
    response = client.post(reverse("org:inbox-read-all"), follow=True)
    assert "已将 3 条通知标为已读。" in response.content.decode()
    assert inbox.unread_count(lingxi_staff) == 0
    assert inbox.unread_count(fanshan_staff) == 1


def test_a_read_only_leader_may_mark_their_own_notices_read(committed):
    leader = UserFactory(username="t_leader", role=User.Role.COUNTY_VIEWER, region=county())
    committed(tell, leader)
    item = InboxItem.objects.get()
    assert api_as(leader).post(f"/api/v1/inbox/{item.pk}/read/").status_code == 200
    assert api_as(leader).post("/api/v1/inbox/read-all/", {}, format="json").json() == {"marked": 0}


def test_the_inbox_page_costs_the_same_with_3_items_and_30(client, committed, lingxi_staff):
    def add(start, count):
        for n in range(start, start + count):
            committed(tell, lingxi_staff, key=f"n{n}", kind=InboxItem.Kind.values[n % len(InboxItem.Kind.values)])
        InboxItem.objects.filter(key__in=[f"n{n}" for n in range(start, start + count, 2)]).update(
            read_at="2024-05-01T00:00:00Z"
        )

    client.force_login(lingxi_staff)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("org:inbox")).status_code == 200
        return len(captured)

    add(0, 3)
    few = queries()
    add(3, 27)
    assert queries() == few


# --- API -------------------------------------------------------------------------------------


def test_the_api_lists_my_items_and_marks_them_read(committed, lingxi_staff, fanshan_staff):
    committed(tell, lingxi_staff, key="a", kind=InboxItem.Kind.OVERDUE, title="隐患逾期")
    committed(tell, lingxi_staff, key="b")
    committed(tell, fanshan_staff, key="a")
    client = api_as(lingxi_staff)
    body = client.get("/api/v1/inbox/").json()
    assert body["count"] == 2
    first = body["results"][1]
    assert first["kind"] == "overdue" and first["kind_display"] == "逾期督办" and first["is_read"] is False
    read = client.post(f"/api/v1/inbox/{first['id']}/read/").json()
    assert read["is_read"] is True and read["read_at"]
    assert client.get("/api/v1/inbox/", {"status": "unread"}).json()["count"] == 1
    assert client.post("/api/v1/inbox/read-all/", {"kind": "tip"}, format="json").json() == {"marked": 1}
    assert client.get("/api/v1/inbox/", {"status": "read"}).json()["count"] == 2
    assert inbox.unread_count(fanshan_staff) == 1


def test_the_api_refuses_an_unknown_kind_with_a_400(lingxi_staff):
    response = api_as(lingxi_staff).post("/api/v1/inbox/read-all/", {"kind": "gossip"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()


def test_the_api_inbox_needs_a_signed_in_user(api):
    assert api.get("/api/v1/inbox/").status_code in (401, 403)
