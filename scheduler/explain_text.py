"""Wording helpers for the explanations."""

from __future__ import annotations

import numpy as np

from scheduler.context import Context, Period
from scheduler.problem import JOB_SHADOWING, WORK_WEEK, Student

KIND_TEXT = {
    WORK_WEEK: "work-week",
    JOB_SHADOWING: "job-shadowing",
    "company_visit": "company-visit",
    "role_model_visit": "role-model",
}


def describe_periods(periods: tuple[Period, ...]) -> str:
    """'in week 12' or 'between 2026-03-02 and 2026-03-06'."""
    if not periods:
        return "in no week"
    if isinstance(periods[0], int):
        return "in week " + ", ".join(str(p) for p in periods)
    first, last = min(periods), max(periods)  # type: ignore[type-var]
    return f"on {first}" if first == last else f"between {first} and {last}"


def no_reach_text(ctx: Context, student: Student, kind: str) -> str:
    """Why no slot at all is within a student's reach (week, grade or distance), cached."""
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    key = ("no_reach", ctx.classes[student.class_id].school_id, grade, kind, periods)
    if key not in ctx.cache:
        ctx.cache[key] = _no_reach_text(ctx, student, kind)
    return ctx.cache[key]


def _no_reach_text(ctx: Context, student: Student, kind: str) -> str:
    grade, periods = ctx.grade_of(student), ctx.periods(student, kind)
    name, ki = KIND_TEXT[kind], ctx.kind_index(kind)
    codes = [p if isinstance(p, int) else p.toordinal() for p in periods]
    in_period = np.isin(ki.period_code, codes) & (ki.capacity > 0)
    if not in_period.any():
        return f"no {name} offer has places {describe_periods(periods)}"
    for_grade = in_period & ki.grade_mask(grade)
    if not for_grade.any():
        return f"no {name} offer {describe_periods(periods)} is open to grade {grade}"
    km = ctx.offer_km(ctx.school_of(student), kind)[ki.slot_offer]
    nearest = float(km[for_grade].min())
    limit = ctx.params.travel_limit(grade)
    return (
        f"no {name} offer within {limit:.0f} km {describe_periods(periods)} "
        f"(the nearest is {nearest:.0f} km away)"
    )
