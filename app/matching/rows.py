"""Database reads behind the problem builder: region, role models, bookings, pins."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.bookings.capacity import visits_left
from app.bookings.models import Booking
from app.companies.models import OfferSlot as SlotRow
from app.companies.models import RoleModel as RoleModelRow
from app.extensions import db
from app.matching.ids import key
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import MatchRun, Preference, Season
from app.seasons.models import Placement as PlacementRow
from scheduler import WORK_WEEK, ExistingBooking, Placement, Problem, RoleModel

DONE_RUNS = ("finished", "published")


def schools_in_region(region: str) -> list[School]:
    """Located schools of the season's region (every school when the region is empty)."""
    query = sa.select(School).where(School.latitude.is_not(None), School.longitude.is_not(None))
    if region:
        query = query.where(School.region == region)
    return list(db.session.scalars(query.order_by(School.id)))


def classes_of(schools: list[School]) -> list[SchoolClass]:
    """The classes of these schools, in id order."""
    ids = [s.id for s in schools]
    if not ids:
        return []
    query = sa.select(SchoolClass).where(SchoolClass.school_id.in_(ids))
    return list(db.session.scalars(query.order_by(SchoolClass.id)))


# The bulk rows of a build (students, wishes, slots) are read as plain rows: at national
# size, building 300,000 ORM objects for them took 8 of the build's 11 seconds.


def students_by_class(classes: list[SchoolClass]) -> dict[int, list[sa.Row]]:
    """The students of these classes (what the engine needs of them), in id order."""
    out: dict[int, list[sa.Row]] = defaultdict(list)
    ids = [c.id for c in classes]
    if not ids:
        return out
    query = (
        sa.select(
            Student.id,
            Student.class_id,
            Student.has_own_network_placement,
            Student.has_diversity_consent,
            Student.gender,
        )
        .where(Student.class_id.in_(ids))
        .order_by(Student.id)
    )
    for row in db.session.execute(query):
        out[row.class_id].append(row)
    return out


def preferences_by_student(season: Season) -> dict[int, list[sa.Row]]:
    """The season's wishes per student, both kinds (work week and job shadowing)."""
    out: dict[int, list[sa.Row]] = defaultdict(list)
    columns = (Preference.student_id, Preference.kind, Preference.rank, Preference.offer_id)
    query = sa.select(*columns, Preference.field).where(Preference.season_id == season.id)
    for p in db.session.execute(query):
        out[p.student_id].append(p)
    return out


def slots_by_offer(season: Season) -> dict[int, list[sa.Row]]:
    """Offer slots inside the season per offer, by date."""
    out: dict[int, list[sa.Row]] = defaultdict(list)
    query = (
        sa.select(SlotRow.id, SlotRow.offer_id, SlotRow.date, SlotRow.capacity, SlotRow.taken)
        .where(SlotRow.date.between(season.starts_on, season.ends_on))
        .order_by(SlotRow.offer_id, SlotRow.date, SlotRow.id)
    )
    for slot in db.session.execute(query):
        out[slot.offer_id].append(slot)
    return out


def confirmed_bookings(season: Season) -> list[Booking]:
    """Confirmed direct bookings that start inside the season."""
    start = dt.datetime.combine(season.starts_on, dt.time.min, dt.UTC) - dt.timedelta(days=1)
    end = dt.datetime.combine(season.ends_on, dt.time.max, dt.UTC) + dt.timedelta(days=1)
    query = sa.select(Booking).where(
        Booking.status == "confirmed", Booking.starts_at.between(start, end)
    )
    return list(db.session.scalars(query.order_by(Booking.id)))


def booked_seats() -> dict[int, int]:
    """Seats per slot taken by confirmed bookings (given back as ExistingBooking seats)."""
    query = (
        sa.select(Booking.slot_id, sa.func.count(Booking.id))
        .where(Booking.slot_id.is_not(None), Booking.status == "confirmed")
        .group_by(Booking.slot_id)
    )
    return {slot_id: n for slot_id, n in db.session.execute(query)}


def local_day(booking: Booking) -> dt.date:
    """The booking's date in the school's time zone."""
    tz = ZoneInfo(booking.school_class.school.time_zone)
    return booking.starts_at.astimezone(tz).date()


def engine_bookings(season: Season, built, rm_ids: set[str]) -> tuple[ExistingBooking, ...]:
    """Confirmed bookings as seats on offer slots and busy dates of role models."""
    out = []
    for b in confirmed_bookings(season):
        school = key("school", b.school_class.school_id)
        school = school if school in built.schools else None
        day = local_day(b)
        if b.role_model_id is not None and key("rm", b.role_model_id) in rm_ids:
            rm = key("rm", b.role_model_id)
            out.append(ExistingBooking(key("booking", b.id), role_model_id=rm, date=day))
        elif b.slot_id is not None:
            offer = key("offer", b.offer_id)
            kind = built.offers[offer].kind if offer in built.offers else None
            period = day.isocalendar()[1] if kind == WORK_WEEK else b.slot.date
            if (offer, period) in built.slot_ids:
                week = period if kind == WORK_WEEK else None
                on = None if kind == WORK_WEEK else period
                out.append(
                    ExistingBooking(key("booking", b.id), offer, week, on, 1, school_id=school)
                )
    return tuple(out)


def _free_dates(rm: RoleModelRow, season: Season) -> tuple[dt.date, ...]:
    """The role model's weekdays inside their availability and the season, minus blocked."""
    blocked = {str(d) for d in rm.blocked_dates or []}
    start = max(season.starts_on, rm.available_from or season.starts_on)
    end = min(season.ends_on, rm.available_until or season.ends_on)
    days = (start + dt.timedelta(days=i) for i in range(max((end - start).days + 1, 0)))
    weekdays = set(rm.weekdays if rm.weekdays is not None else range(5))
    return tuple(d for d in days if d.weekday() in weekdays and d.isoformat() not in blocked)


def engine_role_models(season: Season) -> tuple[RoleModel, ...]:
    """Approved, located role models with visits left and free dates in the season."""
    query = sa.select(RoleModelRow).where(RoleModelRow.status == "approved")
    rm_bookings: dict[int, int] = defaultdict(int)
    for b in confirmed_bookings(season):
        if b.role_model_id is not None and local_day(b).year == season.starts_on.year:
            rm_bookings[b.role_model_id] += 1
    out = []
    for rm in db.session.scalars(query.order_by(RoleModelRow.id)):
        site = rm.site
        left = visits_left(rm, season.starts_on.year) + rm_bookings[rm.id]
        free = _free_dates(rm, season)
        if site is None or site.latitude is None or left <= 0 or not free:
            continue
        out.append(
            RoleModel(
                id=key("rm", rm.id),
                company_id=key("company", rm.company_id),
                lat=site.latitude,
                lon=site.longitude,
                visits_left=left,
                modes=tuple(m for m in rm.modes or () if m in ("digital", "physical")),
                travel_range_km=float(rm.travel_km),
                fields=tuple(rm.fields or ()),
                languages=tuple(rm.languages or ()),
                free_dates=free,
                gender=rm.gender if rm.has_diversity_consent else None,
            )
        )
    return tuple(out)


def latest_run(season: Season) -> MatchRun | None:
    """The season's newest run with a result."""
    query = (
        sa.select(MatchRun)
        .where(MatchRun.season_id == season.id, MatchRun.status.in_(DONE_RUNS))
        .order_by(MatchRun.id.desc())
        .limit(1)
    )
    return db.session.scalar(query)


def engine_placement(row: PlacementRow) -> Placement:
    """A stored placement as the engine's Placement."""
    if row.student_id is not None:
        subject = key("student", row.student_id)
    else:
        subject = key("request", row.request_id)
    if row.role_model_id is not None:
        return Placement(
            subject,
            row.kind,
            role_model_id=key("rm", row.role_model_id),
            date=row.on_date,
            mode=row.mode,
        )
    return at_slot(subject, row.kind, row.slot.offer_id, row.slot.date, row.mode)


def at_slot(subject: str, kind: str, offer_id: int, day: dt.date, mode: str) -> Placement:
    """The engine's placement of a subject at an offer slot starting on `day`."""
    offer = key("offer", offer_id)
    if kind == WORK_WEEK:
        return Placement(subject, kind, offer, week=day.isocalendar()[1], mode=mode)
    return Placement(subject, kind, offer, date=day, mode=mode)


def known_to(problem: Problem) -> Callable[[Placement], bool]:
    """A test whether every id and period of a placement exists in the problem (its sets
    built once: per placement they made a national re-run quadratic), and whether its
    student still takes part in a work week (not after finding one of their own)."""
    subjects = {s.id for s in problem.students} | {r.id for r in problem.requests}
    own_week = {s.id for s in problem.students if s.has_own_work_week}
    role_models = {r.id for r in problem.role_models}
    periods = {(o.id, s.period) for o in problem.offers for s in o.slots}

    def known(p: Placement) -> bool:
        if p.subject_id not in subjects or (p.kind == WORK_WEEK and p.subject_id in own_week):
            return False
        if p.role_model_id is not None:
            return p.role_model_id in role_models
        return (p.offer_id, p.period) in periods

    return known


def with_pins_and_previous(season: Season, problem: Problem, built) -> Problem:
    """Add the latest run's pinned placements as pins and all its placements as previous
    (a placement cancelled after publication is neither)."""
    run = latest_run(season)
    if run is None:
        return problem
    rows = db.session.scalars(
        sa.select(PlacementRow)
        .where(PlacementRow.run_id == run.id, PlacementRow.cancelled_at.is_(None))
        .options(selectinload(PlacementRow.slot))
        .order_by(PlacementRow.id)
    )
    placements = [(r.is_pinned, engine_placement(r)) for r in rows]
    known = known_to(problem)
    usable = [(pinned, p) for pinned, p in placements if known(p)]
    return replace(
        problem,
        pins=tuple(p for pinned, p in usable if pinned),
        previous=tuple(p for _pinned, p in usable),
    )
