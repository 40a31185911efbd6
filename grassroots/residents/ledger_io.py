"""Where uploaded ledger files are kept while they are checked and imported."""

from collections.abc import Iterable
from pathlib import Path

from django.conf import settings

from grassroots.core.models import AnyUser, User
from grassroots.places.models import Area

from .models import ImportStatus, LedgerImport

SUFFIXES = (".xlsx", ".xls", ".xlsm", ".ods")


def import_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "ledger-imports"


def store_upload(*, user: AnyUser, area: Area, name: str, chunks: Iterable[bytes]) -> LedgerImport:
    """Record the upload and write its bytes under MEDIA_ROOT, named by the import's id."""
    job = LedgerImport.objects.create(
        area=area,
        filename=name[:200],
        created_by=user if isinstance(user, User) else None,
        status=ImportStatus.RUNNING,
    )
    folder = import_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{job.pk}{Path(name).suffix.lower()}"
    with stored.open("wb") as out:
        for chunk in chunks:
            out.write(chunk)
    job.stored_path = str(stored)
    job.save(update_fields=["stored_path"])
    return job


def discard_upload(job: LedgerImport) -> None:
    """Once imported, the ledger lives in the database (IDs encrypted); the clear-text file goes."""
    if job.stored_path:
        Path(job.stored_path).unlink(missing_ok=True)
