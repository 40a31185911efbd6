from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from grassroots.places.models import Area, AreaKind
from grassroots.places.selectors import ancestors, kinds_below, with_descendant_counts

from .audit_actions import AUDIT_ACTIONS
from .audit_words import line
from .models import AuditLog
from .requests import signed_in
from .scope import in_scope, role_at_least, scope_q, scoped_areas, top_areas
from .services import notification_mark_read


def _with_stats(areas: QuerySet[Area], kinds: list[str]) -> list[Area]:
    """The areas, each with `.stats`: (kind label, descendants of that kind) for the given kinds."""
    annotated = list(with_descendant_counts(areas, kinds))
    for area in annotated:
        area.stats = [(AreaKind(k).label, getattr(area, f"n_{k}")) for k in kinds]  # type: ignore[attr-defined]
    return annotated


@login_required
def area_top(request: HttpRequest) -> HttpResponse:
    tops = list(top_areas(signed_in(request))[:2])
    if len(tops) == 1:
        return redirect("area-detail", area_id=tops[0].pk)
    return redirect("home")


@login_required
def area_detail(request: HttpRequest, area_id: int) -> HttpResponse:
    user = signed_in(request)
    area = scoped_areas(user).filter(pk=area_id).first()
    if area is None:
        raise Http404
    kinds = kinds_below(area.kind)
    children = _with_stats(area.children.all(), kinds[1:4])
    trail = [a for a in ancestors(area) if in_scope(user, a)]
    return render(
        request,
        "core/area_detail.html",
        {
            "area": area,
            "trail": trail,
            "children": children,
            "posts": area.posts.all(),
            "staff_count": area.staff.count(),
        },
    )


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not role_at_least(user, "district_hq"):
        raise PermissionDenied
    records = AuditLog.objects.filter(scope_q(user, "area_path")).select_related("area__parent")
    action = request.GET.get("action", "")
    if action:
        records = records.filter(action=action)
    who = request.GET.get("who", "").strip()
    if who:
        records = records.filter(actor_name__contains=who)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    choices = [(code, str(label)) for code, label in AUDIT_ACTIONS.items()]
    if action and action not in AUDIT_ACTIONS:
        # A filter on a code without a label (a link, a typed address) is still the filter shown.
        choices.insert(0, (action, action))
    return render(
        request,
        "core/audit_log.html",
        {
            "page": page,
            "lines": [line(r) for r in page],
            "choices": choices,
            "action": action,
            "who": who,
        },
    )


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    page = Paginator(signed_in(request).notifications.all(), 30).get_page(request.GET.get("page"))
    return render(request, "core/inbox.html", {"page": page})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id")
    notification_mark_read(
        user=signed_in(request), notification_id=int(raw) if raw and raw.isdigit() else None
    )
    return redirect("inbox")
