"""Cangnan County's place in the region tree, as loaded by the data migration.

Written against a model class passed in, so the migration can hand over its historical model.
Idempotent: loading twice leaves the same rows.
"""

PROVINCE = ("浙江省", "330000000000")
CITY = ("温州市", "330300000000")
COUNTY = ("苍南县", "330327000000")

# The county's 16 towns and 2 ethnic townships, in the county's usual order.
TOWNSHIPS = [
    "灵溪镇",
    "宜山镇",
    "钱库镇",
    "金乡镇",
    "望里镇",
    "藻溪镇",
    "桥墩镇",
    "矾山镇",
    "赤溪镇",
    "马站镇",
    "炎亭镇",
    "大渔镇",
    "莒溪镇",
    "南宋镇",
    "霞关镇",
    "沿浦镇",
    "凤阳畲族乡",
    "岱岭畲族乡",
]

PROVINCE_LEVEL, CITY_LEVEL, COUNTY_LEVEL, TOWNSHIP_LEVEL = 1, 2, 3, 4


def _ensure(Region, *, name, level, parent, code="", sort_order=0):
    region, _ = Region.objects.get_or_create(
        parent=parent, name=name, defaults={"level": level, "code": code, "sort_order": sort_order}
    )
    path = f"{parent.path if parent else '/'}{region.pk}/"
    if region.path != path:
        region.path = path
        region.save(update_fields=["path"])
    return region


def seed_regions(Region) -> None:
    province = _ensure(Region, name=PROVINCE[0], code=PROVINCE[1], level=PROVINCE_LEVEL, parent=None)
    city = _ensure(Region, name=CITY[0], code=CITY[1], level=CITY_LEVEL, parent=province)
    county = _ensure(Region, name=COUNTY[0], code=COUNTY[1], level=COUNTY_LEVEL, parent=city)
    for order, name in enumerate(TOWNSHIPS, start=1):
        _ensure(Region, name=name, level=TOWNSHIP_LEVEL, parent=county, sort_order=order)


def record_baseline_history(get_model, app_label: str, model_names: list[str]) -> None:
    """Gives rows loaded by a data migration their first history entry ("初始数据"), so the
    first edit a user makes shows what it changed from."""
    from django.utils import timezone

    now = timezone.now()
    for model_name in model_names:
        model = get_model(app_label, model_name)
        history = get_model(app_label, f"Historical{model_name}")
        recorded = set(history.objects.values_list("id", flat=True))
        fields = [field.attname for field in model._meta.concrete_fields]
        history.objects.bulk_create(
            history(
                **{name: getattr(row, name) for name in fields},
                history_date=now,
                history_type="+",
                history_change_reason="初始数据",
            )
            for row in model.objects.exclude(pk__in=recorded)
        )
