"""Every write on stations, grids, teams, cases and agreements: pages, the API and imports alike.

A township keeps its own station, grids, township teams and enforcement cases; the county keeps
everything, and alone keeps the county's teams, the three-level evaluations and the linkage
agreements. Station accreditation (达标) is org's scored checklist (org.assessments), kind "station".
"""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from org.access import require, require_within
from org.changes import UNSET, assign, save
from org.models import Region, User
from stations.models import (
    EntrustedCase,
    Grid,
    GridWorker,
    LinkageAgreement,
    MeasuredTravelTime,
    RescueTeam,
    Station,
    TeamEvaluation,
)

# Who keeps the grassroots registers: the county and the townships' stations.
KEEPER_ROLES = {User.Role.COUNTY_ADMIN, User.Role.TOWNSHIP_STAFF}
# Grids are also kept by the village cadres who run them.
GRID_ROLES = KEEPER_ROLES | {User.Role.VILLAGE_CADRE}


# --- Who may do what ------------------------------------------------------------------------


def can_keep_stations(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in KEEPER_ROLES)


def can_keep_grids(user: User) -> bool:
    return user.is_superuser or (user.can_write and user.role in GRID_ROLES)


def is_county_keeper(user: User) -> bool:
    """The county's own records (county teams, evaluations, agreements): county admins only."""
    return user.is_superuser or (user.can_write and user.role == User.Role.COUNTY_ADMIN)


def _region_of(instance, field: str) -> Region | None:
    return getattr(instance, field) if getattr(instance, f"{field}_id") else None


# --- Stations -------------------------------------------------------------------------------


@transaction.atomic
def save_station(
    *,
    actor: User,
    station: Station | None = None,
    township: Region = UNSET,
    name: str = UNSET,
    status: str = UNSET,
    planned_on: date | None = UNSET,
    started_on: date | None = UNSET,
    built_on: date | None = UNSET,
    address: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
    staff_count: int = UNSET,
    has_fire_team: bool = UNSET,
    fire_team_members: int = UNSET,
    head: str = UNSET,
    phone: str = UNSET,
    station_team_integrated: bool = UNSET,
    emergency_fire_integrated: bool = UNSET,
    prevention_fire_integrated: bool = UNSET,
) -> Station:
    """登记或修改乡镇应急消防管理站 (one per township) within the actor's area."""
    require(can_keep_stations(actor), _("您的角色不能修改应急消防管理站。"))
    if station is not None:
        require_within(actor, station.township)
    station = station or Station()
    changed = assign(
        station,
        township=township,
        name=name,
        status=status,
        planned_on=planned_on,
        started_on=started_on,
        built_on=built_on,
        address=address,
        lat=lat,
        lng=lng,
        staff_count=staff_count,
        has_fire_team=has_fire_team,
        fire_team_members=fire_team_members,
        head=head,
        phone=phone,
        station_team_integrated=station_team_integrated,
        emergency_fire_integrated=emergency_fire_integrated,
        prevention_fire_integrated=prevention_fire_integrated,
    )
    require_within(actor, _region_of(station, "township"))
    station.full_clean()
    save(station, changed)
    return station


# --- Grids ----------------------------------------------------------------------------------


@transaction.atomic
def save_grid(
    *,
    actor: User,
    grid: Grid | None = None,
    village: Region = UNSET,
    name: str = UNSET,
    covers_safety: bool = UNSET,
    covers_fire: bool = UNSET,
    covers_disaster: bool = UNSET,
) -> Grid:
    """登记或修改网格 and the duties it covers, in a village of the actor's area."""
    require(can_keep_grids(actor), _("您的角色不能登记网格。"))
    if grid is not None:
        require_within(actor, grid.village)
    grid = grid or Grid()
    changed = assign(
        grid,
        village=village,
        name=name,
        covers_safety=covers_safety,
        covers_fire=covers_fire,
        covers_disaster=covers_disaster,
    )
    require_within(actor, _region_of(grid, "village"))
    grid.full_clean()
    save(grid, changed)
    return grid


@transaction.atomic
def save_grid_worker(
    *, actor: User, worker: GridWorker | None = None, grid: Grid = UNSET, name: str = UNSET, phone: str = UNSET
) -> GridWorker:
    """登记或修改网格员."""
    require(can_keep_grids(actor), _("您的角色不能登记网格员。"))
    if worker is not None:
        require_within(actor, worker.grid.village)
    worker = worker or GridWorker()
    changed = assign(worker, grid=grid, name=name, phone=phone)
    require_within(actor, worker.grid.village if worker.grid_id else None)
    worker.full_clean()
    save(worker, changed)
    return worker


# --- Travel times ---------------------------------------------------------------------------


@transaction.atomic
def save_measured_travel_time(
    *, actor: User, region: Region, minutes: Decimal, source: str = UNSET, measured_on: date | None = UNSET
) -> MeasuredTravelTime:
    """Records (or replaces) the measured minutes from a village or township seat to its nearest
    rescue point; the straight-line estimate no longer applies there."""
    require(can_keep_stations(actor), _("您的角色不能登记通行时间。"))
    require_within(actor, region)
    measured = MeasuredTravelTime.objects.filter(region=region).first() or MeasuredTravelTime(region=region)
    changed = assign(measured, minutes=minutes, source=source, measured_on=measured_on)
    measured.full_clean()
    save(measured, changed)
    return measured


# --- Entrusted enforcement ------------------------------------------------------------------


@transaction.atomic
def save_entrusted_case(
    *,
    actor: User,
    case: EntrustedCase | None = None,
    township: Region = UNSET,
    number: str = UNSET,
    decided_on: date = UNSET,
    case_type: str = UNSET,
    entrusted: bool = UNSET,
) -> EntrustedCase:
    """登记或修改执法案件 (委托执法 or not) of a township in the actor's area."""
    require(can_keep_stations(actor), _("您的角色不能登记执法案件。"))
    if case is not None:
        require_within(actor, case.township)
    case = case or EntrustedCase()
    changed = assign(
        case, township=township, number=number, decided_on=decided_on, case_type=case_type, entrusted=entrusted
    )
    require_within(actor, _region_of(case, "township"))
    case.full_clean()
    save(case, changed)
    return case


# --- Rescue teams and their evaluations -----------------------------------------------------


def can_keep_team(user: User, region: Region | None) -> bool:
    """The county keeps every team; a township only the teams based in it."""
    if region is not None and region.level <= Region.Level.COUNTY:
        return is_county_keeper(user)
    return can_keep_stations(user)


@transaction.atomic
def save_team(
    *,
    actor: User,
    team: RescueTeam | None = None,
    name: str = UNSET,
    kind: str = UNSET,
    region: Region = UNSET,
    leader: str = UNSET,
    phone: str = UNSET,
    members: int = UNSET,
    equipment: str = UNSET,
    lat: Decimal | None = UNSET,
    lng: Decimal | None = UNSET,
) -> RescueTeam:
    """登记或修改救援队伍: the county's teams by the county, a township's by its township."""
    message = _("只能登记本辖区的救援队伍;县级队伍由县应急管理局登记。")
    if team is not None:
        require(can_keep_team(actor, team.region), message)
        require_within(actor, team.region, message)
    team = team or RescueTeam()
    changed = assign(
        team,
        name=name,
        kind=kind,
        region=region,
        leader=leader,
        phone=phone,
        members=members,
        equipment=equipment,
        lat=lat,
        lng=lng,
    )
    require(can_keep_team(actor, _region_of(team, "region")), message)
    require_within(actor, _region_of(team, "region"), message)
    team.full_clean()
    save(team, changed)
    return team


@transaction.atomic
def save_evaluation(
    *,
    actor: User,
    evaluation: TeamEvaluation | None = None,
    team: RescueTeam = UNSET,
    specialty: str = UNSET,
    level: int = UNSET,
    assessed_on: date = UNSET,
    valid_until: date | None = UNSET,
) -> TeamEvaluation:
    """登记三级测评结果: the county assesses (应急〔2024〕83号)."""
    require(is_county_keeper(actor), _("三级测评结果由县应急管理局登记。"))
    evaluation = evaluation or TeamEvaluation()
    changed = assign(
        evaluation, team=team, specialty=specialty, level=level, assessed_on=assessed_on, valid_until=valid_until
    )
    require_within(actor, evaluation.team.region if evaluation.team_id else None)
    evaluation.full_clean()
    save(evaluation, changed)
    return evaluation


# --- Linkage agreements ---------------------------------------------------------------------


@transaction.atomic
def save_linkage(
    *,
    actor: User,
    agreement: LinkageAgreement | None = None,
    region: Region = UNSET,
    partner: str = UNSET,
    title: str = UNSET,
    signed_on: date | None = UNSET,
    scope: str = UNSET,
    document: UploadedFile | None = UNSET,
) -> LinkageAgreement:
    """登记跨区域应急联动协议 and its signed text (checked like every upload)."""
    from org.uploads import check_upload

    require(is_county_keeper(actor), _("跨区域应急联动协议由县应急管理局登记。"))
    agreement = agreement or LinkageAgreement(uploaded_by=actor)
    if region is UNSET and agreement._state.adding:
        region = actor.region
    changed = assign(agreement, region=region, partner=partner, title=title, signed_on=signed_on, scope=scope)
    require_within(actor, _region_of(agreement, "region"))
    if document:
        checked = check_upload(document)
        agreement.document_name = (document.name or "")[:255]
        document.name = checked.storage_name()  # stored under a name of its own, typed from its bytes
        agreement.document = document
        changed += ["document", "document_name"]
    agreement.full_clean()
    save(agreement, changed)
    return agreement
