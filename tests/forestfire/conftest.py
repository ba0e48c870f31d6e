import pytest

from org.models import User
from tests.factories import UserFactory, county


@pytest.fixture
def feed(db) -> User:
    """The provincial platform's API client, granted write: it pushes the hotspot feed."""
    return UserFactory(username="t_feed", role=User.Role.API_CLIENT, region=county(), api_can_write=True)


@pytest.fixture
def reader_feed(db) -> User:
    """An API client left read-only."""
    return UserFactory(username="t_feed_ro", role=User.Role.API_CLIENT, region=county())
