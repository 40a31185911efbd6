"""The demo logins (password demo12345), each with the office the README lists."""

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from grassroots.core.models import AccessGrant, Role, User
from grassroots.people.models import Staff, StaffKind

from .context import DemoContext

PASSWORD = "demo12345"

# login → (role, how to find the area, description printed by `manage.py demo`)
LOGINS = [
    ("district", Role.DISTRICT_HQ, "district", "district HQ of 铁东区"),
    ("street", Role.STREET, "streets", "the first street"),
    ("community", Role.COMMUNITY, "communities", "the first community"),
    ("station", Role.STATION, "compounds", "the first compound's command station"),
    ("volunteer", Role.VOLUNTEER, "compounds", "a volunteer in the first compound"),
    ("shuangliao", Role.DISTRICT_HQ, "county", "HQ over 双辽市, and the city committee for instructors"),
]
# The instructor programme's logins, made by demo/instructors.py: login → description.
INSTRUCTOR_LOGINS = [
    ("danwei", "a sending unit that recommends instructor candidates"),
    ("xiangzhen", "the first township of 双辽市 (ranks candidates for its villages)"),
    ("zijian", "a person with no office, to self-nominate as an instructor"),
]


def password_hash(ctx: DemoContext) -> str:
    """The demo password hashed once a build and shared by every demo login: a hash takes about a
    second, on purpose."""
    if "password" not in ctx.extra:
        ctx.extra["password"] = make_password(PASSWORD)
    return str(ctx.extra["password"])


def build(ctx: DemoContext) -> None:
    hq_group, _ = Group.objects.get_or_create(name="district_hq")
    hq_group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=["places", "people", "core"]).exclude(
            codename__in=["add_auditlog", "change_auditlog", "delete_auditlog"]
        )
    )
    password = password_hash(ctx)
    users = {}
    for login, role, where, _description in LOGINS:
        target = getattr(ctx, where)
        area = target[0] if isinstance(target, list) else target
        user = User.objects.create(
            username=login,
            password=password,
            first_name=ctx.fake.first_name(),
            last_name=ctx.fake.last_name(),
            is_staff=role == Role.DISTRICT_HQ,
        )
        if role == Role.DISTRICT_HQ:
            user.groups.add(hq_group)
        post = ctx.stations[0] if login == "station" else None
        AccessGrant.objects.create(user=user, area=area, role=role, post=post)
        users[login] = user
    # The volunteer login is a volunteer of the first compound; the station login its first cadre.
    for login, kind in (("volunteer", StaffKind.VOLUNTEER), ("station", StaffKind.CADRE)):
        person = (
            Staff.objects.filter(area=ctx.compounds[0], kind=kind, user__isnull=True).order_by("pk").first()
        )
        if person:
            person.user = users[login]
            person.save(update_fields=["user"])
    User.objects.create(username="admin", password=password, is_staff=True, is_superuser=True)
    ctx.extra["users"] = users
