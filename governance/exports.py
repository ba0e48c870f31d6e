"""This app's sheets in the monthly workbook: the 约谈 register, the 督办事项 and the service agencies'
assessment, each row as it stood at the end of the month (Asia/Shanghai).

Every row is read from the app's history: the record's last change before the month ended, or — a
record entered in the portal later — the first one after. What is final and dated (销号, 办结,
blacklist, exit) is read from its date, so a month's file says the same whenever it is made.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Case, CharField, Count, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from governance.models import (
    Agency,
    AgencyAssessment,
    AgencyGrade,
    Interview,
    InterviewFollowUp,
    ServiceLog,
    SupervisionTask,
    TaskProgress,
    UnitKind,
    half_of,
)
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

LEVEL = dict(Interview.Level.choices)
REASON = dict(Interview.Reason.choices)
UNIT_KIND = dict(UnitKind.choices)
ASSIGNEE_KIND = dict(SupervisionTask.AssigneeKind.choices)
CATEGORY = dict(Agency.Category.choices)


def _end(period: Month) -> datetime:
    """The first instant after the month, in Shanghai."""
    return timezone.make_aware(
        datetime.combine(period.last_day + timedelta(days=1), time.min), timezone.get_default_timezone()
    )


def _then(history, end: datetime, **match):
    """The history row of each record (``match`` ties it to the outer row) as it stood at ``end``."""
    rows = history.filter(**match)
    before = rows.filter(history_date__lt=end).order_by("-history_date", "-history_id").values("history_id")[:1]
    after = rows.filter(history_date__gte=end).order_by("history_date", "history_id").values("history_id")[:1]
    return Coalesce(Subquery(before), Subquery(after))


def _as_it_stood(model, period: Month):
    """The model's history rows, one per record, as each stood at the month's end."""
    end = _end(period)
    then = model.objects.annotate(then=_then(model.history.all(), end, id=OuterRef("pk"))).values("then")
    return model.history.filter(history_id__in=then).exclude(history_type="-")


def _current(model, field: str):
    """A final, dated field (closed on, completed on) from the record itself."""
    return Subquery(model.objects.filter(pk=OuterRef("id")).values(field)[:1])


def _count(queryset, link: str):
    counted = queryset.filter(**{link: OuterRef("id")}).values(link).annotate(n=Count("pk")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _unit(kind: str, township: str | None, department: str | None, enterprise: str | None) -> str:
    if kind == UnitKind.DEPARTMENT:
        return department or ""
    if kind == UnitKind.ENTERPRISE:
        return enterprise or ""
    return township or ""


# --- 约谈 -------------------------------------------------------------------------------------


def _interviews(period: Month):
    """Held by the month's end, and open then or held or closed in the month."""
    first, last = period.first_day, period.last_day
    return (
        _as_it_stood(Interview, period)
        .filter(held_on__lte=last)
        .annotate(closed=_current(Interview, "closed_on"))
        .filter(Q(closed__isnull=True) | Q(closed__gte=first) | Q(held_on__gte=first))
    )


def interview_rows(period: Month):
    last = period.last_day
    follow_ups = _count(InterviewFollowUp.objects.filter(on__lte=last), "interview_id")
    fields = ("held_on", "level", "unit_kind", "township__name", "department__name", "enterprise__name", "reason",
              "reason_detail", "attendees", "rectification", "rectification_due", "follow_ups", "closed")  # fmt: skip
    listed = _interviews(period).annotate(follow_ups=follow_ups).order_by("held_on", "id")
    for row in listed.values_list(*fields).iterator(chunk_size=2000):
        held, level, kind, township, department, enterprise, reason, detail, attendees, asked, due, n, closed = row
        is_closed = closed is not None and closed <= last
        overdue = not is_closed and due < last
        status = "已销号" if is_closed else ("逾期未整改" if overdue else "整改中")
        yield (held, str(LEVEL[level]), str(UNIT_KIND[kind]), _unit(kind, township, department, enterprise),
               str(REASON[reason]), detail, attendees, asked, due, n, status,
               closed if is_closed else None)  # fmt: skip


# --- 督办事项 ----------------------------------------------------------------------------------


def _tasks(period: Month):
    """Assigned by the month's end, and open then or assigned or completed in the month."""
    first, last = period.first_day, period.last_day
    return (
        _as_it_stood(SupervisionTask, period)
        .filter(assigned_on__lte=last)
        .annotate(completed=_current(SupervisionTask, "completed_on"))
        .filter(Q(completed__isnull=True) | Q(completed__gte=first) | Q(assigned_on__gte=first))
    )


def task_rows(period: Month):
    last = period.last_day
    progress = _count(TaskProgress.objects.filter(on__lte=last), "task_id")
    fields = ("committee__name", "title", "assignee_kind", "department__name", "township__name", "assigned_on",
              "deadline", "progress", "completed")  # fmt: skip
    listed = _tasks(period).annotate(progress=progress).order_by("deadline", "id")
    for committee, title, kind, department, township, assigned, deadline, n, completed in listed.values_list(
        *fields
    ).iterator(chunk_size=2000):
        done = completed is not None and completed <= last
        if done:
            status, on_time = "已办结", "是" if completed <= deadline else "否"
        else:
            status, on_time = ("逾期" if deadline < last else "办理中"), ""
        overdue_days = (last - deadline).days if not done and deadline < last else None
        unit = department if kind == SupervisionTask.AssigneeKind.DEPARTMENT else township
        yield (committee or "", title, str(ASSIGNEE_KIND[kind]), unit or "", assigned, deadline, n, status,
               completed if done else None, on_time, overdue_days)  # fmt: skip


# --- 服务机构考评 ------------------------------------------------------------------------------


def _agencies(period: Month):
    """Every agency on the register at the month's end, and those that left it in the month."""
    return (
        _as_it_stood(Agency, period)
        .annotate(
            left=_current(Agency, "exited_on"),
            blacklisted=_current(Agency, "blacklisted_on"),
        )
        .filter(Q(left__isnull=True) | Q(left__gte=period.first_day))
    )


def _score_then(period: Month, end: datetime, field: str):
    """The half-year's assessment (made by the month's end) as it stood then."""
    rows = AgencyAssessment.history.filter(
        agency_id=OuterRef("id"), year=period.year, half=half_of(period.last_day), assessed_on__lte=period.last_day
    ).exclude(history_type="-")
    before = rows.filter(history_date__lt=end).order_by("-history_date", "-history_id").values(field)[:1]
    after = rows.filter(history_date__gte=end).order_by("history_date", "history_id").values(field)[:1]
    return Coalesce(Subquery(before), Subquery(after))


def _grade_then(year: int, last: date, end: datetime):
    rows = AgencyGrade.history.filter(agency_id=OuterRef("id"), year=year, graded_on__lte=last).exclude(
        history_type="-"
    )
    before = rows.filter(history_date__lt=end).order_by("-history_date", "-history_id").values("grade")[:1]
    after = rows.filter(history_date__gte=end).order_by("history_date", "history_id").values("grade")[:1]
    return Coalesce(Subquery(before), Subquery(after), output_field=CharField())


def agency_rows(period: Month):
    first, last, end = period.first_day, period.last_day, _end(period)
    served = ServiceLog.objects.filter(agency_id=OuterRef("id"), served_on__gte=first, served_on__lte=last)
    logs = served.values("agency_id").annotate(n=Count("pk"), hazards=Sum("hazards_reported"))
    listed = (
        _agencies(period)
        .annotate(
            score=_score_then(period, end, "score"),
            assessor_then=_score_then(period, end, "assessor"),
            grade_then=_grade_then(period.year - 1, last, end),
            logs=Coalesce(Subquery(logs.values("n")[:1], output_field=IntegerField()), 0),
            hazards=Coalesce(Subquery(logs.values("hazards")[:1], output_field=IntegerField()), 0),
            status_then=Case(
                When(left__lte=last, then=Value("已退出")),
                When(blacklisted__lte=last, then=Value("黑名单")),
                default=Value("正常"),
                output_field=CharField(),
            ),
        )
        .order_by("name", "id")
    )
    fields = ("name", "credit_code", "category", "engineers", "qualification_expires", "status_then", "score",
              "assessor_then", "grade_then", "logs", "hazards")  # fmt: skip
    for name, code, category, engineers, expires, status, score, assessor, grade, n, hazards in listed.values_list(
        *fields
    ).iterator(chunk_size=2000):
        expired = "是" if expires and expires < last else ""
        yield (name, code, str(CATEGORY[category]), engineers, expires, expired, status, score, assessor or "",
               grade or "", n, hazards)  # fmt: skip


sheets.register(
    Sheet(
        "interviews",
        "约谈",
        [
            Column("约谈日期", 12),
            Column("约谈层级", 10),
            Column("对象类型", 8),
            Column("约谈对象", 22),
            Column("约谈事由", 12),
            Column("事由说明", 30),
            Column("参加人员", 20),
            Column("整改要求", 36),
            Column("整改期限", 12),
            Column("整改跟踪次数", 12, total=True),
            Column("月末状态", 10),
            Column("销号日期", 12),
        ],
        interview_rows,
        count=lambda period: _interviews(period).count(),
        order=110,
    )
)
sheets.register(
    Sheet(
        "supervision_tasks",
        "督办事项",
        [
            Column("交办委员会", 18),
            Column("督办事项", 32),
            Column("承办单位类型", 10),
            Column("承办单位", 16),
            Column("交办日期", 12),
            Column("办理期限", 12),
            Column("进展报送次数", 12, total=True),
            Column("月末状态", 10),
            Column("办结日期", 12),
            Column("按期办结", 8),
            Column("逾期天数", 10),
        ],
        task_rows,
        count=lambda period: _tasks(period).count(),
        order=120,
    )
)
sheets.register(
    Sheet(
        "agency_assessments",
        "服务机构考评",
        [
            Column("机构名称", 26),
            Column("统一社会信用代码", 22),
            Column("服务类别", 10),
            Column("注册安全工程师", 12, total=True),
            Column("资质有效期至", 12),
            Column("资质已过期", 10),
            Column("月末状态", 10),
            Column("本半年度考核得分", 14, "0.00"),
            Column("考核人", 10),
            Column("上年度等级", 10),
            Column("本月服务次数", 12, total=True),
            Column("本月报告隐患", 12, total=True),
        ],
        agency_rows,
        count=lambda period: _agencies(period).count(),
        order=130,
    )
)
