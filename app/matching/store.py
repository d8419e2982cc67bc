"""Store the engine's Solution as placements, unmatched rows and figures of a run."""

from __future__ import annotations

import datetime as dt
import re

from app.core.geo import haversine_km
from app.core.model_base import utcnow
from app.extensions import db
from app.matching.figures import figures_of
from app.matching.ids import key, number
from app.matching.problem_builder import Built
from app.matching.reasons import ENGINE_ID
from app.seasons.models import MatchRun, Season, Unmatched
from app.seasons.models import Placement as PlacementRow
from scheduler import WORK_WEEK, Params, Placement, Reason, Solution

LAST_RESORT_RANK = 6


def readable(text: str, built: Built) -> str:
    """The engine's reason with our ids replaced by the names a person knows."""
    names = built.names

    def name(match: re.Match) -> str:
        """One id, or the id itself when the name is unknown."""
        return names[match[1]].get(int(match[2]), match[0])

    return ENGINE_ID.sub(name, text)


def wish_rank(built: Built, p: Placement) -> int | None:
    """The rank of the wish this placement meets (6: the last resort); None for requests."""
    student = built.students.get(p.subject_id)
    if student is None:
        return None
    offer = built.engine_offers.get(p.offer_id or "")
    wishes = student.wishes if p.kind == WORK_WEEK else student.shadowing_wishes
    for rank, wish in enumerate(wishes, start=1):
        if wish.offer_id == p.offer_id or (
            wish.field and offer is not None and wish.field in offer.fields
        ):
            return rank
    return LAST_RESORT_RANK


def travel_km(built: Built, p: Placement, road_factor: float) -> float | None:
    """Road km between the class's school and the place (0 for digital visits), from the
    coordinates the engine had (no query per placement)."""
    if p.mode == "digital":
        return 0.0
    class_id = built.class_of_student.get(p.subject_id) or _request_class(built, p.subject_id)
    school = built.school_at.get(built.school_of_class.get(class_id, ""))
    if p.role_model_id is not None:
        return None if school is None else 0.0  # the role model travels to the school
    offer = built.engine_offers.get(p.offer_id or "")
    if school is None or offer is None:
        return None
    return round(haversine_km(*school, offer.lat, offer.lon) * road_factor, 1)


def _request_class(built: Built, request_id: str) -> str:
    r = built.requests.get(request_id)
    return r.class_id if r is not None else ""


def placement_row(
    run: MatchRun, built: Built, p: Placement, reason: Reason | None, params: Params
) -> PlacementRow:
    """One engine placement as a Placement row of the run."""
    is_student = p.subject_id.startswith("student:")
    slot_id = built.slot_ids.get((p.offer_id, p.period)) if p.offer_id else None
    on_date = p.date if p.date is not None else _week_monday(built, p)
    return PlacementRow(
        run=run,
        student_id=number(p.subject_id) if is_student else None,
        request_id=None if is_student else number(p.subject_id),
        slot_id=slot_id,
        role_model_id=number(p.role_model_id),
        on_date=on_date,
        kind=p.kind,
        mode=p.mode,
        preference_rank=wish_rank(built, p) if is_student else None,
        travel_km=travel_km(built, p, params.road_factor),
        is_pinned=p in built.pins,
        reason=readable(reason.text, built) if reason else "",
        reason_code=reason.code if reason else "",
        reason_params=dict(reason.params) if reason else None,
    )


def _week_monday(built: Built, p: Placement) -> dt.date | None:
    """The first day of the work-week slot (read when the problem was built: no query)."""
    if p.kind != WORK_WEEK or p.offer_id is None:
        return None
    slot_id = built.slot_ids.get((p.offer_id, p.week))
    return built.slot_dates.get(slot_id) if slot_id is not None else None


def store_solution(run: MatchRun, built: Built, solution: Solution, params: Params) -> None:
    """Write placements, unmatched rows and figures; the season becomes matched; commits."""
    reasons = {(r.subject_id, r.kind): r for r in solution.reasons}
    placed = set()
    for p in solution.assignments:
        reason = reasons.get((p.subject_id, p.kind))
        db.session.add(placement_row(run, built, p, reason, params))
        placed.add((p.subject_id, p.kind))
    for r in solution.reasons:
        if (r.subject_id, r.kind) not in placed:
            db.session.add(_unmatched(run, r, readable(r.text, built)))
    db.session.flush()
    run.figures = figures_of(run, built, solution)
    run.objective, run.bound, run.gap = solution.objective, solution.bound, solution.gap
    run.status, run.progress, run.progress_label = "finished", 1.0, "done"
    run.finished_at = utcnow()
    season = db.session.get(Season, run.season_id)
    if season.status == "closed":
        season.status = "matched"
    db.session.commit()


def _unmatched(run: MatchRun, reason: Reason, text: str) -> Unmatched:
    ident = number(reason.subject_id)
    return Unmatched(
        run=run,
        student_id=ident if reason.subject == "student" else None,
        request_id=ident if reason.subject == "request" else None,
        offer_id=ident if reason.subject == "offer" else None,
        reason_code=reason.code,
        reason_params=dict(reason.params),
        reason=text,
    )


__all__ = ["key", "store_solution"]
