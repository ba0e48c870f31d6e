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
    return {"plan_nav": nav, "module_nav": _module_pages()}


def _module_pages() -> list[tuple[str, str]]:
    """The pages live modules add to the navigation (each AppConfig's ``nav``)."""
    return [entry for config in apps.get_app_configs() for entry in getattr(config, "nav", [])]


def _parts(plan) -> list[tuple[str, str]]:
    rows = []
    for related in ("focus_set", "action_set", "mechanism_set"):
        rows += [(part.code, part.name) for part in getattr(plan, related).all()]
    return rows
