"""Ledger import at scale: the Grassroots import against the bare limit of the same machine.

Generates an N-row standard ledger (17 Chinese columns, one compound of many buildings, valid and
unique ID numbers), then times in one run:
  (a) bare: python-calamine reads the sheet, COPY streams every row as text into a scratch table,
      and an index is built on the ID column;
  (b) Grassroots: `ledger_import` of the same file into a fresh database: every row validated
      (GB 11643 check digit, dates, phones, tags), deduplicated by keyed digest, IDs encrypted,
      households and residents and care tags and history written, all in one transaction (the
      import streams the sheet a chunk at a time, so its memory does not grow with the file).

Each of (a) and (b) runs in its own child process, so neither's memory counts in the other's
figure: peak_rss_mb on the last line is the Grassroots import's own peak resident memory (Django
setup, migrations, reading, checking and writing the file); the bare run's peak is printed on an
earlier line. Generation (openpyxl's write-only mode, streaming) runs in the parent.

PostgreSQL from DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test); the bench creates and
drops its own scratch database next to it.

Usage: python bench/import_ledger.py --rows 200000 [--file ledger.xlsx]
  --file reuses a ledger written earlier by this bench with the same --rows (generating 1,000,000 rows
  takes several minutes) instead of generating one.
Last line: rows=N grassroots=X rows/s bare=Y rows/s ratio=Z peak_rss_mb=M
"""

import argparse
import datetime
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit, urlunsplit

import psycopg
from openpyxl import Workbook
from python_calamine import CalamineWorkbook
from stdnum.cn import ric

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

HEADER = [
    "街道", "社区", "小区", "楼栋", "单元", "房号", "姓名", "性别", "证件类型", "证件号码",
    "联系电话", "与户主关系", "居住类型", "是否长期无人", "是否有智能手机", "重点人群类别", "备注",
]  # fmt: skip
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂"
TAGS = ["独居老人", "高龄老人", "残疾人", "低保户", "慢性病需透析"]


def compose(place: str, born: datetime.date, sequence: int) -> str:
    body = f"{place}{born:%Y%m%d}{sequence:03d}"
    return body + ric.calc_check_digit(body + "0")


def generate(path: str, rows: int, seed: int = 3) -> None:
    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("居民台账")
    ws.append(["示范社区居民信息登记表"])
    ws.append(HEADER)
    start = datetime.date(1930, 1, 1)
    for i in range(rows):
        # Unique numbers: the sequence digits and the birth date together run through i.
        born = start + datetime.timedelta(days=i // 1000)
        number = compose("220303", born, i % 1000)
        household, member = divmod(i, 3)
        building, rest = divmod(household, 48)
        unit, room = divmod(rest, 12)
        ws.append(
            [
                "示范街道", "示范社区", "示范小区", f"{building + 1}号楼", f"{unit + 1}单元",
                f"{room // 2 + 1}{room % 2 + 1:02d}", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                "男" if int(number[16]) % 2 else "女", "居民身份证", number, f"139{rng.randint(0, 99_999_999):08d}",
                "户主" if member == 0 else "配偶" if member == 1 else "子女", "常住", "否",
                "否" if rng.random() < 0.08 else "是", rng.choice(TAGS) if rng.random() < 0.02 else "", "",
            ]
        )  # fmt: skip
    wb.save(path)


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def bare(path: str, url: str) -> float:
    started = time.perf_counter()
    wb = CalamineWorkbook.from_path(path)
    rows = wb.get_sheet_by_index(0).iter_rows()
    next(rows)
    next(rows)
    columns = ", ".join(f"c{i} text" for i in range(len(HEADER)))
    with psycopg.connect(url) as conn:
        conn.execute(f"CREATE TABLE bare_ledger ({columns})")
        with conn.cursor().copy("COPY bare_ledger FROM STDIN") as copy:
            for row in rows:
                copy.write_row([None if v == "" else str(v) for v in row])
        conn.execute("CREATE INDEX bare_ledger_id ON bare_ledger (c9)")
        conn.commit()
    wb.close()
    return time.perf_counter() - started


def grassroots(path: str) -> float:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "grassroots.settings")
    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from grassroots.places.models import AreaKind
    from grassroots.places.services import area_create
    from grassroots.residents.ledger_import import ledger_import

    city = area_create(name="示范市", kind=AreaKind.CITY, parent=None, code="990100")
    district = area_create(name="示范区", kind=AreaKind.DISTRICT, parent=city, code="990101")
    street = area_create(name="示范街道", kind=AreaKind.STREET, parent=district, code="990101001")
    community = area_create(name="示范社区", kind=AreaKind.COMMUNITY, parent=street, code="001")
    compound = area_create(name="示范小区", kind=AreaKind.COMPOUND, parent=community, code="001")
    started = time.perf_counter()
    result = ledger_import(by=None, area=compound, path=path, dry_run=False)
    elapsed = time.perf_counter() - started
    if result.errors:
        raise SystemExit(f"the generated ledger has errors: {result.errors[:5]}")
    print(
        f"grassroots: {result.created} residents, {result.households_created} households, "
        f"{len(result.areas_created)} buildings/units created in {elapsed:.1f} s"
    )
    from django.db import connections

    connections.close_all()
    return elapsed


def load() -> str:
    """The machine's 1/5/15-minute load: both timings share the machine, so say how busy it was."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase(name: str, path: str) -> dict[str, float]:
    """Run one timing in a fresh child process; it reports its seconds and its own peak memory."""
    out = subprocess.run(
        [sys.executable, os.path.abspath(__file__), "--phase", name, "--file", path],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout.splitlines()
    for line in out[:-1]:
        print(line)
    return json.loads(out[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument(
        "--file", help="an existing ledger of --rows rows to import instead of generating one"
    )
    parser.add_argument("--phase", choices=["bare", "grassroots"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # a child started by phase(): DATABASE_URL already names the scratch database
        seconds = (
            bare(args.file, os.environ["DATABASE_URL"]) if args.phase == "bare" else grassroots(args.file)
        )
        print(json.dumps({"seconds": seconds, "peak_rss_mb": peak_mb()}))
        return
    server = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/test"
    scratch = f"gr_bench_ledger_{os.getpid()}"
    with tempfile.TemporaryDirectory() as tmp:
        path = args.file or os.path.join(tmp, "ledger.xlsx")
        if not args.file:
            started = time.perf_counter()
            generate(path, args.rows)
            print(
                f"generated {args.rows} rows in {time.perf_counter() - started:.1f} s ({os.path.getsize(path) >> 20} MB)"
            )
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{scratch}"')
        try:
            os.environ["DATABASE_URL"] = with_database(server, scratch)
            print(f"load average before: {load()}")
            limit = phase("bare", path)
            print(
                f"bare: {limit['seconds']:.1f} s, peak_rss_mb={limit['peak_rss_mb']:.0f} (load average after: {load()})"
            )
            ours = phase("grassroots", path)
            print(f"load average after grassroots: {load()}")
        finally:
            with psycopg.connect(server, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
    ours_rate, limit_rate = args.rows / ours["seconds"], args.rows / limit["seconds"]
    print(
        f"rows={args.rows} grassroots={ours_rate:.0f} rows/s bare={limit_rate:.0f} rows/s "
        f"ratio={ours_rate / limit_rate:.2f} peak_rss_mb={ours['peak_rss_mb']:.0f}"
    )


if __name__ == "__main__":
    main()
