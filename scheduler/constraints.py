"""Hard rules as CP-SAT constraints, one function per rule, signature (model, vars, ctx).

Dates and weeks, grades and travel limits are enforced where options are created
(variables.py creates only eligible pairs); the functions named for them here re-check
every option against eligibility.py so the model can never hold an ineligible one.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from scheduler.context import Context
from scheduler.eligibility import placement_problem
from scheduler.variables import OptionVars


def _forbid(model: cp_model.CpModel, vars: OptionVars, ctx: Context, rules: set[str]) -> None:
    if vars.rule_broken is None:  # one eligibility check per option for all three rules
        vars.rule_broken = [placement_problem(ctx, o.placement) for o in vars.options]
    for option, x, rule in zip(vars.options, vars.x, vars.rule_broken, strict=True):
        if not option.is_pinned and rule in rules:
            model.add(x == 0)


def _limit(model: cp_model.CpModel, vars: OptionVars, indices: list[int], left: int) -> None:
    """Seats of free options within what is left after pins (pins may exceed it)."""
    free = [i for i in indices if not vars.options[i].is_pinned]
    pinned = sum(vars.options[i].seats for i in indices if vars.options[i].is_pinned)
    if free:
        model.add(sum(vars.options[i].seats * vars.x[i] for i in free) <= max(left - pinned, 0))


def add_dates_and_weeks(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """Work weeks only in the class's week, other kinds only inside their window."""
    _forbid(model, vars, ctx, {"dates_and_weeks", "season", "kind"})


def add_grades(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """Only offers open to the class's grade."""
    _forbid(model, vars, ctx, {"grade"})


def add_travel_limit(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """Travel within the grade's limit, the request's limit or the role model's range."""
    _forbid(model, vars, ctx, {"travel_limit", "mode", "fields", "language", "not_wished"})


def add_one_placement(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """At most one placement per student (or request) and kind."""
    for indices in vars.by_subject().values():
        model.add_at_most_one(vars.x[i] for i in indices)


def add_capacity(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """Seats used in a slot, plus existing bookings, within its capacity."""
    for slot, indices in vars.by_slot().items():
        _limit(model, vars, indices, ctx.slots[slot].capacity - ctx.booked[slot])


def add_school_share(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """No school takes more than its share of a company's places in a week."""
    for key, indices in vars.by_school_company_week().items():
        school_id, company_id, kind, week = key
        left = ctx.school_limit(company_id, kind, week) - ctx.booked_school[key]
        _limit(model, vars, indices, left)


def add_one_place_at_a_time(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """A role model makes at most one visit per date, bookings included."""
    for (rm_id, day), indices in vars.by_role_model_date().items():
        booked = ctx.rm_booked.get(rm_id, []).count(day) if day is not None else 0
        _limit(model, vars, indices, 1 - booked)


def add_visits_left(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """A role model's visits, bookings included, within the visits left this year."""
    for rm_id, indices in vars.by_role_model().items():
        left = ctx.role_models[rm_id].visits_left - len(ctx.rm_booked.get(rm_id, []))
        _limit(model, vars, indices, left)


def add_pins(model: cp_model.CpModel, vars: OptionVars, ctx: Context) -> None:
    """Pinned placements are kept."""
    for option, x in zip(vars.options, vars.x, strict=True):
        if option.is_pinned:
            model.add(x == 1)


ALL_RULES = (
    add_dates_and_weeks,
    add_grades,
    add_travel_limit,
    add_one_placement,
    add_capacity,
    add_school_share,
    add_one_place_at_a_time,
    add_visits_left,
    add_pins,
)
