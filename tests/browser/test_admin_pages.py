"""The administrator's own pages on a phone: audit log, outbox, a failed e-mail, own password."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.core import audit
from app.extensions import db
from app.outbox.services import queue_email
from tests.browser.test_accessibility import serious_violations
from tests.factories import AdminFactory
from tests.factories.accounts import PASSWORD


@pytest.fixture
def admin():
    """An administrator who moved a placement, and an e-mail the server refused."""
    admin = AdminFactory(name="Kari Nordmann")
    audit.record(admin, "matching.move", None)
    message = queue_email("ola@bedrift.no", "Arbeidsuke hos Nidelv Elektro", "Hei!")
    message.status, message.attempts, message.last_error = "failed", 8, "550 no such user"
    db.session.commit()
    return admin, message


def _login(page: Page, live_server: str, user) -> None:
    page.goto(live_server + "/login")
    page.locator("#login").fill(user.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server + "/")


def test_admin_finds_a_failed_email_and_sends_it_again_on_a_phone(page: Page, live_server, admin):
    user, message = admin
    page.set_viewport_size({"width": 360, "height": 780})
    _login(page, live_server, user)

    page.goto(live_server + "/admin/audit")
    page.get_by_label("Søk på person eller hva som ble gjort").fill("flyttet")
    page.get_by_role("button", name="Søk", exact=True).click()
    expect(page.get_by_role("cell", name="Plassering flyttet")).to_be_visible()
    assert serious_violations(page) == []

    page.goto(live_server + "/admin/outbox/")
    page.get_by_label("Status").select_option("failed")
    page.get_by_role("button", name="Søk", exact=True).click()
    page.get_by_role("link", name="Arbeidsuke hos Nidelv Elektro").click()
    expect(page.get_by_text("550 no such user")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Send på nytt").click()
    expect(page.get_by_text("E-posten blir sendt på nytt.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_own_password_is_changed_from_my_account(page: Page, live_server, admin):
    _login(page, live_server, admin[0])
    page.goto(live_server + "/account")
    page.get_by_role("link", name="Bytt passord").click()
    page.get_by_label("Passordet du har nå").fill(PASSWORD)
    page.get_by_label("Nytt passord").fill("Nytt-passord-2027")
    page.get_by_label("Gjenta passordet").fill("Nytt-passord-2027")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Lagre passordet").click()
    expect(page.get_by_text("Det nye passordet ditt er lagret.")).to_be_visible()
