"""Writes to the grid. The tree's paths are set here and nowhere else."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce, Concat
from django.utils.translation import gettext as _

from grassroots.core.lists import listed

from .models import ALLOWED_PARENTS, POST_AREA_KINDS, Area, AreaKind, Post, PostKind


def _check_parent(*, kind: str, parent: Area | None) -> None:
    allowed = ALLOWED_PARENTS[AreaKind(kind)]
    parent_kind = parent.kind if parent else None
    if parent_kind not in allowed:
        names = listed(AreaKind(k).label for k in allowed if k) or _("none (top of the tree)")
        raise ValidationError(
            {
                "parent": _("A %(kind)s must stand under: %(allowed)s.")
                % {"kind": AreaKind(kind).label, "allowed": names}
            }
        )


def _check_compound_fields(*, kind: str, land_area_m2: int | None, difficulty: int | None) -> None:
    if kind != AreaKind.COMPOUND and (land_area_m2 is not None or difficulty is not None):
        raise ValidationError(
            {"difficulty": _("Land area and management difficulty belong to compounds only.")}
        )
    if difficulty is not None and not 1 <= difficulty <= 5:
        raise ValidationError({"difficulty": _("Management difficulty is from 1 to 5.")})


def _set_path(area: Area) -> None:
    parent_path = area.parent.path if area.parent else "/"
    area.path = f"{parent_path}{area.pk}/"
    area.depth = parent_path.count("/")


@transaction.atomic
def area_create(
    *,
    name: str,
    kind: str,
    parent: Area | None,
    code: str,
    land_area_m2: int | None = None,
    difficulty: int | None = None,
) -> Area:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("The name is required.")})
    _check_parent(kind=kind, parent=parent)
    _check_compound_fields(kind=kind, land_area_m2=land_area_m2, difficulty=difficulty)
    if Area.objects.filter(parent=parent, code=code).exists():
        raise ValidationError(
            {"code": _("Another area under the same parent has code %(code)s.") % {"code": code}}
        )
    area = Area.objects.create(
        name=name, kind=kind, parent=parent, code=code, land_area_m2=land_area_m2, difficulty=difficulty
    )
    _set_path(area)
    area.save(update_fields=["path", "depth"])
    return area


PATH_BATCH = 900  # ids per UPDATE, under SQLite's bound-parameter limit


@transaction.atomic
def areas_bulk_create(areas: Sequence[Area]) -> list[Area]:
    """Insert many areas whose parents already have paths (one level of a generated tree at a time)."""
    for area in areas:
        _check_parent(kind=area.kind, parent=area.parent)
    created = Area.objects.bulk_create(areas)
    # Each path needs the row's own key, known only now. The database appends it to the parent's path:
    # bulk_update's CASE per row took 5 s for the 7,000 buildings and units of a 200,000-row ledger.
    parent = Area.objects.filter(pk=OuterRef("parent_id"))
    pks = [a.pk for a in created]
    for start in range(0, len(pks), PATH_BATCH):
        Area.objects.filter(pk__in=pks[start : start + PATH_BATCH]).update(
            path=Concat(
                Coalesce(Subquery(parent.values("path")), Value("/")),
                Cast("pk", CharField()),
                Value("/"),
                output_field=CharField(),
            ),
            depth=Coalesce(Subquery(parent.values("depth")), 0) + 1,
        )
    for area in created:
        _set_path(area)
    return created


def areas_keyed(areas: Sequence[Area], pks: Sequence[int]) -> list[Area]:
    """Check new areas and give each the key it will be written with and the path that follows, for a
    caller that writes them beside rows of its own (a ledger import copies a chunk's new buildings and
    units with its households, so it need not wait for its connection to insert them here). `pks` come
    from the table's key sequence; the parents already have their paths."""
    for area, pk in zip(areas, pks, strict=True):
        _check_parent(kind=area.kind, parent=area.parent)
        area.pk = pk
        _set_path(area)
    return list(areas)


@transaction.atomic
def area_update(
    *, area: Area, name: str | None = None, land_area_m2: int | None = None, difficulty: int | None = None
) -> Area:
    if name is not None:
        if not name.strip():
            raise ValidationError({"name": _("The name is required.")})
        area.name = name.strip()
    if land_area_m2 is not None or difficulty is not None:
        _check_compound_fields(kind=area.kind, land_area_m2=land_area_m2, difficulty=difficulty)
        area.land_area_m2 = land_area_m2 if land_area_m2 is not None else area.land_area_m2
        area.difficulty = difficulty if difficulty is not None else area.difficulty
    area.save()
    return area


@transaction.atomic
def post_create(
    *,
    name: str,
    kind: str,
    area: Area,
    address: str = "",
    phone: str = "",
    covers: Sequence[Area] = (),
) -> Post:
    if area.kind not in POST_AREA_KINDS[kind]:
        raise ValidationError(
            {
                "area": _("A %(post)s cannot stand on a %(kind)s.")
                % {"post": PostKind(kind).label, "kind": area.get_kind_display()}
            }
        )
    for street in covers:
        if street.parent_id != area.pk:
            raise ValidationError({"covers": _("A combat zone covers streets of its own district only.")})
    post = Post.objects.create(name=name.strip(), kind=kind, area=area, address=address, phone=phone)
    if covers:
        post.covers.set(covers)
    return post
