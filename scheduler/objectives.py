"""Soft goals as CP-SAT expressions; each returns (name, weight in solver units, expr).

Solver units are floor(weight * SCALE) per raw unit (travel per 10 m), the same units the
flow uses, so a CP-SAT bound and a flow bound can be compared and both stay valid.
"""

from __future__ import annotations

from typing import NamedTuple

from ortools.sat.python import cp_model

from scheduler.context import Context
from scheduler.costs import (
    IntWeights,
    centikm,
    girls_fields,
    is_reach_school,
)
from scheduler.problem import FEMALE, STUDENT_KINDS
from scheduler.variables import OptionVars


class SoftTerm(NamedTuple):
    """A named soft goal: integer weight per unit and its CP-SAT expression."""

    name: str
    weight: int
    expr: cp_model.LinearExprT


def _unplaced(vars: OptionVars) -> list[tuple[tuple[str, str], cp_model.LinearExprT]]:
    """(subject, kind) and 1 - placed, for every subject with an option."""
    return [(key, 1 - sum(vars.x[i] for i in idx)) for key, idx in vars.by_subject().items()]


def _subject_school(ctx: Context, subject_id: str, kind: str) -> str:
    if kind in STUDENT_KINDS:
        return ctx.classes[ctx.students[subject_id].class_id].school_id
    return ctx.classes[ctx.requests[subject_id].class_id].school_id


def unplaced_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Students left without a placement of a kind."""
    expr = sum(e for (_, kind), e in _unplaced(vars) if kind in STUDENT_KINDS)
    return SoftTerm("unplaced", iw.unplaced, expr)


def unassigned_request_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Class requests left unmet."""
    expr = sum(e for (_, kind), e in _unplaced(vars) if kind not in STUDENT_KINDS)
    return SoftTerm("unassigned_request", iw.unassigned_request, expr)


def network_priority_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Unplaced students who have no placement through their own network."""
    expr = sum(
        e
        for (sid, kind), e in _unplaced(vars)
        if kind in STUDENT_KINDS and ctx.students[sid].has_no_network
    )
    return SoftTerm("network_priority", iw.network_priority, expr)


def rural_reach_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Unplaced students and unmet requests of rural or under-served schools."""
    expr = sum(
        e
        for (sid, kind), e in _unplaced(vars)
        if is_reach_school(ctx, _subject_school(ctx, sid, kind))
    )
    return SoftTerm("rural_reach", iw.rural_reach, expr)


def preference_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Sum of (rank - 1) over student placements."""
    expr = sum((o.rank - 1) * x for o, x in zip(vars.options, vars.x, strict=True) if o.rank)
    return SoftTerm("preference", iw.preference, expr)


def fairness_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Sum of squared (rank - 1): a worse-off student weighs more than a better-off one."""
    expr = sum((o.rank - 1) ** 2 * x for o, x in zip(vars.options, vars.x, strict=True) if o.rank)
    return SoftTerm("fairness", iw.fairness, expr)


def travel_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Travel in units of 10 m."""
    expr = sum(centikm(o.km) * x for o, x in zip(vars.options, vars.x, strict=True))
    return SoftTerm("travel", iw.travel_per_centikm, expr)


def stability_term(vars: OptionVars, ctx: Context, iw: IntWeights) -> SoftTerm:
    """Previous placements of the subjects modelled that are not kept."""
    subjects = {(o.placement.subject_id, o.placement.kind) for o in vars.options}
    index = {o.placement: i for i, o in enumerate(vars.options)}
    expr: cp_model.LinearExpr | int = 0
    for key, prev in sorted(ctx.previous_of.items()):
        if key in subjects:
            expr += 1 - vars.x[index[prev]] if prev in index else 1
    return SoftTerm("stability", iw.stability, expr)


def girls_share_term(
    model: cp_model.CpModel, vars: OptionVars, ctx: Context, iw: IntWeights
) -> SoftTerm:
    """Girls missing in over-subscribed fields to reach their share of the applicants."""
    expr: cp_model.LinearExpr | int = 0
    for kind in sorted({o.placement.kind for o in vars.options} & set(STUDENT_KINDS)):
        for name, (applicants, girls) in girls_fields(ctx, kind).items():
            placed, girls_placed = [], []
            for o, x in zip(vars.options, vars.x, strict=True):
                if (
                    o.placement.kind == kind
                    and name in ctx.offers[o.placement.offer_id or ""].fields
                ):
                    placed.append(x)
                    if ctx.students[o.placement.subject_id].gender == FEMALE:
                        girls_placed.append(x)
            short = model.new_int_var(0, len(placed) + 1, f"girls_short_{kind}_{name}")
            model.add(applicants * (short + sum(girls_placed)) >= girls * sum(placed))
            expr += short
    return SoftTerm("girls_share", iw.girls_share, expr)


def role_model_mix_term(
    model: cp_model.CpModel, vars: OptionVars, ctx: Context, iw: IntWeights
) -> SoftTerm:
    """Repeat visits of one role model to one school."""
    expr: cp_model.LinearExpr | int = 0
    for key, indices in vars.by_school_role_model().items():
        if len(indices) > 1:
            extra = model.new_int_var(0, len(indices), f"mix_{key[0]}_{key[1]}")
            model.add(extra >= sum(vars.x[i] for i in indices) - 1)
            expr += extra
    return SoftTerm("role_model_mix", iw.role_model_mix, expr)


def all_terms(
    model: cp_model.CpModel, vars: OptionVars, ctx: Context, iw: IntWeights
) -> list[SoftTerm]:
    """Every soft goal of the model."""
    simple = (
        unplaced_term,
        unassigned_request_term,
        network_priority_term,
        rural_reach_term,
        preference_term,
        fairness_term,
        travel_term,
        stability_term,
    )
    terms = [f(vars, ctx, iw) for f in simple]
    terms.append(girls_share_term(model, vars, ctx, iw))
    terms.append(role_model_mix_term(model, vars, ctx, iw))
    return terms
