"""林火 records: from the report to the first team on the spot (the one-hour circle) and extinguished."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from forestfire.models import ForestFire, Hotspot
from forestfire.services.access import can_keep_records
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User
from stations.models import RescueTeam


@transaction.atomic
def save_fire(
    *,
    actor: User,
    fire: ForestFire | None = None,
    hotspot: Hotspot | None = UNSET,
    township: Region = UNSET,
    place: str = UNSET,
    started_at: datetime = UNSET,
    reported_at: datetime = UNSET,
    first_arrived_at: datetime | None = UNSET,
    teams: Iterable[RescueTeam] = UNSET,
    first_teams: str = UNSET,
    controlled_at: datetime | None = UNSET,
    extinguished_at: datetime | None = UNSET,
    burned_area: Decimal = UNSET,
    cause: str = UNSET,
    deaths: int = UNSET,
    injuries: int = UNSET,
    note: str = UNSET,
) -> ForestFire:
    """登记或修改林火."""
    require(can_keep_records(actor), _("您的角色不能登记林火。"))
    fire = fire or ForestFire(created_by=actor)
    if fire.township_id:
        require_within(actor, fire.township)
    changed = assign(
        fire,
        hotspot=hotspot,
        township=township,
        place=place,
        started_at=started_at,
        reported_at=reported_at,
        first_arrived_at=first_arrived_at,
        first_teams=first_teams,
        controlled_at=controlled_at,
        extinguished_at=extinguished_at,
        burned_area=burned_area,
        cause=cause,
        deaths=deaths,
        injuries=injuries,
        note=note,
    )
    require_within(actor, fire.township if fire.township_id else None)
    fire.full_clean()
    save(fire, changed)
    if teams is not UNSET:
        teams = list(teams)
        visible = set(
            RescueTeam.objects.visible_to(actor).filter(pk__in=[t.pk for t in teams]).values_list("pk", flat=True)
        )
        if len(visible) != len({t.pk for t in teams}):
            raise ValidationError({"teams": _("只能选择您可见的救援队伍。")})
        fire.teams.set(teams)
    return fire
