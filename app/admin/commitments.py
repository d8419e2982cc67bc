"""What a person is still to do for others: their role model's coming visits.

Deactivating a role model who has left leaves classes waiting for a visit nobody will make.
The administrator sees those visits before confirming, and can cancel them with the same
reason: each teacher is told, and calendars drop the visit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa

from app.accounts.models import User
from app.bookings import changes as booking_changes
from app.bookings.models import Booking
from app.bookings.rules import OPEN_STATUSES
from app.core.errors import DomainError
from app.core.model_base import utcnow
from app.extensions import db
from app.matching import changes as placement_changes
from app.seasons.models import MatchRun, Placement


@dataclass
class Commitments:
    """A person's coming visits: direct bookings and published season placements."""

    bookings: list[Booking] = field(default_factory=list)
    placements: list[Placement] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.bookings) + len(self.placements)


def upcoming(user: User) -> Commitments:
    """The coming visits of the user's role-model profiles, soonest first."""
    ids = [rm.id for rm in user.role_models]
    if not ids:
        return Commitments()
    bookings = db.session.scalars(
        sa.select(Booking)
        .where(
            Booking.role_model_id.in_(ids),
            Booking.status.in_(OPEN_STATUSES),
            Booking.starts_at > utcnow(),
        )
        .order_by(Booking.starts_at)
    ).all()
    placements = db.session.scalars(
        sa.select(Placement)
        .join(MatchRun)
        .where(
            Placement.role_model_id.in_(ids),
            MatchRun.status == "published",
            Placement.cancelled_at.is_(None),
            Placement.on_date >= utcnow().date(),
        )
        .order_by(Placement.on_date)
    ).all()
    return Commitments(list(bookings), [p for p in placements if placement_changes.can_cancel(p)])


def cancel_all(actor, user: User, reason: str) -> int:
    """Cancel every coming visit with the reason; returns how many were cancelled. One that
    changed meanwhile (declined, begun) is left as it is."""
    found, done = upcoming(user), 0
    work = [(booking_changes.cancel, b) for b in found.bookings]
    work += [(placement_changes.cancel_placement, p) for p in found.placements]
    for cancel, item in work:
        try:
            cancel(actor, item, reason)
            done += 1
        except DomainError:
            db.session.rollback()
    return done
