"""Benchmark: python -m scheduler.bench --preset region|nation --seed N.

One instance, three methods (FCFS greedy, deferred acceptance, the engine); each method
runs in a forked child of the process holding the instance, so its peak RSS
(ru_maxrss of the child, instance included) and wall time are its own.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import multiprocessing as mp
import resource
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import Any

from scheduler.baselines import deferred_acceptance, greedy
from scheduler.context import Context
from scheduler.costs import (
    evaluate_terms,
    girls_fields,
    participants,
    placement_km,
    placement_rank,
    total,
)
from scheduler.problem import FEMALE, WORK_WEEK, Params, Placement, Problem, Student, Weights
from scheduler.solve import solve
from scheduler.synthetic import PRESETS, Preset, generate

# A method's placements and extra figures (the engine's bound, gap and request counts).
Method = Callable[[Problem, Params], tuple[list[Placement], dict[str, Any]]]
Baseline = Callable[[Context, str, int], list[Placement]]
# One table row: figures, the method's name and formatted shares; sent through a pipe.
Row = dict[str, Any]

log = logging.getLogger(__name__)
COLUMNS = (
    ("method", "{}"),
    ("placed", "{:.1%}"),
    ("placed_reachable", "{:.1%}"),
    ("placed_no_network", "{:.1%}"),
    ("placed_rural", "{:.1%}"),
    ("mean_rank", "{:.2f}"),
    ("top2", "{:.1%}"),
    ("mean_km", "{:.1f}"),
    ("girls_vs_applicants", "{}"),
    ("gap", "{}"),
    ("wall_s", "{:.2f}"),
    ("peak_mb", "{:.0f}"),
)


def work_week_metrics(
    ctx: Context, placements: list[Placement], bound: float
) -> dict[str, float | str]:
    """The table's figures for the work-week placements of one method."""
    students = participants(ctx, WORK_WEEK)
    placed = {p.subject_id: p for p in placements if p.kind == WORK_WEEK}

    def share(group: Iterable[Student]) -> float:
        group = list(group)
        return sum(s.id in placed for s in group) / max(1, len(group))

    def reachable(s: Student) -> bool:
        school_id = ctx.classes[s.class_id].school_id
        return bool(
            ctx.reach(school_id, ctx.grade_of(s), WORK_WEEK, ctx.periods(s, WORK_WEEK)).slots
        )

    ranks = [placement_rank(ctx, p) for p in placed.values()]
    fields = girls_fields(ctx, WORK_WEEK)
    in_fields = [
        p for p in placed.values() if set(ctx.offers[p.offer_id or ""].fields) & set(fields)
    ]
    girls = sum(ctx.students[p.subject_id].gender == FEMALE for p in in_fields)
    applicants = sum(a for a, _ in fields.values())
    girl_applicants = sum(g for _, g in fields.values())
    ww = [p for p in placements if p.kind == WORK_WEEK]
    cost = total(evaluate_terms(ctx, ww, [WORK_WEEK]))
    return {
        "placed": share(students),
        "placed_reachable": share(s for s in students if reachable(s)),
        "placed_no_network": share(s for s in students if s.has_no_network),
        "placed_rural": share(s for s in students if ctx.school_of(s).is_rural),
        "mean_rank": sum(ranks) / max(1, len(ranks)),
        "top2": sum(r <= 2 for r in ranks) / max(1, len(students)),
        "mean_km": sum(placement_km(ctx, p) for p in placed.values()) / max(1, len(placed)),
        "girls_vs_applicants": f"{girls / max(1, len(in_fields)):.1%} vs "
        f"{girl_applicants / max(1, applicants):.1%}",
        "gap": f"{(cost - bound) / cost:.2%}" if cost else "-",
    }


def _run(
    name: str, method: Method, problem: Problem, params: Params, bound: float, conn: Connection
) -> None:
    """Child process: run one method, send back its figures."""
    start = time.perf_counter()
    placements, extra = method(problem, params)
    wall = time.perf_counter() - start
    ctx = Context(problem, params)
    figures: Row = work_week_metrics(ctx, placements, extra.get("bound", bound))
    figures.update(method=name, wall_s=wall, **extra)
    figures["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    conn.send(figures)


def _rerun(problem: Problem, params: Params, conn: Connection) -> None:
    """Child process: solve, then solve again with that result as the previous run (an
    administrator's re-run), timing the second solve."""
    first = solve(problem, params)
    again = dataclasses.replace(problem, previous=first.assignments)
    start = time.perf_counter()
    second = solve(again, params)
    conn.send(
        {
            "wall_s": time.perf_counter() - start,
            "changed": len(set(first.assignments) ^ set(second.assignments)),
            "placements": len(first.assignments),
            "gap": second.gap,
        }
    )


def rerun_figures(problem: Problem, params: Params) -> Row:
    """The engine's re-run with its own first result as the previous run, in a child."""
    parent, child = mp.get_context("fork").Pipe()
    proc = mp.get_context("fork").Process(target=_rerun, args=(problem, params, child))
    proc.start()
    row: Row = parent.recv()
    proc.join()
    return row


def _engine(problem: Problem, params: Params) -> tuple[list[Placement], dict[str, Any]]:
    solution = solve(problem, params)
    ww = next(p for p in solution.parts if p.kind == WORK_WEEK)
    extra: dict[str, Any] = {
        "bound": ww.bound,
        "total_gap": solution.gap,
        "requests": sum(
            p.kind in ("company_visit", "role_model_visit") for p in solution.assignments
        ),
        "shadowing": sum(p.kind == "job_shadowing" for p in solution.assignments),
        "notes": [n.text for n in solution.notes if n.code != "bound_scope"],
    }
    return list(solution.assignments), extra


def _baseline(fn: Baseline, is_last_resort: bool = True) -> Method:
    def run(problem: Problem, params: Params) -> tuple[list[Placement], dict[str, Any]]:
        own = dataclasses.replace(params, is_last_resort_enabled=is_last_resort)
        return fn(Context(problem, own), WORK_WEEK, params.seed), {}

    return run


def max_placeable(problem: Problem, params: Params) -> float:
    """Share of work-week students any method could place: the engine with only the
    'unplaced' weight, whose flow optimum is exact (an upper bound on every method)."""
    only = Weights(**{name: 0.0 for name in vars(Weights())} | {"unplaced": 1.0})
    bare = dataclasses.replace(params, weights=only, girls_share_rounds=0)
    solution = solve(dataclasses.replace(problem, requests=()), bare)
    placed = sum(p.kind == WORK_WEEK for p in solution.assignments)
    return placed / max(1, len(participants(Context(problem, params), WORK_WEEK)))


def run_bench(preset: str | Preset, seed: int, params: Params | None = None) -> list[Row]:
    """Every method on one instance; the engine first so its bound serves the baselines."""
    problem = generate(preset, seed)
    params = params or Params(seed=seed)
    ctx_fork = mp.get_context("fork")
    rows: list[Row] = []
    bound = 0.0
    for name, method in (
        ("engine", _engine),
        ("greedy FCFS, wishes only", _baseline(greedy, is_last_resort=False)),
        ("greedy FCFS + last resort", _baseline(greedy)),
        ("deferred acceptance", _baseline(deferred_acceptance)),
    ):
        parent, child = ctx_fork.Pipe()
        proc = ctx_fork.Process(target=_run, args=(name, method, problem, params, bound, child))
        proc.start()
        row = parent.recv()
        proc.join()
        bound = row.get("bound", bound)
        rows.append(row)
    return rows


def format_table(rows: list[Row]) -> str:
    """A Markdown table of the figures."""
    lines = ["| " + " | ".join(c for c, _ in COLUMNS) + " |"]
    lines.append("|" + "---|" * len(COLUMNS))
    for row in rows:
        lines.append("| " + " | ".join(f.format(row[c]) for c, f in COLUMNS) + " |")
    return "\n".join(lines)


def _travel_limits(text: str) -> dict[int, float]:
    """'8=25,9=35,10=50' as {8: 25.0, 9: 35.0, 10: 50.0}."""
    try:
        pairs = (item.split("=") for item in text.split(","))
        return {int(grade): float(km) for grade, km in pairs}
    except ValueError as error:
        message = f"expected grade=km,... such as 8=25,9=35,10=50, not {text!r}"
        raise argparse.ArgumentTypeError(message) from error


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(prog="python -m scheduler.bench")
    parser.add_argument("--preset", choices=("tiny", "region", "nation"), default="region")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--travel",
        type=_travel_limits,
        help="travel limits in road km per grade, e.g. 8=25,9=35,10=50 (the default)",
    )
    parser.add_argument("--school-share", type=float, help="most of a company's week per school")
    parser.add_argument(
        "--places", type=float, default=1.0, help="work-week places per student (default 1.0)"
    )
    parser.add_argument(
        "--time-limit", type=float, default=Params().time_limit_s, help="the engine's, seconds"
    )
    parser.add_argument(
        "--rerun",
        action="store_true",
        help="also time the engine's re-run with its first result as the previous run",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    params = Params(seed=args.seed, time_limit_s=args.time_limit)
    if args.travel:
        params = dataclasses.replace(params, travel_limit_km=args.travel)
    if args.school_share:
        params = dataclasses.replace(params, max_school_share=args.school_share)
    preset = dataclasses.replace(PRESETS[args.preset], places_per_student=args.places)
    problem = generate(preset, args.seed)
    rows = run_bench(preset, args.seed, params)
    engine = rows[0]
    print(
        f"preset {args.preset}, seed {args.seed}, places per student {args.places:g}: "
        f"{len(problem.students)} students, "
        f"{len(problem.schools)} schools, {len(problem.offers)} offers, "
        f"{len(problem.role_models)} role models, {len(problem.requests)} class requests"
    )
    print(format_table(rows))
    print(f"most any method could place (max flow): {max_placeable(problem, params):.1%}")
    print(
        f"engine: whole-run gap {engine['total_gap']:.3%}, {engine['requests']} class requests "
        f"and {engine['shadowing']} job-shadowing days placed"
    )
    for note in engine["notes"]:  # steps the time limit cut: the figures depend on the machine
        print(f"engine note: {note}")
    if args.rerun:
        again = rerun_figures(problem, params)
        print(
            f"engine re-run with the first result as previous: {again['wall_s']:.1f} s, "
            f"{again['changed']} of {again['placements']} placements changed, "
            f"whole-run gap {again['gap']:.3%}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
