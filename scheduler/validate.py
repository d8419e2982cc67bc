"""validate(problem, solution): every hard rule, checked without a solver; the specification."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable

from scheduler.context import Context, SlotKey, week_of
from scheduler.eligibility import placement_problem
from scheduler.problem import (
    COMPANY_VISIT,
    ROLE_MODEL_VISIT,
    STUDENT_KINDS,
    Params,
    Placement,
    Problem,
)
from scheduler.solution import Solution, Violation

RULE_TEXT = {
    "kind": "the offer is of another kind",
    "dates_and_weeks": "the week or date is outside the allowed week or window",
    "season": "the week or date is outside the season",
    "grade": "the offer is not open to the class's grade",
    "travel_limit": "the distance is over the travel limit",
    "not_wished": "the offer is not among the wishes and the last resort is off",
    "mode": "the visit's mode is not one both sides allow",
    "fields": "no field in common with the request",
    "language": "the role model does not speak the requested language",
    "capacity": "the group is larger than the slot",
}


def _known(ctx: Context, p: Placement) -> str | None:
    """Message if the placement names an unknown id."""
    subjects = ctx.students if p.kind in STUDENT_KINDS else ctx.requests
    if p.subject_id not in subjects:
        return f"unknown subject {p.subject_id!r}"
    if p.kind == ROLE_MODEL_VISIT:
        if p.role_model_id not in ctx.role_models or p.date is None:
            return f"unknown role model {p.role_model_id!r} or missing date"
        if ctx.requests[p.subject_id].kind != ROLE_MODEL_VISIT:
            return "request is not for a role-model visit"
        return None
    if (p.offer_id, p.period) not in ctx.slots:
        return f"unknown offer slot {p.offer_id!r} {p.period}"
    if p.kind == COMPANY_VISIT and ctx.requests[p.subject_id].kind != COMPANY_VISIT:
        return "request is not for a company visit"
    return None


def _per_placement(
    ctx: Context, placements: tuple[Placement, ...], pins: set[Placement]
) -> list[Violation]:
    out: list[Violation] = []
    seen: Counter[tuple[str, str]] = Counter()
    for p in placements:
        seen[(p.subject_id, p.kind)] += 1
        unknown = _known(ctx, p)
        if unknown is not None:
            out.append(Violation("unknown_id", p.subject_id, unknown))
            continue
        rule = None if p in pins else placement_problem(ctx, p)
        if rule is not None:
            out.append(Violation(rule, p.subject_id, f"{p.kind} placement: {RULE_TEXT[rule]}"))
    for (sid, kind), n in sorted(seen.items()):
        if n > 1:
            out.append(Violation("one_placement", sid, f"{n} placements of kind {kind}"))
    for pin in sorted(pins, key=str):
        if pin not in placements:
            out.append(Violation("pins", pin.subject_id, f"pinned {pin.kind} placement not kept"))
    return out


def _capacity(ctx: Context, placements: list[Placement], pins: set[Placement]) -> list[Violation]:
    used: Counter[SlotKey] = Counter(ctx.booked)
    free: defaultdict[SlotKey, list[str]] = defaultdict(list)
    share: Counter[tuple[str, str, str, int]] = Counter(ctx.booked_school)
    share_free: defaultdict[tuple[str, str, str, int], list[str]] = defaultdict(list)
    for p in placements:
        slot = p.slot
        if slot is None:
            continue
        seats = ctx.requests[p.subject_id].group_size if p.kind == COMPANY_VISIT else 1
        used[slot] += seats
        if p not in pins:
            free[slot].append(p.subject_id)
        if p.kind in STUDENT_KINDS:
            school = ctx.classes[ctx.students[p.subject_id].class_id].school_id
            key = (school, ctx.offers[slot[0]].company_id, p.kind, week_of(slot[1]))
            share[key] += 1
            if p not in pins:
                share_free[key].append(p.subject_id)
    out = []
    for slot, n in sorted(used.items(), key=str):
        if slot in ctx.slots and n > ctx.slots[slot].capacity and free[slot]:
            msg = f"offer {slot[0]!r} {slot[1]}: {n} seats used of {ctx.slots[slot].capacity}"
            out.append(Violation("capacity", slot[0], msg))
    for key, n in sorted(share.items(), key=str):
        limit = ctx.school_limit(key[1], key[2], key[3])
        if n > limit and share_free[key]:
            msg = f"school {key[0]!r} takes {n} of company {key[1]!r}'s places in week {key[3]}"
            out.append(Violation("school_share", key[0], msg + f"; at most {limit}"))
    return out


def _role_models(ctx: Context, placements: list[Placement]) -> list[Violation]:
    per_date: Counter[tuple[str, dt.date | None]] = Counter()
    per_rm: Counter[str] = Counter()
    for rm_id, days in ctx.rm_booked.items():
        per_rm[rm_id] += len(days)
        per_date.update((rm_id, d) for d in days)
    for p in placements:
        if p.kind == ROLE_MODEL_VISIT and p.role_model_id in ctx.role_models:
            per_rm[p.role_model_id] += 1
            per_date[(p.role_model_id, p.date)] += 1
    out = []
    for (rm_id, day), n in sorted(per_date.items(), key=str):
        if n > 1:
            msg = f"role model {rm_id!r} has {n} visits on {day}"
            out.append(Violation("one_place_at_a_time", rm_id, msg))
    for rm_id, n in sorted(per_rm.items()):
        left = ctx.role_models[rm_id].visits_left
        if n > left:
            out.append(
                Violation("visits_left", rm_id, f"role model {rm_id!r}: {n} visits, {left} left")
            )
    return out


def validate(problem: Problem, solution: Solution, params: Params | None = None) -> list[Violation]:
    """Every hard rule the solution breaks; empty when it is valid."""
    ctx = Context(problem, params or Params())
    pins = set(problem.pins)
    out = _per_placement(ctx, solution.assignments, pins)
    known = [p for p in solution.assignments if _known(ctx, p) is None]
    return out + _capacity(ctx, known, pins) + _role_models(ctx, known)


def school_shares(
    problem: Problem, placements: Iterable[Placement], params: Params | None = None
) -> dict[tuple[str, str, str, int], tuple[int, int]]:
    """Places each school takes of a company's places of a kind in an ISO week, with the most
    it may take: (school, company, kind, week) -> (taken, limit). Bookings made outside the
    batch count, as in `validate`; a key not listed has nothing taken (the limit is >= 1)."""
    ctx = Context(problem, params or Params())
    share: Counter[tuple[str, str, str, int]] = Counter(ctx.booked_school)
    for p in placements:
        slot = p.slot
        if slot is None or p.kind not in STUDENT_KINDS or p.subject_id not in ctx.students:
            continue
        if slot[0] not in ctx.offers:
            continue
        school = ctx.classes[ctx.students[p.subject_id].class_id].school_id
        share[(school, ctx.offers[slot[0]].company_id, p.kind, week_of(slot[1]))] += 1
    return {k: (n, ctx.school_limit(k[1], k[2], k[3])) for k, n in share.items()}
