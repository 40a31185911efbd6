import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from grassroots.core.models import AuditLog, Role
from grassroots.evaluation import services
from grassroots.evaluation.models import Scheme


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_it_creates_a_scheme_from_the_page_with_computed_and_rater_indicators(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    page = client_for(hq)
    assert page.get(reverse("evaluation-scheme-new")).status_code == 200
    got = page.post(
        reverse("evaluation-scheme-new"),
        {
            "name": "街道考核办法",
            "area": grid.district.pk,
            "weight_visits_done": "30",
            "target_visits_done": "20",
            "weight_shifts_kept": "20",
            "weight_conduct": "50",
            # A target on a rate indicator is not offered, so whatever is posted for it is ignored.
            "target_shifts_kept": "9",
        },
    )
    assert got.status_code == 302
    scheme = Scheme.objects.get(name="街道考核办法")
    assert scheme.area == grid.district
    assert sorted(scheme.indicators.values_list("code", "weight", "target")) == [
        ("conduct", 50, None),
        ("shifts_kept", 20, None),
        ("visits_done", 30, 20),
    ]
    assert AuditLog.objects.filter(action="evaluation_scheme_create", actor=hq).count() == 1


@pytest.mark.django_db
def test_it_names_the_field_that_is_wrong(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    page = client_for(hq)
    got = page.post(
        reverse("evaluation-scheme-new"),
        {"name": "", "area": grid.district.pk, "weight_visits_done": "0", "weight_tasks_claimed": "5"},
    )
    form = got.context["form"]
    assert set(form.errors) >= {"name", "weight_visits_done", "target_tasks_claimed"}
    nothing = page.post(reverse("evaluation-scheme-new"), {"name": "空", "area": grid.district.pk})
    assert nothing.context["form"].non_field_errors()
    services.scheme_create(by=hq, area=grid.district, name="已有", lines=[("conduct", 1, None)])
    taken = page.post(
        reverse("evaluation-scheme-new"), {"name": "已有", "area": grid.district.pk, "weight_conduct": "10"}
    )
    assert "name" in taken.context["form"].errors
    assert Scheme.objects.count() == 1


@pytest.mark.django_db
def test_the_service_checks_weights_and_who_keeps_the_scheme(grid, make_user):  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    street = make_user("street", Role.STREET, grid.street)
    with pytest.raises(ValidationError) as exc:
        services.scheme_create(by=hq, area=grid.district, name="过重", lines=[("conduct", 101, None)])
    assert "indicators" in exc.value.message_dict
    with pytest.raises(PermissionDenied):
        services.scheme_create(by=street, area=grid.street, name="街道", lines=[("conduct", 1, None)])
    other_district = make_user("other", Role.DISTRICT_HQ, grid.streets[1])
    with pytest.raises(PermissionDenied):
        services.scheme_create(
            by=other_district, area=grid.district, name="越权", lines=[("conduct", 1, None)]
        )
    assert client_for(street).get(reverse("evaluation-scheme-new")).status_code == 403


@pytest.mark.django_db
def test_it_reweighs_a_scheme_and_a_closed_period_keeps_its_lines(period):  # type: ignore[no-untyped-def]
    scheme = period.period.scheme
    services.period_close(by=period.hq, period=period.period)
    before = {s.pk: s.total for s in period.period.scores.all()}
    page = client_for(period.hq)
    form = page.get(reverse("evaluation-scheme", args=[scheme.pk])).context["form"]
    assert form.initial["weight_conduct"] == 10
    got = page.post(
        reverse("evaluation-scheme", args=[scheme.pk]),
        {"name": "十月考核（修订）", "weight_conduct": "90", "weight_commander_rating": "10"},
    )
    assert got.status_code == 302
    scheme.refresh_from_db()
    assert scheme.name == "十月考核（修订）"
    assert sorted(scheme.indicators.values_list("code", "weight")) == [
        ("commander_rating", 10),
        ("conduct", 90),
    ]
    assert AuditLog.objects.filter(action="evaluation_scheme_update").count() == 1
    services.period_compute(by=period.hq, period=period.period)
    assert {s.pk: s.total for s in period.period.scores.all()} == before
