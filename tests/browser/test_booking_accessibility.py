"""axe-core finds no serious violations on the teacher's class, search and booking pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.test_accessibility import serious_violations
from tests.factories import BookingFactory, RoleModelFactory, SchoolClassFactory, TeacherFactory
from tests.factories.accounts import PASSWORD


@pytest.fixture
def teacher_pages():
    teacher = TeacherFactory()
    school_class = SchoolClassFactory(school=teacher.school, teacher=teacher)
    role_model = RoleModelFactory()
    booking = BookingFactory(school_class=school_class, teacher=teacher, role_model=role_model)
    return teacher.user, [
        "/bookings/search",
        "/bookings/",
        f"/bookings/{booking.id}",
        "/schools/classes",
        "/schools/classes/new",
        f"/schools/classes/{school_class.id}",
        f"/bookings/new/role-model/{role_model.id}",
        "/calendar/",
    ]


def test_teacher_pages_are_accessible(page: Page, live_server, teacher_pages):
    user, paths = teacher_pages
    page.goto(live_server + "/login")
    page.locator("#login").fill(user.email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server + "/")
    found = {}
    for path in paths:
        page.goto(live_server + path)
        found[path] = serious_violations(page)
    assert found == {path: [] for path in paths}
