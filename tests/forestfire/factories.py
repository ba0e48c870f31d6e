"""factory_boy factories for forest fire prevention (A6)."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from forestfire.models import FireSourceCheck, ForestFire, ForestRisk, Hotspot, HotspotNotice, HotspotPhoto
from tests.factories import township


class HotspotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Hotspot

    code = factory.Sequence(lambda n: f"2024-33-T{n:04d}")
    satellite = "FY-3D"
    received_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=20))
    lng = Decimal("120.400000")
    lat = Decimal("27.500000")
    pixels = 3
    land_type = "林地"
    township = factory.LazyFunction(lambda: township("灵溪镇"))


class HotspotNoticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HotspotNotice

    hotspot = factory.SubFactory(HotspotFactory)
    audience = HotspotNotice.Audience.TOWNSHIP
    region = factory.LazyAttribute(lambda o: o.hotspot.township)
    message = "热点核查超时"


class HotspotPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HotspotPhoto

    hotspot = factory.SubFactory(HotspotFactory)
    file = factory.django.FileField(filename="photo.png", data=b"not really a photo")
    original_name = "photo.png"
    content_type = "image/png"
    size = 18


class ForestFireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForestFire

    township = factory.LazyFunction(lambda: township("灵溪镇"))
    place = factory.Sequence(lambda n: f"测试山场{n}")
    started_at = factory.LazyFunction(lambda: timezone.now() - timedelta(hours=3))
    reported_at = factory.LazyAttribute(lambda o: o.started_at + timedelta(minutes=10))
    burned_area = Decimal("0.50")


class FireSourceCheckFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FireSourceCheck

    kind = FireSourceCheck.Kind.QINGMING
    checked_on = factory.LazyFunction(lambda: date.today() - timedelta(days=3))
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    place = factory.Sequence(lambda n: f"测试墓区{n}")
    finding = "发现违规焚烧纸钱"


class ForestRiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ForestRisk

    township = factory.LazyFunction(lambda: township("灵溪镇"))
    description = factory.Sequence(lambda n: f"林区输电线路下方可燃物堆积{n}")
    owner = "测试责任人"
    due_on = factory.LazyFunction(lambda: date.today() + timedelta(days=10))


def forest_assessment(township_region):
    """A 涉林乡镇规范化建设 assessment under the checklist in force (seeded if a flush removed it)."""
    from django.apps import apps

    from forestfire.standardization import KIND, seed_checklist
    from org.assessments import current_checklist
    from org.models import Assessment

    seed_checklist(apps.get_model)
    return Assessment.objects.get_or_create(checklist=current_checklist(KIND), township=township_region)[0]
