import pytest
from django.utils import timezone

from grassroots.deployment.models import RotaStatus, Shift
from grassroots.party.models import PartyMember
from grassroots.party.selectors import building_cards, on_duty_q
from grassroots.places.models import Area


@pytest.mark.django_db
def test_the_demo_poster_shows_the_members_the_network_has_on_duty(demo):  # type: ignore[no-untyped-def]
    compound = Area.objects.filter(kind="compound").order_by("pk").first()
    building = Area.objects.filter(parent=compound, kind="building").order_by("pk").first()
    assert building is not None
    cards = building_cards(building)
    assert any(m.staff_id for m in cards)  # staff on duty from the deployment step, not a stored flag
    # The first station's published rota starts today: its members without a shift today rest.
    today = timezone.localdate()
    on_rota = Shift.objects.filter(rota__post__area=compound, rota__status=RotaStatus.PUBLISHED)
    working = set(on_rota.filter(day=today).values_list("staff_id", flat=True))
    resting = set(on_rota.values_list("staff_id", flat=True)) - working
    shown = {m.staff_id for m in cards}
    assert working and resting
    assert not shown & resting
    serving = PartyMember.objects.filter(organisation__area=compound, left_on__isnull=True)
    assert serving.filter(on_duty_q()).count() < serving.count()
