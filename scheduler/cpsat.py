"""Exact CP-SAT model over explicit options, started from a hint (a flow or greedy result)."""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

from ortools.sat.python import cp_model

from scheduler.constraints import ALL_RULES
from scheduler.context import Context
from scheduler.costs import IntWeights, participants, request_unassigned_cost, unplaced_cost
from scheduler.objectives import all_terms
from scheduler.problem import STUDENT_KINDS, Placement
from scheduler.variables import Option, OptionVars

log = logging.getLogger(__name__)


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


def _constant(ctx: Context, iw: IntWeights, kinds: tuple[str, ...], options: list[Option]) -> int:
    """Unplaced cost of subjects of the kinds that have no option at all."""
    present = {(o.placement.subject_id, o.placement.kind) for o in options}
    cost = 0
    for kind in kinds:
        if kind in STUDENT_KINDS:
            for s in participants(ctx, kind):
                cost += unplaced_cost(iw, ctx, s) if (s.id, kind) not in present else 0
        else:
            for r in ctx.requests.values():
                if r.kind == kind and (r.id, kind) not in present:
                    cost += request_unassigned_cost(iw, ctx, r.id)
    return cost


def solve_options(
    ctx: Context,
    iw: IntWeights,
    kinds: tuple[str, ...],
    options: list[Option],
    hint: set[Placement],
    time_limit_s: float,
) -> CpResult:
    """Solve the exact model over the options; deterministic for a fixed seed."""
    model = cp_model.CpModel()
    vars = OptionVars(model, options)
    for rule in ALL_RULES:
        rule(model, vars, ctx)
    terms = all_terms(model, vars, ctx, iw)
    constant = _constant(ctx, iw, kinds, options)
    model.minimize(sum(t.weight * t.expr for t in terms) + constant)
    for option, x in zip(options, vars.x, strict=True):
        model.add_hint(x, option.placement in hint)
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.num_workers = 1
    p.random_seed = ctx.params.seed
    p.max_deterministic_time = ctx.params.deterministic_time_s
    p.max_time_in_seconds = max(time_limit_s, 0.01)
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
