from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.residents.ledger_export import write_report
from grassroots.residents.ledger_import import ledger_import

from ._area import area_from


class Command(BaseCommand):
    help = "Import a resident ledger workbook (.xlsx/.xls/.ods) into an area, all or nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--area", required=True, help="area id or code the ledger belongs to")
        parser.add_argument("--dry-run", action="store_true", help="check the whole file, write nothing")
        parser.add_argument("--report", help="write an xlsx marking each bad cell")

    def handle(
        self, *args: Any, path: str, area: str, dry_run: bool, report: str | None, **options: Any
    ) -> None:
        target = area_from(area)
        result = ledger_import(by=None, area=target, path=path, dry_run=dry_run)
        for e in result.errors:
            self.stdout.write(f"{e['sheet']} row {e['row']} · {e['column']} · {e['value']!r}: {e['reason']}")
        if report:
            with open(report, "wb") as out:
                write_report(source=path, errors=result.errors, out=out, who="manage.py import_ledger")
        counts = result.counts()
        self.stdout.write(
            f"{counts['rows']} rows; residents: {counts['created']} new, {counts['updated']} updated; "
            f"households: {counts['households_created']} new, {counts['households_updated']} updated"
        )
        for name in result.sheets_unread:
            self.stdout.write(f"not read: {name}")
        for name in result.areas_created:
            self.stdout.write(f"{'would create' if dry_run else 'created'}: {name}")
        if result.returned:
            self.stdout.write(
                f"{result.returned} who had left the ledger {'would be' if dry_run else 'were'} brought back"
            )
        if result.absent_count:
            self.stdout.write(
                f"{result.absent_count} people of these households are not in the file (kept in the ledger):"
            )
            for p in result.absent:
                self.stdout.write(f"  #{p['resident']} {p['household']} {p['name']} {p['id_number']}")
        if result.errors:
            raise CommandError(f"{len(result.errors)} errors; nothing was imported.")
        self.stdout.write("Dry run: nothing written." if dry_run else "Imported.")
