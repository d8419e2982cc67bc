"""A student ranks wishes on a phone; the admin closes, runs, reviews, pins, publishes, and
after publication moves the placement, then cancels it."""

from __future__ import annotations

import re
from datetime import date

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.seasons.models import MatchRun
from tests.factories import (
    AdminFactory,
    OfferFactory,
    OfferSlotFactory,
    SchoolClassFactory,
    SeasonFactory,
    SiteFactory,
    StudentFactory,
    TeacherFactory,
    UserFactory,
)

PASSWORD = "Passord-123"
WEEK_10 = date(2027, 3, 8)


@pytest.fixture
def people():
    """An admin, a season open for wishes, a student with a work week, and two offers near."""
    admin = AdminFactory(email="admin@skolebro.no", name="Ada Admin")
    season = SeasonFactory(status="requests_open")
    teacher = TeacherFactory(user=UserFactory(name="Tone Lærer", email="tone@skole.no"))
    school_class = SchoolClassFactory(
        school=teacher.school, teacher=teacher, name="9A", work_week_start=WEEK_10
    )
    student = StudentFactory(
        school_class=school_class,
        user=UserFactory(email=None, username="elev.ola", name="Ola Elev"),
        display_name="Ola Elev",
    )
    for title in ("Robotverkstedet", "Kraftverket"):
        site = SiteFactory(latitude=63.42, longitude=10.40, address="Havnegata 3")
        offer = OfferFactory(
            company=site.company,
            site=site,
            kind="work_week",
            title=title,
            what_to_bring="Vernesko og matpakke",
            supervisor_name="Kari Veileder",
        )
        OfferSlotFactory(offer=offer, date=WEEK_10, capacity=2)
    return admin, season, student


def log_in(page: Page, live_server: str, login: str) -> None:
    page.goto(live_server + "/login")
    page.get_by_label("E-postadresse eller brukernavn").fill(login)
    page.get_by_label("Passord").fill(PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hei")


def test_wishes_run_review_pin_publish(page: Page, live_server, people):
    admin, season, _student = people
    log_in(page, live_server, "elev.ola")
    page.get_by_role("link", name="Mine ønsker").first.click()
    page.get_by_role("button", name=re.compile("Legg til som ønske.*Robotverkstedet")).click()
    expect(page.get_by_text("Ønsket ditt er lagret.")).to_be_visible()
    page.get_by_label("Legg til et ønske").select_option(label="Fagfelt: Elektronikk")
    page.get_by_role("button", name="Legg til", exact=True).click()
    expect(page.locator("ol.wish-list li")).to_have_count(2)
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, live_server, "admin@skolebro.no")
    page.goto(f"{live_server}/seasons/{season.id}")
    page.get_by_role("link", name=re.compile("Gå videre til: Stengt")).click()
    page.get_by_role("button", name="Ja, flytt den").click()
    page.get_by_role("button", name="Kjør matchingen").click()
    expect(page.get_by_role("heading", name="Gå gjennom matchingen")).to_be_visible(timeout=30_000)
    row = page.locator("table.placements tbody tr").first
    expect(row).to_contain_text("Ola Elev")
    expect(row).to_contain_text("Robotverkstedet")
    row.get_by_role("button", name=re.compile("^Lås")).click()
    expect(page.locator("table.placements tbody tr").first).to_contain_text("låst")
    page.get_by_role("link", name="Publiser").click()
    page.get_by_role("button", name="Ja, publiser").click()
    expect(page.get_by_text(re.compile("Publisert. \\d+ invitasjoner"))).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, live_server, "elev.ola")
    card = page.locator(".placement-card")
    expect(card).to_contain_text("Robotverkstedet")
    expect(card).to_contain_text("Vernesko og matpakke")
    expect(card).to_contain_text("Kari Veileder")

    # The workshop has a leak: on a phone, the administrator moves Ola to the power plant.
    page.get_by_role("button", name="Logg ut").click()
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, "admin@skolebro.no")
    page.goto(f"{live_server}/matching/runs/{_run_id(season)}/review")
    page.get_by_role("link", name=re.compile("^Flytt.*Ola Elev")).click()
    power_plant = page.locator("#slot_id option", has_text="Kraftverket").get_attribute("value")
    page.get_by_label("Ny plass").select_option(power_plant)
    page.get_by_role("button", name="Flytt").click()
    expect(page.locator("#reason-error")).to_contain_text("Skriv hvorfor")
    expect(page.get_by_label("Ny plass")).to_have_value(power_plant)  # the choice stays
    page.get_by_label("Begrunnelse").fill("Vannlekkasje i verkstedet.")
    page.get_by_role("button", name="Flytt").click()
    expect(page.get_by_text("Plasseringen er flyttet")).to_be_visible()
    row = page.locator("table.placements tbody tr").first
    expect(row).to_contain_text("Kraftverket")
    expect(row).to_contain_text("Flyttet etter publisering: Vannlekkasje i verkstedet.")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server, "elev.ola")
    card = page.locator(".placement-card")
    expect(card).to_contain_text("Kraftverket")
    expect(card).to_contain_text("Denne plasseringen ble flyttet")

    # The power plant closes that week too: the administrator cancels the placement.
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, live_server, "admin@skolebro.no")
    page.goto(f"{live_server}/matching/runs/{_run_id(season)}/review")
    page.get_by_role("link", name=re.compile("^Avlys.*Ola Elev")).click()
    page.get_by_role("button", name="Avlys plasseringen").click()
    expect(page.get_by_text("Skriv hvorfor, til de det gjelder.")).to_be_visible()
    page.get_by_label("Begrunnelse").fill("Kraftverket er stengt den uka.")
    page.get_by_role("button", name="Avlys plasseringen").click()
    expect(page.get_by_text("Plasseringen er avlyst")).to_be_visible()
    expect(page.locator("table.placements tbody tr").first).to_contain_text("avlyst")
    page.get_by_role("button", name="Logg ut").click()

    log_in(page, live_server, "elev.ola")
    expect(page.locator(".placement-card")).to_contain_text(
        "Denne plasseringen er avlyst: Kraftverket er stengt den uka."
    )


def _run_id(season) -> int:
    return db.session.scalar(sa.select(MatchRun.id).where(MatchRun.season_id == season.id))
