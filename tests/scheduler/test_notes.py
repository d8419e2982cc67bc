"""Notes tell the administrator what the bound covers and which steps the time limit cut."""

from __future__ import annotations

import threading

from scheduler import Params, solve, validate
from scheduler.jsonio import solution_from_dict, solution_to_dict
from scheduler.reasons import render
from scheduler.synthetic import generate


def _codes(solution) -> list[str]:
    return [n.code for n in solution.notes]


def test_a_run_with_time_enough_notes_only_what_the_bound_covers() -> None:
    problem = generate("tiny", 1)
    solution = solve(problem, Params(seed=1, time_limit_s=60))
    assert _codes(solution) == ["bound_scope"]
    assert solution.notes[0].text == solution.bound_note


def test_a_time_limit_too_short_says_which_steps_were_skipped() -> None:
    problem = generate("tiny", 1)
    solution = solve(problem, Params(seed=1, time_limit_s=0.0001))
    codes = _codes(solution)
    assert {"girls_round_skipped", "exact_pass_skipped", "requests_fallback"} <= set(codes)
    skipped = next(n for n in solution.notes if n.code == "girls_round_skipped")
    assert dict(skipped.params)["kind"] == "work_week"
    assert skipped.text.startswith("the girls' share round 1 for work-week placements")
    assert all(n.text == render(n.code, n.params) for n in solution.notes)
    assert validate(problem, solution) == []  # cut short, still within every hard rule


def test_a_cancelled_run_says_so() -> None:
    cancel = threading.Event()
    cancel.set()
    solution = solve(generate("tiny", 1), Params(seed=1, cancel=cancel))
    assert solution.status == "cancelled" and "run_cancelled" in _codes(solution)


def test_notes_survive_the_json_form() -> None:
    solution = solve(generate("tiny", 1), Params(seed=1, time_limit_s=0.0001))
    data = solution_to_dict(solution)
    assert data["notes"][1]["params"]["kind"] == "work_week"
    assert solution_from_dict(data).notes == solution.notes
