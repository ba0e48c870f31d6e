"""The county's and townships' ledgers of stations, grids, rescue teams and measured travel times.

Sheets are read by org.ledgers (title rows, headers found by text, blank and 合计 rows skipped);
this module says what the columns mean. Every row is saved through the app's services, inside one
transaction: one bad row, and nothing is saved. A row updates the record its natural key names
(a township's station, a village's grid by name, a team by name); a blank cell keeps what is stored.
"""

from collections.abc import Callable

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from org.ledgers import (
    Column,
    ImportFailed,
    ImportResult,
    RowError,
    RowOutcome,
    Watch,
    choice,
    open_workbook,
    own_township,
    parse_bool,
    parse_date,
    parse_decimal,
    read_rows,
    save_rows,
    stop_unless_clean,
    text,
    townships_by_name,
)
from org.models import Region, User
from stations import services
from stations.models import Grid, GridWorker, MeasuredTravelTime, RescueTeam, Station, TeamEvaluation

# --- Cells ----------------------------------------------------------------------------------


def yes_no(value) -> bool | None:
    """是/否, √/×; a blank cell says nothing (None), so the stored value stays."""
    return None if text(value) == "" else parse_bool(value)


def count(value) -> int | None:
    number = parse_decimal(value)
    if number is None:
        return None
    if number != number.to_integral_value():
        raise ValueError(_("“%(v)s”不是整数。") % {"v": text(value)})
    return int(number)


def _normal(word: str) -> str:
    return word.replace("(", "(").replace(")", ")").replace(" ", "")


def with_aliases(choices, aliases: dict[str, str]) -> Callable[[object], str]:
    """A choice read by its label, its value or one of the words ledgers use for it."""
    by_label = choice(choices)

    def parse(value) -> str:
        word = _normal(text(value))
        return aliases.get(word) or by_label(word)

    return parse


LEVEL_WORDS = {
    **{word: 1 for word in ("一级", "1级", "1", "Ⅰ级", "I级")},
    **{word: 2 for word in ("二级", "2级", "2", "Ⅱ级", "II级")},
    **{word: 3 for word in ("三级", "3级", "3", "Ⅲ级", "III级")},
}


def evaluation_level(value) -> int | None:
    word = text(value).replace(" ", "")
    if not word:
        return None
    if word in LEVEL_WORDS:
        return LEVEL_WORDS[word]
    raise ValueError(_("“%(v)s”不是测评等级(一级、二级、三级)。") % {"v": word})


def _given(values: dict, *skip: str) -> dict:
    """The values a row gives (a blank cell gives nothing)."""
    return {k: v for k, v in values.items() if k not in skip and v not in ("", None)}


def _township_of(number, values, townships, default_township, errors) -> Region | None:
    name = values.get("township") or (default_township.name if default_township else "")
    if name not in townships:
        errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": name or "—"}))
        return None
    return townships[name]


# --- Stations (管理站建设情况统计表) ----------------------------------------------------------

STATUS_ALIASES = {"建成": Station.Status.BUILT, "已建": Station.Status.BUILT, "规划中": Station.Status.PLANNED}

STATION_COLUMNS = [
    Column("township", ("乡镇", "所属乡镇", "乡镇(街道)"), text, required=True),
    Column("name", ("站名", "管理站名称", "名称"), text),
    Column("status", ("建设状态", "状态"), with_aliases(Station.Status.choices, STATUS_ALIASES), required=True),
    Column("planned_on", ("规划日期",), parse_date),
    Column("started_on", ("开工日期",), parse_date),
    Column("built_on", ("建成日期",), parse_date),
    Column("address", ("地址", "站址"), text),
    Column("lng", ("经度",), parse_decimal),
    Column("lat", ("纬度",), parse_decimal),
    Column("staff_count", ("在编在岗人员", "在编在岗"), count),
    Column("fire_team_members", ("专职消防队员", "专职消防队员人数"), count),
    Column("has_fire_team", ("是否建有专职消防队", "专职消防队"), yes_no),
    Column("head", ("站长", "负责人"), text),
    Column("phone", ("联系电话", "电话"), text),
    Column("station_team_integrated", ("站队一体",), yes_no),
    Column("emergency_fire_integrated", ("应消一体",), yes_no),
    Column("prevention_fire_integrated", ("防消一体",), yes_no),
]
STATION_HEADERS = {c.key: c.headers[0] for c in STATION_COLUMNS}


def import_stations(*, upload: UploadedFile, actor: User) -> ImportResult:
    """The stations' statistics sheet: one row per township, creating or updating its station."""
    if not services.can_keep_stations(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入应急消防管理站。"))])
    rows, errors = read_rows(open_workbook(upload), STATION_COLUMNS)
    townships, default_township = townships_by_name(actor), own_township(actor)
    seen = set()
    for number, values in rows:
        township = _township_of(number, values, townships, default_township, errors)
        if township in seen:
            errors.append(RowError(number, "乡镇", _("与上方行重复。")))
        seen.add(township)
    stop_unless_clean(rows, errors)
    return _save_stations(rows, townships=townships, actor=actor)


def _save_stations(rows, *, townships, actor) -> ImportResult:
    stations = {s.township_id: s for s in Station.objects.filter(township__in=townships.values())}

    def save_row(number, values) -> RowOutcome:
        township = townships[values["township"]]
        station = stations.get(township.pk)
        watch = Watch(station, STATION_HEADERS)
        given = _given(values, "township")
        if station is None:
            given.setdefault("name", _("%(township)s应急消防管理站") % {"township": township.name})
            given["township"] = township
        saved = services.save_station(actor=actor, station=station, **given)
        return watch.outcome(number, saved)

    return save_rows(rows, save_row, actor=actor, headers=STATION_HEADERS)


# --- Grids (网格及网格员名册) ----------------------------------------------------------------

GRID_COLUMNS = [
    Column("township", ("乡镇", "所属乡镇"), text),
    Column("village", ("村(社区)", "村(社区)", "村社区", "村"), text, required=True),
    Column("name", ("网格名称", "网格"), text, required=True),
    Column("worker", ("网格员", "网格员姓名"), text),
    Column("phone", ("联系电话", "网格员电话"), text),
    Column("covers_safety", ("安全生产",), yes_no),
    Column("covers_fire", ("消防安全", "消防"), yes_no),
    Column("covers_disaster", ("防灾减灾", "防灾减灾救灾"), yes_no),
]
GRID_HEADERS = {c.key: c.headers[0] for c in GRID_COLUMNS}
GRID_FIELDS = {"covers_safety": "安全生产", "covers_fire": "消防安全", "covers_disaster": "防灾减灾"}


def import_grids(*, upload: UploadedFile, actor: User) -> ImportResult:
    """A township's grids and grid workers, by village: grids matched by name within the village."""
    if not services.can_keep_grids(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入网格。"))])
    rows, errors = read_rows(open_workbook(upload), GRID_COLUMNS)
    villages = list(Region.objects.visible_to(actor).villages().select_related("parent"))
    default_township = own_township(actor)
    for number, values in rows:
        values["village"] = _village_of(number, values, villages, default_township, errors)
    stop_unless_clean(rows, errors)
    return _save_grids(rows, actor=actor)


def _village_of(number, values, villages, default_township, errors) -> Region | None:
    name, township = values["village"], values.get("township") or (default_township.name if default_township else "")
    found = [v for v in villages if v.name == name and (not township or v.parent.name == township)]
    if not found:
        errors.append(
            RowError(number, "村(社区)", _("“%(v)s”不是本辖区的村(社区),请先导入村(社区)名册。") % {"v": name})
        )
        return None
    if len(found) > 1:
        errors.append(RowError(number, "乡镇", _("多个乡镇有名为“%(v)s”的村(社区),请填写乡镇。") % {"v": name}))
        return None
    return found[0]


def _save_grids(rows, *, actor) -> ImportResult:
    villages = {values["village"].pk for _number, values in rows}
    grids = {(g.village_id, g.name): g for g in Grid.objects.filter(village__in=villages)}
    workers = {(w.grid_id, w.name): w for w in GridWorker.objects.filter(grid__in=[g.pk for g in grids.values()])}

    def save_row(number, values) -> RowOutcome:
        village, name = values["village"], values["name"]
        duties = _given(values, "township", "village", "name", "worker", "phone")
        grid = grids.get((village.pk, name))
        watch = Watch(grid, GRID_FIELDS)
        if grid is None:
            grid = services.save_grid(actor=actor, village=village, name=name, **duties)
            grids[(village.pk, name)] = grid
        elif duties:
            grid = services.save_grid(actor=actor, grid=grid, **duties)
        if values.get("worker"):
            worker = workers.get((grid.pk, values["worker"]))
            phone = {"phone": values["phone"]} if values.get("phone") else {}
            placed = {"grid": grid} if worker is None else {}
            workers[(grid.pk, values["worker"])] = services.save_grid_worker(
                actor=actor, worker=worker, name=values["worker"], **placed, **phone
            )
        return watch.outcome(number, grid, f"{village.name} · {grid.name}")

    return save_rows(rows, save_row, actor=actor, headers=GRID_HEADERS)


# --- Rescue teams and their evaluations (应急救援队伍登记表) --------------------------------

KIND_ALIASES = {
    "社会救援队伍": RescueTeam.Kind.SOCIAL,
    "社会救援力量": RescueTeam.Kind.SOCIAL,
    "县级森林消防队": RescueTeam.Kind.COUNTY_FOREST,
    "乡镇森林消防队": RescueTeam.Kind.TOWNSHIP_FOREST,
    "森林防灭火队伍": RescueTeam.Kind.TOWNSHIP_FOREST,
    "乡镇应急救援队": RescueTeam.Kind.TOWNSHIP_RESCUE,
}
SPECIALTY_ALIASES = {"医疗救护": TeamEvaluation.Specialty.MEDICAL, "水上救援": TeamEvaluation.Specialty.WATER}

TEAM_COLUMNS = [
    Column("name", ("队伍名称", "名称"), text, required=True),
    Column(
        "kind", ("队伍类别", "类别", "队伍类型"), with_aliases(RescueTeam.Kind.choices, KIND_ALIASES), required=True
    ),
    Column("township", ("所属乡镇", "乡镇"), text),
    Column("leader", ("负责人", "队长"), text),
    Column("phone", ("联系电话", "电话"), text),
    Column("members", ("队员人数", "人数"), count),
    Column("equipment", ("主要装备", "装备"), text),
    Column("specialty", ("测评专业", "专业"), with_aliases(TeamEvaluation.Specialty.choices, SPECIALTY_ALIASES)),
    Column("level", ("测评等级", "等级"), evaluation_level),
    Column("assessed_on", ("测评日期",), parse_date),
    Column("valid_until", ("有效期至", "有效期"), parse_date),
    Column("lng", ("驻地经度", "经度"), parse_decimal),
    Column("lat", ("驻地纬度", "纬度"), parse_decimal),
]
EVALUATION_FIELDS = ("specialty", "level", "assessed_on", "valid_until")
TEAM_HEADERS = {**{c.key: c.headers[0] for c in TEAM_COLUMNS}, "region": "所属乡镇"}
TEAM_FIELDS = {key: TEAM_HEADERS[key] for key in ("kind", "region", "leader", "phone", "members", "lat", "lng")}


def import_teams(*, upload: UploadedFile, actor: User) -> ImportResult:
    """The county's rescue teams (matched by name) and their three-level evaluations."""
    if not services.can_keep_stations(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入救援队伍。"))])
    rows, errors = read_rows(open_workbook(upload), TEAM_COLUMNS)
    evaluation_headers = {TEAM_HEADERS[f] for f in EVALUATION_FIELDS}
    bad_evaluations = {e.row for e in errors if e.column in evaluation_headers}
    townships = townships_by_name(actor)
    county = county_of(actor)
    seen = set()
    for number, values in rows:
        township_name = values.get("township")
        if township_name and township_name not in townships:
            errors.append(RowError(number, "所属乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": township_name}))
        values["region"] = townships.get(township_name) if township_name else county
        evaluation = [values.get(f) for f in EVALUATION_FIELDS[:3]]
        # a bad cell is reported once, above; a blank one leaves the evaluation incomplete
        if number not in bad_evaluations and any(evaluation) and not all(evaluation):
            errors.append(RowError(number, "测评专业", _("测评专业、测评等级和测评日期须一并填写。")))
        if values["name"] in seen:
            errors.append(RowError(number, "队伍名称", _("与上方行重复。")))
        seen.add(values["name"])
    stop_unless_clean(rows, errors)
    return _save_teams(rows, actor=actor)


def county_of(actor: User) -> Region | None:
    """The county whose own teams an import by ``actor`` registers (a county-level user's county)."""
    counties = Region.objects.filter(level=Region.Level.COUNTY)
    if actor.region is None:
        return counties.order_by("pk").first() if actor.is_superuser else None
    above = [int(pk) for pk in actor.region.path.strip("/").split("/") if pk]
    return counties.filter(pk__in=above).first() or counties.filter(path__startswith=actor.region.path).first()


def _save_teams(rows, *, actor) -> ImportResult:
    teams = {t.name: t for t in RescueTeam.objects.filter(name__in=[values["name"] for _n, values in rows])}
    evaluations = {
        (e.team_id, e.specialty, e.assessed_on): e for e in TeamEvaluation.objects.filter(team__in=teams.values())
    }

    def save_row(number, values) -> RowOutcome:
        given = _given(values, "township", "name", *EVALUATION_FIELDS)
        team = teams.get(values["name"])
        watch = Watch(team, TEAM_FIELDS)
        if team is None:
            team = services.save_team(actor=actor, name=values["name"], **given)
        else:
            team = services.save_team(actor=actor, team=team, **given)
        if values.get("specialty"):
            key = (team.pk, values["specialty"], values["assessed_on"])
            evaluation = evaluations.get(key)
            fields = {f: values[f] for f in ("level", "valid_until") if values.get(f) is not None}
            if evaluation is None:
                fields.update(team=team, specialty=values["specialty"], assessed_on=values["assessed_on"])
            services.save_evaluation(actor=actor, evaluation=evaluation, **fields)
        return watch.outcome(number, team)

    return save_rows(rows, save_row, actor=actor, headers=TEAM_HEADERS)


# --- Measured travel times (实测通行时间) ----------------------------------------------------

TRAVEL_COLUMNS = [
    Column("township", ("乡镇", "所属乡镇"), text, required=True),
    Column("village", ("村(社区)", "村(社区)", "村社区"), text),
    Column("minutes", ("通行时间(分钟)", "通行时间(分钟)", "通行时间", "分钟"), parse_decimal, required=True),
    Column("source", ("数据来源", "来源"), text),
    Column("measured_on", ("测算日期", "日期"), parse_date),
]


def import_travel_times(*, upload: UploadedFile, actor: User) -> ImportResult:
    """Measured minutes per village (a blank village: the township seat), from a routing engine."""
    if not services.can_keep_stations(actor):
        raise ImportFailed([RowError(0, "", _("您的角色不能导入通行时间。"))])
    rows, errors = read_rows(open_workbook(upload), TRAVEL_COLUMNS)
    townships = townships_by_name(actor)
    villages = {(v.parent_id, v.name): v for v in Region.objects.visible_to(actor).villages()}
    for number, values in rows:
        township = townships.get(values["township"])
        if township is None:
            errors.append(RowError(number, "乡镇", _("“%(v)s”不是本辖区的乡镇。") % {"v": values["township"]}))
            continue
        place = villages.get((township.pk, values.get("village"))) if values.get("village") else township
        if place is None:
            errors.append(RowError(number, "村(社区)", _("“%(v)s”不是该乡镇的村(社区)。") % {"v": values["village"]}))
        values["region"] = place
    stop_unless_clean(rows, errors)
    return _save_travel_times(rows, actor=actor)


TRAVEL_HEADERS = {c.key: c.headers[0] for c in TRAVEL_COLUMNS}


def _save_travel_times(rows, *, actor) -> ImportResult:
    known = {m.region_id: m for m in MeasuredTravelTime.objects.filter(region__in=[v["region"] for _n, v in rows])}

    def save_row(number, values) -> RowOutcome:
        watch = Watch(known.get(values["region"].pk), {"minutes": TRAVEL_HEADERS["minutes"]})
        extra = _given(values, "township", "village", "region", "minutes")
        saved = services.save_measured_travel_time(
            actor=actor, region=values["region"], minutes=values["minutes"], **extra
        )
        return watch.outcome(number, saved, str(values["region"]))

    return save_rows(rows, save_row, actor=actor, headers=TRAVEL_HEADERS)
