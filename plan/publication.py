"""排名发布: after its snapshot a month's ranking is a draft; county administrators review it and
publish it (who, when), and may withdraw it with a reason and publish it again. Every step stays
in the publication's history (``RankingPublication.history``).

Townships, departments, leaders and API clients read published months only
(``RankingRow.objects.visible_to``). The 区域挂牌 notices of the units the ranking flags go out
when it is published, once: withdrawing marks them withdrawn (kept, no longer shown), and
publishing again brings the same notices back rather than sending new ones. A published month's
snapshot is not re-run (plan.snapshots.start_snapshot): withdraw it first.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from org import inbox
from org.access import require
from org.errors import Conflict
from org.models import Region, User
from plan import workbooks
from plan.models import IndicatorValue, ListingNotice, RankingPublication, RankingRow, SnapshotRun
from plan.periods import Month

# The plan's own indicator that says whether the month's ranking was published (plan/indicators.py).
PUBLISHED_INDICATOR = "M1.ranking"
REASON_LENGTH = RankingPublication._meta.get_field("withdraw_reason").max_length


def can_publish_rankings(user: User) -> bool:
    """County administrators review drafts and publish or withdraw a month's ranking."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.role == User.Role.COUNTY_ADMIN))


def publication_of(period: Month) -> RankingPublication | None:
    return (
        RankingPublication.objects.select_related("published_by", "withdrawn_by")
        .filter(period=period.first_day)
        .first()
    )


@transaction.atomic
def publish_ranking(*, period: Month, actor: User) -> RankingPublication:
    """发布 the month's ranking; the 区域挂牌 notices of the units it flags go out now."""
    require(can_publish_rankings(actor), _("只有县级管理员可以发布排名。"))
    publication = _locked(period) or RankingPublication(period=period.first_day)
    if publication.is_published:
        raise Conflict(_("%(period)s 的排名已发布。") % {"period": period})
    if SnapshotRun.objects.filter(period=period.first_day, status=SnapshotRun.Status.RUNNING).exists():
        raise Conflict(_("%(period)s 的快照正在计算中,算完后再审核发布。") % {"period": period})
    rows = list(RankingRow.objects.complete().filter(period=period.first_day).select_related("region", "department"))
    if not rows:
        raise Conflict(_("%(period)s 尚无排名,请先计算月度快照。") % {"period": period})
    publication.published_at, publication.published_by = timezone.now(), actor
    publication.withdrawn_at, publication.withdrawn_by, publication.withdraw_reason = None, None, ""
    _save(publication, actor, ["published_at", "published_by", "withdrawn_at", "withdrawn_by", "withdraw_reason"])
    _send_notices(period, [row for row in rows if row.flagged])
    _follow(period, published=True, actor=actor)
    return publication


@transaction.atomic
def withdraw_ranking(*, period: Month, actor: User, reason: str) -> RankingPublication:
    """撤回 a published month's ranking with a reason; its 区域挂牌 notices are withdrawn with it."""
    require(can_publish_rankings(actor), _("只有县级管理员可以撤回排名。"))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("请填写撤回原因。")})
    if len(reason) > REASON_LENGTH:
        raise ValidationError({"reason": _("撤回原因不能超过%(n)s字。") % {"n": REASON_LENGTH}})
    publication = _locked(period)
    if publication is None or not publication.is_published:
        raise Conflict(_("%(period)s 的排名尚未发布,无需撤回。") % {"period": period})
    now = timezone.now()
    publication.withdrawn_at, publication.withdrawn_by, publication.withdraw_reason = now, actor, reason
    _save(publication, actor, ["withdrawn_at", "withdrawn_by", "withdraw_reason"])
    withdrawn = ListingNotice.objects.filter(period=period.first_day, withdrawn_at__isnull=True)
    inbox.withdraw(keys=[_inbox_key(notice) for notice in withdrawn.only("period", "region_id", "department_id")])
    withdrawn.update(withdrawn_at=now)
    _follow(period, published=False, actor=actor)
    return publication


def _locked(period: Month) -> RankingPublication | None:
    return RankingPublication.objects.select_for_update().filter(period=period.first_day).first()


def _save(publication: RankingPublication, actor: User, fields: list[str]) -> None:
    publication._history_user = actor  # the history says who, from the API and jobs alike
    if not publication._state.adding:
        publication.save(update_fields=fields)
        return
    try:
        with transaction.atomic():
            publication.save()
    except IntegrityError as error:  # a first publication of the month made at the same moment
        raise Conflict(_("%(period)s 的排名已发布。") % {"period": Month.of(publication.period)}) from error


def _send_notices(period: Month, flagged: list[RankingRow]) -> None:
    """One notice per flagged unit and month: one withdrawn earlier comes back, the rest are new."""
    notices = ListingNotice.objects.filter(period=period.first_day).select_related("region", "department")
    earlier = {(n.region_id, n.department_id): n for n in notices}
    new, back = [], []
    for row in flagged:
        notice = earlier.get((row.department.region_id if row.department_id else row.region_id, row.department_id))
        message = _notice_text(period, row)
        if notice is None:
            new.append(_notice(period, row, message))
        else:
            notice.run_id, notice.message, notice.withdrawn_at = row.run_id, message, None
            back.append(notice)
    ListingNotice.objects.bulk_create(new)
    ListingNotice.objects.bulk_update(back, ["run", "message", "withdrawn_at"])
    _tell_listed([*new, *back])


def _tell_listed(notices: list[ListingNotice]) -> None:
    """区域挂牌 reaches the unit's people: its township's staff, or the department's. A notice back
    after a withdrawal is the same inbox item back (org.inbox.withdraw), not a second one."""
    url = reverse("plan:dashboard")
    inbox.deliver_all(
        inbox.notice(
            kind=inbox.Kind.AREA_LISTING,
            key=_inbox_key(notice),
            recipients=inbox.unit_staff(region=notice.region, department=notice.department),
            title=notice.message,
            url=f"{url}?period={notice.period:%Y-%m}",
        )
        for notice in notices
    )


def _inbox_key(notice: ListingNotice) -> str:
    return f"plan.listing:{notice.period:%Y-%m}:{notice.region_id}:{notice.department_id or 0}"


def _notice_text(period: Month, row: RankingRow) -> str:
    return _("%(period)s 综合评价月排名:%(unit)s %(reason)s,予以区域挂牌。") % {
        "period": period,
        "unit": row.unit,
        "reason": row.flag_reason,
    }


def _notice(period: Month, row: RankingRow, message: str) -> ListingNotice:
    if row.department_id:
        region_id = row.department.region_id
        return ListingNotice(
            run_id=row.run_id, period=period.first_day, region_id=region_id, department=row.department, message=message
        )
    return ListingNotice(run_id=row.run_id, period=period.first_day, region=row.region, message=message)


def _follow(period: Month, *, published: bool, actor: User) -> None:
    """What follows the month's publication: its M1.ranking value (综合评价月排名已发布) in the
    snapshot, and the leaders' workbook, made again so that it says which ranking stands."""
    ranked = RankingRow.objects.complete().filter(period=period.first_day, scheme__kind="township")
    value = 1 if published and ranked.exists() else 0
    IndicatorValue.objects.filter(
        Q(region__in=ranked.values("region_id")) | Q(region__level__lte=Region.Level.COUNTY),
        indicator=PUBLISHED_INDICATOR,
        period=period.first_day,
        department__isnull=True,
        run__status=SnapshotRun.Status.COMPLETE,
    ).update(value=value)
    workbooks.start(period=period, requested_by=actor)


# --- The review page ------------------------------------------------------------------------


def review(period: Month | None) -> dict:
    """What county administrators review before publishing: each scheme's ranking with every
    unit's breakdown (未报送 marked) and change since last month, the publication and its steps,
    and the recent months — in the same few queries however many units and components."""
    if period is None:
        return {"schemes": [], "publication": None, "steps": [], "months": _months()}
    rows = list(
        RankingRow.objects.complete()
        .filter(period=period.first_day)
        .select_related("scheme", "region", "department")
        .order_by("scheme__kind", "rank", "id")
    )
    schemes: dict[int, dict] = {}
    for row in rows:
        scheme = schemes.setdefault(row.scheme_id, {"scheme": row.scheme, "columns": row.parts, "rows": []})
        scheme["rows"].append(row)
    published = publication_of(period)
    return {
        "schemes": list(schemes.values()),
        "publication": published,
        "steps": _steps(published),
        "months": _months(),
    }


def _steps(publication: RankingPublication | None) -> list[dict]:
    """Each publication and withdrawal of the month, newest first (not the draft's creation)."""
    if publication is None:
        return []
    records = publication.history.select_related("history_user").order_by("-history_date", "-history_id")
    return [
        {
            "at": record.history_date,
            "by": record.history_user,
            "withdrawn": record.withdrawn_at is not None,
            "reason": record.withdraw_reason,
        }
        for record in records
        if record.published_at is not None or record.withdrawn_at is not None
    ]


def _months(count: int = 12) -> list[dict]:
    """The latest months with a complete snapshot, and whether each is published."""
    published = RankingPublication.objects.published().filter(period=OuterRef("period"))
    months = (
        SnapshotRun.objects.complete()
        .values("period")
        .annotate(is_published=Exists(published))
        .order_by("-period")
        .distinct()[:count]
    )
    return [{"period": Month.of(m["period"]), "published": m["is_published"]} for m in months]
