"""Writes to departments and staff."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from grassroots.core.models import User
from grassroots.core.services import audit_record
from grassroots.places.models import Area

from .models import Department, Rank, Staff, StaffKind
from .validators import normalise_phone


def _check(*, name: str, kind: str, rank: str, is_party_member: bool, party_post: str) -> None:
    if not name.strip():
        raise ValidationError({"name": pgettext("person", "The name is required.")})
    if kind not in StaffKind.values:
        raise ValidationError({"kind": _("Unknown staff kind: %(kind)s.") % {"kind": kind}})
    if rank not in Rank.values:
        raise ValidationError({"rank": _("Unknown rank: %(rank)s.") % {"rank": rank}})
    if party_post and not is_party_member:
        raise ValidationError({"party_post": _("Only a party member can hold a party post.")})


@transaction.atomic
def staff_create(
    *,
    by: User | None,
    name: str,
    gender: str,
    kind: str,
    area: Area,
    phone: str = "",
    department: Department | None = None,
    rank: str = Rank.STAFF,
    is_party_member: bool = False,
    party_post: str = "",
) -> Staff:
    _check(name=name, kind=kind, rank=rank, is_party_member=is_party_member, party_post=party_post)
    staff = Staff.objects.create(
        name=name.strip(),
        gender=gender,
        kind=kind,
        area=area,
        phone=normalise_phone(phone),
        department=department,
        rank=rank,
        is_party_member=is_party_member,
        party_post=party_post,
    )
    audit_record(actor=by, action="create", obj=staff)
    return staff


EDITABLE = ("name", "phone", "gender", "department", "rank", "kind", "area", "is_party_member", "party_post")


@transaction.atomic
def staff_update(*, by: User | None, staff: Staff, version: int, **changes: object) -> Staff:
    """Apply `changes` if nobody else changed the record since `version` was read."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field cannot be changed here.")})
    if "phone" in changes:
        changes["phone"] = normalise_phone(str(changes["phone"]))
    merged = {f: changes.get(f, getattr(staff, f)) for f in EDITABLE}
    _check(
        name=str(merged["name"]),
        kind=str(merged["kind"]),
        rank=str(merged["rank"]),
        is_party_member=bool(merged["is_party_member"]),
        party_post=str(merged["party_post"]),
    )
    old = {f: str(getattr(staff, f)) for f in changes}
    updated = Staff.objects.filter(pk=staff.pk, version=version).update(version=F("version") + 1, **changes)
    if not updated:
        raise ValidationError({"version": _("Someone else changed this record; reload it and try again.")})
    staff.refresh_from_db()
    audit_record(
        actor=by, action="update", obj=staff, detail={f: [old[f], str(getattr(staff, f))] for f in changes}
    )
    return staff
