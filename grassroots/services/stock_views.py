"""Pages for the stock of each station and centre: levels, low items first, and the moves of one item."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from grassroots.core.scope import role_at_least

from . import selectors
from .forms import errors_beside, posted_int
from .models import StockCategory
from .stock_services import stock_issue, stock_item_create, stock_receive, stock_transfer, transfer_targets
from .task_services import Conflict


def _keeper(request: HttpRequest) -> None:
    if not role_at_least(request.user, "station"):
        raise PermissionDenied


# The boxes a refusal is shown beside, keeping what was typed: adding an item, and moving stock.
ITEM_FIELDS = ("name", "category", "unit", "low_threshold")
MOVE_FIELDS = ("quantity", "to_whom", "note", "to_post")


@login_required
def stock_index(request: HttpRequest) -> HttpResponse:
    _keeper(request)
    posts = selectors.stock_posts(user=request.user)
    post = get_object_or_404(posts, pk=request.GET["post"]) if request.GET.get("post", "").isdigit() else None
    if request.GET.get("post") and post is None:
        raise PermissionDenied
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and post is not None:
        try:
            stock_item_create(
                by=request.user,
                post=post,
                name=request.POST.get("name", ""),
                category=request.POST.get("category", ""),
                unit=request.POST.get("unit", ""),
                low_threshold=posted_int(request, "low_threshold", 0, _("Low-stock threshold")),
            )
        except ValidationError as exc:
            errors = errors_beside(request, exc, ITEM_FIELDS)
        if not errors:
            return redirect(f"{request.path}?post={post.pk}")
    low_only = request.GET.get("low") == "1"
    items = Paginator(selectors.stock_list(user=request.user, post=post, low=low_only), 50)
    return render(
        request,
        "services/stock.html",
        {
            "items": items.get_page(request.GET.get("page")),
            "post": post,
            # Every station and centre the user answers for: one per compound or community, which
            # a district counts in hundreds, not the thousands of its buildings; one select holds them.
            "posts": posts.order_by("area__path", "name"),
            "low_only": low_only,
            "categories": StockCategory.choices,
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@login_required
def stock_item(request: HttpRequest, stock_item_id: int) -> HttpResponse:
    _keeper(request)
    item = selectors.stock_item_get(user=request.user, pk=stock_item_id)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            quantity = posted_int(request, "quantity", 0, _("Quantity"))
            note = request.POST.get("note", "")
            if action == "receive":
                stock_receive(by=request.user, item=item, quantity=quantity, note=note)
            elif action == "issue":
                stock_issue(
                    by=request.user,
                    item=item,
                    quantity=quantity,
                    to_whom=request.POST.get("to_whom", ""),
                    note=note,
                )
            elif action == "transfer":
                target = (
                    transfer_targets(user=request.user, item=item)
                    .filter(pk=posted_int(request, "to_post", 0))
                    .first()
                )
                if target is None:
                    raise ValidationError({"to_post": _("Choose the post to transfer to.")})
                stock_transfer(by=request.user, item=item, to_post=target, quantity=quantity, note=note)
            else:
                raise ValidationError({"action": _("Unknown action.")})
        except ValidationError as exc:
            errors = errors_beside(request, exc, MOVE_FIELDS)
        except Conflict as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Recorded."))
        if not errors:
            return redirect("services-stock-item", stock_item_id=item.pk)
    targets = transfer_targets(user=request.user, item=item)
    return render(
        request,
        "services/stock_item.html",
        {
            "item": item,
            "moves": Paginator(selectors.stock_moves(item), 50).get_page(request.GET.get("page")),
            "targets": targets,
            # Only the form that was sent shows its refusal and what was typed in it.
            "action": request.POST.get("action", ""),
            "values": request.POST,
            "errors": errors,
        },
        status=400 if errors else 200,
    )
