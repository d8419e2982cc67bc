"""On a phone, a student whose teacher reset the password chooses their own right after login."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.factories import StudentFactory
from tests.factories.accounts import PASSWORD


@pytest.fixture
def browser_context_args(browser_context_args):
    """A common phone screen."""
    return {**browser_context_args, "viewport": {"width": 390, "height": 844}}


def test_student_chooses_own_password_on_a_phone(page: Page, live_server):
    StudentFactory(user__name="Nora", user__username="nora.k7m2", user__must_change_password=True)
    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill("nora.k7m2")
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Velg ditt eget passord")

    page.get_by_label("Nytt passord").fill("kort-1")
    page.get_by_label("Gjenta passordet").fill("kort-1")
    page.get_by_role("button", name="Lagre passordet").click()
    expect(page.locator("#password-error")).to_have_text("Bruk minst 10 tegn.")
    expect(page.get_by_label("Nytt passord")).to_have_attribute("aria-invalid", "true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.get_by_role("button", name="Lagre passordet").bounding_box()["width"] <= 390

    page.get_by_label("Nytt passord").fill("Mitt-eget-passord-7")
    page.get_by_label("Gjenta passordet").fill("Mitt-eget-passord-7")
    page.get_by_role("button", name="Lagre passordet").click()
    expect(page.get_by_text("Det nye passordet ditt er lagret.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hei, Nora")
