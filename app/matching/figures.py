"""The figures of a run: who was placed, how well, how far, and the objective by term."""

from __future__ import annotations

import sqlalchemy as sa

from app.extensions import db
from app.schools.models import School, SchoolClass, Student
from app.seasons.models import MatchRun
from app.seasons.models import Placement as PlacementRow
from scheduler import JOB_SHADOWING, WORK_WEEK, Solution


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


def _student_figures(run: MatchRun, built) -> dict:
    """Shares placed (overall, rural, no network), ranks, travel and girls' share."""
    problem = built.problem
    weeks = {c.id: c.work_week for c in problem.classes}
    rural = {s.id for s in problem.schools if s.is_rural}
    school_of = built.school_of_class
    taking_part = [
        s for s in problem.students if weeks.get(s.class_id) is not None and not s.has_own_work_week
    ]
    rows = {f"student:{p.student_id}": p for p in run.placements if p.kind == WORK_WEEK}
    placed = [s for s in taking_part if s.id in rows]
    rural_part = [s for s in taking_part if school_of.get(s.class_id) in rural]
    no_network = [s for s in taking_part if s.has_no_network]
    ranks = [rows[s.id].preference_rank for s in placed if rows[s.id].preference_rank]
    kms = [rows[s.id].travel_km for s in placed if rows[s.id].travel_km is not None]
    declared = [s for s in placed if s.gender]
    return {
        "students": len(taking_part),
        "students_rural": len(rural_part),
        "students_no_network": len(no_network),
        "placed": len(placed),
        "share_placed": _share(len(placed), len(taking_part)),
        "share_placed_rural": _share(sum(s.id in rows for s in rural_part), len(rural_part)),
        "share_placed_no_network": _share(sum(s.id in rows for s in no_network), len(no_network)),
        "mean_rank": _mean(ranks),
        "share_top2": _share(sum(r <= 2 for r in ranks), len(ranks)),
        "mean_km": _mean(kms),
        "girls_share": _share(sum(s.gender == "female" for s in declared), len(declared)),
    }


def figures_of(run: MatchRun, built, solution: Solution) -> dict:
    """Everything the review page compares between runs, as plain JSON."""
    wishers = {s.id for s in built.problem.students if s.shadowing_window is not None}
    shadowed = {f"student:{p.student_id}" for p in run.placements if p.kind == "job_shadowing"}
    requests = len(built.problem.requests)
    met = sum(1 for p in run.placements if p.request_id is not None)
    return {
        **_student_figures(run, built),
        "shadowing_students": len(wishers),
        "shadowing_placed": len(shadowed & wishers),
        "requests": requests,
        "requests_met": met,
        "share_requests_met": _share(met, requests),
        "terms": [
            {"name": t.name, "weight": t.weight, "value": t.value, "weighted": t.weighted}
            for t in solution.terms
        ],
        "objective": solution.objective,
        "bound": solution.bound,
        "gap": solution.gap,
        "status": solution.status,
        "wall_time_s": round(solution.wall_time_s, 2),
        "bound_note": solution.bound_note,
        "parts": [
            {"kind": p.kind, "cost": p.cost, "bound": p.bound, "method": p.method}
            for p in solution.parts
        ],
        "notes": [{"code": n.code, "params": dict(n.params)} for n in solution.notes],
    }


def recount_after_hand_change(run: MatchRun) -> None:
    """Count the placement figures again from the run's placements that stand, after a move,
    a cancellation or a placement by hand, so the review never shows a count the run no
    longer has; the cost by goal, the bound and the gap stay the engine's."""
    f = dict(run.figures or {})
    is_week = sa.and_(PlacementRow.kind == WORK_WEEK, PlacementRow.student_id.is_not(None))
    week = sa.and_(is_week, PlacementRow.preference_rank.is_not(None))
    declared = sa.and_(is_week, Student.has_diversity_consent, Student.gender.is_not(None))
    row = db.session.execute(
        sa.select(
            sa.func.count().filter(is_week),
            sa.func.count().filter(is_week, School.is_rural),
            sa.func.avg(PlacementRow.preference_rank).filter(week),
            sa.func.count().filter(week, PlacementRow.preference_rank <= 2),
            sa.func.count().filter(week),
            sa.func.avg(PlacementRow.travel_km).filter(is_week),
            sa.func.count().filter(declared, Student.gender == "female"),
            sa.func.count().filter(declared),
            sa.func.count().filter(PlacementRow.kind == JOB_SHADOWING),
            sa.func.count().filter(PlacementRow.request_id.is_not(None)),
        )
        .select_from(PlacementRow)
        .outerjoin(Student, Student.id == PlacementRow.student_id)
        .outerjoin(SchoolClass, SchoolClass.id == Student.class_id)
        .outerjoin(School, School.id == SchoolClass.school_id)
        .where(PlacementRow.run_id == run.id, PlacementRow.cancelled_at.is_(None))
    ).one()
    placed, rural, rank, top2, ranked, km, girls, declared_n, shadowed, met = row
    f.update(
        placed=placed,
        share_placed=_share(placed, f.get("students", 0)),
        mean_rank=round(float(rank), 2) if rank is not None else None,
        share_top2=_share(top2, ranked),
        mean_km=round(float(km), 2) if km is not None else None,
        girls_share=_share(girls, declared_n),
        shadowing_placed=shadowed,
        requests_met=met,
        share_requests_met=_share(met, f.get("requests", 0)),
        hand_changes=f.get("hand_changes", 0) + 1,
    )
    if "students_rural" in f:  # runs stored before the denominators were kept keep their shares
        f["share_placed_rural"] = _share(rural, f["students_rural"])
        f["share_placed_no_network"] = _share(placed, f["students_no_network"])
    run.figures = f
