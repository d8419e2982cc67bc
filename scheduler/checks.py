"""Input validation: every message names the offending id; solve() refuses bad input."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from scheduler.problem import (
    MODES,
    OFFER_KINDS,
    REQUEST_KINDS,
    STUDENT_KINDS,
    WORK_WEEK,
    Offer,
    Params,
    Placement,
    Problem,
)


class ProblemError(ValueError):
    """Invalid problem or parameters; `errors` lists one clear message per fault."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("invalid problem:\n" + "\n".join(f"- {e}" for e in errors))
        self.errors = errors


def _duplicates(kind: str, ids: Iterable[str]) -> list[str]:
    counts = Counter(ids)
    return [f"{kind} id {i!r} is used {n} times" for i, n in sorted(counts.items()) if n > 1]


def _check_offer(problem: Problem, offer: Offer, weeks: frozenset[int]) -> list[str]:
    errors = []
    if offer.kind not in OFFER_KINDS:
        errors.append(f"offer {offer.id!r} has unknown kind {offer.kind!r}")
    if not (-90 <= offer.lat <= 90 and -180 <= offer.lon <= 180):
        errors.append(f"offer {offer.id!r} has an invalid location")
    season = problem.season
    for slot in offer.slots:
        where = f"offer {offer.id!r} slot {slot.period}"
        if slot.capacity < 0:
            errors.append(f"{where} has negative capacity {slot.capacity}")
        if offer.kind == WORK_WEEK and (slot.week is None or slot.date is not None):
            errors.append(f"{where}: a work-week slot needs a week and no date")
        if offer.kind != WORK_WEEK and (slot.date is None or slot.week is not None):
            errors.append(f"{where}: a {offer.kind} slot needs a date and no week")
        if slot.week is not None and slot.week not in weeks:
            errors.append(f"{where}: week {slot.week} is outside the season")
        if slot.date is not None and not season.has_date(slot.date):
            errors.append(f"{where}: date {slot.date} is outside the season")
    return errors


def _check_people(problem: Problem) -> list[str]:
    errors = []
    schools = {s.id for s in problem.schools}
    classes = {c.id: c for c in problem.classes}
    offers = {o.id for o in problem.offers}
    weeks = problem.season.weeks()
    for c in problem.classes:
        if c.school_id not in schools:
            errors.append(f"class {c.id!r} names unknown school {c.school_id!r}")
        if c.work_week is not None and c.work_week not in weeks:
            errors.append(f"class {c.id!r}: work week {c.work_week} is outside the season")
        if c.size < 0:
            errors.append(f"class {c.id!r} has negative size {c.size}")
    for s in problem.students:
        if s.class_id not in classes:
            errors.append(f"student {s.id!r} names unknown class {s.class_id!r}")
        for wishes in (s.wishes, s.shadowing_wishes):
            if len(wishes) > 5:
                errors.append(f"student {s.id!r} has {len(wishes)} wishes; at most 5")
            for w in wishes:
                if w.offer_id is None and w.field is None:
                    errors.append(f"student {s.id!r} has a wish with neither offer nor field")
                if w.offer_id is not None and w.offer_id not in offers:
                    errors.append(f"student {s.id!r} wishes for unknown offer {w.offer_id!r}")
        window = s.shadowing_window
        if window is not None and (
            window[0] > window[1]
            or not problem.season.has_date(window[0])
            or not problem.season.has_date(window[1])
        ):
            errors.append(f"student {s.id!r} has a job-shadowing window outside the season")
    return errors


def _check_role_models_and_requests(problem: Problem) -> list[str]:
    errors = []
    classes = {c.id for c in problem.classes}
    for rm in problem.role_models:
        if rm.visits_left < 0:
            errors.append(f"role model {rm.id!r} has negative visits left {rm.visits_left}")
        if not set(rm.modes) <= set(MODES):
            errors.append(f"role model {rm.id!r} has unknown modes {rm.modes}")
        if rm.travel_range_km < 0:
            errors.append(f"role model {rm.id!r} has a negative travel range")
    for r in problem.requests:
        if r.class_id not in classes:
            errors.append(f"request {r.id!r} names unknown class {r.class_id!r}")
        if r.kind not in REQUEST_KINDS:
            errors.append(f"request {r.id!r} has unknown kind {r.kind!r}")
        if r.mode not in (*MODES, "any"):
            errors.append(f"request {r.id!r} has unknown mode {r.mode!r}")
        if r.start > r.end:
            errors.append(f"request {r.id!r} ends before it starts")
        if r.group_size <= 0:
            errors.append(f"request {r.id!r} has group size {r.group_size}; must be positive")
    return errors


class _Ids:
    """The problem's ids, built once for checking every pin and previous placement (built per
    placement, a national re-run spent minutes here before solving)."""

    def __init__(self, problem: Problem) -> None:
        self.students = {s.id for s in problem.students}
        self.requests = {r.id: r for r in problem.requests}
        self.offers = {o.id: o for o in problem.offers}
        self.periods = {o.id: {s.period for s in o.slots} for o in problem.offers}
        self.rms = {r.id for r in problem.role_models}


def _check_placement(ids: _Ids, what: str, p: Placement) -> list[str]:
    errors = []
    is_student = p.kind in STUDENT_KINDS
    if (is_student and p.subject_id not in ids.students) or (
        not is_student and p.subject_id not in ids.requests
    ):
        errors.append(f"{what} names unknown {p.kind} subject {p.subject_id!r}")
    if (
        not is_student
        and p.subject_id in ids.requests
        and ids.requests[p.subject_id].kind != p.kind
    ):
        errors.append(f"{what} of {p.subject_id!r} is a {p.kind} but the request is not")
    if p.offer_id is not None:
        offer = ids.offers.get(p.offer_id)
        if offer is None:
            errors.append(f"{what} of {p.subject_id!r} names unknown offer {p.offer_id!r}")
        elif offer.kind != p.kind:
            errors.append(f"{what} of {p.subject_id!r}: offer {p.offer_id!r} is not a {p.kind}")
        elif p.period not in ids.periods[offer.id]:
            errors.append(
                f"{what} of {p.subject_id!r}: offer {p.offer_id!r} has no slot {p.period}"
            )
    if p.role_model_id is not None and p.role_model_id not in ids.rms:
        errors.append(f"{what} of {p.subject_id!r} names unknown role model {p.role_model_id!r}")
    if p.offer_id is None and p.role_model_id is None:
        errors.append(f"{what} of {p.subject_id!r} names neither offer nor role model")
    return errors


def _check_bookings(problem: Problem) -> list[str]:
    offers = {o.id: {s.period for s in o.slots} for o in problem.offers}
    rms = {r.id for r in problem.role_models}
    schools = {s.id for s in problem.schools}
    errors = []
    for b in problem.bookings:
        if b.offer_id is not None and b.offer_id not in offers:
            errors.append(f"booking {b.id!r} names unknown offer {b.offer_id!r}")
        elif (
            b.offer_id is not None
            and (b.week if b.week is not None else b.date) not in offers[b.offer_id]
        ):
            errors.append(f"booking {b.id!r}: offer {b.offer_id!r} has no slot then")
        if b.role_model_id is not None and b.role_model_id not in rms:
            errors.append(f"booking {b.id!r} names unknown role model {b.role_model_id!r}")
        if b.school_id is not None and b.school_id not in schools:
            errors.append(f"booking {b.id!r} names unknown school {b.school_id!r}")
        if b.seats < 0:
            errors.append(f"booking {b.id!r} has negative seats {b.seats}")
    return errors


def _check_params(params: Params) -> list[str]:
    errors = []
    if params.road_factor <= 0:
        errors.append(f"road factor {params.road_factor} must be positive")
    if not 0 < params.max_school_share <= 1:
        errors.append(f"max school share {params.max_school_share} must be in (0, 1]")
    if any(v < 0 for v in params.travel_limit_km.values()):
        errors.append("travel limits must not be negative")
    for name, value in vars(params.weights).items():
        if value < 0:
            errors.append(f"weight {name} is negative ({value})")
    return errors


def _check_season(problem: Problem) -> list[str]:
    """Weeks are ISO week numbers: unique inside a season of at most 52 weeks, even one that
    crosses New Year (weeks 48 to 53, then 1 to 9); a longer season would repeat them."""
    season = problem.season
    if season.end < season.start:
        return [f"the season ends ({season.end}) before it starts ({season.start})"]
    days = (
        season.start + dt.timedelta(days=i) for i in range((season.end - season.start).days + 1)
    )
    if len({d.isocalendar()[:2] for d in days}) > len(season.weeks()):
        return [
            f"the season {season.start} to {season.end} repeats week numbers "
            "(it is longer than a year of weeks); split it in two"
        ]
    return []


def check_problem(problem: Problem, params: Params) -> list[str]:
    """Every fault of the input, each naming its id; empty when the input is sound."""
    errors: list[str] = _check_season(problem)
    for kind, items in (
        ("school", problem.schools),
        ("class", problem.classes),
        ("student", problem.students),
        ("offer", problem.offers),
        ("role model", problem.role_models),
        ("request", problem.requests),
    ):
        errors += _duplicates(kind, (i.id for i in items))
    weeks = problem.season.weeks()  # once: per offer it took 2 s at national size
    for offer in problem.offers:
        errors += _check_offer(problem, offer, weeks)
    errors += _check_people(problem)
    errors += _check_role_models_and_requests(problem)
    ids = _Ids(problem)
    for what, placements in (("pin", problem.pins), ("previous placement", problem.previous)):
        for p in placements:
            errors += _check_placement(ids, what, p)
    errors += _check_bookings(problem) + _check_params(params)
    return errors
