"""Offers only to the grades they are open to."""

from __future__ import annotations

from scheduler import solve, validate


def test_open_grade_is_placed(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", grades=(9,)),))
    assert len(solve(problem, params).assignments) == 1


def test_closed_grade_is_not_placed_and_is_caught(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", grades=(10,)),))
    solution = solve(problem, params)
    assert solution.assignments == ()
    wrong = f.hand(f.placement("A", "work_week", offer_id="O1", week=f.week))
    assert [v.rule for v in validate(problem, wrong, params)] == ["grade"]
    assert "grade 9" in solution.reasons[0].text
