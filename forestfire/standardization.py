"""涉林乡镇规范化建设 (A6.townships): the forest townships' scored checklist on the shared
mechanism (org.assessments, kind ``forest_township``). This module holds the checklist's content,
the plan's “四张网” (organisation, infrastructure, fire-source control, emergency rescue) as
items with points and the evidence each needs; the bureau publishes later versions in the admin.
"""

from collections.abc import Callable
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from org.assessments import Kind, register_kind

KIND = "forest_township"
TITLE = "涉林乡镇森林防灭火规范化建设评分细则"
PASS_MARK = Decimal(80)

# (number, item, points, evidence to upload): the plan's action (六), 四张网.
ITEMS = [
    (1, "健全乡镇森林防灭火指挥所,明确指挥长、成员和值班制度", 10, "指挥所成立文件及场所照片"),
    (2, "涉林行政村全部建立森林防灭火工作小组,责任到人", 10, "涉林村工作小组名单"),
    (3, "压实属地、部门、经营生产单位和个人责任,签订责任书", 10, "责任书或责任清单"),
    (4, "林火阻隔系统建设:防火隔离带、生物防火林带按规划建设并维护", 10, "阻隔带台账或现场照片"),
    (5, "“以水灭火”能力建设:引水设施、消防水池和取水点布局到位", 15, "水源点台账及照片"),
    (6, "推广建设“森林智眼”视频监控,点位在线运行", 10, "监控点位清单及在线截图"),
    (7, "制定风险隐患排查整改“三张清单”并按期销号", 10, "三张清单"),
    (8, "建立完善镇、村两级护林组织,构建管护网格化体系", 10, "护林员名册及网格划分"),
    (9, "祭祀、农事和野外施工用火管控,开展野外火源专项治理", 5, ""),
    (10, "建成乡镇及涉林村森林防灭火队伍,落实卫星热点1小时核查反馈", 10, "队伍名册及演练记录"),
]

register_kind(Kind(KIND, _("涉林乡镇规范化建设"), "forestfire:standardization"))


def seed_checklist(get_model: Callable) -> None:
    """Publishes the plan's checklist as version 1 when none is published yet (data migration 0002,
    and tests that run after a table flush)."""
    Checklist, ChecklistItem = get_model("org", "Checklist"), get_model("org", "ChecklistItem")
    if Checklist.objects.filter(kind=KIND).exists():
        return
    checklist = Checklist.objects.create(kind=KIND, version=1, title=TITLE, pass_mark=PASS_MARK)
    ChecklistItem.objects.bulk_create(
        ChecklistItem(checklist=checklist, number=n, title=title, points=Decimal(points), evidence=evidence)
        for n, title, points, evidence in ITEMS
    )
