from django.apps import apps
from django.core.cache import cache

from plan.selectors import current_plan

NAV_CACHE_KEY = "plan:nav"


def navigation(request) -> dict:
    """The plan's parts for the navigation bar, for signed-in users."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    nav = cache.get(NAV_CACHE_KEY)
    if nav is None:
        plan = current_plan()
        nav = {"year": plan.year, "parts": _parts(plan)} if plan else {"year": None, "parts": []}
        cache.set(NAV_CACHE_KEY, nav, 300)
    return {"plan_nav": nav, "module_nav": _module_pages(request.user)}


def _module_pages(user) -> list[tuple[str, str]]:
    """The pages live modules add to the navigation (each AppConfig's ``nav``) for this user."""
    allowed = {
        "all": True,
        "county": user.is_county_level,
        "county_admin": user.is_superuser or user.role == user.Role.COUNTY_ADMIN,
    }
    return [
        (label, url_name)
        for config in apps.get_app_configs()
        for label, url_name, who in getattr(config, "nav", [])
        if allowed[who]
    ]


def _parts(plan) -> list[tuple[str, str]]:
    rows = []
    for related in ("focus_set", "action_set", "mechanism_set"):
        rows += [(part.code, part.name) for part in getattr(plan, related).all()]
    return rows
