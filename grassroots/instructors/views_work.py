"""Pages of the working year: training, work logs, meetings, assessment, the survey and its QR codes."""

import uuid
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from grassroots.core.forms import show_errors, submitted
from grassroots.core.lists import listed
from grassroots.core.middleware import client_ip
from grassroots.core.qr import qr_svg
from grassroots.core.requests import signed_in
from grassroots.places.models import Area, AreaKind

from . import selectors as sel
from .forms import CadreReviewForm, LogForm, MeetingForm, SurveyForm, TrainingForm, UnitReviewForm
from .models import QUARTERS, CadreReview, Instructor, Status, WorkLog, period_words
from .roles import is_city_committee, is_township_for
from .services_assessment import (
    GRADE_FLOORS,
    assessment_compute,
    assessment_export,
    cadre_review_record,
    is_village_cadre,
    survey_answer,
    survey_target,
    survey_token,
)
from .services_work import dispatch_meeting_record, training_record, unit_review_record, work_log_write
from .tasks import missing_log_reminders

REVIEWS_PER_PAGE = 50


@login_required
def training(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    committee = is_city_committee(user, call)
    serving = call.instructors.filter(status=Status.APPROVED).order_by("name")
    form = (
        TrainingForm(request.POST or None, choices=[(i.pk, i.name) for i in serving]) if committee else None
    )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if submitted(
            request,
            form,
            lambda data: training_record(
                by=user,
                call=call,
                attendee_ids=[int(x) for x in data["attendees"]],
                **{k: v for k, v in data.items() if k != "attendees"},
            ),
            _("Training session recorded."),
        ):
            return redirect("instructors-training", call_id=call.pk)
    period = "month" if request.GET.get("period") == "month" else "quarter"
    return render(
        request,
        "instructors/training.html",
        {
            "call": call,
            "sessions": sel.training_for(call),
            "totals": sel.training_totals(call, period),
            "period": period,
            "form": form,
        },
    )


@login_required
def work_log(request: HttpRequest) -> HttpResponse:
    """The phone page an instructor opens each working day."""
    user = signed_in(request)
    me = sel.my_instructor(user)
    if me is None:
        return render(request, "instructors/log.html", {"me": None})
    form = LogForm(request.POST or None, request.FILES or None, initial={"client_uuid": uuid.uuid4()})

    def write(data: dict[str, Any]) -> WorkLog:
        assert me.village is not None
        return work_log_write(by=user, instructor=me, village=me.village, **data)

    if submitted(request, form, write, _("Work log saved.")):
        return redirect("instructors-log")
    return render(request, "instructors/log.html", {"me": me, "form": form, "logs": sel.my_logs(me)})


@login_required
def missing_logs(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    try:
        days = max(1, min(int(request.GET.get("days", "7")), 92))
    except ValueError:
        days = 7
    until = timezone.localdate()
    since = until - timedelta(days=days - 1)
    if request.method == "POST":
        if not is_city_committee(user, call):
            raise PermissionDenied
        missing_log_reminders.enqueue(call.pk, days)
        messages.success(request, _("Reminders to the township offices are on their way."))
        return redirect(f"{reverse('instructors-missing', args=[call.pk])}?days={days}")
    return render(
        request,
        "instructors/missing.html",
        {
            "call": call,
            "days": days,
            "since": since,
            "until": until,
            "missing": sel.missing_logs(user, call, since, until),
        },
    )


@login_required
def meetings(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    mine = sel.townships_of(call).filter(
        pk__in=[a.pk for a in sel.townships_of(call) if is_township_for(user, a)]
    )
    form = None
    if mine.exists():
        serving = sel.instructors_for(user, call, status=Status.APPROVED).filter(village__parent__in=mine)
        form = MeetingForm(
            request.POST or None,
            townships=mine,
            choices=[(i.pk, f"{i.name}（{i.village}）") for i in serving],
        )
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if submitted(
            request,
            form,
            lambda data: dispatch_meeting_record(
                by=user,
                call=call,
                township=data["township"],
                year=data["held_on"].year,
                quarter=(data["held_on"].month - 1) // 3 + 1,
                held_on=data["held_on"],
                minutes=data["minutes"],
                reporter_ids=[int(x) for x in data["reporters"]],
            ),
            _("Dispatch meeting recorded."),
        ):
            return redirect("instructors-meetings", call_id=call.pk)
    return render(
        request,
        "instructors/meetings.html",
        {
            "call": call,
            "meetings": sel.meetings_for(user, call),
            "reviews": Paginator(sel.reviews_for(user, call), REVIEWS_PER_PAGE).get_page(
                request.GET.get("reviews")
            ),
            "form": form,
        },
    )


@login_required
def unit_review(request: HttpRequest, instructor_id: int) -> HttpResponse:
    user = signed_in(request)
    candidate = sel.instructor_or_404(user, instructor_id)
    if request.method != "POST":
        return redirect("instructors-person", instructor_id=candidate.pk)
    form = UnitReviewForm(request.POST)
    if form.is_valid():
        try:
            unit_review_record(by=user, instructor=candidate, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Monthly review recorded."))
    else:
        messages.error(request, _("Choose the month and write the notes."))
    return redirect("instructors-person", instructor_id=candidate.pk)


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _township(request: HttpRequest) -> Area | None:
    raw = request.GET.get("township", "")
    return Area.objects.filter(pk=int(raw), kind=AreaKind.TOWNSHIP).first() if raw.isdigit() else None


def _quarter(raw: str) -> int:
    """1 to 4 for a quarter's day-to-day assessment, 0 for the annual one."""
    return int(raw) if raw in ("1", "2", "3", "4") else 0


@login_required
def assessment(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    year = _year(request)
    committee = is_city_committee(user, call)
    if request.method == "POST":
        if not committee:
            raise PermissionDenied
        quarter = _quarter(request.POST.get("quarter", "0"))
        try:
            done = assessment_compute(by=user, call=call, year=year, quarter=quarter)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                ngettext("%(n)d instructor assessed.", "%(n)d instructors assessed.", len(done))
                % {"n": len(done)},
            )
        return redirect(f"{reverse('instructors-assessment', args=[call.pk])}?year={year}&quarter={quarter}")
    quarter = _quarter(request.GET.get("quarter", "0"))
    township = _township(request)
    rows = sel.assessments_for(user, call, year, township, quarter)
    grades: dict[str, int] = {}
    for a in rows:
        grades[a.get_grade_display()] = grades.get(a.get_grade_display(), 0) + 1
    townships = [t for t in sel.townships_of(call) if committee or is_township_for(user, t)]
    return render(
        request,
        "instructors/assessment.html",
        {
            "call": call,
            "year": year,
            "quarter": quarter,
            "quarters": list(QUARTERS.items()),
            "period": period_words(year, quarter),
            "rows": rows,
            "grades": grades,
            "floors": listed(
                pgettext("grade floor", "%(grade)s ≥ %(floor)s") % {"grade": grade.label, "floor": floor}
                for floor, grade in GRADE_FLOORS
            ),
            "townships": townships,
            "township": township,
            "committee": committee,
        },
    )


@login_required
def assessment_xlsx(request: HttpRequest, call_id: int) -> HttpResponse:
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    township = _township(request)
    if township is None or not sel.townships_of(call).filter(pk=township.pk).exists():
        raise Http404
    year = _year(request)
    quarter = _quarter(request.GET.get("quarter", "0"))
    data = assessment_export(
        by=user,
        call=call,
        year=year,
        township=township,
        rows=list(sel.assessments_for(user, call, year, township, quarter)),
    )
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    # Named by the township's name (RFC 5987 carries it), with a plain name for clients that read only that.
    period = f"{year}" + (f"-Q{quarter}" if quarter else "")
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-{period}.xlsx"; '
        f"filename*=UTF-8''{quote(f'{township.name}-{period}.xlsx')}"
    )
    return response


@login_required
def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    found = sel.assessment_or_404(signed_in(request), assessment_id)
    return render(request, "instructors/assessment_detail.html", {"a": found, "inputs": found.inputs})


@login_required
def survey_codes(request: HttpRequest, call_id: int) -> HttpResponse:
    """Printable QR codes, one per village the user looks after, each opening that village's survey."""
    user = signed_in(request)
    call = sel.call_or_404(user, call_id)
    serving = (
        sel.instructors_for(user, call, status=Status.APPROVED)
        .filter(village__isnull=False)
        .order_by("village__path")
    )
    codes = []
    for i in serving:
        if not (is_city_committee(user, call) or is_township_for(user, i.village)):  # type: ignore[arg-type]
            continue
        url = request.build_absolute_uri(reverse("instructors-survey", args=[survey_token(call, i.village)]))  # type: ignore[arg-type]
        codes.append({"instructor": i, "url": url, "svg": qr_svg(url, scale=3, border=4)})
    return render(request, "instructors/survey_codes.html", {"call": call, "codes": codes})


def survey(request: HttpRequest, village_code: str) -> HttpResponse:
    """The public villager survey: no login, one answer per phone number, rate-limited per address."""
    try:
        instructor, village = survey_target(village_code)
    except ValidationError as exc:
        raise Http404 from exc
    form = SurveyForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        try:
            survey_answer(token=village_code, ip=client_ip(request) or "", **form.cleaned_data)
        except ValidationError as exc:
            show_errors(form, exc)
        else:
            done = True
    return render(
        request,
        "instructors/survey.html",
        {"instructor": instructor, "village": village, "form": form, "done": done},
    )


@login_required
def cadre_review(request: HttpRequest) -> HttpResponse:
    """Village cadres review the instructor of their own village."""
    user = signed_in(request)
    village_ids = sel.cadre_village_ids(user)
    serving = list(
        Instructor.objects.filter(village_id__in=village_ids, status=Status.APPROVED).select_related(
            "village"
        )
    )
    year = timezone.localdate().year
    reviewed = set(CadreReview.objects.filter(by=user, year=year).values_list("instructor_id", flat=True))
    form = CadreReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = next((i for i in serving if i.pk == form.cleaned_data["instructor"]), None)
        if target is None or not is_village_cadre(user, target.village):  # type: ignore[arg-type]
            raise PermissionDenied
        try:
            cadre_review_record(
                by=user,
                instructor=target,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Review recorded."))
        return redirect("instructors-cadre-review")
    return render(
        request,
        "instructors/cadre_review.html",
        {"serving": [(i, i.pk in reviewed) for i in serving], "year": year},
    )
