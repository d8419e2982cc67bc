"""Offers of the four kinds, with their rules, and their dates or weeks with capacity."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.companies.models import Company, Offer, OfferSlot, RoleModel, Site
from app.core import audit
from app.core.domain import GRADES, STEM_FIELDS
from app.core.errors import DomainError
from app.core.search import containing
from app.extensions import db

MAX_CAPACITY = 500
MAX_SLOTS_PER_ADD = 60
WORK_DAY_MINUTES = 450
WORK_WEEK_MINUTES = 5 * WORK_DAY_MINUTES
# Default length per kind: one school hour, 2.5 hours, one working day, five working days.
DEFAULT_MINUTES = {
    "role_model_visit": 60,
    "company_visit": 150,
    "job_shadowing": WORK_DAY_MINUTES,
    "work_week": WORK_WEEK_MINUTES,
}


@dataclass
class OfferData:
    """What the offer form says."""

    kind: str
    title: str
    site_id: int | None
    mode: str = "physical"
    description: str = ""
    fields: list[str] = field(default_factory=list)
    grades: list[int] = field(default_factory=lambda: list(GRADES))
    duration_minutes: int | None = None
    group_size: int | None = None
    role_model_id: int | None = None
    supervisor_name: str = ""
    school_contact_info: str = ""
    what_to_bring: str = ""
    safety_notes: str = ""


def _check_common(company: Company, data: OfferData) -> None:
    if data.kind not in DEFAULT_MINUTES:
        raise DomainError("kind", _("Choose a kind of offer."))
    if not data.title.strip():
        raise DomainError("title", _("Give the offer a title."))
    if not data.fields or any(f not in STEM_FIELDS for f in data.fields):
        raise DomainError("fields", _("Choose at least one field."))
    if not data.grades or any(g not in GRADES for g in data.grades):
        raise DomainError("grades", _("Choose at least one grade."))
    site = db.session.get(Site, data.site_id) if data.site_id else None
    if data.site_id and (site is None or site.company_id != company.id):
        raise DomainError("site_id", _("Choose one of your sites."))
    if data.mode == "physical" and site is None:
        raise DomainError("site_id", _("Choose the site where it happens (add a site first)."))


def _check_kind(company: Company, data: OfferData) -> None:
    """Each kind's own rules, from the partner handbook."""
    minutes = data.duration_minutes
    if data.kind == "role_model_visit":
        if minutes is not None and not 30 <= minutes <= 180:
            raise DomainError("duration_minutes", _("A role-model visit lasts 30 to 180 minutes."))
        rm = db.session.get(RoleModel, data.role_model_id) if data.role_model_id else None
        if data.role_model_id and (rm is None or rm.company_id != company.id):
            raise DomainError("role_model_id", _("Choose one of your role models."))
    elif data.kind == "company_visit":
        if minutes is not None and not 60 <= minutes <= 480:
            raise DomainError(
                "duration_minutes",
                _("A company visit lasts 1 to 8 hours; 2.5 hours is recommended."),
            )
        if not data.group_size or not 1 <= data.group_size <= 60:
            raise DomainError("group_size", _("Write the group size (1 to 60 students)."))
    elif data.kind == "work_week":
        if not data.supervisor_name.strip():
            raise DomainError("supervisor_name", _("Name the supervisor at the company."))
        if not data.school_contact_info.strip():
            raise DomainError("school_contact_info", _("Write what the school contact must know."))
    if data.kind != "role_model_visit" and data.mode != "physical":
        raise DomainError("mode", _("This kind of offer happens at the company."))


def _duration(data: OfferData) -> int:
    """Fixed lengths for shadowing (one day) and work week (five days), else the form's."""
    if data.kind in ("job_shadowing", "work_week"):
        return DEFAULT_MINUTES[data.kind]
    return data.duration_minutes or DEFAULT_MINUTES[data.kind]


def save_offer(actor, company: Company, data: OfferData, offer: Offer | None = None) -> Offer:
    """Create or change an offer after checking its kind's rules."""
    if offer is not None:
        data.kind = offer.kind
    _check_common(company, data)
    _check_kind(company, data)
    if offer is None:
        offer = Offer(company=company, kind=data.kind)
        db.session.add(offer)
    offer.title, offer.site_id, offer.mode = data.title.strip(), data.site_id, data.mode
    offer.description, offer.fields, offer.grades = data.description, data.fields, data.grades
    offer.duration_minutes = _duration(data)
    offer.group_size = data.group_size if data.kind == "company_visit" else None
    offer.role_model_id = data.role_model_id if data.kind == "role_model_visit" else None
    offer.supervisor_name = data.supervisor_name.strip() or None
    offer.school_contact_info = data.school_contact_info
    offer.what_to_bring, offer.safety_notes = data.what_to_bring, data.safety_notes
    db.session.flush()
    audit.record(actor, "offer.save", offer, kind=offer.kind)
    db.session.commit()
    return offer


def set_active(actor, offer: Offer, is_active: bool) -> None:
    """Open or close an offer for new bookings."""
    offer.is_active = is_active
    audit.record(actor, "offer.active", offer, is_active=is_active)
    db.session.commit()


def check_capacity(capacity: int | None, taken: int = 0) -> int:
    """A capacity between what is taken and 500."""
    if capacity is None or capacity < 0:
        raise DomainError("capacity", _("The capacity cannot be negative."))
    if capacity > MAX_CAPACITY:
        raise DomainError("capacity", _("At most %(n)s places per date.", n=MAX_CAPACITY))
    if capacity < taken:
        raise DomainError(
            "capacity", _("%(n)s places are already taken; the capacity cannot be lower.", n=taken)
        )
    return capacity


def slot_dates(kind: str, first: date | None, last: date | None, today: date) -> list[date]:
    """The dates (or Mondays) from first to last, weekly, checked against the calendar."""
    if first is None:
        raise DomainError("first_date", _("Choose a date."))
    last = last or first
    if first < today:
        raise DomainError("first_date", _("The date has passed. Choose a coming date."))
    if last < first:
        raise DomainError("last_date", _("The last date is before the first."))
    if kind == "work_week" and first.weekday() != 0:
        raise DomainError("first_date", _("A work week starts on a Monday."))
    if first.weekday() >= 5:
        raise DomainError("first_date", _("Choose a weekday."))
    dates = []
    day = first
    while day <= last:
        dates.append(day)
        day += timedelta(days=7)
    if len(dates) > MAX_SLOTS_PER_ADD:
        raise DomainError("last_date", _("At most %(n)s dates at a time.", n=MAX_SLOTS_PER_ADD))
    return dates


def add_slots(
    actor,
    offer: Offer,
    first: date | None,
    last: date | None,
    capacity: int | None,
    start_time: str = "09:00",
    today: date | None = None,
) -> int:
    """Add one slot per date (weekly until `last`); a work week runs Monday to Friday."""
    capacity = check_capacity(capacity)
    dates = slot_dates(offer.kind, first, last, today or date.today())
    existing = {s.date for s in offer.slots}
    added = 0
    for day in dates:
        if day in existing:
            continue
        end = day + timedelta(days=4) if offer.kind == "work_week" else None
        offer.slots.append(
            OfferSlot(
                date=day, end_date=end, capacity=capacity, taken=0, start_time=start_time or "09:00"
            )
        )
        added += 1
    if not added:
        raise DomainError("first_date", _("These dates are already in the offer."))
    audit.record(actor, "offer.slots", offer, added=added)
    db.session.commit()
    return added


def change_capacity(actor, slot: OfferSlot, capacity: int | None) -> None:
    """Change a slot's capacity, never below what is taken (atomic against bookings)."""
    capacity = check_capacity(capacity, slot.taken)
    result = db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot.id, OfferSlot.taken <= capacity)
        .values(capacity=capacity)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise DomainError(
            "capacity", _("Places were booked meanwhile; the capacity cannot be that low.")
        )
    audit.record(actor, "slot.capacity", slot, capacity=capacity)
    db.session.commit()


def delete_slot(actor, slot: OfferSlot) -> None:
    """Remove a date that nobody has taken."""
    if slot.taken:
        raise DomainError(None, _("This date has bookings and cannot be removed."))
    audit.record(actor, "slot.delete", slot, date=slot.date)
    db.session.delete(slot)
    db.session.commit()


def offers_query(company: Company, search: str = "", kind: str = ""):
    """The company's offers, searchable by title and filterable by kind, newest first."""
    query = sa.select(Offer).where(Offer.company_id == company.id)
    query = containing(query, search, Offer.title)
    if kind:
        query = query.where(Offer.kind == kind)
    return query.order_by(Offer.created_at.desc(), Offer.id.desc())


def capacity_of(offer: Offer, today: date | None = None) -> tuple[int, int]:
    """Capacity and taken over the coming slots (a role model's visits this year, if dateless)."""
    today = today or date.today()
    if offer.kind == "role_model_visit" and not offer.slots and offer.role_model is not None:
        year = next((y for y in offer.role_model.years if y.year == today.year), None)
        return (year.capacity, year.taken) if year else (offer.role_model.visits_per_year, 0)
    coming = [s for s in offer.slots if s.date >= today]
    return sum(s.capacity for s in coming), sum(s.taken for s in coming)
