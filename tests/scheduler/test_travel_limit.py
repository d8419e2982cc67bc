"""Travel limit per grade for students, the request's limit for company visits, the role
model's own range for physical visits; digital visits have no travel."""

from __future__ import annotations

from scheduler import solve, validate


def test_offer_within_the_grade_limit_is_used(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=20),))
    solution = solve(problem, params)  # 20 km * 1.3 road factor = 26 km <= 35 km for grade 9
    assert len(solution.assignments) == 1
    assert validate(problem, solution, params) == []


def test_offer_beyond_the_grade_limit_is_refused_with_a_reason(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=30),))
    solution = solve(problem, params)  # 39 km > 35 km
    assert solution.assignments == ()
    assert "within 35 km in week 10 (the nearest is 39 km away)" in solution.reasons[0].text
    wrong = f.hand(f.placement("A", "work_week", offer_id="O1", week=f.week))
    assert [v.rule for v in validate(problem, wrong, params)] == ["travel_limit"]


def test_road_factor_is_configurable(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1", km_north=30),))
    solution = solve(problem, f.replace(params, road_factor=1.0))
    assert len(solution.assignments) == 1


def test_physical_role_model_visit_needs_the_role_model_range(f, params) -> None:
    far = f.role_model("R1", km_north=60, travel_range_km=50.0, modes=("physical",))
    problem = f.problem(
        role_models=(far,), requests=(f.request("Q1", "role_model_visit", mode="physical"),)
    )
    assert solve(problem, params).assignments == ()
    wrong = f.hand(f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R1"))
    assert [v.rule for v in validate(problem, wrong, params)] == ["travel_limit"]


def test_digital_role_model_visit_has_no_travel(f, params) -> None:
    far = f.role_model("R1", km_north=600, travel_range_km=10.0)
    problem = f.problem(
        role_models=(far,), requests=(f.request("Q1", "role_model_visit", mode="any"),)
    )
    solution = solve(problem, params)
    assert [p.mode for p in solution.assignments] == ["digital"]
    assert solution.term("travel").value == 0
    assert validate(problem, solution, params) == []


def test_company_visit_respects_the_request_travel_limit(f, params) -> None:
    problem = f.problem(
        offers=(f.day_offer("V1", "company_visit", capacity=30, km_north=10),),
        requests=(f.request("Q1", "company_visit", max_travel_km=10.0),),
    )
    assert solve(problem, params).assignments == ()
    wrong = f.hand(f.placement("Q1", "company_visit", offer_id="V1", date=f.day))
    assert [v.rule for v in validate(problem, wrong, params)] == ["travel_limit"]
