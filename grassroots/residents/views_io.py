"""Excel in and out from the pages: upload and check, confirm, error report, list downloads."""

import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from grassroots.core.models import User
from grassroots.core.scope import area_or_404, role_at_least, scoped, scoped_areas
from grassroots.places.models import AreaKind

from .ledger_export import LISTS, export_ledger, write_report
from .ledger_import import ImportResult, ledger_import
from .ledger_io import SUFFIXES, discard_upload, store_upload
from .models import ImportStatus, LedgerImport

IMPORT_AREA_KINDS = (AreaKind.DISTRICT, AreaKind.STREET, AreaKind.COMMUNITY, AreaKind.COMPOUND)


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


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
    user = _user(request)
    if not role_at_least(user, "station"):
        raise PermissionDenied
    areas = scoped_areas(user).filter(kind__in=IMPORT_AREA_KINDS).order_by("path")[:300]
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
        return render(request, "residents/import.html", {"areas": areas, "error": error}, status=400)
    job = store_upload(user=user, area=area, name=name, chunks=upload.chunks())
    result = ledger_import(by=user, area=area, path=job.stored_path, dry_run=True)
    _record(job, result)
    return render(request, "residents/_import_result.html" if request.htmx else "residents/import.html",  # type: ignore[attr-defined]
                  {"areas": areas, "job": job, "result": result})  # fmt: skip


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
    user = _user(request)
    job = _job(request, import_id)
    if job.status != ImportStatus.CHECKED:
        return render(
            request,
            "residents/import.html",
            {"job": job, "error": _("Only a file that passed its check can be imported.")},
            status=400,
        )
    result = ledger_import(by=user, area=job.area, path=job.stored_path, dry_run=False)
    job.dry_run = False
    _record(job, result)
    return render(
        request, "residents/import.html", {"job": job, "result": result, "imported": not result.errors}
    )


@login_required
def import_report(request: HttpRequest, import_id: str) -> FileResponse:
    job = _job(request, import_id)
    out = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it after streaming)
    write_report(source=job.stored_path, errors=job.errors, out=out, who=_user(request).get_username())
    out.seek(0)
    return FileResponse(out, as_attachment=True, filename=f"report-{Path(job.filename).stem}.xlsx")


@login_required
def export_download(request: HttpRequest) -> HttpResponse | FileResponse:
    """One of the four lists as xlsx, streamed from a temporary file (IDs masked unless asked and allowed)."""
    user = _user(request)
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
