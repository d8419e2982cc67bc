"""On small random instances the engine's objective equals an enumerated optimum."""

from __future__ import annotations

import itertools
import random

import pytest
from scheduler_parts import random_problem

from scheduler import Params, Solution, solve, validate
from scheduler.context import Context
from scheduler.costs import evaluate_terms, total
from scheduler.problem import Placement


def _candidates(problem, kind: str) -> dict[str, list[Placement | None]]:
    """Every placement a subject of the kind could have, valid or not, plus none."""
    out: dict[str, list[Placement | None]] = {}
    if kind in ("work_week", "job_shadowing"):
        for s in problem.students:
            opts: list[Placement | None] = [None]
            for o in problem.offers:
                if o.kind == kind:
                    for slot in o.slots:
                        opts.append(Placement(s.id, kind, o.id, week=slot.week, date=slot.date))
            out[s.id] = opts
    else:
        for r in problem.requests:
            opts = [None]
            for rm in problem.role_models:
                for mode in ("digital", "physical"):
                    opts.append(Placement(r.id, kind, date=r.start, role_model_id=rm.id, mode=mode))
            out[r.id] = opts
    return out


def brute_force(problem, params: Params) -> float:
    """Minimum objective over every valid combination, kind by kind (kinds are separable)."""
    ctx = Context(problem, params)
    best_total = 0.0
    for kind in ("work_week", "job_shadowing", "role_model_visit"):
        cands = _candidates(problem, kind)
        best = float("inf")
        other_pins = tuple(p for p in problem.pins if p.kind != kind)
        for combo in itertools.product(*cands.values()):
            chosen = tuple(p for p in combo if p is not None)
            whole = chosen + other_pins  # pins of other kinds are fixed
            if validate(problem, Solution("x", whole, (), 0, 0, 0, 0), params):
                continue
            best = min(best, total(evaluate_terms(ctx, list(chosen), [kind])))
        best_total += best
    return best_total


@pytest.mark.parametrize("seed", range(12))
def test_engine_matches_brute_force(seed: int) -> None:
    rng = random.Random(seed)
    problem = random_problem(rng.randint)
    params = Params(seed=seed, deterministic_time_s=5.0)
    solution = solve(problem, params)
    assert validate(problem, solution, params) == []
    assert solution.objective == pytest.approx(brute_force(problem, params), abs=1e-6)
    assert solution.bound <= solution.objective + 1e-6


@pytest.mark.parametrize("seed", range(100, 110))
def test_flow_path_matches_brute_force_without_gender(seed: int) -> None:
    rng = random.Random(seed)
    problem = random_problem(rng.randint)
    students = tuple(s.__class__(**{**s.__dict__, "gender": None}) for s in problem.students)
    problem = problem.__class__(**{**problem.__dict__, "students": students})
    params = Params(seed=seed, exact_option_limit=0)
    solution = solve(problem, params)
    assert validate(problem, solution, params) == []
    assert solution.objective == pytest.approx(brute_force(problem, params), abs=1e-6)
