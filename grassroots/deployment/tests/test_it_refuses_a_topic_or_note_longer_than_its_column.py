"""A training's topic (over 100 characters) and an assignment's note (over 200) are refused, naming
the field, where they used to be cut short silently: on the station page (said with the field's
name, nothing recorded) and through the API (a 400 naming the field, nothing assigned). Text of the
column's length is kept whole."""

import json

from grassroots.deployment.models import Assignment, Role, Training, WorkGroup
from grassroots.places.models import Post, PostKind

from .factories import person


def test_the_station_page_refuses_a_long_training_topic(grid, make_user, client):  # type: ignore[no-untyped-def]
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    staff = person(grid.compound, name="甲")
    client.force_login(make_user("st", "station", grid.compound))
    url = f"/deployment/stations/{post.pk}/training/"

    got = client.post(url, {"staff": staff.pk, "topic": "防" * 101, "manual_given": "1"}, follow=True)

    assert [str(m) for m in got.context["messages"]] == ["培训内容：最多100个字，已输入101个字。"]
    assert not Training.objects.exists()

    client.post(url, {"staff": staff.pk, "topic": "防" * 100})
    assert Training.objects.get().topic == "防" * 100


def test_the_api_refuses_a_long_assignment_note(grid, make_user, api):  # type: ignore[no-untyped-def]
    street = make_user("s1", "street", grid.streets[0])
    staff = person(grid.compound)
    body = {
        "staff": staff.pk,
        "area": grid.compound.pk,
        "role": Role.MEMBER,
        "work_group": WorkGroup.LIVELIHOOD,
        "note": "备" * 201,
    }

    got = api(street).post("/api/v1/assignments", json.dumps(body), content_type="application/json")

    assert got.status_code == 400
    assert [(e["field"], e["message"]) for e in got.json()["errors"]] == [
        ("note", "备注：最多200个字，已输入201个字。")
    ]
    assert not Assignment.objects.exists()

    made = api(street).post(
        "/api/v1/assignments", json.dumps({**body, "note": "备" * 200}), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    assert Assignment.objects.get().note == "备" * 200
