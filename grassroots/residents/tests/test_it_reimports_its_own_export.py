"""An exported resident list goes back in unchanged: the 与户主关系 column holds the words the
importer reads (父母, not a place's 上级, for a parent), so every relation survives the round trip."""

from django.contrib.auth.models import Permission
from openpyxl import load_workbook

from grassroots.residents.idnumbers import compose
from grassroots.residents.ledger_export import export_ledger
from grassroots.residents.ledger_import import ledger_import
from grassroots.residents.models import Relation, Resident
from grassroots.residents.services import resident_create

from .conftest import BORN


def test_it_reads_back_every_relation_it_exported(household, make_user, grid, tmp_path):  # type: ignore[no-untyped-def]
    for n, relation in enumerate(Relation.values):
        resident_create(
            by=None,
            household=household,
            name=f"居民{n}",
            id_number=compose("220303", BORN, 2 * n + 1),
            relation=relation,
        )
    clerk = make_user("clerk", "community", grid.community)
    clerk.user_permissions.add(Permission.objects.get(codename="unmask_resident"))
    clerk = type(clerk).objects.get(pk=clerk.pk)
    path = tmp_path / "residents.xlsx"
    with path.open("wb") as out:
        export_ledger(by=clerk, area=grid.community, kind="residents", out=out, unmask=True)
    rows = [[c.value for c in row] for row in load_workbook(path).worksheets[0].iter_rows()]
    column = rows[1].index("与户主关系")
    assert rows[2 + Relation.values.index(Relation.PARENT)][column] == "父母"

    exported = dict(Resident.objects.values_list("name", "relation"))
    Resident.objects.update(relation=Relation.OTHER)
    result = ledger_import(by=clerk, area=grid.community, path=str(path), dry_run=False)

    assert result.errors == [] and result.updated == len(Relation.values)
    assert dict(Resident.objects.values_list("name", "relation")) == exported
    assert sorted(exported.values()) == sorted(Relation.values)
