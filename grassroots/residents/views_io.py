"""Excel in and out from the pages: upload and check, confirm, error report, list downloads."""

import tempfile
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from grassroots.core.forms import submitted
from grassroots.core.models import User
from grassroots.core.requests import signed_in
from grassroots.core.scope import area_or_404, role_at_least, scoped, scoped_areas
from grassroots.core.watermark import exporter
from grassroots.places.models import Area, AreaKind

from .departures import residents_leave
from .forms import AbsentLeaveForm
from .ledger_export import LISTS, export_ledger, write_report
from .ledger_import import ImportResult, ledger_import
from .ledger_io import SUFFIXES, discard_upload, store_upload
from .ledger_rules import may_edit_ledger
from .models import ImportStatus, LedgerImport, LeftReason
from .selectors import resident_list, residents_current

IMPORT_AREA_KINDS = (AreaKind.DISTRICT, AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.COMPOUND)


def _record(job: LedgerImport, result: ImportResult) -> None:
    job.total_rows = job.done_rows = result.total
    job.counts = result.counts()
    job.errors = result.errors
    if result.errors:
        job.status = ImportStatus.FAILED
    else:
        job.status = ImportStatus.CHECKED if result.dry_run else ImportStatus.DONE
    job.finished_at = timezone.now()
    job.save()
    if job.status == ImportStatus.DONE:
        discard_upload(job)


@login_required
def import_page(request: HttpRequest) -> HttpResponse:
    """GET: the upload form. POST: store the file and check it whole (a dry run); show every error."""
    user = signed_in(request)
    if not role_at_least(user, "station"):
        raise PermissionDenied
    areas = _import_areas(user)
    if request.method != "POST":
        return render(request, "residents/import.html", {"areas": areas})
    area = area_or_404(user, request.POST.get("area"))
    upload = request.FILES.get("file")
    name = (upload.name or "") if upload else ""
    error = ""
    if area is None:
        error = _("Choose the area the ledger belongs to.")
    elif upload is None or not name.lower().endswith(SUFFIXES):
        error = _("Choose an Excel file (.xlsx, .xls or .ods).")
    if error or area is None or upload is None:
        template = "residents/_import_error.html" if request.htmx else "residents/import.html"  # type: ignore[attr-defined]
        return render(request, template, {"areas": areas, "error": error}, status=400)
    job = store_upload(user=user, area=area, name=name, chunks=upload.chunks())
    result = ledger_import(by=user, area=area, path=job.stored_path, dry_run=True)
    _record(job, result)
    return render(request, "residents/_import_result.html" if request.htmx else "residents/import.html",  # type: ignore[attr-defined]
                  {"areas": areas, **_result_context(user, job, result)})  # fmt: skip


def _result_context(
    user: User, job: LedgerImport, result: ImportResult, absent: AbsentLeaveForm | None = None
) -> dict[str, Any]:
    """A checked or imported file's result; staff and above may take out whom it left out."""
    if absent is None and result.absent and may_edit_ledger(user):
        absent = AbsentLeaveForm(absent=result.absent, initial={"reason": LeftReason.MOVED_AWAY})
    return {"job": job, "result": result, "absent_form": absent}


def _job(request: HttpRequest, import_id: str) -> LedgerImport:
    job = (
        scoped(LedgerImport.objects.select_related("area"), request.user, "area__path")
        .filter(pk=import_id)
        .first()
    )
    if job is None:
        raise Http404
    return job


@login_required
@require_POST
def import_confirm(request: HttpRequest, import_id: str) -> HttpResponse:
    user = signed_in(request)
    job = _job(request, import_id)
    if job.status == ImportStatus.DONE:  # a second click, or Back and send again
        messages.info(request, _("This file has been imported already."))
        return redirect("ledger-import-job", import_id=job.pk)
    if job.status != ImportStatus.CHECKED:
        messages.error(request, _("Only a file that passed its check can be imported."))
        return render(request, "residents/import.html", _job_context(user, job), status=400)
    result = ledger_import(by=user, area=job.area, path=job.stored_path, dry_run=False)
    job.dry_run = False
    _record(job, result)
    # Shown by a GET: reloading the page must not send the import again.
    return redirect("ledger-import-job", import_id=job.pk)


@login_required
def import_job(request: HttpRequest, import_id: str) -> HttpResponse:
    """A checked or imported file's result, as it was kept, with a fresh upload form above it."""
    user = signed_in(request)
    if not role_at_least(user, "station"):
        raise PermissionDenied
    return render(request, "residents/import.html", _job_context(user, _job(request, import_id)))


def _job_context(user: User, job: LedgerImport) -> dict[str, Any]:
    result = ImportResult.from_counts(job.counts, job.errors, job.dry_run)
    # The file's check listed who it left out; those taken out of the ledger since are no longer listed.
    listed = [p["resident"] for p in result.absent]
    current = residents_current(listed)
    result.absent_count -= len(listed) - len(current)
    result.absent = [p for p in result.absent if p["resident"] in current]
    return {"areas": _import_areas(user), **_result_context(user, job, result)}


def _import_areas(user: User) -> QuerySet[Area]:
    # All of them: a district's few hundred compounds fit one select, and a cut list would hide some.
    return scoped_areas(user).filter(kind__in=IMPORT_AREA_KINDS).order_by("path")


@login_required
@require_POST
def import_absent(request: HttpRequest, import_id: str) -> HttpResponse:
    """Take out of the ledger the ticked people of those the file left out (only those it listed)."""
    user = signed_in(request)
    if not may_edit_ledger(user):
        raise PermissionDenied
    job = _job(request, import_id)
    form = AbsentLeaveForm(request.POST, absent=job.counts.get("absent", []))
    gone = submitted(
        request,
        form,
        lambda data: residents_leave(
            by=user,
            residents=list(resident_list(user=user).filter(pk__in=data["resident"])),
            reason=data["reason"],
            note=data["note"] or _("Not in the ledger file %(file)s.") % {"file": job.filename},
        ),
        lambda done: (
            ngettext("%(n)d person has left the ledger.", "%(n)d people have left the ledger.", len(done))
            % {"n": len(done)}
        ),
        rename={"resident": None},
    )
    if gone is not None:  # back to the file: it may still wait to be confirmed
        return redirect("ledger-import-job", import_id=job.pk)
    return render(
        request, "residents/import.html", {**_job_context(user, job), "absent_form": form}, status=400
    )


@login_required
def import_report(request: HttpRequest, import_id: str) -> FileResponse:
    job = _job(request, import_id)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it after streaming)
    write_report(source=job.stored_path, errors=job.errors, out=out, who=exporter(signed_in(request)))
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"report-{Path(job.filename).stem}.xlsx")


@login_required
def export_download(request: HttpRequest) -> HttpResponse | FileResponse:
    """One of the four lists as xlsx, streamed from a temporary file (IDs masked unless asked and allowed)."""
    user = signed_in(request)
    area = area_or_404(user, request.GET.get("area"))
    kind = request.GET.get("list", "residents")
    if area is None:
        # A download always names its area, so a bare link cannot start a district-wide export.
        return redirect("ledger")
    if kind not in LISTS:
        raise Http404
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it after streaming)
    export_ledger(by=user, area=area, kind=kind, out=out, unmask=request.GET.get("unmask") == "1")
    out.seek(0)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return FileResponse(out, as_attachment=True, filename=f"{kind}-{area.code}-{stamp}.xlsx")
