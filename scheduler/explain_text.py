"""Wording helpers for the explanations."""

from __future__ import annotations

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
    wanted, name = set(periods), KIND_TEXT[kind]
    in_period = [o for o in ctx.offers_of_kind(kind) if any(s.period in wanted for s in o.slots)]
    if not in_period:
        return f"no {name} offer has places {describe_periods(periods)}"
    for_grade = [o for o in in_period if not o.grades or grade in o.grades]
    if not for_grade:
        return f"no {name} offer {describe_periods(periods)} is open to grade {grade}"
    school = ctx.school_of(student)
    nearest = min(ctx.km_to_offer(school, o) for o in for_grade)
    limit = ctx.params.travel_limit(grade)
    return (
        f"no {name} offer within {limit:.0f} km {describe_periods(periods)} "
        f"(the nearest is {nearest:.0f} km away)"
    )
