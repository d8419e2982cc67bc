"""Publish a run: take capacity atomically, give each placement a UID, queue the invites."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _

from app.bookings.capacity import take_role_model_visit
from app.companies.models import OfferSlot
from app.core import audit
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.matching.invites import placement_uid, queue_invites, school_class_of
from app.matching.rows import latest_run
from app.matching.summaries import queue_class_summaries
from app.seasons.models import MatchRun, Placement


def take_seats(slot_id: int, seats: int) -> bool:
    """Take `seats` places of a slot in one conditional UPDATE; False when they do not fit."""
    result = db.session.execute(
        sa.update(OfferSlot)
        .where(OfferSlot.id == slot_id, OfferSlot.taken + seats <= OfferSlot.capacity)
        .values(taken=OfferSlot.taken + seats)
        .execution_options(synchronize_session=False)
    )
    return result.rowcount == 1


def _take(placement: Placement) -> bool:
    """Take what the placement uses: a seat, a class's group, or a role model's visit."""
    if placement.role_model is not None:
        return take_role_model_visit(placement.role_model, placement.on_date.year)
    seats = 1 if placement.student_id is not None else school_class_of(placement).size
    return take_seats(placement.slot_id, seats)


def _check(run: MatchRun) -> None:
    if run.season.status == "published" or run.status == "published":
        raise DomainError(None, _("This season is already published."))
    if run.status != "finished" or run.season.status != "matched":
        raise DomainError(None, _("Only a finished run of a matched season can be published."))
    if latest_run(run.season).id != run.id:
        raise DomainError(None, _("A newer run exists. Publish the newest run."))


def publish_run(actor, run: MatchRun) -> int:
    """Turn the run's placements into confirmed activities; all or nothing. Returns messages."""
    _check(run)
    invites = 0
    for placement in sorted(run.placements, key=lambda p: p.id):
        if not _take(placement):
            db.session.rollback()
            raise DomainError(
                None,
                _(
                    "A place in the result is no longer free (placement %(id)s). Run again.",
                    id=placement.id,
                ),
            )
        placement.calendar_uid = placement_uid(placement)
        invites += queue_invites(placement)
    invites += queue_class_summaries(run)
    run.status, run.published_at = "published", utcnow()
    run.season.status = "published"
    audit.record(actor, "matching.published", run.season, run=run.id, invites=invites)
    db.session.commit()
    return invites
