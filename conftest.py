"""Fixtures shared by every app's tests and the cross-app tests under tests/."""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation
from pytest_django.fixtures import _set_suffix_to_test_databases

from grassroots.core.models import AccessGrant, User
from grassroots.core.services import api_token_issue
from grassroots.places.models import Area, AreaKind
from grassroots.places.services import area_create
from tests.demo_snapshot import DemoSnapshot


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):  # type: ignore[no-untyped-def]
    # Runs sharing one PostgreSQL server (two developers, CI beside a developer) would otherwise drop
    # each other's test_<name> database; the process id keeps each run's own.
    _set_suffix_to_test_databases(suffix=f"p{os.getpid()}")
    # Live-server threads must not hold connections between requests: the demo snapshot replaces
    # the whole test database on PostgreSQL.
    for db_settings in django_settings.DATABASES.values():
        db_settings["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]


@pytest.fixture(autouse=True)
def _site_language() -> Iterator[None]:
    """Each test starts in the site's language: a test client's request leaves the language it was
    answered in active in the test's thread (LocaleMiddleware never deactivates it), and a later test
    on the same worker would read English where it expects Chinese."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


class Grid:
    """A small hand-made tree: 示范市 → 示范区 → 2 streets → 2 communities each → 2 compounds each →
    2 buildings each → 2 units each. Attributes name the first of each kind; lists hold all."""

    def __init__(self) -> None:
        self.city = area_create(name="示范市", kind=AreaKind.CITY, parent=None, code="990100")
        self.district = area_create(name="示范区", kind=AreaKind.DISTRICT, parent=self.city, code="990101")
        self.streets: list[Area] = []
        self.communities: list[Area] = []
        self.compounds: list[Area] = []
        self.buildings: list[Area] = []
        self.units: list[Area] = []
        for s in range(2):
            street = area_create(
                name=f"街道{s + 1}", kind=AreaKind.STREET, parent=self.district, code=f"990101{s + 1:03d}000"
            )
            self.streets.append(street)
            for c in range(2):
                community = area_create(
                    name=f"社区{s + 1}-{c + 1}", kind=AreaKind.COMMUNITY, parent=street, code=f"{c + 1:03d}"
                )
                self.communities.append(community)
                for p in range(2):
                    compound = area_create(
                        name=f"小区{s + 1}-{c + 1}-{p + 1}",
                        kind=AreaKind.COMPOUND,
                        parent=community,
                        code=f"{p + 1:03d}",
                        land_area_m2=20000,
                        difficulty=3,
                    )
                    self.compounds.append(compound)
                    for b in range(2):
                        building = area_create(
                            name=f"{b + 1}号楼", kind=AreaKind.BUILDING, parent=compound, code=f"{b + 1:02d}"
                        )
                        self.buildings.append(building)
                        for u in range(2):
                            self.units.append(
                                area_create(
                                    name=f"{u + 1}单元", kind=AreaKind.UNIT, parent=building, code=f"{u + 1}"
                                )
                            )
        self.street, self.community, self.compound = self.streets[0], self.communities[0], self.compounds[0]
        self.building, self.unit = self.buildings[0], self.units[0]


@pytest.fixture
def grid(db) -> Grid:  # type: ignore[no-untyped-def]
    return Grid()


@pytest.fixture
def make_user(db) -> Callable[..., User]:  # type: ignore[no-untyped-def]
    """make_user("name", role, area) → a user with that office (password "pw-12345678")."""

    def make(username: str, role: str | None = None, area: Area | None = None, **fields: Any) -> User:
        user = User.objects.create_user(username=username, password="pw-12345678", **fields)
        if role and area:
            AccessGrant.objects.create(user=user, area=area, role=role)
        return user

    return make


def api_client(user: User, password: str = "pw-12345678") -> Client:
    """A test client that sends a bearer token for `user` on every request."""
    token = api_token_issue(username=user.username, password=password)
    assert token, "credentials rejected"
    return Client(headers={"Authorization": f"Bearer {token}"})


@pytest.fixture
def api() -> Callable[..., Client]:
    return api_client


@pytest.fixture(scope="session")
def _demo_snapshot(django_db_setup, django_db_blocker) -> Iterator[DemoSnapshot]:  # type: ignore[no-untyped-def]
    snapshot = DemoSnapshot()
    yield snapshot
    with django_db_blocker.unblock():
        snapshot.drop()


@pytest.fixture
def demo(transactional_db, _demo_snapshot: DemoSnapshot):  # type: ignore[no-untyped-def]
    """The demo district at a small scale (every structure of the seed, fewer buildings and people).

    Built once per test process and restored for each test (tests/demo_snapshot.py), so tests using it
    are transactional: what they write is committed, then flushed after the test."""
    return _demo_snapshot.load()
