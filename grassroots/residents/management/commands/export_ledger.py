from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.core.models import User
from grassroots.residents.ledger_export import LISTS, export_ledger

from ._area import area_from


class Command(BaseCommand):
    help = "Export a list of an area's ledger to xlsx (IDs masked unless --unmask and the user may)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out")
        parser.add_argument("--area", required=True, help="area id or code")
        parser.add_argument("--list", dest="kind", default="residents", choices=sorted(LISTS))
        parser.add_argument("--user", required=True, help="the exporter (scope, watermark and audit log)")
        parser.add_argument("--unmask", action="store_true", help="full ID numbers (needs the permission)")

    def handle(
        self, *args: Any, out: str, area: str, kind: str, user: str, unmask: bool, **options: Any
    ) -> None:
        exporter = User.objects.filter(username=user, is_active=True).first()
        if exporter is None:
            raise CommandError(f"No active user {user}.")
        with open(out, "wb") as f:
            rows = export_ledger(by=exporter, area=area_from(area), kind=kind, out=f, unmask=unmask)
        self.stdout.write(f"{rows} rows written to {out}.")
