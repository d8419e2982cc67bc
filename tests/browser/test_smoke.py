"""The login page renders in a real browser."""

from playwright.sync_api import Page, expect


def test_login_page_in_norwegian(page: Page, live_server):
    page.goto(live_server + "/login")
    expect(page.get_by_role("heading", level=1)).to_have_text("Logg inn på Skolebro")
