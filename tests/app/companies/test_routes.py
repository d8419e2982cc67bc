"""Company pages as a user meets them: forms, field errors in Norwegian, access, files."""

import io
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa

from app.companies.models import Company, Offer, OfferSlot, RoleModel
from app.extensions import db
from tests.factories import (
    AdminFactory,
    CompanyFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SiteFactory,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64
REGISTRATION = dict(
    your_name="Kari Nordmann",
    email="kari@equinor.no",
    password="Passord-123",
    confirm="Passord-123",
    country="NO",
    name="Equinor ASA",
    employees="20000",
    fields=["energy"],
    description="Energi",
)


def test_a_wrong_org_number_stays_at_its_field_with_the_input_kept(client):
    response = client.post("/companies/register", data={**REGISTRATION, "org_number": "923609017"})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Et norsk organisasjonsnummer har 9 sifre" in html
    assert 'value="923609017"' in html and 'value="Equinor ASA"' in html
    assert db.session.scalar(sa.select(Company)) is None


def test_a_visitor_registers_and_is_logged_in(client):
    response = client.post("/companies/register", data={**REGISTRATION, "org_number": "923609016"})
    company = db.session.scalar(sa.select(Company))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/companies/{company.id}/sites/new")
    page = client.get("/").get_data(as_text=True)
    assert "Equinor ASA" in page and "For å gjøre profilen komplett" in page
    plan = client.get(f"/companies/{company.id}/plan").get_data(as_text=True)
    assert 'name="role_model_visits"' in plan and "Fristen har gått ut" not in plan


def test_a_registered_number_tells_whom_to_ask(client):
    ContactPersonFactory(company__org_number="923609016", user__name="Ola Hansen")
    html = client.post(
        "/companies/register", data={**REGISTRATION, "org_number": "923609016"}
    ).get_data(as_text=True)
    assert "Be kontaktpersonen (Ola Hansen) om å invitere deg" in html


def test_another_companys_offer_is_forbidden_and_unchanged(client, login, contact):
    other = OfferSlotFactory(capacity=5)
    login(contact.user)
    offer_id = other.offer_id
    assert client.get(f"/companies/offers/{offer_id}").status_code == 403
    response = client.post(f"/companies/offers/{offer_id}/edit", data={"title": "Kapret"})
    assert response.status_code == 403
    assert (
        client.post(f"/companies/slots/{other.id}/capacity", data={"capacity": "0"}).status_code
        == 403
    )
    assert client.post(f"/companies/slots/{other.id}/delete").status_code == 403
    db.session.expire_all()
    assert db.session.get(Offer, offer_id).title == "Besøk i laboratoriet"
    assert db.session.get(OfferSlot, other.id).capacity == 5
    assert client.get("/companies/offers/99999").status_code == 404
    assert client.get(f"/companies/{other.offer.company_id}").status_code == 403


def test_a_ten_megabyte_logo_gets_the_friendly_page_and_changes_nothing(client, login, contact):
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/logo",
        data={"logo": (io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\0" * (10 * 1024 * 1024)), "big.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 413
    assert "Filen er for stor" in response.get_data(as_text=True) or "large" in response.get_data(
        as_text=True
    )
    db.session.expire_all()
    assert db.session.get(Company, contact.company_id).logo_path is None


def test_a_non_image_logo_is_refused_at_the_field(client, login, contact):
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/logo",
        data={"logo": (io.BytesIO(b"%PDF-1.7 hello"), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 400
    assert "Logoen må være et PNG-, JPEG- eller WebP-bilde." in response.get_data(as_text=True)


def test_a_logo_is_uploaded_and_served_by_the_app(client, login, contact):
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/logo",
        data={"logo": (io.BytesIO(PNG), "logo.png")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    name = db.session.get(Company, contact.company_id).logo_path
    served = client.get(f"/companies/logos/{name}")
    assert served.status_code == 200 and served.data == PNG
    assert client.get("/companies/logos/..%2Fsecret.png").status_code == 404


def test_an_unknown_place_asks_for_coordinates_and_keeps_the_input(client, login, contact):
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/sites/new",
        data={"name": "Lab", "address": "Kaia 1", "municipality": "Atlantis"},
    )
    html = response.get_data(as_text=True)
    assert "Vi kjenner ikke dette stedet" in html and 'value="Atlantis"' in html
    response = client.post(
        f"/companies/{contact.company_id}/sites/new",
        data={
            "name": "Lab",
            "address": "Kaia 1",
            "municipality": "Atlantis",
            "latitude": "63.1",
            "longitude": "9.1",
        },
    )
    assert response.status_code == 302


def test_a_date_in_the_past_is_refused_at_the_field(client, login, contact):
    login(contact.user)
    offer = OfferFactory(company=contact.company)
    response = client.post(
        f"/companies/offers/{offer.id}/slots",
        data={"first_date": (date.today() - timedelta(days=1)).isoformat(), "capacity": "3"},
    )
    assert response.status_code == 400
    assert "Datoen har passert" in response.get_data(as_text=True)


def test_an_absurd_capacity_is_refused_and_the_typed_value_kept(client, login, contact):
    login(contact.user)
    slot = OfferSlotFactory(offer=OfferFactory(company=contact.company), capacity=4)
    response = client.post(f"/companies/slots/{slot.id}/capacity", data={"capacity": "9999"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Høyst 500 plasser per dato." in html and 'value="9999"' in html


def test_offers_are_created_kind_by_kind(client, login, contact):
    login(contact.user)
    chooser = client.get(f"/companies/{contact.company_id}/offers/new").get_data(as_text=True)
    assert "Arbeidsuke" in chooser or "Work week" in chooser
    response = client.post(
        f"/companies/{contact.company_id}/offers/new?kind=work_week",
        data={
            "title": "Arbeidsuke på verkstedet",
            "site_id": contact.company.sites[0].id,
            "fields": ["manufacturing"],
            "grades": ["9", "10"],
            "mode": "physical",
        },
    )
    assert "Skriv navnet på veilederen i bedriften." in response.get_data(as_text=True)
    response = client.post(
        f"/companies/{contact.company_id}/offers/new?kind=work_week",
        data={
            "title": "Arbeidsuke på verkstedet",
            "site_id": contact.company.sites[0].id,
            "fields": ["manufacturing"],
            "grades": ["9", "10"],
            "mode": "physical",
            "supervisor_name": "Anne",
            "school_contact_info": "Oppmøte 08.00",
        },
    )
    offer = db.session.scalar(sa.select(Offer))
    assert response.headers["Location"].endswith(f"/companies/offers/{offer.id}")
    listing = client.get(f"/companies/{contact.company_id}/offers?q=verksted")
    assert "Arbeidsuke på verkstedet" in listing.get_data(as_text=True)


def test_a_role_model_edits_only_their_own_profile(client, login, contact):
    mine = RoleModelFactory(company=contact.company, status="pending")
    other = RoleModelFactory(company=contact.company)
    login(mine.user)
    assert client.get(f"/companies/role-models/{other.id}/profile").status_code == 403
    assert client.post(f"/companies/role-models/{other.id}/delete").status_code == 403
    response = client.post(
        f"/companies/role-models/{mine.id}/profile",
        data={
            "job_title": "Kjemiker",
            "education_path": "NTNU",
            "fields": ["chemistry"],
            "languages": ["nb"],
            "modes": ["digital"],
            "site_id": "0",
            "travel_km": "40",
            "visits_per_year": "2",
            "weekdays": ["0", "2"],
            "blocked_dates": "2027-01-05",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(RoleModel, mine.id).blocked_dates == ["2027-01-05"]
    assert db.session.get(RoleModel, other.id).job_title == "Dataingeniør"


BRIEF_PROFILE = {
    "job_title": "Kjemiker",
    "fields": ["chemistry"],
    "modes": ["digital"],
    "travel_km": "40",
    "visits_per_year": "2",
    "weekdays": ["0"],
}


def test_a_bad_blocked_date_is_named_at_the_field(client, login, contact):
    rm = RoleModelFactory(company=contact.company)
    login(rm.user)
    response = client.post(
        f"/companies/role-models/{rm.id}/profile",
        data={**BRIEF_PROFILE, "blocked_dates": "5. januar\n31.02.2027"},
    )
    html = response.get_data(as_text=True)
    assert "Skriv datoer som 24.12.2027 eller 2027-12-24: 5. januar, 31.02.2027" in html


def test_blocked_dates_may_be_written_day_first(client, login, contact):
    rm = RoleModelFactory(company=contact.company)
    login(rm.user)
    response = client.post(
        f"/companies/role-models/{rm.id}/profile",
        data={**BRIEF_PROFILE, "blocked_dates": "24.12.2027\n5/1/2028, 2028-02-01"},
    )
    assert response.status_code == 302
    saved = db.session.get(RoleModel, rm.id).blocked_dates
    assert saved == ["2027-12-24", "2028-01-05", "2028-02-01"]


def test_another_companys_role_model_cannot_be_approved(client, login, contact):
    stranger = RoleModelFactory(status="pending")
    login(contact.user)
    response = client.post(
        f"/companies/role-models/{stranger.id}/status", data={"action": "approve"}
    )
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(RoleModel, stranger.id).status == "pending"


def test_the_contact_person_approves_from_the_list(client, login, contact):
    rm = RoleModelFactory(company=contact.company, status="pending", user__name="Ida Berg")
    login(contact.user)
    assert "venter på godkjenning" in client.get(
        f"/companies/{contact.company_id}/role-models"
    ).get_data(as_text=True)
    response = client.post(
        f"/companies/role-models/{rm.id}/status", data={"action": "approve"}, follow_redirects=True
    )
    assert "Ida Berg er godkjent." in response.get_data(as_text=True)


def test_the_plan_is_filed_from_its_page(client, login, contact):
    contact.company.created_at = datetime(date.today().year, 1, 2, tzinfo=UTC)
    db.session.flush()
    login(contact.user)
    response = client.post(
        f"/companies/{contact.company_id}/plan",
        data={
            "role_model_visits": "4",
            "company_visits": "0",
            "job_shadowing_days": "2",
            "work_week_places": "0",
        },
        follow_redirects=True,
    )
    html = response.get_data(as_text=True)
    if date.today() <= date(date.today().year, 10, 31):
        assert f"Årsplanen for {date.today().year + 1} er levert." in html
    else:
        assert "Fristen har gått ut" in html


def test_termination_needs_the_box_ticked(client, login, contact):
    login(contact.user)
    url = f"/companies/{contact.company_id}/membership/terminate"
    html = client.post(url, data={}, follow_redirects=True).get_data(as_text=True)
    assert "Kryss av i boksen for å bekrefte oppsigelsen." in html
    html = client.post(url, data={"confirm": "y"}, follow_redirects=True).get_data(as_text=True)
    assert "Medlemskapet avsluttes 31. desember" in html


def test_the_admin_lists_searches_and_exports_members(client, login):
    CompanyFactory(name="Fjordkraft AS", employees=600)
    CompanyFactory(name="Småbedrift AS", employees=5)
    login(AdminFactory())
    html = client.get("/companies/admin/members?q=fjord").get_data(as_text=True)
    assert "Fjordkraft AS" in html and "Småbedrift AS" not in html
    response = client.get("/companies/admin/members.csv")
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert "Fjordkraft AS" in text and "large,50000" in text and "small,0" in text


def test_members_are_paginated(client, login):
    for n in range(30):
        CompanyFactory(name=f"Bedrift {n:02d} AS")
    login(AdminFactory())
    first = client.get("/companies/admin/members").get_data(as_text=True)
    second = client.get("/companies/admin/members?page=2").get_data(as_text=True)
    assert "Bedrift 00 AS" in first and "Bedrift 29 AS" not in first
    assert "Bedrift 29 AS" in second


def test_only_admins_see_the_member_list(client, login, contact):
    login(contact.user)
    assert client.get("/companies/admin/members").status_code == 403
    assert client.get("/companies/admin/members.csv").status_code == 403


def test_the_admin_changes_the_deadline_and_reopens_a_plan(client, login, contact):
    login(AdminFactory())
    html = client.post("/companies/admin/settings", data={"deadline": "13-45"}).get_data(
        as_text=True
    )
    assert "Skriv fristen som MM-DD" in html and 'value="13-45"' in html
    assert client.post("/companies/admin/settings", data={"deadline": "11-15"}).status_code == 302
    response = client.post(f"/companies/admin/{contact.company_id}/reopen-plan")
    assert response.status_code == 302


def test_the_dashboard_shows_waiting_role_models_and_capacity(client, login, contact):
    RoleModelFactory(company=contact.company, status="pending", user__name="Ida Berg")
    offer = OfferFactory(
        company=contact.company, site=SiteFactory(company=contact.company), title="Robotlab"
    )
    OfferSlotFactory(offer=offer, capacity=6, taken=2)
    login(contact.user)
    html = client.get("/").get_data(as_text=True)
    assert "Ida Berg" in html and "Robotlab" in html and "2 / 6" in html
    assert "Årsplan for" in html


def test_a_visitor_finds_the_registration_from_the_front_page(client):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/companies/register"' in html and "Registrer bedriften" in html


def test_a_logged_in_teacher_registers_a_company_too(client, login):
    from tests.factories import TeacherFactory

    teacher = TeacherFactory()
    login(teacher.user)
    form = {
        k: v
        for k, v in REGISTRATION.items()
        if k not in ("your_name", "email", "password", "confirm")
    }
    response = client.post("/companies/register", data={**form, "org_number": "984851006"})
    assert response.status_code == 302
    company = db.session.scalar(sa.select(Company))
    assert [cp.user_id for cp in company.contact_persons] == [teacher.user_id]
    assert "Equinor ASA" in client.get("/").get_data(as_text=True)
