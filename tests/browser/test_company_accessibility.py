"""axe-core finds no serious accessibility violations on the company pages, on a phone."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
)
from tests.factories.accounts import PASSWORD


def serious_violations(page: Page) -> list[str]:
    """Run axe-core in the page; list serious and critical violations."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def log_in(page: Page, live_server: str, user) -> None:
    page.goto(live_server + "/login")
    page.locator("#login").fill(user.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server + "/")


@pytest.fixture
def company_pages():
    """A contact person's company with an offer, a date and a waiting role model."""
    offer = OfferFactory(kind="work_week", supervisor_name="Anne")
    OfferSlotFactory(offer=offer, taken=1)
    RoleModelFactory(company=offer.company, status="pending")
    contact = ContactPersonFactory(company=offer.company)
    cid = offer.company_id
    paths = [
        "/",
        f"/companies/{cid}",
        f"/companies/{cid}/edit",
        f"/companies/{cid}/sites/new",
        f"/companies/{cid}/offers",
        f"/companies/{cid}/offers/new",
        f"/companies/{cid}/offers/new?kind=work_week",
        f"/companies/offers/{offer.id}",
        f"/companies/{cid}/role-models",
        f"/companies/{cid}/season-placements",
        f"/companies/{cid}/plan",
        f"/companies/{cid}/membership",
    ]
    return contact.user, paths


def test_the_registration_page_is_accessible(page: Page, live_server):
    page.goto(live_server + "/companies/register")
    page.get_by_role("button", name="Registrer bedriften").click()
    assert serious_violations(page) == []


def test_the_contact_persons_pages_are_accessible(page: Page, live_server, company_pages):
    user, paths = company_pages
    log_in(page, live_server, user)
    for path in paths:
        page.goto(live_server + path)
        assert serious_violations(page) == [], path


def test_the_role_models_profile_is_accessible(page: Page, live_server):
    rm = RoleModelFactory()
    log_in(page, live_server, rm.user)
    page.goto(live_server + f"/companies/role-models/{rm.id}/profile")
    assert serious_violations(page) == []


def test_the_member_list_is_accessible(page: Page, live_server):
    OfferFactory()
    log_in(page, live_server, AdminFactory())
    for path in ("/companies/admin/members", "/companies/admin/settings"):
        page.goto(live_server + path)
        assert serious_violations(page) == [], path
