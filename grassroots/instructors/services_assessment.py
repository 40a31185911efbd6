"""Assessment writes: the public villager survey, village-cadre reviews, weighted grades, the export."""

from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from grassroots.core.crypto import digest
from grassroots.core.models import AccessGrant, User
from grassroots.core.printed import printed_token, printed_value
from grassroots.core.services import audit_record
from grassroots.core.typed import typed_text
from grassroots.core.watermark import exporter, stamp, watermark
from grassroots.people.validators import normalise_phone
from grassroots.places.models import Area

from .models import (
    Assessment,
    CadreReview,
    Call,
    DispatchMeeting,
    Grade,
    Instructor,
    Status,
    SurveyAnswer,
    TrainingSession,
    WorkLog,
)
from .roles import is_city_committee, is_township_for

# Weighted total: work results half, villagers 30 %, village cadres 20 %.
WEIGHTS = {"work": Decimal("0.5"), "survey": Decimal("0.3"), "cadre": Decimal("0.2")}
# Work results: logs (days logged against 8 a month), dispatch meetings reported at, training attended
# (against the sessions required).
WORK_PARTS = {"logs": 50, "meetings": 25, "training": 25}
LOG_DAYS_PER_MONTH = 8
# Sessions each instructor must attend in the period (or all there were, if fewer).
TRAINING_REQUIRED = 2
GRADE_FLOORS = [(Decimal(90), Grade.EXCELLENT), (Decimal(75), Grade.COMPETENT), (Decimal(60), Grade.BASIC)]
SURVEY_LIMIT_PER_HOUR = 30
SURVEY_SALT = "instructors.survey"


def survey_token(call: Call, village: Area) -> str:
    """The signed reference a village's QR code carries: call and village, unforgeable, never expiring."""
    return printed_token({"c": call.pk, "v": village.pk}, salt=SURVEY_SALT)


def survey_target(token: str) -> tuple[Instructor, Area]:
    """The instructor serving the village a survey token names; ValidationError if none."""
    try:
        data = printed_value(token, salt=SURVEY_SALT)
    except signing.BadSignature as exc:
        raise ValidationError({"token": _("This survey code is not valid.")}) from exc
    instructor = (
        Instructor.objects.select_related("village", "call")
        .filter(call_id=data["c"], village_id=data["v"], status=Status.APPROVED)
        .first()
    )
    if instructor is None or instructor.village is None:
        raise ValidationError({"token": _("No instructor serves this village now.")})
    return instructor, instructor.village


@transaction.atomic
def survey_answer(*, token: str, phone: str, score: int, comment: str = "", ip: str = "") -> SurveyAnswer:
    """A villager's answer: one per phone number per village and year, and a limit per sending address."""
    instructor, village = survey_target(token)
    phone = normalise_phone(phone)
    if not phone:
        raise ValidationError(
            {"phone": _("Give your phone number: it keeps the survey to one answer per person.")}
        )
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Choose a score from 1 to 5.")})
    comment = typed_text(SurveyAnswer, "comment", comment)
    now = timezone.now()
    ip_digest = digest(f"survey-ip:{ip}")
    if (
        SurveyAnswer.objects.filter(ip_digest=ip_digest, at__gte=now - timedelta(hours=1)).count()
        >= SURVEY_LIMIT_PER_HOUR
    ):
        raise ValidationError(
            {"__all__": _("Too many answers from this network; please try again in an hour.")}
        )
    year = timezone.localdate().year
    answer = SurveyAnswer(
        instructor=instructor,
        village=village,
        year=year,
        phone_digest=digest(f"survey-phone:{phone}"),
        ip_digest=ip_digest,
        score=score,
        comment=comment,
    )
    try:
        with transaction.atomic():
            answer.save()
    except IntegrityError as exc:
        raise ValidationError(
            {"phone": _("This phone number has already answered for this village this year.")}
        ) from exc
    audit_record(actor=None, action="survey_answer", obj=answer, area=village, detail={"year": year})
    return answer


def is_village_cadre(user: User, village: Area) -> bool:
    """A logged-in cadre of the village: someone whose area grant is the village itself."""
    return AccessGrant.objects.filter(user=user, area=village).exists()


@transaction.atomic
def cadre_review_record(*, by: User, instructor: Instructor, score: int, comment: str = "") -> CadreReview:
    village = instructor.village
    if village is None or instructor.status != Status.APPROVED or not is_village_cadre(by, village):
        raise PermissionDenied
    if not 0 <= score <= 100:
        raise ValidationError({"score": _("Score from 0 to 100.")})
    year = timezone.localdate().year
    if CadreReview.objects.filter(instructor=instructor, year=year, by=by).exists():
        raise ValidationError({"score": _("You have already reviewed this instructor this year.")})
    review = CadreReview.objects.create(
        instructor=instructor,
        village=village,
        year=year,
        by=by,
        score=score,
        comment=typed_text(CadreReview, "comment", comment),
    )
    audit_record(actor=by, action="cadre_review_record", obj=review, area=village, detail={"score": score})
    return review


def _one(x: Any) -> Decimal:
    return Decimal(x).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def grade_for(total: Decimal) -> str:
    for floor, grade in GRADE_FLOORS:
        if total >= floor:
            return grade
    return Grade.INCOMPETENT


def _span(year: int, quarter: int) -> tuple[date, date]:
    if quarter:
        first = date(year, 3 * quarter - 2, 1)
        last = (date(year, 3 * quarter, 1) + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return first, last
    return date(year, 1, 1), date(year, 12, 31)


def assessment_inputs(instructor: Instructor, year: int, quarter: int = 0) -> dict[str, Any]:
    """Every figure the scores come from, kept with the assessment so its grade can be traced."""
    call = instructor.call
    first, last = _span(year, quarter)
    first, last = max(first, call.serves_from), min(last, call.serves_until, timezone.localdate())
    months = max(1, (last.year - first.year) * 12 + last.month - first.month + 1) if last >= first else 1
    log_days = (
        WorkLog.objects.filter(instructor=instructor, day__range=(first, last))
        .values("day")
        .distinct()
        .count()
    )
    township = instructor.village.parent if instructor.village else None
    meetings = DispatchMeeting.objects.filter(call=call, township=township, held_on__range=(first, last))
    held = meetings.count()
    reported = meetings.filter(reporters=instructor).count()
    sessions = TrainingSession.objects.filter(call=call, held_on__range=(first, last))
    trained, attended = sessions.count(), sessions.filter(attendees=instructor).count()
    survey = SurveyAnswer.objects.filter(instructor=instructor, year=year).aggregate(
        n=Count("id"), mean=Avg("score")
    )
    cadre = CadreReview.objects.filter(instructor=instructor, year=year).aggregate(
        n=Count("id"), mean=Avg("score")
    )
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "log_days": log_days,
        "log_days_expected": LOG_DAYS_PER_MONTH * months,
        "meetings_held": held,
        "meetings_reported": reported,
        "training_sessions": trained,
        "training_attended": attended,
        "training_required": min(trained, TRAINING_REQUIRED),
        "survey_answers": survey["n"],
        "survey_mean": float(survey["mean"]) if survey["mean"] is not None else None,
        "cadre_reviews": cadre["n"],
        "cadre_mean": float(cadre["mean"]) if cadre["mean"] is not None else None,
        "weights": {k: str(v) for k, v in WEIGHTS.items()},
        "work_parts": WORK_PARTS,
    }


def scores_from(inputs: dict[str, Any]) -> tuple[Decimal, Decimal | None, Decimal | None, Decimal, str]:
    """Work, survey and cadre scores (0–100), the weighted total and the grade. A part with no
    answers yet drops out and the other weights are scaled up, so nobody is graded on silence."""

    def share(got: int, out_of: int) -> Decimal:
        return Decimal(min(got, out_of)) / Decimal(out_of) if out_of else Decimal(1)

    work = _one(
        WORK_PARTS["logs"] * share(inputs["log_days"], inputs["log_days_expected"])
        + WORK_PARTS["meetings"] * share(inputs["meetings_reported"], inputs["meetings_held"])
        + WORK_PARTS["training"] * share(inputs["training_attended"], inputs["training_required"])
    )
    survey = (
        _one((Decimal(str(inputs["survey_mean"])) - 1) * 25) if inputs["survey_mean"] is not None else None
    )
    cadre = _one(Decimal(str(inputs["cadre_mean"]))) if inputs["cadre_mean"] is not None else None
    parts = [(WEIGHTS["work"], work), (WEIGHTS["survey"], survey), (WEIGHTS["cadre"], cadre)]
    present = [(w, s) for w, s in parts if s is not None]
    total = _one(sum(w * s for w, s in present) / sum(w for w, _s in present))
    return work, survey, cadre, total, grade_for(total)


@transaction.atomic
def assessment_compute(*, by: User, call: Call, year: int, quarter: int = 0) -> list[Assessment]:
    """Assess every serving instructor of the call for the year (quarter 0) or one quarter; re-running
    replaces the figures with fresh ones."""
    if not is_city_committee(by, call):
        raise PermissionDenied
    if not 0 <= quarter <= 4:
        raise ValidationError({"quarter": _("The quarter is 1 to 4 (0 for the year).")})
    period = Assessment.Period.QUARTER if quarter else Assessment.Period.YEAR
    done = []
    for instructor in call.instructors.filter(status=Status.APPROVED, village__isnull=False).select_related(
        "village__parent", "call"
    ):
        inputs = assessment_inputs(instructor, year, quarter)
        work, survey, cadre, total, grade = scores_from(inputs)
        assessment, _created = Assessment.objects.update_or_create(
            instructor=instructor,
            period=period,
            year=year,
            quarter=quarter,
            defaults={
                "work_score": work,
                "survey_score": survey if survey is not None else Decimal(0),
                "cadre_score": cadre if cadre is not None else Decimal(0),
                "total": total,
                "grade": grade,
                "inputs": inputs,
                "by": by,
            },
        )
        done.append(assessment)
    audit_record(
        actor=by,
        action="assessment_compute",
        obj=call,
        area=call.area,
        detail={"year": year, "quarter": quarter, "n": len(done)},
    )
    return done


def assessment_export(*, by: User, call: Call, year: int, township: Area, rows: list[Assessment]) -> bytes:
    """One township's annual results as xlsx, watermarked with the exporter; the export is audited."""
    if not (is_city_committee(by, call) or is_township_for(by, township)):
        raise PermissionDenied
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=f"{township.name}{year}"[:31])
    stamp(sheet, watermark(exporter(by)))
    sheet.append(
        [
            _("village"),
            _("instructor"),
            _("sending unit"),
            _("work results"),
            _("villager survey"),
            _("village-cadre review"),
            _("weighted total"),
            _("grade"),
            _("days logged"),
            _("survey answers"),
            _("cadre reviews"),
        ]
    )
    for a in rows:
        i = a.instructor
        sheet.append(
            [
                i.village.name if i.village else "",
                i.name,
                i.department.name,
                float(a.work_score),
                float(a.survey_score),
                float(a.cadre_score),
                float(a.total),
                a.get_grade_display(),
                a.inputs.get("log_days", 0),
                a.inputs.get("survey_answers", 0),
                a.inputs.get("cadre_reviews", 0),
            ]
        )
    out = BytesIO()
    book.save(out)
    audit_record(
        actor=by,
        action="assessment_export",
        obj=call,
        area=township,
        detail={"year": year, "township": township.name, "rows": len(rows)},
    )
    return out.getvalue()
