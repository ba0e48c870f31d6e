"""factory_boy factories shared by every test."""

import factory
from django.apps import apps

from org.models import Department, Region, User
from org.seeding import seed_regions
from plan.seeding import seed_all, seed_ranking_schemes

PASSWORD = "Test-passw0rd-365"


def ensure_seeded() -> None:
    """Re-loads what the data migrations load, for tests that run after a table flush."""
    seed_regions(Region)
    seed_all(apps.get_model)
    seed_ranking_schemes(apps.get_model)


def township(name: str) -> Region:
    return Region.objects.get(name=name, level=Region.Level.TOWNSHIP)


def county() -> Region:
    return Region.objects.get(name="苍南县", level=Region.Level.COUNTY)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"测试村{n}")
    level = Region.Level.VILLAGE
    parent = factory.LazyFunction(lambda: township("灵溪镇"))
    is_demo = True


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("region", "name")

    name = factory.Sequence(lambda n: f"测试部门{n}")
    region = factory.LazyFunction(county)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    role = User.Role.TOWNSHIP_STAFF
    region = factory.LazyFunction(lambda: township("灵溪镇"))
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()


# --- org: scored checklists --------------------------------------------------------------------

from decimal import Decimal  # noqa: E402

from org.models import Assessment, AssessmentEvidence, Checklist, ChecklistItem  # noqa: E402


def checklist(kind: str = "test", points=(40, 30, 30), pass_mark: int = 80, evidence=("照片", "", "")) -> Checklist:
    """The next version of a test kind's checklist, items worth ``points``."""
    from org.assessments import ItemSpec, publish_checklist

    items = [
        ItemSpec(n, f"考评项{n}", Decimal(p), e) for n, (p, e) in enumerate(zip(points, evidence, strict=True), start=1)
    ]
    return publish_checklist(actor=None, kind=kind, title="测试考评细则", items=items, pass_mark=pass_mark)


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    checklist = factory.LazyFunction(checklist)
    township = factory.LazyFunction(lambda: township("灵溪镇"))


class AssessmentEvidenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AssessmentEvidence

    assessment = factory.SubFactory(AssessmentFactory)
    item = factory.LazyAttribute(lambda o: ChecklistItem.objects.filter(checklist=o.assessment.checklist).first())
    file = factory.django.FileField(filename="evidence.pdf", data=b"%PDF-1.4 test")
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = 13


# --- hazards3030 ----------------------------------------------------------------------------

import random  # noqa: E402
from datetime import date, timedelta  # noqa: E402

from django.core.files.base import ContentFile  # noqa: E402

from hazards3030.models import (  # noqa: E402
    Accident,
    Batch3030,
    Enterprise,
    EscalationNotice,
    Hazard,
    HazardAttachment,
    HazardTransition,
)
from hazards3030.validators import CREDIT_CODE_CHARS, credit_code_check_char  # noqa: E402


def credit_code(seed: int | None = None) -> str:
    rng = random.Random(seed)
    body = "91330327" + "".join(rng.choice(CREDIT_CODE_CHARS) for _ in range(9))
    return body + credit_code_check_char(body)


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"测试企业{n}有限公司")
    credit_code = factory.Sequence(lambda n: credit_code(n))
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    industry = "trade"


class HazardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hazard

    township = factory.LazyFunction(lambda: township("灵溪镇"))
    enterprise = None
    description = factory.Sequence(lambda n: f"消防通道堵塞{n}")
    found_on = factory.LazyFunction(lambda: date.today() - timedelta(days=5))
    deadline = factory.LazyFunction(lambda: date.today() + timedelta(days=10))
    status = Hazard.Status.REPORTED


class HazardTransitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HazardTransition

    hazard = factory.SubFactory(HazardFactory)
    to_status = Hazard.Status.REPORTED


class HazardAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HazardAttachment

    hazard = factory.SubFactory(HazardFactory)
    kind = HazardAttachment.Kind.FILE
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4 test", name="evidence.pdf"))
    original_name = "evidence.pdf"
    content_type = "application/pdf"
    size = 13


class AccidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Accident

    occurred_on = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    industry = "trade"


class Batch3030Factory(factory.django.DjangoModelFactory):
    class Meta:
        model = Batch3030

    unit_kind = Batch3030.UnitKind.TOWNSHIP
    region = factory.LazyFunction(lambda: township("灵溪镇"))
    opened_on = factory.LazyFunction(lambda: date.today() - timedelta(days=5))
    closes_on = factory.LazyAttribute(lambda o: o.opened_on + timedelta(days=29))
    target_count = 30


class EscalationNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EscalationNotice

    hazard = factory.SubFactory(HazardFactory)
    township = factory.LazyAttribute(lambda o: o.hazard.township)
    audience = EscalationNotice.Audience.TOWNSHIP
    message = "逾期"


# --- plan: snapshots --------------------------------------------------------------------------

from plan.models import IndicatorValue, SnapshotRun  # noqa: E402


class SnapshotRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SnapshotRun

    period = date(2024, 5, 1)
    status = SnapshotRun.Status.COMPLETE


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    run = factory.SubFactory(SnapshotRunFactory)
    period = factory.LazyAttribute(lambda o: o.run.period)
    indicator = "hazards.found"
    region = factory.LazyFunction(lambda: township("灵溪镇"))
    value = 3


# --- flood1833 ------------------------------------------------------------------------------

from django.utils import timezone  # noqa: E402

from flood1833.models import (  # noqa: E402
    DangerZone,
    Depot,
    DepotItem,
    DutyShift,
    Incident,
    MatrixTask,
    ResponseEvent,
    RollCall,
    RollCallAnswer,
    Shelter,
    Transfer,
    TransferPerson,
    ZoneKind,
)
from flood1833.validators import id_check_char  # noqa: E402
from plan.models import CommandGroup, ResponseLevel, ResponseStage, StageMeasure  # noqa: E402


def id_number(serial: int) -> str:
    body = f"33032719800101{serial % 1000:03d}"
    return body + id_check_char(body)


def village(name: str, township_name: str = "灵溪镇") -> Region:
    return Region.objects.get_or_create(
        parent=township(township_name), name=name, defaults={"level": Region.Level.VILLAGE, "is_demo": True}
    )[0]


class ResponseEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponseEvent

    name = factory.Sequence(lambda n: f"测试台风{n}号")
    region = factory.LazyFunction(county)
    started_at = factory.LazyFunction(timezone.now)


class DangerZoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DangerZone

    kind = ZoneKind.LANDSLIDE
    name = factory.Sequence(lambda n: f"测试地灾点{n}")
    village = factory.LazyFunction(lambda: village("测试一村"))


class ShelterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Shelter

    name = factory.Sequence(lambda n: f"测试安置点{n}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    capacity = 50


class TransferPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransferPerson

    name = factory.Sequence(lambda n: f"转移对象{n}")
    id_number = factory.Sequence(id_number)
    village = factory.LazyFunction(lambda: village("测试一村"))
    zone = None


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    event = factory.SubFactory(ResponseEventFactory)
    person = factory.SubFactory(TransferPersonFactory)
    village = factory.LazyAttribute(lambda o: o.person.village)
    township = factory.LazyAttribute(lambda o: o.person.village.parent)


def _first(model, **filters):
    return model.objects.filter(**filters).order_by("order").first()


class MatrixTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MatrixTask

    event = factory.SubFactory(ResponseEventFactory)
    stage = factory.LazyFunction(lambda: _first(ResponseStage))
    level = factory.LazyFunction(lambda: _first(ResponseLevel))
    measure = factory.LazyAttribute(lambda o: StageMeasure.objects.filter(stage=o.stage, level=o.level).first())
    text = "测试措施"
    order = factory.Sequence(lambda n: n)
    region = factory.LazyFunction(lambda: township("灵溪镇"))
    township = factory.LazyAttribute(lambda o: o.region)


class DutyShiftFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DutyShift

    region = factory.LazyFunction(lambda: township("灵溪镇"))
    group = factory.LazyFunction(lambda: CommandGroup.objects.order_by("order").first())
    officer = factory.SubFactory(UserFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + timedelta(hours=7))


class RollCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RollCall

    region = factory.LazyFunction(lambda: township("灵溪镇"))
    sent_at = factory.LazyFunction(timezone.now)
    answer_within_minutes = 10


class RollCallAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RollCallAnswer

    roll_call = factory.SubFactory(RollCallFactory)
    region = factory.LazyAttribute(lambda o: o.roll_call.region)
    officer = factory.SubFactory(UserFactory)
    due_at = factory.LazyAttribute(lambda o: o.roll_call.sent_at + timedelta(minutes=10))


class IncidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Incident

    title = factory.Sequence(lambda n: f"山体滑坡{n}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    occurred_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=2))


class DepotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Depot

    name = factory.Sequence(lambda n: f"测试物资仓库{n}")
    region = factory.LazyFunction(lambda: township("灵溪镇"))


class DepotItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepotItem

    depot = factory.SubFactory(DepotFactory)
    name = factory.Sequence(lambda n: f"救生衣{n}")
    quantity = 100
