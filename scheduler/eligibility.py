"""Explicit eligibility checks shared by the variables, validate() and the explanations.

Each check returns None when allowed, else a short rule name; validate() and explain
turn rule names into messages.
"""

from __future__ import annotations

import datetime as dt

from scheduler.context import Context, road_km
from scheduler.problem import (
    COMPANY_VISIT,
    ROLE_MODEL_VISIT,
    ClassRequest,
    Offer,
    OfferSlot,
    Placement,
    RoleModel,
    School,
    Student,
)


def student_slot_problem(
    ctx: Context, student: Student, kind: str, offer: Offer, slot: OfferSlot
) -> str | None:
    """First hard rule a student placement at a slot breaks, or None."""
    if offer.kind != kind:
        return "kind"
    if slot.period not in ctx.periods(student, kind):
        return "dates_and_weeks"
    if not ctx.season_weeks_ok(slot.period):
        return "season"
    grade = ctx.grade_of(student)
    if offer.grades and grade not in offer.grades:
        return "grade"
    if ctx.km_to_offer(ctx.school_of(student), offer) > ctx.params.travel_limit(grade) + 1e-9:
        return "travel_limit"
    if ctx.rank(student, kind, offer) is None:
        return "not_wished"
    return None


def request_school(ctx: Context, request: ClassRequest) -> School:
    """The school of a request's class."""
    return ctx.schools[ctx.classes[request.class_id].school_id]


def request_travel_limit(ctx: Context, request: ClassRequest) -> float:
    """Travel limit of a company visit: the request's own, else the grade's."""
    if request.max_travel_km is not None:
        return request.max_travel_km
    return ctx.params.travel_limit(ctx.classes[request.class_id].grade)


def company_visit_problem(
    ctx: Context, request: ClassRequest, offer: Offer, day: dt.date
) -> str | None:
    """First hard rule a company visit of a request at an offer on a date breaks, or None."""
    slot = ctx.slots.get((offer.id, day))
    if offer.kind != COMPANY_VISIT or request.kind != COMPANY_VISIT or slot is None:
        return "kind"
    if not (request.start <= day <= request.end) or not ctx.problem.season.has_date(day):
        return "dates_and_weeks"
    if request.mode == "digital":
        return "mode"
    grade = ctx.classes[request.class_id].grade
    if offer.grades and grade not in offer.grades:
        return "grade"
    if request.fields and not set(request.fields) & set(offer.fields):
        return "fields"
    school = request_school(ctx, request)
    if ctx.km_to_offer(school, offer) > request_travel_limit(ctx, request) + 1e-9:
        return "travel_limit"
    if request.group_size > slot.capacity:
        return "capacity"
    return None


def role_model_km(ctx: Context, request: ClassRequest, rm: RoleModel) -> float:
    """Road km between a role model and the requesting school."""
    school = request_school(ctx, request)
    return road_km(school.lat, school.lon, rm.lat, rm.lon, ctx.params.road_factor)


def role_model_modes(ctx: Context, request: ClassRequest, rm: RoleModel) -> tuple[str, ...]:
    """Modes a visit can take: physical within the role model's range, digital anywhere."""
    modes = []
    if (
        request.mode in ("physical", "any")
        and "physical" in rm.modes
        and role_model_km(ctx, request, rm) <= rm.travel_range_km + 1e-9
    ):
        modes.append("physical")
    if request.mode in ("digital", "any") and "digital" in rm.modes:
        modes.append("digital")
    return tuple(modes)


def role_model_fit_problem(ctx: Context, request: ClassRequest, rm: RoleModel) -> str | None:
    """First rule making a role model unfit for a request regardless of date, or None."""
    if request.fields and not set(request.fields) & set(rm.fields):
        return "fields"
    if request.language is not None and request.language not in rm.languages:
        return "language"
    if not role_model_modes(ctx, request, rm):
        return "travel_limit" if request.mode == "physical" else "mode"
    return None


def role_model_date_ok(ctx: Context, request: ClassRequest, rm: RoleModel, day: dt.date) -> bool:
    """True if the date is in the window and season, free and not blocked."""
    if not (request.start <= day <= request.end) or not ctx.problem.season.has_date(day):
        return False
    if day in rm.blocked_dates:
        return False
    return not rm.free_dates or day in rm.free_dates


def role_model_visit_problem(
    ctx: Context, request: ClassRequest, rm: RoleModel, day: dt.date, mode: str
) -> str | None:
    """First hard rule a role-model visit breaks, or None."""
    problem = role_model_fit_problem(ctx, request, rm)
    if problem is not None:
        return problem
    if not role_model_date_ok(ctx, request, rm, day):
        return "dates_and_weeks"
    if mode not in rm.modes or (request.mode != "any" and mode != request.mode):
        return "mode"
    if mode == "physical" and role_model_km(ctx, request, rm) > rm.travel_range_km + 1e-9:
        return "travel_limit"
    return None


def placement_problem(ctx: Context, p: Placement) -> str | None:
    """First hard rule a placement with known ids breaks, or None. A visit without a date,
    or a student placement without its week or date, breaks "dates_and_weeks"."""
    if p.kind == ROLE_MODEL_VISIT:
        if p.date is None:
            return "dates_and_weeks"
        rm = ctx.role_models[p.role_model_id or ""]
        return role_model_visit_problem(ctx, ctx.requests[p.subject_id], rm, p.date, p.mode)
    offer = ctx.offers[p.offer_id or ""]
    if p.kind == COMPANY_VISIT:
        if p.date is None:
            return "dates_and_weeks"
        return company_visit_problem(ctx, ctx.requests[p.subject_id], offer, p.date)
    slot = None if p.period is None else ctx.slots.get((offer.id, p.period))
    if slot is None:
        return "dates_and_weeks"
    return student_slot_problem(ctx, ctx.students[p.subject_id], p.kind, offer, slot)
