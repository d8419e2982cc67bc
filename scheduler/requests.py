"""Placing class requests: company visits and role-model visits.

Both are small next to the students. They run as one exact CP-SAT model each, started
from a greedy hint; role-model visits too many for that run as a min-cost flow
(request -> (role model, date) -> role model -> sink), exact for every goal but the mix.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter, defaultdict

import numpy as np
from ortools.graph.python import min_cost_flow

from scheduler.context import Context, IntArray, SlotKey
from scheduler.costs import (
    SCALE,
    IntWeights,
    centikm,
    evaluate_terms,
    request_unassigned_cost,
    total,
)
from scheduler.cpsat import constant_cost, solve_by_components
from scheduler.problem import COMPANY_VISIT, ROLE_MODEL_VISIT, Placement
from scheduler.rm_options import role_model_visit_options
from scheduler.students import PartResult
from scheduler.variables import Option, company_visit_options

log = logging.getLogger(__name__)
REQUEST_OPTION_LIMIT_FACTOR = 2
PIN_BONUS = 10**9  # forces a pinned request's single arc in the flow


def _option_cost(iw: IntWeights, option: Option, prev: dict[tuple[str, str], Placement]) -> int:
    p = option.placement
    is_prev = prev.get((p.subject_id, p.kind)) == p
    return iw.travel_per_centikm * centikm(option.km) - iw.stability * is_prev


def greedy_requests(ctx: Context, iw: IntWeights, options: list[Option]) -> set[Placement]:
    """Cheapest feasible option per request in id order: a hint for CP-SAT."""
    prev = ctx.previous_of
    seats: Counter[SlotKey] = Counter(ctx.booked)
    rm_dates: defaultdict[str, set[dt.date | None]] = defaultdict(set)
    rm_used: Counter[str] = Counter()
    for rm_id, days in ctx.rm_booked.items():
        rm_dates[rm_id].update(days)
        rm_used[rm_id] += len(days)
    chosen: dict[str, Placement] = {}
    ordered = sorted(options, key=lambda o: (not o.is_pinned, _option_cost(iw, o, prev)))
    for o in ordered:
        p = o.placement
        if p.subject_id in chosen:
            continue
        if p.role_model_id is not None:
            rm = ctx.role_models[p.role_model_id]
            if not o.is_pinned and (p.date in rm_dates[rm.id] or rm_used[rm.id] >= rm.visits_left):
                continue
            rm_dates[rm.id].add(p.date)
            rm_used[rm.id] += 1
        else:
            slot = o.slot
            assert slot is not None, f"option {p} names neither role model nor offer (checks)"
            if not o.is_pinned and seats[slot] + o.seats > ctx.slots[slot].capacity:
                continue
            seats[slot] += o.seats
        chosen[p.subject_id] = p
    return set(chosen.values())


def _part(ctx: Context, iw: IntWeights, kind: str, options: list[Option]) -> PartResult:
    hint = greedy_requests(ctx, iw, options)
    result = solve_by_components(ctx, iw, kind, options, hint)
    placements = list(result.placements) if result.is_feasible else sorted(hint, key=str)
    cost = total(evaluate_terms(ctx, placements, [kind]))
    bound = min(cost, result.bound / SCALE) if result.is_feasible else 0.0
    return PartResult(kind, tuple(placements), cost, bound, result.is_optimal, "cp-sat")


def solve_company_visits(ctx: Context, iw: IntWeights) -> PartResult:
    """Company visits by CP-SAT (group sizes make this a packing, not a flow)."""
    return _part(ctx, iw, COMPANY_VISIT, company_visit_options(ctx))


def solve_role_model_visits(ctx: Context, iw: IntWeights) -> PartResult:
    """Role-model visits by CP-SAT when small, else by min-cost flow."""
    options = role_model_visit_options(ctx)
    if len(options) <= ctx.params.exact_option_limit * REQUEST_OPTION_LIMIT_FACTOR:
        return _part(ctx, iw, ROLE_MODEL_VISIT, options)
    return _role_model_flow(ctx, iw, options)


def _role_model_network(
    ctx: Context, iw: IntWeights, options: list[Option], requests: list[str]
) -> IntArray:
    """Arc arrays: request -> sink (unmet), request -> (role model, date) -> role model -> sink."""
    prev = ctx.previous_of
    ids = {r: i for i, r in enumerate(requests)}
    sink = len(requests)
    # ("d", role model, date) and ("r", role model) nodes, numbered after the sink
    nodes: dict[tuple[str, str, dt.date | None] | tuple[str, str], int] = {}
    arcs: list[tuple[int, int, int, int]] = [
        (ids[r], sink, 1, request_unassigned_cost(iw, ctx, r)) for r in requests
    ]
    for o in options:
        p = o.placement
        head = nodes.setdefault(("d", p.role_model_id or "", p.date), sink + 1 + len(nodes))
        arcs.append(
            (ids[p.subject_id], head, 1, _option_cost(iw, o, prev) - PIN_BONUS * o.is_pinned)
        )
    for key, node in list(nodes.items()):
        arcs.append((node, nodes.setdefault(("r", key[1]), sink + 1 + len(nodes)), 1, 0))
    for key, node in list(nodes.items()):
        if key[0] == "r":
            rm = ctx.role_models[key[1]]
            left = max(0, rm.visits_left - len(ctx.rm_booked.get(rm.id, [])))
            arcs.append((node, sink, left, 0))
    return np.array(arcs, dtype=np.int64).reshape(-1, 4)


def _role_model_flow(ctx: Context, iw: IntWeights, options: list[Option]) -> PartResult:
    """Role-model visits as a min-cost flow; exact for every goal but the mix."""
    requests = sorted({o.placement.subject_id for o in options})
    arcs = _role_model_network(ctx, iw, options, requests)
    smcf = min_cost_flow.SimpleMinCostFlow()
    index = smcf.add_arcs_with_capacity_and_unit_cost(
        arcs[:, 0], arcs[:, 1], arcs[:, 2], arcs[:, 3]
    )
    supplies = np.ones(len(requests) + 1, dtype=np.int64)
    supplies[-1] = -len(requests)
    smcf.set_nodes_supplies(np.arange(len(requests) + 1), supplies)
    if smcf.solve() != smcf.OPTIMAL:
        raise RuntimeError("role-model flow failed")
    flows = smcf.flows(index)[len(requests) : len(requests) + len(options)]
    chosen = [o.placement for o, f in zip(options, flows, strict=True) if f > 0]
    cost = total(evaluate_terms(ctx, chosen, [ROLE_MODEL_VISIT]))
    flow_opt = smcf.optimal_cost() + PIN_BONUS * sum(o.is_pinned for o in options)
    constant = constant_cost(ctx, iw, (ROLE_MODEL_VISIT,), options)
    n_prev = sum(1 for p in ctx.problem.previous if p.kind == ROLE_MODEL_VISIT)
    n_prev_modelled = sum(
        1
        for p in ctx.problem.previous
        if p.kind == ROLE_MODEL_VISIT and p.subject_id in set(requests)
    )
    bound = (flow_opt + iw.stability * n_prev_modelled + constant) / SCALE
    log.info("role-model visits by flow: %s options, %s previous", len(options), n_prev)
    is_optimal = cost <= bound + 1e-6
    return PartResult(ROLE_MODEL_VISIT, tuple(chosen), cost, min(bound, cost), is_optimal, "flow")
