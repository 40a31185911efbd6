import datetime as dt
import io

from openpyxl import load_workbook

from grassroots.core.models import AuditLog
from grassroots.deployment.models import Role, Training, WorkGroup
from grassroots.deployment.services import assignment_create
from grassroots.deployment.services_rota import rota_generate
from grassroots.places.models import Post, PostKind

from .factories import person


def test_it_shows_the_station_its_rota_and_untrained_people(grid, make_user, client):  # type: ignore[no-untyped-def]
    hq = make_user("hq", "district_hq", grid.district)
    post = Post.objects.create(name="一号指挥站", kind=PostKind.STATION, area=grid.compound)
    names = []
    for i in range(3):
        s = person(grid.compound, name=f"队员{i}")
        names.append(s.name)
        assignment_create(
            by=hq, staff=s, area=grid.compound, role=Role.MEMBER, work_group=WorkGroup.LIVELIHOOD
        )
    rota = rota_generate(by=hq, post=post, starts_on=dt.date.today(), days=7, min_heads=1)
    station = make_user("st", "station", grid.compound)
    client.force_login(station)
    page = client.get(f"/deployment/stations/{post.pk}/").content.decode()
    assert "一号指挥站" in page and all(n in page for n in names)
    assert 'id="untrained"' in page
    first = rota.shifts.order_by("staff__name").first()
    assert first is not None
    trained = client.post(
        f"/deployment/stations/{post.pk}/training/", {"staff": first.staff_id, "manual_given": "1"}
    )
    assert trained.status_code == 302 and Training.objects.get(staff_id=first.staff_id).manual_given
    exported = client.get(f"/deployment/rotas/{rota.pk}/xlsx/")
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert any(str(c).startswith(("队员0", "队员1", "队员2")) for c in cells)
    assert any("st" in str(c) for c in cells[:3])  # the exporter's name on the sheet
    assert "st" in str(sheet.oddHeader.center.text)  # type: ignore[union-attr]  # and on a printed copy
    assert AuditLog.objects.filter(action="export_rota", object_id=str(rota.pk)).exists()
    coverage = client.get(f"/deployment/coverage/?area={grid.compound.pk}").content.decode()
    assert "一号指挥站" in coverage and 'id="gaps"' in coverage
    outside = client.get(f"/deployment/coverage/?area={grid.compounds[1].pk}")
    assert outside.status_code == 404
