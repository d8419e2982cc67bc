"""Work weeks only in the class's week; other kinds only inside their window."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler import ProblemError, Season, solve, validate


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


def test_a_season_across_new_year_keeps_december_and_january_weeks_apart(f, params) -> None:
    # 30 Nov 2026 to 26 Feb 2027: ISO weeks 49..53, then 1..8; each class gets its own week.
    winter = Season(dt.date(2026, 11, 30), dt.date(2027, 2, 26))
    december, january = dt.date(2026, 12, 7).isocalendar()[1], dt.date(2027, 1, 11).isocalendar()[1]
    problem = f.replace(
        f.problem(
            classes=(f.klass("C1", week=december), f.klass("C2", week=january)),
            students=(f.student("A", "C1"), f.student("B", "C2")),
            offers=(f.work_offer("O1", week=december), f.work_offer("O2", week=january)),
        ),
        season=winter,
    )
    solution = solve(problem, params)
    assert {(p.subject_id, p.offer_id, p.week) for p in solution.assignments} == {
        ("A", "O1", december),
        ("B", "O2", january),
    }
    assert validate(problem, solution, params) == []


def test_a_season_that_would_repeat_week_numbers_is_refused(f, params) -> None:
    # 6 Jan 2026 to 12 Jan 2027: weeks 2 and 3 of 2026 come round again in January 2027.
    problem = f.replace(f.problem(), season=Season(dt.date(2026, 1, 6), dt.date(2027, 1, 12)))
    with pytest.raises(ProblemError) as caught:
        solve(problem, params)
    assert any("repeats week numbers" in e for e in caught.value.errors)


def test_a_placement_without_its_week_or_date_is_named_not_crashed_on(f, params) -> None:
    problem = f.problem(
        students=(f.student("A"),),
        offers=(f.work_offer("O1"),),
        role_models=(f.role_model("R1"),),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
    )
    undated = f.hand(
        f.placement("Q1", "role_model_visit", role_model_id="R1", mode="digital"),
        f.placement("A", "work_week", offer_id="O1"),
    )
    violations = validate(problem, undated, params)
    assert [(v.rule, v.subject_id) for v in violations] == [
        ("unknown_id", "Q1"),
        ("unknown_id", "A"),
    ]
    assert "missing date" in violations[0].message and "O1" in violations[1].message


def test_own_work_week_frees_the_place_and_keeps_job_shadowing(f, params) -> None:
    # A has a work week through their own network: B gets the one place, A no reason for
    # lacking a work week, and A's job-shadowing wish is still placed.
    window = (f.day, f.day)
    own = f.student("A", wishes=("O1",), has_own_work_week=True, shadowing_window=window)
    problem = f.problem(
        students=(own, f.student("B")),
        offers=(f.work_offer("O1"), f.day_offer("J1", "job_shadowing")),
    )
    solution = solve(problem, params)
    assert {(p.subject_id, p.kind, p.offer_id) for p in solution.assignments} == {
        ("A", "job_shadowing", "J1"),
        ("B", "work_week", "O1"),
    }
    assert [r for r in solution.reasons if r.subject_id == "A" and r.kind == "work_week"] == []
    wrong = f.hand(
        f.placement("A", "work_week", offer_id="O1", week=f.week),
        f.placement("A", "job_shadowing", offer_id="J1", date=f.day),
    )
    assert [v.rule for v in validate(problem, wrong, params)] == ["dates_and_weeks"]
