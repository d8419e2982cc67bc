"""A visit meets the request's fields, language and mode."""

from __future__ import annotations

from scheduler import solve, validate


def _visit(f, mode: str = "digital"):
    return f.placement("Q1", "role_model_visit", date=f.day, role_model_id="R1", mode=mode)


def test_matching_fields_and_language_are_placed(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", fields=("it",), languages=("no",)),),
        requests=(f.request("Q1", "role_model_visit", fields=("it",), language="no"),),
    )
    solution = solve(problem, params)
    assert solution.placement_of("Q1", "role_model_visit") is not None
    assert validate(problem, solution, params) == []


def test_other_fields_are_refused(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", fields=("health",)),),
        requests=(f.request("Q1", "role_model_visit", fields=("it",)),),
    )
    assert solve(problem, params).assignments == ()
    assert [v.rule for v in validate(problem, f.hand(_visit(f)), params)] == ["fields"]


def test_other_language_is_refused(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", languages=("da",)),),
        requests=(f.request("Q1", "role_model_visit", language="no"),),
    )
    assert solve(problem, params).assignments == ()
    assert [v.rule for v in validate(problem, f.hand(_visit(f)), params)] == ["language"]


def test_digital_request_refuses_a_physical_only_role_model(f, params) -> None:
    problem = f.problem(
        role_models=(f.role_model("R1", modes=("physical",)),),
        requests=(f.request("Q1", "role_model_visit", mode="digital"),),
    )
    solution = solve(problem, params)
    assert solution.assignments == ()
    assert "mode" in solution.reasons[0].text
    wrong = f.hand(_visit(f, mode="physical"))
    assert [v.rule for v in validate(problem, wrong, params)] == ["mode"]
