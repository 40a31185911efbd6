"""The commendation page (nominations, or honours) and the accountability list no longer stop at a
fixed number of rows: they page through them all, the pager keeping which list is shown, and a
nomination decided on a later page comes back to that page."""

from django.test import Client
from django.urls import reverse

from grassroots.evaluation.models import (
    Accountability,
    AccountabilitySource,
    Honour,
    Nomination,
    NominationStatus,
)
from grassroots.people.models import Gender, Staff, StaffKind


def people(area, n: int) -> list[Staff]:  # type: ignore[no-untyped-def]
    return Staff.objects.bulk_create(
        Staff(name=f"排名{i:03d}", gender=Gender.MALE, kind=StaffKind.CADRE, area=area)
        for i in range(1, n + 1)
    )


def test_honours_and_accountability_records_page_past_the_first_page(period):  # type: ignore[no-untyped-def]
    area = period.grid.compound
    crowd = people(area, 101)
    Honour.objects.bulk_create(
        Honour(person=p, area=area, title=f"荣誉{i:03d}", awarded_on=period.period.starts_on)
        for i, p in enumerate(crowd, start=1)
    )
    Accountability.objects.bulk_create(
        Accountability(
            person=p, area=area, source=AccountabilitySource.MANUAL, title=f"事项{i:03d}", evidence="证据"
        )
        for i, p in enumerate(crowd, start=1)
    )
    client = Client()
    client.force_login(period.hq)

    honours = client.get(reverse("evaluation-commendation"), {"show": "honours", "page": "2"})
    assert [h.title for h in honours.context["page"]] == ["荣誉001"], "newest first, the earliest on page 2"
    assert "show=honours&page=1" in honours.content.decode()

    records = client.get(reverse("evaluation-accountabilities"), {"page": 2})
    assert records.context["page"].paginator.count == 101 and len(records.context["page"]) == 1


def test_deciding_a_nomination_comes_back_to_its_page(period):  # type: ignore[no-untyped-def]
    area = period.grid.compound
    Nomination.objects.bulk_create(
        Nomination(
            period=period.period,
            person=p,
            area=area,
            title="优秀下沉干部",
            reason="表现突出",
            nominated_by=period.community,
        )
        for p in people(area, 101)
    )
    oldest = Nomination.objects.order_by("id").first()
    assert oldest is not None
    client = Client()
    client.force_login(period.hq)

    page = client.get(reverse("evaluation-commendation"), {"page": "2"})
    action = reverse("evaluation-nomination-decide", args=[oldest.pk]) + "?page=2"
    assert f'action="{action}"' in page.content.decode()

    decided = client.post(action, {"approve": "yes", "reason": ""})

    assert decided["Location"] == reverse("evaluation-commendation") + "?page=2"
    oldest.refresh_from_db()
    assert oldest.status == NominationStatus.APPROVED
