from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from grassroots.core.models import AuditLog, Role
from grassroots.party.models import PartyOrganisation
from grassroots.places.models import Post, PostKind

from .conftest import client_for, staff


@pytest.mark.django_db
def test_a_community_founds_an_organisation_with_its_secretary(grid, make_user):  # type: ignore[no-untyped-def]
    community = make_user("community", Role.COMMUNITY, grid.community)
    post = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compound)
    secretary = staff(grid.compound, "周书记")
    today = timezone.localdate()
    page = client_for(community).post(
        reverse("party-organisation-found") + f"?area={grid.community.pk}",
        {"name": "一号临时党支部", "post": post.pk, "secretary": secretary.pk, "founded_on": today},
    )
    org = PartyOrganisation.objects.get(name="一号临时党支部")
    assert page.status_code == 302 and page["Location"] == reverse("party-organisation", args=[org.pk])
    assert org.secretary is not None and org.secretary.staff == secretary and org.area == grid.compound
    assert AuditLog.objects.filter(action="party_organisation_found", object_id=str(org.pk)).exists()


@pytest.mark.django_db
def test_the_found_form_names_the_field_in_error(grid, make_user):  # type: ignore[no-untyped-def]
    community = make_user("community", Role.COMMUNITY, grid.community)
    post = Post.objects.create(name="一号站", kind=PostKind.STATION, area=grid.compound)
    tomorrow = timezone.localdate() + timedelta(days=1)
    page = client_for(community).post(
        reverse("party-organisation-found"), {"name": "未来支部", "post": post.pk, "founded_on": tomorrow}
    )
    assert page.status_code == 200
    assert list(page.context["form"].errors) == ["founded_on"]
    assert not PartyOrganisation.objects.exists()


@pytest.mark.django_db
def test_a_station_may_not_found_and_sees_only_posts_in_its_area(grid, make_user):  # type: ignore[no-untyped-def]
    Post.objects.create(name="界外站", kind=PostKind.STATION, area=grid.compounds[7])
    Post.objects.create(name="界内站", kind=PostKind.STATION, area=grid.compound)
    station = make_user("station", Role.STATION, grid.compound)
    assert client_for(station).get(reverse("party-organisation-found")).status_code == 403
    community = make_user("community", Role.COMMUNITY, grid.community)
    page = client_for(community).get(reverse("party-organisation-found")).content.decode()
    assert "界内站" in page and "界外站" not in page


@pytest.mark.django_db
def test_a_community_dissolves_an_organisation(grid, make_user, party):  # type: ignore[no-untyped-def]
    community = make_user("community", Role.COMMUNITY, grid.community)
    url = reverse("party-organisation-dissolve", args=[party.org_a.pk])
    early = client_for(community).post(url, {"dissolved_on": party.founded - timedelta(days=1)})
    assert list(early.context["form"].errors) == ["dissolved_on"]
    today = timezone.localdate()
    assert client_for(community).post(url, {"dissolved_on": today}).status_code == 302
    party.org_a.refresh_from_db()
    assert party.org_a.dissolved_on == today
    station = make_user("station", Role.STATION, grid.compound)
    assert client_for(station).get(url).status_code == 403
