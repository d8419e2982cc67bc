"""Reasons a person can act on, for unplaced students, unmet requests and unused offers."""

from __future__ import annotations

from scheduler import solve


def _reason(solution, subject_id: str) -> str:
    return next(r.text for r in solution.reasons if r.subject_id == subject_id)


def test_no_offer_within_reach_says_how_far_the_nearest_is(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=40),))
    text = _reason(solve(problem, params), "A")
    assert text == "no work-week offer within 35 km in week 10 (the nearest is 52 km away)"


def test_no_offer_in_the_week(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", week=12),))
    assert _reason(solve(problem, params), "A") == "no work-week offer has places in week 10"


def test_offers_filled_by_students_who_ranked_them_higher(f, params) -> None:
    problem = f.problem(
        schools=(f.school(), f.school("S2")),
        classes=(f.klass(), f.klass("C2", school_id="S2")),
        students=(f.student("A"), f.student("B", class_id="C2", wishes=("O1",))),
        offers=(f.work_offer("O1"),),
    )
    text = _reason(solve(problem, params), "A")
    assert text.startswith("the 1 offer(s) within reach were full: 1 of their 1 places went")


def test_why_not_first_wish(f, params) -> None:
    problem = f.problem(
        schools=(f.school(), f.school("S2")),
        classes=(f.klass(), f.klass("C2", school_id="S2")),
        students=(
            f.student("A", wishes=("O1", "O2")),
            f.student("B", class_id="C2", wishes=("O1",), has_no_network=True),
        ),
        offers=(f.work_offer("O1"), f.work_offer("O2")),
    )
    text = _reason(solve(problem, params), "A")
    assert text.startswith("first wish (offer O1): the 1 offer(s) within reach were full")


def test_role_model_without_visits_left(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", visits_left=0),),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
    )
    assert (
        _reason(solve(problem, params), "Q1") == "the 1 role model(s) who fit have no visits left"
    )


def test_unused_offer_out_of_reach(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=40),))
    text = _reason(solve(problem, params), "O1")
    assert text.startswith("no class of an eligible grade is within its travel limit")
