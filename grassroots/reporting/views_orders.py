"""Pages for orders down the chain: issuing, the live who-has-not-acknowledged list, acknowledging."""

import uuid

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, top_areas

from . import orders
from .forms import AcknowledgeForm, CarryOutForm, OrderForm, set_choices
from .selectors import Waiting, order_counts, order_counts_many, order_get, order_list, order_receipts


@login_required
def order_list_page(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    waiting = request.GET.get("waiting", "")
    page = Paginator(order_list(user=user, waiting=waiting), 30).get_page(request.GET.get("page"))
    counts = order_counts_many(user=user, orders=page)
    for order in page:
        order.counts = counts[order.pk]  # type: ignore[attr-defined]
    return render(
        request,
        "reporting/order_list.html",
        {
            "page": page,
            "waiting": waiting,
            "waitings": Waiting.choices,
            "can_issue": role_at_least(user, "community"),
            "now": timezone.now(),
        },
    )


@login_required
def order_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    tops = list(top_areas(user))
    area = area_or_404(user, request.GET.get("area")) or (tops[0] if tops else None)
    if area is None or not role_at_least(user, "community"):
        raise PermissionDenied
    below = list(orders.posts_below(area))
    form = OrderForm(request.POST or None, request.FILES or None, initial={"client_id": uuid.uuid4()})
    set_choices(form, "posts", [(p.pk, f"{p.name} · {p.area.name}") for p in below])
    order = submitted(
        request,
        form,
        lambda data: orders.order_issue(
            by=user,
            area=area,
            title=data["title"],
            text=data["text"],
            ack_deadline=data["ack_deadline"],
            carry_out_deadline=data["carry_out_deadline"],
            post_ids=[int(p) for p in data["posts"]],
            attachments=request.FILES.getlist("attachments"),
            client_id=data["client_id"],
        ),
        _("Order issued."),
    )
    if order is not None:
        return redirect("order-detail", order_id=order.pk)
    return render(request, "reporting/order_form.html", {"form": form, "area": area})


def _receipts_context(request: HttpRequest, order_id: int) -> dict[str, object]:
    user = signed_in(request)
    order = order_get(user=user, order_id=order_id)
    if order is None:
        raise Http404
    receipts = list(order_receipts(user=user, order=order))
    return {
        "order": order,
        "pending": [r for r in receipts if r.acknowledged_at is None],
        "done": [r for r in receipts if r.acknowledged_at is not None],
        "counts": order_counts(user=user, order=order),
        "now": timezone.now(),
    }


@login_required
def order_detail(request: HttpRequest, order_id: int) -> HttpResponse:
    return _detail(request, order_id)


def _detail(
    request: HttpRequest,
    order_id: int,
    ack: AcknowledgeForm | None = None,
    carry: CarryOutForm | None = None,
) -> HttpResponse:
    """The order page; a refused acknowledgement or report shows its form again as sent, with the
    refusal beside its field."""
    context = _receipts_context(request, order_id)
    order = context["order"]
    mine = [r for r in context["pending"] + context["done"] if r.post_id in _my_posts(request)]  # type: ignore[operator]
    refused = (ack and ack.errors) or (carry and carry.errors)
    return render(
        request,
        "reporting/order_detail.html",
        {
            **context,
            "mine": mine,
            "attachments": order.attachments.all(),  # type: ignore[attr-defined]
            "ack_form": ack or AcknowledgeForm(initial={"name": signed_in(request).display_name}),
            "carry_form": carry or CarryOutForm(),
        },
        status=400 if refused else 200,
    )


def _my_posts(request: HttpRequest) -> set[int]:
    return set(signed_in(request).grants.exclude(post=None).values_list("post_id", flat=True))


@login_required
def order_receipts_partial(request: HttpRequest, order_id: int) -> HttpResponse:
    """Polled by the order page every few seconds: who has and has not acknowledged, live."""
    return render(request, "reporting/_order_receipts.html", _receipts_context(request, order_id))


@login_required
def order_attachment(request: HttpRequest, order_id: int, attachment_id: int) -> FileResponse:
    """An order's attachment, served only to those who may read the order (files are not public)."""
    order = order_get(user=signed_in(request), order_id=order_id)
    attachment = order.attachments.filter(pk=attachment_id).first() if order else None
    if attachment is None:
        raise Http404
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)


@login_required
@require_POST
def order_act(request: HttpRequest, order_id: int) -> HttpResponse:
    user = signed_in(request)
    order = order_get(user=user, order_id=order_id)
    if order is None:
        raise Http404
    if request.POST.get("do") == "carry_out":
        carry = CarryOutForm(request.POST)
        if submitted(
            request,
            carry,
            lambda d: orders.order_carry_out(by=user, order=order, note=d["note"]),
            _("Saved."),
        ):
            return redirect("order-detail", order_id=order.pk)
        return _detail(request, order.pk, carry=carry)
    ack = AcknowledgeForm(request.POST)
    if submitted(
        request, ack, lambda d: orders.order_acknowledge(by=user, order=order, name=d["name"]), _("Saved.")
    ):
        return redirect("order-detail", order_id=order.pk)
    return _detail(request, order.pk, ack=ack)
