"""Feedback on a season's placements once they happened, and the season's report.

The lifecycle's "done" phase is for feedback and reports (DESIGN.md): after a work week,
a day of job shadowing or a visit, the host (a contact person of the company, or the role
model), a teacher of the class and the student each give a score from 1 to 5 and a comment,
once. The administrator reads the season's report: what was placed, cancelled, moved and
placed by hand per kind, and the scores by who gave them, with the comments. A student's
feedback goes with their placement when the season is archived.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app.accounts.models import User
from app.companies.models import Company
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.core.search import containing
from app.extensions import db
from app.matching.invites import school_class_of, times
from app.matching.review import with_school_and_company
from app.schools.models import School
from app.seasons.models import (
    FEEDBACK_ROLES,
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
        placement_id=placement.id,
        author_id=actor.id,
        role=role,
        score=score,
        comment=(comment or "").strip(),
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


def _published_run(season: Season) -> MatchRun | None:
    query = sa.select(MatchRun).where(
        MatchRun.season_id == season.id, MatchRun.status == "published"
    )
    return db.session.scalar(query.order_by(MatchRun.id.desc()).limit(1))


def report(season: Season) -> tuple[MatchRun | None, list[KindRow]]:
    """The published run and, per activity kind, its placements and the scores by role."""
    run = _published_run(season)
    if run is None:
        return None, []
    rows: dict[str, KindRow] = {}
    by_hand = Placement.created_at > run.published_at
    counts = sa.select(
        Placement.kind,
        sa.func.count(Placement.id).filter(Placement.cancelled_at.is_(None)),
        sa.func.count(Placement.cancelled_at),
        sa.func.count(Placement.changed_at).filter(Placement.cancelled_at.is_(None)),
        sa.func.count(Placement.id).filter(by_hand, Placement.cancelled_at.is_(None)),
    ).where(Placement.run_id == run.id)
    for kind, placed, cancelled, moved, hand in db.session.execute(counts.group_by(Placement.kind)):
        rows[kind] = KindRow(kind, placed, cancelled, moved, hand)
    scores = (
        sa.select(
            Placement.kind,
            PlacementFeedback.role,
            sa.func.count(PlacementFeedback.id),
            sa.func.avg(PlacementFeedback.score),
        )
        .join(Placement, PlacementFeedback.placement_id == Placement.id)
        .where(Placement.run_id == run.id)
        .group_by(Placement.kind, PlacementFeedback.role)
    )
    for kind, role, answered, mean in db.session.execute(scores):
        row = rows.setdefault(kind, KindRow(kind))
        row.answers[role], row.mean[role] = answered, float(mean)
    return run, [rows[kind] for kind in sorted(rows)]


def comments_query(run: MatchRun, search: str = "", role: str = "") -> sa.Select:
    """The run's feedback, newest first, searchable by company or school."""
    query = with_school_and_company(
        sa.select(PlacementFeedback)
        .join(Placement, PlacementFeedback.placement_id == Placement.id)
        .where(Placement.run_id == run.id)
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
