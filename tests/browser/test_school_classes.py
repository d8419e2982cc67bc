"""On a phone, a teacher adds a class, shows its code big, rotates it, and a student joins."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import TeacherFactory, UserFactory


def test_teacher_adds_a_class_and_a_student_joins(page: Page, live_server):
    TeacherFactory(user=UserFactory(name="Siri Lærer", email="siri@skole.no"))
    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill("siri@skole.no")
    page.get_by_label("Passord").fill("Passord-123")
    page.get_by_role("button", name="Logg inn").click()
    page.get_by_role("link", name="Klasser", exact=True).click()
    page.get_by_role("link", name="Legg til en klasse").click()
    page.get_by_label("Klassenavn").fill("10B")
    page.get_by_label("Trinn").fill("10")
    page.get_by_label("Antall elever").fill("26")
    page.get_by_label("Arbeidsuka starter (en mandag)").fill("2027-03-03")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#work_week_start-error")).to_have_text("Arbeidsuka starter på en mandag.")
    expect(page.get_by_label("Klassenavn")).to_have_value("10B")
    page.get_by_label("Arbeidsuka starter (en mandag)").fill("2027-03-01")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_text("Klassen er lagt til.")).to_be_visible()

    code = page.locator("p.join-code")
    first = code.inner_text()
    assert len(first) == 8 and code.bounding_box()["width"] <= 412
    page.get_by_role("button", name="Lag ny kode").click()
    expect(page.get_by_text("Klassen har fått ny kode.")).to_be_visible()
    second = page.locator("p.join-code").inner_text()
    assert second != first
    page.get_by_role("button", name="Logg ut").click()

    page.goto(live_server + "/join")
    page.get_by_label("Klassekode").fill(first)
    page.get_by_label("Fornavnet ditt").fill("Ola")
    page.get_by_label("Velg et passord").fill("Sterkt-pass-7")
    page.get_by_label("Gjenta passordet").fill("Sterkt-pass-7")
    page.get_by_role("button", name="Bli med i klassen").click()
    expect(page.locator("#code-error")).to_be_visible()
    page.get_by_label("Klassekode").fill(second)
    page.get_by_label("Velg et passord").fill("Sterkt-pass-7")
    page.get_by_label("Gjenta passordet").fill("Sterkt-pass-7")
    page.get_by_role("button", name="Bli med i klassen").click()
    expect(page.get_by_text("10B", exact=False).first).to_be_visible()
