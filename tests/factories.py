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
