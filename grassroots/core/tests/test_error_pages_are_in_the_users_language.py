"""The 403, 404 and 500 pages are the site's own, in Chinese by default and English when asked."""

from django.test import RequestFactory
from django.utils import translation
from django.views.defaults import server_error


def test_a_missing_page_says_so_in_chinese(client, make_user, grid):  # type: ignore[no-untyped-def]
    client.force_login(make_user("clerk", "community", grid.community))

    got = client.get("/no-such-page/")

    assert got.status_code == 404
    page = got.content.decode()
    assert "未找到" in page and "返回首页" in page


def test_a_missing_page_says_so_in_english_when_asked(client, db):  # type: ignore[no-untyped-def]
    got = client.get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en")

    assert got.status_code == 404 and "There is nothing here" in got.content.decode()


def test_a_refusal_says_why(client, make_user, grid):  # type: ignore[no-untyped-def]
    client.force_login(make_user("vol", "volunteer", grid.compound))

    got = client.get("/audit/")

    assert got.status_code == 403 and "无权访问" in got.content.decode()


def test_the_server_error_page_draws_without_the_requests_context(db) -> None:  # type: ignore[no-untyped-def]
    with translation.override("zh-hans"):
        got = server_error(RequestFactory().get("/"))

    assert got.status_code == 500 and "出错了" in got.content.decode()
