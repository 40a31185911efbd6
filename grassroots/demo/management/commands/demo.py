import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from grassroots.demo.accounts import INSTRUCTOR_LOGINS, LOGINS, PASSWORD
from grassroots.demo.build import build_demo
from grassroots.places.models import Area


class Command(BaseCommand):
    help = "Build the demo district (铁东区 and 双辽市) into an empty database."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1, help="same seed, same district")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiplies buildings, staff, households"
        )
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the database has areas")

    def handle(self, *args: Any, seed: int, scale: float, if_empty: bool, **options: Any) -> None:
        if Area.objects.exists():
            if if_empty:
                self.stdout.write("The database already has a district; the demo was not rebuilt.")
                self._print_logins()
                return
            raise CommandError("The database already has areas; the demo builds only into an empty database.")
        if scale <= 0:
            raise CommandError("--scale must be greater than 0.")
        started = time.monotonic()
        build_demo(seed=seed, scale=scale)
        self.stdout.write(
            f"Demo district built in {time.monotonic() - started:.1f} s (seed {seed}, scale {scale})."
        )
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(f"Demo logins (password {PASSWORD}):")
        for login, _role, _where, description in LOGINS:
            self.stdout.write(f"  {login:<11} {description}")
        for login, description in INSTRUCTOR_LOGINS:
            self.stdout.write(f"  {login:<11} {description}")
        self.stdout.write("  admin       superuser (Django admin at /admin/)")
