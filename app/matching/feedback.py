"""Feedback on a season's placements once they happened, and the season's report.

The lifecycle's "done" phase is for feedback and reports (DESIGN.md): after a work week,
a day of job shadowing or a visit, the host (a contact person of the company, or the role
model), a teacher of the class and the student each give a score from 1 to 5 and a comment,
once. The administrator reads the season's report: what was placed, cancelled, moved and
placed by hand per kind, and the scores by who gave them, with the comments. The host reads
what the teacher and the student answered, on their list of earlier placements.

Archiving removes the students' placements, not the answers: each answer copies what it was
about, and the report's counts are kept on the run. A student's answer then keeps its score
and loses its author and comment.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.companies.models import Company, Offer, OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.search import containing
from app.extensions import db
from app.matching.invites import school_class_of, times
from app.schools.models import School, SchoolClass
from app.seasons.models import (
    FEEDBACK_ROLES,
    ClassRequest,
    MatchRun,
    Placement,
    PlacementFeedback,
    Season,
)

ROLE_LABELS = {
    "host": _l("Host"),
    "teacher": _l("Teacher"),
    "student": _l("Student"),
}


def role_of(user: User, placement: Placement) -> str | None:
    """Which side of the placement the user is on: the student, a teacher of the class's
    school, or the host (a contact person of the company, or the role model)."""
    if placement.student is not None and placement.student.user_id == user.id:
        return "student"
    school_id = school_class_of(placement).school_id
    if any(t.is_approved and t.school_id == school_id for t in user.teachers):
        return "teacher"
    if placement.role_model is not None:
        company_id = placement.role_model.company_id
        if placement.role_model.user_id == user.id:
            return "host"
    else:
        company_id = placement.slot.offer.company_id
    if any(cp.company_id == company_id for cp in user.contact_persons):
        return "host"
    return None


def is_over(placement: Placement) -> bool:
    """A published placement, not cancelled, whose activity has ended."""
    if placement.run.status != "published" or placement.cancelled_at is not None:
        return False
    return times(placement, school_class_of(placement).school.time_zone)[1] <= utcnow()


def given_by(user: User, placement: Placement) -> PlacementFeedback | None:
    """The user's feedback on the placement, if they gave it."""
    return next((f for f in placement.feedback if f.author_id == user.id), None)


def can_give(user: User, placement: Placement) -> bool:
    """The user is on a side of the placement, it is over, and they have not answered yet."""
    return (
        role_of(user, placement) is not None
        and is_over(placement)
        and given_by(user, placement) is None
    )


def about(placement: Placement) -> dict:
    """What an answer keeps of its placement, so it outlives the placement's archiving."""
    school_class = school_class_of(placement)
    return {
        "placement": placement,
        "season_id": placement.run.season_id,
        "kind": placement.kind,
        "company_id": company_of(placement).id,
        "school_id": school_class.school_id,
        "class_name": school_class.name,
        "activity_on": placement.on_date or placement.slot.date,
    }


def give_feedback(actor: User, placement: Placement, score: int | None, comment: str):
    """One score (1–5) and comment per person and placement, after it happened."""
    role = role_of(actor, placement)
    if role is None:
        raise DomainError(None, _("Only the host, the class's teacher and the student answer."))
    if not is_over(placement):
        raise DomainError(None, _("You can give feedback after the activity."))
    if score is None or not 1 <= score <= 5:
        raise DomainError("score", _("Choose a score from 1 to 5."))
    if given_by(actor, placement) is not None:
        raise DomainError(None, _("You have already given feedback on this activity."))
    feedback = PlacementFeedback(
        author_id=actor.id,
        role=role,
        score=score,
        comment=(comment or "").strip(),
        **about(placement),
    )
    db.session.add(feedback)
    try:
        db.session.flush()
    except IntegrityError:  # the same person answering twice at once
        db.session.rollback()
        raise DomainError(None, _("You have already given feedback on this activity.")) from None
    audit.record(actor, "matching.feedback", placement, score=score, role=role)
    db.session.commit()
    return feedback


@dataclass
class KindRow:
    """One activity kind of the season's report."""

    kind: str
    placed: int = 0
    cancelled: int = 0
    moved: int = 0
    by_hand: int = 0
    answers: dict[str, int] = field(default_factory=dict)  # role -> how many answered
    mean: dict[str, float] = field(default_factory=dict)  # role -> mean score


def published_run(season: Season) -> MatchRun | None:
    query = sa.select(MatchRun).where(
        MatchRun.season_id == season.id, MatchRun.status == "published"
    )
    return db.session.scalar(query.order_by(MatchRun.id.desc()).limit(1))


def counts(run: MatchRun) -> dict[str, list[int]]:
    """Per kind: placed (standing now), cancelled, moved and placed by hand after publishing."""
    by_hand = Placement.created_at > run.published_at
    query = sa.select(
        Placement.kind,
        sa.func.count(Placement.id).filter(Placement.cancelled_at.is_(None)),
        sa.func.count(Placement.cancelled_at),
        sa.func.count(Placement.changed_at).filter(Placement.cancelled_at.is_(None)),
        sa.func.count(Placement.id).filter(by_hand, Placement.cancelled_at.is_(None)),
    ).where(Placement.run_id == run.id)
    return {kind: list(row) for kind, *row in db.session.execute(query.group_by(Placement.kind))}


def report(season: Season) -> tuple[MatchRun | None, list[KindRow]]:
    """The published run and, per activity kind, its placements and the scores by role
    (after archiving, the counts kept on the run)."""
    run = published_run(season)
    if run is None:
        return None, []
    kept = run.archived_counts if run.archived_counts is not None else counts(run)
    rows = {kind: KindRow(kind, *values) for kind, values in kept.items()}
    scores = (
        sa.select(
            PlacementFeedback.kind,
            PlacementFeedback.role,
            sa.func.count(PlacementFeedback.id),
            sa.func.avg(PlacementFeedback.score),
        )
        .where(PlacementFeedback.season_id == season.id)
        .group_by(PlacementFeedback.kind, PlacementFeedback.role)
    )
    for kind, role, answered, mean in db.session.execute(scores):
        row = rows.setdefault(kind, KindRow(kind))
        row.answers[role], row.mean[role] = answered, float(mean)
    return run, [rows[kind] for kind in sorted(rows)]


def comments_query(season: Season, search: str = "", role: str = "") -> sa.Select:
    """The season's feedback, newest first, searchable by company or school."""
    query = (
        sa.select(PlacementFeedback)
        .where(PlacementFeedback.season_id == season.id)
        .outerjoin(Company, PlacementFeedback.company_id == Company.id)
        .outerjoin(School, PlacementFeedback.school_id == School.id)
    )
    if role in FEEDBACK_ROLES:
        query = query.where(PlacementFeedback.role == role)
    query = containing(query, search, Company.name, School.name)
    return query.order_by(PlacementFeedback.created_at.desc(), PlacementFeedback.id.desc())


def company_of(placement: Placement) -> Company:
    """The company that hosted the placement (its offer's, or the role model's)."""
    if placement.role_model is not None:
        return placement.role_model.company
    return placement.slot.offer.company


def host_scores(company: Company) -> dict[str, tuple[float, int]]:
    """What teachers and students answered about the company's placements, all seasons
    (archived ones included): role -> (mean score, answers)."""
    query = (
        sa.select(
            PlacementFeedback.role,
            sa.func.avg(PlacementFeedback.score),
            sa.func.count(PlacementFeedback.id),
        )
        .where(PlacementFeedback.company_id == company.id, PlacementFeedback.role != "host")
        .group_by(PlacementFeedback.role)
    )
    return {role: (float(mean), n) for role, mean, n in db.session.execute(query)}


def waiting_for(user: User, limit: int = 10) -> list[Placement]:
    """The placements of published or done seasons the user can still answer on, oldest
    first: as host (a contact person or the role model) or as teacher of a class's visit.
    (A student answers on their own placement's card.)"""
    sides = []
    company_ids = [cp.company_id for cp in user.contact_persons]
    if company_ids:
        sides.append(
            Placement.slot_id.in_(
                sa.select(OfferSlot.id)
                .join(Offer, OfferSlot.offer_id == Offer.id)
                .where(Offer.company_id.in_(company_ids))
            )
        )
    if user.role_models:
        sides.append(Placement.role_model_id.in_([rm.id for rm in user.role_models]))
    school_ids = [t.school_id for t in user.teachers if t.is_approved]
    if school_ids:
        sides.append(
            Placement.request_id.in_(
                sa.select(ClassRequest.id)
                .join(SchoolClass, ClassRequest.class_id == SchoolClass.id)
                .where(SchoolClass.school_id.in_(school_ids))
            )
        )
    if not sides:
        return []
    answered = sa.select(PlacementFeedback.placement_id).where(
        PlacementFeedback.author_id == user.id, PlacementFeedback.placement_id.is_not(None)
    )
    day = sa.func.coalesce(Placement.on_date, OfferSlot.date)
    last_day = sa.func.coalesce(OfferSlot.end_date, day)
    query = (
        sa.select(Placement)
        .join(MatchRun, Placement.run_id == MatchRun.id)
        .join(Season, MatchRun.season_id == Season.id)
        .outerjoin(OfferSlot, Placement.slot_id == OfferSlot.id)
        .where(
            MatchRun.status == "published",
            Season.status.in_(("published", "done")),
            Placement.cancelled_at.is_(None),
            last_day <= utcnow().date(),
            Placement.id.not_in(answered),
            sa.or_(*sides),
        )
        .order_by(day, Placement.id)
        .limit(limit * 3)  # a few more: one ending later today is not over yet
    )
    return [p for p in db.session.scalars(query) if can_give(user, p)][:limit]


def forget_student(user: User) -> int:
    """Delete a student's own answers before their account goes (students are minors: keep
    nothing); the row would otherwise outlive the placement and the author. Returns how many."""
    statement = sa.delete(PlacementFeedback).where(
        PlacementFeedback.author_id == user.id, PlacementFeedback.role == "student"
    )
    return db.session.execute(statement).rowcount
