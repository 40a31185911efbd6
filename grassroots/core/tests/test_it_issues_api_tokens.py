from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.core.models import ApiToken, AuditLog, Role


def test_it_issues_a_token_for_good_credentials_only(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    make_user("st", Role.STATION, grid.compound)
    client = Client()
    ok = client.post(
        "/api/v1/auth/token", {"username": "st", "password": "pw-12345678"}, content_type="application/json"
    )
    assert ok.status_code == 200 and len(ok.json()["token"]) > 30
    bad = client.post(
        "/api/v1/auth/token", {"username": "st", "password": "wrong"}, content_type="application/json"
    )
    assert bad.status_code == 401 and bad.json()["detail"]
    # Only a digest is stored, never the token itself.
    assert not ApiToken.objects.filter(digest=ok.json()["token"]).exists()
    assert AuditLog.objects.filter(action="api_login", actor_name="st").exists()


def test_it_refuses_requests_without_a_valid_token(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    assert Client().get("/api/v1/areas").status_code == 401
    assert Client(headers={"Authorization": "Bearer nonsense"}).get("/api/v1/areas").status_code == 401


def test_it_refuses_an_expired_token(grid, make_user, api) -> None:  # type: ignore[no-untyped-def]
    client = api(make_user("st", Role.STATION, grid.compound))
    assert client.get("/api/v1/areas").status_code == 200
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert client.get("/api/v1/areas").status_code == 401
