"""The matching services: problem builder, runs, review, publish and archive."""

from __future__ import annotations

from app.extensions import db
from app.matching.params import params_for
from app.matching.problem_builder import build_problem
from app.matching.runs import execute_run, start_run
from app.seasons.models import MatchRun
from scheduler import Solution, validate
from tests.factories import SchoolClassFactory, SchoolFactory, StudentFactory


def run_season(admin, season) -> MatchRun:
    """Queue and execute a run, as the worker does."""
    run = start_run(admin, season)
    return execute_run(run.id)


def test_builder_maps_ids_weeks_and_capacity(season, region):
    built = build_problem(season)
    problem = built.problem
    assert len(problem.schools) == 3 and len(problem.students) == 30
    assert {c.work_week for c in problem.classes} == {10}
    offer = problem.offers[0]
    assert offer.id.startswith("offer:") and offer.slots[0].week == 10
    assert offer.slots[0].capacity == 3
    first = problem.students[0]
    assert first.id.startswith("student:") and first.wishes[0].offer_id.startswith("offer:")
    assert first.wishes[1].field == "ict"


def test_builder_filters_region_and_full_slots(season, region):
    elsewhere = SchoolFactory(region="Vestland", name="Bergen skole")
    StudentFactory(school_class=SchoolClassFactory(school=elsewhere))
    slot = region["offers"][0].slots[0]
    slot.taken = 3
    db.session.commit()
    problem = build_problem(season).problem
    assert len(problem.schools) == 3
    assert f"offer:{region['offers'][0].id}" not in {o.id for o in problem.offers}


def test_run_end_to_end_stores_a_valid_result(admin, season, region):
    run = run_season(admin, season)
    assert run.status == "finished", run.error
    assert run.progress == 1.0
    assert season.status == "matched"
    assert len(run.placements) == run.figures["placed"] >= 20
    assert run.figures["students"] == 30
    unplaced = [u for u in run.unmatched if u.student_id is not None]
    assert len(unplaced) == 30 - len(run.placements) and all(u.reason for u in unplaced)
    assert {t["name"] for t in run.figures["terms"]} >= {"preference", "travel"}
    built = build_problem(season)
    from app.matching.rows import engine_placement

    solution = Solution(
        "feasible", tuple(engine_placement(p) for p in run.placements), (), 0, 0, 0, 0
    )
    assert validate(built.problem, solution, params_for(season)) == []
