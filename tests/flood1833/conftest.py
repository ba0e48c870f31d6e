import pytest

from flood1833 import services
from org.models import User
from tests.factories import ResponseEventFactory, UserFactory, village


@pytest.fixture
def cadre(db) -> User:
    """村社干部 of 测试一村 (灵溪镇)."""
    return UserFactory(username="t_cadre", role=User.Role.VILLAGE_CADRE, region=village("测试一村"))


@pytest.fixture
def other_cadre(db) -> User:
    """村社干部 of 测试二村, the same township."""
    return UserFactory(username="t_cadre2", role=User.Role.VILLAGE_CADRE, region=village("测试二村"))


@pytest.fixture
def typhoon(county_admin):
    """A county-wide typhoon raised to III级, the stage at which danger zones move by default."""

    def make(stage: int = 3, **kwargs):
        event = ResponseEventFactory(**kwargs)
        return services.change_stage(event=event, actor=county_admin, stage_order=stage, note="测试")

    return make
