"""Translate the season's rows into the engine's Problem, and remember how to map ids back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.companies.models import Offer as OfferRow
from app.companies.models import OfferSlot as SlotRow
from app.extensions import db
from app.matching import rows
from app.matching.ids import key
from app.seasons.models import Season as SeasonRow
from app.seasons.wishes import class_shadowing_days
from scheduler import (
    JOB_SHADOWING,
    WORK_WEEK,
    ClassRequest,
    ExistingBooking,
    Offer,
    OfferSlot,
    Problem,
    School,
    SchoolClass,
    Season,
    Student,
    Wish,
)

STUDENT_OFFER_KINDS = ("work_week", "job_shadowing", "company_visit")


@dataclass
class Built:
    """The problem plus the lookups that map engine ids and periods back to rows."""

    problem: Problem
    slot_ids: dict[tuple[str, object], int] = field(default_factory=dict)
    offers: dict[str, OfferRow] = field(default_factory=dict)
    schools: dict[str, object] = field(default_factory=dict)
    class_of_student: dict[str, str] = field(default_factory=dict)
    school_of_class: dict[str, str] = field(default_factory=dict)
    booked: dict[int, int] = field(default_factory=dict)
    slot_dates: dict[int, dt.date] = field(default_factory=dict)

    @property
    def students(self) -> dict[str, Student]:
        """The problem's students by id (built once)."""
        if not hasattr(self, "_students"):
            self._students = {s.id: s for s in self.problem.students}
        return self._students

    @property
    def pins(self) -> set:
        """The problem's pinned placements (built once)."""
        if not hasattr(self, "_pins"):
            self._pins = set(self.problem.pins)
        return self._pins

    @property
    def engine_offers(self) -> dict[str, Offer]:
        """The problem's offers by id (built once): fields and place without a query."""
        if not hasattr(self, "_engine_offers"):
            self._engine_offers = {o.id: o for o in self.problem.offers}
        return self._engine_offers

    @property
    def school_at(self) -> dict[str, tuple[float, float]]:
        """Each school's (lat, lon) by engine id (built once)."""
        if not hasattr(self, "_school_at"):
            self._school_at = {s.id: (s.lat, s.lon) for s in self.problem.schools}
        return self._school_at

    @property
    def names(self) -> dict[str, dict[int, str]]:
        """Company, offer and school names by row id, for reasons (built once)."""
        if not hasattr(self, "_names"):
            offers = self.offers.values()
            self._names = {
                "company": {o.company_id: o.company.name for o in offers},
                "offer": {o.id: o.title for o in offers},
                "school": {s.id: s.name for s in self.schools.values()},
            }
        return self._names

    @property
    def requests(self) -> dict[str, ClassRequest]:
        """The problem's requests by id (built once)."""
        if not hasattr(self, "_requests"):
            self._requests = {r.id: r for r in self.problem.requests}
        return self._requests


def iso_week(day: dt.date | None) -> int | None:
    """The ISO week number of a date."""
    return day.isocalendar()[1] if day is not None else None


def build_problem(season: SeasonRow, with_history: bool = True) -> Built:
    """Everything the engine needs for one run of the season (see docs/scheduler.md); without
    history, no pins and no previous run (checking one move reads neither, and at national
    size reading the previous run is a third of the time)."""
    engine_season = Season(start=season.starts_on, end=season.ends_on)
    school_rows = rows.schools_in_region(season.region)
    schools = tuple(
        School(key("school", s.id), s.latitude, s.longitude, is_rural=s.is_rural)
        for s in school_rows
    )
    class_rows = rows.classes_of(school_rows)
    classes = tuple(_engine_class(c, engine_season) for c in class_rows)
    built = Built(problem=Problem(season=engine_season), booked=rows.booked_seats())
    built.schools = {key("school", s.id): s for s in school_rows}
    built.school_of_class = {c.id: c.school_id for c in classes}
    offers = _offers(season, built)
    offer_ids = {o.id for o in offers}
    students = _students(season, class_rows, offer_ids, built)
    role_models = rows.engine_role_models(season)
    rm_ids = {r.id for r in role_models}
    problem = Problem(
        season=engine_season,
        schools=schools,
        classes=classes,
        students=students,
        offers=offers,
        role_models=role_models,
        requests=_requests(season, class_rows),
        bookings=rows.engine_bookings(season, built, rm_ids),
    )
    built.problem = rows.with_pins_and_previous(season, problem, built) if with_history else problem
    built.names  # noqa: B018  (read now: the run's progress commits expire these rows)
    return built


def _engine_class(c, season: Season) -> SchoolClass:
    week = iso_week(c.work_week_start)
    if week is not None and not (c.work_week_start and season.has_date(c.work_week_start)):
        week = None  # the class's work week is outside this season
    return SchoolClass(key("class", c.id), key("school", c.school_id), c.grade, c.size, week)


def _offer_slots(offer: OfferRow, slot_rows, built: Built) -> tuple[OfferSlot, ...]:
    """The season's slots with free places; one per ISO week for work weeks."""
    slots: list[OfferSlot] = []
    offer_id = key("offer", offer.id)
    for slot in slot_rows:
        free = slot.capacity - slot.taken + built.booked.get(slot.id, 0)
        if free <= 0:
            continue
        period = iso_week(slot.date) if offer.kind == WORK_WEEK else slot.date
        if (offer_id, period) in built.slot_ids:
            continue  # two slots in one ISO week: the engine knows weeks, keep the first
        built.slot_ids[(offer_id, period)] = slot.id
        built.slot_dates[slot.id] = slot.date
        if offer.kind == WORK_WEEK:
            slots.append(OfferSlot(capacity=free, week=period))
        else:
            slots.append(OfferSlot(capacity=free, date=period))
    return tuple(slots)


def _offers(season: SeasonRow, built: Built) -> tuple[Offer, ...]:
    """Active offers at a located site with free places inside the season."""
    query = (
        sa.select(OfferRow)
        .where(OfferRow.is_active.is_(True), OfferRow.kind.in_(STUDENT_OFFER_KINDS))
        .where(OfferRow.slots.any(SlotRow.date.between(season.starts_on, season.ends_on)))
        .options(selectinload(OfferRow.site), selectinload(OfferRow.company))
        .order_by(OfferRow.id)
    )
    slot_rows = rows.slots_by_offer(season)
    out = []
    for offer in db.session.scalars(query):
        site = offer.site
        located = site and site.latitude is not None and site.longitude is not None
        slots = _offer_slots(offer, slot_rows.get(offer.id, ()), built) if located else ()
        if not slots:
            continue
        engine_id = key("offer", offer.id)
        built.offers[engine_id] = offer
        out.append(
            Offer(
                id=engine_id,
                company_id=key("company", offer.company_id),
                kind=offer.kind,
                lat=site.latitude,
                lon=site.longitude,
                slots=slots,
                fields=tuple(offer.fields or ()),
                grades=tuple(offer.grades or ()),
            )
        )
    return tuple(out)


def _wishes(prefs, offer_ids: set[str]) -> tuple[Wish, ...]:
    """Ranked wishes; a named offer no longer in the problem (full, inactive) is dropped."""
    out = []
    for p in sorted(prefs, key=lambda p: p.rank):
        if p.offer_id is not None:
            if key("offer", p.offer_id) in offer_ids:
                out.append(Wish(offer_id=key("offer", p.offer_id)))
        elif p.field:
            out.append(Wish(field=p.field))
    return tuple(out[:5])


def _students(season: SeasonRow, class_rows, offer_ids: set[str], built: Built):
    """Students of the region's classes. A student takes part in job shadowing when they
    wished for it and their class has days for it in the season (it is optional, so no wish
    means no job shadowing). One placed through their own network gets no work week (their
    place goes to someone else), so they are in the batch only for job shadowing."""
    prefs = rows.preferences_by_student(season)
    students_of = rows.students_by_class(class_rows)
    out = []
    for c in class_rows:
        window = class_shadowing_days(c, season)
        for s in students_of.get(c.id, ()):
            own = prefs.get(s.id, [])
            shadowing = [p for p in own if p.kind == JOB_SHADOWING]
            if s.has_own_network_placement and not (shadowing and window):
                continue
            gender = s.gender if s.has_diversity_consent and s.gender else None
            student_id = key("student", s.id)
            built.class_of_student[student_id] = key("class", c.id)
            wishes = _wishes([p for p in own if p.kind == WORK_WEEK], offer_ids)
            out.append(
                Student(
                    student_id,
                    key("class", c.id),
                    wishes,
                    shadowing_wishes=_wishes(shadowing, offer_ids),
                    shadowing_window=window if shadowing else None,
                    gender=gender,
                    has_no_network=not s.has_own_network_placement,
                    has_own_work_week=s.has_own_network_placement,
                )
            )
    return tuple(out)


def _requests(season: SeasonRow, class_rows) -> tuple[ClassRequest, ...]:
    """The class requests of the season for classes in the region."""
    by_id = {c.id: c for c in class_rows}
    out = []
    for r in sorted(season.requests, key=lambda r: r.id):
        c = by_id.get(r.class_id)
        start, end = max(r.window_start, season.starts_on), min(r.window_end, season.ends_on)
        if c is None or start > end:
            continue
        out.append(
            ClassRequest(
                id=key("request", r.id),
                class_id=key("class", c.id),
                kind=r.kind,
                start=start,
                end=end,
                mode=r.mode,
                fields=tuple(r.fields or ()),
                max_travel_km=float(r.max_travel_km),
                group_size=c.size,
            )
        )
    return tuple(out)


__all__ = ["Built", "ExistingBooking", "build_problem", "iso_week"]
