"""Station accreditation (管理站达标) on org's scored checklists, kind ``station``: the township
assesses its station against the checklist in force and the county verifies; only a verified pass
counts for A3.accredited. The checklist's first version is the one the demo and a new portal load.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from org import assessments
from org.assessments import ItemSpec
from org.models import Assessment, Checklist, Region, User

KIND = "station"

kind = assessments.Kind(KIND, _("管理站达标"), "stations:stations")

# 乡镇应急消防管理站建设达标评分细则 (100 points; pass at 80): number, item, points, evidence needed.
FIRST_VERSION = [
    (1, "机构设置:挂牌成立应急消防管理站,明确站长和职责分工", 10, "挂牌照片、成立文件"),
    (2, "人员配备:在编在岗人员不少于6人,专职专用", 15, "人员名单"),
    (3, "办公场所:有独立办公用房和值班室,标识规范", 10, "场所照片"),
    (4, "装备配置:按标准配备巡查执法、应急救援装备", 15, "装备清单及照片"),
    (5, "队伍建设:站队一体,建有专职消防队或乡镇综合应急救援队", 15, "队伍名册"),
    (6, "制度建设:值班值守、巡查检查、教育培训等制度上墙", 10, "制度上墙照片"),
    (7, "日常履职:开展安全生产和消防安全检查,隐患闭环整改", 15, "检查台账"),
    (8, "网格协同:指导村(社)网格开展安全生产、消防安全、防灾减灾工作", 10, ""),
]
TITLE = "乡镇应急消防管理站建设达标评分细则"


def publish_first_version() -> Checklist:
    """The checklist's first version, unless one is already published (then: the one in force)."""
    current = assessments.current_checklist(KIND)
    if current is not None:
        return current
    items = [ItemSpec(n, title, Decimal(points), evidence) for n, title, points, evidence in FIRST_VERSION]
    return assessments.publish_checklist(actor=None, kind=KIND, title=TITLE, items=items)


def assessments_of(user: User):
    """The stations' assessments the user may see, newest version first."""
    return (
        Assessment.objects.visible_to(user)
        .filter(checklist__kind=KIND)
        .select_related("checklist", "township")
        .order_by("township__sort_order", "-checklist__version")
    )


def start(*, actor: User, township: Region) -> Assessment:
    """Begins (or opens) the township's accreditation under the checklist in force."""
    return assessments.start_assessment(actor=actor, township=township, kind=KIND)
