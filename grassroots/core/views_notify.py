"""The page where district HQ sees messages that could not be delivered, and sends them again."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Delivery, DeliveryStatus, User
from .notify import delivery_retry as retry
from .scope import role_at_least, scope_q

# A pending delivery older than this was never picked up (a worker down): shown beside the failures.
STUCK_AFTER = timedelta(minutes=10)


def _deliveries(user: User) -> QuerySet[Delivery]:
    if not role_at_least(user, "district_hq"):
        raise PermissionDenied
    return Delivery.objects.filter(scope_q(user, "area_path"))


@login_required
def delivery_list(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    rows = _deliveries(user)
    status = request.GET.get("status", "")
    troubled = Q(status__in=[DeliveryStatus.RETRYING, DeliveryStatus.FAILED]) | Q(
        status=DeliveryStatus.PENDING, created_at__lt=timezone.now() - STUCK_AFTER
    )
    shown = rows.filter(status=status) if status in DeliveryStatus.values else rows.filter(troubled)
    page = Paginator(shown.select_related("user", "post"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/deliveries.html",
        {"page": page, "status": status, "statuses": DeliveryStatus.choices},
    )


@login_required
@require_POST
def delivery_retry(request: HttpRequest, delivery_id: int) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    delivery = _deliveries(user).filter(pk=delivery_id).first()
    if delivery is None:
        raise Http404
    retry(delivery=delivery, by=user)
    messages.success(request, _("Queued to send again."))
    return redirect("notification-deliveries")
