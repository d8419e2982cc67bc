"""Placing class requests: company visits and role-model visits.

Both are small next to the students. They run as one exact CP-SAT model each, started
from a greedy hint; role-model visits too many for that run as a min-cost flow
(request -> (role model, date) -> role model -> sink), exact for every goal but the mix.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict

import numpy as np
from ortools.graph.python import min_cost_flow

from scheduler.context import Context
from scheduler.costs import (
    SCALE,
    IntWeights,
    centikm,
    evaluate_terms,
    request_unassigned_cost,
    total,
)
from scheduler.cpsat import solve_by_components
from scheduler.problem import COMPANY_VISIT, ROLE_MODEL_VISIT, Placement
from scheduler.rm_options import role_model_visit_options
from scheduler.students import PartResult
from scheduler.variables import Option, company_visit_options

log = logging.getLogger(__name__)
REQUEST_OPTION_LIMIT_FACTOR = 2


def _option_cost(iw: IntWeights, option: Option, prev: dict) -> int:
    p = option.placement
    is_prev = prev.get((p.subject_id, p.kind)) == p
    return iw.travel_per_centikm * centikm(option.km) - iw.stability * is_prev


def greedy_requests(ctx: Context, iw: IntWeights, options: list[Option]) -> set[Placement]:
    """Cheapest feasible option per request in id order: a hint for CP-SAT."""
    prev = {(p.subject_id, p.kind): p for p in ctx.problem.previous}
    seats: Counter = Counter(ctx.booked)
    rm_dates: dict[str, set] = defaultdict(set)
    rm_used: Counter = Counter()
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


def _role_model_flow(ctx: Context, iw: IntWeights, options: list[Option]) -> PartResult:
    """request -> (role model, date) cap 1 -> role model cap visits left -> sink."""
    prev = {(p.subject_id, p.kind): p for p in ctx.problem.previous}
    requests = sorted({o.placement.subject_id for o in options})
    free_requests = sorted(
        r.id for r in ctx.requests.values() if r.kind == ROLE_MODEL_VISIT and r.id not in requests
    )
    ids = {r: i for i, r in enumerate(requests)}
    sink = len(requests)
    nodes: dict = {}

    def node(key) -> int:
        return nodes.setdefault(key, sink + 1 + len(nodes))

    tails, heads, caps, costs = [], [], [], []
    for r in requests:
        tails.append(ids[r]), heads.append(sink), caps.append(1)
        costs.append(request_unassigned_cost(iw, ctx, r))
    for o in options:
        p = o.placement
        tails.append(ids[p.subject_id]), heads.append(node(("d", p.role_model_id, p.date)))
        caps.append(1), costs.append(_option_cost(iw, o, prev) - 10**9 * o.is_pinned)
    for key in list(nodes):
        if key[0] == "d":
            tails.append(nodes[key]), heads.append(node(("r", key[1]))), caps.append(1)
            costs.append(0)
    for key in list(nodes):
        if key[0] == "r":
            rm = ctx.role_models[key[1]]
            left = max(0, rm.visits_left - len(ctx.rm_booked.get(rm.id, [])))
            tails.append(nodes[key]), heads.append(sink), caps.append(left), costs.append(0)
    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(
        np.array(tails), np.array(heads), np.array(caps), np.array(costs)
    )
    supplies = np.ones(sink + 1, dtype=np.int64)
    supplies[sink] = -sink
    smcf.set_nodes_supplies(np.arange(sink + 1), supplies)
    if smcf.solve() != smcf.OPTIMAL:
        raise RuntimeError("role-model flow failed")
    flows = smcf.flows(arcs)
    start = len(requests)
    chosen = [
        o.placement
        for o, f in zip(options, flows[start : start + len(options)], strict=True)
        if f > 0
    ]
    cost = total(evaluate_terms(ctx, chosen, [ROLE_MODEL_VISIT]))
    pinned = sum(1 for o in options if o.is_pinned)
    flow_opt = smcf.optimal_cost() + 10**9 * pinned
    n_prev = sum(1 for p in ctx.problem.previous if p.kind == ROLE_MODEL_VISIT)
    const = sum(request_unassigned_cost(iw, ctx, r) for r in free_requests)
    bound = (flow_opt + iw.stability * n_prev + const) / SCALE
    log.info("role-model visits by flow: %s options", len(options))
    return PartResult(
        ROLE_MODEL_VISIT, tuple(chosen), cost, min(bound, cost), cost <= bound + 1e-6, "flow"
    )
