"""The selection page's pool form: a refused size stays on the page beside the field; a pool drawn says so."""

from django.urls import reverse

from grassroots.evaluation import services
from grassroots.evaluation.models import SelectionCandidate


def test_a_refused_size_shows_beside_the_field_and_a_drawn_pool_says_saved(client, period):  # type: ignore[no-untyped-def]
    services.period_close(by=period.hq, period=period.period)
    client.force_login(period.hq)
    url = reverse("evaluation-selection", args=[period.period.pk])

    response = client.post(url, {"size": 0})
    assert response.status_code == 200
    assert "size" in response.context["pool_form"].errors
    assert not SelectionCandidate.objects.exists()

    response = client.post(url, {"size": 1}, follow=True)
    assert SelectionCandidate.objects.filter(period=period.period).count() == 1
    assert [str(m) for m in response.context["messages"]] == ["已保存。"]
