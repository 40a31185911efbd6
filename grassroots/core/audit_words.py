"""An audit record in the reader's words: what it was done to, and a short summary of its detail.

Both are put into words when the record is read, in the reader's language: the record keeps codes,
counts and names, so the same log reads in Chinese or English whoever acted. Each action's summary
is listed here, since the log is read in core and core may not import the rooms that record them;
a test (test_it_summarises_each_records_detail) checks these codes against the rooms' own."""

import json
from ast import literal_eval
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy, npgettext_lazy, pgettext, pgettext_lazy

from .audit_actions import action_label
from .models import AuditLog

# (detail key, its value, the model of the record's object) → words, or "" to say nothing.
type Part = Callable[[str, Any, type[Model] | None], str]
type Spec = tuple[tuple[str | None, Part], ...]


def _model_of(record: AuditLog) -> type[Model] | None:
    """The model the record's object was, if it is still installed (an old record may name one gone)."""
    try:
        return apps.get_model(record.object_type) if record.object_type else None
    except (LookupError, ValueError):
        return None


def object_words(record: AuditLog) -> str:
    """The object's type word in the reader's language, then its text as recorded."""
    model = _model_of(record)
    if model is None or not record.object_repr:
        return record.object_repr
    return pgettext("audit", "%(type)s: %(object)s") % {
        "type": model._meta.verbose_name,
        "object": record.object_repr,
    }


def _count(phrase: Promise, *, zero: bool = False) -> Part:
    """A number in words; `phrase` is plural on "n". Zero says nothing unless it is the news."""

    def part(key: str, value: Any, model: type[Model] | None) -> str:
        if isinstance(value, bool) or not isinstance(value, int) or (value == 0 and not zero):
            return ""
        return phrase % {"n": value}

    return part


def _text(phrase: Promise) -> Part:
    return lambda key, value, model: phrase % {"value": value} if value not in ("", None) else ""


def _names(phrase: Promise) -> Part:
    """A list of names (places, people) joined in the reader's way; `phrase` holds them as "names"."""

    def part(key: str, value: Any, model: type[Model] | None) -> str:
        if not isinstance(value, list) or not value:
            return ""
        return phrase % {"names": str(LIST_SEPARATOR).join(str(v) for v in value)}

    return part


def _plain(key: str, value: Any, model: type[Model] | None) -> str:
    return value if isinstance(value, str) else ""


def _flag(yes: Promise, no: Promise | None = None) -> Part:
    return lambda key, value, model: str(yes if value else (no or "")) if isinstance(value, bool) else ""


def _words(table: Mapping[str, Promise]) -> Part:
    """A code in words; a code without words (newer than this table) is shown as it is."""
    return lambda key, value, model: str(table.get(value, value)) if isinstance(value, str) else ""


def _choice(key: str, value: Any, model: type[Model] | None) -> str:
    """A code in words: the label of that choice on the object's field of the same name."""
    try:
        field = model._meta.get_field(key) if model is not None else None
    except FieldDoesNotExist:
        return ""
    choices = dict(getattr(field, "flatchoices", None) or ())
    return str(choices.get(value, ""))


# The ledger's history names the ID number, which is kept encrypted under other columns' names; the
# same English as the residents room's, so the same Chinese.
FIELD_WORDS = {"id_number": gettext_lazy("ID number")}


def _field_name(model: type[Model] | None, name: str) -> str:
    if name in FIELD_WORDS:
        return str(FIELD_WORDS[name])
    try:
        return str(getattr(model._meta.get_field(name), "verbose_name", name)) if model else name
    except FieldDoesNotExist:
        return name


def _fields(key: str, value: Any, model: type[Model] | None) -> str:
    """The fields changed, named as the object's model names them (a list of names, or a dict by name)."""
    if not isinstance(value, list | dict) or not value:
        return ""
    names = [_field_name(model, str(name)) for name in value]
    return pgettext("audit", "changed: %(fields)s") % {"fields": str(LIST_SEPARATOR).join(names)}


def _admin_change(key: str, value: Any, model: type[Model] | None) -> str:
    """The admin's own change message, which it stores in English and words as its log does."""
    try:
        message = literal_eval(value)
    except (ValueError, TypeError, SyntaxError):
        return ""  # cut short at 500 characters, or not a message the admin built
    return str(LogEntry(change_message=json.dumps(message)).get_change_message())


PART_SEPARATOR = pgettext_lazy("audit parts", ", ")
LIST_SEPARATOR = pgettext_lazy("audit list", ", ")

ROWS = _count(npgettext_lazy("audit", "%(n)d row", "%(n)d rows", "n"), zero=True)
PEOPLE = _count(npgettext_lazy("audit", "%(n)d person", "%(n)d people", "n"))
MOVES = _count(npgettext_lazy("audit", "%(n)d move", "%(n)d moves", "n"), zero=True)
SCORES = _count(npgettext_lazy("audit", "%(n)d score", "%(n)d scores", "n"), zero=True)
ATTENDEES = _count(npgettext_lazy("audit", "%(n)d attended", "%(n)d attended", "n"))
QUANTITY = _count(npgettext_lazy("audit", "quantity %(n)d", "quantity %(n)d", "n"))
SEARCH = _text(pgettext_lazy("audit", "searched for “%(value)s”"))
YEAR = _text(pgettext_lazy("audit", "year %(value)s"))

# The same English as the residents room's words for these codes, so the same Chinese (a test checks).
LEFT_REASONS = {
    "moved_away": gettext_lazy("moved away"),
    "deceased": gettext_lazy("deceased"),
    "duplicate": gettext_lazy("registered twice"),
    "other": gettext_lazy("other reason"),
}
EXPORT_LISTS = {
    "residents": gettext_lazy("residents"),
    "care": gettext_lazy("care residents"),
    "no-smartphone": gettext_lazy("no-smartphone households"),
    "vacant": gettext_lazy("long-vacant households"),
}
VIA = {
    "edit": pgettext_lazy("audit", "by hand"),
    "visit": pgettext_lazy("audit", "on a visit"),
    "import": pgettext_lazy("audit", "by an import"),
}

LEDGER_CHANGE: Spec = (("fields", _fields), ("via", _words(VIA)))
STOCK: Spec = (("quantity", QUANTITY),)
REPORT_STEP: Spec = (("note", _plain),)
INSTRUCTOR_STEP: Spec = (("status", _choice),)
MATCHING: Spec = (("changes", _count(npgettext_lazy("audit", "%(n)d change", "%(n)d changes", "n"))),)

# What each action's detail says, part by part in this order; the key None is the whole detail.
SUMMARIES: dict[str, Spec] = {
    "login_failed": (("username", _text(pgettext_lazy("audit", "user name “%(value)s”"))),),
    "grant_access": (("role", _choice),),
    "admin_update": (("change", _admin_change),),
    "delivery_retry": (("channel", _choice),),
    "update": ((None, _fields),),
    "view_staff": (("q", SEARCH), ("rows", ROWS)),
    "assign": (("role", _choice), ("from", _text(pgettext_lazy("audit", "from %(value)s")))),
    "end_assignment": (("on", _text(pgettext_lazy("audit", "ended on %(value)s"))),),
    "record_training": (
        ("manual", _flag(pgettext_lazy("audit", "manual handed out"), pgettext_lazy("audit", "no manual"))),
    ),
    "generate_rota": (
        ("people", PEOPLE),
        ("shifts", _count(npgettext_lazy("audit", "%(n)d shift", "%(n)d shifts", "n"))),
    ),
    "propose_rebalancing": (("moves", MOVES),),
    "apply_rebalancing": (("moves", MOVES),),
    "view_residents": (("q", SEARCH), ("rows", ROWS)),
    "ledger_export": (
        ("list", _words(EXPORT_LISTS)),
        ("rows", ROWS),
        ("unmasked", _flag(gettext_lazy("full ID numbers"))),
        ("operator", _text(pgettext_lazy("audit", "run by %(value)s"))),
    ),
    "instructor_call_finish": (
        (
            "matched",
            _count(
                npgettext_lazy("audit", "%(n)d village matched", "%(n)d villages matched", "n"), zero=True
            ),
        ),
        ("unfilled", _names(pgettext_lazy("audit", "left without an instructor: %(names)s"))),
        (
            "not_selected",
            _count(
                npgettext_lazy(
                    "audit", "%(n)d application not selected", "%(n)d applications not selected", "n"
                )
            ),
        ),
        (
            "proposals_rejected",
            _count(npgettext_lazy("audit", "%(n)d proposal rejected", "%(n)d proposals rejected", "n")),
        ),
    ),
    "ledger_import": (
        ("rows", ROWS),
        (
            "created",
            _count(npgettext_lazy("audit", "%(n)d resident added", "%(n)d residents added", "n"), zero=True),
        ),
        (
            "updated",
            _count(
                npgettext_lazy("audit", "%(n)d resident changed", "%(n)d residents changed", "n"), zero=True
            ),
        ),
        ("returned", _count(npgettext_lazy("audit", "%(n)d resident back", "%(n)d residents back", "n"))),
        (
            "households_created",
            _count(npgettext_lazy("audit", "%(n)d household added", "%(n)d households added", "n")),
        ),
        (
            "households_updated",
            _count(npgettext_lazy("audit", "%(n)d household changed", "%(n)d households changed", "n")),
        ),
        (
            "areas_created",
            _count(
                npgettext_lazy("audit", "%(n)d building or unit added", "%(n)d buildings or units added", "n")
            ),
        ),
        (
            "absent_count",
            _count(
                npgettext_lazy("audit", "%(n)d person not in the file", "%(n)d people not in the file", "n")
            ),
        ),
    ),
    "household_update": LEDGER_CHANGE,
    "resident_update": LEDGER_CHANGE,
    "resident_leave": (
        ("reason", _words(LEFT_REASONS)),
        (
            "care_pairs_ended",
            _count(npgettext_lazy("audit", "%(n)d care pair ended", "%(n)d care pairs ended", "n")),
        ),
        ("via", _words(VIA)),
    ),
    "resident_return": (("via", _words(VIA)),),
    "campaign_update": (("changed", _fields),),
    "visit_record": (("outcome", _choice),),
    "care_tag_create": (
        (
            "every_days",
            _count(npgettext_lazy("audit", "contact every %(n)d day", "contact every %(n)d days", "n")),
        ),
    ),
    "request_file": (("channel", _choice), ("category", _choice)),
    "green_channel_file": (("emergency", _choice),),
    "request_rate": (
        ("rating", _count(npgettext_lazy("audit", "rated %(n)d of 5", "rated %(n)d of 5", "n"))),
    ),
    "stock_receive": STOCK,
    "stock_issue": STOCK,
    "stock_transfer": STOCK,
    "claim_complete": (("points", _count(npgettext_lazy("audit", "%(n)d point", "%(n)d points", "n"))),),
    "delivery_round_create": (
        ("households", _count(npgettext_lazy("audit", "%(n)d household", "%(n)d households", "n"))),
    ),
    "report_file": (("category", _choice), ("severity", _choice)),
    "report_handled": REPORT_STEP,
    "report_passed_up": REPORT_STEP,
    "order_issue": (
        ("posts", _count(npgettext_lazy("audit", "sent to %(n)d post", "sent to %(n)d posts", "n"))),
    ),
    "order_acknowledge": (("name", _text(pgettext_lazy("audit", "read by %(value)s"))),),
    "decision_seal": (
        ("present", _count(npgettext_lazy("audit", "%(n)d present", "%(n)d present", "n"), zero=True)),
        ("for", _count(npgettext_lazy("audit", "%(n)d for", "%(n)d for", "n"), zero=True)),
        ("against", _count(npgettext_lazy("audit", "%(n)d against", "%(n)d against", "n"), zero=True)),
        ("abstain", _count(npgettext_lazy("audit", "%(n)d abstaining", "%(n)d abstaining", "n"), zero=True)),
    ),
    "evaluation_scheme_create": (
        ("lines", _count(npgettext_lazy("audit", "%(n)d item", "%(n)d items", "n"))),
    ),
    "evaluation_period_compute": (("scores", SCORES),),
    "evaluation_period_close": (("scores", SCORES),),
    "evaluation_nomination_decide": (
        ("approve", _flag(pgettext_lazy("audit", "approved"), pgettext_lazy("audit", "not approved"))),
    ),
    "evaluation_accountability_decide": (
        ("confirm", _flag(pgettext_lazy("audit", "confirmed"), pgettext_lazy("audit", "dismissed"))),
    ),
    "evaluation_accountability_outcome": (("outcome", _choice),),
    "evaluation_selection_pool": (
        (
            "candidates",
            _count(npgettext_lazy("audit", "%(n)d candidate", "%(n)d candidates", "n"), zero=True),
        ),
    ),
    "evaluation_selection_decide": (
        (
            "recommend",
            _flag(pgettext_lazy("audit", "recommended"), pgettext_lazy("audit", "not recommended")),
        ),
    ),
    "evaluation_export": (
        ("people", PEOPLE),
        ("stations", _count(npgettext_lazy("audit", "%(n)d station", "%(n)d stations", "n"))),
    ),
    "party_team_create": (("squad", _flag(pgettext_lazy("audit", "service squad"))),),
    "party_activity_record": (("attendees", ATTENDEES),),
    "training_record": (("attendances", ATTENDEES),),
    "work_log_write": (("day", _plain),),
    "dispatch_meeting_record": (
        ("reporters", _count(npgettext_lazy("audit", "%(n)d reported", "%(n)d reported", "n"))),
    ),
    "unit_review_record": (
        (
            "log_days",
            _count(npgettext_lazy("audit", "%(n)d day logged", "%(n)d days logged", "n"), zero=True),
        ),
        ("villages", _count(npgettext_lazy("audit", "%(n)d village", "%(n)d villages", "n"))),
        ("problems", _count(npgettext_lazy("audit", "%(n)d problem raised", "%(n)d problems raised", "n"))),
    ),
    "survey_answer": (("year", YEAR),),
    "cadre_review_record": (("score", _text(pgettext_lazy("audit", "score %(value)s"))),),
    "assessment_compute": (
        ("year", YEAR),
        ("quarter", _count(npgettext_lazy("audit", "quarter %(n)d", "quarter %(n)d", "n"))),  # 0: the year
        ("n", _count(npgettext_lazy("audit", "%(n)d instructor", "%(n)d instructors", "n"), zero=True)),
    ),
    "assessment_export": (("year", YEAR), ("township", _plain), ("rows", ROWS)),
    "instructor_apply": INSTRUCTOR_STEP,
    "instructor_recommendation": INSTRUCTOR_STEP,
    "instructor_review": INSTRUCTOR_STEP,
    "matching_propose": MATCHING,
    "matching_approve": MATCHING,
    "matching_reject": MATCHING,
    "instructor_leave": (("village", _plain),),
}

# Reasons the code writes from the detail (not a person's words), so said from the detail instead:
# the stored text is in the language of whoever acted.
REASON_FROM_DETAIL = {"ledger_export"}


def detail_words(record: AuditLog) -> str:
    """What the record's detail says, shortly, in the reader's language; "" when it says nothing."""
    detail = record.detail if isinstance(record.detail, dict) else {}
    model = _model_of(record)
    said = [
        part(key or "", detail if key is None else detail[key], model)
        for key, part in SUMMARIES.get(record.action, ())
        if key is None or key in detail
    ]
    return str(PART_SEPARATOR).join(s for s in said if s)


def reason_words(record: AuditLog) -> str:
    return "" if record.action in REASON_FROM_DETAIL else record.reason


class Line(NamedTuple):
    """One record as the audit log page shows it."""

    record: AuditLog
    action: str
    object_text: str
    detail: str
    reason: str


def line(record: AuditLog) -> Line:
    return Line(
        record, action_label(record.action), object_words(record), detail_words(record), reason_words(record)
    )
