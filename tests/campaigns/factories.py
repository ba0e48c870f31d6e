"""Factories for the campaigns app's records."""

from datetime import date

import factory

from campaigns.models import (
    Activity,
    ActivityKind,
    ActivityPhoto,
    FiveInto,
    PlaceCoverage,
    PublicPlace,
    Resource,
    ServiceTeamMember,
    Site,
    Video,
)
from tests.factories import county, township


def kind(name: str = "应急演练") -> ActivityKind:
    return ActivityKind.objects.get_or_create(name=name)[0]


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    township = factory.LazyFunction(lambda: township("灵溪镇"))
    held_on = factory.LazyFunction(lambda: date(date.today().year, 1, 15))
    title = factory.Sequence(lambda n: f"测试活动{n}")
    kind = factory.LazyFunction(kind)
    category = FiveInto.ENTERPRISE
    participants = 50


class ActivityPhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityPhoto

    activity = factory.SubFactory(ActivityFactory)
    file = factory.django.FileField(filename="photo.png", data=b"\x89PNG")
    original_name = "photo.png"
    content_type = "image/png"
    size = 4


class VideoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Video

    region = factory.LazyFunction(county)
    title = factory.Sequence(lambda n: f"测试视频{n}")
    producer = "县应急管理局"
    made_on = factory.LazyFunction(lambda: date(date.today().year, 1, 10))
    link = "https://www.example.com/v"
    published = True
    published_on = factory.LazyFunction(lambda: date(date.today().year, 1, 20))


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicPlace

    township = factory.LazyFunction(lambda: township("灵溪镇"))
    name = factory.Sequence(lambda n: f"测试场所{n}")
    kind = PublicPlace.Kind.SQUARE


class CoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceCoverage

    place = factory.SubFactory(PlaceFactory)
    covered_on = factory.LazyFunction(lambda: date(date.today().year, 1, 5))
    content = "宣传栏"
    photo = factory.django.FileField(filename="c.png", data=b"\x89PNG")
    photo_type = "image/png"


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    region = factory.LazyFunction(lambda: township("灵溪镇"))
    title = factory.Sequence(lambda n: f"测试资料{n}")
    kind = Resource.Kind.ARTICLE
    summary = "安全知识"
    published = True


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceTeamMember

    name = factory.Sequence(lambda n: f"队员{n}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))


class SiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Site

    kind = Site.Kind.DEMONSTRATION
    name = factory.Sequence(lambda n: f"示范点{n}")
    township = factory.LazyFunction(lambda: township("灵溪镇"))
    lat = "27.5"
    lng = "120.4"
