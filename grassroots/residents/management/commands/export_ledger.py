import getpass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.models import User
from grassroots.residents.ledger_export import LISTS, export_ledger

from ._area import area_from


def operator_name() -> str:
    """Who ran the command, as far as the operating system knows (for the watermark and the audit log)."""
    try:
        account = getpass.getuser()
    except OSError:  # no login name and no passwd entry, e.g. an arbitrary uid in a container
        account = "?"
    return f"manage.py ({account})"


class Command(BaseCommand):
    help = (
        "Export a list of an area's ledger to xlsx. Without --user: the whole area, IDs masked, audited "
        "and watermarked with the operating-system account. With --user: that user's scope, and "
        "--unmask if they may see full ID numbers."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out")
        parser.add_argument("--area", required=True, help="area id or code")
        parser.add_argument("--list", dest="kind", default="residents", choices=sorted(LISTS))
        parser.add_argument("--user", help="export as this user (scope, watermark and audit log)")
        parser.add_argument(
            "--unmask", action="store_true", help="full ID numbers (needs --user with the permission)"
        )

    def handle(
        self, *args: Any, out: str, area: str, kind: str, user: str | None, unmask: bool, **options: Any
    ) -> None:
        exporter = None
        if user is not None:
            exporter = User.objects.filter(username=user, is_active=True).first()
            if exporter is None:
                raise CommandError(f"No active user {user}.")
        elif unmask:
            raise CommandError("--unmask needs --user naming someone allowed to see full ID numbers.")
        place = area_from(area)
        with open(out, "wb") as f:
            rows = export_ledger(
                by=exporter, area=place, kind=kind, out=f, unmask=unmask, operator=operator_name()
            )
        self.stdout.write(f"{rows} rows written to {out}.")
