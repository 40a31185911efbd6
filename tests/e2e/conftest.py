"""End-to-end fixtures: the live server with the demo district, and Debian's Chromium via Playwright."""

import os
import shutil
import threading
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures here are
# plain blocking calls and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session", autouse=True)
def _requests_end_before_the_server(live_server):  # type: ignore[no-untyped-def]
    """The live server's request threads are daemons nobody waits for: one still answering the last
    test's browser when the session stops the server closed a SQLite connection no longer shared with
    it, and pytest reported the thread's error. Torn down before the server, this lets them finish."""
    yield
    for thread in threading.enumerate():
        if "process_request_thread" in thread.name:
            thread.join(timeout=10)


@pytest.fixture
def live_demo(demo, live_server):  # type: ignore[no-untyped-def]
    """The live server with the demo district (small scale)."""
    return live_server


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A phone-sized page (360 px wide); use page.set_viewport_size for a desktop."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    pg = context.new_page()
    pg.set_default_timeout(15_000)
    yield pg
    context.close()


@pytest.fixture
def login(page: Page, live_demo) -> Callable[[str], Page]:  # type: ignore[no-untyped-def]
    """login("station") logs a demo user in (password demo12345) and returns the page."""

    def do(username: str, password: str = "demo12345") -> Page:
        page.goto(f"{live_demo.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("form.login button[type=submit]")
        page.wait_for_url(f"{live_demo.url}/")
        return page

    return do


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
