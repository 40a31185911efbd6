"""An audit record's object reads alike whoever acted: its text (which may hold words, such as a
grant's role) is written in the site's language, and its type word is the reader's, added when the
log is read. Records written before keep their text, and one naming a model since gone still reads."""

import re

from django.test import Client
from django.utils import translation

from grassroots.core.models import AuditLog, Role
from grassroots.core.services import access_grant_create


def objects(page: str) -> list[str]:
    """Each row's object text, without the area line under it."""
    return [
        cell.split("<br>")[0] for cell in re.findall(r'<td data-label="(?:对象|Object)">(.*?)</td>', page)
    ]


def test_the_object_reads_in_the_readers_words_whoever_acted(grid, make_user) -> None:  # type: ignore[no-untyped-def]
    hq = make_user("hq", Role.DISTRICT_HQ, grid.district)
    clerk = make_user("clerk")
    with translation.override("en"):
        access_grant_create(by=hq, user=clerk, area=grid.community, role=Role.COMMUNITY)
    assert AuditLog.objects.get(action="grant_access").object_repr == "clerk · 社区 · 社区1-1"
    # Written before: in its actor's language, and of a model no longer installed.
    for model, text in (("places.Area", "Old text"), ("gone.Thing", "遗留对象")):
        AuditLog.objects.create(
            action="probe", object_type=model, object_repr=text, area_path=grid.compound.path
        )
    client = Client()
    client.force_login(hq)

    assert objects(client.get("/audit/?action=grant_access").content.decode()) == [
        "权限范围：clerk · 社区 · 社区1-1"
    ]
    english = client.get("/audit/?action=grant_access", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert objects(english) == ["access grant: clerk · 社区 · 社区1-1"]
    assert objects(client.get("/audit/?action=probe").content.decode()) == ["遗留对象", "区域：Old text"]
