"""No page, endpoint or admin list returns anything outside the caller's scope, for every demo role."""

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from grassroots.core.scope import in_scope
from grassroots.core.services import api_token_issue
from grassroots.demo.accounts import LOGINS
from grassroots.places.models import Area, AreaKind
from grassroots.places.services import area_create

from . import scope_registry as registry

PARAM = re.compile(r"<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
SKIP_PREFIXES = ("i18n/", "static/", "media/", "api/v1/docs", "api/v1/openapi.json", "login/", "logout/")


def walk(patterns: list, prefix: str = "") -> Iterator[tuple[str, str | None]]:  # type: ignore[type-arg]
    for p in patterns:
        route = prefix + str(p.pattern).lstrip("^").rstrip("$").replace("\\Z", "").replace("\\/", "/")
        if isinstance(p, URLResolver):
            yield from walk(p.url_patterns, route)
        elif isinstance(p, URLPattern):
            yield route, p.name


def concrete_routes() -> list[tuple[str, str | None]]:
    routes = []
    for route, name in walk(get_resolver().url_patterns):
        if route.startswith(SKIP_PREFIXES):
            continue
        if route.startswith("admin/") and PARAM.search(route):
            continue  # admin object pages: covered by the scoped changelists
        if "(?P<" in route or route.startswith("admin/r/") or route.endswith("jsi18n/"):
            continue
        routes.append((route, name))
    return routes


def outside_compound(parent: Area, code: str, marker: str) -> Area:
    compound = area_create(name=f"{marker}小区", kind=AreaKind.COMPOUND, parent=parent, code=code)
    building = area_create(name=f"{marker}楼", kind=AreaKind.BUILDING, parent=compound, code="01")
    area_create(name=f"{marker}单元", kind=AreaKind.UNIT, parent=building, code="1")
    for plant in registry.PLANTERS:
        plant(compound, marker)
    return compound


def fill(route: str, area: Area, marker: str) -> str:
    def value(m: re.Match[str]) -> str:
        name = m.group("name")
        assert name in registry.PARAMS, (
            f"URL keyword {name!r} in {route!r}: register it in tests/scope_registry.py"
        )
        return str(registry.PARAMS[name](area, marker))

    return "/" + PARAM.sub(value, route)


# One test per role, so the walk (hundreds of requests per role) spreads over the test processes.
@pytest.mark.parametrize("login", [login for login, *_rest in LOGINS])
def test_no_route_shows_anything_outside_scope(demo, login: str) -> None:  # type: ignore[no-untyped-def]
    assert set(demo.extra["users"]) == {name for name, *_rest in LOGINS}
    rural = outside_compound(demo.villages[-1], "991", "界外哨兵甲")
    urban = outside_compound(demo.communities[-1], "992", "界外哨兵乙")
    routes = concrete_routes()
    assert any(r.startswith("api/v1/") for r, _ in routes) and any(r == "staff/" for r, _ in routes)

    user = demo.extra["users"][login]
    client = Client(
        headers={"Authorization": f"Bearer {api_token_issue(username=login, password='demo12345')}"}
    )
    client.force_login(user)
    outside = [(a, a.name[:-2]) for a in (rural, urban) if not in_scope(user, a)]
    assert outside, f"{login} should have something outside its scope"
    markers = [marker for _area, marker in outside]
    for route, name in routes:
        if name in registry.PUBLIC or route in registry.PUBLIC:
            continue
        if PARAM.search(route):
            for area, marker in outside:
                url = fill(route, area, marker)
                got = client.get(url)
                assert got.status_code in (302, 403, 404, 405), f"{login} GET {url}: {got.status_code}"
                assert marker not in got.content.decode(errors="ignore"), f"{login} GET {url} shows {marker}"
                posted = client.post(url, data="{}", content_type="application/json")
                assert posted.status_code >= 400, f"{login} POST {url}: {posted.status_code}"
            continue
        # The plain page and a search once (they name no area), then each outside area by its id.
        queries = [
            "",
            "?q=界外哨",
            *(f"?{key}={area.pk}" for area, _m in outside for key in ("area", "post")),
        ]
        for query in queries:
            got = client.get(f"/{route}{query}")
            if got.status_code >= 500:
                pytest.fail(f"{login} GET /{route}{query}: {got.status_code}")
            body = got.content.decode(errors="ignore")
            for marker in markers:
                assert marker not in body, f"{login} GET /{route}{query} shows {marker}"
