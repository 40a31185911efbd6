from playwright.sync_api import Page, expect

from grassroots.instructors.models import Call, CallStatus, Instructor, Status


def test_the_committee_finishes_a_call_on_a_phone(login, page: Page, live_demo) -> None:  # type: ignore[no-untyped-def]
    call = Call.objects.get(status=CallStatus.FINISHED, area__name="双辽市")
    # The demo finished it through the service; put it back in matching to finish it on the page.
    Call.objects.filter(pk=call.pk).update(
        status=CallStatus.MATCHING, finished_at=None, finished_by=None, finish_reason=""
    )
    serving = Instructor.objects.filter(call=call, status=Status.APPROVED, village__isnull=False).count()
    vacated = call.villages.count() - serving
    supplementary = Call.objects.get(name__endswith="补充选派")
    assert vacated > 0

    login("shuangliao")
    page.goto(f"{live_demo.url}/instructors/calls/{call.pk}/")
    page.click("#finish-call summary")
    expect(page.locator("#finish-matched")).to_have_text(str(serving))
    expect(page.locator("#finish-unfilled")).to_have_text(str(vacated))
    expect(page.locator("#finish-waiting")).to_have_text("0")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Without a reason the page says so and nothing is finished.
    page.click("#finish-call button[type=submit]")
    assert Call.objects.get(pk=call.pk).status == CallStatus.MATCHING
    page.fill("#id_reason", "选派工作全部完成，转入驻村管理")
    page.click("#finish-call button[type=submit]")
    expect(page.locator("#call-status")).to_have_text("已完成")
    unfilled = page.locator("#unfilled li")
    expect(unfilled).to_have_count(vacated)
    # Each village the leavers vacated points at the supplementary call that covers it.
    expect(unfilled.locator(f"a[href='/instructors/calls/{supplementary.pk}/']")).to_have_count(vacated)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert Call.objects.get(pk=call.pk).status == CallStatus.FINISHED
