"""Students rank up to five wishes per kind, work week and job shadowing: named offers
within reach, or fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import groupby

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
WORK_WEEK, JOB_SHADOWING = "work_week", "job_shadowing"
KINDS = (WORK_WEEK, JOB_SHADOWING)


@dataclass(frozen=True)
class Choice:
    """An offer a student can wish for: the road km, its free places and, for job
    shadowing, the free dates in the class's days."""

    offer: Offer
    km: float
    free: int
    dates: tuple[dt.date, ...] = ()


def wishes_of(student: Student, season: Season, kind: str = WORK_WEEK) -> list[Preference]:
    """The student's wishes of one kind, rank 1 first."""
    query = sa.select(Preference).where(
        Preference.season_id == season.id,
        Preference.student_id == student.id,
        Preference.kind == kind,
    )
    return list(db.session.scalars(query.order_by(Preference.rank)))


def shadowing_days(student: Student, season: Season) -> tuple[dt.date, dt.date] | None:
    """The student's class's job-shadowing days inside the season, or None."""
    return class_shadowing_days(student.school_class, season)


def class_shadowing_days(school_class, season: Season) -> tuple[dt.date, dt.date] | None:
    """A class's job-shadowing days inside the season, or None if it has none there."""
    if school_class.shadowing_from is None or school_class.shadowing_to is None:
        return None
    first = max(school_class.shadowing_from, season.starts_on)
    last = min(school_class.shadowing_to, season.ends_on)
    return (first, last) if first <= last else None


def _days(student: Student, season: Season, kind: str) -> tuple[dt.date, dt.date] | None:
    """The dates a slot of the kind must fall on: the class's week, or its shadowing days."""
    if kind == JOB_SHADOWING:
        return shadowing_days(student, season)
    monday = student.school_class.work_week_start
    return None if monday is None else (monday, monday + dt.timedelta(days=6))


def _open_slots(student: Student, season: Season, kind: str, q: str = ""):
    """Slots of the kind with free places on the student's days."""
    days = _days(student, season, kind)
    if days is None:
        return []
    query = (
        sa.select(OfferSlot)
        .join(Offer)
        .join(Company)
        .where(Offer.kind == kind, Offer.is_active.is_(True))
        .where(OfferSlot.date.between(*days))
        .where(OfferSlot.taken < OfferSlot.capacity)
    )
    query = containing(query, q, Offer.title, Company.name)
    return db.session.scalars(query.order_by(Offer.id, OfferSlot.date))


def choices_for(
    student: Student, season: Season, q: str = "", kind: str = WORK_WEEK
) -> list[Choice]:
    """Offers the student may name: free on their days, open to their grade, within reach."""
    from app.matching.params import reach_km

    school_class, school = student.school_class, student.school_class.school
    limit, road_factor = reach_km(season, school_class.grade)
    out = []
    for offer, group in groupby(_open_slots(student, season, kind, q), key=lambda s: s.offer):
        slots, site = list(group), offer.site
        if site is None or site.latitude is None or school.latitude is None:
            continue
        if offer.grades and school_class.grade not in offer.grades:
            continue
        km = haversine_km(school.latitude, school.longitude, site.latitude, site.longitude)
        if km * road_factor <= limit:
            free = sum(s.capacity - s.taken for s in slots)
            dates = tuple(s.date for s in slots) if kind == JOB_SHADOWING else ()
            out.append(Choice(offer, round(km * road_factor, 1), free, dates))
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


def add_wish(
    actor, student: Student, season: Season | None, choice: str, kind: str = WORK_WEEK
) -> Preference:
    """Add a wish at the end of the list; refuses a sixth, a repeat or an offer out of reach."""
    _check_open(season)
    if kind == JOB_SHADOWING and shadowing_days(student, season) is None:
        raise DomainError("choice", _("Your class has no job-shadowing days in this season."))
    offer_id, field = _parse(choice)
    wishes = wishes_of(student, season, kind)
    if len(wishes) >= MAX_WISHES:
        raise DomainError("choice", _("You have five wishes. Remove one to add another."))
    if any(w.offer_id == offer_id and w.field == field for w in wishes):
        raise DomainError("choice", _("This is already one of your wishes."))
    if offer_id is not None and offer_id not in {
        c.offer.id for c in choices_for(student, season, kind=kind)
    }:
        raise DomainError("choice", _out_of_reach(kind))
    wish = Preference(
        season_id=season.id,
        student_id=student.id,
        kind=kind,
        rank=len(wishes) + 1,
        offer_id=offer_id,
        field=field,
    )
    db.session.add(wish)
    audit.record(actor, "season.wish_added", season)
    db.session.commit()
    return wish


def _out_of_reach(kind: str) -> str:
    if kind == JOB_SHADOWING:
        return _("This offer has no free day on your class's job-shadowing days, or it is too far.")
    return _("This offer has no free place in your work week, or it is too far away.")


def remove_wish(
    actor, student: Student, season: Season | None, rank: int, kind: str = WORK_WEEK
) -> None:
    """Remove one wish; the ones below move up."""
    _check_open(season)
    wishes = wishes_of(student, season, kind)
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


def move_wish_up(
    actor, student: Student, season: Season | None, rank: int, kind: str = WORK_WEEK
) -> None:
    """Swap a wish with the one above it."""
    _check_open(season)
    by_rank = {w.rank: w for w in wishes_of(student, season, kind)}
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
