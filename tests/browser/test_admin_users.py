"""An administrator on a phone finds a teacher who left and deactivates the account."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import serious_violations
from tests.factories import AdminFactory, TeacherFactory
from tests.factories.accounts import PASSWORD

PHONE_WIDTH = 360


def _login(page: Page, live_server: str, login: str) -> None:
    page.goto(live_server + "/login")
    page.locator("#login").fill(login)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()


def _fits_the_phone(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE_WIDTH


def test_admin_deactivates_a_teacher_who_left_on_a_phone(page: Page, live_server):
    admin = AdminFactory(name="Astrid Admin")
    teacher = TeacherFactory(user__name="Kari Nordmann", school__name="Heimdal ungdomsskole")
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 780})
    _login(page, live_server, admin.email)
    page.wait_for_url(live_server + "/")

    page.get_by_role("link", name="Brukere", exact=True).first.click()
    page.get_by_label("Søk på navn, e-post, brukernavn, skole eller bedrift").fill("heimdal")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page.get_by_text("Lærer ved Heimdal ungdomsskole")).to_be_visible()
    assert serious_violations(page) == [] and _fits_the_phone(page)

    page.get_by_role("link", name="Kari Nordmann").click()
    page.get_by_role("link", name="Deaktiver kontoen").click()
    expect(page.get_by_role("heading", name="Deaktivere Kari Nordmann?")).to_be_visible()
    page.get_by_role("button", name="Deaktiver Kari Nordmann").click()
    expect(page.locator(".field-error")).to_have_text("Skriv hvorfor kontoen deaktiveres.")
    assert serious_violations(page) == [] and _fits_the_phone(page)
    page.get_by_label("Begrunnelse").fill("Har sluttet ved skolen")
    page.get_by_role("button", name="Deaktiver Kari Nordmann").click()
    expect(
        page.get_by_text("Kari Nordmann er deaktivert og kan ikke lenger logge inn.")
    ).to_be_visible()
    expect(page.get_by_role("button", name="Aktiver kontoen igjen")).to_be_visible()
    assert serious_violations(page) == [] and _fits_the_phone(page)

    page.context.clear_cookies()
    _login(page, live_server, teacher.user.email)
    expect(page.get_by_role("alert")).to_contain_text("Kontoen din er deaktivert.")
    expect(page.get_by_role("alert")).to_contain_text(admin.email)
