"""The default “1+9+N” tree (labelled defaults; the county's 安委办 edits them in the portal).

The plan names “1个安委会+9大专委会+N个重点领域” without naming the nine; these are the usual
专委会 of a Zhejiang county. Loaded by a data migration, idempotent.
"""

COUNTY_NAME = "苍南县"
SAFETY_COMMITTEE = (
    "苍南县安全生产委员会",
    "统筹全县安全生产工作,研究部署重大事项,督促各专委会和乡镇落实责任(默认职责,可修改)。",
)
SPECIAL_COMMITTEES = [
    "危险化学品安全专业委员会",
    "道路交通安全专业委员会",
    "消防安全专业委员会",
    "建设施工安全专业委员会",
    "工贸行业安全专业委员会",
    "渔业船舶和水上交通安全专业委员会",
    "特种设备安全专业委员会",
    "城镇燃气安全专业委员会",
    "人员密集场所安全专业委员会",
]
SPECIAL_DUTIES = "负责本领域安全生产统筹协调、隐患排查整治督办和会商研判(默认职责,可修改)。"


def seed_committees(get_model) -> None:
    Region, Committee = get_model("org", "Region"), get_model("governance", "Committee")
    county = Region.objects.filter(name=COUNTY_NAME, level=3).first()
    if county is None:
        return
    name, duties = SAFETY_COMMITTEE
    root, _ = Committee.objects.get_or_create(
        region=county, name=name, defaults={"kind": "safety_committee", "duties": duties}
    )
    for order, special in enumerate(SPECIAL_COMMITTEES, start=1):
        Committee.objects.get_or_create(
            region=county,
            name=special,
            defaults={"kind": "special", "parent": root, "duties": SPECIAL_DUTIES, "sort_order": order},
        )
