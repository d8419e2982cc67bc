"""At most one placement per student and kind."""

from __future__ import annotations

from scheduler import solve, validate


def test_student_gets_one_work_week_even_with_spare_places(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1", "O2")),),
        offers=(f.work_offer("O1", capacity=3), f.work_offer("O2", capacity=3)),
    )
    solution = solve(problem, params)
    assert [p.offer_id for p in solution.assignments] == ["O1"]
    assert validate(problem, solution, params) == []


def test_two_placements_of_one_kind_are_a_violation(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1", "O2")),),
        offers=(f.work_offer("O1"), f.work_offer("O2")),
    )
    twice = f.hand(
        f.placement("A", "work_week", offer_id="O1", week=f.week),
        f.placement("A", "work_week", offer_id="O2", week=f.week),
    )
    assert [v.rule for v in validate(problem, twice, params)] == ["one_placement"]


def test_work_week_and_job_shadowing_are_separate_kinds(f, params) -> None:
    student = f.student("A", wishes=("O1",), shadowing_window=(f.day, f.day))
    problem = f.problem(
        students=(student,),
        offers=(f.work_offer("O1"), f.day_offer("J1", "job_shadowing")),
    )
    solution = solve(problem, params)
    assert sorted(p.kind for p in solution.assignments) == ["job_shadowing", "work_week"]
    assert validate(problem, solution, params) == []
