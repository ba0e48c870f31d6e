"""Loads the 2024 plan and the mechanism defaults (plan/plan2024.py) into the database.

Takes a ``get_model(app_label, model_name)`` so the data migration can pass its historical
models. Idempotent: existing rows are matched by their codes and left as the bureau edited them.
"""

from collections.abc import Callable
from decimal import Decimal

from plan import plan2024 as data

# Seeded models whose rows get a first history entry.
HISTORY_MODELS = [
    "WorkPlan",
    "Focus",
    "Action",
    "Mechanism",
    "Target",
    "Loop3030Rule",
    "ResponseStage",
    "ResponseLevel",
    "StageMeasure",
    "CommandGroup",
    "RescueCircle",
    "ServiceLevel",
]


def seed_plan(get_model: Callable) -> None:
    WorkPlan = get_model("plan", "WorkPlan")
    where = {}
    if any(f.name == "county" for f in WorkPlan._meta.fields):  # the plan's county (from migration 0005 on)
        where["county"] = get_model("org", "Region").objects.filter(level=3).order_by("pk").first()
    plan, _ = WorkPlan.objects.get_or_create(
        year=data.PLAN["year"], **where, defaults={k: v for k, v in data.PLAN.items() if k != "year"}
    )
    parts = {}
    for model_name, rows in (("Focus", data.FOCUSES), ("Action", data.ACTIONS), ("Mechanism", data.MECHANISMS)):
        model = get_model("plan", model_name)
        for order, (code, name, owner_app, description) in enumerate(rows, start=1):
            parts[code] = model.objects.get_or_create(
                plan=plan,
                code=code,
                defaults={"name": name, "owner_app": owner_app, "description": description, "sort_order": order},
            )[0]
    Target = get_model("plan", "Target")
    for order, (code, part, text, kind, threshold, threshold_2, unit, goal, owner_app) in enumerate(
        data.TARGETS, start=1
    ):
        field = {"F": "focus", "A": "action", "M": "mechanism"}[part[0]]
        Target.objects.get_or_create(
            plan=plan,
            code=code,
            defaults={
                field: parts[part],
                "text": text,
                "kind": kind,
                "threshold": threshold,
                "threshold_2": threshold_2,
                "unit": unit,
                "goal": goal,
                "owner_app": owner_app,
                "indicator_key": code,
                "sort_order": order,
            },
        )


def seed_mechanism_defaults(get_model: Callable) -> None:
    Loop3030Rule = get_model("plan", "Loop3030Rule")
    for unit_kind, count, days in data.LOOP_3030:
        Loop3030Rule.objects.get_or_create(unit_kind=unit_kind, defaults={"target_count": count, "window_days": days})

    ResponseStage = get_model("plan", "ResponseStage")
    ResponseLevel = get_model("plan", "ResponseLevel")
    StageMeasure = get_model("plan", "StageMeasure")
    stages = {
        order: ResponseStage.objects.get_or_create(
            order=order, defaults={"name": name, "description": description, "is_lifted": lifted}
        )[0]
        for order, name, description, lifted in data.RESPONSE_STAGES
    }
    levels = {
        order: ResponseLevel.objects.get_or_create(order=order, defaults={"name": name})[0]
        for order, name in data.RESPONSE_LEVELS
    }
    for stage_order, by_level in data.STAGE_MEASURES.items():
        for level_order, texts in by_level.items():
            for order, text in enumerate(texts, start=1):
                StageMeasure.objects.get_or_create(
                    stage=stages[stage_order], level=levels[level_order], order=order, defaults={"text": text}
                )

    CommandGroup = get_model("plan", "CommandGroup")
    for order, name in enumerate(data.COMMAND_GROUPS, start=1):
        CommandGroup.objects.get_or_create(name=name, defaults={"order": order})

    RescueCircle = get_model("plan", "RescueCircle")
    for area, response, arrival, joint in data.RESCUE_CIRCLES:
        RescueCircle.objects.get_or_create(
            area=area, defaults={"response_minutes": response, "arrival_minutes": arrival, "joint_minutes": joint}
        )

    ServiceLevel = get_model("plan", "ServiceLevel")
    for key, label, minutes in data.SERVICE_LEVELS:
        ServiceLevel.objects.get_or_create(key=key, defaults={"label": label, "minutes": minutes})


def seed_all(get_model: Callable) -> None:
    """What migration 0002 loads (the ranking schemes follow in 0004, with their tables)."""
    seed_plan(get_model)
    seed_mechanism_defaults(get_model)


# The township scheme in the plan's own words, 排查、整改、闭环 and the 3030 window: (indicator,
# weight, higher is better, normalisation, missing value). Nothing listed, or no 3030 window ending
# in the month, is no township's silence: those two are left out and the other weights rescaled.
# A township that files nothing has nothing overdue either, so 逾期 weighs least: finding a third
# of the best rate already outweighs it.
TOWNSHIP_RANKING_COMPONENTS = [
    ("hazards.found_per_enterprise", "0.30", True, "minmax", "worst"),
    ("hazards.closed_on_time", "0.25", True, "percent", "worst"),
    ("hazards.overdue", "0.10", False, "minmax", "worst"),
    ("hazards.listed_closure", "0.15", True, "percent", "reweight"),
    ("M1.loop3030", "0.20", True, "percent", "reweight"),
]
# What the township scheme was seeded with before (migration 0004), without a missing rule.
FORMER_TOWNSHIP_RANKING_COMPONENTS = [
    ("hazards.found", "0.20", True, "minmax"),
    ("hazards.closed_on_time", "0.30", True, "percent"),
    ("hazards.overdue", "0.20", False, "minmax"),
    ("hazards.major_closure", "0.30", True, "percent"),
]


def seed_ranking_schemes(get_model: Callable) -> None:
    """The default township and department schemes, where a kind has none yet."""
    RankingScheme = get_model("plan", "RankingScheme")
    for name, kind in data.RANKING_SCHEMES:
        if RankingScheme.objects.filter(kind=kind).exists():
            continue
        scheme = RankingScheme.objects.create(name=name, kind=kind, flag_rule="bottom_n", flag_count=3)
        _add_components(get_model, scheme)


def _add_components(get_model: Callable, scheme) -> None:
    RankingComponent = get_model("plan", "RankingComponent")
    has_missing = any(f.name == "missing" for f in RankingComponent._meta.fields)  # from migration 0005 on
    if scheme.kind == "township":
        rows = TOWNSHIP_RANKING_COMPONENTS
    else:
        rows = [(*row, "worst") for row in data.RANKING_COMPONENTS]
    for order, (indicator, weight, higher, scaling, missing) in enumerate(rows, start=1):
        RankingComponent.objects.create(
            scheme=scheme,
            indicator=indicator,
            weight=weight,
            higher_is_better=higher,
            normalisation=scaling,
            order=order,
            **({"missing": missing} if has_missing else {}),
        )


def update_default_township_scheme(get_model: Callable) -> int:
    """Gives the township schemes still weighted as first seeded (or seeded with today's
    indicators before the missing rule existed) today's default components; a scheme the bureau
    has edited is left as it is. Returns how many schemes were updated."""
    RankingScheme = get_model("plan", "RankingScheme")
    seeded = {_shape(FORMER_TOWNSHIP_RANKING_COMPONENTS), _shape([row[:4] for row in TOWNSHIP_RANKING_COMPONENTS])}
    updated = 0
    for scheme in RankingScheme.objects.filter(kind="township").prefetch_related("components"):
        rows = [(c.indicator, c.weight, c.higher_is_better, c.normalisation) for c in scheme.components.all()]
        if _shape(rows) not in seeded:
            continue
        scheme.components.all().delete()
        _add_components(get_model, scheme)
        updated += 1
    return updated


def _shape(rows) -> frozenset:
    return frozenset((indicator, Decimal(weight), bool(higher), scaling) for indicator, weight, higher, scaling in rows)
