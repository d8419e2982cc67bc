"""The one public entry point: solve(problem, params) -> Solution."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from scheduler.checks import ProblemError, check_problem
from scheduler.context import Context
from scheduler.costs import IntWeights, evaluate_terms, int_weights, total
from scheduler.explain import explain
from scheduler.problem import (
    COMPANY_VISIT,
    JOB_SHADOWING,
    ROLE_MODEL_VISIT,
    STUDENT_KINDS,
    WORK_WEEK,
    Params,
    Placement,
    Problem,
)
from scheduler.reasons import NOTE_TEMPLATES, make_note
from scheduler.requests import solve_company_visits, solve_role_model_visits
from scheduler.solution import CANCELLED, FEASIBLE, OPTIMAL, PartBound, Solution
from scheduler.students import PartResult, solve_students

log = logging.getLogger(__name__)
ALL_KINDS = (WORK_WEEK, JOB_SHADOWING, COMPANY_VISIT, ROLE_MODEL_VISIT)
BOUND_NOTE = NOTE_TEMPLATES["bound_scope"]


class _Progress:
    """Reports (phase, fraction) and answers whether the run was cancelled."""

    def __init__(self, params: Params, steps: int) -> None:
        self.params, self.steps, self.done = params, max(steps, 1), 0
        self.phase = "start"

    def tick(self) -> None:
        """One step of the current phase finished."""
        self.done += 1
        if self.params.progress is not None:
            self.params.progress(self.phase, min(1.0, self.done / self.steps))

    def cancelled(self) -> bool:
        """True once the caller asked to stop."""
        return self.params.cancel is not None and self.params.cancel.is_set()


def _steps(ctx: Context) -> int:
    weeks = {c.work_week for c in ctx.classes.values() if c.work_week is not None}
    return len(weeks) + 3


def _parts(ctx: Context, progress: _Progress) -> list[PartResult]:
    iw = int_weights(ctx.params.weights)
    parts: list[PartResult] = []
    for kind in STUDENT_KINDS:
        progress.phase = kind
        if not progress.cancelled():
            parts.append(solve_students(ctx, iw, kind, progress.tick, progress.cancelled))
    solvers: tuple[tuple[str, Callable[[Context, IntWeights], PartResult]], ...] = (
        (COMPANY_VISIT, solve_company_visits),
        (ROLE_MODEL_VISIT, solve_role_model_visits),
    )
    for kind, solver in solvers:
        progress.phase = kind
        if not progress.cancelled():
            parts.append(solver(ctx, iw))
        progress.tick()
    return parts


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for the run, then restore it.

    A nation run creates millions of short-lived, acyclic objects (reaches, arcs, options);
    the collector kept rescanning them and cost 6 of 55 seconds (measured on the nation
    benchmark). Memory is freed by reference counting as usual; cycles wait until the end.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def solve(problem: Problem, params: Params | None = None) -> Solution:
    """Place students and class requests; raises ProblemError on invalid input."""
    with _collector_paused():
        return _solve(problem, params)


def _solve(problem: Problem, params: Params | None) -> Solution:
    started = time.perf_counter()
    params = params or Params()
    errors = check_problem(problem, params)
    if errors:
        raise ProblemError(errors)
    ctx = Context(problem, params)
    progress = _Progress(params, _steps(ctx))
    parts = _parts(ctx, progress)
    placements = sorted((p for part in parts for p in part.placements), key=_sort_key)
    terms = evaluate_terms(ctx, placements, ALL_KINDS)
    objective = total(terms)
    bound = min(objective, sum(part.bound for part in parts))
    gap = (objective - bound) / objective if objective > 1e-9 else 0.0
    progress.phase = "explain"
    reasons = explain(ctx, placements)
    status = OPTIMAL if gap <= 1e-9 else FEASIBLE
    notes = [make_note("bound_scope"), *ctx.notes]
    if progress.cancelled():
        status = CANCELLED
        notes.append(make_note("run_cancelled"))
    progress.tick()
    log.info("solved: objective %.2f, bound %.2f, gap %.4f", objective, bound, gap)
    return Solution(
        status=status,
        assignments=tuple(placements),
        terms=terms,
        objective=objective,
        bound=bound,
        gap=gap,
        wall_time_s=time.perf_counter() - started,
        reasons=reasons,
        bound_note=BOUND_NOTE,
        parts=tuple(PartBound(p.kind, p.cost, p.bound, p.method) for p in parts),
        notes=tuple(notes),
    )


def _sort_key(p: Placement) -> tuple[str, str]:
    return (p.kind, p.subject_id)
