"""月度通报: the month's report to leaders as a Word document, built beside the monthly workbook.

Everything in it is read from the month's stored data: each focus, action and mechanism of the
plan in force (the plan of the month's year) with its targets — the month's county figure, the
change from last month, 达成 / 未达成 / 暂无数据 / 未接入 — the township and department rankings,
the units listed for 区域挂牌, and the sections apps register (``sections.register(...)`` in
their ``reports.py``, as they add workbook sheets), so ``plan`` never imports a domain app.

The layout follows 公文 practice (GB/T 9704) by font name: title 方正小标宋简体 二号, headings
黑体 / 楷体_GB2312 三号, body 仿宋_GB2312 三号, on A4; headings and tables stay real headings and
tables, so the office can edit the document before it is issued.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from itertools import count

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone, translation
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from org.models import Region
from plan.attainment import Attainment, attainment, county_for
from plan.models import IndicatorValue, RankingRow, RankingScheme, SnapshotRun, Target, WorkPlan
from plan.periods import Month
from plan.registry import registry
from plan.selectors import parts_with_targets, plan_of_year

__all__ = ["Section", "SectionRegistry", "sections", "write"]


@dataclass(frozen=True)
class Section:
    """A part of the 通报 that an app contributes: a heading and a table of plain rows."""

    key: str
    title: str
    columns: Sequence[str]
    rows: Callable[[Month], Iterable[Sequence]] = field(repr=False)
    empty: str = "本月无。"
    order: int = 100


class SectionRegistry:
    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, section: Section) -> Section:
        if section.key in self._sections:
            raise ImproperlyConfigured(f"Report section {section.key!r} is registered twice.")
        self._sections[section.key] = section
        return section

    def __iter__(self) -> Iterator[Section]:
        return iter(sorted(self._sections.values(), key=lambda section: (section.order, section.key)))


sections = SectionRegistry()

TITLE_FONT, HEADING_FONT, SUBHEADING_FONT, BODY_FONT = "方正小标宋简体", "黑体", "楷体_GB2312", "仿宋_GB2312"
ERHAO, SANHAO, WUHAO = Pt(22), Pt(16), Pt(10.5)
TABLE_STYLE = "表格文字"
NUMERALS = "一二三四五六七八九十"
# Kinds whose monthly value is a yes / no (1 or 0) rather than a figure.
YES_NO_KINDS = {Target.Kind.YOY_DECREASE, Target.Kind.DONE, Target.Kind.RANKING}
TARGET_COLUMNS = ("编号", "目标", "目标值", "本月值", "上月值", "较上月", "达成情况")
RANKING_COLUMNS = ("名次", "单位", "综合得分", "上月名次", "名次变化", "区域挂牌")
# Characters XML cannot hold (a ledger's text may carry them).
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def write(period: Month, target, *, issued_on: date | None = None) -> None:
    """Writes the month's 通报 to ``target`` (a path or a binary file), in Chinese whatever
    language the request that asked for it used."""
    with translation.override(settings.LANGUAGE_CODE):
        _write(period, target, issued_on=issued_on or timezone.localdate())


def _write(period: Month, target, *, issued_on: date) -> None:
    plan = plan_of_year(period.year)
    issuer = _issuer(plan)
    township_rows = _ranking(period, RankingScheme.Kind.TOWNSHIP)
    department_rows = _ranking(period, RankingScheme.Kind.DEPARTMENT)
    draft = any(not row.is_published for row in township_rows + department_rows)
    title = f"{issuer}关于{period.year}年{period.month}月“应急365工程”推进情况的通报"
    document = _document(title=title, author=issuer, draft=draft)
    _opening(document, title, period, draft=draft)
    headings = map(_numeral, count(1))
    if plan is None:
        _heading(document, next(headings), "工作计划")
        _body(document, f"{period.year}年度工作计划尚未录入,本通报不含目标达成情况。")
    else:
        _write_plan(document, plan, period, headings)
    _write_rankings(document, next(headings), township_rows, department_rows, draft=draft)
    _write_listings(document, next(headings), township_rows + department_rows, draft=draft)
    for section in sections:
        _heading(document, next(headings), section.title)
        _table_or(document, section.columns, [tuple(map(_cell, row)) for row in section.rows(period)], section.empty)
    _signature(document, issuer, issued_on)
    document.save(target)


def _opening(document, title: str, period: Month, *, draft: bool) -> None:
    if draft:
        document.add_paragraph("草稿(本月排名尚未发布)", style="Subtitle")
    document.add_paragraph(title, style="Title")
    document.add_paragraph("各乡镇人民政府,县级有关单位:").paragraph_format.first_line_indent = 0
    month = f"{period.year}年{period.month}月"
    source = (
        f"本通报数据取自{month}月度快照。"
        if SnapshotRun.objects.complete().filter(period=period.first_day).exists()
        else f"{month}尚无完成的月度快照,各项数据暂缺。"
    )
    _body(document, f"现将{month}全县“应急365工程”(锚定3大重点、实施6大行动、完善5大机制)推进情况通报如下。{source}")


# --- Reading the month ----------------------------------------------------------------------


def _ranking(period: Month, kind: str) -> list[RankingRow]:
    """The month's ranking as the county reads it: the draft too, each row knowing whether its
    month is published (publishing or withdrawing makes the workbook and this report again)."""
    rows = RankingRow.objects.complete().with_publication().filter(period=period.first_day, scheme__kind=kind)
    return list(rows.select_related("region", "department").order_by("rank", "id"))


def _issuer(plan: WorkPlan | None) -> str:
    if plan is not None and plan.issued_by:
        return plan.issued_by
    county = plan.county if plan else Region.objects.filter(level=Region.Level.COUNTY).order_by("pk").first()
    return f"{county.name if county else ''}应急管理局"


def _previous_values(plan: WorkPlan, period: Month) -> dict[str, IndicatorValue]:
    """Last month's county value of each indicator (January's is December's of the year before)."""
    rows = IndicatorValue.objects.filter(
        region=county_for(plan),
        department__isnull=True,
        period=period.previous().first_day,
        run__status=SnapshotRun.Status.COMPLETE,
    )
    return {row.indicator: row for row in rows}


# --- The plan's targets ---------------------------------------------------------------------


def _write_plan(document, plan: WorkPlan, period: Month, headings: Iterator[str]) -> None:
    items = {item.target.pk: item for item in attainment(plan, as_of=period.first_day)}
    previous = _previous_values(plan, period)
    _heading(document, next(headings), "总体情况")
    _body(document, _overview(list(items.values())))
    groups = parts_with_targets(plan)
    for key, name in (("focuses", "3大重点"), ("actions", "6大行动"), ("mechanisms", "5大机制")):
        _heading(document, next(headings), name)
        for number, part in enumerate(groups[key], start=1):
            document.add_heading(f"({_numeral(number)}){part.name}", level=2)
            rows = [_target_row(items[target.pk], period, previous) for target in part.targets.all()]
            _table_or(document, TARGET_COLUMNS, rows, "本项暂无量化目标。")


def _overview(items: list[Attainment]) -> str:
    counts = {code: sum(1 for item in items if item.status.code == code) for code in ("met", "unmet", "no_data")}
    untracked = len(items) - sum(counts.values())
    return (
        f"全县“应急365工程”共设量化目标{len(items)}项,本月达成{counts['met']}项、未达成{counts['unmet']}项、"
        f"暂无数据{counts['no_data']}项、未接入{untracked}项。"
    )


def _target_row(item: Attainment, period: Month, previous: dict[str, IndicatorValue]) -> tuple[str, ...]:
    target, latest = item.target, item.latest
    this_month = latest if latest is not None and latest.period == period.first_day else None
    before = previous.get(target.indicator_key)
    return (
        target.code,
        target.text,
        target.goal,
        _figure(target, latest) + ("" if this_month or latest is None else f"({latest.period.month}月)"),
        _figure(target, before),
        _change(target, this_month, before),
        str(item.status.label),
    )


def _figure(target: Target, value: IndicatorValue | None) -> str:
    if value is None or value.value is None:
        return "—"
    if target.kind in YES_NO_KINDS:
        return "是" if value.value >= 1 else "否"
    indicator = registry.get(target.indicator_key)
    return _number(value.value) + (indicator.unit if indicator else target.unit)


def _change(target: Target, now: IndicatorValue | None, before: IndicatorValue | None) -> str:
    if target.kind in YES_NO_KINDS or None in (now, before) or None in (now.value, before.value):
        return "—"
    difference = now.value - before.value
    if not difference:
        return "持平"
    indicator = registry.get(target.indicator_key)
    unit = "个百分点" if indicator and indicator.ratio else (indicator.unit if indicator else target.unit)
    return f"{'+' if difference > 0 else '−'}{_number(abs(difference))}{unit}"


# --- Rankings and 区域挂牌 --------------------------------------------------------------------


def _write_rankings(document, number: str, townships: list, departments: list, *, draft: bool) -> None:
    _heading(document, number, "综合评价月排名")
    if draft:
        _body(document, "本月排名尚未发布,以下为草稿,以县应急管理局发布为准。")
    for sub, (name, rows) in enumerate((("乡镇月排名", townships), ("部门月排名", departments)), start=1):
        document.add_heading(f"({_numeral(sub)}){name}", level=2)
        _table_or(document, RANKING_COLUMNS, [_ranking_row(row) for row in rows], "本月无排名。")


def _ranking_row(row: RankingRow) -> tuple[str, ...]:
    change = row.rank_change
    moved = "—" if change is None else "持平" if change == 0 else f"↑{change}" if change > 0 else f"↓{-change}"
    return (
        str(row.rank),
        str(row.unit),
        _number(row.score),
        "—" if row.previous_rank is None else str(row.previous_rank),
        moved,
        row.flag_reason or ("是" if row.flagged else ""),
    )


def _write_listings(document, number: str, rows: list[RankingRow], *, draft: bool) -> None:
    _heading(document, number, "区域挂牌")
    flagged = [row for row in rows if row.flagged]
    if not flagged:
        _body(document, "本月无区域挂牌单位。")
        return
    verb = "拟予区域挂牌(排名发布后生效)" if draft else "予以区域挂牌"
    _body(document, f"根据综合评价月排名,以下{len(flagged)}个单位{verb}:")
    for row in flagged:
        _body(document, f"{row.unit}(第{row.rank}名,{row.flag_reason or '区域挂牌'})。")


# --- The document and its 公文 fonts ---------------------------------------------------------


def _document(*, title: str, author: str, draft: bool):
    """An A4 document with GB/T 9704 margins and the 公文 styles."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _styles(document.styles)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, author, author
    properties.content_status = "草稿" if draft else "定稿"
    properties.created = properties.modified = timezone.now()
    return document


def _styles(styles) -> None:
    _font(styles["Normal"], BODY_FONT, SANHAO)
    styles["Normal"].paragraph_format.first_line_indent = Pt(32)  # two characters
    styles["Normal"].paragraph_format.line_spacing = Pt(28)
    for name, font, size, alignment in (
        ("Title", TITLE_FONT, ERHAO, WD_ALIGN_PARAGRAPH.CENTER),
        ("Subtitle", HEADING_FONT, SANHAO, WD_ALIGN_PARAGRAPH.LEFT),
        ("Heading 1", HEADING_FONT, SANHAO, None),
        ("Heading 2", SUBHEADING_FONT, SANHAO, None),
    ):
        _font(styles[name], font, size)
        _plain_heading(styles[name], alignment)
    styles["Title"].paragraph_format.space_after = Pt(28)
    for name in ("Heading 1", "Heading 2"):
        styles[name].paragraph_format.first_line_indent = Pt(32)
    table_text = styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = styles["Normal"]
    _font(table_text, BODY_FONT, WUHAO)
    table_text.paragraph_format.first_line_indent = 0
    table_text.paragraph_format.line_spacing = 1.0


def _font(style, name: str, size: Pt) -> None:
    """Sets the font by name for Latin and East Asian text alike: Word takes Chinese glyphs from
    rFonts' eastAsia attribute, and a theme attribute would override the name."""
    style.font.name, style.font.size = name, size
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), name)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)


def _plain_heading(style, alignment) -> None:
    """Black, not bold or italic, without the template's rule below the title."""
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.bold = style.font.italic = False
    style.paragraph_format.alignment = alignment
    style.paragraph_format.space_before = style.paragraph_format.space_after = Pt(0)
    border = style.element.pPr.find(qn("w:pBdr")) if style.element.pPr is not None else None
    if border is not None:
        style.element.pPr.remove(border)


def _heading(document, number: str, text: str) -> None:
    document.add_heading(f"{number}、{text}", level=1)


def _body(document, text: str) -> None:
    document.add_paragraph(_text(text))


def _table_or(document, columns: Sequence[str], rows: list[Sequence[str]], empty: str) -> None:
    if not rows:
        _body(document, empty)
        return
    table = document.add_table(rows=1, cols=len(columns))
    table.style, table.alignment = "Table Grid", WD_TABLE_ALIGNMENT.CENTER
    header = table.rows[0]
    _repeat_as_header(header)
    for cell, text in zip(header.cells, columns, strict=True):
        _fill(cell, text, bold=True)
    for row in rows:
        for cell, text in zip(table.add_row().cells, row, strict=True):
            _fill(cell, text)


def _fill(cell, text: str, *, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = TABLE_STYLE
    paragraph.add_run(_text(text)).bold = bold or None


def _repeat_as_header(row) -> None:
    """The header row repeats on every page the table runs over."""
    properties = row._tr.get_or_add_trPr()
    properties.append(OxmlElement("w:tblHeader"))


def _signature(document, issuer: str, day: date) -> None:
    document.add_paragraph()
    for text in (issuer, f"{day.year}年{day.month}月{day.day}日"):
        paragraph = document.add_paragraph(text)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        paragraph.paragraph_format.right_indent = Pt(64)


def _numeral(number: int) -> str:
    """一 … 十, 十一 … 九十九: the numbering of 公文 headings."""
    if number <= 10:
        return NUMERALS[number - 1]
    tens, ones = divmod(number, 10)
    return (NUMERALS[tens - 1] if tens > 1 else "") + "十" + (NUMERALS[ones - 1] if ones else "")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return _number(value)
    return str(value)


def _number(value: Decimal) -> str:
    text = f"{Decimal(value).normalize():f}"
    return "0" if text in ("-0", "") else text


def _text(text: str) -> str:
    return _UNWRITABLE.sub("", text)
