"""Every page a user reaches answers and fits a 360 px phone, for every role the menu knows, and the
Chinese pages say their headings, buttons and labels in Chinese.

Each office signs in and walks the main menu, the links of each menu page and one level further (a
list's first row leads to its detail page), visiting each URL pattern once; the instructor programme's
offices walk its pages, and residents the pages their QR posters open. Failures are gathered and
reported together, each naming the URL and who saw it."""

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import Resolver404, resolve
from playwright.sync_api import Page

from grassroots.core.models import AccessGrant, Role
from grassroots.instructors.models import Instructor, Status
from grassroots.instructors.services_assessment import survey_token
from grassroots.party.selectors import building_cards, poster_token
from grassroots.places.models import Area, AreaKind
from grassroots.services.rules import building_token

PHONE_WIDTH = 360
# Downloads, images, the admin and the API are not pages; logging out would end the walk.
SKIP = ("/admin/", "/api/", "/i18n/", "/logout/", "/static/", "/media/", "export", "xlsx", ".png", "/file/")
# Query names that show the same page for another place or page of the list.
SAME_PAGE = {"area", "page"}
# Words that stay as they are in Chinese text: products, formats and units.
KEPT_WORDS = {
    "excel",
    "wechat",
    "wecom",
    "dingtalk",
    "xlsx",
    "xls",
    "csv",
    "pdf",
    "sms",
    "api",
    "url",
    "kg",
    "km",
}
WORD = re.compile(r"(?<![A-Za-z0-9_@.-])[A-Za-z][a-z]+(?![A-Za-z0-9_@.-])")
# One round trip per page: its width, the links in its content and what it says in its own words
# (headings, buttons, form labels, column heads and the labels a stacked table shows beside each
# cell on a phone), not data someone typed.
LOOK_JS = """() => {
  const seen = el => el.offsetParent !== null;
  const own = [...document.querySelectorAll(
      'main :is(h1, h2, h3, button, .btn, label, th, summary, legend, caption, dt)')]
    .filter(seen).map(el => el.innerText);
  const cells = [...document.querySelectorAll('main td[data-label]')].map(el => el.dataset.label);
  const links = [...document.querySelectorAll('main a[href]')].map(a => a.getAttribute('href'));
  return {width: document.documentElement.scrollWidth, own: [...own, ...cells], links};
}"""
# For the failure message: the innermost elements sticking out past the phone's right edge.
WIDEST_JS = """() => {
  const w = document.documentElement.clientWidth;
  const over = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > w + 1);
  const innermost = over.filter(el => !over.some(o => o !== el && el.contains(o)));
  return innermost.slice(0, 3).map(el => {
    const cls = typeof el.className === 'string' && el.className.trim()
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '';
    const text = (el.innerText || el.value || '').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${cls} "${text}" right=${Math.round(el.getBoundingClientRect().right)}`;
  });
}"""


def _pattern(path: str) -> str | None:
    """The URL pattern a link leads to (its route and the names of its query), or None if no page."""
    parts = urlsplit(path)
    if not path.startswith("/") or any(s in parts.path for s in SKIP):
        return None
    try:
        route = resolve(parts.path).route
    except Resolver404:
        return parts.path  # visited, so a broken link shows up as its 404
    names = sorted({name for name, _value in parse_qsl(parts.query)} - SAME_PAGE)
    return f"{route}?{'&'.join(names)}" if names else route


def _untranslated(texts: list[str]) -> list[str]:
    words = {w for t in texts for w in WORD.findall(t)}
    return sorted(w for w in words if w.lower() not in KEPT_WORDS)


def walk(
    page: Page, base: str, who: str, start: list[str], *, within: str = "/", depth: int = 2
) -> list[str]:
    """Visits `start` and `depth` levels of links from there (those under `within`), each URL pattern
    once; returns what went wrong, each naming the page and who saw it."""
    chinese = page.evaluate("document.documentElement.lang") != "en"
    level, seen, failures = start, set[str](), []
    for step in range(depth + 1):
        following: list[str] = []
        for path in (p.split("#")[0] for p in level):
            pattern = _pattern(path)
            if pattern is None or pattern in seen or not path.startswith(within):
                continue
            seen.add(pattern)
            response = page.goto(f"{base}{path}")
            status = response.status if response else 0
            where = f"{path} as {who}"
            if not 0 < status < 500:
                failures.append(f"{where}: status {status}")
                continue
            look = page.evaluate(LOOK_JS)
            if look["width"] > PHONE_WIDTH:
                failures.append(f"{where}: {look['width']} px wide; sticking out: {page.evaluate(WIDEST_JS)}")
            if chinese and status < 400 and (english := _untranslated(look["own"])):
                failures.append(f"{where}: English words on the Chinese page: {english}")
            if step < depth:
                following += look["links"]
        level = following
    assert len(seen) > 1, f"{who} reached no page from {start}"
    return failures


def _menu(page: Page, base: str) -> list[str]:
    page.goto(f"{base}/")
    menu: list[str] = page.eval_on_selector_all(".menu nav a", "els => els.map(e => e.getAttribute('href'))")
    return ["/", *menu]


def _login_for(who: str) -> str:
    """The demo login of `who`: itself, or the first person holding the office it names."""
    found = {
        "staff": AccessGrant.objects.filter(role=Role.STAFF, user__username__startswith="staff"),
        "instructor": Instructor.objects.filter(status=Status.APPROVED, village__isnull=False),
        "village cadre": AccessGrant.objects.filter(area__kind=AreaKind.VILLAGE),
    }.get(who)
    if found is None:
        return who
    username = found.order_by("pk").values_list("user__username", flat=True).first()
    assert username, f"the demo has no login for a {who}"
    return username


# One login per role the menu knows (Role, and zijian with no office), then the instructor programme's
# offices: HQ over 双辽市 and the city committee, a township, a sending unit, a village's cadre and an
# instructor serving a village.
OFFICES = ["district", "street", "community", "station", "staff", "volunteer", "zijian"]
INSTRUCTOR_OFFICES = ["shuangliao", "xiangzhen", "danwei", "village cadre", "instructor"]


@pytest.mark.parametrize("who", OFFICES)
def test_every_page_an_office_reaches_fits_a_phone_in_chinese(login, live_demo, who) -> None:  # type: ignore[no-untyped-def]
    username = _login_for(who)
    page: Page = login(username)
    failures = walk(page, live_demo.url, f"{who} ({username})", _menu(page, live_demo.url))
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("who", INSTRUCTOR_OFFICES)
def test_every_instructor_page_fits_a_phone_in_chinese(login, live_demo, who) -> None:  # type: ignore[no-untyped-def]
    username = _login_for(who)
    page: Page = login(username)
    failures = walk(page, live_demo.url, f"{who} ({username})", ["/instructors/"], within="/instructors/")
    assert not failures, "\n".join(failures)


def test_every_page_fits_a_phone_in_english(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("district")
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    failures = walk(page, live_demo.url, "district in English", _menu(page, live_demo.url))
    assert not failures, "\n".join(failures)


def test_the_pages_residents_open_from_a_poster_fit_a_phone(page: Page, live_demo) -> None:  # type: ignore[no-untyped-def]
    # A building whose poster shows a card (someone on duty answers for it) leads to a public card too.
    buildings = Area.objects.filter(kind=AreaKind.BUILDING).order_by("path")[:50]
    building = next((b for b in buildings if building_cards(b)), None)
    instructor = (
        Instructor.objects.filter(status=Status.APPROVED, village__isnull=False)
        .select_related("call", "village")
        .first()
    )
    assert building and instructor, (
        "the demo has no building with a card on its poster, or no serving instructor"
    )
    start = [
        f"/r/{building_token(building)}/",
        "/r/status/",
        f"/p/b/{poster_token(building)}/",
        f"/survey/{survey_token(instructor.call, instructor.village)}/",  # type: ignore[arg-type]
    ]
    page.goto(f"{live_demo.url}/r/status/")
    failures = walk(page, live_demo.url, "a resident", start, depth=1)
    page.click("button[name=language][value=en]")
    page.wait_for_selector("html[lang=en]")
    failures += walk(page, live_demo.url, "a resident in English", start, depth=1)
    assert not failures, "\n".join(failures)
