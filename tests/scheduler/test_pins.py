"""Pins and existing bookings are kept, and they consume capacity."""

from __future__ import annotations

from scheduler import solve, validate


def test_pin_is_kept_even_against_preference(f, params) -> None:
    pin = f.placement("A", "work_week", offer_id="O2", week=f.week)
    problem = f.problem(
        students=(f.student("A", wishes=("O1",)),),
        offers=(f.work_offer("O1"), f.work_offer("O2")),
        pins=(pin,),
    )
    solution = solve(problem, params)
    assert solution.assignments == (pin,)
    assert validate(problem, solution, params) == []


def test_pin_consumes_capacity(f, params) -> None:
    pin = f.placement("A", "work_week", offer_id="O1", week=f.week)
    problem = f.problem(
        students=(f.student("A"), f.student("B", wishes=("O1",))),
        offers=(f.work_offer("O1", capacity=1),),
        pins=(pin,),
    )
    solution = solve(problem, f.replace(params, max_school_share=1.0))
    assert solution.assignments == (pin,)


def test_dropping_a_pin_is_caught(f, params) -> None:
    pin = f.placement("A", "work_week", offer_id="O1", week=f.week)
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1"),), pins=(pin,))
    assert [v.rule for v in validate(problem, f.hand(), params)] == ["pins"]


def test_pinned_role_model_visit_is_kept(f, params) -> None:
    pin = f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R2", mode="digital")
    problem = f.problem(
        role_models=(f.role_model("R1"), f.role_model("R2")),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
        pins=(pin,),
    )
    assert solve(problem, params).assignments == (pin,)
