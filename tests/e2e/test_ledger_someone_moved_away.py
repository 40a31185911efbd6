"""As a command station on a phone: at a door, learn that a member of the household moved away and
say so on the visit; the household no longer lists them, their page says when and why, and a tap
brings them back."""

from playwright.sync_api import Page, expect

from grassroots.residents.models import Household, LedgerChange, Resident


def test_a_visit_takes_someone_out_of_the_ledger_and_their_page_brings_them_back(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    from grassroots.core.models import User

    station = User.objects.get(username="station").grants.get().area
    home = next(
        h
        for h in Household.objects.filter(area__path__startswith=station.path, status="occupied")
        .select_related("head")
        .order_by("-area__path", "-room")
        if h.residents.exclude(pk=h.head_id or 0).exists()
    )
    member = home.residents.exclude(pk=home.head_id or 0).order_by("pk").first()
    assert member is not None
    page: Page = login("station")
    page.goto(f"{live_demo.url}/ledger/households/{home.pk}/")
    page.click("[data-show=corrections]")
    page.select_option(f'select[name="resident.{member.pk}.left"]', "moved_away")
    page.fill('#visit-form input[name="note"]', "随子女去外地")
    page.click("button[value=corrected]")
    expect(page.locator("#history")).to_contain_text("移出台账")
    expect(page.locator("#history")).to_contain_text("迁出：随子女去外地")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert not Resident.objects.filter(pk=member.pk).exists()
    assert LedgerChange.objects.get(resident_id=member.pk, field="left").via == "visit"

    page.reload()
    expect(page.locator(".people").first).not_to_contain_text(member.name)
    page.click("text=1 人已移出台账")
    page.click(f'a[href="/ledger/residents/{member.pk}/"]')
    expect(page.locator("#left")).to_contain_text("迁出")
    page.fill('input[name="return-note"]', "搬回来了")
    page.click("form[action$='/return/'] button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("已恢复到台账")
    assert Resident.objects.filter(pk=member.pk).exists()
