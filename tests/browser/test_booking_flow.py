"""A teacher finds and books a role model, the role model accepts, the teacher cancels."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.factories import (
    RoleModelFactory,
    SchoolClassFactory,
    SiteFactory,
    TeacherFactory,
    UserFactory,
)

PASSWORD = "Passord-123"


def next_weekday(days: int) -> date:
    day = date.today() + timedelta(days=days)
    while day.weekday() > 4:
        day += timedelta(days=1)
    return day


@pytest.fixture
def people():
    teacher = TeacherFactory(user=UserFactory(name="Tone Lærer", email="tone@skole.no"))
    SchoolClassFactory(school=teacher.school, teacher=teacher, name="9A")
    site = SiteFactory(municipality="Trondheim", latitude=63.42, longitude=10.40)
    role_model = RoleModelFactory(
        user=UserFactory(name="Ingrid Ingeniør", email="ingrid@firma.no"),
        company=site.company,
        site=site,
        job_title="Robotingeniør",
    )
    return teacher, role_model


def log_in(page: Page, live_server: str, email: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill(email)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hei")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()


def feed_link(page: Page, live_server: str) -> str:
    page.goto(live_server + "/calendar/")
    page.get_by_role("button", name="Lag kalenderlenken min").click()
    url = page.locator("#feed-url").input_value()
    return (
        live_server + url[url.index("/calendar/feed/") :]
    )  # PUBLIC_BASE_URL is not the test server


def test_search_book_accept_cancel(page: Page, live_server, people):
    teacher, role_model = people
    day = next_weekday(21)

    log_in(page, live_server, "tone@skole.no")
    page.get_by_role("link", name="Finn besøk").click()
    result = page.locator("article.result", has_text="Ingrid Ingeniør")
    expect(result).to_contain_text("km fra skolen")
    expect(result).to_contain_text("2 av 2 besøk ledige")
    result.get_by_role("link", name="Be om besøk").click()
    page.get_by_label("Dato", exact=True).fill(day.isoformat())
    page.get_by_label("Starttid", exact=True).fill("10:00")
    page.get_by_label("Melding til rollemodellen").fill("Vi lærer om roboter!")
    page.get_by_role("button", name="Send forespørselen").click()
    expect(page.get_by_text("Forespørselen er sendt.")).to_be_visible()
    expect(page.get_by_text("Venter på svar").first).to_be_visible()
    log_out(page)

    log_in(page, live_server, "ingrid@firma.no")
    page.get_by_role("link", name="Bookinger").click()
    page.get_by_role("link", name="Rollemodellbesøk").first.click()
    expect(page.locator("dd", has_text="Vi lærer om roboter!")).to_be_visible()
    page.get_by_role("button", name="Godta besøket").click()
    expect(page.get_by_text("Besøket er bekreftet.")).to_be_visible()
    page.get_by_role("link", name="Oversikt").click()
    expect(page.get_by_text(teacher.school.name).first).to_be_visible()
    link = feed_link(page, live_server)
    feed = page.request.get(link).text()
    assert "BEGIN:VEVENT" in feed and "METHOD" not in feed
    log_out(page)

    log_in(page, live_server, "tone@skole.no")
    booking = page.locator(".teacher-bookings li", has_text="Ingrid Ingeniør")
    expect(booking).to_contain_text("Bekreftet")
    booking.get_by_role("link").click()
    page.get_by_role("button", name="Avlys bookingen").click()
    expect(page.locator("#cancel-reason-error")).to_contain_text("Skriv hvorfor")
    page.locator("#cancel-reason").fill("Heldagsprøve i matte")
    page.get_by_role("button", name="Avlys bookingen").click()
    expect(page.get_by_text("Bookingen er avlyst.")).to_be_visible()

    feed = page.request.get(link).text()
    assert "BEGIN:VCALENDAR" in feed and "BEGIN:VEVENT" not in feed
    assert (
        page.request.get(live_server + "/calendar/feed/feil-token-123456789012345.ics").status
        == 404
    )
