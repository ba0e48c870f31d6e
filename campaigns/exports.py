"""This app's sheets in the monthly workbook: the month's publicity activities (宣传活动) and the
townships' 五进 coverage this year to the month's end (五进覆盖)."""

from django.db.models import Count

from campaigns.indicators import CATEGORIES
from campaigns.models import Activity, FiveInto
from org.models import Region
from plan.exports import Column, Sheet, sheets
from plan.periods import Month

CATEGORY = dict(FiveInto.choices)


def _month(period: Month):
    return Activity.objects.filter(held_on__range=(period.first_day, period.last_day))


def activity_rows(period: Month):
    fields = ("held_on", "township__name", "title", "kind__name", "category", "participants", "organiser", "place")
    ordered = _month(period).order_by("held_on", "township__sort_order", "id").values_list(*fields)
    for held_on, township, title, kind, category, participants, organiser, place in ordered.iterator(chunk_size=5000):
        yield (held_on, township, title, kind, str(CATEGORY[category]), participants, organiser, place)


def five_into_rows(period: Month):
    """One row per township: activities this year in each category, and the categories reached."""
    townships = list(Region.objects.townships().order_by("sort_order"))
    counts = {
        (row["township"], row["category"]): row["n"]
        for row in Activity.objects.filter(held_on__range=(period.first_day.replace(month=1), period.last_day))
        .values("township", "category")
        .annotate(n=Count("pk"))
        .order_by()
    }
    for township in townships:
        cells = [counts.get((township.pk, category), 0) for category in CATEGORIES]
        missing = "、".join(str(CATEGORY[c]) for c, n in zip(CATEGORIES, cells, strict=True) if not n)
        yield (township.name, *cells, sum(1 for n in cells if n), missing)


sheets.register(
    Sheet(
        "campaign_activities",
        "宣传活动",
        [
            Column("活动日期", 12),
            Column("乡镇", 10),
            Column("活动名称", 30),
            Column("活动形式", 10),
            Column("“五进”类别", 10),
            Column("参与人数", 10, total=True),
            Column("组织单位", 20),
            Column("活动地点", 20),
        ],
        activity_rows,
        count=lambda period: _month(period).count(),
        order=85,
    )
)
sheets.register(
    Sheet(
        "five_into",
        "五进覆盖",
        [
            Column("乡镇", 12),
            *[Column(f"{CATEGORY[c]}(场)", 10, total=True) for c in CATEGORIES],
            Column("已覆盖类别", 10, total=True),
            Column("未覆盖", 30),
        ],
        five_into_rows,
        count=lambda period: Region.objects.townships().count(),
        order=86,
    )
)
