from playwright.sync_api import Page, expect

from grassroots.instructors.models import Call, CallStatus, Matching, MatchingStatus, MatchPair


def test_the_matching_page_runs_both_methods_side_by_side(login, page: Page, live_demo) -> None:  # type: ignore[no-untyped-def]
    call = Call.objects.get(status=CallStatus.FINISHED, area__name="双辽市")
    # The demo's call is finished, which closes its matching: put it back as it stood before that.
    Call.objects.filter(pk=call.pk).update(
        status=CallStatus.MATCHING, finished_at=None, finished_by=None, finish_reason=""
    )
    login("shuangliao")
    page.goto(f"{live_demo.url}/instructors/calls/{call.pk}/matching/")
    page.click("button[name=method][value=both]")
    stable = page.locator(".side[data-method=stable_candidate]")
    optimal = page.locator(".side[data-method=optimal]")
    # Fresh proposals (status "due": waiting for approval) replace the demo's decided ones.
    expect(stable.locator(".badge")).to_have_class("badge due", timeout=30_000)
    expect(optimal.locator(".badge")).to_have_class("badge due", timeout=30_000)
    expect(stable.locator(".blocking")).to_have_text("0")
    stable_total = int(stable.locator(".total-fit").inner_text())
    optimal_total = int(optimal.locator(".total-fit").inner_text())
    assert optimal_total >= stable_total > 0
    # The side-by-side table has one row per village either fresh proposal places.
    fresh = Matching.objects.filter(call=call, status=MatchingStatus.PROPOSED)
    villages = MatchPair.objects.filter(matching__in=fresh).values("village").distinct().count()
    assert villages > 0
    expect(page.locator("#results table tbody tr")).to_have_count(villages)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
