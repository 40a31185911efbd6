from grassroots.residents.care import care_gaps
from grassroots.residents.models import Campaign, CarePair, Household, LedgerChange, Resident, Visit


def test_it_builds_the_seed_ledger_into_the_demo(demo):  # type: ignore[no-untyped-def]
    district = demo.district
    care = Resident.objects.filter(household__area__path__startswith=district.path, care_tags__isnull=False)
    assert care.distinct().count() == 263
    households = Household.objects.filter(area__path__startswith=district.path)
    assert households.filter(status="vacant").exists() and households.filter(no_smartphone=True).exists()
    assert set(households.values_list("area__parent__parent", flat=True)) >= {c.pk for c in demo.compounds}
    assert not households.filter(status="occupied", head__isnull=True).exists()
    paired = CarePair.objects.filter(ended_at__isnull=True).count()
    assert 0.8 * 263 < paired < 263
    admin = demo.extra["users"]["district"]
    assert care_gaps(user=admin).count() == 263 - paired
    campaign = Campaign.objects.get()
    visited = Visit.objects.filter(campaign=campaign).values("household").distinct().count()
    assert 0 < visited < households.count()
    # What door-knocking turned up in the station's compound: three people taken out, with why.
    left = Resident.everyone.filter(left_at__isnull=False)
    assert sorted(left.values_list("left_reason", flat=True)) == ["deceased", "duplicate", "moved_away"]
    assert all(r.household.area.path.startswith(demo.compounds[0].path) for r in left)
    assert LedgerChange.objects.filter(field="left", actor_name="station").count() == 3
