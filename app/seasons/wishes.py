"""Students rank up to five work-week wishes: named offers within reach, or fields."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa
from flask_babel import gettext as _

from app.companies.models import Company, Offer, OfferSlot
from app.core import audit
from app.core.domain import STEM_FIELDS
from app.core.errors import DomainError
from app.core.geo import haversine_km
from app.core.search import containing
from app.extensions import db
from app.schools.models import Student
from app.seasons.models import Preference, Season

MAX_WISHES = 5


@dataclass(frozen=True)
class Choice:
    """An offer a student can wish for, with its week's slot and the road km."""

    offer: Offer
    slot: OfferSlot
    km: float


def wishes_of(student: Student, season: Season) -> list[Preference]:
    """The student's work-week wishes, rank 1 first."""
    query = sa.select(Preference).where(
        Preference.season_id == season.id,
        Preference.student_id == student.id,
        Preference.kind == "work_week",
    )
    return list(db.session.scalars(query.order_by(Preference.rank)))


def _week_slots(student: Student, q: str = ""):
    """Work-week slots with free places in the week of the student's class."""
    monday = student.school_class.work_week_start
    if monday is None:
        return []
    query = (
        sa.select(OfferSlot)
        .join(Offer)
        .join(Company)
        .where(Offer.kind == "work_week", Offer.is_active.is_(True))
        .where(OfferSlot.date.between(monday, monday + timedelta(days=6)))
        .where(OfferSlot.taken < OfferSlot.capacity)
    )
    query = containing(query, q, Offer.title, Company.name)
    return db.session.scalars(query.order_by(Offer.id))


def choices_for(student: Student, season: Season, q: str = "") -> list[Choice]:
    """Offers the student may name: free in their week, open to their grade, within reach."""
    from app.matching.params import reach_km

    school_class, school = student.school_class, student.school_class.school
    limit, road_factor = reach_km(season, school_class.grade)
    out = []
    for slot in _week_slots(student, q):
        offer, site = slot.offer, slot.offer.site
        if site is None or site.latitude is None or school.latitude is None:
            continue
        if offer.grades and school_class.grade not in offer.grades:
            continue
        km = haversine_km(school.latitude, school.longitude, site.latitude, site.longitude)
        if km * road_factor <= limit:
            out.append(Choice(offer, slot, round(km * road_factor, 1)))
    return sorted(out, key=lambda c: (c.km, c.offer.id))


def _check_open(season: Season | None) -> None:
    if season is None or season.status != "requests_open":
        raise DomainError("choice", _("Wishes can only be changed while the season is open."))


def _parse(choice: str) -> tuple[int | None, str | None]:
    """("offer:7") -> (7, None); ("field:ict") -> (None, "ict"); anything else is refused."""
    kind, _sep, value = (choice or "").partition(":")
    if kind == "offer" and value.isdigit():
        return int(value), None
    if kind == "field" and value in STEM_FIELDS:
        return None, value
    raise DomainError("choice", _("Choose an offer or a field from the list."))


def add_wish(actor, student: Student, season: Season | None, choice: str) -> Preference:
    """Add a wish at the end of the list; refuses a sixth, a repeat or an offer out of reach."""
    _check_open(season)
    offer_id, field = _parse(choice)
    wishes = wishes_of(student, season)
    if len(wishes) >= MAX_WISHES:
        raise DomainError("choice", _("You have five wishes. Remove one to add another."))
    if any(w.offer_id == offer_id and w.field == field for w in wishes):
        raise DomainError("choice", _("This is already one of your wishes."))
    if offer_id is not None and offer_id not in {c.offer.id for c in choices_for(student, season)}:
        raise DomainError(
            "choice", _("This offer has no free place in your work week, or it is too far away.")
        )
    wish = Preference(
        season_id=season.id,
        student_id=student.id,
        kind="work_week",
        rank=len(wishes) + 1,
        offer_id=offer_id,
        field=field,
    )
    db.session.add(wish)
    audit.record(actor, "season.wish_added", season)
    db.session.commit()
    return wish


def remove_wish(actor, student: Student, season: Season | None, rank: int) -> None:
    """Remove one wish; the ones below move up."""
    _check_open(season)
    wishes = wishes_of(student, season)
    gone = next((w for w in wishes if w.rank == rank), None)
    if gone is None:
        raise DomainError("choice", _("That wish is not on your list."))
    db.session.delete(gone)
    db.session.flush()
    for wish in wishes:
        if wish.rank > rank:
            wish.rank -= 1
            db.session.flush()  # one at a time: each rank is unique per student
    db.session.commit()


def move_wish_up(actor, student: Student, season: Season | None, rank: int) -> None:
    """Swap a wish with the one above it."""
    _check_open(season)
    by_rank = {w.rank: w for w in wishes_of(student, season)}
    if rank not in by_rank or rank - 1 not in by_rank:
        raise DomainError("choice", _("That wish cannot move up."))
    low, high = by_rank[rank], by_rank[rank - 1]
    low.offer_id, high.offer_id = high.offer_id, low.offer_id
    low.field, high.field = high.field, low.field
    db.session.commit()


def save_about_me(actor, student: Student, values: dict) -> Student:
    """Own-network placement, and a gender only with explicit consent (else nothing is kept)."""
    has_consent, gender = values["has_consent"], values.get("gender") or None
    if gender and not has_consent:
        raise DomainError("has_consent", _("Tick the box if you want to tell us your gender."))
    student.has_own_network_placement = values["has_own_network_placement"]
    student.has_diversity_consent = bool(has_consent and gender)
    student.gender = gender if has_consent else None
    audit.record(actor, "season.student_details", student)
    db.session.commit()
    return student


def students_without_wishes(season: Season, school_class) -> list[Student]:
    """Students of the class who have not ranked any wish yet (nor have their own place)."""
    ranked = sa.select(Preference.student_id).where(Preference.season_id == season.id)
    query = sa.select(Student).where(
        Student.class_id == school_class.id,
        Student.id.not_in(ranked),
        Student.has_own_network_placement.is_(False),
    )
    return list(db.session.scalars(query.order_by(Student.display_name)))
