"""Makers for 码上报 tips and points and 内部报告奖励 (the rest of hazards3030's are in tests/factories.py)."""

from datetime import date, timedelta

import factory

from hazards3030.models import Hazard, InternalReportReward, Tip, TipPoint
from tests.factories import HazardFactory, township


class TipPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TipPoint

    code = factory.Sequence(lambda n: f"pt{n:06d}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    place = factory.Sequence(lambda n: f"灵溪测试点{n}")


class TipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tip

    receipt = factory.Sequence(lambda n: f"T{n:09d}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    place = "城东路12号"
    description = factory.Sequence(lambda n: f"楼道堆放杂物堵塞消防通道{n}")


class RewardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InternalReportReward

    hazard = factory.SubFactory(HazardFactory, source=Hazard.Source.INTERNAL_REPORT)
    amount = 200
    approved_by = "企业负责人"
    approved_on = factory.LazyFunction(lambda: date.today() - timedelta(days=2))
