from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.shortcuts import resolve_url
from django.utils import timezone

from plan.selectors import current_plan

NAV_CACHE_KEY = "plan:nav"


def navigation(request) -> dict:
    """The parts of the plan in force (plan.selectors.current_plan) for the navigation bar, for
    signed-in users."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    key = _cache_key()
    nav = cache.get(key)
    if nav is None:
        plan = current_plan()
        nav = {"year": plan.year, "parts": _parts(plan)} if plan else {"year": None, "parts": []}
        cache.set(key, nav, 300)
    return {
        "plan_nav": nav,
        "module_nav": _module_pages(request.user),
        "module_groups": _module_groups(request.user),
        "page_banners": _banners(request),
        "role_home": resolve_url(settings.LOGIN_REDIRECT_URL),
    }


def _banners(request) -> list[dict]:
    """Banners live modules show on every page (each AppConfig's ``banner(request)``, e.g. the
    typhoon and its stage while one is open)."""
    found = (getattr(config, "banner", None) for config in apps.get_app_configs())
    return [banner for banner in (make(request) for make in found if callable(make)) if banner]


def _module_groups(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """The same pages as ``module_nav``, grouped by module, for the short menu on a phone."""
    groups = {}
    for config in apps.get_app_configs():
        if getattr(config, "nav", None):
            groups[config.label] = (config.verbose_name, [])
    pages = set(_module_pages(user))
    for config in apps.get_app_configs():
        for label, url_name, _who in getattr(config, "nav", []):
            if (label, url_name) in pages:
                groups[config.label][1].append((label, url_name))
    return [group for group in groups.values() if group[1]]


def forget_navigation() -> None:
    """After a plan is added: the navigation shows it at once, not once the cache expires."""
    cache.delete(_cache_key())


def _cache_key() -> str:
    # The year is part of the key: on 1 January the navigation moves to the new year's plan.
    return f"{NAV_CACHE_KEY}:{timezone.localdate().year}"


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
