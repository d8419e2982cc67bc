"""The published run as it stands: its placements that are not cancelled, and the checks a
change by hand after publication goes through (a student placed by hand, a placement moved).

The run is checked against the capacities it was published with (the seats its placements
took given back), with the engine's own `validate`, so the week, grade, travel limit, school
share and capacity rules hold as they did for the batch.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

import sqlalchemy as sa

from app.companies.models import OfferSlot
from app.extensions import db
from app.matching.ids import key
from app.matching.params import params_for
from app.matching.problem_builder import Built
from app.matching.rows import at_slot
from app.schools.models import SchoolClass
from app.seasons.models import ClassRequest, MatchRun
from app.seasons.models import Placement as PlacementRow
from scheduler import Placement, Solution, school_shares, validate


class Active(NamedTuple):
    """A placement of the run that stands, as the engine sees it, with the seats it holds."""

    row_id: int
    slot_id: int
    seats: int
    placement: Placement


def active(run: MatchRun, kind: str) -> list[Active]:
    """The run's placements of this kind at an offer slot that are not cancelled (a student
    holds one seat, a class its size), read as plain columns (as ORM rows with their slots,
    a national run's 48,000 took 17 s)."""
    query = (
        sa.select(
            PlacementRow.id,
            PlacementRow.slot_id,
            PlacementRow.student_id,
            PlacementRow.request_id,
            SchoolClass.size,
            OfferSlot.offer_id,
            OfferSlot.date,
            PlacementRow.mode,
        )
        .join(OfferSlot, PlacementRow.slot_id == OfferSlot.id)
        .outerjoin(ClassRequest, PlacementRow.request_id == ClassRequest.id)
        .outerjoin(SchoolClass, ClassRequest.class_id == SchoolClass.id)
        .where(
            PlacementRow.run_id == run.id,
            PlacementRow.kind == kind,
            PlacementRow.cancelled_at.is_(None),
        )
    )
    out = []
    for row_id, slot_id, student_id, request_id, size, offer_id, day, mode in db.session.execute(
        query
    ):
        subject = key("student", student_id) if student_id else key("request", request_id)
        seats = 1 if student_id else size
        out.append(Active(row_id, slot_id, seats, at_slot(subject, kind, offer_id, day, mode)))
    return out


def as_published(built: Built, standing: list[Active]):
    """The season's problem with each slot's capacity as the run saw it: the seats its
    placements took at publication given back."""
    seats: Counter[int] = Counter()
    for placement in standing:
        seats[placement.slot_id] += placement.seats
    slot_ids = built.slot_ids
    offers = tuple(
        replace(
            offer,
            slots=tuple(
                replace(s, capacity=s.capacity + seats[slot_ids.get((offer.id, s.period), -1)])
                for s in offer.slots
            ),
        )
        for offer in built.problem.offers
    )
    return replace(built.problem, offers=offers, pins=(), previous=())


def broken_rules(
    built: Built, run: MatchRun, candidate: Placement, replacing: int | None = None
) -> set[str]:
    """The hard rules the candidate breaks when added to the run as it stands (in place of
    the placement `replacing`, for a move); a rule the run already bent by hand is not
    held against it."""
    standing = active(run, candidate.kind)
    problem, params = as_published(built, standing), params_for(run.season)
    others = tuple(p.placement for p in standing if p.row_id != replacing)

    def broken(placements: tuple[Placement, ...]) -> set[tuple[str, str]]:
        solution = Solution("feasible", placements, (), 0.0, 0.0, 0.0, 0.0)
        return {(v.rule, v.subject_id) for v in validate(problem, solution, params)}

    return {rule for rule, _subject in broken((*others, candidate)) - broken(others)}


def school_share_full(
    built: Built, run: MatchRun, kind: str, school_id: int, replacing: int | None = None
) -> Callable[[str, object], bool]:
    """A test whether the school already has its share of the company's places in the week of
    an (offer, period), with the run as it stands (without the placement `replacing`)."""
    standing = [p for p in active(run, kind) if p.row_id != replacing]
    problem = as_published(built, standing)
    shares = school_shares(problem, [p.placement for p in standing], params_for(run.season))
    school = key("school", school_id)
    company_of = {o.id: o.company_id for o in problem.offers}

    def full(offer_id: str, period) -> bool:
        week = period if isinstance(period, int) else period.isocalendar()[1]
        taken, limit = shares.get((school, company_of[offer_id], kind, week), (0, 1))
        return taken >= limit

    return full
