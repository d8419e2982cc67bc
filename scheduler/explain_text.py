"""The no-reach check behind the explanations, as a reason code and its parameters."""

from __future__ import annotations

import numpy as np

from scheduler.context import Context
from scheduler.problem import Student
from scheduler.reasons import period_params
from scheduler.solution import ReasonParams

Coded = tuple[str, ReasonParams]


def no_reach_reason(ctx: Context, student: Student, kind: str) -> Coded:
    """Why no slot at all is within a student's reach (week, grade or distance), cached."""
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    key = ("no_reach", ctx.classes[student.class_id].school_id, grade, kind, periods)
    if key not in ctx.cache:
        ctx.cache[key] = _no_reach_reason(ctx, student, kind)
    reason: Coded = ctx.cache[key]
    return reason


def _no_reach_reason(ctx: Context, student: Student, kind: str) -> Coded:
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    ki = ctx.kind_index(kind)
    codes = [p if isinstance(p, int) else p.toordinal() for p in periods]
    in_period = np.isin(ki.period_code, codes) & (ki.capacity > 0)
    where = (("kind", kind), *period_params(periods))
    if not in_period.any():
        return "no_offer_in_period", where
    for_grade = in_period & ki.grade_mask(grade)
    if not for_grade.any():
        return "no_offer_for_grade", (*where, ("grade", grade))
    km = ctx.offer_km(ctx.school_of(student), kind)[ki.slot_offer]
    nearest = float(km[for_grade].min())
    limit = ctx.params.travel_limit(grade)
    return "no_offer_within_km", (
        *where,
        ("limit_km", whole_km(limit)),
        ("nearest_km", whole_km(nearest)),
    )


def whole_km(km: float) -> int:
    """Km rounded as the English text has always shown them ('{:.0f}')."""
    return int(f"{km:.0f}")
