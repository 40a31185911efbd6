"""Who is told when a selection step hands them work, and where they act on it.

Each message is said in every language of the site (`core.notify`), so each reader reads their own,
whatever language the page that caused it was in."""

from collections.abc import Iterable
from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _

from grassroots.core.lists import listed
from grassroots.core.models import User
from grassroots.core.notify import Compose, Message, notify
from grassroots.core.services import notification_send
from grassroots.places.models import Area

from .models import FINISHED_WHILE, Call, Instructor, InstructorRole, RoleKind, Status
from .selectors import townships_of


def _send(users: Iterable[User], message: Compose, link: str) -> None:
    people = {u.pk: u for u in users if u.is_active}
    if people:
        notify(users=people.values(), message=message, link=link)


def _committee(call: Call) -> list[User]:
    roles = InstructorRole.objects.filter(kind=RoleKind.CITY_COMMITTEE).select_related("user", "area")
    return [r.user for r in roles if call.area.path.startswith(r.area.path)]


def _units(candidate: Instructor) -> list[User]:
    roles = InstructorRole.objects.filter(kind=RoleKind.SENDING_UNIT, department_id=candidate.department_id)
    return [r.user for r in roles.select_related("user")]


def _townships(call: Call) -> list[User]:
    roles = InstructorRole.objects.filter(kind=RoleKind.TOWNSHIP, area__in=townships_of(call))
    return [r.user for r in roles.select_related("user")]


def tell_after_application(candidate: Instructor) -> None:
    """A new eligible application waits for its sending unit's recommendation."""
    if candidate.status != Status.APPLIED:
        return
    _send(
        _units(candidate),
        lambda: Message(
            _("%(name)s applied to be an instructor: recommend or not") % {"name": candidate.name},
            _("%(call)s. Your unit decides whether to recommend the candidate.")
            % {"call": candidate.call.name},
        ),
        reverse("instructors-person", args=[candidate.pk]),
    )


def tell_after_recommendation(candidate: Instructor) -> None:
    """A recommended candidate waits for the townships' rankings and the city committee's review; a
    candidate the unit did not recommend is told."""
    call = candidate.call
    if candidate.status != Status.RECOMMENDED:
        _tell_candidate(candidate)
        return
    _send(
        _townships(call),
        lambda: Message(
            _("New candidate to rank: %(name)s") % {"name": candidate.name},
            _("%(call)s. Number the candidates you want most for each of your villages.")
            % {"call": call.name},
        ),
        reverse("instructors-needs", args=[call.pk]),
    )
    _send(
        _committee(call),
        lambda: Message(
            _("%(name)s is recommended: review the candidate") % {"name": candidate.name},
            _("%(call)s. The city committee approves or rejects the candidate.") % {"call": call.name},
        ),
        reverse("instructors-person", args=[candidate.pk]),
    )


def tell_after_review(candidate: Instructor) -> None:
    """The candidate learns the committee's decision; an approved one ranks the villages next."""
    _tell_candidate(candidate)


def _decision(candidate: Instructor) -> Message:
    if candidate.status == Status.APPROVED:
        return Message(_("You are approved as an instructor: rank the villages"), candidate.call.name)
    return Message(
        _("Your application is “%(status)s”") % {"status": candidate.get_status_display()},
        candidate.call.name,
    )


def _tell_candidate(candidate: Instructor) -> None:
    if candidate.status == Status.APPROVED:
        link = reverse("instructors-preferences", args=[candidate.pk])
    else:
        link = reverse("instructors-mine")
    _send([candidate.user], partial(_decision, candidate), link)


def _placed(instructor: Instructor) -> Message:
    call = instructor.call
    return Message(
        _("You serve %(village)s") % {"village": instructor.village.name if instructor.village else ""},
        _("%(call)s: service from %(start)s. Write a work log each working day.")
        % {"call": call.name, "start": call.serves_from.isoformat()},
    )


def tell_matched(instructors: Iterable[Instructor]) -> None:
    """Each instructor placed by an approved matching learns their village and starts logging there."""
    for i in instructors:
        if i.village is not None:
            _send([i.user], partial(_placed, i), reverse("instructors-log"))


def tell_after_finish(call: Call, not_selected: list[tuple[Instructor, str]], unfilled: list[Area]) -> None:
    """Each candidate still waiting learns they are not selected and what they were waiting for; each
    township office learns which of its villages the finished call leaves without an instructor."""
    for candidate, waiting in not_selected:
        _tell_not_selected(call, candidate.user, waiting)
    by_township: dict[int, list[Area]] = {}
    for village in unfilled:
        by_township.setdefault(village.parent_id or 0, []).append(village)
    roles = InstructorRole.objects.filter(kind=RoleKind.TOWNSHIP, area_id__in=by_township)
    for role in roles.select_related("user"):
        _tell_unfilled(call, role.user, [v.name for v in by_township[role.area_id]])


def _tell_not_selected(call: Call, user: User, waiting: str) -> None:
    if user.is_active:
        notification_send(
            recipients=[user],
            message=lambda: Message(
                _("Your application is “%(status)s”") % {"status": Status.NOT_SELECTED.label},
                _("%(call)s: %(why)s") % {"call": call.name, "why": FINISHED_WHILE[waiting]()},
            ),
            link=reverse("instructors-mine"),
        )


def _tell_unfilled(call: Call, user: User, villages: list[str]) -> None:
    if user.is_active:
        notification_send(
            recipients=[user],
            message=lambda: Message(
                _("%(call)s is finished: villages without an instructor") % {"call": call.name},
                _("%(villages)s. A supplementary call can cover them.") % {"villages": listed(villages)},
            ),
            link=reverse("instructors-call", args=[call.pk]),
        )
