"""Each soft goal is a named, weighted term that moves the solution the way it says."""

from __future__ import annotations

import threading

from scheduler import Weights, solve, validate
from scheduler.costs import TERM_NAMES


def _contest(f, a: dict, b: dict, **kw):
    """Two students of two schools wanting the one place of O1."""
    return f.problem(
        schools=(f.school(**a.pop("school", {})), f.school("S2", **b.pop("school", {}))),
        classes=(f.klass(), f.klass("C2", school_id="S2")),
        students=(
            f.student("A", wishes=("O1",), **a),
            f.student("B", class_id="C2", wishes=("O1",), **b),
        ),
        offers=(f.work_offer("O1", capacity=1),),
        **kw,
    )


def test_every_term_is_reported_with_its_weight(f, params) -> None:
    solution = solve(f.problem(students=(f.student("A"),), offers=(f.work_offer("O1"),)), params)
    assert tuple(t.name for t in solution.terms) == TERM_NAMES
    assert solution.term("preference").weight == Weights().preference
    assert solution.objective == sum(t.weighted for t in solution.terms)


def test_preference_gives_the_first_wish(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O2", "O1")),),
        offers=(f.work_offer("O1"), f.work_offer("O2", km_north=5)),
    )
    assert [p.offer_id for p in solve(problem, params).assignments] == ["O2"]


def test_travel_breaks_ties_by_distance(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("it",)),),
        offers=(f.work_offer("O1", km_north=9), f.work_offer("O2", km_north=2)),
    )
    assert [p.offer_id for p in solve(problem, params).assignments] == ["O2"]


def test_rural_school_is_reached_first(f, params) -> None:
    problem = _contest(f, {}, {"school": {"is_rural": True}})
    assert [p.subject_id for p in solve(problem, params).assignments] == ["B"]


def test_student_without_network_has_priority(f, params) -> None:
    problem = _contest(f, {}, {"has_no_network": True})
    assert [p.subject_id for p in solve(problem, params).assignments] == ["B"]


def test_girls_share_in_an_oversubscribed_field(f, params) -> None:
    problem = _contest(f, {"gender": "male"}, {"gender": "female"})
    solution = solve(problem, params)
    assert [p.subject_id for p in solution.assignments] == ["B"]
    assert solution.term("girls_share").value == 0
    no_weight = f.replace(params, weights=Weights(girls_share=0))
    assert solve(problem, no_weight).term("girls_share").value in (0, 1)


def test_stability_keeps_the_previous_placement(f, params) -> None:
    previous = f.placement("B", "work_week", offer_id="O1", week=f.week)
    problem = _contest(f, {}, {}, previous=(previous,))
    solution = solve(problem, params)
    assert solution.assignments == (previous,)
    assert solution.term("stability").value == 0


def test_fairness_helps_the_worst_off(f, params) -> None:
    # A ranks O1 first and O2 fifth; B ranks O1 second and has no other way in.
    problem = f.problem(
        schools=(f.school(), f.school("S2")),
        classes=(f.klass(), f.klass("C2", school_id="S2")),
        students=(
            f.student("A", wishes=("O1", "x", "y", "z", "O2")),
            f.student("B", class_id="C2", wishes=("O2", "O1")),
        ),
        offers=(f.work_offer("O1"), f.work_offer("O2")),
    )
    solution = solve(problem, params)
    assert {p.subject_id: p.offer_id for p in solution.assignments} == {"A": "O1", "B": "O2"}


def test_role_model_mix_prefers_two_role_models(f, params) -> None:
    problem = f.problem(
        classes=(f.klass(), f.klass("C2")),
        role_models=(f.role_model("R1", visits_left=2), f.role_model("R2", km_north=3)),
        requests=(
            f.request("Q1", "role_model_visit", mode="digital"),
            f.request(
                "Q2", "role_model_visit", mode="digital", class_id="C2", end=f.day.replace(day=5)
            ),
        ),
    )
    solution = solve(problem, params)
    assert len({p.role_model_id for p in solution.assignments}) == 2
    assert solution.term("role_model_mix").value == 0
    assert validate(problem, solution, params) == []


def test_progress_is_reported_and_cancel_stops(f, params) -> None:
    seen: list[tuple[str, float]] = []
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1"),))
    solve(problem, f.replace(params, progress=lambda phase, x: seen.append((phase, x))))
    assert seen[-1][1] == 1.0 and {"work_week", "role_model_visit"} <= {p for p, _ in seen}
    cancel = threading.Event()
    cancel.set()
    assert solve(problem, f.replace(params, cancel=cancel)).status == "cancelled"


def test_towns_apart_are_solved_apart_with_the_same_result_and_steady_progress(f, params) -> None:
    # Two towns 300 km apart in the same week reach no slot in common: separate flows. Each
    # town's best placement holds as if it were solved alone, and progress never goes back.
    def town(n: int, km: float) -> dict:
        return {
            "schools": (f.school(f"S{n}", lat=59.91 + km / 111.0),),
            "classes": (f.klass(f"C{n}", school_id=f"S{n}"),),
            "students": (
                f.student(f"A{n}", f"C{n}", wishes=(f"O{n}",)),
                f.student(f"B{n}", f"C{n}"),
            ),
            "offers": (
                f.work_offer(f"O{n}", km_north=km + 1),
                f.work_offer(f"P{n}", km_north=km + 2),
            ),
        }

    north, south = town(1, 300.0), town(2, 0.0)
    both = f.problem(**{k: north[k] + south[k] for k in north})
    seen: list[float] = []
    solution = solve(both, f.replace(params, progress=lambda _phase, x: seen.append(x)))
    alone = [solve(f.problem(**t), params) for t in (north, south)]
    assert set(solution.assignments) == set(alone[0].assignments) | set(alone[1].assignments)
    assert {(p.subject_id, p.offer_id) for p in solution.assignments} >= {
        ("A1", "O1"),
        ("A2", "O2"),
    }
    assert validate(both, solution, params) == []
    assert seen == sorted(seen) and seen[-1] == 1.0
