"""What needs the user's action now, drawn from every room (the dashboard sits above them all).

Each source turns the user's scope into one line — a count, a word for its urgency and where to act —
or nothing when there is nothing to do. Overdue is derived from stored deadlines at read time.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import ngettext, pgettext_lazy

from grassroots.core.models import AnyUser, User
from grassroots.core.scope import role_at_least, top_areas
from grassroots.deployment.selectors import my_shifts
from grassroots.meetings.selectors import stations_missing_morning
from grassroots.party.selectors import members_out_of_ledger
from grassroots.reporting.models import FindingStatus
from grassroots.reporting.selectors import Waiting, findings_list, receipts_waiting, report_list
from grassroots.residents.care import overdue_contacts
from grassroots.services.selectors import request_board, task_list


@dataclass
class Item:
    text: str
    url: str
    status: str  # urgent | overdue | due: the app's one status language
    label: str | Promise


def _green_and_overdue_requests(user: AnyUser) -> list[Item]:
    if not role_at_least(user, "staff"):
        return []
    board = request_board(user=user)
    items = []
    # Counted by the database: the home page needs the numbers, not the rows.
    if n := board.green.count():
        text = ngettext("%(n)d green-channel case open", "%(n)d green-channel cases open", n) % {"n": n}
        items.append(Item(text, reverse("services-board"), "urgent", pgettext_lazy("status", "urgent")))
    if n := board.overdue.count():
        text = ngettext("%(n)d resident request overdue", "%(n)d resident requests overdue", n) % {"n": n}
        items.append(Item(text, reverse("services-board"), "overdue", pgettext_lazy("status", "overdue")))
    return items


def _reports_to_acknowledge(user: AnyUser) -> list[Item]:
    # A report climbs the chain one step per level; the user's own levels are the areas they hold.
    if not role_at_least(user, "community"):
        return []
    n = report_list(user=user, awaiting_me=True).count()
    if not n:
        return []
    text = ngettext(
        "%(n)d report waiting for your acknowledgement", "%(n)d reports waiting for your acknowledgement", n
    )
    url = f"{reverse('report-list')}?awaiting=me"
    return [Item(text % {"n": n}, url, "urgent", pgettext_lazy("status", "urgent"))]


def _waiting(user: AnyUser, waiting: str, late: Q) -> tuple[int, int, str]:
    """How many orders wait at the user's posts past their deadline and within it, and the list of them."""
    counts = receipts_waiting(user=user, waiting=waiting).aggregate(
        all=Count("order", distinct=True), late=Count("order", distinct=True, filter=late)
    )
    return counts["late"], counts["all"] - counts["late"], f"{reverse('order-list')}?waiting={waiting}"


def _orders_waiting(user: AnyUser) -> list[Item]:
    """Orders the user's own posts have yet to acknowledge, and acknowledged ones yet to carry out;
    those past their deadline on a line of their own, marked overdue, so they come first."""
    if not role_at_least(user, "station"):
        return []
    now = timezone.now()
    overdue, due = pgettext_lazy("status", "overdue"), pgettext_lazy("status", "due")
    items = []
    late, rest, url = _waiting(user, Waiting.ACKNOWLEDGE, Q(order__ack_deadline__lt=now))
    if late:
        text = ngettext(
            "%(n)d order overdue for acknowledgement", "%(n)d orders overdue for acknowledgement", late
        )
        items.append(Item(text % {"n": late}, url, "overdue", overdue))
    if rest:
        text = ngettext("%(n)d order not yet acknowledged", "%(n)d orders not yet acknowledged", rest)
        items.append(Item(text % {"n": rest}, url, "due", due))
    late, rest, url = _waiting(user, Waiting.CARRY_OUT, Q(order__carry_out_deadline__lt=now))
    if late:
        text = ngettext("%(n)d order overdue for carrying out", "%(n)d orders overdue for carrying out", late)
        items.append(Item(text % {"n": late}, url, "overdue", overdue))
    if rest:
        text = ngettext(
            "%(n)d order waiting to be carried out", "%(n)d orders waiting to be carried out", rest
        )
        items.append(Item(text % {"n": rest}, url, "due", due))
    return items


def _findings_to_review(user: AnyUser) -> list[Item]:
    if not role_at_least(user, "street"):
        return []
    n = findings_list(user=user, status=FindingStatus.OPEN).count()
    if not n:
        return []
    text = ngettext(
        "%(n)d late, missed or concealed report to review",
        "%(n)d late, missed or concealed reports to review",
        n,
    )
    return [Item(text % {"n": n}, reverse("finding-list"), "due", pgettext_lazy("status", "due"))]


def _missing_morning_meetings(user: AnyUser) -> list[Item]:
    if not role_at_least(user, "community"):
        return []
    n = sum(len(stations_missing_morning(user=user, area=area)) for area in top_areas(user))
    if not n:
        return []
    text = ngettext(
        "%(n)d station has no morning meeting recorded today",
        "%(n)d stations have no morning meeting recorded today",
        n,
    )
    return [Item(text % {"n": n}, reverse("meeting-list"), "overdue", pgettext_lazy("status", "overdue"))]


def _care_contacts_overdue(user: AnyUser) -> list[Item]:
    if not role_at_least(user, "staff"):
        return []
    n = len(overdue_contacts(user=user))
    if not n:
        return []
    text = ngettext("%(n)d care contact overdue", "%(n)d care contacts overdue", n) % {"n": n}
    return [Item(text, reverse("ledger-care"), "overdue", pgettext_lazy("status", "overdue"))]


def _party_members_out_of_ledger(user: AnyUser) -> list[Item]:
    if not role_at_least(user, "station"):
        return []
    # One organisation id per member: few, since each was a departure someone recorded by hand.
    organisations = list(members_out_of_ledger(user=user).values_list("organisation_id", flat=True))
    n = len(organisations)
    if not n:
        return []
    text = ngettext(
        "%(n)d party member has left the resident ledger: record their leaving the organisation",
        "%(n)d party members have left the resident ledger: record their leaving the organisation",
        n,
    )
    url = (
        reverse("party-organisation", args=[organisations[0]])
        if len(set(organisations)) == 1
        else reverse("party-organisations")
    )
    return [Item(text % {"n": n}, url, "due", pgettext_lazy("status", "due"))]


def _my_day(user: AnyUser) -> list[Item]:
    if not isinstance(user, User):
        return []
    items = []
    today = my_shifts(user).filter(day=timezone.localdate()).count()
    if today:
        text = ngettext("%(n)d shift for you today", "%(n)d shifts for you today", today) % {"n": today}
        items.append(Item(text, reverse("deployment-rota"), "due", pgettext_lazy("status", "due")))
    open_tasks = task_list(user=user, status="open").exclude(claims__user_id=user.pk).count()
    if open_tasks:
        text = ngettext("%(n)d task open to claim", "%(n)d tasks open to claim", open_tasks) % {
            "n": open_tasks
        }
        items.append(Item(text, reverse("services-tasks"), "due", pgettext_lazy("status", "due")))
    return items


def _unread(user: AnyUser) -> list[Item]:
    if not isinstance(user, User):
        return []
    n = user.notifications.filter(read_at__isnull=True).count()
    if not n:
        return []
    urgent = user.notifications.filter(read_at__isnull=True, urgent=True).exists()
    text = ngettext("%(n)d unread notification", "%(n)d unread notifications", n) % {"n": n}
    return [
        Item(
            text,
            reverse("inbox"),
            "urgent" if urgent else "due",
            pgettext_lazy("status", "urgent") if urgent else pgettext_lazy("status", "due"),
        )
    ]


SOURCES: list[Callable[[AnyUser], list[Item]]] = [
    _green_and_overdue_requests,
    _reports_to_acknowledge,
    _orders_waiting,
    _missing_morning_meetings,
    _findings_to_review,
    _care_contacts_overdue,
    _party_members_out_of_ledger,
    _unread,
    _my_day,
]

ORDER = {"urgent": 0, "overdue": 1, "due": 2}


def attention(user: AnyUser) -> list[Item]:
    """Everything waiting for the user, the most urgent first."""
    items = [item for source in SOURCES for item in source(user)]
    return sorted(items, key=lambda i: ORDER[i.status])
