"""Hypothesis-generated problems always get a valid solution; same input and seed, same result."""

from __future__ import annotations

import dataclasses
import logging

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scheduler_parts import random_problem

from scheduler import Params, solve, validate
from scheduler.synthetic import generate


@st.composite
def problems(draw):
    """Small problems whose every number Hypothesis chooses (and shrinks)."""
    return random_problem(lambda lo, hi: draw(st.integers(lo, hi)))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(problem=problems(), share=st.sampled_from([0.3, 0.5, 1.0]), last_resort=st.booleans())
def test_every_solution_is_valid(problem, share: float, last_resort: bool) -> None:
    params = Params(max_school_share=share, is_last_resort_enabled=last_resort)
    solution = solve(problem, params)
    assert validate(problem, solution, params) == []
    assert solution.bound <= solution.objective + 1e-6
    assert 0.0 <= solution.gap <= 1.0


@settings(max_examples=15, deadline=None)
@given(problem=problems())
def test_flow_path_solutions_are_valid(problem) -> None:
    params = Params(exact_option_limit=0)
    assert validate(problem, solve(problem, params), params) == []


def _without_time(solution):
    return dataclasses.replace(solution, wall_time_s=0.0)


def test_same_input_and_seed_give_the_same_solution() -> None:
    problem = generate("tiny", 3)
    params = Params(seed=11)
    first, second = solve(problem, params), solve(problem, params)
    assert _without_time(first) == _without_time(second)


def test_same_input_and_seed_give_the_same_flow_solution() -> None:
    problem = generate("tiny", 4)
    params = Params(seed=5, exact_option_limit=0)
    assert _without_time(solve(problem, params)) == _without_time(solve(problem, params))


def test_a_spent_time_limit_still_gives_a_valid_solution() -> None:
    problem = generate("tiny", 5)
    params = Params(time_limit_s=0.0)
    solution = solve(problem, params)
    assert validate(problem, solution, params) == []
    assert solution.assignments
    assert solution.bound <= solution.objective + 1e-6


def test_a_spent_time_limit_skips_the_girls_rounds_and_says_so(caplog) -> None:
    problem = generate("tiny", 1)
    with caplog.at_level(logging.WARNING, logger="scheduler.students"):
        hurried = solve(problem, Params(seed=1, time_limit_s=0.0))
    assert "girls' share round 1 for work_week skipped" in caplog.text
    unhurried = solve(problem, Params(seed=1))
    girls = {t.name: t.value for t in unhurried.terms}["girls_share"]
    assert girls < {t.name: t.value for t in hurried.terms}["girls_share"]
    assert validate(problem, hurried) == [] and validate(problem, unhurried) == []


def test_a_request_group_too_large_for_the_exact_model_keeps_a_valid_start(
    monkeypatch, caplog
) -> None:
    from scheduler import cpsat

    problem = generate("tiny", 4)  # three company-visit requests, two can be placed
    exact = solve(problem, Params(seed=1))
    monkeypatch.setattr(cpsat, "MAX_GROUP_OPTIONS", 0)
    with caplog.at_level(logging.WARNING, logger="scheduler.cpsat"):
        started = solve(problem, Params(seed=1))
    assert "no CP-SAT result" in caplog.text
    assert validate(problem, started) == []
    visits = [p for p in started.assignments if p.kind == "company_visit"]
    assert visits and len(visits) <= sum(p.kind == "company_visit" for p in exact.assignments)
    assert started.bound <= exact.objective + 1e-6
