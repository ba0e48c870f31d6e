"""Loads the 2024 plan and the mechanism defaults (plan/plan2024.py) into the database.

Takes a ``get_model(app_label, model_name)`` so the data migration can pass its historical
models. Idempotent: existing rows are matched by their codes and left as the bureau edited them.
"""

from collections.abc import Callable

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


def seed_ranking_schemes(get_model: Callable) -> None:
    RankingScheme = get_model("plan", "RankingScheme")
    RankingComponent = get_model("plan", "RankingComponent")
    for name, kind in data.RANKING_SCHEMES:
        if RankingScheme.objects.filter(kind=kind).exists():
            continue
        scheme = RankingScheme.objects.create(name=name, kind=kind, flag_rule="bottom_n", flag_count=3)
        for order, (indicator, weight, higher, scaling) in enumerate(data.RANKING_COMPONENTS, start=1):
            RankingComponent.objects.create(
                scheme=scheme,
                indicator=indicator,
                weight=weight,
                higher_is_better=higher,
                normalisation=scaling,
                order=order,
            )
