"""A company becomes a STEM partner: registration, a site, four offers, a role model, the plan."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.core.settings import set_setting
from app.extensions import db
from app.outbox.models import OutboxMessage

PASSWORD = "Sterkt-passord-9"


@pytest.fixture
def plan_is_open():
    """Keep next year's plan open whatever day the suite runs."""
    set_setting("annual_plan_deadline", "12-31")
    db.session.commit()


def next_monday() -> date:
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


def register(page: Page, live_server: str) -> None:
    page.goto(live_server + "/companies/register")
    page.get_by_label("Navnet ditt").fill("Kari Nordmann")
    page.get_by_label("E-postadressen din").fill("kari@havteknikk.no")
    page.get_by_label("Velg et passord").fill(PASSWORD)
    page.get_by_label("Gjenta passordet").fill(PASSWORD)
    page.get_by_label("Organisasjonsnummer").fill("923 609 017")
    page.get_by_label("Bedriftens navn").fill("Havteknikk AS")
    page.get_by_label("Antall ansatte").fill("120")
    page.check('input[name="fields"][value="aquaculture"]')
    page.get_by_role("button", name="Registrer bedriften").click()
    expect(page.locator("#org_number-error")).to_contain_text("9 sifre og et gyldig kontrollsiffer")
    expect(page.get_by_label("Organisasjonsnummer")).to_have_value("923 609 017")
    expect(page.get_by_label("Bedriftens navn")).to_have_value("Havteknikk AS")
    page.get_by_label("Organisasjonsnummer").fill("923 609 016")
    page.get_by_label("Velg et passord").fill(PASSWORD)
    page.get_by_label("Gjenta passordet").fill(PASSWORD)
    page.get_by_role("button", name="Registrer bedriften").click()
    expect(page.get_by_text("Havteknikk AS er registrert.")).to_be_visible()


def add_site(page: Page) -> None:
    page.get_by_label("Navn på arbeidsstedet").fill("Verkstedet")
    page.get_by_label("Gateadresse").fill("Brattørkaia 1")
    page.get_by_label("Kommune eller sted").fill("Trondheim")
    page.get_by_role("button", name="Lagre arbeidsstedet").click()
    expect(page.get_by_text("Arbeidsstedet er lagret.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"\(63\.4\d+, 10\.\d+\)"))).to_be_visible()


def create_offer(page: Page, kind: str, title: str, extra: dict[str, str]) -> None:
    page.get_by_role("link", name="Tilbud", exact=True).first.click()
    page.get_by_role("link", name="Nytt tilbud").click()
    page.locator(f'a[href$="kind={kind}"]').click()
    page.get_by_label("Tittel").fill(title)
    page.check('input[name="fields"][value="aquaculture"]')
    for label, value in extra.items():
        page.get_by_label(label).fill(value)
    page.get_by_role("button", name="Lagre tilbudet").click()
    expect(page.get_by_text("Tilbudet er lagret. Legg til datoene.")).to_be_visible()
    first = next_monday() + timedelta(days=7)
    page.locator("#first_date").fill(first.isoformat())
    page.locator("#last_date").fill((first + timedelta(days=7)).isoformat())
    page.locator("#capacity").fill("3")
    page.get_by_role("button", name="Legg til", exact=True).click()
    added = "2 uker lagt til." if kind == "work_week" else "2 datoer lagt til."
    expect(page.get_by_text(added)).to_be_visible()
    expect(page.locator("tbody tr")).to_have_count(2)


def test_a_company_becomes_a_partner(page: Page, live_server, browser, plan_is_open):
    register(page, live_server)
    add_site(page)
    create_offer(page, "role_model_visit", "Fra fiskemerd til middagsbord", {})
    create_offer(page, "company_visit", "Besøk på verkstedet", {"Gruppestørrelse (elever)": "28"})
    create_offer(page, "job_shadowing", "En dag med en havbruksingeniør", {})
    create_offer(
        page,
        "work_week",
        "Arbeidsuke på verkstedet",
        {
            "Veileder i bedriften": "Anne Veileder",
            "Hva kontaktpersonen på skolen må vite": "Oppmøte kl. 08.00 i resepsjonen.",
        },
    )
    expect(page.get_by_text("Anne Veileder")).to_be_visible()

    page.get_by_role("link", name="Rollemodeller", exact=True).first.click()
    page.get_by_label("E-postadresse", exact=True).fill("ida@havteknikk.no")
    page.get_by_label("Navn", exact=True).fill("Ida Berg")
    page.get_by_role("button", name="Send invitasjonen").click()
    expect(page.get_by_text("Invitasjon sendt til ida@havteknikk.no.")).to_be_visible()

    message = db.session.scalar(
        sa.select(OutboxMessage).where(OutboxMessage.recipient == "ida@havteknikk.no")
    )
    path = re.search(r"https?://[^/\s]+(/invitation/\S+)", message.body_text).group(1)
    context = browser.new_context(locale="nb-NO", viewport={"width": 412, "height": 900})
    role_model = context.new_page()
    role_model.goto(live_server + path)
    role_model.get_by_label("Nytt passord").fill(PASSWORD)
    role_model.get_by_label("Gjenta passordet").fill(PASSWORD)
    role_model.get_by_role("button", name="Opprett kontoen min").click()
    role_model.get_by_role("link", name="Fyll ut profilen din").click()
    role_model.get_by_label("Stillingstittel").fill("Havbruksingeniør")
    role_model.get_by_label("Utdanningsveien din").fill("Fagbrev i akvakultur, så NTNU.")
    role_model.check('input[name="fields"][value="aquaculture"]')
    role_model.check('input[name="modes"][value="digital"]')
    role_model.get_by_role("button", name="Lagre profilen").click()
    expect(role_model.get_by_text("Profilen din er lagret.")).to_be_visible()
    expect(role_model.get_by_text("venter på godkjenning fra bedriften")).to_be_visible()
    context.close()

    page.reload()
    expect(page.get_by_role("cell", name="venter på godkjenning")).to_be_visible()
    page.get_by_role("button", name="Godkjenn Ida Berg").click()
    expect(page.get_by_text("Ida Berg er godkjent.")).to_be_visible()

    page.get_by_role("link", name="Årsplan", exact=True).first.click()
    page.get_by_label("Rollemodellbesøk på skoler").fill("4")
    page.get_by_label("Bedriftsbesøk (klasser)").fill("2")
    page.get_by_label("Hospitering (elevdager)").fill("0")
    page.get_by_label("Arbeidsukeplasser (elever)").fill("3")
    page.get_by_role("button", name="Lever planen").click()
    year = date.today().year + 1
    expect(page.get_by_text(f"Årsplanen for {year} er levert.")).to_be_visible()
    expect(page.get_by_text("levert", exact=True)).to_be_visible()
