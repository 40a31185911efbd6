"""A request's page offers to publish it as a task only to those the task page lets in (station and
above): a staff member is not led to a page that refuses them."""

from django.test import Client

from grassroots.services.models import RequestChannel
from grassroots.services.services import request_file


def test_only_a_station_is_offered_to_publish_a_request_as_a_task(make_user, grid):  # type: ignore[no-untyped-def]
    req = request_file(
        by=None,
        area=grid.unit,
        category="food",
        channel=RequestChannel.PHONE,
        name="张女士",
        phone="13911112222",
        details="需要蔬菜",
    )
    for role, offered in (("station", True), ("staff", False)):
        client = Client()
        client.force_login(make_user(f"u_{role}", role, grid.compound))
        got = client.get(f"/services/requests/{req.pk}/")
        assert got.status_code == 200, role
        assert (f"/services/tasks/new/?request={req.pk}" in got.content.decode()) is offered, role
