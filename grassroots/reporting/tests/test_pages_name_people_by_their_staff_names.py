"""Reporting pages name people as the rest of the site does (User.display_name: the staff record's
name first), and a list of reviewed findings reads the reviewers' names without a query per row."""

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grassroots.people.models import Gender, Staff, StaffKind
from grassroots.reporting.orders import order_issue
from grassroots.reporting.services import finding_review, report_acknowledge, report_file


def staff_name(user, name, area):  # type: ignore[no-untyped-def]
    Staff.objects.create(name=name, gender=Gender.MALE, kind=StaffKind.CADRE, area=area, user=user)
    return type(user).objects.get(pk=user.pk)


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def test_filer_acknowledger_issuer_and_reader_go_by_their_staff_names(chain, grid):  # type: ignore[no-untyped-def]
    chain.station_user.last_name, chain.station_user.first_name = "何", "博"
    chain.station_user.save()
    station = staff_name(chain.station_user, "郑亮", grid.compound)
    community = staff_name(chain.community_user, "孙书记", grid.community)
    report = report_file(
        by=station,
        area=grid.compound,
        category="safety",
        severity="general",
        discovered_at=timezone.now() - timedelta(minutes=5),
        text="井盖缺失",
    )
    report_acknowledge(by=community, report=report)
    page = client_for(community).get(f"/reports/{report.pk}/").content.decode()
    assert "登记人 郑亮" in page and "孙书记" in page and "何博" not in page

    order = order_issue(
        by=community,
        area=grid.community,
        title="夜间巡查",
        text="22点后每两小时一次",
        ack_deadline=timezone.now() + timedelta(hours=2),
    )
    page = client_for(station).get(f"/orders/{order.pk}/").content.decode()
    assert "孙书记" in page, "the issuer"
    assert 'name="name" value="郑亮"' in page, "the reader's name box starts with their staff name"


def test_the_findings_list_reads_reviewers_without_a_query_each(chain, grid, make_user):  # type: ignore[no-untyped-def]
    def late_finding(by):  # type: ignore[no-untyped-def]
        report = report_file(
            by=chain.station_user,
            area=grid.compound,
            category="safety",
            severity="general",
            discovered_at=timezone.now() - timedelta(days=1),
            text="消防通道堵塞",
        )
        finding_review(by=by, finding=report.findings.get(), confirm=True, reason="属实")

    street = client_for(chain.street_user)
    first = staff_name(make_user("jie2", "street", grid.street), "钱审核", grid.street)
    late_finding(first)
    with CaptureQueriesContext(connection) as one:
        assert "钱审核" in street.get("/reports/findings/").content.decode()
    for n in range(3):
        late_finding(staff_name(make_user(f"jie{n + 3}", "street", grid.street), f"审核{n}", grid.street))
    with CaptureQueriesContext(connection) as four:
        page = street.get("/reports/findings/").content.decode()
    assert "审核2" in page and len(four) == len(one)
