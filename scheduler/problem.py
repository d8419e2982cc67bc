"""Input of the matching engine: plain frozen dataclasses holding ids and numbers only."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

WORK_WEEK = "work_week"
JOB_SHADOWING = "job_shadowing"
COMPANY_VISIT = "company_visit"
ROLE_MODEL_VISIT = "role_model_visit"
STUDENT_KINDS = (WORK_WEEK, JOB_SHADOWING)
REQUEST_KINDS = (COMPANY_VISIT, ROLE_MODEL_VISIT)
OFFER_KINDS = (WORK_WEEK, JOB_SHADOWING, COMPANY_VISIT)
MODES = ("physical", "digital")
FEMALE = "female"
LAST_RESORT_RANK = 6  # rank given to a placement reached through the last-resort setting


@dataclass(frozen=True)
class Season:
    """The season's first and last date; weeks are ISO weeks of dates inside it."""

    start: dt.date
    end: dt.date

    def has_date(self, day: dt.date) -> bool:
        """True if the date lies inside the season."""
        return self.start <= day <= self.end

    def weeks(self) -> frozenset[int]:
        """ISO week numbers touched by the season."""
        days = (self.end - self.start).days + 1
        return frozenset(
            (self.start + dt.timedelta(days=i)).isocalendar()[1] for i in range(max(days, 0))
        )


@dataclass(frozen=True)
class School:
    """A school with its location; rural and under-served schools get reach priority."""

    id: str
    lat: float
    lon: float
    is_rural: bool = False
    is_under_served: bool = False


@dataclass(frozen=True)
class SchoolClass:
    """A class of a school: grade, size and the ISO week of its work week (None: none)."""

    id: str
    school_id: str
    grade: int
    size: int = 25
    work_week: int | None = None


@dataclass(frozen=True, slots=True)
class Wish:
    """One ranked wish of a student: a named offer or a field."""

    offer_id: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Student:
    """A student; wishes are ranked (first is rank 1), at most five per kind.

    `has_own_work_week`: the student found a work week through their own network, so the
    batch places them in no work week (their place goes to someone else); job shadowing
    and the rest still apply."""

    id: str
    class_id: str
    wishes: tuple[Wish, ...] = ()
    shadowing_wishes: tuple[Wish, ...] = ()
    shadowing_window: tuple[dt.date, dt.date] | None = None
    gender: str | None = None
    has_no_network: bool = False
    has_own_work_week: bool = False


@dataclass(frozen=True)
class OfferSlot:
    """Capacity of an offer in one ISO week (work week) or on one date (other kinds)."""

    capacity: int
    week: int | None = None
    date: dt.date | None = None

    @property
    def period(self) -> int | dt.date:
        """The week or the date this slot is for."""
        if self.week is not None:
            return self.week
        if self.date is None:
            raise ValueError("an offer slot needs a week or a date")
        return self.date


@dataclass(frozen=True)
class Offer:
    """An offer of a company at one site: kind, fields, grades (empty: all) and slots."""

    id: str
    company_id: str
    kind: str
    lat: float
    lon: float
    slots: tuple[OfferSlot, ...]
    fields: tuple[str, ...] = ()
    grades: tuple[int, ...] = ()


@dataclass(frozen=True)
class RoleModel:
    """A role model; free_dates empty means every date not blocked is free."""

    id: str
    company_id: str
    lat: float
    lon: float
    visits_left: int
    modes: tuple[str, ...] = ("digital", "physical")
    travel_range_km: float = 50.0
    fields: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    free_dates: tuple[dt.date, ...] = ()
    blocked_dates: tuple[dt.date, ...] = ()
    gender: str | None = None


@dataclass(frozen=True)
class ClassRequest:
    """A teacher's request for a company visit or a role-model visit in a date window."""

    id: str
    class_id: str
    kind: str
    start: dt.date
    end: dt.date
    mode: str = "any"
    fields: tuple[str, ...] = ()
    language: str | None = None
    max_travel_km: float | None = None
    group_size: int = 25


# slots: a national run holds about a million placements (options), a third of its memory
@dataclass(frozen=True, slots=True)
class Placement:
    """One placement: a student or request to an offer slot, or a request to a role model."""

    subject_id: str
    kind: str
    offer_id: str | None = None
    week: int | None = None
    date: dt.date | None = None
    role_model_id: str | None = None
    mode: str = "physical"

    @property
    def period(self) -> int | dt.date | None:
        """The week (work week) or date of the placement."""
        return self.week if self.week is not None else self.date

    @property
    def slot(self) -> tuple[str, int | dt.date] | None:
        """(offer id, week or date) of the offer slot used; None for a role-model visit or a
        placement missing its week or date."""
        period = self.period
        return None if self.offer_id is None or period is None else (self.offer_id, period)


@dataclass(frozen=True)
class ExistingBooking:
    """A booking made outside the batch; it consumes offer or role-model capacity."""

    id: str
    offer_id: str | None = None
    week: int | None = None
    date: dt.date | None = None
    seats: int = 1
    role_model_id: str | None = None
    school_id: str | None = None


@dataclass(frozen=True)
class Problem:
    """Everything one matching run needs; pins and previous use Placement."""

    season: Season
    schools: tuple[School, ...] = ()
    classes: tuple[SchoolClass, ...] = ()
    students: tuple[Student, ...] = ()
    offers: tuple[Offer, ...] = ()
    role_models: tuple[RoleModel, ...] = ()
    requests: tuple[ClassRequest, ...] = ()
    pins: tuple[Placement, ...] = ()
    bookings: tuple[ExistingBooking, ...] = ()
    previous: tuple[Placement, ...] = ()


@dataclass(frozen=True)
class Weights:
    """Weight of each soft goal; the objective is the weighted sum, minimised."""

    unplaced: float = 1000.0
    preference: float = 10.0
    travel: float = 1.0
    fairness: float = 2.0
    girls_share: float = 200.0
    role_model_mix: float = 50.0
    rural_reach: float = 300.0
    network_priority: float = 300.0
    stability: float = 20.0
    unassigned_request: float = 1000.0


def _default_travel_limits() -> Mapping[int, float]:
    return {8: 25.0, 9: 35.0, 10: 50.0}


ProgressCallback = Callable[[str, float], None]


@dataclass(frozen=True)
class Params:
    """All settings of one run; weights are shown to and changed by the administrator."""

    seed: int = 0
    time_limit_s: float = 60.0
    deterministic_time_s: float = 10.0
    road_factor: float = 1.3
    travel_limit_km: Mapping[int, float] = field(default_factory=_default_travel_limits)
    max_school_share: float = 0.5
    is_last_resort_enabled: bool = True
    weights: Weights = field(default_factory=Weights)
    exact_option_limit: int = 3000
    girls_share_rounds: int = 3
    progress: ProgressCallback | None = field(default=None, compare=False)
    cancel: threading.Event | None = field(default=None, compare=False)

    def travel_limit(self, grade: int) -> float:
        """Travel limit in road km for a grade (the largest limit if the grade is unknown)."""
        return self.travel_limit_km.get(grade, max(self.travel_limit_km.values(), default=0.0))
