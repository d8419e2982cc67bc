"""Company services: registration, membership, sites, logos, plans and the member list."""

import csv
import io
from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa

from app.accounts.models import User
from app.companies import members, membership, plans, services, uploads
from app.companies.models import AnnualPlan, Company, ContactPerson, Membership
from app.core.errors import DomainError
from app.core.settings import set_setting
from app.extensions import db
from app.seasons.models import MatchRun, Placement
from tests.factories import (
    BookingFactory,
    CompanyFactory,
    ContactPersonFactory,
    OfferFactory,
    OfferSlotFactory,
    RoleModelFactory,
    SeasonFactory,
    StudentFactory,
    UserFactory,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 100


def company_data(**changes) -> services.CompanyData:
    values = dict(
        country="NO",
        org_number="923609016",
        name="Equinor ASA",
        employees=20000,
        fields=["energy", "geoscience"],
        description="Energi",
    )
    return services.CompanyData(**{**values, **changes})


def test_a_visitor_registers_a_company_and_becomes_its_contact_person():
    account = services.NewAccount("Kari Nordmann", "Kari@Equinor.no", "Passord-123")
    company, user = services.register_company(
        None, company_data(org_number="923 609 016"), account, phone="99 99 99 99"
    )
    assert company.org_number == "923609016"
    assert user.email == "kari@equinor.no" and user.check_password("Passord-123")
    assert [cp.user for cp in company.contact_persons] == [user]
    row = membership.membership_for(company, date.today().year)
    assert (row.tier, row.fee_nok, row.status) == ("large", 50_000, "active")


def test_a_logged_in_user_registers_without_a_new_account():
    user = UserFactory()
    company, contact = services.register_company(
        user, company_data(country="DK", org_number="24256790", name="Novo Nordisk")
    )
    assert contact is user and company.country == "DK"


@pytest.mark.parametrize(
    ("country", "number"),
    [("NO", "923609017"), ("DK", "24256791"), ("NO", "24256790"), ("DK", "923609016")],
)
def test_a_wrong_number_is_refused_at_its_field(country, number):
    with pytest.raises(DomainError) as error:
        services.register_company(UserFactory(), company_data(country=country, org_number=number))
    assert error.value.field == "org_number"
    assert db.session.scalar(sa.select(sa.func.count(Company.id))) == 0


def test_a_registered_number_names_whom_to_ask_but_not_their_address():
    first = ContactPersonFactory(company__org_number="923609016", user__name="Ola Hansen")
    with pytest.raises(DomainError) as error:
        services.register_company(UserFactory(), company_data())
    assert error.value.field == "org_number"
    assert "Ola Hansen" in error.value.message
    assert first.user.email not in error.value.message
    assert db.session.scalar(sa.select(sa.func.count(Company.id))) == 1


def test_a_visitor_with_an_existing_address_is_asked_to_log_in():
    UserFactory(email="kari@x.no")
    with pytest.raises(DomainError) as error:
        services.register_company(
            None, company_data(), services.NewAccount("Kari", "kari@x.no", "Passord-123")
        )
    assert error.value.field == "email"
    assert db.session.scalar(sa.select(sa.func.count(User.id))) == 1


@pytest.mark.parametrize(
    ("employees", "tier", "fee"),
    [
        (0, "small", 0),
        (49, "small", 0),
        (50, "medium", 25_000),
        (499, "medium", 25_000),
        (500, "large", 50_000),
        (12000, "large", 50_000),
    ],
)
def test_tier_and_fee_follow_the_employee_count(employees, tier, fee):
    assert membership.tier_for(employees) == (tier, fee)


def test_changing_employees_changes_this_years_tier(contact):
    company = contact.company
    membership.current_membership(company)
    services.update_company(
        contact.user,
        company,
        company_data(org_number=company.org_number, name=company.name, employees=30),
    )
    assert membership.membership_for(company, date.today().year).tier == "small"


def test_termination_before_the_deadline_ends_the_membership_this_year(contact):
    company, year = contact.company, 2026
    last = membership.terminate(contact.user, company, True, today=date(year, 10, 31))
    assert last == year
    assert membership.ensure_membership(company, year + 1) is None


def test_termination_after_the_deadline_ends_it_a_year_later(contact):
    last = membership.terminate(contact.user, contact.company, True, today=date(2026, 11, 1))
    assert last == 2027
    assert membership.membership_for(contact.company, 2027).status == "terminated"
    assert membership.ensure_membership(contact.company, 2028) is None


def test_termination_needs_the_confirmation(contact):
    with pytest.raises(DomainError) as error:
        membership.terminate(contact.user, contact.company, False)
    assert error.value.field == "confirm"
    assert db.session.scalar(sa.select(Membership).where(Membership.status == "terminated")) is None


def test_membership_renews_every_year(contact):
    membership.ensure_membership(contact.company, 2026)
    assert membership.ensure_membership(contact.company, 2027).status == "active"


def site(**changes) -> services.SiteData:
    values = dict(name="Lab", address="Sandsliveien 90", postal_code="5254", municipality="Bergen")
    return services.SiteData(**{**values, **changes})


def test_a_site_gets_coordinates_from_its_municipality_offline(contact):
    saved = services.save_site(contact.user, contact.company, site())
    assert 60.2 < saved.latitude < 60.5 and 5.2 < saved.longitude < 5.5


def test_an_unknown_place_asks_for_coordinates(contact):
    with pytest.raises(DomainError) as error:
        services.save_site(contact.user, contact.company, site(municipality="Atlantis"))
    assert error.value.field == "municipality"
    saved = services.save_site(
        contact.user, contact.company, site(municipality="Atlantis", latitude=60.1, longitude=5.1)
    )
    assert (saved.latitude, saved.longitude) == (60.1, 5.1)


@pytest.mark.parametrize(
    ("lat", "lon", "field"), [(40.0, 10.0, "latitude"), (60.0, -3.0, "longitude")]
)
def test_a_corrected_position_must_lie_in_the_country(contact, lat, lon, field):
    with pytest.raises(DomainError) as error:
        services.save_site(contact.user, contact.company, site(latitude=lat, longitude=lon))
    assert error.value.field == field


def test_a_moved_site_gets_the_new_municipalitys_position(contact):
    saved = services.save_site(contact.user, contact.company, site())
    moved = site(municipality="Tromsø", latitude=saved.latitude, longitude=saved.longitude)
    services.save_site(contact.user, contact.company, moved, saved)
    assert saved.latitude > 69


def test_a_logo_is_stored_under_a_random_name(contact, app):
    name = uploads.save_logo(contact.user, contact.company, io.BytesIO(PNG))
    assert name.endswith(".png") and len(name) == 36
    assert contact.company.logo_path == name
    with open(f"{uploads.logo_dir()}/{name}", "rb") as f:
        assert f.read() == PNG


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"GIF89a" + b"\0" * 50, "PNG-, JPEG-"),
        (b"<svg></svg>", "PNG-, JPEG-"),
        (b"\xff\xd8\xff" + b"\0" * (1024 * 1024), "1 MB"),
        (b"", "bildefil"),
    ],
)
def test_a_bad_logo_is_refused_and_nothing_changes(contact, data, words):
    with pytest.raises(DomainError) as error:
        uploads.save_logo(contact.user, contact.company, io.BytesIO(data))
    assert error.value.field == "logo" and words in error.value.message
    assert contact.company.logo_path is None


def test_a_plan_is_filed_before_the_deadline_and_any_number_may_be_zero(contact):
    numbers = {
        "role_model_visits": 4,
        "company_visits": 0,
        "job_shadowing_days": 0,
        "work_week_places": 2,
    }
    saved = plans.submit_plan(contact.user, contact.company, numbers, today=date(2026, 10, 31))
    assert (saved.year, saved.role_model_visits, saved.work_week_places) == (2027, 4, 2)
    assert plans.next_plan(contact.company, date(2026, 10, 31)).status == "submitted"


def test_after_the_deadline_the_plan_is_read_only_until_reopened(contact):
    contact.company.created_at = datetime(2026, 1, 5, tzinfo=UTC)
    numbers = dict.fromkeys(plans.PLAN_FIELDS.values(), 1)
    late = date(2026, 11, 1)
    assert plans.next_plan(contact.company, late).status == "late"
    with pytest.raises(DomainError):
        plans.submit_plan(contact.user, contact.company, numbers, today=late)
    plans.reopen_plan(UserFactory(is_admin=True), contact.company, today=late)
    assert plans.next_plan(contact.company, late).status == "reopened"
    plans.submit_plan(contact.user, contact.company, numbers, today=late)
    assert plans.next_plan(contact.company, late).status == "submitted"


def test_a_company_registered_after_the_deadline_may_still_file_next_years_plan(contact):
    contact.company.created_at = datetime(2026, 11, 20, 9, tzinfo=UTC)
    numbers = dict.fromkeys(plans.PLAN_FIELDS.values(), 0)
    assert plans.next_plan(contact.company, date(2026, 11, 23)).status == "missing"
    plans.submit_plan(contact.user, contact.company, numbers, today=date(2026, 11, 23))
    assert plans.next_plan(contact.company, date(2026, 11, 23)).status == "submitted"
    assert not plans.next_plan(contact.company, date(2027, 11, 1)).is_open


def test_the_deadline_setting_moves_the_deadline(contact):
    plans.set_deadline(UserFactory(is_admin=True), "11-15")
    assert plans.next_plan(contact.company, date(2026, 11, 10)).is_open
    with pytest.raises(DomainError) as error:
        plans.set_deadline(UserFactory(is_admin=True), "02-30")
    assert error.value.field == "deadline"


@pytest.mark.parametrize("value", [-1, None, 10_001])
def test_plan_numbers_must_be_sensible(contact, value):
    numbers = {**dict.fromkeys(plans.PLAN_FIELDS.values(), 0), "company_visits": value}
    with pytest.raises(DomainError) as error:
        plans.submit_plan(contact.user, contact.company, numbers, today=date(2026, 1, 5))
    assert error.value.field == "company_visits"
    assert db.session.scalar(sa.select(AnnualPlan)) is None


def test_actual_counts_confirmed_bookings_and_published_placements(contact):
    company, year = contact.company, date.today().year
    db.session.add(
        AnnualPlan(company_id=company.id, year=year, role_model_visits=3, work_week_places=5)
    )
    rm = RoleModelFactory(company=company)
    when = datetime(year, 6, 2, 8, tzinfo=UTC)
    BookingFactory(role_model=rm, status="confirmed", starts_at=when)
    BookingFactory(role_model=rm, status="requested", starts_at=when)
    week = OfferSlotFactory(
        offer=OfferFactory(company=company, kind="work_week"), date=date(year, 6, 1), capacity=5
    )
    season = SeasonFactory()
    for status in ("published", "finished"):
        run = MatchRun(season_id=season.id, status=status)
        db.session.add(run)
        db.session.flush()
        db.session.add(
            Placement(
                run_id=run.id, student_id=StudentFactory().id, slot_id=week.id, kind="work_week"
            )
        )
    db.session.commit()
    rows = {
        kind: (planned, actual) for kind, planned, actual in plans.plan_vs_actual(company, year)
    }
    assert rows["role_model_visit"] == (3, 1)
    assert rows["work_week"] == (5, 1)
    assert rows["company_visit"] == (0, 0)


def test_the_member_csv_lists_tier_fee_and_plan_status():
    big = ContactPersonFactory(
        company__name="Stor AS", company__employees=800, user__name="Siri Stor"
    )
    CompanyFactory(name="Liten AS", employees=10)
    set_setting("annual_plan_deadline", "12-31")
    db.session.commit()
    rows = list(csv.reader(io.StringIO(members.members_csv())))
    assert rows[0] == members.CSV_HEADER
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Stor AS"][4:9] == ["large", "50000", "active", "missing", "Siri Stor"]
    assert by_name["Liten AS"][4:6] == ["small", "0"]
    assert big.company.org_number == by_name["Stor AS"][0]
    assert [r[2] for r in csv.reader(io.StringIO(members.members_csv("liten")))][1:] == ["Liten AS"]


def test_more_contact_persons_come_by_invitation(contact, app):
    from app.outbox.models import OutboxMessage

    with app.test_request_context():
        services.invite_contact(contact.user, contact.company, "per@havteknikk.no", "Per")
    message = db.session.scalar(sa.select(OutboxMessage))
    assert message.recipient == "per@havteknikk.no"
    assert "/invitation/" in message.body_text
    assert db.session.scalar(sa.select(sa.func.count(ContactPerson.id))) == 1


def test_the_member_csv_does_not_hand_spreadsheets_formulas():
    CompanyFactory(name='=HYPERLINK("http://x")')
    rows = list(csv.reader(io.StringIO(members.members_csv())))
    assert rows[1][2] == '\'=HYPERLINK("http://x")'
