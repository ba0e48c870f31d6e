"""The monthly workbook's sheets: a registry that apps add their ledgers to (in ``exports.py``).

Each sheet names its columns (Chinese headers, widths, number formats) and yields its rows for a
month as plain tuples, streamed from the database so memory stays flat at any size.
"""

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured

from org.spreadsheets import Column
from plan.periods import Month

__all__ = ["Column", "Sheet", "SheetRegistry", "sheets"]


@dataclass(frozen=True)
class Sheet:
    key: str
    title: str
    columns: Sequence[Column]
    rows: Callable[[Month], Iterable[Sequence]] = field(repr=False)
    count: Callable[[Month], int] = field(repr=False, default=lambda period: 0)
    order: int = 100


class SheetRegistry:
    def __init__(self) -> None:
        self._sheets: dict[str, Sheet] = {}

    def register(self, sheet: Sheet) -> Sheet:
        if sheet.key in self._sheets:
            raise ImproperlyConfigured(f"Workbook sheet {sheet.key!r} is registered twice.")
        self._sheets[sheet.key] = sheet
        return sheet

    def __iter__(self) -> Iterator[Sheet]:
        return iter(sorted(self._sheets.values(), key=lambda sheet: (sheet.order, sheet.key)))


sheets = SheetRegistry()


# --- The plan's own sheets ------------------------------------------------------------------


def _attainment_rows(period: Month) -> Iterator[tuple]:
    from plan.attainment import attainment
    from plan.models import WorkPlan

    plan = WorkPlan.objects.filter(year=period.year).first()
    if plan is None:
        return
    for item in attainment(plan, as_of=period.first_day):
        target, latest = item.target, item.latest
        yield (
            target.part.code,
            target.code,
            target.text,
            target.goal,
            latest.value if latest else None,
            latest.numerator if latest else None,
            latest.denominator if latest else None,
            latest.period.strftime("%Y-%m") if latest else "",
            str(item.status.label),
        )


def _ranking_rows(kind: str):
    """The month's ranking for the county's leaders: the workbook is county-level and made right
    after the snapshot, so it carries the draft too, each row marked 草稿 until the month is
    published (publishing or withdrawing makes the workbook again)."""

    def rows(period: Month) -> Iterator[tuple]:
        from plan.models import RankingRow

        ranked = (
            RankingRow.objects.complete()
            .with_publication()
            .filter(period=period.first_day, scheme__kind=kind)
            .select_related("region", "department", "scheme")
            .order_by("rank", "id")
        )
        for row in ranked:
            change = row.rank_change
            yield (
                row.rank,
                str(row.unit),
                row.score,
                row.previous_rank,
                change,
                "是" if row.flagged else "",
                row.flag_reason,
                "、".join(row.not_reported_labels),
                "已发布" if row.is_published else "草稿",
            )

    return rows


TARGET_COLUMNS = [
    Column("部分", 8),
    Column("目标编号", 16),
    Column("目标", 48),
    Column("目标值", 30),
    Column("本期值", 12, "0.00"),
    Column("分子", 10, "0.##"),
    Column("分母", 10, "0.##"),
    Column("数据月份", 10),
    Column("达成情况", 10),
]
RANKING_COLUMNS = [
    Column("名次", 6),
    Column("单位", 20),
    Column("综合得分", 10, "0.000"),
    Column("上月名次", 10),
    Column("名次变化", 10),
    Column("区域挂牌", 10),
    Column("挂牌原因", 16),
    Column("未报送指标", 30),
    Column("发布状态", 10),
]

sheets.register(Sheet("targets", "目标达成", TARGET_COLUMNS, _attainment_rows, order=10))
sheets.register(Sheet("township_ranking", "乡镇月排名", RANKING_COLUMNS, _ranking_rows("township"), order=20))
sheets.register(Sheet("department_ranking", "部门月排名", RANKING_COLUMNS, _ranking_rows("department"), order=30))
