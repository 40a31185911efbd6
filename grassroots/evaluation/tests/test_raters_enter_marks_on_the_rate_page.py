import pytest
from django.test import Client
from django.urls import reverse

from grassroots.evaluation import services
from grassroots.evaluation.models import Rating
from grassroots.people.models import Gender, Staff, StaffKind


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_a_commander_rates_the_people_they_answer_for_but_not_themselves(period):  # type: ignore[no-untyped-def]
    page = client_for(period.station_user)
    url = reverse("evaluation-rate", args=[period.period.pk])
    got = page.get(url)
    listed = [person for person, _given, _form in got.context["rows"]]
    assert period.worker in listed and period.commander not in listed
    # The station may give conduct and the commander's rating, not the community's.
    codes = [c for c, _label in got.context["rows"][0][2].fields["code"].choices]
    assert codes == ["conduct", "commander_rating"]

    saved = page.post(
        url, {"person": period.worker.pk, "code": "commander_rating", "value": "88", "note": "好"}
    )
    assert saved.status_code == 302
    rating = Rating.objects.get(person=period.worker, rater=period.station_user)
    assert (rating.code, rating.value) == ("commander_rating", 88)
    assert "88" in page.get(url).content.decode()

    # Posting one's own id finds nobody: the commander is not in their own list.
    assert (
        page.post(url, {"person": period.commander.pk, "code": "conduct", "value": "100"}).status_code == 404
    )
    assert not Rating.objects.filter(person=period.commander).exists()

    services.period_compute(by=period.hq, period=period.period)
    line = period.period.scores.get(person=period.worker).indicators["commander_rating"]
    assert (line["numerator"], line["denominator"], line["points"]) == (88, 100, 88.0)


@pytest.mark.django_db
def test_a_bad_mark_is_shown_on_its_field(period):  # type: ignore[no-untyped-def]
    page = client_for(period.community)
    url = reverse("evaluation-rate", args=[period.period.pk])
    got = page.post(url, {"person": period.worker.pk, "code": "community_rating", "value": "120"})
    assert got.status_code == 200
    failed = next(form for person, _g, form in got.context["rows"] if person == period.worker)
    assert "value" in failed.errors
    assert not Rating.objects.exists()


@pytest.mark.django_db
def test_the_rate_page_lists_only_people_in_scope_and_not_for_plain_staff(period):  # type: ignore[no-untyped-def]
    far = Staff.objects.create(
        name="远处的人", gender=Gender.MALE, kind=StaffKind.CADRE, area=period.grid.compounds[-1]
    )
    url = reverse("evaluation-rate", args=[period.period.pk])
    mine = [p for p, _g, _f in client_for(period.station_user).get(url).context["rows"]]
    assert far not in mine
    assert (
        client_for(period.station_user)
        .post(url, {"person": far.pk, "code": "conduct", "value": "50"})
        .status_code
        == 404
    )
    assert far in [p for p, _g, _f in client_for(period.hq).get(url).context["rows"]]
    # Plain staff see the period once they hold a score in it, but rate nobody.
    services.period_compute(by=period.hq, period=period.period)
    assert client_for(period.worker_user).get(url).status_code == 403


@pytest.mark.django_db
def test_a_closed_period_takes_no_more_marks(period):  # type: ignore[no-untyped-def]
    services.period_close(by=period.hq, period=period.period)
    page = client_for(period.station_user)
    url = reverse("evaluation-rate", args=[period.period.pk])
    got = page.post(url, {"person": period.worker.pk, "code": "conduct", "value": "70"})
    assert got.status_code == 200
    failed = next(form for person, _g, form in got.context["rows"] if person == period.worker)
    assert failed.non_field_errors()
    assert not Rating.objects.exists()
