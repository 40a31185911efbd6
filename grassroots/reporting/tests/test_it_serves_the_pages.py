"""The reporting pages work end to end through forms: file, acknowledge, pass up, orders and receipts."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from grassroots.reporting.models import Order, Report


def client_for(user):  # type: ignore[no-untyped-def]
    c = Client()
    c.force_login(user)
    return c


def test_a_station_files_and_the_community_acknowledges_through_the_pages(chain, grid):  # type: ignore[no-untyped-def]
    station = client_for(chain.station_user)
    assert station.get("/reports/new/").status_code == 200
    discovered = (timezone.localtime() - timedelta(minutes=20)).strftime("%Y-%m-%dT%H:%M")
    got = station.post(
        "/reports/new/",
        {"category": "emergency", "severity": "major", "discovered_at": discovered, "text": "地下车库进水"},
    )
    report = Report.objects.get()
    assert got.status_code == 302 and got["Location"] == f"/reports/{report.pk}/"
    bad = station.post(
        "/reports/new/",
        {"category": "emergency", "severity": "major", "discovered_at": discovered, "text": " "},
    )
    assert bad.status_code == 200 and Report.objects.count() == 1

    community = client_for(chain.community_user)
    page = community.get(f"/reports/{report.pk}/").content.decode()
    assert "地下车库进水" in page and 'value="acknowledge"' in page
    community.post(f"/reports/{report.pk}/act/", {"do": "acknowledge"})
    community.post(f"/reports/{report.pk}/act/", {"do": "passed_up", "text": "需街道调抽水泵"})
    report.refresh_from_db()
    assert report.holder == grid.street and report.steps.get(level=grid.community).acknowledged_at

    district = client_for(chain.district_user)
    roll = district.get(f"/reports/timeliness/?area={grid.district.pk}").content.decode()
    assert grid.streets[0].name in roll and "100.0%" in roll
    assert district.get("/reports/findings/").status_code == 200
    assert district.get("/deliveries/").status_code == 200
    assert station.get("/deliveries/").status_code == 403


def test_orders_show_who_has_not_acknowledged(chain, grid, settings, tmp_path, make_user):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path
    street = client_for(chain.street_user)
    deadline = (timezone.localtime() + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    got = street.post(
        "/orders/new/",
        {
            "title": "防汛值守",
            "text": "今晚雷暴, 全员在岗",
            "ack_deadline": deadline,
            "posts": [chain.station.pk, chain.station2.pk],
            "attachments": [SimpleUploadedFile("值守表.txt", "东门 张三".encode())],
        },
    )
    assert got.status_code == 302, got.content.decode()[:2000]
    order_url = got["Location"]
    station = client_for(chain.station_user)
    station.post(f"{order_url}act/", {"do": "acknowledge", "name": "王站长"})
    receipts = street.get(f"{order_url}receipts/").content.decode()
    assert "二号站" in receipts and "王站长" in receipts
    page = station.get(order_url).content.decode()
    assert "hx-get" in page and "值守表.txt" in page
    attachment = Order.objects.get().attachments.get()
    download = station.get(f"{order_url}attachments/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == "东门 张三".encode()
    stranger = client_for(make_user("stranger", "community", grid.communities[2]))
    assert stranger.get(f"{order_url}attachments/{attachment.pk}/").status_code == 404
