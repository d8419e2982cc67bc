"""Command line: python -m scheduler solve problem.json -o solution.json."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from pathlib import Path

from scheduler.checks import ProblemError
from scheduler.jsonio import problem_from_dict, solution_from_dict, solution_to_dict
from scheduler.solve import solve
from scheduler.validate import validate


def _load(path: str) -> object:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProblemError([f"cannot read {path}: {exc.strerror}"]) from exc
    except json.JSONDecodeError as exc:
        raise ProblemError([f"{path} is not valid JSON: {exc.msg} at line {exc.lineno}"]) from exc


def _solve(args: argparse.Namespace) -> int:
    problem, params = problem_from_dict(_load(args.problem))
    if args.seed is not None:
        params = dataclasses.replace(params, seed=args.seed)
    if args.time_limit is not None:
        params = dataclasses.replace(params, time_limit_s=args.time_limit)
    solution = solve(problem, params)
    text = json.dumps(solution_to_dict(solution), indent=2, ensure_ascii=False)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    placed = len(solution.assignments)
    print(
        f"{solution.status}: {placed} placements, objective {solution.objective:.2f}, "
        f"gap {solution.gap:.3%}, {solution.wall_time_s:.2f} s",
        file=sys.stderr,
    )
    return 0


def _validate(args: argparse.Namespace) -> int:
    problem, params = problem_from_dict(_load(args.problem))
    data = _load(args.solution)
    if not isinstance(data, dict):
        raise ProblemError([f"{args.solution}: a solution is a JSON object"])
    solution = solution_from_dict(data)
    violations = validate(problem, solution, params)
    for v in violations:
        print(f"{v.rule}: {v.subject_id}: {v.message}", file=sys.stderr)
    return 1 if violations else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; exits 2 with one line per fault on bad input, never a stack trace."""
    parser = argparse.ArgumentParser(prog="python -m scheduler")
    sub = parser.add_subparsers(dest="command", required=True)
    p_solve = sub.add_parser("solve", help="solve a problem file")
    p_solve.add_argument("problem")
    p_solve.add_argument("-o", "--output")
    p_solve.add_argument("--seed", type=int)
    p_solve.add_argument("--time-limit", type=float)
    p_val = sub.add_parser("validate", help="check a solution file against the hard rules")
    p_val.add_argument("problem")
    p_val.add_argument("solution")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    try:
        return _solve(args) if args.command == "solve" else _validate(args)
    except ProblemError as exc:
        for error in exc.errors:
            print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
