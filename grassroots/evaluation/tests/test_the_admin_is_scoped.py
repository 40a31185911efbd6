import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client

from grassroots.core.models import AuditLog, Role
from grassroots.evaluation import services
from grassroots.evaluation.models import Scheme


@pytest.mark.django_db
def test_the_admin_lists_only_schemes_and_scores_in_scope_and_keeps_scores_read_only(period, make_user):  # type: ignore[no-untyped-def]
    hq = period.hq
    services.scheme_create(by=hq, area=period.grid.streets[0], name="一街办法", lines=[("conduct", 1, None)])
    services.scheme_create(by=hq, area=period.grid.streets[1], name="二街办法", lines=[("conduct", 1, None)])
    services.period_compute(by=hq, period=period.period)
    user = make_user("street-admin", Role.STREET, period.grid.streets[0], is_staff=True)
    group = Group.objects.create(name="evaluation")
    group.permissions.set(Permission.objects.filter(content_type__app_label="evaluation"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)

    schemes = client.get("/admin/evaluation/scheme/").content.decode()
    assert "一街办法" in schemes and "二街办法" not in schemes
    outside = Scheme.objects.get(name="二街办法")
    assert client.get(f"/admin/evaluation/scheme/{outside.pk}/change/").status_code == 302

    scores = client.get("/admin/evaluation/score/").content.decode()
    assert period.worker.name in scores
    score = period.period.scores.get(person=period.worker)
    assert client.post(f"/admin/evaluation/score/{score.pk}/change/", {"total": "100"}).status_code == 403
    score.refresh_from_db()
    assert score.total != 100

    inside = Scheme.objects.get(name="一街办法")
    client.post(
        f"/admin/evaluation/scheme/{inside.pk}/change/",
        {
            "name": "一街办法（改）",
            "area": period.grid.streets[0].pk,
            "indicators-TOTAL_FORMS": "0",
            "indicators-INITIAL_FORMS": "0",
        },
    )
    assert Scheme.objects.filter(name="一街办法（改）").exists()
    assert AuditLog.objects.filter(action="admin_update", actor=user).exists()
