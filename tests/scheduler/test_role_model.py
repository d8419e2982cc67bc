"""A role model is in one place at a time and within the visits left."""

from __future__ import annotations

import datetime as dt

from scheduler import ExistingBooking, solve, validate


def _two_requests(f):
    return (
        f.request("Q1", "role_model_visit", mode="digital"),
        f.request("Q2", "role_model_visit", mode="digital", class_id="C2"),
    )


def test_two_visits_on_two_dates_are_fine(f, params) -> None:
    window = dict(start=f.day, end=f.day + dt.timedelta(days=1))
    problem = f.problem(
        classes=(f.klass(), f.klass("C2")),
        role_models=(f.role_model("R1", visits_left=2),),
        requests=(
            f.request("Q1", "role_model_visit", mode="digital", **window),
            f.request("Q2", "role_model_visit", mode="digital", class_id="C2", **window),
        ),
    )
    solution = solve(problem, params)
    assert len({p.date for p in solution.assignments}) == 2
    assert validate(problem, solution, params) == []


def test_one_place_at_a_time(f, params) -> None:
    problem = f.problem(
        classes=(f.klass(), f.klass("C2")),
        role_models=(f.role_model("R1", visits_left=2),),
        requests=_two_requests(f),
    )
    solution = solve(problem, params)
    assert len(solution.assignments) == 1
    both = f.hand(
        f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R1", mode="digital"),
        f.placement("Q2", "role_model_visit", date=f.day, role_model_id="R1", mode="digital"),
    )
    assert [v.rule for v in validate(problem, both, params)] == ["one_place_at_a_time"]


def test_visits_left_and_bookings_count(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", visits_left=1),),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
        bookings=(ExistingBooking("B1", role_model_id="R1", date=f.day + dt.timedelta(days=9)),),
    )
    solution = solve(problem, params)
    assert solution.assignments == ()
    assert "no visits left" in solution.reasons[0].text
    one = f.hand(
        f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R1", mode="digital")
    )
    assert [v.rule for v in validate(problem, one, params)] == ["visits_left"]
