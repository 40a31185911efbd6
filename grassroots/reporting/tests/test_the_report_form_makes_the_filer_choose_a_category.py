"""No category is chosen for the filer (a careless submit must not file an epidemic case), and the
form's refusals name their field and keep what was typed."""

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from grassroots.reporting.models import Report


def test_a_report_without_a_category_is_refused_naming_the_field(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.station_user)
    page = client.get("/reports/new/")
    select = page.content.decode().split('name="category"')[1].split("</select>")[0]
    assert '<option value="" selected>请选择…</option>' in select
    assert page.context["form"]["category"].value() in (None, "")

    discovered = (timezone.localtime() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    got = client.post(
        "/reports/new/", {"severity": "general", "discovered_at": discovered, "text": "楼道灯不亮"}
    )
    body = got.content.decode()
    assert got.status_code == 200 and not Report.objects.exists()
    assert "请选择报告类别。" in body and "楼道灯不亮" in body


def test_too_long_a_place_is_refused_naming_the_field(chain, grid):  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(chain.station_user)
    discovered = (timezone.localtime() - timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M")
    got = client.post(
        "/reports/new/",
        {
            "category": "safety",
            "severity": "general",
            "discovered_at": discovered,
            "location": "东" * 201,
            "text": "楼道灯不亮",
        },
    )
    body = got.content.decode()
    assert got.status_code == 200 and not Report.objects.exists()
    assert "地点最多200个字（现为201个字）。" in body and "变量" not in body
