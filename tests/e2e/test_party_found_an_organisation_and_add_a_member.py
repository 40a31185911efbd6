from playwright.sync_api import Page, expect

from grassroots.party.selectors import active_organisations


def test_a_community_founds_an_organisation_and_adds_a_member_on_a_phone(login, live_demo) -> None:  # type: ignore[no-untyped-def]
    page: Page = login("community")
    page.goto(f"{live_demo.url}/party/organisations/")
    page.locator("a.btn", has_text="成立临时党组织").click()
    expect(page.locator("h1")).to_contain_text("成立临时党组织")
    page.fill("#id_name", "端到端临时党支部")
    post = page.locator("#id_post option").nth(1).get_attribute("value")
    assert post
    page.select_option("#id_post", post)
    page.locator("form.party-form button[type=submit]").click()
    # Every demo post has its organisation: a second is founded only once the refusal has named it.
    standing = active_organisations().filter(post_id=post).earliest("founded_on", "pk")
    expect(page.locator("form.party-form")).to_contain_text(standing.name)
    assert page.input_value("#id_name") == "端到端临时党支部"
    page.check("#id_second_branch")
    page.locator("form.party-form button[type=submit]").click()
    expect(page.locator("h1")).to_have_text("端到端临时党支部")
    expect(page.locator(".messages")).to_contain_text("临时党组织已成立")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.locator("a.btn", has_text="增加党员").click()
    first = page.locator("#id_person option").nth(1)
    value, name = first.get_attribute("value"), first.inner_text().split(" · ")[0]
    assert value
    page.select_option("#id_person", value)
    page.fill("#id_duty", "楼道值守")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.locator("form.party-form button[type=submit]").click()
    expect(page.locator(".messages")).to_contain_text("党员已增加")
    row = page.locator("table.stack tbody tr", has_text=name)
    expect(row).to_contain_text("楼道值守")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
