"""A volunteer opens the open tasks near them on a 360 px phone and claims one in one tap."""

from playwright.sync_api import Page, expect


def test_a_volunteer_claims_a_task_in_one_tap(page: Page, login, live_demo) -> None:  # type: ignore[no-untyped-def]
    login("volunteer")
    page.goto(f"{live_demo.url}/services/tasks/")
    expect(page.get_by_role("heading", name="身边待认领任务")).to_be_visible()
    card = page.locator("article.task").filter(has=page.get_by_role("button", name="认领")).first
    card_id = card.get_attribute("id")
    title = card.locator("h2").inner_text().strip()
    button = card.get_by_role("button", name="认领")
    box = button.bounding_box()
    assert box is not None and box["height"] >= 44 and box["width"] >= 200
    button.click()
    expect(page.locator(f"#{card_id}")).to_contain_text("认领成功")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.reload()
    expect(page.locator("section.card", has_text="我的认领")).to_contain_text(title)
