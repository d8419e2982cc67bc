"""Work weeks only in the class's week; other kinds only inside their window."""

from __future__ import annotations

import datetime as dt

from scheduler import solve, validate


def test_work_week_in_the_class_week_is_used(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", week=f.week),))
    solution = solve(problem, params)
    assert [p.week for p in solution.assignments] == [f.week]


def test_work_week_in_another_week_is_not_used_and_is_caught(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", week=f.week + 1),))
    solution = solve(problem, params)
    assert solution.assignments == ()
    wrong = f.hand(f.placement("A", "work_week", offer_id="O1", week=f.week + 1))
    assert [v.rule for v in validate(problem, wrong, params)] == ["dates_and_weeks"]


def test_job_shadowing_only_inside_the_student_window(f, params) -> None:
    later = f.day + dt.timedelta(days=7)
    window = (f.day, f.day + dt.timedelta(days=2))
    problem = f.problem(
        classes=(f.klass(week=None),),
        students=(f.student("A", shadowing_window=window),),
        offers=(f.day_offer("J1", "job_shadowing", day=later), f.day_offer("J2", "job_shadowing")),
    )
    solution = solve(problem, params)
    assert [p.offer_id for p in solution.assignments] == ["J2"]
    wrong = f.hand(f.placement("A", "job_shadowing", offer_id="J1", date=later))
    assert [v.rule for v in validate(problem, wrong, params)] == ["dates_and_weeks"]


def test_role_model_visit_only_on_free_dates_in_the_window(f, params) -> None:
    blocked = f.role_model("R1", blocked_dates=(f.day,))
    problem = f.problem(
        role_models=(blocked,),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
    )
    solution = solve(problem, params)
    assert solution.assignments == ()
    wrong = f.hand(
        f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R1", mode="digital")
    )
    assert [v.rule for v in validate(problem, wrong, params)] == ["dates_and_weeks"]
