"""Offers of the four kinds with their rules, and their dates or weeks with capacity."""

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from app.companies import offers
from app.companies.models import Offer, OfferSlot
from app.core.errors import DomainError
from app.extensions import db
from tests.factories import OfferFactory, OfferSlotFactory, RoleModelFactory, SiteFactory

TODAY = date(2026, 11, 23)  # a Monday
NEXT_MONDAY = TODAY + timedelta(days=7)


def data(contact, kind, **changes) -> offers.OfferData:
    values = dict(
        kind=kind,
        title="Tilbud",
        site_id=contact.company.sites[0].id,
        fields=["engineering"],
        grades=[9, 10],
    )
    if kind == "company_visit":
        values["group_size"] = 25
    if kind == "work_week":
        values.update(supervisor_name="Anne Veileder", school_contact_info="Møt kl. 8")
    return offers.OfferData(**{**values, **changes})


@pytest.mark.parametrize(
    ("kind", "minutes"),
    [("role_model_visit", 60), ("company_visit", 150), ("job_shadowing", 450), ("work_week", 2250)],
)
def test_each_kind_gets_its_default_length(contact, kind, minutes):
    offer = offers.save_offer(contact.user, contact.company, data(contact, kind))
    assert (offer.kind, offer.duration_minutes) == (kind, minutes)


def test_a_role_model_visit_may_be_digital_without_a_site(contact):
    rm = RoleModelFactory(company=contact.company)
    offer = offers.save_offer(
        contact.user,
        contact.company,
        data(contact, "role_model_visit", mode="digital", site_id=None, role_model_id=rm.id),
    )
    assert (offer.mode, offer.site_id, offer.role_model_id) == ("digital", None, rm.id)


@pytest.mark.parametrize(
    ("kind", "changes", "field"),
    [
        ("company_visit", {"group_size": None}, "group_size"),
        ("company_visit", {"group_size": 500}, "group_size"),
        ("company_visit", {"duration_minutes": 20}, "duration_minutes"),
        ("company_visit", {"mode": "digital"}, "mode"),
        ("work_week", {"supervisor_name": " "}, "supervisor_name"),
        ("work_week", {"school_contact_info": ""}, "school_contact_info"),
        ("job_shadowing", {"site_id": None}, "site_id"),
        ("role_model_visit", {"duration_minutes": 600}, "duration_minutes"),
        ("role_model_visit", {"fields": []}, "fields"),
        ("role_model_visit", {"grades": [7]}, "grades"),
        ("role_model_visit", {"title": "  "}, "title"),
    ],
)
def test_each_kind_keeps_its_rules(contact, kind, changes, field):
    with pytest.raises(DomainError) as error:
        offers.save_offer(contact.user, contact.company, data(contact, kind, **changes))
    assert error.value.field == field
    assert db.session.scalar(sa.select(sa.func.count(Offer.id))) == 0


def test_another_companys_site_or_role_model_is_refused(contact):
    other_site = SiteFactory()
    with pytest.raises(DomainError) as error:
        offers.save_offer(
            contact.user, contact.company, data(contact, "company_visit", site_id=other_site.id)
        )
    assert error.value.field == "site_id"
    other_rm = RoleModelFactory()
    with pytest.raises(DomainError) as error:
        offers.save_offer(
            contact.user,
            contact.company,
            data(contact, "role_model_visit", role_model_id=other_rm.id),
        )
    assert error.value.field == "role_model_id"


def test_a_work_week_runs_monday_to_friday(contact):
    offer = OfferFactory(company=contact.company, kind="work_week")
    added = offers.add_slots(
        contact.user, offer, NEXT_MONDAY, NEXT_MONDAY + timedelta(days=14), 4, today=TODAY
    )
    assert added == 3
    assert [(s.date.weekday(), s.end_date - s.date) for s in offer.slots] == [
        (0, timedelta(days=4))
    ] * 3


def test_a_work_week_must_start_on_a_monday(contact):
    offer = OfferFactory(company=contact.company, kind="work_week")
    with pytest.raises(DomainError) as error:
        offers.add_slots(contact.user, offer, NEXT_MONDAY + timedelta(days=1), None, 2, today=TODAY)
    assert error.value.field == "first_date"


@pytest.mark.parametrize(
    ("first", "last", "capacity", "field"),
    [
        (TODAY - timedelta(days=1), None, 3, "first_date"),
        (NEXT_MONDAY, NEXT_MONDAY - timedelta(days=7), 3, "last_date"),
        (NEXT_MONDAY, None, -1, "capacity"),
        (NEXT_MONDAY, None, 501, "capacity"),
        (NEXT_MONDAY, None, None, "capacity"),
        (None, None, 3, "first_date"),
        (NEXT_MONDAY + timedelta(days=5), None, 3, "first_date"),
        (NEXT_MONDAY, NEXT_MONDAY + timedelta(days=7 * 61), 3, "last_date"),
    ],
)
def test_bad_dates_and_capacities_are_refused(contact, first, last, capacity, field):
    offer = OfferFactory(company=contact.company)
    with pytest.raises(DomainError) as error:
        offers.add_slots(contact.user, offer, first, last, capacity, today=TODAY)
    assert error.value.field == field
    assert db.session.scalar(sa.select(sa.func.count(OfferSlot.id))) == 0


def test_capacity_never_goes_below_what_is_taken(contact):
    slot = OfferSlotFactory(offer=OfferFactory(company=contact.company), capacity=5, taken=3)
    with pytest.raises(DomainError) as error:
        offers.change_capacity(contact.user, slot, 2)
    assert error.value.field == "capacity"
    offers.change_capacity(contact.user, slot, 3)
    db.session.refresh(slot)
    assert (slot.capacity, slot.taken, slot.left) == (3, 3, 0)


def test_a_taken_date_cannot_be_removed(contact):
    slot = OfferSlotFactory(offer=OfferFactory(company=contact.company), taken=1)
    with pytest.raises(DomainError):
        offers.delete_slot(contact.user, slot)
    assert db.session.get(OfferSlot, slot.id) is not None


def test_capacity_used_and_left_over_coming_dates(contact):
    offer = OfferFactory(company=contact.company)
    OfferSlotFactory(offer=offer, capacity=5, taken=2)
    OfferSlotFactory(offer=offer, capacity=4, taken=4, date=date.today() + timedelta(days=30))
    OfferSlotFactory(offer=offer, capacity=9, taken=0, date=date.today() - timedelta(days=30))
    assert offers.capacity_of(offer) == (9, 6)


def test_offers_are_searchable_by_title_and_kind(contact):
    OfferFactory(company=contact.company, title="Robotlab")
    OfferFactory(company=contact.company, title="Havbruk", kind="job_shadowing")
    OfferFactory(title="Robotlab hos andre")
    found = db.session.scalars(offers.offers_query(contact.company, "robot")).all()
    assert [o.title for o in found] == ["Robotlab"]
    found = db.session.scalars(offers.offers_query(contact.company, kind="job_shadowing")).all()
    assert [o.title for o in found] == ["Havbruk"]


def coming_monday(weeks: int) -> date:
    today = date.today()
    return today + timedelta(days=7 * weeks - today.weekday())


def test_a_work_week_reads_in_weeks_and_days(client, login, contact):
    login(contact.user)
    offer = OfferFactory(company=contact.company, kind="work_week", duration_minutes=2250)
    page = client.get(f"/companies/offers/{offer.id}").get_data(as_text=True)
    assert "Fem arbeidsdager, mandag til fredag" in page and "2250 minutter" not in page
    assert "Mandagen i uken" in page
    first, last = coming_monday(2), coming_monday(3)
    data = {"first_date": first.isoformat(), "last_date": last.isoformat(), "capacity": "2"}
    response = client.post(f"/companies/offers/{offer.id}/slots", data=data, follow_redirects=True)
    assert "2 uker lagt til." in response.get_data(as_text=True)
    visit = OfferFactory(company=contact.company)
    data = {"first_date": first.isoformat(), "capacity": "1"}
    response = client.post(f"/companies/offers/{visit.id}/slots", data=data, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "1 dato lagt til." in page and "150 minutter" in page and "mandagen" not in page


def test_each_dates_buttons_say_which_date_they_act_on(client, login, contact):
    login(contact.user)
    offer = OfferFactory(company=contact.company)
    OfferSlotFactory(offer=offer, date=coming_monday(2))
    OfferSlotFactory(offer=offer, date=coming_monday(3))
    page = client.get(f"/companies/offers/{offer.id}").get_data(as_text=True)
    removes = re.findall(r'Fjern<span class="visually-hidden"> ([^<]+)</span>', page)
    changes = re.findall(r'Endre<span class="visually-hidden"> ([^<]+)</span>', page)
    assert len(set(removes)) == 2 and removes == changes
