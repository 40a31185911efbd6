from playwright.sync_api import Page, expect

from grassroots.instructors.models import Instructor, Status


def test_a_candidate_applies_is_recommended_and_approved(login, page: Page, live_demo) -> None:  # type: ignore[no-untyped-def]
    # zijian holds no area grant at all: self-nomination still reaches the application pages.
    login("zijian")
    page.goto(f"{live_demo.url}/instructors/")
    page.locator("a.btn", has_text="申请").first.click()
    page.fill("#id_name", "测试自荐人")
    page.select_option("#id_gender", "female")
    page.fill("#id_birth_date", "1990-06-01")
    page.fill("#id_phone", "13912340000")
    page.select_option("#id_source", "self")
    page.select_option("#id_department", label="双辽市农业农村局")
    page.fill("#id_post", "科员")
    page.fill("#id_strengths", "电商销售")
    page.check("input[name=familiar_fields][value=industry]")
    page.check("input[name=familiar_fields][value=party_building]")
    for box in ("is_party_member", "political_quality_ok", "health_ok"):
        page.check(f"#id_{box}")
    page.fill("#id_party_work_years", "5")
    page.fill("#id_service_years", "8")
    page.click("button[type=submit].btn")
    expect(page.locator("h1")).to_contain_text("我的申请")
    expect(page.locator(".badge").first).to_contain_text("已申请")
    candidate = Instructor.objects.get(name="测试自荐人")

    page.context.clear_cookies()
    login("danwei")
    page.goto(f"{live_demo.url}/instructors/people/{candidate.pk}/")
    page.check("input[name=approve][value='1']")
    page.fill("#id_reason", "业务骨干，同意推荐")
    page.click("button[type=submit].btn")
    expect(page.locator("h1 .badge")).to_contain_text("单位已推荐")

    page.context.clear_cookies()
    login("shuangliao")
    page.goto(f"{live_demo.url}/instructors/people/{candidate.pk}/")
    page.check("input[name=approve][value='1']")
    page.fill("#id_reason", "市委审核同意")
    page.click("button[type=submit].btn")
    expect(page.locator("h1 .badge")).to_contain_text("市委审核通过")
    expect(page.locator(".steps li")).to_have_count(3)
    assert Instructor.objects.get(pk=candidate.pk).status == Status.APPROVED
