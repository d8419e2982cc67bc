"""Assignment options (only eligible pairs) and the CP-SAT variables over them."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from ortools.sat.python import cp_model

from scheduler.context import Context, Period, week_of
from scheduler.costs import participants, placement_km, placement_rank
from scheduler.eligibility import (
    request_school,
    request_travel_limit,
)
from scheduler.problem import COMPANY_VISIT, ROLE_MODEL_VISIT, ClassRequest, Placement

K = TypeVar("K")


@dataclass(frozen=True, slots=True)
class Option:
    """One eligible placement with what the rules and goals need to know about it."""

    placement: Placement
    school_id: str
    company_id: str
    rank: int
    km: float
    seats: int
    is_pinned: bool = False

    @property
    def slot(self) -> tuple[str, Period] | None:
        """The offer slot used, if any."""
        return self.placement.slot


def _student_placement(kind: str, student_id: str, offer_id: str, period: Period) -> Placement:
    week = period if isinstance(period, int) else None
    day = period if isinstance(period, dt.date) else None
    return Placement(student_id, kind, offer_id=offer_id, week=week, date=day)


def student_options(ctx: Context, kind: str) -> list[Option]:
    """Every eligible (student, slot) pair of a kind, pins instead for pinned students (kept
    even for a student who takes no part in the kind, say one with their own work week)."""
    pins = {p.subject_id: p for p in ctx.problem.pins if p.kind == kind}
    options: list[Option] = []
    for student in participants(ctx, kind):
        if student.id in pins:
            continue
        school_id = ctx.classes[student.class_id].school_id
        grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
        reach = ctx.reach(school_id, grade, kind, periods)
        for (offer_id, period), km in zip(reach.slots, reach.km, strict=True):
            offer = ctx.offers[offer_id]
            offer_rank = ctx.rank(student, kind, offer)
            if offer_rank is not None:
                p = _student_placement(kind, student.id, offer_id, period)
                options.append(Option(p, school_id, offer.company_id, offer_rank, km, 1))
    for sid in sorted(pins):
        pin, student = pins[sid], ctx.students[sid]
        school_id = ctx.classes[student.class_id].school_id
        company = ctx.offers[pin.offer_id or ""].company_id
        rank, km = placement_rank(ctx, pin), placement_km(ctx, pin)
        options.append(Option(pin, school_id, company, rank, km, 1, is_pinned=True))
    return options


def _pin_option(ctx: Context, pin: Placement) -> Option:
    """The single, fixed option of a pinned request."""
    request = ctx.requests[pin.subject_id]
    school_id = request_school(ctx, request).id
    if pin.kind == ROLE_MODEL_VISIT:
        company = ctx.role_models[pin.role_model_id or ""].company_id
    else:
        company = ctx.offers[pin.offer_id or ""].company_id
    seats = request.group_size if pin.kind == COMPANY_VISIT else 1
    return Option(pin, school_id, company, 0, placement_km(ctx, pin), seats, is_pinned=True)


def requests_of(ctx: Context, kind: str, options: list[Option]) -> list[ClassRequest]:
    """Unpinned requests of a kind in id order; pinned ones go to options as pins."""
    pins = {p.subject_id: p for p in ctx.problem.pins if p.kind == kind}
    free = []
    for request in sorted(ctx.requests.values(), key=lambda r: r.id):
        if request.kind != kind:
            continue
        if request.id in pins:
            options.append(_pin_option(ctx, pins[request.id]))
        else:
            free.append(request)
    return free


def company_visit_options(ctx: Context) -> list[Option]:
    """Every eligible (company-visit request, offer date) pair."""
    options: list[Option] = []
    ki = ctx.kind_index(COMPANY_VISIT)
    for request in requests_of(ctx, COMPANY_VISIT, options):
        school = request_school(ctx, request)
        grade = ctx.classes[request.class_id].grade
        km = ctx.offer_km(school, COMPANY_VISIT)[ki.slot_offer]
        codes = ki.period_code
        mask = (codes >= request.start.toordinal()) & (codes <= request.end.toordinal())
        mask &= ki.in_season & ki.grade_mask(grade) & (ki.capacity >= request.group_size)
        mask &= km <= request_travel_limit(ctx, request) + 1e-9
        if request.fields:
            mask &= np.logical_or.reduce([ki.field_mask(f) for f in request.fields])
        if request.mode == "digital":
            mask[:] = False
        for i in np.flatnonzero(mask):
            offer_id, day = ki.slots[i]
            if not isinstance(day, dt.date):
                continue  # checks.py refuses a company-visit slot without a date
            p = Placement(request.id, COMPANY_VISIT, offer_id=offer_id, date=day)
            company = ctx.offers[offer_id].company_id
            options.append(Option(p, school.id, company, 0, float(km[i]), request.group_size))
    return options


class OptionVars:
    """CP-SAT booleans over options, with the groupings the rules query."""

    def __init__(self, model: cp_model.CpModel, options: list[Option]) -> None:
        self.options = options
        self.x = [model.new_bool_var(f"x{i}") for i in range(len(options))]
        self.rule_broken: list[str | None] | None = None  # filled once by constraints.py

    def _group(self, key: Callable[[Option], K | None]) -> dict[K, list[int]]:
        groups: defaultdict[K, list[int]] = defaultdict(list)
        for i, option in enumerate(self.options):
            k = key(option)
            if k is not None:
                groups[k].append(i)
        return dict(sorted(groups.items(), key=lambda kv: str(kv[0])))

    def by_subject(self) -> dict[tuple[str, str], list[int]]:
        """Option indices per (subject, kind)."""
        return self._group(lambda o: (o.placement.subject_id, o.placement.kind))

    def by_slot(self) -> dict[tuple[str, Period], list[int]]:
        """Option indices per offer slot."""
        return self._group(lambda o: o.slot)

    def by_school_company_week(self) -> dict[tuple[str, str, str, int], list[int]]:
        """Option indices of student kinds per (school, company, kind, week)."""

        def key(o: Option) -> tuple[str, str, str, int] | None:
            p = o.placement
            if p.kind in (COMPANY_VISIT, ROLE_MODEL_VISIT) or p.period is None:
                return None
            return (o.school_id, o.company_id, p.kind, week_of(p.period))

        return self._group(key)

    def by_role_model_date(self) -> dict[tuple[str, dt.date | None], list[int]]:
        """Option indices per (role model, date)."""
        return self._group(
            lambda o: (
                (o.placement.role_model_id, o.placement.date) if o.placement.role_model_id else None
            )
        )

    def by_role_model(self) -> dict[str, list[int]]:
        """Option indices per role model."""
        return self._group(lambda o: o.placement.role_model_id)

    def by_school_role_model(self) -> dict[tuple[str, str], list[int]]:
        """Option indices per (school, role model), for the mix goal."""
        return self._group(
            lambda o: (
                (o.school_id, o.placement.role_model_id) if o.placement.role_model_id else None
            )
        )
