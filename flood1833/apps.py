from django.apps import AppConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Flood1833Config(AppConfig):
    name = "flood1833"
    verbose_name = _("防汛防台与“1833”联合指挥")
    # Pages this module adds to the navigation: (label, URL name, who sees it).
    nav = [
        (_("转移实况"), "flood1833:live", "all"),
        (_("台风过程"), "flood1833:events", "all"),
        (_("村社转移确认"), "flood1833:field", "all"),
        (_("“633”措施落实"), "flood1833:tasks", "all"),
        (_("转移对象"), "flood1833:people", "all"),
        (_("危险区域"), "flood1833:zones", "all"),
        (_("避灾安置场所"), "flood1833:shelters", "all"),
        (_("值班表"), "flood1833:duty", "all"),
        (_("值班与抽查"), "flood1833:rollcalls", "all"),
        (_("事件信息报送"), "flood1833:incidents", "all"),
        (_("物资储备"), "flood1833:depots", "all"),
    ]

    def banner(self, request) -> dict | None:
        """The typhoon banner every page shows while an event is open (plan.context_processors):
        the event and its stage, or, when more than one is open, a choice between them."""
        from flood1833.models import ResponseEvent

        events = list(
            ResponseEvent.objects.visible_to(request.user)
            .filter(ended_at__isnull=True)
            .select_related("stage")
            .order_by("-started_at", "-id")[:5]
        )
        if not events:
            return None
        # The flood pages read ?event=; from any other page the choice opens the event's live view.
        match = getattr(request, "resolver_match", None)
        here = request.path if match and match.app_name == "flood1833" else reverse("flood1833:live")
        return {"template": "flood1833/banner.html", "events": events, "here": here}
