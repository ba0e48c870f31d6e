"""“一呼百应” team members and the sites shown on the map."""

from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from campaigns.models import ServiceTeamMember, Site
from campaigns.services.access import can_file
from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User


@transaction.atomic
def save_member(
    *,
    actor: User,
    member: ServiceTeamMember | None = None,
    name: str = UNSET,
    township: Region = UNSET,
    skills: str = UNSET,
    phone: str = UNSET,
    active: bool = UNSET,
) -> ServiceTeamMember:
    """登记或修改“一呼百应”安全服务队员."""
    require(can_file(actor), _("您的角色不能登记服务队员。"))
    if member is not None:
        require_within(actor, member.township)
    member = member or ServiceTeamMember()
    changed = assign(member, name=name, township=township, skills=skills, phone=phone, active=active)
    require_within(actor, member.township if member.township_id else None)
    member.full_clean()
    save(member, changed)
    return member


@transaction.atomic
def save_site(
    *,
    actor: User,
    site: Site | None = None,
    kind: str = UNSET,
    name: str = UNSET,
    township: Region = UNSET,
    address: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
    note: str = UNSET,
) -> Site:
    """登记或修改示范点、体验场馆或应急广播点."""
    require(can_file(actor), _("您的角色不能登记示范点和场馆。"))
    if site is not None:
        require_within(actor, site.township)
    site = site or Site()
    changed = assign(site, kind=kind, name=name, township=township, address=address, lat=lat, lng=lng, note=note)
    require_within(actor, site.township if site.township_id else None)
    site.full_clean()
    save(site, changed)
    return site
