"""axe-core finds no serious accessibility violations on the main pages of every role."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

from tests.factories import (
    AdminFactory,
    ContactPersonFactory,
    RoleModelFactory,
    StudentFactory,
    TeacherFactory,
)
from tests.factories.accounts import PASSWORD

PUBLIC_PAGES = ["/", "/login", "/join", "/password/forgot"]
MAKERS = {
    "admin": lambda: AdminFactory(),
    "contact": lambda: ContactPersonFactory().user,
    "role_model": lambda: RoleModelFactory().user,
    "teacher": lambda: TeacherFactory().user,
    "student": lambda: StudentFactory().user,
}


def serious_violations(page: Page) -> list[str]:
    """Run axe-core in the page; list serious and critical violations."""
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible(page: Page, live_server, path):
    page.goto(live_server + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("role", sorted(MAKERS))
def test_dashboard_is_accessible(page: Page, live_server, role):
    user = MAKERS[role]()
    page.goto(live_server + "/login")
    page.locator("#login").fill(user.email or user.username)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server + "/")
    assert serious_violations(page) == []
