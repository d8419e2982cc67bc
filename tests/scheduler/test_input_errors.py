"""Bad input gives a clear error naming the offending id, never a stack trace."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from scheduler import ExistingBooking, OfferSlot, ProblemError, Wish, solve


def test_unknown_offer_in_a_wish_is_named(f, params) -> None:
    problem = f.problem(students=(f.student("A", wishes=("O9",)),))
    with pytest.raises(ProblemError) as err:
        solve(problem, params)
    assert err.value.errors == ["student 'A' wishes for unknown offer 'O9'"]


def test_negative_capacity_is_named(f, params) -> None:
    bad = f.replace(f.work_offer("O1"), slots=(OfferSlot(-1, week=f.week),))
    with pytest.raises(ProblemError) as err:
        solve(f.problem(offers=(bad,)), params)
    assert err.value.errors == ["offer 'O1' slot 10 has negative capacity -1"]


def test_week_outside_the_season_is_named(f, params) -> None:
    problem = f.problem(classes=(f.klass(week=40),), offers=(f.work_offer("O1", week=45),))
    with pytest.raises(ProblemError) as err:
        solve(problem, params)
    assert "offer 'O1' slot 45: week 45 is outside the season" in err.value.errors
    assert "class 'C1': work week 40 is outside the season" in err.value.errors


def test_every_fault_is_listed_at_once(f, params) -> None:
    problem = f.problem(
        students=(f.student("A", class_id="C9"), f.replace(f.student("B"), wishes=(Wish(),))),
        role_models=(f.role_model("R1", visits_left=-1),),
    )
    with pytest.raises(ProblemError) as err:
        solve(problem, params)
    assert err.value.errors == [
        "student 'A' names unknown class 'C9'",
        "student 'B' has a wish with neither offer nor field",
        "role model 'R1' has negative visits left -1",
    ]


def test_cli_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    data = {
        "season": {"start": "2026-01-05", "end": "2026-06-19"},
        "schools": [{"id": "S1", "lat": 59.9, "lon": 10.7}],
        "classes": [{"id": "C1", "school_id": "S1", "grade": 9, "work_week": 10}],
        "offers": [
            {
                "id": "O1",
                "company_id": "K1",
                "kind": "work_week",
                "lat": 59.9,
                "lon": 10.7,
                "slots": [{"week": 10, "capacity": -3}],
            }
        ],
        "students": [{"id": "A", "class_id": "C1", "wishes": [{"offer_id": "O7"}], "age": 14}],
    }
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "scheduler", "solve", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stderr
    assert "error: problem.students[0] (id 'A'): unknown field 'age'" in run.stderr


def test_cli_reports_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "problem.json"
    path.write_text("{not json", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "scheduler", "solve", str(path)], capture_output=True, text=True
    )
    assert run.returncode == 2
    assert "is not valid JSON" in run.stderr and "Traceback" not in run.stderr


def test_pin_and_booking_that_do_not_fit_their_offer_are_named(f, params) -> None:
    problem = f.problem(
        students=(f.student("A"),),
        offers=(f.day_offer("J1", "job_shadowing"), f.work_offer("O1")),
        pins=(f.placement("A", "work_week", offer_id="J1", date=f.day),),
        bookings=(ExistingBooking("B1", offer_id="O1", week=f.week + 3),),
    )
    with pytest.raises(ProblemError) as err:
        solve(problem, params)
    assert err.value.errors == [
        "pin of 'A': offer 'J1' is not a work_week",
        "booking 'B1': offer 'O1' has no slot then",
    ]
