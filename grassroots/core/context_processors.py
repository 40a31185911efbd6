from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .scope import role_at_least

# The main menu: (url name, label, the narrowest role that sees it, or None for every signed-in user —
# e.g. a self-nominated instructor candidate holds no office yet). Each app adds its pages here.
MENU = [
    ("home", _("Home"), None),
    ("area-top", _("Areas"), "volunteer"),
    ("staff-directory", _("Staff"), "station"),
    ("ledger", _("Ledger"), "volunteer"),
    ("ledger-care", _("One-to-one care"), "staff"),
    ("deployment-coverage", _("Coverage"), "station"),
    ("deployment-rota", _("Rest rotation"), "volunteer"),
    ("party-stats", _("Party building"), "station"),
    ("party-my-card", _("My party card"), "volunteer"),
    ("evaluation-periods", _("Assessment"), "volunteer"),
    ("services-board", _("Requests"), "staff"),
    ("services-tasks", _("Tasks to claim"), "volunteer"),
    ("services-rounds", _("Deliveries"), "staff"),
    ("services-stock", _("Supplies"), "station"),
    ("instructors-home", _("Rural instructors"), None),
    ("report-list", _("Reports"), "station"),
    ("order-list", _("Orders"), "station"),
    ("meeting-list", _("Daily meetings"), "station"),
    ("report-timeliness", _("Reporting timeliness"), "community"),
    ("inbox", _("Inbox"), None),
    ("notification-deliveries", _("Message delivery"), "district_hq"),
    ("audit-log", _("Audit log"), "district_hq"),
]


def navigation(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "menu": [(name, label) for name, label, role in MENU if role is None or role_at_least(user, role)],
        "unread_count": user.notifications.filter(read_at__isnull=True).count(),
    }
