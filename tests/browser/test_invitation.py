"""A new teacher accepts an invitation, logs in, and reads Skolebro in Norwegian and English."""

import re

import pytest
from playwright.sync_api import Page, expect

from app.accounts.services import create_invitation
from tests.factories import SchoolFactory


@pytest.fixture
def invitation_path(app):
    school = SchoolFactory(name="Huseby ungdomsskole")
    with app.test_request_context():
        _, link = create_invitation(
            None, "teacher", "nina@huseby.no", "Nina Lærer", school_id=school.id
        )
    return re.sub(r"^https?://[^/]+", "", link)


def test_teacher_accepts_invitation_and_switches_language(page: Page, live_server, invitation_path):
    page.goto(live_server + invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen til Skolebro")
    page.get_by_label("Navnet ditt").fill("Nina Lærer")
    page.get_by_label("Nytt passord").fill("Sterkt-passord-9")
    page.get_by_label("Gjenta passordet").fill("Sterkt-passord-9")
    page.get_by_role("button", name="Opprett kontoen min").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Nina Lærer")
    page.get_by_role("button", name="Logg ut").click()

    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill("nina@huseby.no")
    page.get_by_label("Passord").fill("feil-passord")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.locator("#password-error")).to_contain_text("Feil e-postadresse")
    expect(page.get_by_label("E-postadresse eller brukernavn")).to_have_value("nina@huseby.no")

    page.get_by_label("Passord").fill("Sterkt-passord-9")
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Nina Lærer")
    expect(page.get_by_text("Huseby ungdomsskole")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "nb")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nina Lærer")
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_reused_invitation_link_shows_clear_page(page: Page, live_server, invitation_path):
    page.goto(live_server + invitation_path)
    page.get_by_label("Navnet ditt").fill("Nina Lærer")
    page.get_by_label("Nytt passord").fill("Sterkt-passord-9")
    page.get_by_label("Gjenta passordet").fill("Sterkt-passord-9")
    page.get_by_role("button", name="Opprett kontoen min").click()
    page.get_by_role("button", name="Logg ut").click()
    page.goto(live_server + invitation_path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Denne lenken er allerede brukt")
