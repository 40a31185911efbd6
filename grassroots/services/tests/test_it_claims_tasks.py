from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grassroots.services.selectors import leaderboard, task_list
from grassroots.services.task_services import Conflict, claim_complete, task_claim, task_create

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _task(place, places=1, **extra):  # type: ignore[no-untyped-def]
    return task_create(
        by=place.station_user,
        title="调解邻里噪音纠纷",
        kind="mediation",
        area=place.building,
        places=places,
        deadline=timezone.now() + timedelta(days=1),
        points=extra.pop("points", 15),
        **extra,
    )


def test_the_last_place_goes_once_and_a_second_claim_is_refused(place) -> None:  # type: ignore[no-untyped-def]
    task = _task(place, places=1)
    task_claim(by=place.volunteer, task=task)
    with pytest.raises(Conflict):
        task_claim(by=place.volunteer, task=task)
    with pytest.raises(Conflict):
        task_claim(by=place.other_volunteer, task=task)
    assert task.claims.count() == 1
    assert not task_list(user=place.other_volunteer, status="open").filter(pk=task.pk).exists()


def test_only_posts_publish_and_only_people_in_scope_claim(place) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        task_create(
            by=place.volunteer,
            title="x",
            kind="other",
            area=place.building,
            places=1,
            deadline=timezone.now() + timedelta(days=1),
        )
    task = _task(place)
    with pytest.raises(PermissionDenied):
        task_claim(by=place.outsider, task=task)


def test_it_validates_a_new_task(place) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        task_create(
            by=place.station_user,
            title="x",
            kind="other",
            area=place.building,
            places=0,
            deadline=timezone.now() + timedelta(days=1),
        )
    assert "places" in err.value.message_dict
    with pytest.raises(ValidationError) as err:
        task_create(
            by=place.station_user,
            title="x",
            kind="other",
            area=place.building,
            places=1,
            deadline=timezone.now() - timedelta(minutes=1),
        )
    assert "deadline" in err.value.message_dict


def test_completion_needs_a_note_takes_a_photo_and_scores_points(place, settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    task = _task(place, places=2, points=20)
    mine = task_claim(by=place.volunteer, task=task)
    with pytest.raises(PermissionDenied):
        claim_complete(by=place.other_volunteer, claim=mine, note="done")
    with pytest.raises(ValidationError):
        claim_complete(by=place.volunteer, claim=mine, note=" ")
    fake = SimpleUploadedFile("a.png", b"<script>", content_type="image/png")
    with pytest.raises(ValidationError) as err:
        claim_complete(by=place.volunteer, claim=mine, note="已调解", photo=fake)
    assert "photo" in err.value.message_dict
    done = claim_complete(
        by=place.volunteer,
        claim=mine,
        note="已调解",
        photo=SimpleUploadedFile("a.png", PNG, content_type="image/png"),
    )
    assert done.points == 20 and str(done.photo.name).endswith(".png")
    other = task_claim(by=place.other_volunteer, task=_task(place, points=5))
    claim_complete(by=place.other_volunteer, claim=other, note="ok")
    board = leaderboard(user=place.station_user, area=place.compound)
    assert [(row["user_id"], row["points"]) for row in board] == [
        (place.volunteer.pk, 20),
        (place.other_volunteer.pk, 5),
    ]
    assert leaderboard(user=place.outsider) == []


def test_a_new_task_with_several_mistakes_names_them_all(place) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as err:
        task_create(
            by=place.station_user,
            title=" ",
            kind="other",
            area=place.building,
            places=0,
            deadline=timezone.now() - timedelta(days=1),
            points=-5,
        )
    assert set(err.value.message_dict) == {"title", "places", "deadline", "points"}
