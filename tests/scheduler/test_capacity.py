"""Capacity per week or date; existing bookings consume it."""

from __future__ import annotations

from scheduler import ExistingBooking, solve, validate


def test_capacity_feasible_places_everyone(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1",)), f.student("B", wishes=("O1",))),
        offers=(f.work_offer("O1", capacity=2),),
    )
    params = f.replace(params, max_school_share=1.0)
    solution = solve(problem, params)
    assert len(solution.assignments) == 2
    assert validate(problem, solution, params) == []


def test_capacity_full_leaves_one_out_and_validate_catches_overbooking(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1",)), f.student("B", wishes=("O1",))),
        offers=(f.work_offer("O1", capacity=1),),
    )
    params = f.replace(params, max_school_share=1.0)
    solution = solve(problem, params)
    assert len(solution.assignments) == 1
    assert validate(problem, solution, params) == []
    both = f.hand(
        f.placement("A", "work_week", offer_id="O1", week=f.week),
        f.placement("B", "work_week", offer_id="O1", week=f.week),
    )
    assert "capacity" in [v.rule for v in validate(problem, both, params)]


def test_existing_booking_consumes_capacity(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1",)),),
        offers=(f.work_offer("O1", capacity=1),),
        bookings=(ExistingBooking("B1", offer_id="O1", week=f.week, seats=1),),
    )
    solution = solve(problem, params)
    assert solution.assignments == ()
    one = f.hand(f.placement("A", "work_week", offer_id="O1", week=f.week))
    assert [v.rule for v in validate(problem, one, params)] == ["capacity"]


def test_company_visit_group_must_fit_the_date(f, params) -> None:
    problem = f.problem(
        offers=(f.day_offer("V1", "company_visit", capacity=40),),
        requests=(
            f.request("Q1", "company_visit", group_size=25),
            f.request("Q2", "company_visit", group_size=25),
        ),
    )
    solution = solve(problem, params)
    assert len(solution.assignments) == 1
    both = f.hand(
        f.placement("Q1", "company_visit", offer_id="V1", date=f.day),
        f.placement("Q2", "company_visit", offer_id="V1", date=f.day),
    )
    assert [v.rule for v in validate(problem, both, params)] == ["capacity"]
