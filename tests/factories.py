"""factory_boy factories shared by every test."""

import factory
from django.apps import apps

from org.models import Department, Region, User
from org.seeding import seed_regions
from plan.seeding import seed_all

PASSWORD = "Test-passw0rd-365"


def ensure_seeded() -> None:
    """Re-loads what the data migrations load, for tests that run after a table flush."""
    seed_regions(Region)
    seed_all(apps.get_model)


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
