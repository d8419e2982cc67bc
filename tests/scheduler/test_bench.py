"""The benchmark runs end to end on the tiny preset and prints one table."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

from scheduler.context import road_km
from scheduler.problem import Problem
from scheduler.synthetic import COMPANY_CATCHMENT_KM, PRESETS, generate


def test_bench_prints_a_row_per_method() -> None:
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--seed", "1"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    rows = [line for line in run.stdout.splitlines() if line.startswith("| ")]
    methods = [row.split("|")[1].strip() for row in rows[1:]]
    assert methods == [
        "engine",
        "greedy FCFS, wishes only",
        "greedy FCFS + last resort",
        "deferred acceptance",
    ]
    assert "most any method could place" in run.stdout


def test_bench_says_which_steps_the_engines_time_limit_cut() -> None:
    """Figures measured on a busy machine may come from a run cut short: the bench says so."""
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--seed", "1"]
    cut = subprocess.run([*cmd, "--time-limit", "0.0001"], capture_output=True, text=True)
    assert cut.returncode == 0, cut.stderr
    assert "engine note: the time limit was spent before the exact pass" in cut.stdout


def test_bench_times_a_re_run_that_keeps_the_first_result() -> None:
    """Re-running with nothing changed keeps every placement (stability against the previous
    run); the bench times it."""
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--seed", "1", "--rerun"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr
    line = next(x for x in run.stdout.splitlines() if x.startswith("engine re-run"))
    assert " 0 of " in line and "placements changed" in line


def test_bench_takes_other_travel_limits_and_names_a_bad_one() -> None:
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--travel"]
    wider = subprocess.run([*cmd, "8=40,9=50,10=60"], capture_output=True, text=True, timeout=120)
    assert wider.returncode == 0, wider.stderr
    bad = subprocess.run([*cmd, "8=far"], capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "such as 8=25,9=35,10=50, not '8=far'" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_companies_offer_places_in_the_weeks_of_schools_within_reach() -> None:
    problem = generate("tiny", 3)
    schools = {s.id: s for s in problem.schools}
    weeks_near: dict[str, set[int]] = {}
    for offer in (o for o in problem.offers if o.kind == "work_week"):
        weeks_near[offer.id] = {
            c.work_week
            for c in problem.classes
            if c.work_week is not None
            and road_km(
                offer.lat, offer.lon, schools[c.school_id].lat, schools[c.school_id].lon, 1.3
            )
            <= COMPANY_CATCHMENT_KM
        }
    places = [
        (s.capacity, s.week in weeks_near[o.id])
        for o in problem.offers
        for s in o.slots
        if weeks_near.get(o.id)
    ]
    local = sum(n for n, is_local in places if is_local) / sum(n for n, _ in places)
    assert local > 0.9


def test_places_per_student_scales_the_work_week_places() -> None:
    def places(problem: Problem) -> int:
        return sum(s.capacity for o in problem.offers if o.kind == "work_week" for s in o.slots)

    tiny = PRESETS["tiny"]
    usual = generate(tiny, 2)
    scarce = generate(dataclasses.replace(tiny, places_per_student=0.5), 2)
    assert places(usual) >= tiny.students
    assert 0.4 * tiny.students <= places(scarce) <= 0.6 * tiny.students
    cmd = [sys.executable, "-m", "scheduler.bench", "--preset", "tiny", "--places", "0.8"]
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and "places per student 0.8" in run.stdout, run.stderr
