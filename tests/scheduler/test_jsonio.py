"""The JSON form round-trips, and the CLI solves a tiny file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from scheduler import Params, solve
from scheduler.jsonio import (
    problem_from_dict,
    problem_to_dict,
    solution_from_dict,
    solution_to_dict,
)
from scheduler.synthetic import generate


def test_problem_round_trips_through_json() -> None:
    problem, params = generate("tiny", 2), Params(seed=3, road_factor=1.2)
    text = json.dumps(problem_to_dict(problem, params))
    assert problem_from_dict(json.loads(text)) == (problem, params)


def test_solution_round_trips_through_json(f, params) -> None:
    problem = f.problem(students=(f.student("A"),), offers=(f.work_offer("O1"),))
    solution = solve(problem, params)
    assert solution_from_dict(json.loads(json.dumps(solution_to_dict(solution)))) == solution


def test_cli_solves_and_validates_a_tiny_file(tmp_path: Path, f) -> None:
    problem = f.problem(
        students=(f.student("A", wishes=("O1",)), f.student("B")),
        offers=(f.work_offer("O1", capacity=2),),
    )
    source, target = tmp_path / "problem.json", tmp_path / "solution.json"
    source.write_text(json.dumps(problem_to_dict(problem, Params())), encoding="utf-8")
    cmd = [sys.executable, "-m", "scheduler", "solve", str(source), "-o", str(target)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    result = json.loads(target.read_text(encoding="utf-8"))
    assert [a["subject_id"] for a in result["assignments"]] == ["A"]
    assert {t["name"] for t in result["terms"]} >= {"preference", "travel", "girls_share"}
    check = [sys.executable, "-m", "scheduler", "validate", str(source), str(target)]
    assert subprocess.run(check, capture_output=True, text=True).returncode == 0
