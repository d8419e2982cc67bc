"""Exact CP-SAT model over explicit options, started from a hint (a flow or greedy result)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.constraints import ALL_RULES
from scheduler.context import Context, Period
from scheduler.costs import (
    IntWeights,
    participants,
    request_unassigned_cost,
    unplaced_cost,
)
from scheduler.objectives import all_terms
from scheduler.problem import STUDENT_KINDS, Placement
from scheduler.reasons import make_note
from scheduler.variables import Option, OptionVars

log = logging.getLogger(__name__)
COMPONENT_DET_TIME_S = 2.0  # per independent group of class requests
# Above this many options a group's model finds nothing within its budget (measured: the
# 29,380-option company-visit group around Oslo at nation size), so the start is kept.
MAX_GROUP_OPTIONS = 20_000


@dataclass(frozen=True)
class CpResult:
    """Placements found, whether proven optimal, and objective and bound in solver units."""

    placements: tuple[Placement, ...]
    is_feasible: bool
    is_optimal: bool
    objective: int
    bound: int


class _Stopper(cp_model.CpSolverSolutionCallback):
    """Stops the search when the run is cancelled."""

    def __init__(self, cancel: threading.Event | None) -> None:
        super().__init__()
        self.cancel = cancel

    def on_solution_callback(self) -> None:
        """Called on each improving solution."""
        if self.cancel is not None and self.cancel.is_set():
            self.stop_search()


def constant_cost(
    ctx: Context, iw: IntWeights, kinds: tuple[str, ...], options: list[Option]
) -> int:
    """Unplaced and stability cost of subjects of the kinds that have no option at all."""
    present = {(o.placement.subject_id, o.placement.kind) for o in options}
    cost = sum(iw.stability for key in ctx.previous_of if key[1] in kinds and key not in present)
    for kind in kinds:
        if kind in STUDENT_KINDS:
            for s in participants(ctx, kind):
                cost += unplaced_cost(iw, ctx, s) if (s.id, kind) not in present else 0
        else:
            for r in ctx.requests.values():
                if r.kind == kind and (r.id, kind) not in present:
                    cost += request_unassigned_cost(iw, ctx, r.id)
    return cost


def _solver(ctx: Context, time_limit_s: float, deterministic_time_s: float) -> cp_model.CpSolver:
    """One worker, fixed seed, deterministic time: the same answer on every run."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = ctx.params.seed
    p.max_deterministic_time = deterministic_time_s
    p.max_time_in_seconds = max(time_limit_s, 0.01)  # a safety net only
    return solver


def solve_options(
    ctx: Context,
    iw: IntWeights,
    kinds: tuple[str, ...],
    options: list[Option],
    hint: set[Placement],
    time_limit_s: float,
    with_constant: bool = True,
    deterministic_time_s: float | None = None,
) -> CpResult:
    """Solve the exact model over the options; deterministic for a fixed seed."""
    model = cp_model.CpModel()
    vars = OptionVars(model, options)
    for rule in ALL_RULES:
        rule(model, vars, ctx)
    terms = all_terms(model, vars, ctx, iw)
    constant = constant_cost(ctx, iw, kinds, options) if with_constant else 0
    model.minimize(sum(t.weight * t.expr for t in terms) + constant)
    for option, x in zip(options, vars.x, strict=True):
        model.add_hint(x, option.placement in hint)
    solver = _solver(ctx, time_limit_s, deterministic_time_s or ctx.params.deterministic_time_s)
    status = solver.solve(model, _Stopper(ctx.params.cancel))
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        log.warning("CP-SAT found no solution (status %s)", solver.status_name(status))
        return CpResult((), False, False, 0, 0)
    chosen = tuple(o.placement for o, x in zip(options, vars.x, strict=True) if solver.value(x))
    log.info("CP-SAT %s: %s options, status %s", kinds, len(options), solver.status_name(status))
    return CpResult(
        chosen,
        True,
        status == cp_model.OPTIMAL,
        int(round(solver.objective_value)),
        int(solver.best_objective_bound + 1e-6),
    )


# ("subject", id), ("rm", role model id) or ("slot", offer slot) in the union-find.
_Node = tuple[str, str | tuple[str, Period] | None]


def _components(options: list[Option]) -> list[list[Option]]:
    """Options split into groups that share no subject, slot or role model."""
    parent: dict[_Node, _Node] = {}

    def find(x: _Node) -> _Node:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for o in options:
        p = o.placement
        resource = ("rm", p.role_model_id) if p.role_model_id else ("slot", o.slot)
        parent[find(("subject", p.subject_id))] = find(resource)
    groups: dict[_Node, list[Option]] = {}
    for o in options:
        groups.setdefault(find(("subject", o.placement.subject_id)), []).append(o)
    return [groups[k] for k in sorted(groups, key=str)]


def solve_by_components(
    ctx: Context, iw: IntWeights, kind: str, options: list[Option], hint: set[Placement]
) -> CpResult:
    """One small exact model per independent group of options (no goal links groups)."""
    placements: list[Placement] = []
    objective = bound = constant_cost(ctx, iw, (kind,), options)
    is_optimal, out_of_time = True, 0
    for group in _components(options):
        limit = ctx.time_left()
        result = CpResult((), False, False, 0, 0)
        if limit > 0 and len(group) <= MAX_GROUP_OPTIONS:
            result = solve_options(
                ctx, iw, (kind,), group, hint, limit, False, COMPONENT_DET_TIME_S
            )
        if not result.is_feasible:
            out_of_time += limit <= 0 or len(group) <= MAX_GROUP_OPTIONS
            result = _fallback(ctx, iw, group, hint)
        placements += result.placements
        objective, bound = objective + result.objective, bound + result.bound
        is_optimal = is_optimal and result.is_optimal
    if out_of_time:
        ctx.notes.append(make_note("requests_fallback", (("kind", kind), ("groups", out_of_time))))
    return CpResult(tuple(placements), True, is_optimal, objective, bound)


def _fallback(ctx: Context, iw: IntWeights, group: list[Option], hint: set[Placement]) -> CpResult:
    """The hint when CP-SAT found nothing in time; its bound drops every capacity."""
    chosen = tuple(o.placement for o in group if o.placement in hint)
    by_subject: dict[str, list[Option]] = {}
    for o in group:
        by_subject.setdefault(o.placement.subject_id, []).append(o)
    bound = 0
    for subject_id, options in by_subject.items():
        none = request_unassigned_cost(iw, ctx, subject_id)
        cheapest = min(iw.travel_per_centikm * round(o.km * 100) for o in options)
        bound += min(none, cheapest)
    cost = sum(iw.travel_per_centikm * round(o.km * 100) for o in group if o.placement in hint)
    cost += sum(
        request_unassigned_cost(iw, ctx, s)
        for s in by_subject
        if s not in {p.subject_id for p in chosen}
    )
    log.warning("no CP-SAT result for %s options; keeping the greedy start", len(group))
    return CpResult(chosen, True, False, cost, bound)
