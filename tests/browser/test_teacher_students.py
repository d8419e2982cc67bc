"""On a phone, a teacher removing a student is asked first, by name, and can step back."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import serious_violations
from tests.factories import SchoolClassFactory, StudentFactory, TeacherFactory, UserFactory


def test_teacher_is_asked_before_a_student_is_removed(page: Page, live_server):
    page.set_viewport_size({"width": 360, "height": 780})
    teacher = TeacherFactory(user=UserFactory(name="Siri Lærer", email="siri@skole.no"))
    school_class = SchoolClassFactory(school=teacher.school, name="9B")
    StudentFactory(school_class=school_class, display_name="Amina", user__name="Amina")
    StudentFactory(school_class=school_class, display_name="Jonas", user__name="Jonas")
    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill("siri@skole.no")
    page.get_by_label("Passord").fill("Passord-123")
    page.get_by_role("button", name="Logg inn").click()
    page.goto(live_server + f"/schools/classes/{school_class.id}")
    assert serious_violations(page) == []

    page.get_by_role("link", name="Fjern Amina").click()
    expect(page.get_by_role("heading", name="Fjerne Amina fra 9B?")).to_be_visible()
    assert serious_violations(page) == []
    page.get_by_role("link", name="Tilbake til klassen").click()
    expect(page.get_by_role("heading", name="Elever (2)")).to_be_visible()

    page.get_by_role("link", name="Fjern Amina").click()
    page.get_by_role("button", name="Fjern eleven").click()
    expect(page.get_by_text("Amina er fjernet fra klassen.")).to_be_visible()
    expect(page.get_by_role("heading", name="Elever (1)")).to_be_visible()
    expect(page.get_by_text("Jonas", exact=True)).to_be_visible()
    remove_jonas = page.get_by_role("link", name="Fjern Jonas")
    box = remove_jonas.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360  # on screen, no sideways scroll
