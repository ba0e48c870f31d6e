"""内部报告奖励: the reward an enterprise decides for a hazard its own staff reported (action 一
of the plan asks enterprises to reward internal reports). Recorded and corrected here only; the
register page, the hazard's page and the 3030 figures read what is kept."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from hazards3030.models import Hazard, InternalReportReward
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import User
from org.validators import check_not_future

APPROVER_MAX = 64
NOTE_MAX = 200


def can_record_rewards(user: User) -> bool:
    """The township for its own enterprises' hazards, the county for all."""
    return user.is_superuser or (user.can_write and user.role in (User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF))


def _check(reward: InternalReportReward) -> None:
    errors = check_not_future(approved_on=reward.approved_on, paid_on=reward.paid_on)
    if reward.amount is None or reward.amount < 0:
        errors["amount"] = _("奖励金额不能为负数。")
    elif reward.amount > settings.REWARD_MAX_YUAN:
        errors["amount"] = _("奖励金额不能超过%(max)s元。") % {"max": settings.REWARD_MAX_YUAN}
    if not (reward.approved_by or "").strip():
        errors["approved_by"] = _("请填写批准人。")
    elif len(reward.approved_by) > APPROVER_MAX:
        errors["approved_by"] = _("批准人不能超过%(n)s个字。") % {"n": APPROVER_MAX}
    if len(reward.note or "") > NOTE_MAX:
        errors["note"] = _("备注不能超过%(n)s个字。") % {"n": NOTE_MAX}
    if reward.paid_on and reward.approved_on and reward.paid_on < reward.approved_on:
        errors["paid_on"] = _("发放日期不能早于批准日期。")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_reward(
    *,
    actor: User,
    hazard: Hazard,
    amount: Decimal = UNSET,
    approved_by: str = UNSET,
    approved_on: date = UNSET,
    paid_on: date | None = UNSET,
    note: str = UNSET,
) -> InternalReportReward:
    """登记或修改一条隐患的内部报告奖励 (amount in yuan, who approved it and when, when paid).
    Only hazards reported by the enterprise's own staff (source 内部报告奖励) carry one."""
    require(can_record_rewards(actor), _("您的角色不能登记内部报告奖励。"))
    require_within(actor, hazard.township, _("只能登记本辖区的内部报告奖励。"))
    if hazard.source != Hazard.Source.INTERNAL_REPORT:
        raise ValidationError(_("只有来源为“内部报告奖励”的隐患才能登记奖励。"))
    reward = InternalReportReward.objects.select_for_update().filter(hazard=hazard).first()
    reward = reward or InternalReportReward(hazard=hazard)
    if approved_by is not UNSET:
        approved_by = (approved_by or "").strip()
    changed = assign(
        reward, amount=amount, approved_by=approved_by, approved_on=approved_on, paid_on=paid_on, note=note
    )
    reward.recorded_by = actor
    changed.append("recorded_by")
    _check(reward)
    reward.full_clean()
    save(reward, changed)
    return reward


@dataclass(frozen=True)
class YearFigures:
    """On the 3030 page: internal reports this year and the rewards paid for them."""

    reports: int
    rewarded: int
    paid: int
    paid_amount: Decimal


def year_figures(*, user: User, year: int) -> YearFigures:
    reports = Hazard.objects.visible_to(user).filter(source=Hazard.Source.INTERNAL_REPORT, found_on__year=year)
    paid = InternalReportReward.objects.visible_to(user).filter(paid_on__year=year)
    counted = paid.aggregate(n=Count("pk"), total=Sum("amount"))
    rewarded = InternalReportReward.objects.visible_to(user).filter(Q(approved_on__year=year)).count()
    return YearFigures(reports.count(), rewarded, counted["n"], counted["total"] or Decimal(0))


def totals_by_unit(hazards: QuerySet, *, limit: int = 100) -> QuerySet:
    """The register's summary: for the internal-report hazards selected (already scoped and
    filtered), per township and enterprise, how many were reported, how many rewards were paid
    and how much — one grouped query."""
    paid = Q(reward__paid_on__isnull=False)
    return (
        hazards.order_by()
        .values("township__name", "enterprise__name")
        .annotate(reports=Count("pk"), paid=Count("pk", filter=paid), amount=Sum("reward__amount", filter=paid))
        .order_by("township__name", "enterprise__name")[:limit]
    )
