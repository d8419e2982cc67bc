"""Lookups shared by the solver, the validator and the explanations, built once per run."""

from __future__ import annotations

import datetime as dt
import math
import time
from collections import Counter, defaultdict
from functools import cached_property
from typing import Any

import numpy as np
import numpy.typing as npt

from scheduler.problem import (
    LAST_RESORT_RANK,
    WORK_WEEK,
    ClassRequest,
    Offer,
    OfferSlot,
    Params,
    Placement,
    Problem,
    RoleModel,
    School,
    SchoolClass,
    Student,
    Wish,
)
from scheduler.solution import Note

EARTH_RADIUS_KM = 6371.0088
Period = int | dt.date
SlotKey = tuple[str, Period]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def week_of(period: Period) -> int:
    """ISO week of a period (a week number already, or a date)."""
    return period if isinstance(period, int) else period.isocalendar()[1]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def road_km(lat1: float, lon1: float, lat2: float, lon2: float, road_factor: float) -> float:
    """Straight-line km times the road factor, rounded to 10 m so every part agrees."""
    return round(haversine_km(lat1, lon1, lat2, lon2) * road_factor, 2)


def road_km_many(
    lat: float, lon: float, lats: FloatArray, lons: FloatArray, rf: float
) -> FloatArray:
    """Vectorised road_km from one point to many."""
    p1, p2 = np.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    km: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    rounded: FloatArray = np.round(km * rf, 2)
    return rounded


class KindIndex:
    """Every slot of one kind as arrays, so reaches and flows can be built with numpy."""

    def __init__(self, ctx: Context, kind: str) -> None:
        offers = ctx.offers_of_kind(kind)
        self.offers = offers
        self.slots: list[SlotKey] = [(o.id, s.period) for o in offers for s in o.slots]
        self.index = {slot: i for i, slot in enumerate(self.slots)}
        self.slot_offer = np.array(
            [i for i, o in enumerate(offers) for _ in o.slots], dtype=np.int64
        )
        self.period_code = np.array([_code(p) for _, p in self.slots], dtype=np.int64)
        self.in_season = np.array([ctx.season_weeks_ok(p) for _, p in self.slots], dtype=bool)
        self.capacity = np.array([ctx.slots[s].capacity for s in self.slots], dtype=np.int64)
        self.limit = np.array(
            [ctx.school_limit(ctx.offers[o].company_id, kind, week_of(p)) for o, p in self.slots],
            dtype=np.int64,
        )
        self._fields: dict[str, np.ndarray] = {}
        self._grades: dict[int, np.ndarray] = {}
        self.tight_limit = self._split_limits(ctx)

    def _split_limits(self, ctx: Context) -> np.ndarray:
        """A school's share split over a company's slots of a week by capacity (largest
        remainder): never breaks the rule, even when a school uses several slots."""
        groups: dict[tuple[str, int], list[int]] = {}
        for i, (offer_id, period) in enumerate(self.slots):
            groups.setdefault((ctx.offers[offer_id].company_id, week_of(period)), []).append(i)
        tight = self.limit.copy()
        for members in groups.values():
            if len(members) > 1:
                limit, caps = int(self.limit[members[0]]), self.capacity[members]
                whole = max(int(caps.sum()), 1)
                shares = limit * caps // whole
                order = sorted(range(len(members)), key=lambda k: (-(limit * caps[k] % whole), k))
                for k in order[: limit - int(shares.sum())]:
                    shares[k] += 1
                tight[members] = shares
        return tight

    def field_mask(self, name: str) -> np.ndarray:
        """Which slots belong to offers in a field."""
        if name not in self._fields:
            per_offer = np.array([name in o.fields for o in self.offers], dtype=bool)
            self._fields[name] = per_offer[self.slot_offer] if len(self.slots) else per_offer
        return self._fields[name]

    def grade_mask(self, grade: int) -> np.ndarray:
        """Which slots are open to a grade."""
        if grade not in self._grades:
            ok = np.array([not o.grades or grade in o.grades for o in self.offers], dtype=bool)
            self._grades[grade] = ok[self.slot_offer] if len(self.slots) else ok
        return self._grades[grade]


def _code(period: Period) -> int:
    """Weeks and dates as comparable integers (dates as ordinals, far above weeks)."""
    return period if isinstance(period, int) else period.toordinal()


class Reach:
    """Slots of one kind a school can reach for one grade and set of periods."""

    def __init__(self, kind_index: KindIndex | None, index: np.ndarray, km: np.ndarray) -> None:
        self.kind_index, self.index, self.km_arr = kind_index, index, km

    @cached_property
    def slots(self) -> tuple[SlotKey, ...]:
        """Slot keys in the reach."""
        if self.kind_index is None:
            return ()
        return tuple(self.kind_index.slots[i] for i in self.index)

    @cached_property
    def km(self) -> tuple[float, ...]:
        """Road km to each slot's offer."""
        return tuple(float(x) for x in self.km_arr)


def share_limit(places: int, share: float) -> int:
    """Most places one school may take of a company's places in a week (at least one)."""
    return max(1, math.floor(share * places + 1e-9))


class Context:
    """Indexes of a problem plus derived capacities; read-only after construction, but for the
    notes the solving steps leave for the administrator (a round skipped for time, ...)."""

    def __init__(self, problem: Problem, params: Params) -> None:
        self.problem, self.params = problem, params
        self.schools: dict[str, School] = {s.id: s for s in problem.schools}
        self.classes: dict[str, SchoolClass] = {c.id: c for c in problem.classes}
        self.students: dict[str, Student] = {s.id: s for s in problem.students}
        self.offers: dict[str, Offer] = {o.id: o for o in problem.offers}
        self.role_models: dict[str, RoleModel] = {r.id: r for r in problem.role_models}
        self.requests: dict[str, ClassRequest] = {r.id: r for r in problem.requests}
        self.slots: dict[SlotKey, OfferSlot] = {
            (o.id, s.period): s for o in problem.offers for s in o.slots
        }
        self.cache: dict[object, Any] = {}
        self.notes: list[Note] = []
        self.deadline = time.perf_counter() + params.time_limit_s
        self._reach: dict[tuple[str, int, str, tuple[Period, ...]], Reach] = {}
        self._index_bookings()

    def _index_bookings(self) -> None:
        """Seats, school shares and role-model dates already taken outside the batch."""
        self.booked: Counter[SlotKey] = Counter()
        self.booked_school: Counter[tuple[str, str, str, int]] = Counter()
        self.rm_booked: dict[str, list[dt.date]] = defaultdict(list)
        for b in self.problem.bookings:
            if b.offer_id is not None and b.offer_id in self.offers:
                period = b.week if b.week is not None else b.date
                assert period is not None, f"booking {b.id!r} names no week or date (checks)"
                self.booked[(b.offer_id, period)] += b.seats
                offer = self.offers[b.offer_id]
                if b.school_id is not None:
                    key = (b.school_id, offer.company_id, offer.kind, week_of(period))
                    self.booked_school[key] += b.seats
            if b.role_model_id is not None and b.date is not None:
                self.rm_booked[b.role_model_id].append(b.date)

    @cached_property
    def company_places(self) -> Counter[tuple[str, str, int]]:
        """Places per (company, kind, ISO week), the base of the school-share rule."""
        places: Counter[tuple[str, str, int]] = Counter()
        for (offer_id, period), slot in self.slots.items():
            offer = self.offers[offer_id]
            places[(offer.company_id, offer.kind, week_of(period))] += slot.capacity
        return places

    def school_limit(self, company_id: str, kind: str, week: int) -> int:
        """Share limit of one school at one company in one week."""
        places = self.company_places[(company_id, kind, week)]
        return share_limit(places, self.params.max_school_share)

    def school_of(self, student: Student) -> School:
        """The school of a student."""
        return self.schools[self.classes[student.class_id].school_id]

    def grade_of(self, student: Student) -> int:
        """The grade of a student's class."""
        return self.classes[student.class_id].grade

    def periods(self, student: Student, kind: str) -> tuple[Period, ...]:
        """Weeks or dates in which the student can take part in a kind."""
        if kind == WORK_WEEK:
            week = self.classes[student.class_id].work_week
            return () if week is None or student.has_own_work_week else (week,)
        if student.shadowing_window is None:
            return ()
        start, end = student.shadowing_window
        return tuple(start + dt.timedelta(days=i) for i in range((end - start).days + 1))

    def wishes(self, student: Student, kind: str) -> tuple[Wish, ...]:
        """A student's ranked wishes for a kind."""
        return student.wishes if kind == WORK_WEEK else student.shadowing_wishes

    def rank(self, student: Student, kind: str, offer: Offer) -> int | None:
        """Best rank of the offer among the wishes, last resort if allowed, else None."""
        for i, wish in enumerate(self.wishes(student, kind)[:5]):
            if wish.offer_id == offer.id or (wish.field is not None and wish.field in offer.fields):
                return i + 1
        return LAST_RESORT_RANK if self.params.is_last_resort_enabled else None

    def offers_of_kind(self, kind: str) -> list[Offer]:
        """Offers of a kind in id order."""
        return [o for o in sorted(self.offers.values(), key=lambda o: o.id) if o.kind == kind]

    def reach(self, school_id: str, grade: int, kind: str, periods: tuple[Period, ...]) -> Reach:
        """Slots of a kind in the periods, open to the grade and within its travel limit."""
        key = (school_id, grade, kind, periods)
        if key not in self._reach:
            self._reach[key] = self._compute_reach(self.schools[school_id], grade, kind, periods)
        return self._reach[key]

    def computed_reaches(self) -> list[Reach]:
        """Every reach computed so far in this run."""
        return list(self._reach.values())

    def time_left(self) -> float:
        """Seconds left of the run's time limit (optional phases stop when it is spent)."""
        return self.deadline - time.perf_counter()

    def kind_index(self, kind: str) -> KindIndex:
        """Slot arrays of a kind, built once."""
        key = ("kind_index", kind)
        if key not in self.cache:
            self.cache[key] = KindIndex(self, kind)
        index: KindIndex = self.cache[key]
        return index

    def offer_km(self, school: School, kind: str) -> FloatArray:
        """Road km from a school to every offer of a kind, cached per school."""
        key = ("offer_km", school.id, kind)
        if key not in self.cache:
            ki = self.kind_index(kind)
            lats = np.array([o.lat for o in ki.offers], dtype=float)
            lons = np.array([o.lon for o in ki.offers], dtype=float)
            self.cache[key] = road_km_many(
                school.lat, school.lon, lats, lons, self.params.road_factor
            )
        km: FloatArray = self.cache[key]
        return km

    def _compute_reach(
        self, school: School, grade: int, kind: str, periods: tuple[Period, ...]
    ) -> Reach:
        ki = self.kind_index(kind)
        if not ki.slots or not periods:
            return Reach(ki, np.zeros(0, dtype=np.int64), np.zeros(0))
        km = self.offer_km(school, kind)[ki.slot_offer]
        codes = np.array([_code(p) for p in periods], dtype=np.int64)
        mask = np.isin(ki.period_code, codes) & ki.in_season & ki.grade_mask(grade)
        mask &= km <= self.params.travel_limit(grade) + 1e-9
        index = np.flatnonzero(mask)
        return Reach(ki, index, km[index])

    def season_weeks_ok(self, period: Period) -> bool:
        """True if a slot's week or date lies inside the season."""
        if isinstance(period, int):
            return period in self.season_weeks
        return self.problem.season.has_date(period)

    @cached_property
    def previous_of(self) -> dict[tuple[str, str], Placement]:
        """The previous run's placement of each (subject, kind), built once."""
        return {(p.subject_id, p.kind): p for p in self.problem.previous}

    @cached_property
    def season_weeks(self) -> frozenset[int]:
        """ISO weeks of the season, computed once."""
        return self.problem.season.weeks()

    def km_to_offer(self, school: School, offer: Offer) -> float:
        """Road km from a school to an offer's site."""
        return road_km(school.lat, school.lon, offer.lat, offer.lon, self.params.road_factor)
